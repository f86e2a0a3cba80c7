"""Double taps that reach the server at the same moment, each on its own connection: a
testimony sent twice is one testimony, the organisers' message sent twice mails each person
once (on PostgreSQL; SQLite serialises writers)."""

import pytest
from django.core import mail
from django.db import connection

from entraide.challenges import services
from entraide.challenges.models import Testimony
from entraide.challenges.tests.conftest import build_challenge, joined
from entraide.core.errors import DomainError
from tests.threads import at_once

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _a_database_file():
    if connection.vendor == "sqlite" and "memory" in str(connection.settings_dict["NAME"]):
        pytest.skip("needs a SQLite file: set ENTRAIDE_TEST_SQLITE")


def _refused(action):
    def run():
        try:
            return action()
        except DomainError as error:
            return error.code

    return run


def test_a_testimony_sent_twice_at_once_is_one(place, bob):
    challenge = services.publish(build_challenge(place, bob))
    lea = joined(challenge, 0)

    def testify():
        return services.leave_testimony(lea, "Dix jours sans écran, enfin.").pk

    first, second = at_once(testify, testify)

    assert first == second
    assert Testimony.objects.count() == 1


def test_a_message_sent_twice_at_once_mails_each_person_once(place, bob):
    challenge = services.publish(build_challenge(place, bob))
    joined(challenge, 0)
    joined(challenge, 1)
    mail.outbox.clear()

    def write():
        return services.write_to_all(challenge, subject="Courage", body="Plus que trois jours.")

    results = at_once(_refused(write), _refused(write))

    assert sorted(map(str, results)) == ["2", "already_sent"]
    assert len(mail.outbox) == 2
