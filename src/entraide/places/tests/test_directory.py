import pytest

from entraide.places.models import PlaceKind, Region
from tests.factories import PlaceFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_directory_filters_by_region_and_kind(client):
    PlaceFactory(name="La Verrière", region=Region.AUVERGNE_RHONE_ALPES)
    PlaceFactory(name="Université Paul-Valéry", region=Region.OCCITANIE, kind=PlaceKind.UNIVERSITY)
    PlaceFactory(name="Maison pour tous", region=Region.OCCITANIE)
    response = client.get("/lieux/", {"region": "occitanie", "kind": "universite"})
    assert [p.name for p in response.context["page"]] == ["Université Paul-Valéry"]
    assert "1 lieu" in response.text


def test_the_hub_of_a_region_is_pointed_out(client):
    PlaceFactory(name="Hinaura", region=Region.AUVERGNE_RHONE_ALPES, kind=PlaceKind.REGIONAL_HUB)
    PlaceFactory(name="La Verrière", region=Region.AUVERGNE_RHONE_ALPES)
    response = client.get("/lieux/", {"region": "auvergne-rhone-alpes"})
    assert response.context["region_hub"].name == "Hinaura"
    assert "Le hub de cette région :" in response.text
    assert response.text.count('class="badge hub"') == 1  # the hub's badge in the list


def test_the_directory_is_paginated_and_keeps_its_filters(client):
    PlaceFactory.create_batch(25, region=Region.BRETAGNE)
    first = client.get("/lieux/", {"region": "bretagne"})
    assert len(first.context["page"]) == 20
    assert 'href="?region=bretagne&amp;page=2"' in first.text
    second = client.get("/lieux/", {"region": "bretagne", "page": 2})
    assert len(second.context["page"]) == 5


def test_an_unknown_region_is_a_400_with_a_message_beside_the_filter(client):
    response = client.get("/lieux/", {"region": "atlantide"})
    assert response.status_code == 400
    assert response.context["form"].errors["region"]
    assert "Sélectionnez un choix valide" in response.text


def test_a_place_page_shows_its_facts_and_who_runs_it_without_emails(client):
    organiser = UserFactory(display_name="Camille", email="camille@example.org")
    place = PlaceFactory(
        name="La Verrière",
        city="Grenoble",
        website="https://laverriere.example.org/",
        description="# Nos ateliers\n\nTrois ateliers d'**1h30**.",
        organisers=[organiser],
    )
    response = client.get(place.get_absolute_url())
    assert response.status_code == 200
    for expected in (
        "La Verrière",
        "Grenoble",
        "https://laverriere.example.org/",
        "Camille",
        "<h2>Nos ateliers</h2>",
        "<strong>1h30</strong>",
        "il organise",
    ):
        assert expected in response.text
    assert "camille@example.org" not in response.text
    assert "Gérer ce lieu" not in response.text


def test_the_directory_finds_places_by_city_whatever_the_case_and_accents(client):
    PlaceFactory(name="Le Fil", city="Saint-Étienne", postcode="42000")
    PlaceFactory(name="La Verrière", city="Montpellier", postcode="34000")
    for query in ("saint etienne", "SAINT-ÉTIENNE", " étienne ", "Saint-Etienne"):
        response = client.get("/lieux/", {"q": query})
        assert [p.name for p in response.context["page"]] == ["Le Fil"], query


def test_the_directory_finds_places_by_postcode_beside_the_region_filter(client):
    PlaceFactory(name="La Verrière", city="Montpellier", postcode="34000")
    PlaceFactory(name="Le Quai", city="Montpellier", postcode="34070", region=Region.BRETAGNE)
    PlaceFactory(name="Le Fil", city="Saint-Étienne", postcode="42000")
    response = client.get("/lieux/", {"q": "340", "region": "occitanie"})
    assert [p.name for p in response.context["page"]] == ["La Verrière"]
    assert 'name="q" value="340"' in response.text
    assert "1 lieu" in response.text


def test_a_search_that_finds_nothing_says_so(client):
    PlaceFactory(city="Montpellier")
    response = client.get("/lieux/", {"q": "Tombouctou"})
    assert response.status_code == 200
    assert "Aucun lieu ne correspond encore à ces filtres." in response.text


@pytest.mark.parametrize("query", ["", "   ", "!!!", "%", "_"])
def test_an_empty_or_punctuation_only_search_lists_every_place(client, query):
    PlaceFactory.create_batch(2)
    response = client.get("/lieux/", {"q": query})
    assert len(response.context["page"]) == 2


def test_a_search_longer_than_100_characters_is_a_400_beside_the_field(client):
    response = client.get("/lieux/", {"q": "x" * 5000})
    assert response.status_code == 400
    assert "au plus 100 caractères" in " ".join(response.context["form"].errors["q"])
