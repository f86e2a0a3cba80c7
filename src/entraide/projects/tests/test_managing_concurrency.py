"""Two members of the team pairing people for the last slot of a project at the same moment:
one pair is formed, the other is refused with PROJECT_FULL (the project's row is locked while
its formed pairs are counted). On PostgreSQL: SQLite serialises writers, and its in-memory
test database refuses a second writer outright instead of making it wait."""

import threading

import pytest

from entraide.core.errors import DomainError
from entraide.projects.errors import ProjectErrorCode as Code
from entraide.projects.models import Pair, Seeker
from entraide.projects.services import pair_admin
from entraide.projects.tests.conftest import build_catalogue, build_project, form_pair, looking
from tests.factories import PlaceFactory, UserFactory
from tests.threads import at_once, skip_on_sqlite


@pytest.mark.django_db(transaction=True)
def test_two_organisers_taking_the_last_slot_at_once_form_one_pair(monkeypatch):
    skip_on_sqlite(pytest)
    bob, camille = UserFactory(), UserFactory()
    place = PlaceFactory(organisers=[bob, camille])
    project = build_project(build_catalogue(place), title="Récits", max_pairs=2)
    form_pair(project, UserFactory(), UserFactory())
    people = [UserFactory() for _ in range(4)]
    for person in people:
        looking(project, person)

    # both reach the transaction together, after their checks
    barrier = threading.Barrier(2, timeout=10)
    real = pair_admin.check_organiser

    def check_then_wait(*args, **kwargs):
        real(*args, **kwargs)
        barrier.wait()

    monkeypatch.setattr(pair_admin, "check_organiser", check_then_wait)
    results = at_once(
        lambda: pair_admin.pair_people(project, by=bob, first=people[0], second=people[1]),
        lambda: pair_admin.pair_people(project, by=camille, first=people[2], second=people[3]),
    )
    formed = [r for r in results if isinstance(r, Pair)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert (len(formed), [error.code for error in refused]) == (1, [Code.PROJECT_FULL])
    assert Pair.objects.filter(project=project, formed_at__isnull=False).count() == 2
    assert Seeker.objects.filter(project=project).count() == 2
