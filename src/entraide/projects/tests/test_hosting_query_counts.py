"""Both hosting pages cost a literal number of queries, the same with 1 or 5 of what they list
(tests/querycount.py): the places one runs on "accueillir/", the hostings of the region on
"accueils/<hub>/". PAGES is ready for the app's tests/test_query_counts.py."""

import pytest

from entraide.places.models import PlaceKind, Region
from entraide.projects.models import OutputKind
from entraide.projects.services.hosting import host
from entraide.projects.tests.conftest import build_catalogue, build_project
from tests.factories import PlaceFactory, UserFactory
from tests.querycount import Page, Visit, assert_page_cost


def host_page(n):
    """Someone running `n` places, one of which already hosts the project."""
    person = UserFactory()
    places = [PlaceFactory(organisers=[person]) for _ in range(n)]
    catalogue = build_catalogue(places[0])
    project = build_project(
        catalogue, title="Ateliers", kind=OutputKind.WORKSHOP, workshop_sessions=2
    )
    host(project, places[0], by=person)
    return Visit(f"{project.get_absolute_url()}accueillir/", person, shows=[p.name for p in places])


def region_page(n):
    """A hub whose region has `n` places hosting `n` projects each (series of 2 workshops)."""
    person = UserFactory()
    hub = PlaceFactory(kind=PlaceKind.REGIONAL_HUB, region=Region.NORMANDIE, organisers=[person])
    team = UserFactory()
    places = [PlaceFactory(region=Region.NORMANDIE, organisers=[team]) for _ in range(n)]
    catalogue = build_catalogue(hub)
    projects = [
        build_project(catalogue, title=f"Projet {i}", kind=OutputKind.WORKSHOP, workshop_sessions=2)
        for i in range(n)
    ]
    for place in places:
        for project in projects:
            host(project, place, by=team)
    return Visit(
        f"/projets/accueils/{hub.slug}/",
        person,
        shows=[p.name for p in places] + [p.title for p in projects],
    )


PAGES = [
    Page("projects:host", 7, host_page),  # + whether one runs a single place
    Page("projects:region", 6, region_page),
]


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_a_hosting_page_costs_the_same_literal_queries_with_1_or_5_objects(client, page):
    assert_page_cost(client, page)


@pytest.mark.django_db
def test_the_hosting_page_costs_seven_queries(client, django_assert_num_queries):
    visit = host_page(3)
    client.force_login(visit.user)

    with django_assert_num_queries(7):
        assert client.get(visit.url).status_code == 200


@pytest.mark.django_db
def test_the_region_page_costs_six_queries(client, django_assert_num_queries):
    visit = region_page(3)
    client.force_login(visit.user)

    with django_assert_num_queries(6):
        assert client.get(visit.url).status_code == 200
