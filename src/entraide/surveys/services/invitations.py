"""Invitations: single-use links mailed to addresses the organisers paste, or to the people
registered for the survey's workshop or series; reminders to those who have not used theirs.

Organisers see counts only (invited, used, not used), never which address used its link:
in a small group that would tell who answered what."""

import logging
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError
from entraide.core.tokens import new_keyed_link
from entraide.surveys import notifications
from entraide.surveys.errors import SurveyErrorCode
from entraide.surveys.models import INVITATION_LINK_PURPOSE, Invitation, Survey

log = logging.getLogger(__name__)

MAX_ADDRESSES = 500  # per paste
SEPARATORS = re.compile(r"[\s,;]+")


@dataclass(frozen=True)
class Outcome:
    invited: int  # new invitations, each mailed
    skipped: int  # repeated in the paste, or already invited


@dataclass(frozen=True)
class Counts:
    invited: int
    used: int
    reminded_today: int = 0
    remindable: int = 0  # not used, invited before today, not reminded today

    @property
    def not_used(self) -> int:
        return self.invited - self.used


def parse_addresses(text: str) -> tuple[list[str], list[str]]:
    """The addresses of a paste (one per line, or separated by commas or semicolons; "Name
    <address>" too) as (valid, invalid), in order, as written."""
    text = re.sub(r"[^<>,;\n]*<([^<>]*)>", r"\1", text or "")
    valid, invalid = [], []
    for item in SEPARATORS.split(text):
        item = item.strip().strip("\"'")
        if not item:
            continue
        try:
            validate_email(item)
        except ValidationError:
            invalid.append(item)
        else:
            valid.append(item)
    return valid, invalid


def _check_can_invite(survey: Survey) -> None:
    if not survey.is_published:
        raise DomainError(
            _("Publish the survey before inviting people: the links would lead nowhere."),
            code=SurveyErrorCode.NOT_PUBLISHED,
        )
    if survey.is_closed():
        raise DomainError(
            _("This survey is closed: reopen it before inviting people."),
            code=SurveyErrorCode.CLOSED,
        )


def invite(survey: Survey, addresses: list[str], *, languages=None, language="fr") -> Outcome:
    """Invite each address once (repeats and addresses already invited are skipped), and mail
    each its link in its language (`languages`: address → language; else `language`), in one
    transaction with the invitations."""
    _check_can_invite(survey)
    if not addresses:
        raise DomainError(
            _("Give at least one address."), code=SurveyErrorCode.NO_ADDRESS, field="addresses"
        )
    if len(addresses) > MAX_ADDRESSES:
        raise DomainError(
            _("At most %(max)s addresses at a time (there are %(count)s): split the list.")
            % {"max": MAX_ADDRESSES, "count": len(addresses)},
            code=SurveyErrorCode.TOO_MANY_ADDRESSES,
            field="addresses",
        )
    languages = {email.lower(): code for email, code in (languages or {}).items()}
    with transaction.atomic():
        Survey.objects.select_for_update().get(pk=survey.pk)  # one paste at a time
        known = {email.lower() for email in survey.invitations.values_list("email", flat=True)}
        new = []
        for email in addresses:
            if email.lower() in known:
                continue
            known.add(email.lower())
            key, digest = new_keyed_link(INVITATION_LINK_PURPOSE)
            new.append(
                Invitation(
                    survey=survey,
                    email=email,
                    language=languages.get(email.lower(), language),
                    link_key=key,
                    token_digest=digest,
                )
            )
        Invitation.objects.bulk_create(new)
        for invitation in new:
            notifications.invitation(invitation, survey)
    log.info("survey %s: %s invited", survey.pk, len(new))
    return Outcome(invited=len(new), skipped=len(addresses) - len(new))


def linked_workshop(survey: Survey):
    """The workshop whose series (or itself) the survey's registrants come from."""
    if survey.workshop_id:
        return survey.workshop
    if survey.series_id:
        return survey.series.workshops.order_by("position", "pk").first()
    return None


def invite_registrants(survey: Survey, *, language="fr") -> Outcome:
    """Invite the people who took part in the linked workshop or series (a confirmed seat, not
    marked absent), each in the language they registered in."""
    from entraide.workshops import services as workshops

    workshop = linked_workshop(survey)
    if workshop is None:
        raise DomainError(
            _("This survey is linked to no workshop."), code=SurveyErrorCode.NO_ADDRESS
        )
    languages = workshops.participants(workshop)
    if not languages:
        raise DomainError(
            _("Nobody has taken part in the linked workshop yet."),
            code=SurveyErrorCode.NO_ADDRESS,
        )
    return invite(survey, sorted(languages), languages=languages, language=language)


def _remindable(today) -> Q:
    """Not used, invited before today, not reminded today."""
    return Q(used_on__isnull=True, invited_on__lt=today) & (
        Q(reminded_on__isnull=True) | Q(reminded_on__lt=today)
    )


def remind(survey: Survey, today=None) -> int:
    """Mail again, once a day at most, the invitations not used yet (and not sent today)."""
    _check_can_invite(survey)
    today = today or timezone.localdate()
    with transaction.atomic():
        waiting = list(survey.invitations.select_for_update().filter(_remindable(today)))
        Invitation.objects.filter(pk__in=[i.pk for i in waiting]).update(reminded_on=today)
        for invitation in waiting:
            notifications.reminder(invitation, survey)
    log.info("survey %s: %s reminded", survey.pk, len(waiting))
    return len(waiting)


def counts(survey: Survey, today=None) -> Counts:
    """Invited, used, and reminded today, in one query."""
    today = today or timezone.localdate()
    found = Invitation.objects.filter(survey=survey).aggregate(
        invited=Count("pk"),
        used=Count("pk", filter=Q(used_on__isnull=False)),
        reminded_today=Count("pk", filter=Q(reminded_on=today)),
        remindable=Count("pk", filter=_remindable(today)),
    )
    return Counts(**found)
