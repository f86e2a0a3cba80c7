"""A signed-in person without a display name is asked for a name once, on registering, so
that organisers see a name rather than "Membre"."""

import re

import pytest

from entraide.workshops.models import Registration
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def nameless(db):
    return UserFactory(email="sans-nom@example.org", display_name="")


def labels(page):
    return re.findall(r"<label[^>]*>([^<]*)</label>", page)


def test_a_signed_in_person_without_a_name_is_asked_for_one(client_for, nameless, workshop):
    page = client_for(nameless).get(workshop.get_absolute_url()).text
    assert labels(page) == ["Votre nom\xa0:", "Besoins d’accessibilité (facultatif)\xa0:"]


def test_a_signed_in_person_with_a_name_is_not_asked_for_it(client_for, alice, workshop):
    page = client_for(alice).get(workshop.get_absolute_url()).text
    assert labels(page) == ["Besoins d’accessibilité (facultatif)\xa0:"]


def test_the_name_given_is_saved_on_the_account_and_shown_to_organisers(
    client_for, nameless, bob, workshop
):
    client = client_for(nameless)
    response = client.post(f"/ateliers/{workshop.slug}/inscription/", {"display_name": " Inès "})
    assert response.status_code == 302
    nameless.refresh_from_db()
    assert nameless.display_name == "Inès"
    assert Registration.objects.get(workshop=workshop).name == "Inès"
    page = client.get(workshop.get_absolute_url()).text
    assert "Votre nom" not in page
    organiser_page = client_for(bob).get(f"/ateliers/gerer/{workshop.slug}/participants/").text
    assert "Inès" in organiser_page
    assert "Membre" not in organiser_page


def test_registering_without_the_name_asked_is_an_error_beside_the_field(
    client_for, nameless, workshop
):
    response = client_for(nameless).post(f"/ateliers/{workshop.slug}/inscription/", {})
    assert response.status_code == 400
    assert response.context["form"].errors == {"display_name": ["Ce champ est obligatoire."]}
    assert Registration.objects.count() == 0
