"""The mails that go to many participants: the daily reminders and the summary at the end, sent
by the periodic command; the organisers' message to everyone taking part.

Each reminder and summary is claimed before its mail is queued, in the same transaction, on
rows locked with SKIP LOCKED (PostgreSQL; SQLite runs one writer at a time): two copies of the
command running at once take different participants, and none is mailed twice."""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from entraide.challenges import notifications
from entraide.challenges.errors import ChallengeErrorCode
from entraide.challenges.models import (
    HALF_UNITS,
    Challenge,
    CheckIn,
    Participant,
    Status,
)
from entraide.challenges.services.progress import progress
from entraide.core import registry
from entraide.core.errors import DomainError

log = logging.getLogger(__name__)

BATCH = 500
SUBJECT_MAX = 200
BODY_MAX = 10_000
SAME_MESSAGE_SECONDS = 10 * 60  # the same message to everyone is refused again for so long


def _taking_part(challenge):
    return Participant.objects.filter(
        challenge=challenge, confirmed_at__isnull=False, left_at__isnull=True
    )


def _claim_batches(due, claim: dict):
    """Lock, claim and yield the due participants, BATCH at a time, each batch in its own
    transaction (its mails are queued before it commits)."""
    while True:
        with transaction.atomic():
            batch = list(due.select_for_update(skip_locked=True).order_by("pk")[:BATCH])
            if not batch:
                return
            Participant.objects.filter(pk__in=[p.pk for p in batch]).update(**claim)
            yield batch


def _running(now):
    """Published challenges whose days may include today somewhere (any time zone)."""
    day = now.date()
    return Challenge.objects.filter(
        published_at__isnull=False,
        starts_on__lte=day + timedelta(days=1),
        ends_on__gte=day - timedelta(days=1),
    ).select_related("place")


def send_reminders(now=None) -> int:
    """Mail each participant who asked for it their daily reminder, once a day, from their
    hour on (in the challenge's time zone), unless they have already checked in today."""
    now = now or timezone.now()
    sent = 0
    for challenge in _running(now):
        local = now.astimezone(challenge.zone)
        today = local.date()
        if not challenge.starts_on <= today <= challenge.ends_on:
            continue
        due = (
            _taking_part(challenge)
            .filter(reminder_hour__lte=local.hour)
            .filter(Q(reminded_on__isnull=True) | Q(reminded_on__lt=today))
            .exclude(pk__in=CheckIn.objects.filter(day=today).values("participant_id"))
        )
        for batch in _claim_batches(due, {"reminded_on": today}):
            for participant in batch:
                participant.challenge = challenge
                notifications.reminder(participant, challenge, today)
            sent += len(batch)
    log.info("challenge reminders queued: %s", sent)
    return sent


def _coming_at(challenge, language):
    """What the place offers next (workshops, surveys, challenges: through the registry),
    worded in `language`; the challenge itself left out."""
    with translation.override(language):
        items = registry.place_activities(challenge.place)
    return [item for item in items if item.url != challenge.get_absolute_url()][:4]


def send_summaries(now=None) -> int:
    """Once a challenge's days are over, mail each participant their summary, once."""
    now = now or timezone.now()
    sent = 0
    ended = Challenge.objects.filter(
        published_at__isnull=False,
        ends_on__lt=now.date() + timedelta(days=1),
        ends_on__gte=now.date() - timedelta(days=30),
    ).select_related("place")
    for challenge in ended:
        if not challenge.is_over(challenge.today(now)):
            continue
        due = _taking_part(challenge).filter(summary_sent_at__isnull=True)
        together, coming = None, {}  # the group's figures; what comes next, by language
        for batch in _claim_batches(due, {"summary_sent_at": now}):
            together = together or progress(challenge, today=challenge.today(now))
            days = {}
            for participant_id, day, status in CheckIn.objects.filter(
                participant__in=batch
            ).values_list("participant_id", "day", "status"):
                checked, units = days.get(participant_id, (set(), 0))
                checked.add(day)
                days[participant_id] = (checked, units + HALF_UNITS[Status(status)])
            for participant in batch:
                participant.challenge = challenge
                checked, units = days.get(participant.pk, (set(), 0))
                kept = units // 2 if units % 2 == 0 else units / 2  # "3", "2,5"
                language = participant.language or settings.LANGUAGE_CODE
                if language not in coming:
                    coming[language] = _coming_at(challenge, language)
                notifications.summary(
                    participant,
                    challenge,
                    kept_days=kept,
                    checked_days=len(checked),
                    together=together,
                    coming=coming[language],
                )
            sent += len(batch)
    log.info("challenge summaries queued: %s", sent)
    return sent


def write_to_all(challenge: Challenge, *, subject: str, body: str) -> int:
    """The organisers' message to everyone taking part (confirmed, not left); the same subject
    and words again within SAME_MESSAGE_SECONDS are refused (a double tap)."""
    subject, body = " ".join((subject or "").split()), (body or "").strip()
    for field, value, limit in (("subject", subject, SUBJECT_MAX), ("body", body, BODY_MAX)):
        if not value:
            raise DomainError(
                _("This field is required."), code=ChallengeErrorCode.EMPTY, field=field
            )
        if len(value) > limit:
            raise DomainError(
                _("At most %(max)s characters (there are %(count)s).")
                % {"max": limit, "count": len(value)},
                code=ChallengeErrorCode.TOO_LONG,
                field=field,
            )
    # A double tap on "Send" (two requests, maybe two workers): the shared cache lets one by.
    digest = hashlib.sha256(f"{subject}\n{body}".encode()).hexdigest()
    sent_key = f"challenges:message:{challenge.pk}:{digest}"
    if not cache.add(sent_key, True, timeout=SAME_MESSAGE_SECONDS):
        raise DomainError(
            _("This message has just been sent to everyone taking part."),
            code=ChallengeErrorCode.ALREADY_SENT,
        )
    try:
        with transaction.atomic():
            participants = list(_taking_part(challenge).order_by("pk"))
            for participant in participants:
                participant.challenge = challenge
                notifications.message(participant, challenge, subject=subject, body=body)
    except Exception:
        cache.delete(sent_key)  # nothing went: it may be sent again
        raise
    log.info("challenge %s: message to %s participants", challenge.pk, len(participants))
    return len(participants)
