"""Delete the amendments and signatures whose address was not confirmed in time. Call it
daily (cron, systemd timer, or `entraide clock`)."""

from django.core.management.base import BaseCommand

from entraide.manifestos.services.housekeeping import drop_unconfirmed


class Command(BaseCommand):
    help = "Delete manifesto amendments and signatures left unconfirmed past their time."

    def handle(self, *args, **options):
        amendments, signatures = drop_unconfirmed()
        self.stdout.write(
            f"unconfirmed: {amendments} amendment(s) and {signatures} signature(s) deleted"
        )
