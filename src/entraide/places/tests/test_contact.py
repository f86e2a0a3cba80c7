"""A place can be reached: contact address, street address, opening times, a map link."""

import pytest

from entraide.places.tests.test_manage import form_data
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def test_a_place_page_shows_how_to_reach_it_with_a_plain_map_link(client):
    place = PlaceFactory(
        name="La Verrière",
        city="Montpellier",
        street="12 rue de l’Aiguillerie",
        postcode="34000",
        contact_email="bonjour@laverriere.entraide.example",
        opening_hours="Du mardi au samedi, 10 h – 18 h",
    )
    response = client.get(place.get_absolute_url())
    assert response.status_code == 200
    for expected in (
        '<a href="mailto:bonjour@laverriere.entraide.example">'
        "bonjour@laverriere.entraide.example</a>",
        "12 rue de l’Aiguillerie, 34000 Montpellier",
        "Du mardi au samedi, 10 h – 18 h",
        '<a href="https://www.openstreetmap.org/search?query=12%20rue%20de%20l%E2%80%99'
        'Aiguillerie%2C%2034000%20Montpellier" rel="noopener noreferrer">Voir sur une carte</a>',
    ):
        assert expected in response.text
    assert "<iframe" not in response.text
    assert "<img" not in response.text.split("<main", 1)[1]  # no map tiles on our page


def test_without_a_street_there_is_no_map_link_nor_empty_facts(client):
    place = PlaceFactory(city="Rennes")
    response = client.get(place.get_absolute_url())
    assert "Voir sur une carte" not in response.text
    assert "Courriel" not in response.text
    assert "Horaires" not in response.text


def test_a_script_in_the_address_is_shown_as_text_and_encoded_in_the_map_link(client):
    place = PlaceFactory(street='<script>alert("x")</script>', city="Lyon")
    response = client.get(place.get_absolute_url())
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;, Lyon" in response.text
    assert "query=%3Cscript%3Ealert%28%22x%22%29%3C%2Fscript%3E%2C%20Lyon" in response.text


def test_an_organiser_gives_the_contact_address_and_opening_times(client_for, bob, place):
    response = client_for(bob).post(
        f"/lieux/gerer/{place.slug}/",
        form_data(
            place,
            contact_email="Contact@LaVerriere.example.org",
            street="5 place de la Comédie",
            postcode="34 000",
            opening_hours="Mercredi 14 h – 19 h",
        ),
    )
    assert response.status_code == 302
    place.refresh_from_db()
    assert (place.contact_email, place.street, place.postcode, place.opening_hours) == (
        "contact@laverriere.example.org",
        "5 place de la Comédie",
        "34000",
        "Mercredi 14 h – 19 h",
    )


def test_the_management_page_offers_the_contact_fields(client_for, bob, place):
    response = client_for(bob).get(f"/lieux/gerer/{place.slug}/")
    for field, label in (
        ("contact_email", "Adresse électronique de contact"),
        ("street", "Adresse"),
        ("postcode", "Code postal"),
        ("opening_hours", "Horaires d’ouverture"),
    ):
        assert f'<label for="id_{field}">{label}\u00a0:</label>' in response.text


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("postcode", "3400", "Cinq chiffres, par exemple 34000."),
        ("postcode", "34OOO", "Cinq chiffres, par exemple 34000."),
        ("postcode", "340000", "Cinq chiffres, par exemple 34000."),
        ("contact_email", "pas une adresse", "Saisissez une adresse de courriel valide."),
        ("street", "x" * 5000, "au plus 200 caractères"),
        ("opening_hours", "x" * 5000, "au plus 200 caractères"),
        ("street", "1 rue\r\nBcc: victim@example.org", "sur une seule ligne"),
    ],
)
def test_a_wrong_contact_field_is_refused_beside_it(client_for, bob, place, field, value, message):
    response = client_for(bob).post(
        f"/lieux/gerer/{place.slug}/", form_data(place, **{field: value})
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    place.refresh_from_db()
    assert getattr(place, field) == ""
