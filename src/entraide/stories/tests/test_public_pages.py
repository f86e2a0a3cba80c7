"""What a visitor sees of stories: only what is published with the interviewee's consent
covering it; the theme filter and the pages of a collection; the episode with its player, its
chapters and its transcript when the voice is consented to, and nothing of it otherwise."""

import re

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from entraide.stories.models import Story
from entraide.stories.tests.conftest import build_collection, build_story, consented, published
from entraide.stories.tests.pages_public import add_episode

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return response.content.decode()


@pytest.fixture
def public(story_by, alice):
    def make(**fields):
        fields.setdefault("slug", slugify(fields.get("title", "Réparer ensemble")))
        story = story_by(alice, **fields)
        consented(story)
        return published(story)

    return make


def test_the_collections_page_lists_public_collections_with_their_number_of_public_stories(
    client, collection, public, story_by, alice, place
):
    public(title="Réparer ensemble")
    public(title="Le jardin partagé", slug="jardin")
    story_by(alice, title="Un brouillon")
    build_collection(place, title="Recueil en préparation", slug="brouillon", code="ZZZZ2345",
                     public=False)  # fmt: skip
    page = text_of(client.get("/recits/"))
    assert "Récits de la transition" in page
    assert collection.get_absolute_url() in page
    assert "La Verrière" in page
    assert "2\u00a0récits" in page or "2 récits" in page
    assert "Recueil en préparation" not in page


def test_a_collection_shows_its_public_stories_as_cards(
    client, collection, public, story_by, alice
):
    story = public(title="Réparer ensemble", summary="Vingt ans de grille-pain.")
    story.themes.set([collection.themes.get(slug="theme-1")])
    add_episode(story)
    story_by(alice, title="Encore un brouillon")
    response = client.get(collection.get_absolute_url())
    page = text_of(response)
    assert response.status_code == 200
    assert "Réparer ensemble" in page
    assert story.get_absolute_url() in page
    assert "Portrait de Joséphine Martin" in page
    assert "par Alice" in page
    assert "Vingt ans de grille-pain." in page
    assert "Sobriété" in page
    assert "🎧" in page
    assert "Encore un brouillon" not in page
    assert "<strong>engagées</strong>" in page  # the description, rendered
    assert f'href="{collection.atom_url()}"' in page
    assert f'href="{collection.podcast_url()}"' in page
    assert 'rel="alternate" type="application/rss+xml"' in page
    assert 'rel="alternate" type="application/atom+xml"' in page


def test_a_story_is_credited_as_the_interviewee_chose(client, collection, public):
    public(credit=Story.Credit.PSEUDONYM, pseudonym="La Réparatrice")
    public(title="Prénom seulement", slug="prenom", credit=Story.Credit.FIRST_NAME)
    page = text_of(client.get(collection.get_absolute_url()))
    assert "Portrait de La Réparatrice" in page
    assert "Portrait de Joséphine<" in page or "Portrait de Joséphine " in page
    assert "Martin" not in page


def test_a_draft_collection_is_not_found(client, place):
    draft = build_collection(place, slug="pas-encore", code="XYZW2345", public=False)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(draft.atom_url()).status_code == 404
    assert client.get(draft.podcast_url()).status_code == 404


@pytest.mark.parametrize("state", [Story.State.DRAFT, Story.State.IN_REVIEW, Story.State.ACCEPTED])
def test_a_story_not_published_is_not_found(client, story_by, alice, state):
    story = story_by(alice, state=state, slug="pas-publiee")
    consented(story)
    assert client.get(story.get_absolute_url()).status_code == 404


def test_a_story_whose_consent_does_not_cover_the_text_is_nowhere(client, collection, public):
    story = public(title="Sans le texte", slug="sans-texte")
    story.consented_text = False
    story.save(update_fields=["consented_text"])
    assert client.get(story.get_absolute_url()).status_code == 404
    for address in (collection.get_absolute_url(), collection.atom_url(), collection.podcast_url()):
        assert "Sans le texte" not in text_of(client.get(address))


def test_a_withdrawn_consent_takes_the_story_off_the_pages_and_feeds(client, collection, public):
    story = public(title="Retirée", slug="retiree")
    add_episode(story)
    assert client.get(story.get_absolute_url()).status_code == 200
    assert "Retirée" in text_of(client.get(collection.podcast_url()))
    consent = story.consents.get()
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    story.consented_text = story.consented_voice = story.consented_photo = False
    story.save(update_fields=["consented_text", "consented_voice", "consented_photo"])
    assert client.get(story.get_absolute_url()).status_code == 404
    assert client.get(f"{story.get_absolute_url()}transcription.txt").status_code == 404
    for address in (collection.get_absolute_url(), collection.atom_url(), collection.podcast_url()):
        assert "Retirée" not in text_of(client.get(address))


def test_a_story_page_shows_the_text_the_episode_its_chapters_and_transcript(client, public):
    story = public(summary="Vingt ans de réparations.", body="Elle **répare**.")
    add_episode(story, chapters="00:00 Accueil\n01:30 Le café\nune ligne sans heure")
    page = text_of(client.get(story.get_absolute_url()))
    assert "<h1>Réparer ensemble</h1>" in page
    assert "Portrait de Joséphine Martin" in page
    assert "par Alice" in page
    assert "<strong>répare</strong>" in page
    assert f'<audio controls preload="none" src="{story.audio_url()}"></audio>' in page
    assert "Durée\u00a0: 2:05" in page or "Durée : 2:05" in page
    assert f'href="{story.audio_url()}" download' in page
    assert re.search(r"<li><span class=\"muted\">00:00</span> Accueil</li>", page)
    assert "01:30</span> Le café" in page
    assert "une ligne sans heure" not in page
    assert 'id="transcription"' in page
    assert page.index("<audio") < page.index("je répare des grille-pain")
    assert '<meta property="og:title" content="Réparer ensemble">' in page
    assert '<meta name="description" content="Vingt ans de réparations.">' in page


def test_without_the_voice_consented_a_story_has_no_audio_at_all(client, story_by, alice):
    story = story_by(alice, slug="sans-la-voix")
    add_episode(story)
    consented(story, voice=False)
    published(story)
    page = text_of(client.get(story.get_absolute_url()))
    assert "<audio" not in page
    assert story.audio_url() not in page
    assert "transcription" not in page
    assert "🎧" not in text_of(client.get(story.collection.get_absolute_url()))
    assert client.get(f"{story.get_absolute_url()}transcription.html").status_code == 404


def test_the_photo_shows_only_when_consented(client, story_by, alice):
    story = story_by(alice, slug="avec-photo", photo_alt="Joséphine devant son établi")
    story.photo.save("p.jpg", ContentFile(b"\xff\xd8\xff"), save=False)
    story.save()
    consented(story, photo=False)
    published(story)
    assert "<img" not in text_of(client.get(story.get_absolute_url()))
    consented(story, photo=True)
    page = text_of(client.get(story.get_absolute_url()))
    assert f'<img src="{story.photo_url()}" alt="Joséphine devant son établi">' in page
    assert 'property="og:image"' in page


def test_the_transcript_is_served_as_text_and_as_a_page(client, public):
    story = public()
    add_episode(story, transcript="Bonjour & <script>alert(1)</script> bienvenue.")
    text = client.get(f"{story.get_absolute_url()}transcription.txt")
    assert text["Content-Type"] == "text/plain; charset=utf-8"
    assert "Bonjour & <script>alert(1)</script> bienvenue." in text_of(text)
    html = text_of(client.get(f"{story.get_absolute_url()}transcription.html"))
    assert "<script>alert(1)</script>" not in html
    assert "Bonjour &amp;" in html


def test_the_theme_filter_shows_the_stories_of_a_theme(client, collection, public):
    sobriety, health = collection.themes.get(slug="theme-1"), collection.themes.get(slug="theme-2")
    public(title="Sobre").themes.set([sobriety])
    public(title="En forme", slug="en-forme").themes.set([health])
    page = text_of(client.get(f"{collection.get_absolute_url()}?theme=theme-1"))
    assert "Sobre" in page
    assert "En forme" not in page
    assert f'href="{collection.get_absolute_url()}?theme=theme-1" aria-current="page"' in page
    assert f'href="{collection.get_absolute_url()}">Tous' in page
    every = text_of(client.get(collection.get_absolute_url()))
    assert f'href="{collection.get_absolute_url()}" aria-current="page">Tous' in every
    assert client.get(f"{collection.get_absolute_url()}?theme=inconnu").status_code == 404


def test_a_collection_is_paginated_by_twelve_and_a_bad_page_is_not_found(client, collection, alice):
    for i in range(13):
        story = build_story(collection, alice, title=f"Récit {i:02}", slug=f"recit-{i}")
        consented(story)
        published(story)
    first = text_of(client.get(collection.get_absolute_url()))
    assert first.count('<li class="card">') == 12
    assert "Page 1 sur 2" in first
    second = client.get(f"{collection.get_absolute_url()}?page=2")
    assert text_of(second).count('<li class="card">') == 1
    for bad in ("3", "0", "abc", "-1", ""):
        assert client.get(f"{collection.get_absolute_url()}?page={bad}").status_code == 404


def test_script_and_html_in_every_text_stay_text(client, collection, story_by, alice):
    collection.title = "<script>alert('t')</script> & co"
    collection.save()
    story = story_by(
        alice,
        title="<script>alert(1)</script> & moi",
        slug="hostile",
        summary="<b>gras</b>",
        interviewee_name="<img src=x onerror=alert(1)>",
        body="<script>alert(2)</script> **ok**",
    )
    consented(story)
    published(story)
    for address in ("/recits/", collection.get_absolute_url(), story.get_absolute_url()):
        page = text_of(client.get(address))
        assert "<script>alert" not in page
        assert "<img src=x" not in page
        assert "<b>gras</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; moi" in text_of(
        client.get(story.get_absolute_url())
    )


def test_the_pages_of_a_theme_show_each_story_once(client, collection, alice):
    themes = list(collection.themes.all()[:3])
    for i in range(14):
        story = build_story(collection, alice, title=f"Récit {i:02}", slug=f"recit-{i}")
        story.themes.set(themes if i < 13 else themes[1:])
        consented(story)
        published(story)
    address = f"{collection.get_absolute_url()}?theme={themes[0].slug}"
    first, second = text_of(client.get(address)), text_of(client.get(f"{address}&page=2"))
    assert first.count('<li class="card">') == 12
    assert second.count('<li class="card">') == 1
    assert "Récit 13" not in first + second
    assert f'href="?theme={themes[0].slug}&amp;page=1"' in second or 'rel="prev"' in second
