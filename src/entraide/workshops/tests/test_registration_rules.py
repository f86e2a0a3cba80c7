"""The rules of registering, as services: seats, waiting list, confirmation by mail."""

from datetime import timedelta

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from entraide.core.errors import DomainError
from entraide.workshops import services
from entraide.workshops.errors import WorkshopErrorCode
from entraide.workshops.models import Registration, Status, Workshop
from entraide.workshops.tests.conftest import token_of
from tests.factories import UserFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def statuses(workshop):
    return list(
        Registration.objects.filter(workshop=workshop)
        .order_by("pk")
        .values_list("status", flat=True)
    )


def test_with_an_account_one_click_confirms_a_seat_and_mails_the_calendar(workshop, alice):
    outcome = services.register(workshop, by=alice)
    assert [r.status for r in outcome.created] == ["confirmee"]
    workshop.refresh_from_db()
    assert (workshop.confirmed_count, workshop.seats_left) == (1, 1)
    (message,) = mail.outbox
    assert message.to == ["alice@example.org"]
    assert message.subject == "[Entraide] Inscription confirmée : Le numérique est politique"
    assert "https://visio.example.org/salle-secrete" in message.body
    filename, content, mimetype = message.attachments[0]
    assert (filename, mimetype.split(";")[0]) == (f"{workshop.slug}.ics", "text/calendar")
    (event,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert str(event["summary"]) == "Le numérique est politique"
    assert event["dtstart"].dt == workshop.starts_at
    assert str(event["conference"]) == "https://visio.example.org/salle-secrete"


def test_when_full_people_wait_in_line_and_know_their_position(workshop):
    people = UserFactory.create_batch(4)
    for person in people:
        services.register(workshop, by=person)
    assert statuses(workshop) == ["confirmee", "confirmee", "en-attente", "en-attente"]
    fourth = Registration.objects.get(user=people[3])
    assert services.waiting_position(fourth) == 2
    # the second registration took the last seat: the organiser was told (mail.outbox[2])
    fourth_mail = mail.outbox[4]
    assert fourth_mail.to == [people[3].email]
    assert "vous êtes en 2ᵉ position sur la liste d’attente" in fourth_mail.body.replace("\n", " ")
    assert fourth_mail.attachments == []  # no calendar, no video link without a seat
    assert "salle-secrete" not in fourth_mail.body


def test_without_an_account_nothing_is_held_until_the_mailed_link_is_confirmed(workshop):
    outcome = services.register(workshop, name="Dominique", email="Dominique@Example.org")
    assert [r.status for r in outcome.created] == ["a-confirmer"]
    workshop.refresh_from_db()
    assert workshop.confirmed_count == 0
    (message,) = mail.outbox
    assert message.subject == "[Entraide] Confirmez votre inscription"
    assert message.to == ["dominique@example.org"]
    assert "salle-secrete" not in message.body

    confirmed = services.confirm(token_of(message))
    assert [r.status for r in confirmed] == ["confirmee"]
    assert "salle-secrete" in mail.outbox[1].body
    services.confirm(token_of(message))  # a second click changes nothing
    workshop.refresh_from_db()
    assert workshop.confirmed_count == 1
    assert len(mail.outbox) == 2


def test_a_seat_goes_to_whoever_confirms_first_not_whoever_asked_first(workshop, alice):
    services.register(workshop, name="Dominique", email="dominique@example.org")
    services.register(workshop, name="Sacha", email="sacha@example.org")
    services.register(workshop, by=alice)
    services.confirm(token_of(mail.outbox[1]))  # Sacha
    services.confirm(token_of(mail.outbox[0]))  # Dominique, too late
    assert dict(Registration.objects.values_list("email", "status")) == {
        "alice@example.org": "confirmee",
        "sacha@example.org": "confirmee",
        "dominique@example.org": "en-attente",
    }


def test_an_unconfirmed_request_expires(workshop):
    services.register(workshop, name="Dominique", email="dominique@example.org")
    Registration.objects.update(created_at=timezone.now() - timedelta(hours=49))
    with pytest.raises(DomainError) as refused:
        services.confirm(token_of(mail.outbox[0]))
    assert refused.value.code == WorkshopErrorCode.CONFIRMATION_EXPIRED
    # asking again gives a fresh delay and a working link
    services.register(workshop, name="Dominique", email="dominique@example.org")
    assert [r.status for r in services.confirm(token_of(mail.outbox[1]))] == ["confirmee"]


def test_registering_twice_mails_a_new_link_to_the_existing_registration(workshop):
    services.register(workshop, name="Dominique", email="dominique@example.org")
    first_token = token_of(mail.outbox[0])
    services.confirm(first_token)
    outcome = services.register(workshop, name="Quelqu'un", email="DOMINIQUE@example.org")
    assert outcome.created == []
    assert Registration.objects.count() == 1
    message = mail.outbox[-1]
    assert message.subject == "[Entraide] Votre inscription"
    assert "Confirmée" in message.body
    assert services.find_registrations(first_token) == []  # the old link no longer works
    assert len(services.find_registrations(token_of(message))) == 1


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"status": Status.DRAFT}, WorkshopErrorCode.NOT_PUBLISHED),
        ({"status": Status.CANCELLED}, WorkshopErrorCode.WORKSHOP_CANCELLED),
        (
            {"registration_closes_at": timezone.now() - timedelta(hours=1)},
            WorkshopErrorCode.REGISTRATION_CLOSED,
        ),
        (
            {"registration_opens_at": timezone.now() + timedelta(days=1)},
            WorkshopErrorCode.REGISTRATION_NOT_OPEN_YET,
        ),
    ],
)
def test_a_workshop_that_is_not_open_refuses_registrations(workshop, alice, change, code):
    Workshop.objects.filter(pk=workshop.pk).update(**change)
    workshop.refresh_from_db()
    with pytest.raises(DomainError) as signed_in:
        services.register(workshop, by=alice)
    with pytest.raises(DomainError) as without_account:
        services.register(workshop, name="X", email="x@example.org")
    assert signed_in.value.code == without_account.value.code == code
    assert Registration.objects.count() == 0
    assert mail.outbox == []


def test_a_past_workshop_refuses_registrations(place, alice):
    past = WorkshopFactory(
        place=place,
        starts_at=timezone.now() - timedelta(days=1),
        ends_at=timezone.now() - timedelta(days=1) + timedelta(hours=1),
    )
    with pytest.raises(DomainError) as refused:
        services.register(past, by=alice)
    assert refused.value.code == WorkshopErrorCode.WORKSHOP_PAST


def test_the_whole_series_in_one_step_each_session_on_its_own(series, alice, bob, charlie):
    first = series.workshops.get(position=1)
    services.register(first, by=bob)
    services.register(first, by=charlie)  # session 1 is now full
    mail.outbox.clear()
    outcome = services.register_series(series, by=alice)
    assert [(r.workshop.position, r.status) for r in outcome.created] == [
        (1, "en-attente"),
        (2, "confirmee"),
        (3, "confirmee"),
    ]
    assert len(mail.outbox) == 3


def test_the_whole_series_without_an_account_is_one_mail_and_one_link(series):
    services.register_series(series, name="Dominique", email="dominique@example.org")
    (message,) = mail.outbox
    assert message.body.count("Atelier ") == 3
    confirmed = services.confirm(token_of(message))
    assert [r.status for r in confirmed] == ["confirmee"] * 3
