"""The one access helper for the organiser pages of manifestos (`gerer/`)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from entraide.manifestos.models import Manifesto
from entraide.places.services import is_organiser


def manifesto_for_organiser(request, slug) -> Manifesto:
    """The manifesto at `slug` if the signed-in person runs its place; 404 if none, 403 if not
    theirs. Views calling it are wrapped in login_required."""
    manifesto = get_object_or_404(Manifesto.objects.select_related("place", "series"), slug=slug)
    if not is_organiser(request.user, manifesto.place):
        raise PermissionDenied
    return manifesto
