"""Remind confirmed participants the day before their workshop. Call it from cron every few
minutes: each reminder leaves once, even when two copies run at the same time."""

from django.core.management.base import BaseCommand

from entraide.workshops.services import send_reminders


class Command(BaseCommand):
    help = "Send the reminders of workshops starting within 24 hours (each one only once)."

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"{sent} reminder(s) queued")
