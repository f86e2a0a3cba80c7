"""The episode and photo pages cost a literal number of queries (pages_media.py); the lead
gathers pages_media.PAGES into test_query_counts.py."""

import pytest

from entraide.stories.tests.pages_media import PAGES
from tests.querycount import assert_page_cost


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_a_media_page_costs_the_same_literal_queries_with_1_or_5_chapters(client, page):
    assert_page_cost(client, page)
