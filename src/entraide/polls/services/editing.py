"""Organisers change a poll after opening it: its title, description and closing date, its
slots (adding some, or removing some with the answers given to them), or delete it while nobody
has answered. Each in one transaction, with the poll's row locked, so an answer arriving
meanwhile is either counted or refused, never half done."""

import logging

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from entraide.core.errors import DomainError
from entraide.polls.errors import PollErrorCode
from entraide.polls.models import MAX_SLOTS, Choice, Poll, Slot
from entraide.polls.services.organising import check_slots

log = logging.getLogger(__name__)

EDITABLE = ("title", "description", "closes_at")


def update_poll(poll, *, by, fields: dict) -> Poll:
    """Title, description, closing date; the address (slug) stays, so shared links work."""
    with transaction.atomic():
        locked = Poll.objects.select_for_update().get(pk=poll.pk)
        closes_at = fields.get("closes_at", locked.closes_at)
        if closes_at != locked.closes_at and closes_at is not None and closes_at <= timezone.now():
            raise DomainError(
                _("The closing date must be in the future."),
                code=PollErrorCode.CLOSING_DATE_IN_PAST,
                field="closes_at",
            )
        for name in EDITABLE:
            if name in fields:
                setattr(locked, name, fields[name])
        locked.save()
    log.info("poll %s edited by user %s", poll.pk, by.pk)
    return locked


def _locked_with_open_slots(poll) -> Poll:
    locked = Poll.objects.select_for_update().get(pk=poll.pk)
    if locked.chosen_slot_id is not None:
        raise DomainError(
            _("The date of this poll is fixed: its slots can no longer change."),
            code=PollErrorCode.DATE_FIXED,
            field="slots",
        )
    return locked


def add_slots(poll, slots, *, by) -> int:
    """Add the slots the poll does not have yet; answers already given stay, and their authors
    may add their answer for the new slots through their link."""
    with transaction.atomic():
        locked = _locked_with_open_slots(poll)
        existing = set(locked.slots.values_list("starts_at", "ends_at"))
        new = sorted(set(slots) - existing)
        if not new:
            raise DomainError(
                _("These slots are already in the poll."),
                code=PollErrorCode.SLOTS_ALREADY_IN_POLL,
                field="slots",
            )
        check_slots(new)
        if len(existing) + len(new) > MAX_SLOTS:
            raise DomainError(
                _("At most %(max)s slots per poll (here %(count)s): split it into several polls.")
                % {"max": MAX_SLOTS, "count": len(existing) + len(new)},
                code=PollErrorCode.TOO_MANY_SLOTS,
                field="slots",
            )
        Slot.objects.bulk_create(Slot(poll=locked, starts_at=s, ends_at=e) for s, e in new)
    log.info("poll %s: %s slots added by user %s", poll.pk, len(new), by.pk)
    return len(new)


def answers_per_slot(poll) -> dict[int, int]:
    """How many people answered each slot (one query)."""
    rows = (
        Choice.objects.filter(slot__poll=poll)
        .values("slot_id")
        .annotate(n=Count("pk"))
        .values_list("slot_id", "n")
        .order_by()
    )
    return dict(rows)


def remove_slots(poll, slot_ids, *, by, expected_answers=None) -> tuple[int, int]:
    """Remove slots and every answer given to them; `expected_answers` is the number the
    organiser was warned of: if answers came or went meanwhile, nothing is removed and they
    are warned again. Returns (slots removed, answers removed)."""
    ids = set(slot_ids)
    if not ids:
        raise DomainError(_("Tick the slots to remove."), code=PollErrorCode.NO_SLOT, field="slots")
    with transaction.atomic():
        locked = _locked_with_open_slots(poll)
        slots = list(locked.slots.filter(pk__in=ids))
        if len(slots) != len(ids):
            raise DomainError(
                _(
                    "One of these slots is no longer in the poll (removed meanwhile?): check the "
                    "list again."
                ),
                code=PollErrorCode.SLOT_NOT_IN_POLL,
                field="slots",
            )
        if locked.slots.count() == len(slots):
            raise DomainError(
                _("A poll keeps at least one slot: close it or delete it instead."),
                code=PollErrorCode.LAST_SLOT,
                field="slots",
            )
        answers = Choice.objects.filter(slot__in=slots).count()
        if expected_answers is not None and answers != expected_answers:
            raise DomainError(
                _("Answers arrived or changed meanwhile: check the counts again."),
                code=PollErrorCode.ANSWERS_CHANGED,
                field="slots",
            )
        Slot.objects.filter(pk__in=[s.pk for s in slots]).delete()
    log.info(
        "poll %s: %s slots and %s answers removed by user %s", poll.pk, len(slots), answers, by.pk
    )
    return len(slots), answers


def deletion_refusal(answers: int) -> str | None:
    """Why a poll with `answers` answers cannot be deleted (None: it can)."""
    if not answers:
        return None
    return ngettext(
        "This poll has %(count)s answer: it cannot be deleted. You can close it.",
        "This poll has %(count)s answers: it cannot be deleted. You can close it.",
        answers,
    ) % {"count": answers}


def delete_poll(poll, *, by) -> None:
    """Only while nobody has answered: answers are people's availabilities, not the
    organisers' to throw away (they can close the poll)."""
    with transaction.atomic():
        locked = Poll.objects.select_for_update().filter(pk=poll.pk).first()
        if locked is None:
            return
        refusal = deletion_refusal(locked.participants.count())
        if refusal:
            raise DomainError(refusal, code=PollErrorCode.POLL_HAS_ANSWERS)
        locked.delete()
    log.info("poll %s deleted by user %s", poll.pk, by.pk)
