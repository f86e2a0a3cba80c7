"""Once a poll fixes a workshop's date, those who answered are told they hold no seat yet and
register in one click from the mail: the link proves their address, so the seat is theirs at
once, or their place in line."""

import re

import pytest
from django.core import mail

from entraide.polls import services
from entraide.polls.tests.conftest import all_answers
from entraide.workshops.models import Registration

pytestmark = pytest.mark.django_db


def link_in(message):
    return re.search(r"https?://[^/\s]+(/sondages/\S+/inscription/\S+/)", message.body).group(1)


@pytest.fixture
def fixed(poll, bob, undated_workshop):
    services.answer(poll, name="Amina", email="amina@example.org",
                    choices=all_answers(poll, "oui", "oui", "non"))  # fmt: skip
    services.answer(poll, name="Sans adresse", choices=all_answers(poll, "oui", "non", "non"))
    mail.outbox.clear()
    services.fix_slot(poll, poll.slots.first().pk, by=bob)
    return poll


def test_the_date_fixed_mail_offers_a_one_click_registration_with_the_seats_left(fixed):
    (message,) = [m for m in mail.outbox if m.to == ["amina@example.org"]]
    assert message.attachments == []
    assert "Vous n’êtes pas encore inscrit·e à cet atelier" in message.body
    assert "Il reste 15 places. Pour vous inscrire en un clic :" in message.body
    assert link_in(message).startswith(f"/sondages/{fixed.slug}/inscription/")


def test_following_the_link_shows_who_registers_then_one_click_takes_the_seat(client, fixed):
    link = link_in(next(m for m in mail.outbox if m.to == ["amina@example.org"]))
    page = client.get(link)
    assert page.status_code == 200
    assert "sous le nom <strong>Amina</strong>" in page.text
    assert Registration.objects.count() == 0  # looking changes nothing
    mail.outbox.clear()

    response = client.post(link)

    registration = Registration.objects.get()
    assert (registration.name, registration.email, registration.status) == (
        "Amina", "amina@example.org", "confirmee"
    )  # fmt: skip
    assert response["Location"] == registration.private_url()
    (confirmation,) = mail.outbox
    assert confirmation.subject == f"[Entraide] Inscription confirmée : {fixed.workshop.title}"
    assert confirmation.attachments[0][0].endswith(".ics")  # now it is a seat
    assert client.post(link).status_code == 302
    assert Registration.objects.count() == 1  # a second click registers nobody twice


def test_a_full_workshop_puts_the_one_who_clicks_in_line(client, fixed):
    fixed.workshop.__class__.objects.filter(pk=fixed.workshop.pk).update(capacity=0)
    link = link_in(next(m for m in mail.outbox if m.to == ["amina@example.org"]))
    client.post(link)
    assert Registration.objects.get().status == "en-attente"


def test_a_forged_or_foreign_link_registers_nobody(client, fixed, place, bob):
    link = link_in(next(m for m in mail.outbox if m.to == ["amina@example.org"]))
    assert client.post(link[:-4] + "xyz/").status_code == 404
    slots = [(slot.starts_at, slot.ends_at) for slot in fixed.slots.all()]
    other = services.create_poll(place, by=bob, fields={"title": "Autre"}, slots=slots)
    foreign = link.replace(f"/sondages/{fixed.slug}/", f"/sondages/{other.slug}/")
    assert client.post(foreign).status_code == 404
    assert Registration.objects.count() == 0
