"""The one access helper for the organiser pages of workshops (`gerer/`)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from entraide.places.services import is_organiser
from entraide.workshops.models import Series, Workshop


def workshop_for_organiser(request, slug) -> Workshop:
    """The workshop at `slug` if the signed-in person runs its place; 404 if none, else 403."""
    workshop = get_object_or_404(Workshop.objects.select_related("place", "series"), slug=slug)
    if not is_organiser(request.user, workshop.place):
        raise PermissionDenied
    return workshop


def series_for_organiser(request, slug) -> Series:
    series = get_object_or_404(Series.objects.select_related("place"), slug=slug)
    if not is_organiser(request.user, series.place):
        raise PermissionDenied
    return series


def can_see_draft(user, place) -> bool:
    return is_organiser(user, place)
