"""The workshops adapter: a pair proposes its workshop-type project at a place: a draft
workshop (or a draft series of the project's number of workshops) with no date, prefilled from
the project and naming the pair as co-facilitators; the place's team is told by mail. The
project's pages read a past workshop with its attendance."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from entraide.core.errors import DomainError
from entraide.places.models import PlaceStatus
from entraide.projects.errors import ProjectErrorCode
from entraide.projects.models import Output, OutputKind
from entraide.projects.outputs import workshops as adapter
from entraide.projects.services.starting import start_output
from entraide.projects.tests.conftest import form_pair
from entraide.workshops.models import Registration, RegistrationStatus, Series, Status, Workshop
from tests.factories import PlaceFactory, SeriesFactory, UserFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def voltaire(db):
    dora = UserFactory(email="dora@example.org", display_name="Dora")
    return PlaceFactory(name="Maison pour tous Voltaire", slug="voltaire", organisers=[dora])


def test_a_series_of_the_projects_workshops_is_proposed_undated_at_the_chosen_place(
    workshops_project, voltaire, alice, charlie
):
    workshops_project.description = "Trois ateliers pour **prévenir**."
    workshops_project.save()
    pair = form_pair(workshops_project, alice, charlie)

    output = start_output(
        pair, by=alice, kind=OutputKind.WORKSHOP, place=voltaire, title="Écrans et santé"
    )

    series = Series.objects.get()
    sessions = list(Workshop.objects.order_by("position"))
    assert (series.place, series.title, series.status) == (voltaire, "Écrans et santé", "brouillon")
    assert "Co-animé par Alice et Charlie" in series.description
    assert "<strong>prévenir</strong>" in series.description_html
    assert [(w.position, w.series, w.status, w.starts_at) for w in sessions] == [
        (1, series, Status.DRAFT, None),
        (2, series, Status.DRAFT, None),
        (3, series, Status.DRAFT, None),
    ]
    assert [(w.planned_minutes, w.capacity, w.place) for w in sessions] == [(90, 15, voltaire)] * 3
    assert sessions[0].title == "Atelier 1\u00a0: Écrans et santé"
    assert "Co-animé par Alice et Charlie" in sessions[0].description
    assert output.object_id == sessions[0].pk
    to_place = [m for m in mail.outbox if m.to == ["dora@example.org"]]
    assert len(to_place) == 1
    assert "Écrans et santé" in to_place[0].subject
    assert f"/ateliers/gerer/cycle/{series.slug}/" in to_place[0].body
    assert to_place[0].reply_to == ["alice@example.org"]
    assert [m.to for m in mail.outbox if m is not to_place[0]] == [["charlie@example.org"]]


def test_a_project_of_one_workshop_proposes_one_draft_workshop(
    workshops_project, voltaire, alice, charlie
):
    workshops_project.workshop_sessions = 1
    workshops_project.workshop_minutes = 120
    workshops_project.workshop_capacity = 12
    workshops_project.save()
    pair = form_pair(workshops_project, alice, charlie)

    output = start_output(pair, by=charlie, kind=OutputKind.WORKSHOP, place=voltaire, title="Un")

    workshop = Workshop.objects.get()
    assert (workshop.pk, workshop.series, workshop.starts_at, workshop.status) == (
        output.object_id,
        None,
        None,
        Status.DRAFT,
    )
    assert (workshop.planned_minutes, workshop.capacity) == (120, 12)
    described = adapter.describe({workshop.pk})[workshop.pk]
    assert (described.state, described.achieved, described.url, described.place) == (
        "Brouillon, date à fixer",
        False,
        f"/ateliers/gerer/{workshop.slug}/",
        voltaire,
    )


def test_a_place_not_in_the_directory_is_refused(workshops_project, alice, charlie):
    proposal = PlaceFactory(status=PlaceStatus.PROPOSED)
    pair = form_pair(workshops_project, alice, charlie)

    for place in (proposal, None, 999_999):
        with pytest.raises(DomainError) as excinfo:
            start_output(pair, by=alice, kind=OutputKind.WORKSHOP, place=place, title="Non")
        assert (excinfo.value.code, excinfo.value.field) == (
            ProjectErrorCode.PLACE_UNAVAILABLE,
            "place",
        )
    assert (Workshop.objects.count(), Series.objects.count(), Output.objects.count()) == (0, 0, 0)
    assert mail.outbox == []


def _came(workshop, n, absent=0):
    for i in range(n + absent):
        Registration.objects.create(
            workshop=workshop,
            name=f"P{i}",
            email=f"p{i}@example.org",
            status=RegistrationStatus.CONFIRMED,
            attended=False if i >= n else None,
        )


def test_a_past_published_workshop_is_achieved_with_its_attendance(place):
    past = WorkshopFactory(place=place, starts_at=timezone.now() - timedelta(days=3), capacity=30)
    _came(past, 12, absent=2)
    cancelled = WorkshopFactory(
        place=place, starts_at=timezone.now() - timedelta(days=3), status=Status.CANCELLED
    )
    coming = WorkshopFactory(place=place)

    described = adapter.describe({past.pk, cancelled.pk, coming.pk})

    assert (described[past.pk].achieved, described[past.pk].detail) == (True, "12 participant·es")
    assert described[past.pk].url == f"/ateliers/{past.slug}/"
    assert described[past.pk].state == "A eu lieu"
    assert (described[cancelled.pk].achieved, described[cancelled.pk].state) == (False, "Annulé")
    assert (described[coming.pk].achieved, described[coming.pk].state) == (False, "Publié")


def test_a_series_is_achieved_once_a_session_took_place_counting_each_person_once(place):
    series = SeriesFactory(place=place)
    first = WorkshopFactory(
        place=place, series=series, position=1, starts_at=timezone.now() - timedelta(days=8)
    )
    second = WorkshopFactory(
        place=place, series=series, position=2, starts_at=timezone.now() - timedelta(days=1)
    )
    WorkshopFactory(place=place, series=series, position=3)
    _came(first, 5)
    _came(second, 4)

    described = adapter.describe({first.pk})[first.pk]

    assert (described.title, described.achieved, described.detail) == (
        series.title,
        True,
        "5 participant·es",
    )
    assert described.url == f"/ateliers/cycles/{series.slug}/"


def test_describe_costs_two_queries_for_2_or_30_workshops_in_series(place):
    ids = []
    for _n in range(30):
        series = SeriesFactory(place=place)
        ids.append(WorkshopFactory(place=place, series=series).pk)
    counts = []
    for some in (ids[:2], ids):
        with CaptureQueriesContext(connection) as queries:
            assert len(adapter.describe(some)) == len(some)
        counts.append(len(queries))
    assert counts == [2, 2]
