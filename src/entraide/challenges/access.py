"""The access helpers of the challenges' pages: organisers (`gerer/`), the public, and a
participant's private link."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from entraide.challenges.models import Challenge, Participant
from entraide.challenges.services.joining import find_participant
from entraide.core.errors import DomainError
from entraide.places.services import is_organiser


def challenge_for_organiser(request, slug) -> Challenge:
    """The challenge at `slug` if the signed-in person runs its place; 404 if none, else 403."""
    challenge = get_object_or_404(Challenge.objects.select_related("place"), slug=slug)
    if not is_organiser(request.user, challenge.place):
        raise PermissionDenied
    return challenge


def published_challenge(slug) -> Challenge:
    """A challenge as the public sees it: a draft does not exist for them."""
    return get_object_or_404(
        Challenge.objects.select_related("place"), slug=slug, published_at__isnull=False
    )


def participant_for_link(slug, token) -> Participant:
    """The participant whose private link this is; 404 for a forged link, or one of another
    challenge (the same answer: nothing tells which)."""
    challenge = published_challenge(slug)
    try:
        return find_participant(challenge, token)
    except DomainError:
        raise Http404 from None
