"""The participant list that organisers hold at the door: cards that fit a phone, attendance
taken with big targets in one form, and an export that a French spreadsheet opens at once."""

import csv
import html
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from entraide.workshops import services
from entraide.workshops.models import Registration, Workshop
from entraide.workshops.tests.conftest import token_of
from tests.factories import UserFactory, WorkshopFactory
from tests.text import squeeze

pytestmark = pytest.mark.django_db


def text_of(markup):
    return squeeze(html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def cards(page):
    """Each participant card's text, its actions left out (they have their own tests)."""
    found = re.findall(r'<li class="card participant">(.*?)</li>', page, re.S)
    return [
        text_of(re.sub(r'<div class="actions">.*?</div>', "", card, flags=re.S)) for card in found
    ]


def attendance_form(page):
    (form,) = re.findall(r'<form method="post" class="attendance"[^>]*>(.*?)</form>', page, re.S)
    return form


def past(workshop):
    Workshop.objects.filter(pk=workshop.pk).update(
        starts_at=timezone.now() - timedelta(hours=2), ends_at=timezone.now() - timedelta(hours=1)
    )


@pytest.fixture
def door(place):
    """A workshop with two seats taken, one person waiting and one request unconfirmed."""
    workshop = WorkshopFactory(place=place, title="Fresque du numérique", capacity=2)
    amina = UserFactory(display_name="Amina", email="amina@example.org")
    services.register(workshop, by=amina, needs="Boucle magnétique")
    services.register(workshop, name="Jean-Baptiste Dupont", email="jb.dupont@example.org")
    services.confirm(token_of(mail.outbox[-1]))
    services.register(workshop, by=UserFactory(display_name="Zoé", email="zoe@example.org"))
    services.register(workshop, name="Léon", email="leon@example.org")
    return workshop


def test_each_participant_is_a_card_with_name_status_needs_and_contact(client_for, bob, door):
    page = client_for(bob).get(f"/ateliers/gerer/{door.slug}/participants/").text
    assert "<table" not in page
    assert cards(page) == [
        "Amina Confirmée Besoins : Boucle magnétique Courriel : amina@example.org",
        "Jean-Baptiste Dupont Confirmée Courriel : jb.dupont@example.org",
        "Zoé Sur liste d’attente en 1ʳᵉ position Courriel : zoe@example.org",
        "Léon En attente de confirmation par courriel Courriel : leon@example.org",
    ]
    assert '<a href="mailto:amina@example.org">amina@example.org</a>' in page


def test_before_the_workshop_each_confirmed_card_offers_to_cancel_the_seat(client_for, bob, door):
    page = client_for(bob).get(f"/ateliers/gerer/{door.slug}/participants/").text
    actions = re.findall(r'<div class="actions">(.*?)</div>', page, re.S)
    assert len(actions) == 2
    for registration, action in zip(
        door.registrations.filter(status="confirmee").order_by("pk"), actions, strict=True
    ):
        assert f"/ateliers/gerer/{door.slug}/participants/{registration.pk}/" in action


def test_attendance_is_one_form_with_a_big_labelled_box_per_confirmed_person(client_for, bob, door):
    past(door)
    amina = Registration.objects.get(name="Amina")
    Registration.objects.filter(pk=amina.pk).update(attended=True)
    page = client_for(bob).get(f"/ateliers/gerer/{door.slug}/participants/").text
    form = attendance_form(page)
    boxes = re.findall(
        r'<label class="attend"[^>]*>\s*<input type="checkbox"[^>]*>(.*?)</label>', form, re.S
    )
    assert [text_of(name) for name in boxes] == ["Amina", "Jean-Baptiste Dupont"]
    assert re.findall(r"<input[^>]*checked[^>]*>", form) == [
        f'<input type="checkbox" name="present" value="{amina.pk}" id="id_present_0" checked>'
    ]
    assert re.findall(r"<button[^>]*>(.*?)</button>", form) == ["Enregistrer les présences"]
    assert "<form" not in form  # nothing nested: one form, one submit
    assert cards(page)[:2] == [
        "Amina Confirmée Besoins : Boucle magnétique Courriel : amina@example.org",
        "Jean-Baptiste Dupont Confirmée Courriel : jb.dupont@example.org",
    ]


def test_ticking_the_boxes_records_who_came(client_for, bob, door):
    past(door)
    jb = Registration.objects.get(name="Jean-Baptiste Dupont")
    client = client_for(bob)
    response = client.post(f"/ateliers/gerer/{door.slug}/participants/", {"present": [jb.pk]})
    assert response.status_code == 302
    attended = dict(door.registrations.filter(status="confirmee").values_list("name", "attended"))
    assert attended == {"Amina": False, "Jean-Baptiste Dupont": True}
    assert "50 % (1/2)" in client.get(response["Location"]).text


def test_the_export_gives_times_in_the_workshops_zone_named_in_the_header(client_for, bob, place):
    workshop = WorkshopFactory(place=place, capacity=1, time_zone="America/Guadeloupe")
    services.register(
        workshop, name="Dupont; Jean", email="jean@example.org", needs='Rampe "large"\nmerci'
    )
    services.confirm(token_of(mail.outbox[-1]))
    cmd = UserFactory(display_name="=cmd|' /C calc'!A0", email="cmd@example.org")
    services.register(workshop, by=cmd)
    Registration.objects.update(created_at=datetime(2026, 11, 26, 14, 5, tzinfo=UTC))
    response = client_for(bob).get(f"/ateliers/gerer/{workshop.slug}/participants.csv")
    body = response.content.decode("utf-8")
    assert body.startswith(
        "\ufeffNom;Courriel;Statut;Position;Inscrit·e le (heure de la Guadeloupe);"
    )
    rows = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"), newline=""), delimiter=";"))
    assert rows[1:] == [
        [
            "Dupont; Jean",
            "jean@example.org",
            "Confirmée",
            "",
            "26/11/2026 10:05",
            'Rampe "large"\nmerci',
            "",
        ],
        [
            "'=cmd|' /C calc'!A0",
            "cmd@example.org",
            "Sur liste d’attente",
            "1",
            "26/11/2026 10:05",
            "",
            "",
        ],
    ]
