"""The organisers' pages and exports cost a literal number of queries, the same with 2 pairs
and with 20 (and as many projects, people looking, outputs, links; tests/querycount.py).
MANAGING_PAGES is meant to join the app's PAGES in tests/test_query_counts.py."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entraide.projects.models import Member, Output, OutputKind, ProjectLink
from entraide.projects.tests.conftest import build_catalogue, build_project, form_pair, looking
from tests.factories import PlaceFactory, UserFactory
from tests.querycount import Page, Visit, assert_page_cost

pytestmark = pytest.mark.django_db


def a_project(n):
    """A catalogue run by its own organiser, a project with `n` formed pairs each with an
    output, `n` waiting pairs (one member and an invitation), `n` people looking."""
    organiser = UserFactory()
    place = PlaceFactory(organisers=[organiser])
    catalogue = build_catalogue(place, slug=f"catalogue-{place.slug}")
    project = build_project(
        catalogue, title="Récits", slug="recits", tags=[f"Tag {i}" for i in range(n)]
    )
    shown = []
    for i in range(n):
        first = UserFactory(display_name=f"Première {i}")
        second = UserFactory(display_name=f"Seconde {i}")
        pair = form_pair(project, first, second)
        Output.objects.create(
            project=project, pair=pair, kind=OutputKind.OTHER, object_id=Output.objects.count() + 1
        )
        alone = form_pair(project, UserFactory(display_name=f"Seule {i}"))
        Member.objects.create(pair=alone, project=project, email=f"invitee{i}@example.org")
        looking(project, UserFactory(display_name=f"Cherche {i}"))
        ProjectLink.objects.create(project=project, title=f"Lien {i}", url=f"https://e.org/{i}")
        shown += [f"Première {i}", f"Seconde {i}", f"Seule {i}", f"invitee{i}@example.org"]
    return organiser, catalogue, project, shown


def pairs_page(n):
    organiser, _catalogue, project, shown = a_project(n)
    looking_shown = [f"Cherche {i}" for i in range(n)]
    return Visit(project.manage_url() + "binomes/", organiser, shown + looking_shown)


def catalogue_page(n):
    organiser, catalogue, _project, _shown = a_project(n)
    titles = []
    for i in range(n):
        other = build_project(catalogue, title=f"Projet {i}", slug=f"projet-{i}", max_pairs=5)
        form_pair(other, UserFactory(), UserFactory())
        looking(other, UserFactory())
        titles.append(f"Projet {i}")
    return Visit(catalogue.manage_url(), organiser, titles)


def new_project_page(n):
    organiser, catalogue, _project, _shown = a_project(n)
    return Visit(f"/projets/gerer/{catalogue.slug}/nouveau/", organiser)


def edit_project_page(n):
    organiser, _catalogue, project, _shown = a_project(n)
    return Visit(
        project.manage_url(), organiser, [f"Lien {i}" for i in range(n)] + [f"Tag {n - 1}"]
    )


def remove_member_page(n):
    organiser, _catalogue, project, _shown = a_project(n)
    member = project.pairs.first().members.first()
    return Visit(f"{project.manage_url()}binomes/{member.pk}/retirer/", organiser)


def create_catalogue_page(n):
    organiser, catalogue, _project, _shown = a_project(n)
    return Visit(f"/projets/nouveau/?lieu={catalogue.place.slug}", organiser)


def catalogue_csv(n):
    organiser, catalogue, _project, shown = a_project(n)
    return Visit(f"/projets/gerer/{catalogue.slug}/binomes.csv", organiser, shown)


def project_csv(n):
    organiser, _catalogue, project, shown = a_project(n)
    return Visit(project.manage_url() + "binomes.csv", organiser, shown)


MANAGING_PAGES = [
    Page("projects:create_catalogue", 4, create_catalogue_page),
    Page("projects:manage_catalogue", 5, catalogue_page),
    Page("projects:new_project", 4, new_project_page),
    Page("projects:edit_project", 7, edit_project_page),
    Page("projects:manage_pairs", 8, pairs_page),
    Page("projects:remove_member", 5, remove_member_page),
    Page("projects:catalogue_pairs_csv", 7, catalogue_csv),
    Page("projects:project_pairs_csv", 7, project_csv),
]


def cost(client, visit):
    client.logout()
    client.force_login(visit.user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(visit.url)
    assert response.status_code == 200, visit.url
    text = response.content.decode()
    assert [shown for shown in visit.shows if shown not in text] == []
    return len(queries.captured_queries)


@pytest.mark.parametrize("page", MANAGING_PAGES, ids=str)
def test_an_organisers_page_costs_the_same_literal_queries_with_2_or_20_pairs(client, page):
    assert {n: cost(client, page.build(n)) for n in (2, 20)} == {
        2: page.queries,
        20: page.queries,
    }


@pytest.mark.parametrize("page", MANAGING_PAGES, ids=str)
def test_an_organisers_page_costs_the_same_with_1_or_5(client, page):
    assert_page_cost(client, page)
