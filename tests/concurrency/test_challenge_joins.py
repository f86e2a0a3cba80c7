"""Two people joining a challenge with one address at the same moment make one participation
(through the services, each on its own connection; on PostgreSQL, since SQLite serialises
writers). The check-ins and reminders at the same moment are tested through gunicorn, on both
databases, in test_challenge_pages.py."""

import pytest
from django.core import mail
from django.db import connection

from entraide.challenges import services
from entraide.challenges.models import Participant
from entraide.challenges.tests.conftest import build_challenge
from tests.threads import at_once

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _a_database_file():
    # An in-memory SQLite database shared between threads locks whole tables: this race is
    # SQLite's as in production only on a file (ENTRAIDE_TEST_SQLITE=/tmp/test.sqlite3); and
    # SQLite serialises writers, so that it cannot happen there anyway.
    if connection.vendor == "sqlite" and "memory" in str(connection.settings_dict["NAME"]):
        pytest.skip("needs a SQLite file: set ENTRAIDE_TEST_SQLITE")


def test_joining_twice_at_the_same_moment_makes_one_participation(place, bob):
    challenge = services.publish(build_challenge(place, bob))
    pledge = challenge.pledges.first()

    def join():
        return services.join(challenge, name="Léa", email="lea@example.org", pledges=[pledge])

    results = at_once(join, join)

    assert sorted(outcome.created for outcome in results) == [False, True], results
    assert Participant.objects.count() == 1
    assert len(mail.outbox) == 2  # the confirmation, and the neutral "already taking part"
