"""The one access helper for organiser pages (`gerer/`): a place's organisers, or a superuser."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from entraide.places.models import Place
from entraide.places.services import is_organiser


def place_for_organiser(request, slug: str) -> Place:
    """The place at `slug` if the signed-in person runs it; 404 if none, 403 if not theirs.

    Views calling it are wrapped in login_required."""
    place = get_object_or_404(Place, slug=slug)
    if not is_organiser(request.user, place):
        raise PermissionDenied
    return place
