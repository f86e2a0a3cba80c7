"""People join a challenge, with or without an account, confirm their address, choose their
pledges, a team and a buddy, answer the before and after self-assessments, set their reminder,
leave, and erase what the site holds about them.

A public form never tells whether an address already takes part: joining again with it gives
the same answer as joining, and the details (the private link) go by mail to that address."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from entraide.accounts.services import has_verified_email
from entraide.challenges import notifications
from entraide.challenges.errors import ChallengeErrorCode
from entraide.challenges.models import (
    LINK_PURPOSE,
    NAME_MAX,
    PLEDGE_MAX,
    Challenge,
    Feeling,
    Participant,
    Pledge,
)
from entraide.challenges.services.building import find_team
from entraide.core.errors import DomainError
from entraide.core.tokens import new_keyed_link, token_digest

log = logging.getLogger(__name__)

MAX_PLEDGES = 10


@dataclass(frozen=True)
class Outcome:
    """What a request to join did. A view shows the same page whatever it holds when the
    person is not signed in: only their mailbox learns the details."""

    participant: Participant
    created: bool


@dataclass(frozen=True)
class Assessment:
    """A self-assessment: screen hours a day (leisure), and how one feels about them."""

    screen_hours: int
    feeling: int


def _check_open(challenge: Challenge, today=None):
    if not challenge.is_published:
        raise DomainError(
            _("This challenge is not open yet."), code=ChallengeErrorCode.NOT_PUBLISHED
        )
    if challenge.is_over(today):
        raise DomainError(
            _("This challenge is over: it takes no new participants."),
            code=ChallengeErrorCode.CHALLENGE_OVER,
        )


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise DomainError(
            _("Give a name or a pseudonym: it is how your buddy will know you."),
            code=ChallengeErrorCode.NO_NAME,
            field="name",
        )
    if len(name) > NAME_MAX:
        raise DomainError(
            _("At most %(max)s characters (there are %(count)s).")
            % {"max": NAME_MAX, "count": len(name)},
            code=ChallengeErrorCode.TOO_LONG,
            field="name",
        )
    return name


def _clean_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError(
            _("Enter a valid email address."), code=ChallengeErrorCode.BAD_ADDRESS, field="email"
        ) from None
    return email


def _chosen_pledges(challenge, pledges, own_pledge) -> tuple[list[Pledge], str]:
    ids = {getattr(p, "pk", p) for p in pledges}
    found = list(challenge.pledges.filter(pk__in=ids, owner__isnull=True))
    if len(found) != len(ids):
        raise DomainError(
            _("Choose among the pledges of this challenge."),
            code=ChallengeErrorCode.UNKNOWN_PLEDGE,
            field="pledges",
        )
    own_pledge = " ".join((own_pledge or "").split())
    if own_pledge and not challenge.own_pledges_allowed:
        raise DomainError(
            _("This challenge offers its own pledges only."),
            code=ChallengeErrorCode.OWN_PLEDGE_NOT_ALLOWED,
            field="own_pledge",
        )
    if len(own_pledge) > PLEDGE_MAX:
        raise DomainError(
            _("At most %(max)s characters (there are %(count)s).")
            % {"max": PLEDGE_MAX, "count": len(own_pledge)},
            code=ChallengeErrorCode.TOO_LONG,
            field="own_pledge",
        )
    if not found and not own_pledge:
        raise DomainError(
            _("Choose at least one pledge."), code=ChallengeErrorCode.NO_PLEDGE, field="pledges"
        )
    if len(found) + bool(own_pledge) > MAX_PLEDGES:
        raise DomainError(
            _("At most %(max)s pledges.") % {"max": MAX_PLEDGES},
            code=ChallengeErrorCode.TOO_MANY_PLEDGES,
            field="pledges",
        )
    return found, own_pledge


def check_assessment(assessment: Assessment | None, *, field="before") -> Assessment | None:
    if assessment is None:
        return None
    hours, feeling = assessment.screen_hours, assessment.feeling
    if not isinstance(hours, int) or not 0 <= hours <= 24:
        raise DomainError(
            _("A number of hours between 0 and 24."),
            code=ChallengeErrorCode.BAD_ANSWER,
            field=f"{field}_screen_hours",
        )
    if feeling not in Feeling.values:
        raise DomainError(
            _("Choose one of the answers."),
            code=ChallengeErrorCode.BAD_ANSWER,
            field=f"{field}_feeling",
        )
    return assessment


def check_hour(hour) -> int | None:
    if hour is not None and (not isinstance(hour, int) or not 0 <= hour <= 23):
        raise DomainError(
            _("Choose an hour between 0 and 23."),
            code=ChallengeErrorCode.BAD_HOUR,
            field="reminder_hour",
        )
    return hour


def join(
    challenge: Challenge,
    *,
    name: str = "",
    email: str = "",
    pledges=(),
    own_pledge: str = "",
    team_code: str = "",
    reminder_hour: int | None = None,
    before: Assessment | None = None,
    by=None,
    today=None,
) -> Outcome:
    """Join `challenge`. Signed in (`by`) with a verified address: taking part at once. Else a
    request, confirmed by following the private link mailed to the address. Joining again
    with an address that takes part changes nothing and mails its private link again."""
    _check_open(challenge, today)
    if by is not None:
        email, name = by.email, name or by.public_name
    name, email = _clean_name(name), _clean_email(email)
    chosen, own_pledge = _chosen_pledges(challenge, pledges, own_pledge)
    team = find_team(challenge, team_code) if (team_code or "").strip() else None
    check_hour(reminder_hour)
    check_assessment(before)
    verified = by is not None and has_verified_email(by, email)
    now = timezone.now()
    with transaction.atomic():
        Challenge.objects.select_for_update().get(pk=challenge.pk)  # joins queue here
        match = Q(email__iexact=email) | (Q(user=by) if by is not None else Q(pk__in=[]))
        existing = challenge.participants.filter(match).first()
        if existing is not None:
            if verified and existing.user_id is None:
                existing.user = by
                existing.confirmed_at = existing.confirmed_at or now
                existing.save(update_fields=["user", "confirmed_at"])
            notifications.already_joined(existing)
            log.info("challenge %s: joined again, participant %s", challenge.pk, existing.pk)
            return Outcome(existing, created=False)
        key, digest = new_keyed_link(LINK_PURPOSE)
        participant = Participant(
            challenge=challenge,
            user=by,
            display_name=name,
            email=email,
            language=getattr(by, "language", "") or get_language() or settings.LANGUAGE_CODE,
            link_key=key,
            token_digest=digest,
            team=team,
            reminder_hour=reminder_hour,
            confirmed_at=now if verified else None,
            joined_at=now,
        )
        if before is not None:
            participant.before_screen_hours = before.screen_hours
            participant.before_feeling = before.feeling
        participant.save()
        participant.pledges.set(chosen)
        if own_pledge:
            participant.pledges.add(
                Pledge.objects.create(
                    challenge=challenge, text=own_pledge, owner=participant, position=10_000
                )
            )
        if verified:
            notifications.welcome(participant)
        else:
            notifications.confirm_address(participant)
    log.info("challenge %s: participant %s joined", challenge.pk, participant.pk)
    return Outcome(participant, created=True)


def find_participant(challenge: Challenge, raw_token: str) -> Participant:
    """The participant a private link belongs to, in this challenge only: a forged link, or
    one of another challenge, is refused the same way."""
    found = None
    if raw_token and len(raw_token) <= 128:
        found = (
            Participant.objects.select_related("challenge", "challenge__place", "team", "buddy")
            .filter(token_digest=token_digest(raw_token), challenge=challenge)
            .first()
        )
    if found is None:
        raise DomainError(
            _("This link is not valid: use the last one you received by mail."),
            code=ChallengeErrorCode.LINK_UNKNOWN,
        )
    return found


def confirm(participant: Participant) -> Participant:
    """Following the private link proves the address: the participant takes part from now."""
    if participant.confirmed_at is None:
        participant.confirmed_at = timezone.now()
        participant.save(update_fields=["confirmed_at"])
        log.info("challenge participant %s confirmed", participant.pk)
    return participant


def choose_buddy(participant: Participant, buddy_email: str) -> Participant | None:
    """Pair `participant` with the person taking part under `buddy_email`, who is told by
    mail. Nothing tells whether that address takes part: the answer is the same, and the
    buddy appears on the participant's page once they are paired."""
    email = _clean_email(buddy_email)
    buddy = (
        participant.challenge.participants.filter(
            email__iexact=email, confirmed_at__isnull=False, left_at__isnull=True
        )
        .exclude(pk=participant.pk)
        .first()
    )
    if buddy is None:
        return None
    with transaction.atomic():
        participant.buddy = buddy
        participant.save(update_fields=["buddy"])
        notifications.buddy_chosen(buddy, by=participant)
    return buddy


def set_reminder(participant: Participant, hour: int | None) -> Participant:
    """The daily reminder at `hour` of the challenge's time zone; None stops it."""
    participant.reminder_hour = check_hour(hour)
    participant.save(update_fields=["reminder_hour"])
    return participant


def stop_reminders(participant: Participant) -> Participant:
    return set_reminder(participant, None)


def answer_before(participant: Participant, assessment: Assessment) -> Participant:
    check_assessment(assessment, field="before")
    participant.before_screen_hours = assessment.screen_hours
    participant.before_feeling = assessment.feeling
    participant.save(update_fields=["before_screen_hours", "before_feeling"])
    return participant


def answer_after(participant: Participant, assessment: Assessment, today=None) -> Participant:
    """The "after" self-assessment, from the challenge's last day on."""
    challenge = participant.challenge
    if (today or challenge.today()) < challenge.ends_on:
        raise DomainError(
            _("The “after” questions open on the challenge's last day."),
            code=ChallengeErrorCode.NOT_OVER_YET,
        )
    check_assessment(assessment, field="after")
    participant.after_screen_hours = assessment.screen_hours
    participant.after_feeling = assessment.feeling
    participant.save(update_fields=["after_screen_hours", "after_feeling"])
    return participant


def leave(participant: Participant) -> Participant:
    """Stop taking part: no more check-ins nor reminders. The days recorded stay in the
    collective counts; erase() removes the person's own rows."""
    if participant.left_at is None:
        participant.left_at = timezone.now()
        participant.reminder_hour = None
        participant.save(update_fields=["left_at", "reminder_hour"])
        log.info("challenge participant %s left", participant.pk)
    return participant


def rejoin(participant: Participant) -> Participant:
    _check_open(participant.challenge)
    participant.left_at = None
    participant.save(update_fields=["left_at"])
    return participant


def erase(participant: Participant) -> None:
    """Delete the participant with their check-ins, notes, own pledges and testimonies: the
    anonymous tallies stay (they count days, not people)."""
    with transaction.atomic():
        participant.delete()  # testimonies, check-ins, notes, own pledges go with it
    log.info("challenge participant erased")


def personal_data(participant: Participant) -> dict:
    """What the site holds about the participant, for "Mes données" and its export."""
    challenge = participant.challenge
    return {
        "challenge": challenge.title,
        "name": participant.display_name,
        "email": participant.email,
        "joined_at": participant.joined_at.isoformat(),
        "confirmed_at": participant.confirmed_at and participant.confirmed_at.isoformat(),
        "left_at": participant.left_at and participant.left_at.isoformat(),
        "team": participant.team.name if participant.team_id else None,
        "reminder_hour": participant.reminder_hour,
        "pledges": [p.text for p in participant.pledges.all()],
        "before": {
            "screen_hours": participant.before_screen_hours,
            "feeling": participant.before_feeling,
        },
        "after": {
            "screen_hours": participant.after_screen_hours,
            "feeling": participant.after_feeling,
        },
        "check_ins": [
            {"day": c.day.isoformat(), "pledge": c.pledge.text, "status": c.status}
            for c in participant.check_ins.select_related("pledge").order_by("day", "pledge_id")
        ],
        "notes": [
            {"day": n.day.isoformat(), "text": n.text} for n in participant.notes.order_by("day")
        ],
        "testimonies": [
            {"text": t.text, "signed": t.signed, "status": t.status}
            for t in participant.testimonies.all()
        ],
    }
