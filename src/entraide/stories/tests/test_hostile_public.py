"""The public pages and feeds against what a hostile (or careless) writer types and what a
hostile reader asks: markup, `]]>`, `&` and control characters in every text shown (the
feeds must stay well-formed XML for everyone), garbage `?page=` and `?theme=`, a story of a
private collection reached under a public collection's slug, an episode whose voice consent
was withdrawn a moment ago."""

from xml.etree import ElementTree

import pytest
from django.core.files.base import ContentFile
from django.utils.text import slugify

from entraide.stories.models import Episode, Story
from entraide.stories.services import consent as consent_services
from entraide.stories.tests.conftest import (
    build_collection,
    build_story,
    consented,
    published,
    stored_files,
)
from entraide.stories.tests.pages_public import add_episode
from tests.factories import PlaceFactory, UserFactory

pytestmark = pytest.mark.django_db

# No NUL: PostgreSQL cannot store it, and the forms refuse it (ProhibitNullCharactersValidator).
NASTY = '<script>alert(1)</script> ]]> & &amp; "q" \x01\x08\x0b\x0c\x1b\x1f\ufffe\uffff fin'
CONTROLS = "\x01\x08\x0b\x0c\x1b\x1f\ufffe\uffff"


def xml_of(content: bytes):
    return ElementTree.fromstring(content)  # noqa: S314 - the feed this site just made


@pytest.fixture
def public(story_by, alice):
    def make(*, voice=True, episode=True, **fields):
        fields.setdefault("slug", slugify(fields.get("title", "Réparer ensemble"))[:50] or "x")
        story = story_by(alice, **fields)
        if episode:
            add_episode(story, transcript="Bonjour, je répare.")
        consented(story, voice=voice)
        return published(story)

    return make


def test_control_characters_and_markup_in_every_text_keep_both_feeds_well_formed(
    client, public, collection, alice
):
    alice.display_name = NASTY
    alice.save()
    collection.place.name = NASTY
    collection.place.save()
    collection.title = NASTY
    collection.description = NASTY
    collection.save()
    story = public(
        title=NASTY,
        slug="recit-hostile",
        summary=NASTY,
        body=NASTY,
        interviewee_name=NASTY,
        credit=Story.Credit.PSEUDONYM,
        pseudonym=NASTY,
    )
    Episode.objects.filter(story=story).update(transcript=NASTY, chapters=f"00:00 {NASTY}")
    public(title="Un récit sage", slug="sage")
    for address in (collection.atom_url(), collection.podcast_url()):
        response = client.get(address)
        assert response.status_code == 200, address
        root = xml_of(response.content)  # well-formed, or this raises
        text = ElementTree.tostring(root, encoding="unicode")
        assert "<script>" not in text.replace("&lt;script&gt;", "")
        assert not any(c in text for c in CONTROLS), address
        assert "Un récit sage" in text  # one story's text does not take the others down
        assert "fin" in text


def test_control_characters_in_the_pages_are_not_a_500(client, public, collection):
    story = public(title=NASTY, slug="recit-hostile", summary=NASTY, body=NASTY)
    Episode.objects.filter(story=story).update(transcript=NASTY, chapters=f"00:00 {NASTY}")
    for address in (
        collection.get_absolute_url(),
        story.get_absolute_url(),
        f"{story.get_absolute_url()}transcription.html",
        f"{story.get_absolute_url()}transcription.txt",
        f"{story.get_absolute_url()}chapitres.json",
    ):
        response = client.get(address)
        assert response.status_code == 200, address
        assert response["X-Content-Type-Options"] == "nosniff"
        if response["Content-Type"].startswith("text/html"):
            assert b"<script>alert(1)" not in response.content, address
        else:  # plain text and JSON: never read as a page
            assert not response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=0",
        "page=-1",
        "page=1.5",
        "page=1e3",
        "page=99999999999999999999999999",
        "page=" + "9" * 5000,
        "page=2",
        "theme=",
        "theme=nope",
        "theme=theme-0&page=99999999999999999999",
    ],
)
def test_garbage_page_and_theme_are_404_never_500(client, public, collection, query):
    public()
    response = client.get(f"{collection.get_absolute_url()}?{query}")
    assert response.status_code == 404


def test_a_nul_byte_in_the_query_is_a_400(client, public, collection):
    public()
    for query in ("page=%00", "theme=%00"):
        assert client.get(f"{collection.get_absolute_url()}?{query}").status_code == 400


@pytest.mark.parametrize("query", ["page=2&page=1", "page=1&page=1", "theme=theme-0&theme="])
def test_repeated_parameters_take_the_last(client, public, collection, query):
    story = public()
    story.themes.set(collection.themes.all()[:1])
    response = client.get(f"{collection.get_absolute_url()}?{query}")
    expected = 404 if query.endswith("theme=") else 200
    assert response.status_code == expected


def test_the_collections_list_refuses_garbage_pages(client, public):
    public()
    for query in ("page=abc", "page=99999999999999999999999999", "page=0"):
        assert client.get(f"/recits/?{query}").status_code == 404, query
    assert client.get("/recits/?page=1").status_code == 200


def test_a_story_of_a_private_collection_is_not_reached_under_a_public_ones_slug(
    client, collection, public
):
    public(title="Visible", slug="visible")
    private = build_collection(
        PlaceFactory(organisers=[UserFactory()]), slug="prive", code="PRIV2345", public=False
    )
    author = UserFactory()
    hidden = build_story(private, author, title="Caché", slug="cache")
    add_episode(hidden, transcript="Secret")
    consented(hidden)
    published(hidden)
    base = collection.get_absolute_url()
    for suffix in ("", "transcription.txt", "transcription.html", "chapitres.json", "audio"):
        assert client.get(f"{base}cache/{suffix}").status_code == 404, suffix
        assert client.get(f"/recits/prive/cache/{suffix}").status_code == 404, suffix
    for feed in (collection.atom_url(), collection.podcast_url()):
        assert b"Secret" not in client.get(feed).content
        assert "Caché".encode() not in client.get(feed).content
    assert client.get(private.atom_url()).status_code == 404
    assert client.get(private.podcast_url()).status_code == 404


def test_withdrawn_voice_takes_the_episode_down_at_once(
    client, public, collection, media_root, django_capture_on_commit_callbacks
):
    story = public(title="Retrait", slug="retrait")
    consent = story.consents.get()
    audio = story.audio_url()
    assert client.get(audio).status_code == 200
    assert stored_files(media_root)
    with django_capture_on_commit_callbacks(execute=True):
        consent_services.answer(consent, media={"text"}, credit=Story.Credit.FULL_NAME)
    assert client.get(audio).status_code == 404
    assert client.head(audio).status_code == 404
    assert stored_files(media_root) == []
    for suffix in ("transcription.txt", "transcription.html", "chapitres.json"):
        assert client.get(f"{story.get_absolute_url()}{suffix}").status_code == 404, suffix
    assert client.get(story.get_absolute_url()).status_code == 200  # the text stays
    assert b"Retrait" not in client.get(collection.podcast_url()).content


def test_the_transcript_of_a_story_without_voice_consent_is_404(client, public):
    story = public(title="Sans voix", slug="sans-voix", voice=False)
    for suffix in ("transcription.txt", "transcription.html", "chapitres.json", "audio"):
        assert client.get(f"{story.get_absolute_url()}{suffix}").status_code == 404, suffix
    not_consented = build_story(story.collection, UserFactory(), title="Brouillon", slug="brou")
    add_episode(not_consented, transcript="Brouillon")
    published(not_consented)  # published by mistake, no consent at all
    for suffix in ("", "transcription.txt", "transcription.html", "audio"):
        response = client.get(f"{not_consented.get_absolute_url()}{suffix}")
        assert response.status_code == 404, suffix


def test_a_withdrawal_through_the_page_takes_everything_down_at_once(
    client, public, collection, media_root, django_capture_on_commit_callbacks
):
    story = public(title="Retrait total", slug="retrait-total")
    story.photo.save("visage.png", ContentFile(b"\x89PNG fake"), save=True)
    consent = story.consents.get()
    for address in (story.get_absolute_url(), story.audio_url(), story.photo_url()):
        assert client.get(address).status_code == 200, address
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(consent.private_url() + "retirer/").status_code == 302
    assert stored_files(media_root) == []
    for suffix in ("", "audio", "photo", "transcription.txt", "transcription.html"):
        assert client.get(f"{story.get_absolute_url()}{suffix}").status_code == 404, suffix
    for feed in (collection.atom_url(), collection.podcast_url()):
        assert b"Retrait total" not in client.get(feed).content
