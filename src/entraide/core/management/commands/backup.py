"""entraide backup [--output DIR]: one dated archive of the site (see entraide.core.backups)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from entraide.core import backups


class Command(BaseCommand):
    help = (
        "Write a dated .tar.gz (mode 0600) with the SQLite database, the secret key and the "
        "uploaded files; with PostgreSQL, explain the pg_dump command to run beside it."
    )
    requires_system_checks = []  # a backup must not wait for a configuration fix

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=None,
            help="folder for the archive (default: backups/ in the data folder)",
        )

    def handle(self, *args, output=None, **options):
        try:
            report = backups.back_up(output or settings.DATA_DIR / "backups")
        except (OSError, backups.BackupError) as error:
            raise CommandError(f"The backup failed: {error}") from error
        short = [note for note in report.notes if "\n" not in note]
        size = backups.size(report.path)
        holds = f" with {', '.join(short)}" if short else ", with the notes below"
        self.stdout.write(f"Backup written: {report.path} ({size}){holds}.")
        for note in report.notes:
            if "\n" in note:
                self.stdout.write(note)
