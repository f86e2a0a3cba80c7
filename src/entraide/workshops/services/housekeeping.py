"""Periodic work, run by management commands that cron can call every few minutes."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from entraide.workshops import notifications
from entraide.workshops.models import Registration, RegistrationStatus, Status, Workshop

log = logging.getLogger(__name__)
REMINDER_AHEAD = timedelta(hours=24)


def send_reminders(now=None) -> int:
    """Remind confirmed participants of workshops starting within 24 hours, once each.

    Each reminder is claimed by an UPDATE … WHERE reminder_sent_at IS NULL before its mail is
    queued in the same transaction: two copies of the command running at once cannot both
    claim the same registration (the second UPDATE matches no row)."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        reminder_sent_at__isnull=True,
        workshop__status=Status.PUBLISHED,
        workshop__starts_at__gt=now,
        workshop__starts_at__lte=now + REMINDER_AHEAD,
    ).exclude(email="")
    sent = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            claimed = Registration.objects.filter(pk=pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if claimed:
                registration = Registration.objects.select_related(
                    "workshop", "workshop__place"
                ).get(pk=pk)
                notifications.reminder(registration)
                sent += 1
    log.info("reminders sent: %s", sent)
    return sent


def erase_old_personal_data(now=None) -> int:
    """Erase names, addresses and needs of registrations ENTRAIDE_RETENTION_DAYS after their
    workshop; the rows stay, anonymous, so that counts and attendance rates remain."""
    now = now or timezone.now()
    limit = now - timedelta(days=settings.ENTRAIDE_RETENTION_DAYS)
    workshops = Workshop.objects.filter(data_erased_at__isnull=True).filter(
        Q(starts_at__lt=limit) | Q(starts_at__isnull=True, updated_at__lt=limit)
    )
    erased = 0
    for workshop in workshops:
        with transaction.atomic():
            workshop.registrations.update(
                name="", email="", needs="", user=None, link_key="", token_digest=""
            )
            Workshop.objects.filter(pk=workshop.pk).update(data_erased_at=now)
            erased += 1
    Registration.objects.filter(
        status=RegistrationStatus.PENDING,
        created_at__lt=now - timedelta(hours=settings.ENTRAIDE_CONFIRMATION_HOURS),
    ).delete()  # requests never confirmed: nothing to keep
    log.info("personal data of %s workshops erased", erased)
    return erased
