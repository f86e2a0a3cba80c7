"""How the outbox is doing, for the site administrator or a monitoring check: counts by status,
and the mails that failed for good with their last error. Exits with status 1 when some mail
failed or has waited more than an hour, so that cron or a monitoring tool can warn."""

import sys
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db.models import Count
from django.utils import timezone

from entraide.core.models import OutgoingMail

Status = OutgoingMail.Status


class Command(BaseCommand):
    help = "Show the outbox: mails queued, sending, sent and failed; exit 1 if some failed."

    def handle(self, *args, **options):
        counts = dict(OutgoingMail.objects.values_list("status").annotate(n=Count("pk")).order_by())
        self.stdout.write(", ".join(f"{value}: {counts.get(value, 0)}" for value in Status.values))
        late = OutgoingMail.objects.filter(
            status__in=[Status.QUEUED, Status.SENDING],
            created_at__lt=timezone.now() - timedelta(hours=1),
        ).count()
        if late:
            self.stdout.write(f"waiting for more than an hour: {late}")
        failed = OutgoingMail.objects.filter(status=Status.FAILED).order_by("created_at")
        for mail in failed[:50]:
            self.stdout.write(
                f"failed #{mail.pk} queued {mail.created_at:%Y-%m-%d %H:%M} "
                f"after {mail.attempts} attempts: {mail.last_error}"
            )
        if late or failed.exists():
            sys.exit(1)
