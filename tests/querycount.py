"""The rule every list and detail page keeps: it costs a literal number of queries, the same
whether it shows one object or many (no query per row, no N+1).

Each app lists its pages in its own `tests/test_query_counts.py`:

    PAGES = [
        Page("places:directory", 2, directory),   # the count, the page
        ...
    ]

    @pytest.mark.parametrize("page", PAGES, ids=str)
    def test_a_page_costs_the_same_literal_queries_with_1_or_5_objects(client, page):
        assert_page_cost(client, page)

A builder `build(n)` makes a scene of its own with `n` of what the page lists (places,
registrations, sessions, answers…) and returns the `Visit`: the address, who looks at it
(`None`: a visitor), and texts the page must show, so that the `n` objects are on the page
and not merely in the database. The page is rendered with 1 object, then with `N`, and both
renderings must cost exactly `page.queries`. When they do not, the failure lists the SQL of
both renderings: the query that appears `N` times is the one to fix.

tests/test_every_page_is_counted.py checks, from the URL patterns, that every page of every
app is in some PAGES, or said to have no count (an action, a form, one thing).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.test.utils import CaptureQueriesContext

N = 5  # "many": enough for a query per row to show, few enough to build quickly


@dataclass(frozen=True)
class Visit:
    url: str
    user: object = None  # who looks at the page; None for a visitor
    shows: Sequence[str] = field(default_factory=tuple)  # texts the page must contain
    session: dict = field(default_factory=dict)  # put in the signed-in person's session


@dataclass(frozen=True)
class Page:
    name: str  # the URL name, and the variant after a space ("places:directory by region")
    queries: int  # literal: what the page costs, whatever the number of objects
    build: Callable[[int], Visit]  # a scene with `n` objects, and how to look at it

    def __str__(self):
        return self.name


def _render(client, visit: Visit):
    client.logout()
    if visit.user is not None:
        client.force_login(visit.user)
    if visit.session:
        session = client.session
        session.update(visit.session)
        session.save()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(visit.url)
    assert response.status_code == 200, f"{visit.url}: {response.status_code}"
    text = response.content.decode("utf-8")
    missing = [shown for shown in visit.shows if shown not in text]
    assert not missing, f"{visit.url} does not show {missing}"
    return [query["sql"] for query in queries.captured_queries]


def _listing(runs):
    lines = []
    for count, sql in runs.items():
        lines.append(f"--- with {count}: {len(sql)} queries")
        lines += [f"{i:3}. {query}" for i, query in enumerate(sql, 1)]
    return "\n".join(lines)


def assert_page_cost(client, page: Page, n: int = N):
    """`page` costs `page.queries` queries with 1 object and with `n`."""
    runs = {count: _render(client, page.build(count)) for count in (1, n)}
    counts = {count: len(sql) for count, sql in runs.items()}
    expected = dict.fromkeys(runs, page.queries)
    assert counts == expected, f"{page}: {counts}, expected {page.queries}\n{_listing(runs)}"
