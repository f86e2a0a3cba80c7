"""The seat rules in one place (services.seats): locks only inside a transaction, one order of
the waiting line for every page and every promotion, and a series cancelled all at once or not
at all."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from entraide.core.models import OutgoingMail
from entraide.workshops import notifications, services
from entraide.workshops.models import Registration, Series, Workshop
from entraide.workshops.services import seats
from tests.factories import SeriesFactory, UserFactory, WorkshopFactory


@pytest.mark.django_db(transaction=True)
def test_a_workshop_cannot_be_locked_outside_a_transaction(place):
    workshop = WorkshopFactory(place=place)
    series = SeriesFactory(place=place)

    # Outside a transaction PostgreSQL would release the lock at once, SQLite never takes it.
    with pytest.raises(seats.LockOutsideTransactionError, match="outside a transaction"):
        seats.lock_workshop(workshop.pk)
    with pytest.raises(seats.LockOutsideTransactionError):
        seats.lock_workshops([workshop.pk])
    with pytest.raises(seats.LockOutsideTransactionError):
        seats.lock_series(series.pk)

    with transaction.atomic():
        assert seats.lock_workshop(workshop.pk) == workshop
        assert seats.lock_series(series.pk) == series


def test_workshops_are_locked_in_the_order_of_their_pk_whatever_the_order_asked(place):
    first, second, third = WorkshopFactory.create_batch(3, place=place)
    locked = seats.lock_workshops([third.pk, first.pk, second.pk, first.pk])
    assert locked == [first, second, third]


def test_every_view_of_the_waiting_line_follows_the_same_order(place):
    """Two people entering the line at the same moment are in the order they registered."""
    workshop = WorkshopFactory(place=place, capacity=1)
    services.register(workshop, by=UserFactory())
    line = [services.register(workshop, by=UserFactory()).created[0] for _ in range(4)]
    moment = timezone.now() - timedelta(hours=1)
    Registration.objects.filter(pk__in=[line[1].pk, line[2].pk]).update(waiting_since=moment)
    Registration.objects.filter(pk=line[3].pk).update(waiting_since=moment - timedelta(hours=1))
    for registration in line:
        registration.refresh_from_db()
    expected = [line[3], line[1], line[2], line[0]]

    assert list(workshop.registrations.waiting_line()) == expected
    assert services.first_in_line(workshop) == line[3]
    assert [services.waiting_position(r) for r in expected] == [1, 2, 3, 4]
    annotated = workshop.registrations.with_waiting_position().in_waiting_order()
    assert {r.pk: r.waiting_position for r in annotated} == {
        line[3].pk: 1,
        line[1].pk: 2,
        line[2].pk: 3,
        line[0].pk: 4,
        workshop.registrations.get(status="confirmee").pk: None,
    }

    services.change_capacity(workshop, 3)  # two seats more: the first two in line get them

    assert set(workshop.registrations.filter(status="confirmee")) > {line[3], line[1]}
    assert list(workshop.registrations.waiting_line()) == [line[2], line[0]]


@pytest.fixture
def outbox(settings):
    """Mails written to core's outbox, as in production (not to Django's test outbox)."""
    settings.EMAIL_BACKEND = "entraide.core.mail.QueuedEmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return OutgoingMail.objects


def busy_series(place):
    series = SeriesFactory(place=place, title="Vers un manifeste")
    for n in (1, 2, 3):
        WorkshopFactory(place=place, series=series, position=n, title=f"Atelier {n}")
    for person in UserFactory.create_batch(2):
        services.register_series(series, by=person)
    return series


@pytest.mark.django_db(transaction=True)
def test_a_series_whose_cancellation_fails_half_way_is_left_as_it_was(place, outbox, monkeypatch):
    series = busy_series(place)
    outbox.all().delete()  # the confirmations of registering
    told = []

    def tell_then_fail(registration, message):
        if told and registration.workshop.position == 2:
            raise ConnectionError("the second session's mails could not be written")
        told.append(registration)
        return real(registration, message)

    real = notifications.workshop_cancelled
    monkeypatch.setattr(notifications, "workshop_cancelled", tell_then_fail)

    with pytest.raises(ConnectionError):
        services.cancel_series(series, message="Fin du financement.")

    assert len(told) == 2  # the first session's people were told, in the failed transaction…
    assert outbox.count() == 0  # …and their mails went away with it
    assert set(Workshop.objects.values_list("status", flat=True)) == {"publie"}
    assert Series.objects.get().status == "publie"
    assert set(Registration.objects.values_list("status", flat=True)) == {"confirmee"}

    monkeypatch.setattr(notifications, "workshop_cancelled", real)
    services.cancel_series(series, message="Fin du financement.")

    assert outbox.count() == 6  # two people, three sessions
    assert set(Workshop.objects.values_list("status", flat=True)) == {"annule"}
    assert Series.objects.get().status == "annule"
