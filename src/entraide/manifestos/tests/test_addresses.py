"""A manifesto titled like a word of the manifestos' URLs ("Gérer", "Idées", "Projection")
gets an address of its own: its public and organiser pages are its own, and the manifestos'
pages are still theirs."""

import pytest

from entraide.manifestos import services
from tests.addresses import assert_addresses_lead_to, fixed_words

pytestmark = pytest.mark.django_db

WORDS = fixed_words("manifestos")


def test_the_words_are_found_in_the_url_patterns():
    assert {"gerer", "lieu", "idees", "questions", "projection", "sections"} <= set(WORDS)


@pytest.mark.parametrize("word", WORDS)
def test_a_manifesto_titled_like_a_word_of_the_urls_keeps_its_pages(
    client, client_for, bob, place, word
):
    fields = {"title": word.replace("-", " ").capitalize()}
    manifesto = services.create_manifesto(place, by=bob, fields=fields)

    page = client.get(manifesto.get_absolute_url())
    assert page.status_code == 200
    assert page.context["manifesto"] == manifesto
    assert_addresses_lead_to(manifesto, "manifestos")
    managing = client_for(bob).get(f"/manifestes/gerer/{manifesto.slug}/")
    assert managing.status_code == 200
    assert managing.context["manifesto"] == manifesto
