"""Forget what the queues no longer need: delivered mails after ENTRAIDE_MAIL_KEEP_DAYS (they
hold no message already), failed ones after ENTRAIDE_FAILED_MAIL_KEEP_DAYS, and finished
background tasks after ENTRAIDE_TASK_KEEP_DAYS, and the rate limits' windows that are over.
Daily, from `entraide clock` or cron."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from entraide.core import outbox, rate_limits


class Command(BaseCommand):
    help = (
        "Delete delivered mails, old failed mails, finished background tasks and the rate "
        "limits' past windows."
    )

    def handle(self, *args, **options):
        sent, failed = outbox.prune()
        tasks = self._prune_tasks()
        windows = rate_limits.prune()
        self.stdout.write(
            f"pruned: {sent} sent mails, {failed} failed mails, {tasks} tasks, "
            f"{windows} rate limit windows"
        )

    def _prune_tasks(self):
        from django_tasks import task_backends
        from django_tasks_db import DatabaseBackend
        from django_tasks_db.models import DBTaskResult

        backend = task_backends["default"]
        if not isinstance(backend, DatabaseBackend):
            return 0
        cutoff = timezone.now() - timedelta(days=settings.ENTRAIDE_TASK_KEEP_DAYS)
        lost = cutoff - timedelta(seconds=settings.ENTRAIDE_MAIL_LEASE_SECONDS)
        results = DBTaskResult.objects.filter(backend_name=backend.alias)
        # A task still "running" long after it started belongs to a worker that died; what it
        # was doing is redone from the outbox, so the row only needs to go.
        deleted, _ = (
            results.finished().filter(finished_at__lt=cutoff)
            | results.running().filter(started_at__lt=lost)
        ).delete()
        return deleted
