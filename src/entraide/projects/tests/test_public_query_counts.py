"""The public pages cost a literal number of queries, the same with 2 or 40 projects (and on
page 2), pairs, links, hosting places and achievements (tests/querycount.py). `PAGES` is for
the app's tests/test_query_counts.py."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entraide.projects.models import Hosting, Output, OutputKind, ProjectLink
from entraide.projects.tests.conftest import build_catalogue, build_project, form_pair
from entraide.projects.tests.test_public_realisations import described, fakes  # noqa: F401
from tests.factories import PlaceFactory, UserFactory
from tests.querycount import Page, Visit, assert_page_cost

_scenes = iter(range(10**6))


def a_catalogue(n, *, extra=0):
    """A public catalogue of a place of its own with `n + extra` public projects (and a draft),
    each for two audiences, with two tags, a formed pair and a pair being formed."""
    number = next(_scenes)
    organiser = UserFactory()
    catalogue = build_catalogue(
        PlaceFactory(organisers=[organiser]), slug=f"catalogue-{number}", description="Un *cours*."
    )
    kinds = [OutputKind.STORY, OutputKind.WORKSHOP, OutputKind.SURVEY]
    for i in range(n + extra):
        project = build_project(
            catalogue,
            title=f"Projet n°{i}",
            slug=f"projet-{number}-{i}",
            kind=kinds[i % 3],
            audiences=["Étudiants", "Bénévoles"],
            tags=["Santé mentale", f"Étiquette {i % 4}"],
            duration="Trois ateliers",
            max_pairs=3,
            position=i,
        )
        form_pair(project, UserFactory(), UserFactory())
        form_pair(project, UserFactory())
    build_project(catalogue, title="Un brouillon", slug=f"brouillon-{number}", published_at=None)
    catalogue.organiser = organiser
    return catalogue


def catalogue_list(n):
    for _ in range(n):
        a_catalogue(1)
    return Visit("/projets/", shows=["1 projet"])


def catalogue_page(n):
    catalogue = a_catalogue(n)
    shown = min(n, 12) - 1
    return Visit(catalogue.get_absolute_url(), shows=[f"Projet n°{shown}<", "1 binôme sur 3"])


def catalogue_page_2(n):
    catalogue = a_catalogue(n, extra=12)
    shown = min(n + 12, 24) - 1
    return Visit(f"{catalogue.get_absolute_url()}?page=2", shows=[f"Projet n°{shown}<"])


def catalogue_filtered(n):
    catalogue = a_catalogue(n)
    return Visit(
        f"{catalogue.get_absolute_url()}?public=etudiants&etiquette=sante-mentale&type=recit",
        shows=["Projet n°0<", "Effacer les filtres"],
    )


def catalogue_filtered_page_2(n):
    catalogue = a_catalogue(3 * (n + 12))
    return Visit(
        f"{catalogue.get_absolute_url()}?etiquette=sante-mentale&type=recit&page=2",
        shows=["Projet n°36<"],
    )


def catalogue_for_its_organiser(n):
    catalogue = a_catalogue(n)
    return Visit(catalogue.get_absolute_url(), user=catalogue.organiser, shows=["Brouillon"])


def catalogue_for_a_participant(n):
    catalogue = a_catalogue(n)
    return Visit(catalogue.get_absolute_url(), user=UserFactory(), shows=["Projet n°0<"])


def a_project(n):
    """A public workshop-type project with `n` pairs, `n` links of each kind and `n` places
    hosting it (no workshop made yet: the adapters are not called)."""
    catalogue = build_catalogue(PlaceFactory(), slug=f"catalogue-{next(_scenes)}")
    project = build_project(
        catalogue,
        title="Le projet",
        slug="le-projet",
        kind=OutputKind.WORKSHOP,
        audiences=["Étudiants", "Bénévoles"],
        tags=["Santé mentale", "Sobriété"],
        description="Des ateliers **participatifs**.",
    )
    for i in range(n):
        form_pair(project, UserFactory(), UserFactory())
        for kind in ProjectLink.Kind.values:
            ProjectLink.objects.create(
                project=project, kind=kind, title=f"Lien {kind} {i}", url="https://example.org/"
            )
        Hosting.objects.create(project=project, place=PlaceFactory(name=f"Lieu n°{i}"))
    return project


def project_page(n):
    project = a_project(n)
    return Visit(project.get_absolute_url(), shows=[f"Lien utile {n - 1}<", f"Lieu n°{n - 1}<"])


def project_for_a_participant(n):
    project = a_project(n)
    return Visit(project.get_absolute_url(), user=UserFactory(), shows=[f"Lieu n°{n - 1}<"])


PAGES = [
    Page("projects:catalogues", 2, catalogue_list),
    Page("projects:catalogue", 8, catalogue_page),
    Page("projects:catalogue page 2", 9, catalogue_page_2),
    Page("projects:catalogue filtered", 8, catalogue_filtered),
    Page("projects:catalogue filtered page 2", 9, catalogue_filtered_page_2),
    Page("projects:catalogue for its organiser", 11, catalogue_for_its_organiser),
    Page("projects:catalogue for a participant", 11, catalogue_for_a_participant),
    Page("projects:project", 7, project_page),
    Page("projects:project for a participant", 10, project_for_a_participant),
]


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_a_public_page_costs_the_same_literal_queries_with_2_or_40_projects(client, page):
    assert_page_cost(client, page, n=40)


@pytest.mark.django_db
@pytest.mark.parametrize("n", [2, 40, 100])
def test_a_project_page_with_n_achievements_costs_the_same(client, fakes, n):  # noqa: F811
    """With adapters (fakes here, one query per kind), the stories and workshops started by
    pairs and the workshops of the places hosting it: 7 queries and one per kind described."""
    project = a_project(2)
    stories, workshops = fakes[OutputKind.STORY], fakes[OutputKind.WORKSHOP]
    for i in range(n):
        stories.objects[i] = described(f"Portrait n°{i}", days_ago=i, detail="publié")
        Output.objects.create(project=project, kind=OutputKind.STORY, object_id=i)
        workshops.objects[i] = described(f"Atelier n°{i}", days_ago=i, detail="12 participants")
        Output.objects.create(project=project, kind=OutputKind.WORKSHOP, object_id=i)
    Hosting.objects.filter(project=project).update(workshop_id=n + 1)
    workshops.objects[n + 1] = described("Atelier accueilli", days_ago=0)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(project.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    assert len(queries) == 9
    assert '<a href="/Atelier accueilli/">Atelier accueilli</a>' in page
    shown = page.count('<li><a href="/Portrait') + page.count('<li><a href="/Atelier')
    assert shown == min(2 * n + 1, 60)  # the newest 60
