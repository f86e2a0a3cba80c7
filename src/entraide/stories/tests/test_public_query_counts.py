"""The public pages and both feeds cost a literal number of queries, the same with 1, 5 or 60
public stories (tests/querycount.py; the scenes are in pages_public.py)."""

import pytest

from entraide.stories.tests.pages_public import PAGES
from tests.querycount import assert_page_cost


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_a_public_page_costs_the_same_literal_queries_with_1_or_5_stories(client, page):
    assert_page_cost(client, page)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "page",
    [
        p
        for p in PAGES
        if p.name in ("stories:collection", "stories:story", "stories:atom", "stories:podcast")
    ],
    ids=str,
)
def test_the_collection_a_story_and_the_feeds_cost_the_same_with_60_stories(client, page):
    assert_page_cost(client, page, n=60)
