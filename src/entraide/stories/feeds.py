"""The feeds of a collection, built with feedgen: the Atom feed of its public stories and its
podcast RSS feed (the iTunes tags of feedgen's podcast extension, and the Podcasting 2.0 tags
of https://podcastindex.org/namespace/1.0 through a small extension of ours below).

Only what consent covers is listed: `Story.objects.public()` for both, and in the podcast feed
only the stories whose `audio_is_public` (voice consented, audio and transcript there). Each
feed lists the latest stories only (ATOM_SIZE, PODCAST_SIZE), so that building it costs the
same for a collection of 5 stories as for one of 500; the query count does not grow either."""

import re
import uuid

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from entraide.stories.models import Author, Story

ATOM_SIZE = 50  # the latest 50 stories in the Atom feed
PODCAST_SIZE = 100  # the latest 100 episodes in the podcast feed
PODCAST_NS = "https://podcastindex.org/namespace/1.0"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
# podcast:guid is a UUIDv5 of the feed's address (scheme left out) in this namespace.
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
ITUNES_CATEGORY = ("Society & Culture", "Documentary")
CHAPTER = re.compile(r"^\s*((?:\d{1,2}:)?\d{1,2}:\d{2})\s+(.+?)\s*$")
# What XML 1.0 forbids (lxml refuses it): the control characters but tab and line breaks,
# the surrogates, U+FFFE and U+FFFF. One story holding one would take the whole feed down.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def absolute(path: str) -> str:
    return settings.ENTRAIDE_SITE_URL + path


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 forbids: every text of a feed goes through it."""
    return NOT_XML.sub("", text or "")


def feed_guid(feed_url: str) -> str:
    """The podcast's stable identifier (Podcasting 2.0's podcast:guid)."""
    address = feed_url.split("://", 1)[-1].rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, address))


def public_stories(collection):
    """The public stories of `collection`, ready to be shown without a query per story: their
    episode, their themes and their confirmed authors with their accounts."""
    confirmed = Author.objects.filter(user__isnull=False, accepted_at__isnull=False)
    return (
        Story.objects.public()
        .filter(collection=collection)
        .select_related("collection__place", "episode")
        .prefetch_related(
            "themes",
            Prefetch("authors", queryset=confirmed.select_related("user"), to_attr="confirmed"),
        )
    )


def author_names(story) -> list[str]:
    """The names the public sees of a story's confirmed authors (never an address)."""
    return [str(author.user.public_name) for author in story.confirmed]


def excerpt(html: str, words=60) -> str:
    return Truncator(strip_tags(html).strip()).words(words)


def chapters(text: str) -> list[tuple[str, str]]:
    """An episode's chapters ("mm:ss Title" or "h:mm:ss Title" a line) as (time, title);
    other lines are left out."""
    found = []
    for line in text.splitlines():
        match = CHAPTER.match(line)
        if match:
            found.append((match.group(1), match.group(2)))
    return found


def chapter_starts(text: str) -> list[tuple[int, str]]:
    """The chapters as (start in seconds, title), in the order of their start."""
    starts = []
    for time, title in chapters(text):
        seconds = 0
        for part in time.split(":"):
            seconds = seconds * 60 + int(part)
        starts.append((seconds, title))
    return sorted(starts, key=lambda start: start[0])


def transcript_url(story, extension: str) -> str:
    return f"{story.get_absolute_url()}transcription.{extension}"


# --- Atom -----------------------------------------------------------------------------------


def _channel(collection, self_url: str) -> FeedGenerator:
    fg = FeedGenerator()
    fg.id(absolute(self_url))
    fg.title(xml_text(collection.title))
    fg.subtitle(xml_text(excerpt(collection.description_html) or collection.title))
    # In this order: feedgen takes the last link given as the RSS channel's <link>.
    fg.link(href=absolute(self_url), rel="self")
    fg.link(href=absolute(collection.get_absolute_url()), rel="alternate")
    fg.language(settings.LANGUAGE_CODE)  # the stories' language, not the reader's
    fg.author({"name": xml_text(collection.place.name)})
    return fg


def atom(collection) -> bytes:
    stories = list(public_stories(collection)[:ATOM_SIZE])
    fg = _channel(collection, collection.atom_url())
    fg.updated(max((s.published_at for s in stories), default=collection.published_at))
    for story in reversed(stories):  # feedgen puts the last added first
        entry = fg.add_entry()
        entry.id(absolute(story.get_absolute_url()))
        entry.title(xml_text(story.title))
        entry.link(href=absolute(story.get_absolute_url()), rel="alternate")
        entry.published(story.published_at)
        entry.updated(max(story.published_at, story.updated_at))
        for name in author_names(story):
            entry.author({"name": xml_text(name)})
        for theme in story.themes.all():
            entry.category({"term": theme.slug, "label": xml_text(theme.name)})
        entry.summary(xml_text(story.summary or excerpt(story.body_html)))
        entry.content(xml_text(story.body_html), type="html")
    return fg.atom_str(pretty=True)


# --- Podcasting 2.0 -------------------------------------------------------------------------


def _podcast(parent, tag, text=None, **attributes):
    element = etree.SubElement(parent, f"{{{PODCAST_NS}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


class PodcastIndex(BaseExtension):
    """The channel's podcast:locked and podcast:guid, and itunes:explicit as Apple wants it
    now ("false"; feedgen's podcast extension only knows "no")."""

    def __init__(self):
        self.guid = ""

    def extend_ns(self):
        return {"podcast": PODCAST_NS}

    def extend_rss(self, feed):
        channel = feed[0]
        _podcast(channel, "locked", "no")
        _podcast(channel, "guid", self.guid)
        etree.SubElement(channel, f"{{{ITUNES_NS}}}explicit").text = "false"
        return feed


class PodcastIndexEntry(BaseEntryExtension):
    """An episode's podcast:transcript(s) and podcast:person(s)."""

    def __init__(self):
        self.transcripts = []  # (url, type, language)
        self.persons = []  # (name, role, href)
        self.chapters = ""  # the address of the chapters in JSON, if any

    def extend_ns(self):
        return {"podcast": PODCAST_NS}

    def extend_rss(self, item):
        for url, mime, language in self.transcripts:
            _podcast(item, "transcript", url=url, type=mime, language=language)
        for name, role, href in self.persons:
            attributes = {"role": role, "group": "cast"}
            if href:
                attributes["href"] = href
            _podcast(item, "person", xml_text(name), **attributes)
        if self.chapters:
            _podcast(item, "chapters", url=self.chapters, type="application/json+chapters")
        return item


def podcast_stories(collection) -> list:
    """The latest PODCAST_SIZE stories whose episode the public may hear."""
    candidates = (
        public_stories(collection)
        .filter(consented_voice=True, episode__isnull=False)
        .exclude(episode__audio="")
        .exclude(episode__transcript="")
    )
    return [story for story in candidates[:PODCAST_SIZE] if story.audio_is_public]


def podcast(collection) -> bytes:
    stories = podcast_stories(collection)
    language = settings.LANGUAGE_CODE  # the stories' language, not the reader's
    fg = _channel(collection, collection.podcast_url())
    fg.description(xml_text(excerpt(collection.description_html, 300) or collection.title))
    fg.load_extension("podcast")
    fg.register_extension("podcastindex", PodcastIndex, PodcastIndexEntry, atom=False)
    fg.podcast.itunes_author(xml_text(collection.place.name))
    fg.podcast.itunes_category(ITUNES_CATEGORY[0], ITUNES_CATEGORY[1])
    fg.podcast.itunes_summary(
        xml_text(excerpt(collection.description_html, 300) or collection.title)
    )
    fg.podcastindex.guid = feed_guid(absolute(collection.podcast_url()))
    fg.lastBuildDate(max((s.published_at for s in stories), default=timezone.now()))
    for story in reversed(stories):
        episode = story.episode
        page = absolute(story.get_absolute_url())
        entry = fg.add_entry()
        entry.guid(page, permalink=True)
        entry.title(xml_text(story.title))
        entry.link(href=page)
        entry.pubDate(story.published_at)
        summary = xml_text(story.summary or excerpt(story.body_html))
        entry.description(summary)
        entry.enclosure(absolute(story.audio_url()), str(episode.size), episode.mime_type)
        entry.podcast.itunes_duration(episode.duration)
        entry.podcast.itunes_summary(summary)
        entry.podcastindex.transcripts = [
            (absolute(transcript_url(story, "html")), "text/html", language),
            (absolute(transcript_url(story, "txt")), "text/plain", language),
        ]
        entry.podcastindex.persons = [(name, "author", "") for name in author_names(story)] + [
            (story.credited_name(), "guest", "")
        ]
        if chapters(episode.chapters):
            entry.podcastindex.chapters = absolute(f"{story.get_absolute_url()}chapitres.json")
    return fg.rss_str(pretty=True)
