"""The answers grid of a poll's page: days over their time ranges, a visible hint when it
scrolls sideways, and the page within our budgets (≤ 390 elements, ≤ 30 KB compressed) with
30 answers over 4 slots."""

import gzip
from html.parser import HTMLParser

import pytest

from entraide.polls import services
from entraide.polls.models import Participant
from entraide.polls.tests.conftest import all_answers, slot_times

pytestmark = pytest.mark.django_db


class ElementCounter(HTMLParser):
    """Counts elements as the browser's document.getElementsByTagName('*') does."""

    def __init__(self):
        super().__init__()
        self.count = 0

    def handle_starttag(self, tag, attrs):
        self.count += 1


def elements(html):
    counter = ElementCounter()
    counter.feed(html)
    return counter.count


def four_slot_poll(place, bob):
    first, second = slot_times(2)
    slots = []
    for day_start, _ in (first, second):
        for hour in (11, 14):
            start = day_start.replace(hour=hour)
            slots.append((start, start.replace(hour=hour + 1, minute=30)))
    return services.create_poll(place, by=bob, fields={"title": "Dispos"}, slots=slots)


VALUES = ["oui", "si-besoin", "non"]


def answered_by(poll, count):
    for n in range(count):
        values = [VALUES[(n + i) % 3] for i in range(4)]
        services.answer(poll, name=f"Personne numéro {n}", choices=all_answers(poll, *values))


def test_the_grid_shows_each_day_over_its_time_ranges(client, place, bob):
    poll = four_slot_poll(place, bob)
    answered_by(poll, 2)
    page = client.get(poll.get_absolute_url()).text
    assert page.count('<th scope="colgroup" colspan="2" class="day">') == 2
    assert page.count('<th scope="col">11:00–12:30</th><th scope="col">14:00–15:30</th>') == 2
    assert '<colgroup span="2"></colgroup>' in page


def test_a_grid_wider_than_a_phone_says_it_scrolls(client, place, bob):
    poll = four_slot_poll(place, bob)
    answered_by(poll, 1)
    page = client.get(poll.get_absolute_url()).text
    assert '<p class="scroll-hint some" aria-hidden="true">→ créneaux suivants</p>' in page


def test_a_one_slot_grid_has_no_scroll_hint(client, place, bob):
    poll = services.create_poll(place, by=bob, fields={"title": "Un"}, slots=slot_times(1))
    services.answer(poll, name="A", choices=all_answers(poll, "oui"))
    assert "scroll-hint" not in client.get(poll.get_absolute_url()).text


@pytest.mark.parametrize("signed_in", [False, True])
def test_a_poll_with_30_answers_over_4_slots_stays_within_the_page_budgets(
    client, client_for, alice, place, bob, signed_in
):
    poll = four_slot_poll(place, bob)
    answered_by(poll, 29)
    if signed_in:
        client = client_for(alice)
    data = {"name": "Trentième", **{f"slot_{s.pk}": "oui" for s in poll.slots.all()}}
    response = client.post(f"/sondages/{poll.slug}/repondre/", data, follow=True)
    assert Participant.objects.count() == 30
    html = response.content.decode()
    assert 'class="me"' in html  # the page she lands on, her row and the messages included
    assert elements(html) <= 390
    assert len(gzip.compress(response.content)) <= 30_000
    first_page = client.get(poll.get_absolute_url()).content
    assert elements(first_page.decode()) <= 390
    assert len(gzip.compress(first_page)) <= 30_000
