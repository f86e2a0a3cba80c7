"""A place named like a word of the places' URLs ("Proposer", "Gérer", "Invitation") gets an
address of its own: its page is its page, and the places' pages are still theirs."""

import pytest

from entraide.places import services
from entraide.places.models import Place
from tests.addresses import assert_addresses_lead_to, fixed_words
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

WORDS = fixed_words("places")


def test_the_words_are_found_in_the_url_patterns():
    assert {"proposer", "gerer", "invitation"} <= set(WORDS)


@pytest.mark.parametrize("word", WORDS)
def test_a_place_named_like_a_word_of_the_urls_keeps_its_page(client, alice, word):
    name = word.replace("-", " ").capitalize()
    fields = {"name": name, "kind": "tiers-lieu", "region": "occitanie", "city": "Sète"}
    place = services.propose_place(by=alice, fields=fields)
    services.approve_proposal(place.pk, by=alice)

    page = client.get(place.get_absolute_url())
    assert page.status_code == 200
    assert page.context["place"] == place
    assert_addresses_lead_to(place, "places")


def test_the_administration_refuses_an_address_the_places_pages_use(client_for, db):
    admin = UserFactory(is_staff=True, is_superuser=True)
    data = {
        "name": "Proposer",
        "slug": "proposer",
        "kind": "tiers-lieu",
        "region": "occitanie",
        "city": "Sète",
        "status": "publie",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    response = client_for(admin).post("/admin/places/place/add/", data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors.as_data()
    assert [error.code for error in errors["slug"]] == ["reserved_address"]
    created = client_for(admin).post("/admin/places/place/add/", {**data, "slug": "lieu-proposer"})
    assert created.status_code == 302
    assert Place.objects.get().get_absolute_url() == "/lieux/lieu-proposer/"
