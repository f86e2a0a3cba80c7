"""The feeds of a collection, read as a feed reader and a podcast app would read them
(feedparser), with the Podcasting 2.0 tags read from the XML itself: only public stories, only
episodes whose voice is consented to, enclosures with their length and type, transcripts and
persons credited; text stays text."""

import uuid
from xml.etree import ElementTree

import feedparser
import pytest
from django.conf import settings
from django.utils.text import slugify

from entraide.stories.feeds import ATOM_SIZE, PODCAST_NS, feed_guid
from entraide.stories.models import Author, Story
from entraide.stories.tests.conftest import build_story, consented, published
from entraide.stories.tests.pages_public import add_episode
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NS = {"podcast": PODCAST_NS}


def xml_of(content: bytes):
    return ElementTree.fromstring(content)  # noqa: S314 - the feed this site just made


@pytest.fixture
def public(story_by, alice):
    def make(*, voice=True, episode=True, **fields):
        fields.setdefault("slug", slugify(fields.get("title", "Réparer ensemble")))
        story = story_by(alice, **fields)
        if episode:
            add_episode(story, transcript="Bonjour, je répare.")
        consented(story, voice=voice)
        return published(story)

    return make


def podcast_of(client, collection):
    response = client.get(collection.podcast_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    return response


def test_the_podcast_feed_lists_the_episodes_as_a_podcast_app_reads_them(
    client, collection, public, alice
):
    story = public(summary="Vingt ans de grille-pain.", credit=Story.Credit.PSEUDONYM,
                   pseudonym="La Réparatrice")  # fmt: skip
    Author.objects.create(
        story=story, user=UserFactory(display_name="Bruno"), accepted_at=story.published_at
    )
    Author.objects.create(story=story, email="pas-encore@example.org")  # invited, not confirmed
    content = podcast_of(client, collection).content
    feed = feedparser.parse(content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == collection.title
    assert feed.feed.language == "fr"
    assert feed.feed.link == settings.ENTRAIDE_SITE_URL + collection.get_absolute_url()
    [entry] = feed.entries
    page = settings.ENTRAIDE_SITE_URL + story.get_absolute_url()
    assert entry.title == "Réparer ensemble"
    assert entry.link == page
    assert entry.id == page
    assert entry.summary == "Vingt ans de grille-pain."
    assert entry.itunes_duration == "125"
    [enclosure] = entry.enclosures
    assert enclosure.href == settings.ENTRAIDE_SITE_URL + story.audio_url()
    assert enclosure.length == "4"
    assert enclosure.type == "audio/mpeg"
    assert entry.published_parsed is not None

    root = xml_of(content)
    channel = root.find("channel")
    assert channel.find("podcast:locked", NS).text == "no"
    itunes = {"itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd"}
    assert [e.text for e in channel.findall("itunes:explicit", itunes)] == ["false"]
    assert channel.find("itunes:author", itunes).text == "La Verrière"
    assert channel.find("itunes:category", itunes).get("text") == "Society & Culture"
    guid = channel.find("podcast:guid", NS).text
    assert uuid.UUID(guid).version == 5
    assert guid == feed_guid(settings.ENTRAIDE_SITE_URL + collection.podcast_url())
    item = channel.find("item")
    transcripts = {t.get("type"): t for t in item.findall("podcast:transcript", NS)}
    assert transcripts["text/html"].get("url") == f"{page}transcription.html"
    assert transcripts["text/plain"].get("url") == f"{page}transcription.txt"
    assert transcripts["text/plain"].get("language") == "fr"
    persons = {p.text: p.get("role") for p in item.findall("podcast:person", NS)}
    assert persons == {"Alice": "author", "Bruno": "author", "La Réparatrice": "guest"}


def test_the_transcript_addresses_of_the_feed_answer(client, collection, public):
    public()
    root = xml_of(podcast_of(client, collection).content)
    for transcript in root.iter(f"{{{PODCAST_NS}}}transcript"):
        path = transcript.get("url").removeprefix(settings.ENTRAIDE_SITE_URL)
        response = client.get(path)
        assert response.status_code == 200
        assert response["Content-Type"].startswith(transcript.get("type"))
        assert "Bonjour, je répare." in response.content.decode()


def test_the_podcast_feed_leaves_out_what_the_voice_consent_does_not_cover(
    client, collection, public
):
    public(title="Avec la voix")
    public(title="Sans la voix", voice=False)
    public(title="Sans épisode", episode=False)
    untranscribed = public(title="Sans transcription", episode=False)
    add_episode(untranscribed, transcript="   ")
    titles = [e.title for e in feedparser.parse(podcast_of(client, collection).content).entries]
    assert titles == ["Avec la voix"]
    # The Atom feed lists every public story, with or without its episode.
    atom = feedparser.parse(client.get(collection.atom_url()).content)
    assert sorted(e.title for e in atom.entries) == [
        "Avec la voix", "Sans la voix", "Sans transcription", "Sans épisode"
    ]  # fmt: skip


def test_the_atom_feed_lists_the_public_stories(client, collection, public, story_by, alice):
    story = public(summary="Vingt ans.", body="Elle **répare**.")
    story.themes.set([collection.themes.get(slug="theme-1")])
    story_by(alice, title="Brouillon", slug="brouillon")
    response = client.get(collection.atom_url())
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert "no-cache" in response["Cache-Control"]
    assert response["ETag"]
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    [entry] = feed.entries
    assert entry.title == "Réparer ensemble"
    assert entry.link == settings.ENTRAIDE_SITE_URL + story.get_absolute_url()
    assert entry.summary == "Vingt ans."
    assert "<strong>répare</strong>" in entry.content[0].value
    assert entry.author == "Alice"
    assert [t.label for t in entry.tags] == ["Sobriété"]
    assert any(link.rel == "self" for link in feed.feed.links)


def test_a_withdrawn_story_leaves_both_feeds(client, collection, public):
    story = public(title="Retirée", slug="retiree")
    story.consented_text = story.consented_voice = False
    story.save(update_fields=["consented_text", "consented_voice"])
    assert feedparser.parse(client.get(collection.atom_url()).content).entries == []
    assert feedparser.parse(podcast_of(client, collection).content).entries == []


def test_titles_with_script_and_ampersand_stay_text_in_the_feeds(client, collection, public):
    collection.title = "Récits <script>alert(1)</script> & co"
    collection.save()
    public(title="<script>alert(2)</script> & moi", slug="hostile",
           summary="<b>gras</b> & maigre", interviewee_name="<i>Jo</i> & Co")  # fmt: skip
    for address in (collection.atom_url(), collection.podcast_url()):
        content = client.get(address).content
        feed = feedparser.parse(content)
        assert not feed.bozo
        assert "<script>" not in content.decode()
        assert feed.entries[0].title == "<script>alert(2)</script> & moi"
    root = xml_of(client.get(collection.podcast_url()).content)
    assert root.find("channel/title").text == "Récits <script>alert(1)</script> & co"
    guest = [p.text for p in root.iter(f"{{{PODCAST_NS}}}person") if p.get("role") == "guest"]
    assert guest == ["<i>Jo</i> & Co"]


def test_the_feeds_list_the_latest_stories_only(client, collection, alice):
    for i in range(ATOM_SIZE + 2):
        story = build_story(collection, alice, title=f"Récit {i}", slug=f"recit-{i}")
        consented(story)
        published(story)
    entries = feedparser.parse(client.get(collection.atom_url()).content).entries
    assert len(entries) == ATOM_SIZE
    assert entries[0].title == f"Récit {ATOM_SIZE + 1}"
    assert "Récit 0" not in [e.title for e in entries]


def test_an_empty_collection_has_valid_empty_feeds(client, collection):
    for address in (collection.atom_url(), collection.podcast_url()):
        feed = feedparser.parse(client.get(address).content)
        assert not feed.bozo
        assert feed.entries == []


def test_a_podcast_app_polling_an_unchanged_feed_gets_a_304(client, collection, public):
    public()
    first = podcast_of(client, collection)
    again = client.get(collection.podcast_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    public(title="Un nouveau", slug="nouveau")
    changed = client.get(collection.podcast_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert b"Un nouveau" in changed.content


def test_chapters_are_linked_from_the_feed_in_the_podcasting_json_format(
    client, collection, public, alice
):
    story = public(episode=False)
    add_episode(story, chapters="00:00 Accueil\n1:02:03 La fin\n01:30 Le café\npas une heure")
    root = xml_of(podcast_of(client, collection).content)
    [link] = root.iter(f"{{{PODCAST_NS}}}chapters")
    assert link.get("type") == "application/json+chapters"
    response = client.get(link.get("url").removeprefix(settings.ENTRAIDE_SITE_URL))
    assert response["Content-Type"] == "application/json+chapters; charset=utf-8"
    assert response.json() == {
        "version": "1.2.0",
        "chapters": [
            {"startTime": 0, "title": "Accueil"},
            {"startTime": 90, "title": "Le café"},
            {"startTime": 3723, "title": "La fin"},
        ],
    }


def test_an_episode_without_chapters_links_none(client, collection, public):
    story = public()
    root = xml_of(podcast_of(client, collection).content)
    assert list(root.iter(f"{{{PODCAST_NS}}}chapters")) == []
    assert client.get(f"{story.get_absolute_url()}chapitres.json").status_code == 404
