"""A partner or a writer who joins by invitation is asked their name once, if their account
has none; every page then shows the same public name."""

import pytest

from entraide.stories.models import Author, Comment, Story
from entraide.stories.services import collections as collection_services
from entraide.stories.services import writing
from entraide.stories.tests.conftest import consented, published
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(db):
    return UserFactory(email="lea@example.org", display_name="")


def test_a_partner_without_a_name_gives_it_when_accepting(client, story_by, alice, newcomer):
    story = story_by(alice)
    pending = writing.invite_partner(story, alice, newcomer.email)
    client.force_login(newcomer)
    assert "Votre nom" in client.get(pending.invitation_url()).text
    response = client.post(pending.invitation_url(), {"answer": "accept", "display_name": ""})
    assert response.status_code == 400
    assert response.context["name_form"].has_error("display_name", "required")
    assert not Author.objects.filter(story=story, user=newcomer).exists()
    response = client.post(pending.invitation_url(), {"answer": "accept", "display_name": "Léa"})
    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.display_name == "Léa"
    assert Author.objects.filter(story=story, user=newcomer, accepted_at__isnull=False).exists()


def test_a_partner_with_a_name_and_one_who_declines_are_not_asked(
    client, story_by, alice, charlie, newcomer
):
    story = story_by(alice)
    pending = writing.invite_partner(story, alice, charlie.email)
    client.force_login(charlie)
    assert "Votre nom" not in client.get(pending.invitation_url()).text
    assert client.post(pending.invitation_url(), {"answer": "accept"}).status_code == 302
    other = story_by(alice, title="Autre")
    pending = writing.invite_partner(other, alice, newcomer.email)
    client.force_login(newcomer)
    assert client.post(pending.invitation_url(), {"answer": "decline"}).status_code == 302
    assert not other.authors.filter(user=newcomer).exists()


def test_a_writer_invited_without_a_name_gives_it_when_accepting(client, bob, collection, newcomer):
    (invited,) = collection_services.invite_writers(collection, by=bob, addresses=newcomer.email)
    url = invited.invitation_url()
    client.force_login(newcomer)
    assert "Votre nom" in client.get(url).text
    response = client.post(url, {"display_name": ""})
    assert response.status_code == 400
    invited.refresh_from_db()
    assert invited.user_id is None
    assert client.post(url, {"display_name": "Léa"}).status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.display_name == "Léa"


def test_every_page_shows_the_same_public_name(client, client_for, bob, story_by, alice):
    nameless = UserFactory(email="x@example.org", display_name="")
    story = story_by(alice)
    Author.objects.create(story=story, user=nameless, accepted_at=story.created_at)
    Comment.objects.create(story=story, author=nameless, body="Voilà.")
    Story.objects.filter(pk=story.pk).update(state=Story.State.IN_REVIEW)
    editor = client_for(bob)
    for url in (story.review_url(), story.collection.review_url()):
        assert "Alice, Membre" in editor.get(url).text
    assert "Membre" in editor.get(story.review_url()).text.split('class="comment"')[1]
    published(story)
    consented(story)
    for url in (story.get_absolute_url(), story.collection.get_absolute_url()):
        assert "par Alice et Membre" in client.get(url).text
    assert "<name>Membre</name>" in client.get(story.collection.atom_url()).text
