"""Run the periodic commands of ENTRAIDE_PERIODIC at their intervals, for `entraide serve`
(production uses cron or systemd timers instead). Each command is safe to run at any time."""

import logging
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Call the periodic commands (reminders, data erasure) at their intervals, forever."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run each command once and stop")

    def handle(self, *args, once=False, **options):
        due = dict.fromkeys(settings.ENTRAIDE_PERIODIC, 0.0)
        while True:
            now = time.monotonic()
            for name, every in settings.ENTRAIDE_PERIODIC.items():
                if now >= due[name]:
                    try:
                        call_command(name)
                    except Exception:  # one failing command must not stop the others
                        log.exception("periodic command %s failed", name)
                    due[name] = now + every
            if once:
                return
            time.sleep(max(1.0, min(due.values()) - time.monotonic()))
