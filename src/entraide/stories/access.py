"""The access helpers of the stories' pages: editors (a collection's `gerer/` pages, a story's
review), authors (a story's writing pages), the public, and an interviewee's private link."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from entraide.core.tokens import token_digest
from entraide.places.services import is_organiser
from entraide.stories.models import Collection, Consent, Story


def collection_for_editor(request, slug) -> Collection:
    """The collection at `slug` if the signed-in person runs its place (its editors); 404 if
    none, else 403."""
    collection = get_object_or_404(Collection.objects.select_related("place"), slug=slug)
    if not is_organiser(request.user, collection.place):
        raise PermissionDenied
    return collection


def is_editor(user, collection) -> bool:
    return is_organiser(user, collection.place)


def story_for_editor(request, collection_slug, slug) -> Story:
    story = get_object_or_404(
        Story.objects.select_related("collection__place"),
        collection__slug=collection_slug,
        slug=slug,
    )
    if not is_organiser(request.user, story.collection.place):
        raise PermissionDenied
    return story


def is_author(user, story) -> bool:
    return (
        user.is_authenticated
        and story.authors.filter(user=user, accepted_at__isnull=False).exists()
    )


def story_for_author(request, collection_slug, slug) -> Story:
    """The story if the signed-in person is one of its (confirmed) authors; 404 if none, else
    403. Editors read a story through story_for_editor."""
    story = get_object_or_404(
        Story.objects.select_related("collection__place"),
        collection__slug=collection_slug,
        slug=slug,
    )
    if not is_author(request.user, story):
        raise PermissionDenied
    return story


def public_collection(slug) -> Collection:
    return get_object_or_404(
        Collection.objects.select_related("place"), slug=slug, published_at__isnull=False
    )


def public_story(collection_slug, slug) -> Story:
    """A story as the public sees it: nothing exists for them until it is published with the
    interviewee's consent covering its text (Story.objects.public())."""
    return get_object_or_404(
        Story.objects.public().select_related("collection__place", "episode"),
        collection__slug=collection_slug,
        slug=slug,
    )


def consent_for_link(token) -> Consent:
    """The consent whose private link this is; 404 for a forged link."""
    try:
        return Consent.objects.select_related("story__collection__place", "form").get(
            token_digest=token_digest(token)
        )
    except Consent.DoesNotExist:
        raise Http404 from None


__all__ = [
    "collection_for_editor",
    "consent_for_link",
    "is_author",
    "is_editor",
    "public_collection",
    "public_story",
    "story_for_author",
    "story_for_editor",
]
