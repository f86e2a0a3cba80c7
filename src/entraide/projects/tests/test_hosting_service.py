"""Hosting a workshop-type project at a place, through the real workshops and polls apps: a
draft series of undated workshops prefilled from the project, its availability poll, the
Hosting row; every refusal by its code, and nothing half-made."""

import pytest

from entraide.core.errors import DomainError
from entraide.places.models import PlaceKind, Region
from entraide.polls.errors import PollErrorCode
from entraide.polls.models import Poll, Slot
from entraide.projects.errors import ProjectErrorCode
from entraide.projects.models import Hosting, OutputKind
from entraide.projects.services.hosting import (
    host,
    hosted_in_region,
    hosting_places,
    slots_of,
)
from entraide.projects.tests.conftest import build_project
from entraide.workshops.models import Series, Status, Workshop
from tests.factories import PlaceFactory, in_days

pytestmark = pytest.mark.django_db


def _slots(*days):
    return slots_of([in_days(day) for day in days], 90)


def test_hosting_makes_a_draft_series_of_three_undated_workshops_and_its_poll(
    workshops_project, place, bob
):
    hosting = host(workshops_project, place, by=bob, open_poll=True, slots=_slots(10, 12))

    series = Series.objects.get()
    workshops = list(Workshop.objects.order_by("position"))
    poll = Poll.objects.get()
    assert (series.place, series.title, series.status) == (
        place,
        workshops_project.title,
        Status.DRAFT,
    )
    assert [
        (w.place, w.series, w.position, w.status, w.starts_at, w.planned_minutes, w.capacity)
        for w in workshops
    ] == [(place, series, n, Status.DRAFT, None, 90, 15) for n in (1, 2, 3)]
    assert workshops[0].title == f"Atelier 1\u00a0: {workshops_project.title}"
    assert workshops[0].summary == workshops_project.summary
    assert (poll.place, poll.workshop, poll.title) == (place, workshops[0], workshops_project.title)
    assert list(Slot.objects.values_list("starts_at", "ends_at")) == _slots(10, 12)
    assert (hosting.project, hosting.place, hosting.created_by) == (workshops_project, place, bob)
    assert (hosting.workshop_id, hosting.series_id, hosting.poll_id) == (
        workshops[0].pk,
        series.pk,
        poll.pk,
    )


def test_a_project_of_one_workshop_makes_one_draft_workshop_and_no_poll_unless_asked(
    catalogue, place, bob
):
    project = build_project(
        catalogue,
        title="Fresque du numérique",
        kind=OutputKind.WORKSHOP,
        description="Un *atelier* collaboratif.",
        workshop_minutes=120,
        workshop_capacity=20,
    )

    hosting = host(project, place, by=bob)

    workshop = Workshop.objects.get()
    assert (workshop.title, workshop.series, workshop.planned_minutes, workshop.capacity) == (
        "Fresque du numérique",
        None,
        120,
        20,
    )
    assert workshop.description_html == "<p>Un <em>atelier</em> collaboratif.</p>\n"
    assert (hosting.workshop_id, hosting.series_id, hosting.poll_id) == (workshop.pk, None, None)
    assert (Series.objects.count(), Poll.objects.count()) == (0, 0)


def test_what_the_place_changed_wins_over_the_project(workshops_project, place, bob):
    host(
        workshops_project, place, by=bob, title="Lève les yeux", minutes=60, capacity=8, sessions=2
    )

    made = Workshop.objects.order_by("position")
    assert list(made.values_list("title", "planned_minutes", "capacity")) == [
        ("Atelier 1\u00a0: Lève les yeux", 60, 8),
        ("Atelier 2\u00a0: Lève les yeux", 60, 8),
    ]
    assert Series.objects.get().title == "Lève les yeux"


def test_closed_enrolment_does_not_stop_a_place_from_hosting(workshops_project, place, bob):
    from django.utils import timezone

    workshops_project.enrolment_closed_at = timezone.now()
    workshops_project.save()

    host(workshops_project, place, by=bob)

    assert Hosting.objects.count() == 1


def test_only_a_workshop_type_project_can_be_hosted(stories_project, place, bob):
    with pytest.raises(DomainError) as refused:
        host(stories_project, place, by=bob)

    assert refused.value.code == ProjectErrorCode.WRONG_KIND
    assert (Hosting.objects.count(), Workshop.objects.count()) == (0, 0)


def test_someone_outside_the_place_team_cannot_host_there(workshops_project, place, alice):
    with pytest.raises(DomainError) as refused:
        host(workshops_project, place, by=alice)

    assert refused.value.code == ProjectErrorCode.NOT_PLACE_TEAM
    assert (Hosting.objects.count(), Workshop.objects.count()) == (0, 0)


def test_a_place_hosts_a_project_once_and_is_shown_the_existing_hosting(
    workshops_project, place, bob
):
    first = host(workshops_project, place, by=bob)

    with pytest.raises(DomainError) as refused:
        host(workshops_project, place, by=bob)

    assert (refused.value.code, refused.value.hosting) == (ProjectErrorCode.ALREADY_HOSTED, first)
    assert (Hosting.objects.count(), Series.objects.count(), Workshop.objects.count()) == (1, 1, 3)


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"title": "  "}, "title", ProjectErrorCode.EMPTY),
        ({"title": "x" * 10_000}, "title", ProjectErrorCode.TOO_LONG),
        ({"minutes": 0}, "minutes", ProjectErrorCode.OUT_OF_RANGE),
        ({"capacity": 10_001}, "capacity", ProjectErrorCode.OUT_OF_RANGE),
        ({"sessions": 21}, "sessions", ProjectErrorCode.OUT_OF_RANGE),
    ],
)
def test_a_shape_the_workshops_cannot_take_is_refused_beside_its_field(
    workshops_project, place, bob, changes, field, code
):
    with pytest.raises(DomainError) as refused:
        host(workshops_project, place, by=bob, **changes)

    assert (refused.value.code, refused.value.field) == (code, field)
    assert (Hosting.objects.count(), Workshop.objects.count()) == (0, 0)


@pytest.mark.parametrize(
    ("slots", "code"),
    [
        ([], PollErrorCode.NO_SLOT),
        (slots_of([in_days(-2)], 90), PollErrorCode.SLOT_IN_PAST),
    ],
    ids=["no slot", "in the past"],
)
def test_bad_slots_leave_nothing_half_saved(workshops_project, place, bob, slots, code):
    with pytest.raises(DomainError) as refused:
        host(workshops_project, place, by=bob, open_poll=True, slots=slots)

    assert refused.value.code == code
    assert (
        Hosting.objects.count(),
        Series.objects.count(),
        Workshop.objects.count(),
        Poll.objects.count(),
    ) == (0, 0, 0, 0)


def test_the_places_hosting_a_project_are_listed_by_name(
    workshops_project, place, bob, django_assert_num_queries
):
    voltaire = PlaceFactory(name="Maison pour tous Voltaire", organisers=[bob])
    host(workshops_project, voltaire, by=bob)
    host(workshops_project, place, by=bob)

    with django_assert_num_queries(1):
        places = hosting_places(workshops_project)

    assert [p.name for p in places] == ["La Verrière", "Maison pour tous Voltaire"]


def test_a_hub_sees_what_the_places_of_its_region_host_in_two_queries(
    workshops_project, catalogue, place, bob, django_assert_num_queries
):
    hub = PlaceFactory(name="Le hub", kind=PlaceKind.REGIONAL_HUB, region=place.region)
    elsewhere = PlaceFactory(name="Ailleurs", region=Region.BRETAGNE, organisers=[bob])
    single = build_project(catalogue, title="Fresque", kind=OutputKind.WORKSHOP)
    host(workshops_project, place, by=bob)
    host(single, place, by=bob)
    host(single, elsewhere, by=bob)
    Workshop.objects.filter(title="Fresque").update(starts_at=in_days(5), ends_at=in_days(5, 20))

    with django_assert_num_queries(2):
        rows = hosted_in_region(hub)

    assert [
        (r.place.name, r.project.title, [(s.status, s.starts_at) for s in r.sessions]) for r in rows
    ] == [
        ("La Verrière", workshops_project.title, [(Status.DRAFT, None)] * 3),
        ("La Verrière", "Fresque", [(Status.DRAFT, in_days(5))]),
    ]


def test_asking_for_a_poll_on_a_site_without_polls_is_refused_and_nothing_is_made(
    workshops_project, place, bob, monkeypatch
):
    monkeypatch.setattr("entraide.projects.services.hosting.can_open_poll", lambda: False)

    with pytest.raises(DomainError) as refused:
        host(workshops_project, place, by=bob, open_poll=True, slots=_slots(10))

    assert refused.value.code == ProjectErrorCode.CAPABILITY_ABSENT
    assert (Hosting.objects.count(), Workshop.objects.count()) == (0, 0)
