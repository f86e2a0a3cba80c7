"""Cancelled by mistake: for a while, and while nobody has taken it, a participant takes her
seat (or her place in line) back."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from entraide.core.errors import DomainError
from entraide.workshops import services
from entraide.workshops.errors import WorkshopErrorCode
from entraide.workshops.models import Registration, Workshop
from entraide.workshops.tests.conftest import private_link
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MINE = "/ateliers/mes-inscriptions/"


def cancel_mine(client, registration):
    return client.post(f"{MINE}{registration.pk}/annuler/")


def undo_mine(client, registration):
    return client.post(f"{MINE}{registration.pk}/reprendre/")


def counters(workshop):
    return Workshop.objects.values_list("confirmed_count", "waiting_count").get(pk=workshop.pk)


def messages_of(client, url):
    page = client.get(url)
    return [str(m) for m in page.context["messages"]]


def codes_of(client, url):
    """The codes of the messages shown on the page: a refusal's (core.errors.add_domain_message),
    or "" for any other message."""
    page = client.get(url)
    return [m.extra_tags for m in page.context["messages"]]


def test_a_participant_takes_her_free_seat_back(client_for, alice, workshop):
    services.register(workshop, by=alice)
    registration = Registration.objects.get(user=alice)
    client = client_for(alice)
    cancel_mine(client, registration)
    assert counters(workshop) == (0, 0)
    page = client.get(MINE)
    assert "Annulée par erreur ?" in page.text
    assert f'<form method="post" action="{MINE}{registration.pk}/reprendre/">' in page.text
    mail.outbox.clear()

    response = undo_mine(client, registration)

    assert response["Location"] == MINE
    registration.refresh_from_db()
    assert (registration.status, registration.cancelled_at) == ("confirmee", None)
    assert counters(workshop) == (1, 0)
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["alice@example.org"], f"[Entraide] Inscription confirmée : {workshop.title}")
    ]
    assert mail.outbox[0].attachments[0][0] == f"{workshop.slug}.ics"
    page = client.get(MINE)
    assert [str(m) for m in page.context["messages"]] == [
        f"Vous avez repris votre place pour « {workshop.title} ». Un courriel de confirmation "
        "est en route."
    ]
    assert "Annulée par erreur ?" not in page.text


def test_the_seat_cannot_be_taken_back_once_the_first_in_line_got_it(
    client_for, alice, bob, charlie, workshop
):
    for person in (alice, bob, charlie):
        services.register(workshop, by=person)
    registration = Registration.objects.get(user=alice)
    client = client_for(alice)
    cancel_mine(client, registration)
    assert Registration.objects.get(user=charlie).status == "confirmee"
    client.get(MINE)  # the messages of the cancellation are read
    mail.outbox.clear()

    response = undo_mine(client, registration)

    assert response["Location"] == MINE
    assert codes_of(client, MINE) == [WorkshopErrorCode.SEAT_TAKEN]
    assert Registration.objects.get(pk=registration.pk).status == "annulee"
    assert counters(workshop) == (2, 0)
    assert mail.outbox == []


def test_the_seat_cannot_be_taken_back_once_someone_registered(client_for, alice, bob, workshop):
    Workshop.objects.filter(pk=workshop.pk).update(capacity=1)
    services.register(workshop, by=alice)
    registration = Registration.objects.get(user=alice)
    client = client_for(alice)
    cancel_mine(client, registration)
    client.get(MINE)
    services.register(workshop, by=bob)

    undo_mine(client, registration)

    assert codes_of(client, MINE) == [WorkshopErrorCode.SEAT_TAKEN]
    assert Registration.objects.get(pk=registration.pk).status == "annulee"
    assert counters(workshop) == (1, 0)


def test_after_the_delay_the_offer_is_gone_and_taking_back_is_refused(
    client_for, alice, workshop, monkeypatch, settings
):
    settings.ENTRAIDE_UNDO_MINUTES = 30
    services.register(workshop, by=alice)
    registration = Registration.objects.get(user=alice)
    client = client_for(alice)
    cancel_mine(client, registration)
    client.get(MINE)
    later = timezone.now() + timedelta(minutes=31)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Annulée par erreur ?" not in client.get(MINE).text

    undo_mine(client, registration)

    assert codes_of(client, MINE) == [WorkshopErrorCode.TOO_LATE_TO_TAKE_BACK]
    assert Registration.objects.get(pk=registration.pk).status == "annulee"
    assert counters(workshop) == (0, 0)


def test_a_waiting_person_gets_her_old_place_in_line_back(client_for, alice, bob, workshop):
    first, second, third = UserFactory.create_batch(3)
    for person in (bob, first, second, alice, third):  # 2 seats: alice is 2nd in line
        services.register(workshop, by=person)
    registration = Registration.objects.get(user=alice)
    client = client_for(alice)
    cancel_mine(client, registration)
    assert services.waiting_position(Registration.objects.get(user=third)) == 2
    client.get(MINE)
    mail.outbox.clear()

    undo_mine(client, registration)

    registration = Registration.objects.get(pk=registration.pk)
    assert registration.status == "en-attente"
    assert services.waiting_position(registration) == 2
    assert services.waiting_position(Registration.objects.get(user=third)) == 3
    assert counters(workshop) == (2, 3)
    assert messages_of(client, MINE) == [
        f"Vous êtes de nouveau sur la liste d’attente de « {workshop.title} », en 2ᵉ position."
    ]
    assert [m.subject for m in mail.outbox] == [f"[Entraide] Liste d’attente : {workshop.title}"]


def test_someone_else_cannot_take_back_my_registration(client_for, alice, bob, workshop):
    services.register(workshop, by=alice)
    registration = Registration.objects.get(user=alice)
    cancel_mine(client_for(alice), registration)

    assert undo_mine(client_for(bob), registration).status_code == 404
    assert Registration.objects.get(pk=registration.pk).status == "annulee"


def test_a_registration_the_organisers_cancelled_cannot_be_taken_back(client_for, alice, workshop):
    services.register(workshop, by=alice)
    registration = Registration.objects.get(user=alice)
    client = client_for(alice)
    client.get(MINE)
    services.withdraw(registration.pk, by_organisers=True)
    assert "Annulée par erreur ?" not in client.get(MINE).text

    undo_mine(client, registration)

    assert codes_of(client, MINE) == [WorkshopErrorCode.TOO_LATE_TO_TAKE_BACK]
    assert Registration.objects.get(pk=registration.pk).status == "annulee"


def test_taking_back_twice_changes_nothing_more(client_for, alice, workshop):
    services.register(workshop, by=alice)
    registration = Registration.objects.get(user=alice)
    client = client_for(alice)
    cancel_mine(client, registration)
    undo_mine(client, registration)
    client.get(MINE)
    mail.outbox.clear()

    undo_mine(client, registration)

    assert Registration.objects.get(pk=registration.pk).status == "confirmee"
    assert counters(workshop) == (1, 0)
    assert mail.outbox == []


def test_a_person_without_account_takes_her_seat_back_through_her_private_link(client, workshop):
    client.post(
        f"/ateliers/{workshop.slug}/inscription/",
        {"name": "Dominique", "email": "dominique@example.org"},
    )
    link = private_link(mail.outbox[0])
    client.post(link)
    registration = Registration.objects.get()
    client.post(f"{link}annuler/{registration.pk}/")
    page = client.get(link)
    assert f'<form method="post" action="{link}reprendre/{registration.pk}/">' in page.text
    mail.outbox.clear()
    tampered = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]
    assert client.post(f"{tampered}reprendre/{registration.pk}/").status_code == 404

    response = client.post(f"{link}reprendre/{registration.pk}/")

    assert response["Location"] == link
    assert Registration.objects.get().status == "confirmee"
    assert counters(workshop) == (1, 0)
    assert [m.to for m in mail.outbox] == [["dominique@example.org"]]


def test_the_service_refuses_a_cancellation_it_did_not_record(alice, workshop):
    services.register(workshop, by=alice)
    registration = services.withdraw(Registration.objects.get(user=alice).pk)
    with pytest.raises(DomainError) as refused:
        services.undo_cancel(registration.pk, cancelled_at=registration.cancelled_at - timedelta(1))
    assert refused.value.code == WorkshopErrorCode.TOO_LATE_TO_TAKE_BACK
    again = services.undo_cancel(registration.pk, cancelled_at=registration.cancelled_at)
    assert again.status == "confirmee"
