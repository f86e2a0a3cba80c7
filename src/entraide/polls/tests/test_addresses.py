"""A poll titled like a word of the polls' URLs ("Gérer", "Lieu", "Répondre") gets an address
of its own: its public and organiser pages are its own, and the polls' pages are still
theirs."""

import pytest

from entraide.polls import services
from entraide.polls.tests.conftest import slot_times
from tests.addresses import assert_addresses_lead_to, fixed_words

pytestmark = pytest.mark.django_db

WORDS = fixed_words("polls")


def test_the_words_are_found_in_the_url_patterns():
    assert {"gerer", "lieu", "repondre", "modifier"} <= set(WORDS)


@pytest.mark.parametrize("word", WORDS)
def test_a_poll_titled_like_a_word_of_the_urls_keeps_its_pages(
    client, client_for, bob, place, word
):
    fields = {"title": word.replace("-", " ").capitalize()}
    poll = services.create_poll(place, by=bob, fields=fields, slots=slot_times(2))

    page = client.get(poll.get_absolute_url())
    assert page.status_code == 200
    assert page.context["poll"] == poll
    assert_addresses_lead_to(poll, "polls")
    editing = client_for(bob).get(f"/sondages/gerer/{poll.slug}/modifier/")
    assert editing.status_code == 200
    assert editing.context["poll"] == poll
