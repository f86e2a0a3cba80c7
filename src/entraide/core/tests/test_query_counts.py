"""The home page costs a literal number of queries, the same whatever is announced on it
(tests/querycount.py)."""

import pytest

from tests.factories import UserFactory, WorkshopFactory, in_days
from tests.querycount import Page, Visit, assert_page_cost

pytestmark = pytest.mark.django_db


def home(n, *, signed_in=False):
    """`n` workshops to come; the scene with more of them comes sooner, so that they are among
    the five the home page announces."""
    workshops = [WorkshopFactory(starts_at=in_days(10 - n, hour=10 + i)) for i in range(n)]
    return Visit("/", user=UserFactory() if signed_in else None, shows=[w.title for w in workshops])


PAGES = [
    Page("core:home", 3, home),  # the workshops, open surveys, challenges (with their places)
    Page("core:home signed in", 6, lambda n: home(n, signed_in=True)),  # + session, user, menu
]


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_a_page_costs_the_same_literal_queries_with_1_or_5_objects(client, page):
    assert_page_cost(client, page)
