"""The list of workshops stays flat with thousands of workshops: its count and its pages are
read through the list's index (workshop_upcoming_idx), never by reading every workshop, and a
deep page finds its rows by their ids in that index instead of reading every row before it."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from entraide.places.models import Region
from entraide.workshops.models import Workshop
from tests.factories import PlaceFactory, SeriesFactory, WorkshopFactory, in_days

# Committed, so that PostgreSQL can VACUUM the table: its index-only scans need the
# visibility map, as autovacuum keeps it on a real server.
pytestmark = pytest.mark.django_db(transaction=True)
MANY = 3000
THEMES = ["numerique-responsable", "sante-ecrans", "deconnexion", "recits", "donnees", "autre"]


@pytest.fixture
def many_workshops():
    """3 000 workshops in four places of two regions: most to come, one in 20 undated, one in
    10 past, a few cancelled, three in a draft series, of every theme and format."""
    places = [PlaceFactory(region=Region.OCCITANIE if n % 2 else Region.BRETAGNE) for n in range(4)]
    draft = SeriesFactory(place=places[0], status="brouillon")
    now = timezone.now()

    def workshop(n):
        start = None if n % 20 == 0 else now + timedelta(days=n % 300 - 30, minutes=n)
        return Workshop(
            place=places[n % 4],
            series=draft if n < 3 else None,
            title=f"Atelier {n}",
            slug=f"atelier-{n}",
            theme=THEMES[n % len(THEMES)],
            mode=("sur-place", "en-ligne", "hybride")[n % 3],
            starts_at=start,
            ends_at=start and start + timedelta(hours=1),
            status="annule" if n % 97 == 0 else "publie",
        )

    # On SQLite bulk_create gives back no ids here (core.page_cache): none is needed.
    Workshop.objects.bulk_create((workshop(n) for n in range(MANY)), batch_size=1000)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return places


def plans(client, url):
    """The query plans of the page's queries, one string each."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    found = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Can the indexes answer? With a few thousand rows PostgreSQL may find reading
            # the whole table cheaper (it is, then: a count of 10 000 rows reads them in about
            # a millisecond); plans that read the table are priced out here.
            cursor.execute("SET enable_seqscan = off; SET enable_bitmapscan = off")
        for query in captured.captured_queries:
            if "workshops_workshop" not in query["sql"]:
                continue
            prefix = "EXPLAIN " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
            cursor.execute(prefix + query["sql"])
            found.append("\n".join(str(row[-1]) for row in cursor.fetchall()))
        if connection.vendor == "postgresql":
            cursor.execute("RESET enable_seqscan; RESET enable_bitmapscan")
    return found


def full_reads_of_workshops(plan):
    """Lines of a plan that read the workshops table whole (its rows or its whole index)."""
    if connection.vendor == "postgresql":
        return re.findall(r"Seq Scan on workshops_workshop.*", plan)
    # SQLite: SCAN is a whole table or index; SEARCH, a range of an index. The subqueries
    # name the table V0 (the page's ids) and U0 (the draft series).
    return re.findall(r"^SCAN (?:workshops_workshop|V0)\b.*", plan, re.MULTILINE)


@pytest.mark.parametrize(
    "url",
    [
        "/ateliers/",
        "/ateliers/?region=occitanie",
        "/ateliers/?theme=donnees&format=en-ligne",
        "/ateliers/?page=100",
        "/ateliers/?region=bretagne&page=30",
    ],
)
def test_the_list_counts_and_pages_through_the_index_never_reading_every_workshop(
    client, many_workshops, url
):
    found = plans(client, url)

    assert len(found) == (2 if "page" not in url else 3)  # the count, (the ids,) the page
    assert [full_reads_of_workshops(plan) for plan in found] == [[]] * len(found), found
    # The list's index, or for a region the index led by place, place after place; a deep
    # page's rows, by their primary key.
    indexed = "workshop_upcoming_idx|workshop_place_idx|PRIMARY KEY|workshops_workshop_pkey"
    assert all(re.search(indexed, plan) for plan in found), found


def test_a_deep_page_reads_the_index_up_to_its_rows_then_20_rows_by_id(client, many_workshops):
    count, ids, page = plans(client, "/ateliers/?page=100")

    if connection.vendor == "postgresql":
        assert "Index Only Scan" in count, count
        assert "Index Only Scan using workshop_upcoming_idx" in ids, ids
        assert re.search(
            r"Index Scan using workshops_workshop_pkey.*\n.*Index Cond: \(id = ANY", page
        )
    else:
        assert "SEARCH workshops_workshop USING COVERING INDEX workshop_upcoming_idx" in count
        assert "SEARCH workshops_workshop USING COVERING INDEX workshop_upcoming_idx" in ids
        assert "SEARCH workshops_workshop USING INTEGER PRIMARY KEY (rowid=?)" in page, page


def test_every_page_shows_the_workshops_in_order_undated_last_by_place(client):
    """Ties and undated workshops keep their order (date, place name, number, creation) from
    page to page, so that no workshop is shown twice or skipped."""
    zoe, anna = PlaceFactory(name="Zoé"), PlaceFactory(name="Anna")
    same_time = in_days(3, hour=10)
    for n in range(25):
        WorkshopFactory(place=zoe if n % 2 else anna, starts_at=same_time, position=n % 3 + 1)
    for n in range(20):
        WorkshopFactory(place=zoe if n % 2 else anna, starts_at=in_days(n + 1, hour=9))
    for n in range(12):
        WorkshopFactory(place=zoe if n % 3 else anna, starts_at=None, ends_at=None)
    WorkshopFactory(starts_at=in_days(-1), title="Déjà passé")
    expected = sorted(
        Workshop.objects.exclude(title="Déjà passé"),
        key=lambda w: (w.starts_at is None, w.starts_at or 0, w.place.name, w.position, w.pk),
    )

    shown = []
    for page in (1, 2, 3):
        response = client.get(f"/ateliers/?page={page}")
        shown += [card.title for card in response.context["page"]]

    assert shown == [w.title for w in expected]
