"""Every page of surveys costs a literal number of queries, the same with 1 or N objects
(tests/querycount.py). Each area lists its pages in its own module."""

import pytest

from entraide.surveys.tests.pages_answering import PAGES as ANSWERING
from entraide.surveys.tests.pages_building import PAGES as BUILDING
from entraide.surveys.tests.pages_listing import PAGES as LISTING
from entraide.surveys.tests.pages_results import PAGES as RESULTS
from tests.querycount import assert_page_cost

PAGES = [*LISTING, *BUILDING, *ANSWERING, *RESULTS]


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_a_page_costs_the_same_literal_queries_with_1_or_5_objects(client, page):
    assert_page_cost(client, page)
