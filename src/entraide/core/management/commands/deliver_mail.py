"""Deliver the mails that are due: retries whose time has come, mails whose worker died while
sending, and mails whose task was never enqueued. `entraide clock` runs it every minute; in
production, cron or a systemd timer can (it is safe to run at any time, and concurrently)."""

from django.core.management.base import BaseCommand

from entraide.core import outbox


class Command(BaseCommand):
    help = "Deliver the outbox's due mails (retries and lost tasks)."

    def handle(self, *args, **options):
        counts = outbox.deliver_due()
        if any(counts.values()):
            self.stdout.write("sent: {sent}, to retry: {queued}, failed: {failed}".format(**counts))
