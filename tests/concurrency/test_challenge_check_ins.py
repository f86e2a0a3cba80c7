"""300 participants of a challenge check in at the same moment: every check-in is recorded
once, and the collective total equals the rows. Two copies of the reminder command running at
once mail each participant once. On SQLite and on PostgreSQL, through the services, each
participant on its own connection."""

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.db import connection, connections

from entraide.challenges import services
from entraide.challenges.models import CheckIn, Participant, Tally
from entraide.challenges.tests.conftest import build_challenge
from entraide.core.tokens import new_keyed_link
from tests.threads import at_once

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _a_database_file():
    # An in-memory SQLite database shared between threads locks whole tables: concurrency is
    # SQLite's as in production only on a file (ENTRAIDE_TEST_SQLITE=/tmp/test.sqlite3).
    if connection.vendor == "sqlite" and "memory" in str(connection.settings_dict["NAME"]):
        pytest.skip("needs a SQLite file: set ENTRAIDE_TEST_SQLITE")


PEOPLE = 300
AT_ONCE = 30  # connections open together (PostgreSQL's limit is shared)


def _people(challenge, n, **fields):
    """`n` confirmed participants, each with the first pledge, in turn in each team or none."""
    from django.utils import timezone

    teams = [None, *challenge.teams.all()]
    rows = []
    for i in range(n):
        key, digest = new_keyed_link("test")
        rows.append(
            Participant(
                challenge=challenge,
                display_name=f"P{i}",
                email=f"p{i}@example.org",
                link_key=key,
                token_digest=digest,
                team=teams[i % 3],
                confirmed_at=timezone.now(),
                **fields,
            )
        )
    Participant.objects.bulk_create(rows)
    people = Participant.objects.filter(challenge=challenge)
    pledge = challenge.pledges.first()
    Participant.pledges.through.objects.bulk_create(
        [Participant.pledges.through(participant_id=p.pk, pledge_id=pledge.pk) for p in people]
    )
    return list(Participant.objects.filter(challenge=challenge).select_related("challenge")), pledge


def test_300_check_ins_at_the_same_moment_are_each_recorded_once(place, bob):
    challenge = services.publish(build_challenge(place, bob))
    people, pledge = _people(challenge, PEOPLE)
    today = challenge.today()
    start = threading.Barrier(AT_ONCE, timeout=30)

    def check_in(participant):
        with contextlib.suppress(threading.BrokenBarrierError):  # later ones: when a thread is free
            start.wait()
        try:
            services.check_in(participant, today, {pledge: "tenu"})
            services.check_in(participant, today, {pledge: "a-moitie"})  # a second tap
            return True
        finally:
            connections.close_all()

    with ThreadPoolExecutor(AT_ONCE) as pool:
        results = list(pool.map(check_in, people))

    assert results == [True] * PEOPLE
    assert CheckIn.objects.filter(day=today).count() == PEOPLE
    assert set(CheckIn.objects.values_list("status", flat=True)) == {"a-moitie"}
    tallies = list(Tally.objects.values_list("held", "half", "missed", "people"))
    assert [sum(column) for column in zip(*tallies, strict=True)] == [0, PEOPLE, 0, PEOPLE]
    assert services.progress(challenge).total.half == PEOPLE


def test_two_copies_of_the_reminder_command_mail_each_participant_once(place, bob):
    challenge = services.publish(build_challenge(place, bob))
    _people(challenge, 200, reminder_hour=0)

    results = at_once(services.send_reminders, services.send_reminders)

    assert sum(results) == 200, results
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"p{i}@example.org" for i in range(200))


def test_joining_twice_at_the_same_moment_makes_one_participation(place, bob):
    challenge = services.publish(build_challenge(place, bob))
    pledge = challenge.pledges.first()

    def join():
        return services.join(challenge, name="Léa", email="lea@example.org", pledges=[pledge])

    results = at_once(join, join)

    assert sorted(outcome.created for outcome in results) == [False, True], results
    assert Participant.objects.count() == 1
    assert len(mail.outbox) == 2  # the confirmation, and the neutral "already taking part"
