"""Votes on amendments: for, against or abstain, one per person (a Contributor: an account,
or a visitor's browser session, as on the ideas wall), changeable while amendments are open,
only on open amendments shown to everyone. The manifesto's lock is taken first, then the vote
is upserted: two votes of one person at the same moment leave one row, the last choice."""

import logging

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError
from entraide.manifestos.errors import ManifestoErrorCode
from entraide.manifestos.models import Amendment, Phase, Vote, VoteChoice
from entraide.manifestos.services.ideas import Person, _contributor, find_contributor
from entraide.manifestos.services.locks import lock_manifesto

log = logging.getLogger(__name__)


def vote_totals() -> dict:
    """Annotations giving an amendment query its totals in the same query:
    `votes_for`, `votes_against`, `votes_abstain`."""
    return {
        f"votes_{name}": Count("votes", filter=Q(votes__choice=choice))
        for name, choice in (
            ("for", VoteChoice.FOR),
            ("against", VoteChoice.AGAINST),
            ("abstain", VoteChoice.ABSTAIN),
        )
    }


def vote(amendment, *, choice, person: Person) -> Vote:
    """The person's vote on `amendment`, made or changed to `choice`."""
    if choice not in VoteChoice.values:
        raise DomainError(
            _("Choose for, against or abstain."),
            code=ManifestoErrorCode.UNKNOWN_CHOICE,
            field="choice",
        )
    with transaction.atomic():
        manifesto = lock_manifesto(amendment.manifesto_id)
        if manifesto.phase != Phase.AMENDMENTS_OPEN:
            raise DomainError(
                _("Voting is closed: amendments are no longer open on this manifesto."),
                code=ManifestoErrorCode.VOTES_CLOSED,
            )
        amendment = Amendment.objects.get(pk=amendment.pk)
        if not amendment.is_public:
            raise DomainError(
                _("This amendment is not public yet."),
                code=ManifestoErrorCode.AMENDMENT_NOT_PUBLIC,
            )
        if not amendment.is_open:
            raise DomainError(
                _("This amendment is no longer open: votes on it are closed."),
                code=ManifestoErrorCode.AMENDMENT_NOT_OPEN,
            )
        contributor = _contributor(manifesto, person)
        vote, created = Vote.objects.update_or_create(
            amendment=amendment, contributor=contributor, defaults={"choice": choice}
        )
    log.info("amendment %s: vote %s %s", amendment.pk, vote.pk, "cast" if created else "changed")
    return vote


def my_vote(amendment, person: Person, contributor=None) -> str:
    """The person's current choice on `amendment` ("" if she has not voted)."""
    contributor = contributor or find_contributor(amendment.manifesto, person)
    if contributor is None:
        return ""
    return (
        Vote.objects.filter(amendment=amendment, contributor=contributor)
        .values_list("choice", flat=True)
        .first()
        or ""
    )
