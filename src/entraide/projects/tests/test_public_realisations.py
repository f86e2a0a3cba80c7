"""The achievements of a project ("Réalisations") and the places hosting it, read through the
output adapters: here fake ones, registered for the test only, that describe objects kept in a
dictionary (one query each call, like a real adapter: the count must not grow with the
outputs)."""

import sys
import types
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from entraide.projects import outputs
from entraide.projects.models import Hosting, Output, OutputKind
from entraide.projects.services.realisations import hosting_places, realisations, record
from entraide.projects.tests.conftest import form_pair
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


class Fake:
    """Objects of one kind, by id: {id: Described}; `calls` counts describe() calls."""

    def __init__(self, kind):
        self.kind = kind
        self.objects = {}
        self.calls = 0

    def module(self):
        module = types.ModuleType(f"fake_{self.kind}")
        module.KIND = self.kind

        def describe(ids):
            self.calls += 1
            get_user_model().objects.exists()  # what a real adapter costs: a query
            return {i: self.objects[i] for i in ids if i in self.objects}

        module.describe = describe
        return module


@pytest.fixture
def fakes(monkeypatch):
    made = {}
    adapters = {}
    for kind, app in (
        (OutputKind.STORY, "entraide.stories"),
        (OutputKind.WORKSHOP, "entraide.workshops"),
    ):
        made[kind] = Fake(kind)
        name = f"entraide_test_fake_{kind}"
        monkeypatch.setitem(sys.modules, name, made[kind].module())
        adapters[kind] = (app, name)
    monkeypatch.setattr(outputs, "ADAPTERS", adapters)
    return made


def described(title, *, achieved=True, days_ago=0, **fields):
    fields.setdefault("state", "Publié" if achieved else "Brouillon")
    return outputs.Described(
        title=title,
        url=f"/{title}/",
        achieved=achieved,
        when=NOW - timedelta(days=days_ago),
        **fields,
    )


def output(project, kind, object_id, *, pair=None, days_ago=0):
    return Output.objects.create(
        project=project,
        pair=pair,
        kind=kind,
        object_id=object_id,
        started_at=NOW - timedelta(days=days_ago),
    )


def test_only_achieved_outputs_are_listed_newest_first(fakes, stories_project, alice, charlie):
    pair = form_pair(stories_project, alice, charlie)
    stories = fakes[OutputKind.STORY]
    stories.objects = {
        1: described("Portrait ancien", days_ago=30),
        2: described("Brouillon", achieved=False),
        3: described("Portrait récent", days_ago=1),
    }
    for i in (1, 2, 3):
        output(stories_project, OutputKind.STORY, i, pair=pair)
    output(stories_project, OutputKind.STORY, 99, pair=pair)  # deleted since: left out

    found = realisations(stories_project)

    assert [item.title for item in found] == ["Portrait récent", "Portrait ancien"]


def test_the_hosted_workshops_are_among_the_achievements_and_their_places_listed(
    fakes, workshops_project
):
    voltaire = PlaceFactory(name="Maison pour tous Voltaire")
    bobine = PlaceFactory(name="La Bobine")
    Hosting.objects.create(project=workshops_project, place=voltaire, workshop_id=7)
    Hosting.objects.create(project=workshops_project, place=bobine, workshop_id=8)
    workshops = fakes[OutputKind.WORKSHOP]
    workshops.objects = {
        7: described("Atelier passé", days_ago=3, detail="12 participants", place=voltaire),
        8: described("Atelier à venir", achieved=False, place=bobine),
        9: described("Atelier d’un binôme", days_ago=10, detail="8 participants"),
    }
    output(workshops_project, OutputKind.WORKSHOP, 9)
    output(workshops_project, OutputKind.WORKSHOP, 7)  # started by a pair and hosted: once

    found = realisations(workshops_project)

    assert [(item.title, item.detail) for item in found] == [
        ("Atelier passé", "12 participants"),
        ("Atelier d’un binôme", "8 participants"),
    ]
    assert [place.name for place in hosting_places(workshops_project)] == [
        "Maison pour tous Voltaire",
        "La Bobine",
    ]
    assert workshops.calls == 1


def test_a_place_still_awaiting_approval_is_not_listed_as_hosting(workshops_project):
    Hosting.objects.create(
        project=workshops_project, place=PlaceFactory(name="Proposé", status="propose")
    )

    assert hosting_places(workshops_project) == []


def test_at_most_limit_achievements_are_kept(fakes, stories_project):
    stories = fakes[OutputKind.STORY]
    stories.objects = {i: described(f"Récit {i}", days_ago=i) for i in range(1, 8)}
    for i in range(1, 8):
        output(stories_project, OutputKind.STORY, i)

    assert [item.title for item in realisations(stories_project, limit=3)] == [
        "Récit 1",
        "Récit 2",
        "Récit 3",
    ]
    assert realisations(stories_project, limit=0) == []


def test_without_adapters_there_is_nothing_and_nothing_breaks(monkeypatch, stories_project):
    monkeypatch.setattr(outputs, "ADAPTERS", {})
    output(stories_project, OutputKind.STORY, 1)

    assert realisations(stories_project) == []


def test_a_project_without_outputs_costs_two_queries(fakes, stories_project):
    with CaptureQueriesContext(connection) as queries:
        found = record(stories_project)

    assert (found.realisations, found.places) == ([], [])
    assert len(queries) == 2  # the hostings, the outputs; no adapter called
    assert fakes[OutputKind.STORY].calls == 0


@pytest.mark.parametrize("n", [2, 40])
def test_the_queries_do_not_depend_on_the_number_of_outputs(fakes, stories_project, n):
    stories, workshops = fakes[OutputKind.STORY], fakes[OutputKind.WORKSHOP]
    for i in range(n):
        stories.objects[i] = described(f"Récit {i}", days_ago=i)
        output(stories_project, OutputKind.STORY, i)
        place = PlaceFactory()
        workshops.objects[i] = described(f"Atelier {i}", days_ago=i, place=place)
        Hosting.objects.create(project=stories_project, place=place, workshop_id=i)

    with CaptureQueriesContext(connection) as queries:
        found = record(stories_project)

    # the hostings with their places, the outputs, one query per kind in the adapters
    assert len(queries) == 4
    assert len(found.realisations) == 2 * n
    assert len(found.places) == n
