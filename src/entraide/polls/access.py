"""The one access helper for the organiser pages of polls (`gerer/`)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from entraide.places.services import is_organiser
from entraide.polls.models import Poll


def poll_for_organiser(request, slug) -> Poll:
    poll = get_object_or_404(Poll.objects.select_related("place", "workshop"), slug=slug)
    if not is_organiser(request.user, poll.place):
        raise PermissionDenied
    return poll
