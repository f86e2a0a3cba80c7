"""The review pages: every story by state with its consent status, and one story's review
page with its record, comments and the moves its state allows."""

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.text import slugify

from entraide.stories.models import Comment, Episode, Story, StoryVersion
from entraide.stories.tests.conftest import build_story, consented
from tests.factories import PlaceFactory, UserFactory

pytestmark = pytest.mark.django_db
State = Story.State


@pytest.fixture
def story_by(story_by):
    """The shared fixture, with an ASCII address (the routes take a slug)."""

    def make(author, title="Réparer ensemble", **fields):
        return story_by(author, title=title, slug=slugify(title), **fields)

    return make


def test_the_list_shows_each_state_in_review_first_with_counts_and_consent(
    client_for, bob, alice, collection, writer, story_by
):
    story_by(alice, title="Brouillon")
    consented(story_by(alice, title="En relecture", state=State.IN_REVIEW), voice=False)
    withdrawn = consented(story_by(alice, title="Retirée", state=State.ACCEPTED))
    withdrawn.withdrawn_at = timezone.now()
    withdrawn.save()
    page = client_for(bob).get(collection.review_url()).text
    headings = [line for line in page.splitlines() if line.startswith("<h2 id=")]
    assert [h.split('"')[1] for h in headings] == [
        "en-relecture-title",
        "a-reprendre-title",
        "acceptee-title",
        "publiee-title",
        "brouillon-title",
    ]
    assert 'En relecture <span class="badge">1</span>' in page
    assert "accordé\u00a0: texte, photo" in page
    assert '<span class="badge danger">retiré</span>' in page
    assert page.index("En relecture</a>") < page.index("Brouillon</a>")


@pytest.mark.parametrize("who", ["alice", "charlie"])
def test_authors_and_other_places_teams_may_not_review(
    request, client_for, collection, writer, story_by, alice, who
):
    PlaceFactory(organisers=[request.getfixturevalue("charlie")])
    story = story_by(alice, state=State.IN_REVIEW)
    client = client_for(request.getfixturevalue(who))
    assert client.get(collection.review_url()).status_code == 403
    assert client.get(story.review_url()).status_code == 403
    assert client.post(story.review_url() + "accepter/").status_code == 403
    assert client.post(story.review_url(), {"body": "x"}).status_code == 403
    assert Story.objects.get(pk=story.pk).state == State.IN_REVIEW
    assert not Comment.objects.exists()


def test_the_review_page_shows_the_text_episode_photo_consent_and_comments(
    client_for, bob, alice, story_by
):
    story = story_by(alice, state=State.IN_REVIEW, body="Un **texte** <script>x()</script>")
    story.save()
    story.photo, story.photo_alt = "stories/photos/p.jpg", "Joséphine à l’atelier"
    story.save()
    Episode.objects.create(story=story, audio="stories/audio/a.mp3", duration=125)
    consent = consented(story, photo=False)
    Comment.objects.create(story=story, author=bob, by_editor=True, body="<b>Bien</b>")
    page = client_for(bob).get(story.review_url()).text
    assert "<strong>texte</strong>" in page
    assert "<script>x()" not in page
    assert "durée 2:05" in page
    assert "aucune transcription" in page
    assert "Joséphine à l’atelier" in page
    assert f"version {consent.form.version}" in page
    assert "&lt;b&gt;Bien&lt;/b&gt;" in page
    assert f"/recits/{story.collection.slug}/{story.slug}/versions/" in page
    assert "Accepter</button>" in page
    assert "Demander des modifications</button>" in page
    assert "Publier</button>" not in page


def test_the_reason_a_publication_is_refused_shows_before_clicking(
    client_for, bob, alice, story_by
):
    story = story_by(alice, state=State.ACCEPTED)
    page = client_for(bob).get(story.review_url()).text
    assert "En attente du consentement de la personne interviewée" in page
    assert '<button type="submit" disabled>Publier</button>' in page
    response = client_for(bob).post(story.review_url() + "publier/")
    assert response.status_code == 400
    assert response.context["error"].code == "no_consent"
    assert Story.objects.get(pk=story.pk).state == State.ACCEPTED


def test_a_move_from_a_state_the_story_left_is_a_clear_409(client_for, bob, alice, story_by):
    story = story_by(alice, state=State.ACCEPTED)
    consented(story)
    client = client_for(bob)
    assert client.post(story.review_url() + "publier/").status_code == 302
    again = client.post(story.review_url() + "publier/")  # a double click
    assert again.status_code == 409
    assert "Publié" in again.context["error"].message
    assert len(mail.outbox) == 1
    assert client.post(story.review_url() + "inconnue/").status_code == 404
    assert client.get(story.review_url() + "publier/").status_code == 405


def test_asking_for_changes_from_the_page_needs_a_comment(client_for, bob, alice, story_by):
    story = story_by(alice, state=State.IN_REVIEW)
    client = client_for(bob)
    response = client.post(story.review_url() + "a-reprendre/", {"body": ""})
    assert response.status_code == 400
    assert response.context["changes_form"].has_error("body")
    response = client.post(story.review_url() + "a-reprendre/", {"body": "x" * 10_000})
    assert response.status_code == 400
    assert Story.objects.get(pk=story.pk).state == State.IN_REVIEW
    response = client.post(story.review_url() + "a-reprendre/", {"body": "Plus court."})
    assert response.status_code == 302
    assert Story.objects.get(pk=story.pk).state == State.CHANGES_REQUESTED


def test_commenting_from_the_page(client_for, bob, alice, story_by):
    story = story_by(alice)
    StoryVersion.objects.create(story=story, number=1, title=story.title, body=story.body)
    client = client_for(bob)
    assert client.post(story.review_url(), {"body": " "}).status_code == 400
    assert client.post(story.review_url(), {"body": "c" * 10_000}).status_code == 400
    assert client.post(story.review_url(), {"body": "Bravo"}).status_code == 302
    assert client.post(story.review_url(), {"body": "Bravo"}).status_code == 302  # double click
    assert Comment.objects.get().version.number == 1
    assert len(mail.outbox) == 1
    assert "sur la version 1" in client.get(story.review_url()).text


def many_stories(collection, count):
    start = collection.stories.count()
    for n in range(start, start + count):
        author = UserFactory()
        story = build_story(
            collection, author, title=f"Récit {n}", slug=f"recit-{n}", state=list(State)[n % 5],
            published_at=timezone.now(),
        )  # fmt: skip
        consented(story)
        Comment.objects.create(story=story, author=author, body="…")


def test_the_list_costs_the_same_queries_with_one_or_many_stories(
    client_for, bob, collection, django_assert_num_queries
):
    many_stories(collection, 1)
    client = client_for(bob)
    client.get(collection.review_url())
    with django_assert_num_queries(QUERIES):
        client.get(collection.review_url())
    many_stories(collection, 20)
    with django_assert_num_queries(QUERIES):
        assert client.get(collection.review_url()).status_code == 200


QUERIES = 7
