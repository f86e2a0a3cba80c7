"""The daily reminders of challenges, and the summary once a challenge is over. Call it from
cron every few minutes: each mail leaves once, even when two copies run at the same time."""

from django.core.management.base import BaseCommand

from entraide.challenges.services import send_reminders, send_summaries


class Command(BaseCommand):
    help = "Queue the challenges' daily reminders and end-of-challenge summaries (each once)."

    def handle(self, *args, **options):
        reminders, summaries = send_reminders(), send_summaries()
        self.stdout.write(f"{reminders} reminder(s), {summaries} summary(ies) queued")
