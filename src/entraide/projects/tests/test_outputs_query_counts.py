"""The pair's page costs a literal number of queries, the same whatever the number of outputs
the pair started (tests/querycount.py): a story pair with 1 or 5 stories, a workshop pair with
1 or 5 proposed series (each described with its sessions)."""

import pytest
from django.utils import timezone

from entraide.projects.models import Output, OutputKind
from entraide.projects.tests.conftest import build_catalogue, build_project, form_pair
from entraide.stories.tests.conftest import build_collection, build_story
from entraide.workshops.models import Series
from tests.factories import PlaceFactory, SeriesFactory, UserFactory, WorkshopFactory
from tests.querycount import Page, Visit, assert_page_cost


def _scene(kind):
    bob = UserFactory()
    place = PlaceFactory(organisers=[bob])
    catalogue = build_catalogue(place)
    project = build_project(
        catalogue,
        title="Le projet",
        kind=kind,
        audiences=["Étudiants"],
        tags=["Récits de la transition"],
        workshop_sessions=3,
    )
    first, second = UserFactory(display_name="Alice"), UserFactory(display_name="Charlie")
    pair = form_pair(project, first, second)
    return place, project, pair, first


def story_pair(n):
    place, project, pair, member = _scene(OutputKind.STORY)
    collection = build_collection(place, slug=f"recueil-{project.pk}", code=f"CODE{project.pk:04d}")
    project.collection_slug = collection.slug
    project.save()
    titles = []
    for i in range(n):
        story = build_story(collection, member, title=f"Récit {project.pk}-{i}")
        Output.objects.create(project=project, pair=pair, kind=OutputKind.STORY, object_id=story.pk)
        titles.append(story.title)
    return Visit(f"/projets/binome/{pair.pk}/", member, shows=titles)


def workshop_pair(n):
    place, project, pair, member = _scene(OutputKind.WORKSHOP)
    titles = []
    for i in range(n):
        series = SeriesFactory(place=place, status="brouillon", title=f"Cycle {i}")
        first = WorkshopFactory(place=place, series=series, starts_at=None, status="brouillon")
        WorkshopFactory(place=place, series=series, position=2, starts_at=None)
        Output.objects.create(
            project=project,
            pair=pair,
            kind=OutputKind.WORKSHOP,
            object_id=first.pk,
            started_at=timezone.now(),
        )
        titles.append(series.title)
    assert Series.objects.filter(place=place).count() == n
    return Visit(f"/projets/binome/{pair.pk}/", member, shows=titles)


def lone_member(n):  # n: nothing listed, the same page
    _place, _project, pair, member = _scene(OutputKind.STORY)
    pair.members.exclude(user=member).delete()
    pair.formed_at = None
    pair.save()
    return Visit(f"/projets/binome/{pair.pk}/", member, shows=["En attente de votre binôme."])


PAGES = [
    Page("projects:pair", 11, story_pair),
    Page("projects:pair workshops", 10, workshop_pair),
    Page("projects:pair alone", 7, lone_member),
]


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_the_pair_page_costs_the_same_literal_queries_with_1_or_5_outputs(client, page):
    assert_page_cost(client, page)
