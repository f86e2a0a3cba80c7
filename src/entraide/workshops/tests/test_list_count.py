"""The number of workshops a list shows, and the workshops of a deep page, are found once per
version of the site's content (core.page_cache.Kept), and are never stale: a new workshop, or
a workshop that starts while nobody writes, shows in the number and on the pages at once."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import WorkshopFactory

pytestmark = pytest.mark.django_db


def number_shown(client, url="/ateliers/"):
    return re.search(r'<p role="status">(.*?)</p>', client.get(url).content.decode()).group(1)


def test_a_new_workshop_is_counted_at_once(client, place):
    WorkshopFactory(place=place, starts_at=timezone.now() + timedelta(days=2))
    assert number_shown(client) == "1 atelier"
    assert number_shown(client, "/ateliers/?region=" + place.region) == "1 atelier"
    WorkshopFactory(place=place, starts_at=timezone.now() + timedelta(days=3))
    assert number_shown(client) == "2 ateliers"
    assert number_shown(client, "/ateliers/?region=" + place.region) == "2 ateliers"


def test_a_workshop_that_starts_leaves_the_count_of_those_to_come_without_anyone_writing(
    client, place, monkeypatch
):
    starts = timezone.now() + timedelta(minutes=5)
    WorkshopFactory(place=place, starts_at=starts, ends_at=starts + timedelta(hours=1))
    WorkshopFactory(place=place, starts_at=starts + timedelta(days=1))
    assert number_shown(client) == "2 ateliers"
    assert number_shown(client, "/ateliers/?quand=passes") == "0 atelier"
    later = starts + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert number_shown(client) == "1 atelier"
    assert number_shown(client, "/ateliers/?quand=passes") == "1 atelier"


def test_a_second_visit_reads_the_count_kept(client, place, django_assert_num_queries):
    WorkshopFactory(place=place, starts_at=timezone.now() + timedelta(days=2))
    client.get("/ateliers/")
    with django_assert_num_queries(1):  # the page's workshops alone
        client.get("/ateliers/")


def titles_on(client, url):
    return re.findall(r'<h2><a href="[^"]+">(.*?)</a></h2>', client.get(url).content.decode())


def test_a_deep_page_shows_at_once_a_new_workshop_before_it_and_one_that_starts(
    client, place, monkeypatch, settings
):
    settings.ENTRAIDE_PAGE_SIZE = 2
    now = timezone.now()
    for day in (1, 2, 3):
        WorkshopFactory(place=place, title=f"J{day}", starts_at=now + timedelta(days=day))
    assert titles_on(client, "/ateliers/?page=2") == ["J3"]
    soon = now + timedelta(minutes=5)
    WorkshopFactory(place=place, title="J0", starts_at=soon, ends_at=soon + timedelta(hours=1))
    assert titles_on(client, "/ateliers/?page=2") == ["J2", "J3"]
    monkeypatch.setattr(timezone, "now", lambda: soon + timedelta(seconds=1))
    assert titles_on(client, "/ateliers/?page=2") == ["J3"]


def test_a_place_renamed_shows_at_once_in_the_title_of_its_list(client, place):
    url = f"/ateliers/?lieu={place.slug}"
    assert f"<h1>Ateliers · {place.name}</h1>" in client.get(url).content.decode()
    place.name = "Le Nouveau Nom"
    place.save()
    assert "<h1>Ateliers · Le Nouveau Nom</h1>" in client.get(url).content.decode()
