"""Load the demo data: each capability's `demo.py` has a `load()` that is safe to run again."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string, module_has_submodule


class Command(BaseCommand):
    help = "Load the demo data (the story of the seeds). Running it again changes nothing."

    def handle(self, *args, **options):
        notes = []
        with transaction.atomic():
            for config in apps.get_app_configs():
                if config.name.startswith("entraide.") and module_has_submodule(
                    config.module, "demo"
                ):
                    notes += import_string(f"{config.name}.demo.load")() or []
        for line in notes:
            self.stdout.write(line)
