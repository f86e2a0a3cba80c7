"""Once the mails are delivered, the database holds none of the secrets they carried: private
links of registrations, poll answers and invitations, password-reset keys, sign-in codes. Not
in the outbox, not in the task queue, not in sessions, not anywhere."""

import re

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection

from entraide.polls import services as polls
from entraide.polls.tests.conftest import slot_times
from tests.factories import PlaceFactory, UserFactory, WorkshopFactory
from tests.mailserver import smtp_server, smtp_settings

pytestmark = pytest.mark.django_db(transaction=True)


def deliver():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def last_body(recorder):
    return recorder.bodies()[-1]


def whole_database() -> str:
    """Every row of every table, as text, with sessions decoded."""
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows.extend(repr(row) for row in cursor.fetchall())
    rows.extend(repr(SessionStore().decode(s.session_data)) for s in Session.objects.all())
    return "\n".join(rows)


def test_no_secret_sent_by_mail_stays_in_the_database(client, settings):
    bob = UserFactory(email="bob@example.org", display_name="Bob")
    alice = UserFactory(email="alice@example.org", display_name="Alice")
    place = PlaceFactory(name="La Verrière", organisers=[bob])
    workshop = WorkshopFactory(place=place, title="Le numérique est politique", capacity=5)
    poll = polls.create_poll(place, by=bob, fields={"title": "Dispos"}, slots=slot_times(2))
    secrets = {}

    with smtp_server() as (port, recorder):
        smtp_settings(settings, port)

        client.post(
            f"/ateliers/{workshop.slug}/inscription/",
            {"name": "Dominique", "email": "dom@example.org"},
        )
        deliver()
        link = re.search(r"/ateliers/inscription/([\w-]+)/", last_body(recorder)).group(1)
        assert client.post(f"/ateliers/inscription/{link}/").status_code == 302  # confirmed
        deliver()
        secrets["registration link"] = link

        answer = {"name": "Camille", "email": "camille@example.org"}
        answer |= {f"slot_{slot.pk}": "oui" for slot in poll.slots.all()}
        assert client.post(f"/sondages/{poll.slug}/repondre/", answer).status_code == 302
        deliver()
        secrets["poll answer link"] = re.search(r"/reponse/([\w-]+)/", last_body(recorder)).group(1)

        client.force_login(bob)
        client.post(f"/lieux/gerer/{place.slug}/inviter/", {"email": "sam@example.org"})
        deliver()
        secrets["invitation link"] = re.search(
            r"/lieux/invitation/([\w-]+)/", last_body(recorder)
        ).group(1)
        client.logout()

        client.post("/compte/mot-de-passe/reinitialiser/", {"email": alice.email})
        deliver()
        secrets["password reset key"] = re.search(
            r"/mot-de-passe/reinitialiser/cle/([\w-]+)/", last_body(recorder)
        ).group(1)

        response = client.post("/compte/connexion/code/", {"email": alice.email})
        deliver()
        code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", last_body(recorder), re.M).group(1)
        assert client.post(response["Location"], {"code": code}).status_code == 302
        assert client.get("/compte/").status_code == 200  # signed in with the code
        deliver()
        secrets["sign-in code"] = code

    assert len(recorder.messages) >= 6
    everything = whole_database()
    assert "Dominique" in everything  # the scan does read the data…
    found = {name: value for name, value in secrets.items() if value in everything}
    assert found == {}  # …and none of the secrets
