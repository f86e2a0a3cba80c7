"""What readers see, without an account: the public collections, a collection's page (its
themes as filters, its public stories by pages of 12), a story's page (its text, and its
episode with the transcript when the voice is consented to), the episode's transcript as plain
text and as a page of its own (linked from the podcast feed), and the two feeds (feeds.py).

Nothing exists for the public before consent covers it: a draft collection, or a story not in
`Story.objects.public()`, answers 404, like an address that never existed. Every page costs a
fixed number of queries, whatever the number of stories."""

import hashlib
import json

from django.conf import settings
from django.core.paginator import InvalidPage
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.cache import get_conditional_response, patch_cache_control

from entraide.core.page_cache import public_page
from entraide.core.pagination import IndexPaginator
from entraide.stories import feeds
from entraide.stories.access import public_collection, public_story
from entraide.stories.models import Collection, Story

STORIES_PER_PAGE = 12


def _page(paginator, number):
    """Page `number` (1 when not given); 404 for a page out of range or not a number."""
    try:
        return paginator.page(number if number is not None else 1)
    except InvalidPage:
        raise Http404 from None


def duration(seconds: int) -> str:
    """ "4:05", "1:02:03"."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"


def chapters(text: str) -> list[tuple[str, str]]:
    """The episode's chapters ("mm:ss Title" a line) as (time, title); other lines skipped."""
    return feeds.chapters(text)


def _cards(stories) -> list[dict]:
    return [{"story": story, "authors": feeds.author_names(story)} for story in stories]


# --- The collections ------------------------------------------------------------------------


@public_page
def collection_list(request):
    public = Q(
        stories__state=Story.State.PUBLISHED,
        stories__consented_text=True,
    )
    collections = (
        Collection.objects.filter(published_at__isnull=False)
        .select_related("place")
        .only("title", "slug", "description_html", "published_at", "place__name", "place__slug")
        .annotate(public_stories=Count("stories", filter=public))
        .order_by("-published_at", "pk")
    )
    page = _page(IndexPaginator(collections, settings.ENTRAIDE_PAGE_SIZE), request.GET.get("page"))
    return render(request, "stories/public/list.html", {"page": page})


@public_page
def collection_detail(request, collection):
    collection = public_collection(collection)
    themes = list(collection.themes.all())
    chosen = request.GET.get("theme")
    theme = None
    stories = feeds.public_stories(collection).order_by("-published_at", "-pk")
    if chosen is not None:
        theme = next((t for t in themes if t.slug == chosen), None)
        if theme is None:
            raise Http404
        # A subquery, not a join: IndexPaginator takes pages after the first by their ids
        # alone, dropping the conditions but not the joins (a join would repeat each story).
        tagged = Story.themes.through.objects.filter(theme=theme).values("story_id")
        stories = stories.filter(pk__in=tagged)
    page = _page(IndexPaginator(stories, STORIES_PER_PAGE), request.GET.get("page"))
    context = {
        "collection": collection,
        "themes": themes,
        "theme": theme,
        "page": page,
        "cards": _cards(page),
        "page_url": feeds.absolute(collection.get_absolute_url()),
        "atom_url": feeds.absolute(collection.atom_url()),
        "podcast_url": feeds.absolute(collection.podcast_url()),
    }
    return render(request, "stories/public/collection.html", context)


# --- A story --------------------------------------------------------------------------------


def _story(collection, story) -> Story:
    """The public story, with its themes and confirmed authors (feeds.public_stories)."""
    found = public_story(collection, story)
    story = feeds.public_stories(found.collection).filter(pk=found.pk).first()
    if story is None:  # changed between the two reads
        raise Http404
    return story


@public_page
def story_detail(request, collection, story):
    story = _story(collection, story)
    episode = story.episode if story.audio_is_public else None
    context = {
        "story": story,
        "collection": story.collection,
        "authors": feeds.author_names(story),
        "themes": list(story.themes.all()),
        "episode": episode,
        "duration": duration(episode.duration) if episode else "",
        "chapters": chapters(episode.chapters) if episode else [],
        "page_url": feeds.absolute(story.get_absolute_url()),
        "photo_url": feeds.absolute(story.photo_url()) if story.photo_is_public else "",
    }
    return render(request, "stories/public/story.html", context)


def _heard_story(collection, story) -> Story:
    """A public story whose episode may be heard: its transcript goes with it; else 404."""
    story = public_story(collection, story)
    if not story.audio_is_public:
        raise Http404
    return story


@public_page
def transcript_text(request, collection, story):
    story = _heard_story(collection, story)
    content = f"{story.title}\n\n{story.episode.transcript.strip()}\n"
    return HttpResponse(content, content_type="text/plain; charset=utf-8")


@public_page
def transcript_page(request, collection, story):
    story = _heard_story(collection, story)
    context = {"story": story, "collection": story.collection, "episode": story.episode}
    return render(request, "stories/public/transcript.html", context)


@public_page
def chapters_json(request, collection, story):
    """The chapters in the Podcasting 2.0 JSON format, linked from the podcast feed."""
    story = _heard_story(collection, story)
    found = feeds.chapter_starts(story.episode.chapters)
    if not found:
        raise Http404
    content = {"version": "1.2.0", "chapters": [{"startTime": t, "title": n} for t, n in found]}
    return HttpResponse(
        json.dumps(content, ensure_ascii=False),
        content_type="application/json+chapters; charset=utf-8",
    )


# --- The feeds ------------------------------------------------------------------------------


def _feed(request, content: bytes, content_type: str) -> HttpResponse:
    """The feed, with an ETag of its content: a podcast app that polls it gets a 304 while
    nothing changed, and is never told a withdrawn story is still there (`no-cache`)."""
    etag = f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"'
    response = HttpResponse(content, content_type=f"{content_type}; charset=utf-8")
    response["ETag"] = etag
    patch_cache_control(response, public=True, no_cache=True)
    return get_conditional_response(request, etag=etag, response=response)


@public_page
def atom_feed(request, collection):
    collection = public_collection(collection)
    return _feed(request, feeds.atom(collection), "application/atom+xml")


@public_page
def podcast_feed(request, collection):
    collection = public_collection(collection)
    return _feed(request, feeds.podcast(collection), "application/rss+xml")


urlpatterns = [
    path("", collection_list, name="collections"),
    path("<slug:collection>/", collection_detail, name="collection"),
    path("<slug:collection>/flux.atom", atom_feed, name="atom"),
    path("<slug:collection>/podcast.xml", podcast_feed, name="podcast"),
    path("<slug:collection>/<slug:story>/", story_detail, name="story"),
    path(
        "<slug:collection>/<slug:story>/transcription.txt", transcript_text, name="transcript_txt"
    ),
    path("<slug:collection>/<slug:story>/transcription.html", transcript_page, name="transcript"),
    path("<slug:collection>/<slug:story>/chapitres.json", chapters_json, name="chapters"),
]
