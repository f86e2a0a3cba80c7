"""Stories on the shared pages: the menu and the home page, a place's page, the organiser
space, the account page, "My data" with its export, account deletion, and the demo data."""

import json

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from entraide.accounts.services import delete_account
from entraide.accounts.tests.test_readable_my_data import sections
from entraide.stories.hooks import describe_stories_erasure
from entraide.stories.models import Author, Collection, Episode, Story
from entraide.stories.services import writing
from entraide.stories.tests.conftest import consented, published, stored_files

pytestmark = pytest.mark.django_db


def test_the_menu_and_the_home_page_lead_to_the_stories(client):
    page = client.get("/").text

    assert '<a href="/recits/"' in page
    assert "Récits de la transition" in page


def test_a_place_s_page_lists_its_public_collections_with_their_published_stories(
    client, collection, story_by, alice, place
):
    consented(published(story_by(alice)))
    story_by(alice, title="Un brouillon")
    hidden = Collection.objects.create(
        place=place, title="Collection en préparation", slug="en-preparation", code="PREP2345",
        interview_guide="Guide",
    )  # fmt: skip

    page = client.get(place.get_absolute_url()).text

    assert collection.get_absolute_url() in page
    assert "Récits publiés\u00a0: 1" in page
    assert hidden.get_absolute_url() not in page


def test_the_organiser_space_shows_the_stories_to_review(client_for, bob, collection, story_by,
                                                         alice):  # fmt: skip
    story = story_by(alice)
    writing.submit(story, alice)

    page = client_for(bob).get("/espace/").text

    assert "1 récit à relire" in page
    assert collection.review_url() in page
    assert collection.manage_url() in page
    assert f"/recits/nouveau/?lieu={collection.place.slug}" in page


def test_the_account_page_links_to_my_stories(client_for, alice):
    assert "/recits/mes-recits/" in client_for(alice).get("/compte/").text


def test_my_data_shows_my_stories_and_the_export_holds_them(client_for, alice, story_by):
    story = story_by(alice, title="Réparer ensemble")
    client = client_for(alice)

    cards = dict(sections(client.get("/compte/mes-donnees/").text)["Mes récits"])
    exported = json.loads(client.get("/compte/mes-donnees/export.json").content)

    assert ("Personne interviewée", "Joséphine Martin") in cards[story.title]
    assert "Récits de la transition" in cards
    stories = [row for row in exported["data"]["stories"] if row.get("story")]
    assert stories[0]["story"] == "Réparer ensemble"
    assert stories[0]["interviewee"] == "Joséphine Martin"


def test_deleting_the_account_deletes_the_drafts_only_i_wrote_with_their_files(
    alice, charlie, story_by, media_root
):
    mine = story_by(alice, title="Mon brouillon")
    mine.photo.save("portrait.jpg", ContentFile(b"\xff\xd8\xff"), save=True)
    episode = Episode.objects.create(story=mine, transcript="texte")
    episode.audio.save("voix.mp3", ContentFile(b"ID3"), save=True)
    shared = story_by(alice, title="À deux")
    Author.objects.create(story=shared, user=charlie, accepted_at=shared.created_at)
    public = consented(published(story_by(alice, title="Publié")))
    (told,) = describe_stories_erasure(alice)
    assert "ceux que personne d’autre n’a écrits et qui ne sont pas publiés sont supprimés" in told

    delete_account(alice)

    assert list(Story.objects.order_by("title").values_list("title", flat=True)) == [
        "Publié", "À deux",
    ]  # fmt: skip
    assert stored_files(media_root) == []
    assert list(shared.authors.values_list("user", flat=True)) == [charlie.pk]
    assert public.story.authors.count() == 0  # published with consent: the editors keep it


def test_the_demo_tells_the_seed_s_story_and_loads_twice_without_duplicates(client):
    call_command("demo", verbosity=0)
    call_command("demo", verbosity=0)

    collection = Collection.objects.get(slug="recits-de-la-transition-universite-paul-valery")
    states = dict(collection.stories.values_list("title", "state"))
    assert states == {
        "Réparer ensemble au café du quartier": "publiee",
        "Quitter la tour pour apprendre à respirer": "publiee",
        "L’énergie qu’elles partagent": "en-relecture",
        "Des semences et des mains": "acceptee",
    }
    repair = collection.stories.get(title__startswith="Réparer")
    assert repair.audio_is_public
    assert repair.episode.duration > 5
    withdrawn = collection.stories.get(title="Des semences et des mains")
    assert withdrawn.current_consent().is_withdrawn
    assert collection.stories.get(state="en-relecture").comments.filter(by_editor=True).exists()
    (anthology,) = collection.anthologies.all()
    assert anthology.entries.count() == 2
    page = client.get(collection.get_absolute_url()).text
    assert "Réparer ensemble au café du quartier" in page
    assert "Des semences et des mains" not in page
