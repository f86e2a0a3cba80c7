"""The interviewee's private pages cost a literal number of queries, the same whatever the
story holds: `n` earlier requests, `n` authors, `n` themes, `n` saved versions, `n` comments
(tests/querycount.py). PAGES joins the app's tests/test_query_counts.py."""

from datetime import timedelta

import pytest
from django.utils import timezone

from entraide.stories.models import Author, Comment, Consent, StoryVersion
from entraide.stories.services import consent as services
from entraide.stories.tests.conftest import build_collection, build_story, consented
from tests.factories import PlaceFactory, UserFactory
from tests.querycount import Page, Visit, assert_page_cost

_made = iter(range(10_000))


def a_consent(n):
    """A story with `n` consents asked (the latest answered, its relecture asked), `n`
    authors, themes, versions and comments; its interviewee's link."""
    i = next(_made)
    editor = UserFactory()
    place = PlaceFactory(organisers=[editor])
    collection = build_collection(place, slug=f"recits-{i}", code=f"CODE{i:04d}")
    author = UserFactory()
    story = build_story(
        collection,
        author,
        title=f"Récit {i}",
        slug=f"recit-{i}",
        interviewee_email=f"j{i}@example.org",
    )
    story.themes.set(collection.themes.all()[:n])
    for _k in range(1, n):
        Author.objects.create(story=story, user=UserFactory(), accepted_at=timezone.now())
    for k in range(n):
        StoryVersion.objects.create(story=story, number=k + 1, title=story.title, body="Texte")
        Comment.objects.create(story=story, author=editor, by_editor=True, body=f"Note {k}")
    for k in range(n - 1):
        old = consented(story)
        Consent.objects.filter(pk=old.pk).update(
            requested_at=timezone.now() - timedelta(days=n - k)
        )
    consent = consented(story, photo=False)
    story.state = story.State.IN_REVIEW
    story.save()
    services.request_reading(story, by=author)
    return consent, story


def private_page(n):
    consent, story = a_consent(n)
    return Visit(consent.private_url(), shows=[story.title, "Relire le texte final"])


def withdraw_page(n):
    consent, story = a_consent(n)
    return Visit(consent.private_url() + "retirer/", shows=[story.title])


PAGES = [
    Page("stories:consent", 4, private_page),
    Page("stories:consent_withdraw", 2, withdraw_page),
]


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_a_private_page_costs_the_same_literal_queries_with_1_or_5_objects(client, page):
    assert_page_cost(client, page)
