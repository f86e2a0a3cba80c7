"""The access helpers of the project catalogue's pages: organisers (a catalogue's `gerer/`
pages: its place's team, or the site's staff for the site-wide catalogue), the public, and the
members of a pair."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from entraide.places.services import is_organiser
from entraide.projects.models import Catalogue, Pair, Project


def can_manage(user, catalogue) -> bool:
    """A place's catalogue is run by the place's team; the site-wide one by the site's staff."""
    if not user.is_authenticated:
        return False
    if catalogue.place_id is None:
        return user.is_staff
    return is_organiser(user, catalogue.place)


def catalogue_for_organiser(request, slug) -> Catalogue:
    """The catalogue at `slug` if the signed-in person runs it; 404 if none, else 403."""
    catalogue = get_object_or_404(Catalogue.objects.select_related("place"), slug=slug)
    if not can_manage(request.user, catalogue):
        raise PermissionDenied
    return catalogue


def project_for_organiser(request, catalogue_slug, slug) -> Project:
    project = get_object_or_404(
        Project.objects.select_related("catalogue__place"),
        catalogue__slug=catalogue_slug,
        slug=slug,
    )
    if not can_manage(request.user, project.catalogue):
        raise PermissionDenied
    return project


def public_catalogue(request, slug) -> Catalogue:
    """A published catalogue; its organisers also see it before it is published."""
    catalogue = get_object_or_404(Catalogue.objects.select_related("place"), slug=slug)
    if not catalogue.is_public and not can_manage(request.user, catalogue):
        raise Http404
    return catalogue


def public_project(request, catalogue_slug, slug) -> Project:
    """A published project of a published catalogue; its organisers also see drafts."""
    project = get_object_or_404(
        Project.objects.select_related("catalogue__place"),
        catalogue__slug=catalogue_slug,
        slug=slug,
    )
    public = project.is_public and project.catalogue.is_public
    if not public and not can_manage(request.user, project.catalogue):
        raise Http404
    return project


def is_member(user, pair) -> bool:
    return (
        user.is_authenticated and pair.members.filter(user=user, accepted_at__isnull=False).exists()
    )


def pair_for_member(request, pk) -> Pair:
    """The pair if the signed-in person is one of its accepted members or runs its catalogue;
    404 if none, else 403."""
    pair = get_object_or_404(Pair.objects.select_related("project__catalogue__place"), pk=pk)
    if not is_member(request.user, pair) and not can_manage(request.user, pair.project.catalogue):
        raise PermissionDenied
    return pair
