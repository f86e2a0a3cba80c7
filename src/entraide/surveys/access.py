"""The one access helper for the organiser pages of surveys (`gerer/`)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from entraide.places.services import is_organiser
from entraide.surveys.models import Survey


def survey_for_organiser(request, slug) -> Survey:
    survey = get_object_or_404(
        Survey.objects.select_related("place", "workshop", "series"), slug=slug
    )
    if not is_organiser(request.user, survey.place):
        raise PermissionDenied
    return survey


def published_survey(slug) -> Survey:
    """A survey as the public sees it: a draft does not exist for them."""
    return get_object_or_404(
        Survey.objects.select_related("place"), slug=slug, published_at__isnull=False
    )
