"""A workshop or a series titled like a word of the workshops' URLs ("Cycles", "Gérer",
"Lieu") gets an address of its own: its public and organiser pages are its own, and the
workshops' pages are still theirs."""

import pytest

from entraide.workshops import services
from tests.addresses import assert_addresses_lead_to, fixed_words
from tests.factories import in_days

pytestmark = pytest.mark.django_db

WORDS = fixed_words("workshops")


def of_series(name):
    return "series" in name  # the series' routes: series, manage_series, publish_series…


def of_workshops(name):
    return not of_series(name) and name != "place_feed"


def test_the_words_are_found_in_the_url_patterns():
    assert {"gerer", "cycles", "mes-inscriptions", "lieu", "cycle", "publication"} <= set(WORDS)


def title(word):
    return word.replace("-", " ").capitalize()


@pytest.mark.parametrize("word", WORDS)
def test_a_workshop_titled_like_a_word_of_the_urls_keeps_its_pages(
    client, client_for, bob, place, word
):
    fields = {
        "title": title(word),
        "theme": "numerique-responsable",
        "mode": "en-ligne",
        "starts_at": in_days(10),
        "ends_at": in_days(10, hour=19),
    }
    workshop = services.set_published(services.create_workshop(place, by=bob, fields=fields), True)

    page = client.get(workshop.get_absolute_url())
    assert page.status_code == 200
    assert page.context["workshop"] == workshop
    assert_addresses_lead_to(workshop, "workshops", of=of_workshops)
    participants = client_for(bob).get(f"/ateliers/gerer/{workshop.slug}/participants/")
    assert participants.status_code == 200
    assert participants.context["workshop"] == workshop


@pytest.mark.parametrize("word", WORDS)
def test_a_series_titled_like_a_word_of_the_urls_keeps_its_pages(client, bob, place, word):
    fields = {"title": title(word), "theme": "numerique-responsable"}
    series = services.set_series_published(
        services.create_series(place, by=bob, fields=fields), True
    )

    page = client.get(series.get_absolute_url())
    assert page.status_code == 200
    assert page.context["series"] == series
    assert_addresses_lead_to(series, "workshops", of=of_series)
