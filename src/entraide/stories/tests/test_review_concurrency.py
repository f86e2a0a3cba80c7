"""Two editors acting on the same story at once (publish and unpublish, or a double publish):
the story ends in one state or the other, consistent (published_at set iff published), each
request answers 302 or a clear 409, never a 500. Real threads, real transactions, on the test
database: PostgreSQL's row locks are what is proven (SQLite serialises writers, and its
in-memory test database, shared between threads, answers "table is locked" instead of
waiting: these tests run on PostgreSQL only)."""

import threading

import pytest
from django.core import mail
from django.test import Client
from django.utils.text import slugify

from entraide.stories.models import Story
from entraide.stories.tests.conftest import build_story, consented
from entraide.stories.views import review as review_views
from tests.factories import UserFactory
from tests.threads import at_once, skip_on_sqlite

State = Story.State
ROUNDS = 6


def together(monkeypatch, parties):
    """Both requests load the story, then wait for each other before they act on it."""
    barrier = threading.Barrier(parties, timeout=10)
    load = review_views.story_for_editor

    def story_for_editor(*args, **kwargs):
        story = load(*args, **kwargs)
        barrier.wait()
        return story

    monkeypatch.setattr(review_views, "story_for_editor", story_for_editor)
    return barrier


def editors(bob, place):
    second = UserFactory(email="dana@example.org", display_name="Dana")
    place.memberships.create(user=second)
    clients = []
    for person in (bob, second):
        client = Client(raise_request_exception=False)
        client.force_login(person)
        clients.append(client)
    return clients


@pytest.mark.django_db(transaction=True)
def test_publishing_and_unpublishing_at_once_leaves_one_consistent_state(
    monkeypatch, bob, alice, place, collection, writer
):
    skip_on_sqlite(pytest)
    story = build_story(collection, alice, slug=slugify("Réparer ensemble"), state=State.ACCEPTED)
    consented(story)
    first, second = editors(bob, place)
    barrier = together(monkeypatch, 2)
    successes = 0
    for _ in range(ROUNDS):
        barrier.reset()
        before = Story.objects.get(pk=story.pk).state
        responses = at_once(
            lambda: first.post(story.review_url() + "publier/"),
            lambda: second.post(story.review_url() + "depublier/"),
        )
        codes = [r.status_code for r in responses]
        assert all(code in (302, 400, 409) for code in codes), codes
        after = Story.objects.get(pk=story.pk)
        assert (after.state == State.PUBLISHED) == (after.published_at is not None)
        assert after.state in (State.ACCEPTED, State.PUBLISHED)
        if before == State.ACCEPTED:
            # publish succeeds; unpublish either saw it (both 302, back to accepted) or not (409)
            assert codes[0] == 302
            expected = State.ACCEPTED if codes[1] == 302 else State.PUBLISHED
        else:
            # unpublish succeeds; publish either saw it (both 302, published again) or not
            assert codes[1] == 302
            expected = State.PUBLISHED if codes[0] == 302 else State.ACCEPTED
        assert after.state == expected
        successes += codes.count(302)
    assert len(mail.outbox) == successes  # the authors hear each move that happened, once


@pytest.mark.django_db(transaction=True)
def test_two_editors_publishing_at_once_publish_once(
    monkeypatch, bob, alice, place, collection, writer
):
    skip_on_sqlite(pytest)
    story = build_story(collection, alice, slug="double", state=State.ACCEPTED)
    consented(story)
    first, second = editors(bob, place)
    together(monkeypatch, 2)
    responses = at_once(
        lambda: first.post(story.review_url() + "publier/"),
        lambda: second.post(story.review_url() + "publier/"),
    )
    assert sorted(r.status_code for r in responses) == [302, 409]
    story.refresh_from_db()
    assert story.state == State.PUBLISHED
    assert story.published_at is not None
    assert len(mail.outbox) == 1  # the authors hear it once
