"""A participant checks in a day: for each of their pledges, kept, halfway or not today, and a
private note. Checking in again the same day replaces what was said (never a second row); a
missed day may be filled in later, until the grace day after the challenge's last one.

The anonymous tallies the public page reads (models.Tally) change in the same transaction,
with increments computed by the database, so that concurrent check-ins never lose a count;
replacing a check-in moves its count from its old status to its new one. `recount()` rebuilds
them from the rows (demo data, tests): it would forget the days of erased participants, whose
counts the tallies keep, so nothing runs it on a live challenge."""

import logging
from collections import Counter
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.challenges.errors import ChallengeErrorCode
from entraide.challenges.models import (
    NO_TEAM,
    NOTE_MAX,
    CheckIn,
    DayNote,
    Participant,
    Status,
    Tally,
)
from entraide.core.errors import DomainError

log = logging.getLogger(__name__)

STATUS_FIELD = {Status.HELD: "held", Status.HALF: "half", Status.MISSED: "missed"}


def check_day(challenge, day: date, today=None) -> None:
    """Refuse a day outside the challenge, a day to come, or any day once check-ins close."""
    today = today or challenge.today()
    if day < challenge.starts_on:
        raise DomainError(
            _("The challenge starts on %(day)s.") % {"day": challenge.starts_on},
            code=ChallengeErrorCode.DAY_BEFORE_START,
            field="day",
        )
    if day > challenge.ends_on:
        raise DomainError(
            _("The challenge ended on %(day)s.") % {"day": challenge.ends_on},
            code=ChallengeErrorCode.DAY_AFTER_END,
            field="day",
        )
    if day > today:
        raise DomainError(
            _("This day has not come yet: check in on the day, or afterwards."),
            code=ChallengeErrorCode.DAY_IN_FUTURE,
            field="day",
        )
    if today > challenge.last_check_in_day():
        raise DomainError(
            _("Check-ins are closed: the challenge is over."),
            code=ChallengeErrorCode.CHECK_IN_CLOSED,
        )


def check_in(
    participant: Participant, day: date, statuses: dict, note: str | None = None, *, today=None
) -> list[CheckIn]:
    """Record how each pledge (a Pledge or its id, among the participant's) went on `day`.
    `note`: the day's private note ("" removes it, None leaves it as it is). Returns the day's
    check-ins."""
    challenge = participant.challenge
    check_day(challenge, day, today)
    if not statuses:
        raise DomainError(
            _("Say how at least one pledge went."),
            code=ChallengeErrorCode.NOTHING_TO_RECORD,
        )
    wanted = {}
    for pledge, status in statuses.items():
        try:
            pledge_id = int(getattr(pledge, "pk", pledge))  # a Pledge, or its id from a form
        except (TypeError, ValueError):
            pledge_id = None
        if pledge_id is None:
            raise DomainError(
                _("Check in your own pledges only."),
                code=ChallengeErrorCode.UNKNOWN_PLEDGE,
                field="status",
            )
        if status not in Status.values:
            raise DomainError(
                _("Choose kept, halfway or not today."),
                code=ChallengeErrorCode.BAD_STATUS,
                field="status",
            )
        wanted[pledge_id] = Status(status)
    if note is not None:
        note = note.strip()
        if len(note) > NOTE_MAX:
            raise DomainError(
                _("At most %(max)s characters (there are %(count)s).")
                % {"max": NOTE_MAX, "count": len(note)},
                code=ChallengeErrorCode.TOO_LONG,
                field="note",
            )
    with transaction.atomic():
        # One check-in of a person at a time (a double tap): the second sees the first's rows.
        locked = Participant.objects.select_for_update().get(pk=participant.pk)
        if locked.confirmed_at is None or locked.left_at is not None:
            raise DomainError(
                _("You are not taking part in this challenge (anymore)."),
                code=ChallengeErrorCode.NOT_TAKING_PART,
            )
        mine = set(locked.pledges.values_list("pk", flat=True))
        if not set(wanted) <= mine:
            raise DomainError(
                _("Check in your own pledges only."),
                code=ChallengeErrorCode.UNKNOWN_PLEDGE,
                field="status",
            )
        existing = {c.pledge_id: c for c in CheckIn.objects.filter(participant=locked, day=day)}
        moves = Counter()
        changed, new = [], []
        now = timezone.now()
        for pledge_id, status in wanted.items():
            row = existing.get(pledge_id)
            if row is None:
                new.append(
                    CheckIn(
                        participant=locked,
                        pledge_id=pledge_id,
                        day=day,
                        status=status,
                        recorded_at=now,
                    )
                )
                moves[STATUS_FIELD[status]] += 1
            elif row.status != status:
                moves[STATUS_FIELD[Status(row.status)]] -= 1
                moves[STATUS_FIELD[status]] += 1
                row.status, row.recorded_at = status, now
                changed.append(row)
        CheckIn.objects.bulk_create(new)
        CheckIn.objects.bulk_update(changed, ["status", "recorded_at"])
        if not existing:
            moves["people"] += 1
        _bump(challenge.pk, locked.team_id or NO_TEAM, day, moves)
        _write_note(locked, day, note)
    log.info("challenge %s: participant %s checked in %s", challenge.pk, locked.pk, day)
    return list(CheckIn.objects.filter(participant=locked, day=day))


def _write_note(participant, day, note):
    if note is None:
        return
    if not note:
        DayNote.objects.filter(participant=participant, day=day).delete()
    else:
        DayNote.objects.update_or_create(participant=participant, day=day, defaults={"text": note})


def _bump(challenge_id: int, team_key: int, day: date, moves: Counter) -> None:
    """Add `moves` (field → change) to the day's tally of the team, by increments the
    database computes: an UPDATE, or the first INSERT of the day, or (when another check-in
    inserted it meanwhile) the UPDATE again."""
    moves = {field: delta for field, delta in moves.items() if delta}
    if not moves:
        return
    row = Tally.objects.filter(challenge_id=challenge_id, team_key=team_key, day=day)
    increments = {field: F(field) + delta for field, delta in moves.items()}
    if row.update(**increments):
        return
    try:
        with transaction.atomic():
            Tally.objects.create(challenge_id=challenge_id, team_key=team_key, day=day, **moves)
    except IntegrityError:
        row.update(**increments)


def recount(challenge) -> int:
    """Rebuild the challenge's tallies from its check-ins (demo data, tests); returns the
    number of tally rows."""
    counts = (
        CheckIn.objects.filter(participant__challenge=challenge)
        .values("participant__team_id", "day")
        .annotate(
            held=Count("pk", filter=Q(status=Status.HELD)),
            half=Count("pk", filter=Q(status=Status.HALF)),
            missed=Count("pk", filter=Q(status=Status.MISSED)),
            people=Count("participant", distinct=True),
        )
        .order_by()
    )
    rows = [
        Tally(
            challenge=challenge,
            team_key=line["participant__team_id"] or NO_TEAM,
            day=line["day"],
            held=line["held"],
            half=line["half"],
            missed=line["missed"],
            people=line["people"],
        )
        for line in counts
    ]
    with transaction.atomic():
        Tally.objects.filter(challenge=challenge).delete()
        Tally.objects.bulk_create(rows)
    return len(rows)
