"""Every change to availability polls: create, answer, edit or delete an answer, comment,
close, and fix a slot, which gives the linked workshop its date through the workshops app."""

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError
from entraide.core.mail import send_templated_mail
from entraide.core.slugs import save_with_unique_slug
from entraide.core.tokens import new_keyed_link, token_digest
from entraide.polls.models import (
    LINK_PURPOSE,
    MAX_SLOTS,
    Answer,
    Choice,
    Comment,
    Participant,
    Poll,
    Slot,
)
from entraide.workshops import services as workshop_services
from entraide.workshops.ics import calendar_of

log = logging.getLogger(__name__)


# Words the URLs of /sondages/ use after the poll's address: no poll may take them.
RESERVED_SLUGS = {"gerer"}


def check_slots(slots: list[tuple[datetime, datetime]], now=None, field="slots"):
    now = now or timezone.now()
    if not slots:
        raise DomainError(_("Propose at least one slot."), field=field)
    if len(slots) > MAX_SLOTS:
        raise DomainError(
            _("At most %(max)s slots per poll (here %(count)s): split it in several polls.")
            % {"max": MAX_SLOTS, "count": len(slots)},
            field=field,
        )
    for start, end in slots:
        if end <= start:
            raise DomainError(_("Each slot must end after it starts."), field=field)
        if start <= now:
            raise DomainError(_("A slot cannot be in the past."), field=field)


def create_poll(place, *, by, fields: dict, slots) -> Poll:
    slots = sorted(set(slots))
    check_slots(slots)
    with transaction.atomic():
        poll = Poll(place=place, created_by=by, **fields)
        save_with_unique_slug(poll, poll.title, reserved=RESERVED_SLUGS, fallback="sondage")
        Slot.objects.bulk_create(Slot(poll=poll, starts_at=s, ends_at=e) for s, e in slots)
    log.info("poll %s created by user %s with %s slots", poll.pk, by.pk, len(slots))
    return poll


def _check_open(poll):
    if poll.is_closed():
        raise DomainError(_("This poll is closed: answers can no longer change."))


def _clean_choices(poll, choices: dict[int, str]) -> dict[int, str]:
    slot_ids = set(poll.slots.values_list("pk", flat=True))
    allowed = {Answer.YES, Answer.NO} | ({Answer.IF_NEED_BE} if poll.allow_if_need_be else set())
    if set(choices) != slot_ids or any(value not in allowed for value in choices.values()):
        raise DomainError(_("Answer every slot with one of the proposed answers."))
    return choices


def answer(poll, *, name, email="", choices, by=None, same_name_ok=False) -> Participant:
    """Record someone's availabilities. The same name twice asks first whether they meant to
    edit their answer (`same_name_ok` says they did not)."""
    name, email = name.strip(), email.strip().lower()
    with transaction.atomic():
        locked = Poll.objects.select_for_update().get(pk=poll.pk)
        _check_open(locked)
        choices = _clean_choices(locked, choices)
        if by is not None:
            mine = locked.participants.filter(user=by).first()
            if mine is not None:
                return _replace(mine, name=name, choices=choices)
        if not same_name_ok and locked.participants.filter(name__iexact=name).exists():
            raise DomainError(
                _(
                    "Someone named “%(name)s” has already answered. If it was you, use the "
                    "edit link you received; otherwise tick the box to answer as another person."
                )
                % {"name": name},
                field="name",
            )
        key, digest = new_keyed_link(LINK_PURPOSE)
        try:
            with transaction.atomic():
                participant = Participant.objects.create(
                    poll=locked, name=name, email=email, user=by, link_key=key,
                    token_digest=digest,
                )  # fmt: skip
        except IntegrityError:  # the same account, answering twice at the same moment
            raise DomainError(_("You have already answered this poll.")) from None
        Choice.objects.bulk_create(
            Choice(participant=participant, slot_id=slot_id, answer=value)
            for slot_id, value in choices.items()
        )
        if email:
            send_templated_mail(
                "polls/email/answered",
                {
                    "poll": locked,
                    "participant": participant,
                    "link": settings.ENTRAIDE_SITE_URL + participant.edit_url(),
                },
                to=[email],
            )
    log.info("poll %s: participant %s answered", poll.pk, participant.pk)
    return participant


def _replace(participant, *, name, choices):
    participant.name = name or participant.name
    participant.save(update_fields=["name", "updated_at"])
    participant.choices.all().delete()
    Choice.objects.bulk_create(
        Choice(participant=participant, slot_id=slot_id, answer=value)
        for slot_id, value in choices.items()
    )
    return participant


def find_participant(poll, raw_token) -> Participant | None:
    if not raw_token or len(raw_token) > 128:
        return None
    return (
        poll.participants.filter(token_digest=token_digest(raw_token))
        .exclude(token_digest="")
        .first()
    )


def edit_answer(participant, *, name, choices) -> Participant:
    with transaction.atomic():
        poll = Poll.objects.select_for_update().get(pk=participant.poll_id)
        _check_open(poll)
        choices = _clean_choices(poll, choices)
        return _replace(participant, name=name.strip(), choices=choices)


def delete_answer(participant) -> None:
    with transaction.atomic():
        poll = Poll.objects.select_for_update().get(pk=participant.poll_id)
        _check_open(poll)
        participant.delete()


def add_comment(poll, *, name, body, by=None) -> Comment:
    return Comment.objects.create(poll=poll, author_name=name.strip(), body=body.strip(), user=by)


@dataclass
class SlotResult:
    slot: Slot
    yes: int = 0
    if_need_be: int = 0
    no: int = 0
    best: bool = False

    @property
    def score(self):
        return (self.yes, self.yes + self.if_need_be)


@dataclass
class Results:
    slots: list[SlotResult] = field(default_factory=list)
    answered: int = 0

    @property
    def best(self):
        return [s for s in self.slots if s.best]


def results(poll) -> Results:
    """Totals per slot, in two queries whatever the number of answers; the best slots have the
    most "yes", ties broken by "yes" + "if need be"."""
    by_slot = {slot.pk: SlotResult(slot) for slot in poll.slots.all()}
    counts = (
        Choice.objects.filter(slot__poll=poll)
        .values("slot_id", "answer")
        .annotate(n=Count("pk"))
        .order_by()
    )
    names = {Answer.YES: "yes", Answer.IF_NEED_BE: "if_need_be", Answer.NO: "no"}
    for row in counts:
        setattr(by_slot[row["slot_id"]], names[row["answer"]], row["n"])
    result = Results(slots=list(by_slot.values()))
    result.answered = max((s.yes + s.if_need_be + s.no for s in result.slots), default=0)
    top = max((s.score for s in result.slots if s.yes + s.if_need_be), default=None)
    for slot_result in result.slots:
        slot_result.best = top is not None and slot_result.score == top
    return result


def close(poll) -> Poll:
    poll.closed_at = poll.closed_at or timezone.now()
    poll.save(update_fields=["closed_at", "updated_at"])
    return poll


def fix_slot(poll, slot_id, *, by) -> Poll:
    """Choose a slot: the poll closes; its workshop, if any, takes that date and is published;
    everyone who answered with an address, and those registered for the workshop's series,
    are told by mail with the calendar file."""
    with transaction.atomic():
        poll = (
            Poll.objects.select_for_update(of=("self",)).select_related("workshop").get(pk=poll.pk)
        )
        slot = poll.slots.filter(pk=slot_id).first()
        if slot is None:
            raise DomainError(_("This slot is not one of the poll's."), field="slot")
        if slot.starts_at <= timezone.now():
            raise DomainError(_("This slot is already past."), field="slot")
        poll.chosen_slot = slot
        poll.closed_at = poll.closed_at or timezone.now()
        poll.save(update_fields=["chosen_slot", "closed_at", "updated_at"])
        workshop, told = poll.workshop, set()
        if workshop is not None:
            workshop, told = workshop_services.fix_date(
                workshop, starts_at=slot.starts_at, ends_at=slot.ends_at, by=by
            )
        recipients = {p.email for p in poll.participants.exclude(email="")}
        if workshop is not None:
            recipients |= workshop_services.series_emails(workshop)
        attachments = []
        if workshop is not None:
            attachments = [
                (f"{workshop.slug}.ics", calendar_of([workshop], name=workshop.title),
                 "text/calendar; charset=utf-8")
            ]  # fmt: skip
        for email in sorted(recipients - told):
            send_templated_mail(
                "polls/email/fixed",
                {
                    "poll": poll,
                    "slot": slot,
                    "workshop": workshop,
                    "poll_url": settings.ENTRAIDE_SITE_URL + poll.get_absolute_url(),
                    "workshop_url": workshop
                    and settings.ENTRAIDE_SITE_URL + workshop.get_absolute_url(),
                },
                to=[email],
                attachments=attachments,
            )
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
