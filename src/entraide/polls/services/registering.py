"""After a date is fixed, people who answered the poll are not registered for the workshop: the
"date fixed" mail offers them to register in one click. Its link is signed (nothing stored)
and names their answer; following it proves the address, so the seat is taken at once."""

from datetime import timedelta

from django.core import signing
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError
from entraide.polls.errors import PollErrorCode
from entraide.polls.models import Participant, Poll
from entraide.workshops import services as workshop_services

VALID_FOR = timedelta(days=30)


def _salt(poll: Poll) -> str:
    return f"entraide.polls.register-after-fixing.{poll.pk}"


def registration_token(participant: Participant) -> str:
    return signing.dumps(participant.pk, salt=_salt(participant.poll), compress=True)


def registration_url(participant: Participant) -> str:
    poll = participant.poll
    return f"/sondages/{poll.slug}/inscription/{registration_token(participant)}/"


def participant_for(poll: Poll, token: str) -> Participant | None:
    """The answer a link names, if the link is genuine, recent, and its answer still there
    with an address."""
    try:
        pk = signing.loads(token, salt=_salt(poll), max_age=VALID_FOR)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return Participant.objects.filter(poll=poll, pk=pk).exclude(email="").first()


def register_after_fixing(poll: Poll, participant: Participant):
    """Register the person of `participant` for the workshop whose date the poll fixed."""
    workshop = poll.workshop
    if workshop is None or poll.chosen_slot_id is None:
        raise DomainError(
            _("This poll has not fixed a workshop's date."), code=PollErrorCode.NO_FIXED_WORKSHOP
        )
    return workshop_services.register_with_proven_address(
        workshop, name=participant.name, email=participant.email
    )
