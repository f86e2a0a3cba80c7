"""Mails are plain text: a place or a workshop named with "&", "<" or quotes reads as typed,
in the subject and in the body, never as HTML entities."""

import pytest
from django.core import mail

from entraide.places.services import invite_organiser
from entraide.workshops.services import register
from tests.factories import PlaceFactory, WorkshopFactory, in_days

pytestmark = pytest.mark.django_db


def test_an_invitation_to_labo_and_co_says_labo_and_co(bob):
    place = PlaceFactory(name="Labo & Co", organisers=[bob])
    invite_organiser(place, email="dom@example.org", by=bob, site_url="http://testserver")
    assert mail.outbox[0].subject == "[Entraide] Invitation à animer Labo & Co"
    assert "Labo & Co" in mail.outbox[0].body
    assert "&amp;" not in mail.outbox[0].body


def test_a_workshop_mail_shows_its_title_and_place_as_typed(alice):
    place = PlaceFactory(name="Labo & Co")
    title = 'Café & "numérique" <sobre>'
    workshop = WorkshopFactory(place=place, title=title, starts_at=in_days(3))
    register(workshop, by=alice)
    assert mail.outbox[0].subject == f"[Entraide] Inscription confirmée : {title}"
    assert title in mail.outbox[0].body
    assert "&amp;" not in mail.outbox[0].body
    assert "&quot;" not in mail.outbox[0].body
