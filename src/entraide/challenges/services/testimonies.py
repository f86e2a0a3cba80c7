"""Testimonies: a participant tells of their challenge, anonymously unless they sign; the
organisers read each one before it is published, or hide it with a reason."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.challenges.errors import ChallengeErrorCode
from entraide.challenges.models import (
    HIDDEN_REASON_MAX,
    SIGNATURE_MAX,
    TESTIMONY_MAX,
    Participant,
    Testimony,
    TestimonyStatus,
)
from entraide.core.errors import DomainError

log = logging.getLogger(__name__)

MAX_WAITING = 3  # testimonies of one participant waiting for moderation at once


def _too_long(field, limit, count):
    return DomainError(
        _("At most %(max)s characters (there are %(count)s).") % {"max": limit, "count": count},
        code=ChallengeErrorCode.TOO_LONG,
        field=field,
    )


def leave_testimony(
    participant: Participant, text: str, *, signed: bool = False, signature: str = ""
) -> Testimony:
    """A testimony waiting for moderation: anonymous by default; signed, with `signature`
    (the participant's name or pseudonym when empty). The same words again while the first
    waits (a double tap) return it: never two of them."""
    if participant.confirmed_at is None:
        raise DomainError(
            _("Confirm your participation first, with the link you received by mail."),
            code=ChallengeErrorCode.NOT_TAKING_PART,
        )
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write your testimony."), code=ChallengeErrorCode.EMPTY, field="text")
    if len(text) > TESTIMONY_MAX:
        raise _too_long("text", TESTIMONY_MAX, len(text))
    signature = " ".join((signature or "").split()) if signed else ""
    if signed and not signature:
        signature = participant.display_name
    if len(signature) > SIGNATURE_MAX:
        raise _too_long("signature", SIGNATURE_MAX, len(signature))
    with transaction.atomic():
        # One testimony of a person at a time: a double tap finds the first one waiting.
        Participant.objects.select_for_update().filter(pk=participant.pk).first()
        pending = participant.testimonies.filter(status=TestimonyStatus.PENDING)
        same = pending.filter(text=text, signed=signed, signature=signature).first()
        if same is not None:
            return same
        if pending.count() >= MAX_WAITING:
            raise DomainError(
                _("Your testimonies are waiting to be read: leave another once they are."),
                code=ChallengeErrorCode.TOO_MANY_TESTIMONIES,
            )
        testimony = Testimony.objects.create(
            challenge_id=participant.challenge_id,
            participant=participant,
            text=text,
            signed=signed,
            signature=signature,
        )
    log.info("challenge %s: testimony %s left", participant.challenge_id, testimony.pk)
    return testimony


def publish_testimony(testimony: Testimony) -> Testimony:
    testimony.status = TestimonyStatus.PUBLISHED
    testimony.hidden_reason = ""
    testimony.moderated_at = timezone.now()
    testimony.save(update_fields=["status", "hidden_reason", "moderated_at"])
    return testimony


def hide_testimony(testimony: Testimony, reason: str) -> Testimony:
    """Hide it (never published, or no longer), saying why: the organisers' record."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise DomainError(
            _("Say why it is hidden."), code=ChallengeErrorCode.NO_REASON, field="reason"
        )
    if len(reason) > HIDDEN_REASON_MAX:
        raise _too_long("reason", HIDDEN_REASON_MAX, len(reason))
    with transaction.atomic():
        testimony.status = TestimonyStatus.HIDDEN
        testimony.hidden_reason = reason
        testimony.moderated_at = timezone.now()
        testimony.save(update_fields=["status", "hidden_reason", "moderated_at"])
    return testimony


def waiting(challenge):
    """Testimonies to moderate, oldest first."""
    return challenge.testimonies.filter(status=TestimonyStatus.PENDING).order_by("created_at", "pk")


def published(challenge):
    """What the public page shows: the text, and the signature of signed ones only."""
    return challenge.testimonies.filter(status=TestimonyStatus.PUBLISHED).only(
        "text", "signed", "signature", "created_at"
    )
