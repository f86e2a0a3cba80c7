import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.accounts.services import has_verified_email
from entraide.core.errors import DomainError
from entraide.core.slugs import save_with_unique_slug
from entraide.core.tokens import new_token, token_digest
from entraide.places import notifications
from entraide.places.errors import PlaceErrorCode
from entraide.places.models import Invitation, Membership, Place, PlaceStatus

log = logging.getLogger(__name__)


def organised_place_ids(user) -> frozenset:
    """The places `user` runs, read once per request (the user object lives as long as it): the
    menu and the page's "manage" link then cost one query between them."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_organised_place_ids"):
        ids = Membership.objects.filter(user=user).values_list("place_id", flat=True)
        user._organised_place_ids = frozenset(ids)
    return user._organised_place_ids


def is_organiser(user, place: Place) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or place.pk in organised_place_ids(user)


def update_place(place: Place, *, by, changes: dict) -> Place:
    for field, value in changes.items():
        setattr(place, field, value)
    place.save()
    log.info("place %s updated by user %s", place.pk, by.pk)
    return place


def propose_place(*, by, fields: dict) -> Place:
    """Someone who runs no place proposes theirs: it waits, hidden from the directory, for a
    site administrator's approval; the administrators are told by mail."""
    if Membership.objects.filter(user=by).exists():
        raise DomainError(
            _("You already run a place: invite the people you work with from its page instead."),
            code=PlaceErrorCode.ALREADY_RUNS_A_PLACE,
        )
    with transaction.atomic():
        place = Place(status=PlaceStatus.PROPOSED, proposed_by=by, **fields)
        save_with_unique_slug(place, place.name, url_namespace="places", fallback="lieu")
        notifications.proposal_received(place)
    log.info("place %s proposed by user %s", place.pk, by.pk)
    return place


def pending_proposals(user):
    return Place.objects.filter(proposed_by=user, status=PlaceStatus.PROPOSED).order_by("pk")


def approve_proposal(place_id: int, *, by) -> Place | None:
    """Publish a proposed place and make its proposer an organiser of it, who is told by mail.

    Returns None, changing nothing, for any other place: already published (approving twice,
    or a forged selection), unknown, or whose proposer's account is gone."""
    with transaction.atomic():
        place = (
            Place.objects.select_for_update(of=("self",))
            .select_related("proposed_by")
            .filter(pk=place_id, status=PlaceStatus.PROPOSED, proposed_by__is_active=True)
            .first()
        )
        if place is None:
            return None
        place.status = PlaceStatus.PUBLISHED
        place.save(update_fields=["status", "updated_at"])
        Membership.objects.get_or_create(place=place, user=place.proposed_by)
        notifications.proposal_approved(place)
    log.info("place %s approved by user %s", place.pk, by.pk)
    return place


def invite_organiser(place: Place, *, email: str, by, site_url: str) -> Invitation:
    """Email `email` a link to become an organiser of `place`.

    Inviting the same address again renews the pending invitation (new link, new delay)."""
    email = email.strip().lower()
    if Membership.objects.filter(place=place, user__email__iexact=email).exists():
        raise DomainError(
            _("This person is already an organiser of this place."),
            code=PlaceErrorCode.ALREADY_ORGANISER,
            field="email",
        )
    raw, digest = new_token()
    expires_at = timezone.now() + timedelta(days=settings.ENTRAIDE_INVITATION_DAYS)
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .filter(place=place, email__iexact=email, accepted_at__isnull=True)
            .first()
        )
        if invitation is None:
            invitation = Invitation(place=place, email=email)
        invitation.token_digest = digest
        invitation.invited_by = by
        invitation.expires_at = expires_at
        try:
            with transaction.atomic():
                invitation.save()
        except IntegrityError:  # a concurrent invitation to the same address won the race
            raise DomainError(
                _("An invitation to this address is already being sent."),
                code=PlaceErrorCode.INVITATION_BEING_SENT,
                field="email",
            ) from None
        notifications.invitation(
            invitation, link=site_url + reverse("places:invitation", args=[raw])
        )
    log.info("invitation %s to place %s sent by user %s", invitation.pk, place.pk, by.pk)
    return invitation


def find_invitation(raw_token: str) -> Invitation | None:
    """The pending, unexpired invitation behind a link, or None (whatever the reason)."""
    return (
        Invitation.objects.select_related("place", "invited_by")
        .filter(
            token_digest=token_digest(raw_token),
            accepted_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .first()
    )


def can_accept(invitation: Invitation, user) -> bool:
    """Only the owner of the invited address accepts: an account that verified it."""
    return user.is_authenticated and has_verified_email(user, invitation.email)


def accept_invitation(raw_token: str, *, user) -> Membership:
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .filter(
                token_digest=token_digest(raw_token),
                accepted_at__isnull=True,
                expires_at__gt=timezone.now(),
            )
            .first()
        )
        if invitation is None:
            raise DomainError(
                _("This invitation is no longer valid."), code=PlaceErrorCode.INVITATION_INVALID
            )
        if not can_accept(invitation, user):
            raise DomainError(
                _(
                    "This invitation was sent to %(email)s: sign in with that address, or add "
                    "it to your account and confirm it."
                )
                % {"email": invitation.email},
                code=PlaceErrorCode.NOT_THE_INVITED_ADDRESS,
            )
        membership, _created = Membership.objects.get_or_create(place=invitation.place, user=user)
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    log.info("invitation %s accepted by user %s", invitation.pk, user.pk)
    return membership


def revoke_invitation(place: Place, invitation_id: int) -> None:
    Invitation.objects.filter(place=place, pk=invitation_id, accepted_at__isnull=True).delete()
