"""The pairing pages cost a literal number of queries, the same with 1 and 20 of what they list
(seekers, proposals, pairs, invitations), and with 2 and 20 seekers on the join page. The
scenes are in pages_pairing.py; the integrator adds its PAGES to the app's test_query_counts.py."""

import pytest

from entraide.projects.tests.pages_pairing import PAGES, join_page
from tests.querycount import _render, assert_page_cost

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_a_pairing_page_costs_the_same_literal_queries_with_1_or_20_things(client, page):
    assert_page_cost(client, page, n=20)


def test_the_join_page_costs_the_same_with_2_and_20_seekers(client):
    counts = {n: len(_render(client, join_page(n))) for n in (2, 20)}

    assert counts == {2: 7, 20: 7}
