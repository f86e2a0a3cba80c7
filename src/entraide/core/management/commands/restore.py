"""entraide restore ARCHIVE [--force]: put back an archive made by entraide backup into the
data folder (see entraide.core.backups)."""

from django.core.management.base import BaseCommand, CommandError

from entraide.core import backups


class Command(BaseCommand):
    help = (
        "Restore an archive made by entraide backup into the data folder: the SQLite database, "
        "the secret key and the uploaded files. Stop the site first."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--force", action="store_true", help="replace the database the site already has"
        )

    def handle(self, *args, archive, force=False, **options):
        try:
            report = backups.restore(archive, force=force)
        except (OSError, backups.BackupError) as error:
            raise CommandError(str(error)) from error
        short = [note for note in report.notes if "\n" not in note and len(note) < 40]
        self.stdout.write(f"Restored from {archive}: {', '.join(short)}.")
        for note in report.notes:
            if note not in short:
                self.stdout.write(note)
