"""The anthology's pages cost a literal number of queries, the same with 1 or 5 anthologies,
stories and exports (pages_anthology.PAGES; stories' test_query_counts.py gathers them)."""

import pytest

from entraide.stories.tests.pages_anthology import PAGES
from tests.querycount import assert_page_cost


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_an_anthology_page_costs_the_same_literal_queries_with_1_or_5_objects(client, page):
    assert_page_cost(client, page)
