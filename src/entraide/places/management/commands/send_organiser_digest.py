"""Mail organisers the daily summary of their places. Call it from cron every hour (or once a
day after 7:00): each person receives at most one summary a day, even when two copies run at
the same time."""

from django.core.management.base import BaseCommand

from entraide.places.digest import send_organiser_digests


class Command(BaseCommand):
    help = "Send organisers the daily summary of their places (at most one a day each)."

    def handle(self, *args, **options):
        sent = send_organiser_digests()
        self.stdout.write(f"{sent} daily summary(ies) queued")
