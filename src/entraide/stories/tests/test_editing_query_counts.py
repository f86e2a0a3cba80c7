"""The editors' and review pages cost a literal number of queries, the same with one object or
five (tests/querycount.py). EDITING_PAGES is meant to join the app's PAGES in
tests/test_query_counts.py."""

import pytest
from django.utils import timezone

from entraide.stories.models import Comment, Story, Theme, Writer
from entraide.stories.tests.conftest import build_collection, build_story, consented
from tests.factories import PlaceFactory, UserFactory
from tests.querycount import Page, Visit, assert_page_cost

pytestmark = pytest.mark.django_db


def a_collection(n):
    editor = UserFactory()
    place = PlaceFactory(organisers=[editor])
    collection = build_collection(place, slug=f"recueil-{place.slug}", code=f"C{place.pk:07d}"[:8])
    return editor, collection


def settings_page(n):
    editor, collection = a_collection(n)
    shown = []
    for i in range(n):
        Writer.objects.create(collection=collection, email=f"w{i}@example.org")
        Theme.objects.create(collection=collection, name=f"Thème {i}", slug=f"t{i}", position=9)
        shown += [f"w{i}@example.org", f"Thème {i}"]
    return Visit(collection.manage_url(), editor, shown)


def review_list(n):
    editor, collection = a_collection(n)
    shown = []
    for i in range(n):
        author = UserFactory(display_name=f"Autrice {i}")
        story = build_story(
            collection, author, title=f"Récit {i}", slug=f"recit-{collection.pk}-{i}",
            state=list(Story.State)[i % 5], published_at=timezone.now(),
        )  # fmt: skip
        consented(story)
        Comment.objects.create(story=story, author=editor, by_editor=True, body="…")
        shown += [f"Récit {i}", f"Autrice {i}"]
    return Visit(collection.review_url(), editor, shown)


def review_story(n):
    editor, collection = a_collection(n)
    author = UserFactory()
    story = build_story(
        collection, author, slug=f"recit-{collection.pk}", state=Story.State.IN_REVIEW
    )
    consented(story)
    for i in range(n):
        Comment.objects.create(story=story, author=UserFactory(), body=f"Avis {i}")
    return Visit(story.review_url(), editor, [f"Avis {i}" for i in range(n)])


EDITING_PAGES = [
    Page("stories:manage_collection", 8, settings_page),
    Page("stories:review_stories", 7, review_list),
    Page("stories:review_story", 9, review_story),
]


@pytest.mark.parametrize("page", EDITING_PAGES, ids=str)
def test_a_page_costs_the_same_literal_queries_with_1_or_5_objects(client, page):
    assert_page_cost(client, page)
