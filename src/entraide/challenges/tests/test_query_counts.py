"""Every page of challenges costs a literal number of queries, the same with 1 or N objects
(tests/querycount.py). Each group of pages lists its pages in its own module."""

import pytest

from entraide.challenges.tests.pages_organising import PAGES as ORGANISING
from entraide.challenges.tests.pages_participating import PAGES as PARTICIPATING
from entraide.challenges.tests.pages_public import PAGES as PUBLIC
from tests.querycount import assert_page_cost

PAGES = [*PUBLIC, *PARTICIPATING, *ORGANISING]


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_a_page_costs_the_same_literal_queries_with_1_or_5_objects(client, page):
    assert_page_cost(client, page)


@pytest.mark.django_db
def test_a_participant_s_page_costs_the_same_with_120_check_ins_as_with_one(client):
    """Ten pledges checked in on twelve days: the calendar and the form in as many queries."""
    private_page = next(page for page in PARTICIPATING if page.name == "challenges:participant")
    assert_page_cost(client, private_page, n=12)
