"""Erase the personal data of registrations ENTRAIDE_RETENTION_DAYS after their workshop (and
requests never confirmed). Call it daily from cron."""

from django.core.management.base import BaseCommand

from entraide.workshops.services import erase_old_personal_data


class Command(BaseCommand):
    help = "Erase names, addresses and needs of old registrations, keeping anonymous counts."

    def handle(self, *args, **options):
        erased = erase_old_personal_data()
        self.stdout.write(f"personal data of {erased} workshop(s) erased")
