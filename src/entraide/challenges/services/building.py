"""Organisers build a challenge: its dates, time zone and goal, the pledges to choose from, the
teams with their codes, the workshops that prepare it and the activities offered during it."""

import logging
import re
import secrets
import zoneinfo

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import get_resolver
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.challenges.errors import ChallengeErrorCode
from entraide.challenges.models import (
    GOAL_WORDING_MAX,
    MAX_DAYS,
    PLEDGE_MAX,
    TEAM_CODE_LENGTH,
    TEAM_NAME_MAX,
    TITLE_MAX,
    Challenge,
    Pledge,
    Team,
)
from entraide.core.errors import DomainError
from entraide.core.slugs import save_with_unique_slug, unique_slug

log = logging.getLogger(__name__)

MAX_DAYS_AHEAD = 5 * 365  # from today to a first day: "9999-12-31" is a slip (no grace day after)

FIELDS = {
    "title",
    "description",
    "starts_on",
    "ends_on",
    "time_zone",
    "goal",
    "goal_wording",
    "own_pledges_allowed",
    "activities",
}
# Readable codes: no 0/O, 1/I/L, 5/S, 2/Z, 8/B to mix up when typed from a blackboard
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_ATTEMPTS = 10


def normalise_code(text: str) -> str:
    """A team code as stored: capitals, without spaces or dashes ("k7m 3qp" → "K7M3QP")."""
    return re.sub(r"[\s\-_.]+", "", text or "").upper()


def new_team_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _n in range(TEAM_CODE_LENGTH))


def _required_text(value, *, field, limit):
    value = (value or "").strip()
    if not value:
        raise DomainError(_("This field is required."), code=ChallengeErrorCode.EMPTY, field=field)
    if len(value) > limit:
        raise DomainError(
            _("At most %(max)s characters (there are %(count)s).")
            % {"max": limit, "count": len(value)},
            code=ChallengeErrorCode.TOO_LONG,
            field=field,
        )
    return value


def check_fields(fields: dict) -> dict:
    """The fields of a challenge, cleaned, or a refusal naming the field at fault."""
    unknown = set(fields) - FIELDS
    if unknown:
        raise ValueError(f"not fields of a challenge: {sorted(unknown)}")
    fields = dict(fields)
    if "title" in fields:
        fields["title"] = _required_text(fields["title"], field="title", limit=TITLE_MAX)
    if "goal_wording" in fields:
        wording = (fields["goal_wording"] or "").strip()
        if len(wording) > GOAL_WORDING_MAX:
            raise DomainError(
                _("At most %(max)s characters (there are %(count)s).")
                % {"max": GOAL_WORDING_MAX, "count": len(wording)},
                code=ChallengeErrorCode.TOO_LONG,
                field="goal_wording",
            )
        fields["goal_wording"] = wording
    if "time_zone" in fields and fields["time_zone"] not in zoneinfo.available_timezones():
        raise DomainError(
            _("Unknown time zone: %(zone)s.") % {"zone": fields["time_zone"]},
            code=ChallengeErrorCode.UNKNOWN_TIME_ZONE,
            field="time_zone",
        )
    if "goal" in fields and (not isinstance(fields["goal"], int) or fields["goal"] < 1):
        raise DomainError(
            _("The goal is a whole number of pledge-days, at least 1."),
            code=ChallengeErrorCode.GOAL_NOT_POSITIVE,
            field="goal",
        )
    return fields


def _check_dates(starts_on, ends_on):
    if (starts_on - timezone.localdate()).days > MAX_DAYS_AHEAD:
        raise DomainError(
            _("A challenge starts within the next %(years)s years.")
            % {"years": MAX_DAYS_AHEAD // 365},
            code=ChallengeErrorCode.TOO_FAR_AHEAD,
            field="starts_on",
        )
    if ends_on < starts_on:
        raise DomainError(
            _("The last day comes after the first one."),
            code=ChallengeErrorCode.DATES_IN_ORDER,
            field="ends_on",
        )
    if (ends_on - starts_on).days + 1 > MAX_DAYS:
        raise DomainError(
            _("A challenge lasts at most %(max)s days.") % {"max": MAX_DAYS},
            code=ChallengeErrorCode.TOO_LONG_A_CHALLENGE,
            field="ends_on",
        )


def _save_new(challenge: Challenge):
    """Insert under a free slug, never a word of the app's addresses once it has some."""
    if "challenges" in get_resolver().namespace_dict:
        save_with_unique_slug(
            challenge, challenge.title, url_namespace="challenges", fallback="defi"
        )
        return
    for _attempt in range(5):  # the pages are not there yet: no reserved word to avoid
        challenge.slug = unique_slug(Challenge, challenge.title, fallback="defi")
        try:
            with transaction.atomic():
                challenge.save(force_insert=True)
            return
        except IntegrityError:
            if not Challenge.objects.filter(slug=challenge.slug).exists():
                raise
            challenge.pk = None
    raise IntegrityError("no free slug")


def create_challenge(place, *, by, fields: dict, pledges=(), teams=()) -> Challenge:
    """A draft challenge of `place` with its pledges (texts, in order) and teams (names, each
    given a code)."""
    for required in ("title", "starts_on", "ends_on", "goal"):
        if required not in fields:
            raise DomainError(
                _("This field is required."), code=ChallengeErrorCode.EMPTY, field=required
            )
    fields = check_fields(fields)
    _check_dates(fields["starts_on"], fields["ends_on"])
    with transaction.atomic():
        challenge = Challenge(place=place, created_by=by, **fields)
        _save_new(challenge)
        for text in pledges:
            add_pledge(challenge, text)
        for name in teams:
            add_team(challenge, name)
    log.info("challenge %s created by user %s", challenge.pk, getattr(by, "pk", None))
    return challenge


def update_challenge(challenge: Challenge, *, changes: dict) -> Challenge:
    changes = check_fields(changes)
    _check_dates(
        changes.get("starts_on", challenge.starts_on), changes.get("ends_on", challenge.ends_on)
    )
    for name, value in changes.items():
        setattr(challenge, name, value)
    challenge.save()
    return challenge


def publish(challenge: Challenge) -> Challenge:
    """Open the challenge to the public: it needs at least one pledge to choose from."""
    if not challenge.pledges.filter(owner__isnull=True).exists():
        raise DomainError(
            _("Give at least one pledge to choose from before publishing."),
            code=ChallengeErrorCode.NO_PLEDGE,
        )
    if challenge.published_at is None:
        challenge.published_at = timezone.now()
        challenge.save(update_fields=["published_at", "updated_at"])
    return challenge


def _unique_pledge(challenge, text, *, pledge=None):
    """Two pledges of the same words (a double tap on "Add") would be chosen apart."""
    same = challenge.pledges.filter(owner__isnull=True, text__iexact=text)
    if same.exclude(pk=getattr(pledge, "pk", None)).exists():
        raise DomainError(
            _("There is already a pledge with these words."),
            code=ChallengeErrorCode.DUPLICATE_PLEDGE,
            field="text",
        )


def add_pledge(challenge: Challenge, text: str) -> Pledge:
    """One more pledge to choose from, after the others."""
    text = _required_text(text, field="text", limit=PLEDGE_MAX)
    _unique_pledge(challenge, text)
    last = challenge.pledges.filter(owner__isnull=True).aggregate(last=Max("position"))["last"]
    return Pledge.objects.create(
        challenge=challenge, text=text, position=0 if last is None else last + 1
    )


def edit_pledge(pledge: Pledge, text: str) -> Pledge:
    text = _required_text(text, field="text", limit=PLEDGE_MAX)
    _unique_pledge(pledge.challenge, text, pledge=pledge)
    pledge.text = text
    pledge.save(update_fields=["text"])
    return pledge


def remove_pledge(pledge: Pledge) -> None:
    """Only a pledge nobody chose goes: the check-ins of a chosen one are someone's journey."""
    if pledge.chosen_by.exists():
        raise DomainError(
            _("Someone chose this pledge: it can be reworded, not removed."),
            code=ChallengeErrorCode.PLEDGE_CHOSEN,
        )
    pledge.delete()


def add_team(challenge: Challenge, name: str) -> Team:
    """A team with a fresh code no other team of the challenge has."""
    name = _required_text(name, field="name", limit=TEAM_NAME_MAX)
    if challenge.teams.filter(name__iexact=name).exists():
        raise DomainError(
            _("There is already a team of that name."),
            code=ChallengeErrorCode.DUPLICATE_TEAM,
            field="name",
        )
    for _attempt in range(CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                return Team.objects.create(challenge=challenge, name=name, code=new_team_code())
        except IntegrityError:
            if challenge.teams.filter(name__iexact=name).exists():
                raise DomainError(
                    _("There is already a team of that name."),
                    code=ChallengeErrorCode.DUPLICATE_TEAM,
                    field="name",
                ) from None
    raise IntegrityError("no free team code")


def rename_team(team: Team, name: str) -> Team:
    name = _required_text(name, field="name", limit=TEAM_NAME_MAX)
    if team.challenge.teams.filter(name__iexact=name).exclude(pk=team.pk).exists():
        raise DomainError(
            _("There is already a team of that name."),
            code=ChallengeErrorCode.DUPLICATE_TEAM,
            field="name",
        )
    team.name = name
    team.save(update_fields=["name"])
    return team


def remove_team(team: Team) -> None:
    if team.participants.exists():
        raise DomainError(
            _("People joined this team: it can be renamed, not removed."),
            code=ChallengeErrorCode.TEAM_HAS_PARTICIPANTS,
        )
    team.delete()


def find_team(challenge: Challenge, code: str) -> Team:
    """The team whose code was typed, whatever its case and spaces."""
    code = normalise_code(code)
    team = challenge.teams.filter(code=code).first() if code else None
    if team is None:
        raise DomainError(
            _("No team of this challenge has this code: check it with whoever gave it to you."),
            code=ChallengeErrorCode.UNKNOWN_TEAM_CODE,
            field="team_code",
        )
    return team


def set_workshops(challenge: Challenge, *, preparatory=(), activities=()) -> None:
    """The workshops that prepare the challenge and those offered during it: workshops of the
    challenge's place only."""
    for field, workshops in (("preparatory", preparatory), ("activities", activities)):
        if any(w.place_id != challenge.place_id for w in workshops):
            raise DomainError(
                _("Only workshops of %(place)s can be linked.") % {"place": challenge.place},
                code=ChallengeErrorCode.OTHER_PLACE,
                field=field,
            )
    with transaction.atomic():
        challenge.preparatory_workshops.set(preparatory)
        challenge.activity_workshops.set(activities)
