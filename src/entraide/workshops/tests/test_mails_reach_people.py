"""Mails about a workshop: replies reach the place; organisers hear when it becomes full."""

import pytest
from django.core import mail
from django.db import transaction

from entraide.core.models import OutgoingMail
from entraide.workshops import services
from entraide.workshops.models import Registration
from entraide.workshops.tests.conftest import token_of
from tests.factories import UserFactory
from tests.text import squeeze

pytestmark = pytest.mark.django_db


def test_a_registration_mail_has_the_place_contact_as_reply_to(workshop, alice):
    workshop.place.contact_email = "bonjour@laverriere.example.org"
    workshop.place.save()
    services.register(workshop, by=alice)
    (message,) = mail.outbox
    assert message.reply_to == ["bonjour@laverriere.example.org"]
    assert message.message()["Reply-To"] == "bonjour@laverriere.example.org"
    assert message.from_email == "Entraide <entraide@localhost>"


def test_without_a_contact_address_a_registration_mail_has_no_reply_to(workshop, alice):
    services.register(workshop, by=alice)
    (message,) = mail.outbox
    assert message.reply_to == []
    assert message.message()["Reply-To"] is None


def test_the_request_mail_sent_without_an_account_has_the_place_contact_as_reply_to(workshop):
    workshop.place.contact_email = "bonjour@laverriere.example.org"
    workshop.place.save()
    services.register(workshop, name="Dominique", email="dominique@example.org")
    (message,) = mail.outbox
    assert message.reply_to == ["bonjour@laverriere.example.org"]


def test_the_registration_that_takes_the_last_seat_tells_each_organiser_in_their_language(
    workshop, bob, alice, charlie
):
    camille = UserFactory(email="camille@example.org", language="en")
    gone = UserFactory(email="gone@example.org", is_active=False)
    workshop.place.memberships.create(user=camille)
    workshop.place.memberships.create(user=gone)
    workshop.place.contact_email = "bonjour@laverriere.example.org"
    workshop.place.save()
    services.register(workshop, by=alice)
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]  # one seat left: nothing
    services.register(workshop, by=charlie)
    assert [m.to for m in mail.outbox] == [
        ["alice@example.org"],
        ["charlie@example.org"],
        ["bob@example.org"],
        ["camille@example.org"],
    ]
    french, english = mail.outbox[2], mail.outbox[3]
    assert french.subject == "[Entraide] Complet : Le numérique est politique"
    assert english.subject == "[Entraide] Full: Le numérique est politique"
    body = squeeze(french.body)
    assert "La dernière place de « Le numérique est politique » vient d’être prise" in body
    assert "l’atelier est complet (2 places)" in body
    assert f"/ateliers/gerer/{workshop.slug}/participants/" in french.body
    assert "Vous recevez ce courriel parce que vous animez La Verrière." in body
    assert french.reply_to == []  # a mail among the site's people, not to the public


def test_registering_on_the_waiting_list_or_filling_it_again_after_a_cancellation_is_not_news(
    workshop, alice, charlie
):
    dominique = UserFactory(email="dominique@example.org")
    services.register(workshop, by=alice)
    services.register(workshop, by=charlie)
    mail.outbox.clear()
    services.register(workshop, by=dominique)  # waiting list
    services.withdraw(Registration.objects.get(user=alice).pk)  # dominique takes the seat
    assert [m.to for m in mail.outbox] == [
        ["dominique@example.org"],  # on the waiting list
        ["alice@example.org"],  # cancelled
        ["dominique@example.org"],  # promoted: the workshop stays full, as it was
    ]


def test_confirming_the_request_that_takes_the_last_seat_tells_the_organisers(workshop, alice):
    services.register(workshop, by=alice)
    services.register(workshop, name="Dominique", email="dominique@example.org")
    request_mail = mail.outbox[-1]
    mail.outbox.clear()
    services.confirm(token_of(request_mail))
    assert [m.to for m in mail.outbox] == [["dominique@example.org"], ["bob@example.org"]]
    assert mail.outbox[1].subject == "[Entraide] Complet : Le numérique est politique"
    services.confirm(token_of(request_mail))  # confirming twice changes nothing
    assert len(mail.outbox) == 2


def test_the_full_mail_is_queued_in_the_transaction_that_takes_the_seat(
    settings, workshop, alice, charlie
):
    settings.EMAIL_BACKEND = "entraide.core.mail.QueuedEmailBackend"
    services.register(workshop, by=alice)
    queued = OutgoingMail.objects.count()
    seen = []

    def register_then_fail():
        with transaction.atomic():
            services.register(workshop, by=charlie)
            seen.append(OutgoingMail.objects.count() - queued)
            raise RuntimeError("rolled back after the registration")

    with pytest.raises(RuntimeError):
        register_then_fail()
    assert seen == [2]  # charlie's mail and the organiser's, written with the seat
    assert OutgoingMail.objects.count() == queued
    workshop.refresh_from_db()
    assert workshop.confirmed_count == 1
