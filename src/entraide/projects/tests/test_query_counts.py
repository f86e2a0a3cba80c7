"""Every page of the project catalogue costs a literal number of queries, the same with 1 or N
objects (tests/querycount.py). Each group of pages lists its pages in its own module."""

import pytest

from entraide.projects.tests.pages_pairing import PAGES as PAIRING
from entraide.projects.tests.test_hosting_query_counts import PAGES as HOSTING
from entraide.projects.tests.test_managing_query_counts import MANAGING_PAGES as MANAGING
from entraide.projects.tests.test_outputs_query_counts import PAGES as PAIR
from entraide.projects.tests.test_public_query_counts import PAGES as PUBLIC
from tests.querycount import assert_page_cost

PAGES = [*PUBLIC, *MANAGING, *PAIRING, *PAIR, *HOSTING]


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_a_page_costs_the_same_literal_queries_with_1_or_5_objects(client, page):
    assert_page_cost(client, page)
