"""What organisers do with a poll: create it, close it, fix a slot (which gives the linked
workshop its date through the workshops app)."""

import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError
from entraide.core.slugs import save_with_unique_slug
from entraide.polls import notifications
from entraide.polls.errors import PollErrorCode
from entraide.polls.models import MAX_SLOTS, Poll, Slot
from entraide.polls.services.registering import registration_url
from entraide.polls.services.results import results
from entraide.workshops import services as workshop_services

log = logging.getLogger(__name__)


def check_slots(slots: list[tuple[datetime, datetime]], now=None, field="slots"):
    now = now or timezone.now()
    if not slots:
        raise DomainError(_("Propose at least one slot."), code=PollErrorCode.NO_SLOT, field=field)
    if len(slots) > MAX_SLOTS:
        raise DomainError(
            _("At most %(max)s slots per poll (here %(count)s): split it into several polls.")
            % {"max": MAX_SLOTS, "count": len(slots)},
            code=PollErrorCode.TOO_MANY_SLOTS,
            field=field,
        )
    for start, end in slots:
        if end <= start:
            raise DomainError(
                _("Each slot must end after it starts."),
                code=PollErrorCode.SLOT_ENDS_BEFORE_START,
                field=field,
            )
        if start <= now:
            raise DomainError(
                _("A slot cannot be in the past."), code=PollErrorCode.SLOT_IN_PAST, field=field
            )


def create_poll(place, *, by, fields: dict, slots) -> Poll:
    slots = sorted(set(slots))
    check_slots(slots)
    with transaction.atomic():
        poll = Poll(place=place, created_by=by, **fields)
        save_with_unique_slug(poll, poll.title, url_namespace="polls", fallback="sondage")
        Slot.objects.bulk_create(Slot(poll=poll, starts_at=s, ends_at=e) for s, e in slots)
    log.info("poll %s created by user %s with %s slots", poll.pk, by.pk, len(slots))
    return poll


def close(poll, *, by=None) -> Poll:
    """Close the poll by hand: answers can no longer change. The place's other organisers are
    told, with the best slots, in the same transaction; closing it again changes nothing."""
    with transaction.atomic():
        poll = Poll.objects.select_for_update(of=("self",)).get(pk=poll.pk)
        if poll.closed_at is None:
            poll.closed_at = timezone.now()
            poll.save(update_fields=["closed_at", "updated_at"])
            notifications.poll_closed(poll, results(poll), by=by)
    return poll


def check_date_not_fixed(poll) -> None:
    """A date is fixed once: a DomainError if `poll` already has one."""
    if poll.chosen_slot_id is not None:
        raise DomainError(
            _("The date is already fixed."), code=PollErrorCode.DATE_FIXED, field="slot"
        )


def fixable_slot(poll, slot_id) -> Slot:
    """The slot of `poll` that may be fixed, or a DomainError saying why not."""
    check_date_not_fixed(poll)
    slot = poll.slots.filter(pk=slot_id).first()
    if slot is None:
        raise DomainError(
            _("This slot is not one of the poll's."),
            code=PollErrorCode.SLOT_NOT_IN_POLL,
            field="slot",
        )
    if slot.starts_at <= timezone.now():
        raise DomainError(
            _("This slot is already past."), code=PollErrorCode.SLOT_IN_PAST, field="slot"
        )
    return slot


def told_of_fixing(poll) -> list[tuple[str, str]]:
    """(name, address) of everyone that fixing a slot tells by mail: those who answered with an
    address, and those registered for the workshop's series (or the workshop). One per
    address, by name; an answer's name wins."""
    people = {}
    for name, email in (
        poll.participants.exclude(email="").order_by("pk").values_list("name", "email")
    ):
        people.setdefault(email.lower(), name)
    if poll.workshop_id is not None:
        for name, email in workshop_services.series_registrants(poll.workshop):
            people.setdefault(email.lower(), name)
    return sorted(((name, email) for email, name in people.items()), key=lambda p: p[0].lower())


def fix_slot(poll, slot_id, *, by) -> Poll:
    """Choose a slot: the poll closes; its workshop, if any, takes that date and is published;
    everyone who answered with an address, and those registered for the workshop's series,
    are told by mail with the calendar file (told_of_fixing). A date is fixed once."""
    with transaction.atomic():
        poll = (
            Poll.objects.select_for_update(of=("self",)).select_related("workshop").get(pk=poll.pk)
        )
        slot = fixable_slot(poll, slot_id)
        poll.chosen_slot = slot
        poll.closed_at = poll.closed_at or timezone.now()
        poll.save(update_fields=["chosen_slot", "closed_at", "updated_at"])
        workshop, told = poll.workshop, set()
        if workshop is not None:
            workshop, told = workshop_services.fix_date(
                workshop, starts_at=slot.starts_at, ends_at=slot.ends_at, by=by
            )
        # Those registered for the workshop were told by its own "date changed" mail, with
        # their calendar file; the others hold no seat: no calendar file, but for those who
        # answered, a link to register in one click.
        answers = {}
        for participant in poll.participants.exclude(email="").order_by("pk"):
            answers.setdefault(participant.email.lower(), participant)
        languages = workshop_services.series_languages(workshop) if workshop else {}
        recipients = {email.lower() for _name, email in told_of_fixing(poll)}
        for email in sorted(recipients - {address.lower() for address in told}):
            participant = answers.get(email)
            notifications.date_fixed(
                poll,
                slot,
                workshop,
                email=email,
                language=participant.language if participant else languages.get(email),
                register_url=participant and workshop and registration_url(participant),
            )
        notifications.date_fixed_for_organisers(poll, slot, workshop, results(poll), by=by)
    log.info("poll %s: slot %s fixed by user %s", poll.pk, slot.pk, by.pk)
    return poll


def slots_from_grid(days, ranges, zone) -> list[tuple[datetime, datetime]]:
    """Quick entry: every day × every time range, in the poll's time zone."""
    slots = []
    for day in days:
        for start, end in ranges:
            slots.append(
                (datetime.combine(day, start, tzinfo=zone), datetime.combine(day, end, tzinfo=zone))
            )
    return slots
