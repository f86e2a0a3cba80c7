"""When the data folder is read-only or full, writes get a maintenance page (503) and reads
keep working."""

from contextlib import contextmanager

import psycopg.errors
import pytest
from django.db import InternalError, OperationalError, connection, transaction

from entraide.polls import services as polls
from entraide.polls.tests.conftest import slot_times
from entraide.workshops.models import Registration
from tests.factories import WorkshopFactory

pytestmark = pytest.mark.django_db
READ_ONLY = "Le site est en lecture seule pour le moment"


@contextmanager
def read_only_database():
    """The database refuses every write, as it does when its folder is read-only."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA query_only = ON")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA query_only = OFF")
    else:  # in a savepoint, whose rollback makes the test's transaction writable again
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET transaction_read_only = on")
            try:
                yield
            finally:
                transaction.set_rollback(True)


def test_a_write_to_a_read_only_database_gets_the_maintenance_page_and_reads_keep_working(
    client, place
):
    workshop = WorkshopFactory(place=place)
    with read_only_database():
        response = client.post(
            f"/ateliers/{workshop.slug}/inscription/",
            {"name": "Dominique", "email": "dominique@example.org"},
        )
        assert response.status_code == 503
        assert response["Retry-After"] == "300"
        assert READ_ONLY in response.text
        assert "vos données sont intactes" in response.text
        assert '<html lang="fr">' in response.text
        assert client.get("/ateliers/").status_code == 200
        assert client.get(workshop.get_absolute_url()).status_code == 200
    assert Registration.objects.count() == 0


def _sqlite_error(message):
    return OperationalError(message)


def _postgresql_error(django_class, psycopg_class, message):
    try:
        raise psycopg_class(message)
    except psycopg.Error as cause:
        error = django_class(message)
        error.__cause__ = cause
        return error


@pytest.mark.parametrize(
    "error",
    [
        _sqlite_error("attempt to write a readonly database"),
        _sqlite_error("database or disk is full"),
        _postgresql_error(
            InternalError,
            psycopg.errors.ReadOnlySqlTransaction,
            "cannot execute INSERT in a read-only transaction",
        ),
        _postgresql_error(
            OperationalError,
            psycopg.errors.DiskFull,
            'could not extend file "base/16384/16522": No space left on device',
        ),
    ],
    ids=["sqlite-read-only", "sqlite-full", "postgresql-read-only", "postgresql-full"],
)
def test_a_full_or_read_only_disk_gets_the_maintenance_page(client, place, bob, monkeypatch, error):
    poll = polls.create_poll(place, by=bob, fields={"title": "Dispos"}, slots=slot_times(2))

    def refused(*args, **kwargs):
        raise error

    monkeypatch.setattr(polls, "add_comment", refused)
    client.cookies["django_language"] = "en"
    response = client.post(
        f"/sondages/{poll.slug}/commenter/", {"name": "Sacha", "body": "Mardi ?"}
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "300"
    assert "The site is read-only for a while" in response.text
    assert '<html lang="en">' in response.text


def test_other_database_errors_remain_server_errors(client, place, bob, monkeypatch):
    poll = polls.create_poll(place, by=bob, fields={"title": "Dispos"}, slots=slot_times(2))

    def broken(*args, **kwargs):
        raise OperationalError("no such table: polls_comment")

    monkeypatch.setattr(polls, "add_comment", broken)
    client.raise_request_exception = False
    response = client.post(
        f"/sondages/{poll.slug}/commenter/", {"name": "Sacha", "body": "Mardi ?"}
    )
    assert response.status_code == 500
