"""The links a capability gives the pages of another app, through the registry: a place's public
and management pages, the account page, a workshop's management page. Each shows where it
always was, in the same words."""

import re
from html import unescape

import pytest

from tests.factories import WorkshopFactory

pytestmark = pytest.mark.django_db


def links_in(html, start):
    """[(text, href)] of the links in the element of `html` that opens with `start`."""
    tag = re.match(r"<(\w+)", start).group(1)
    element = re.search(re.escape(start) + rf".*?</{tag}>", html, re.DOTALL).group()
    return [
        (unescape(re.sub(r"<[^>]+>", "", text)), unescape(href))
        for href, text in re.findall(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', element)
    ]


def text_of(html, start):
    tag = re.match(r"<(\w+)", start).group(1)
    element = re.search(re.escape(start) + rf".*?</{tag}>", html, re.DOTALL).group()
    return unescape(re.sub(r"<[^>]+>", "", element))


def test_a_place_s_management_page_links_to_its_workshops_polls_and_surveys(client_for, bob, place):
    page = client_for(bob).get(f"/lieux/gerer/{place.slug}/").text

    assert text_of(page, '<p class="meta">') == (
        "Voir la page publique · Ateliers de La Verrière · Sondages de La Verrière"
        " · Enquêtes de La Verrière"
    )
    assert links_in(page, '<p class="meta">') == [
        ("Voir la page publique", f"/lieux/{place.slug}/"),
        ("Ateliers de La Verrière", f"/ateliers/gerer/lieu/{place.slug}/"),
        ("Sondages de La Verrière", f"/sondages/gerer/lieu/{place.slug}/"),
        ("Enquêtes de La Verrière", f"/enquetes/gerer/lieu/{place.slug}/"),
    ]


def test_a_place_s_page_links_to_all_its_workshops_and_its_calendar_under_what_it_organises(
    client, place
):
    workshop = WorkshopFactory(place=place)

    page = client.get(f"/lieux/{place.slug}/").text
    after = page.split("Ce qu’il organise", 1)[1]

    assert links_in(after, "<ul>") == [(workshop.title, f"/ateliers/{workshop.slug}/")]
    assert links_in(after, "<p>") == [
        ("Tous ses ateliers", f"/ateliers/?lieu={place.slug}"),
        ("S’abonner à son agenda (.ics)", f"/ateliers/calendrier/lieu/{place.slug}.ics"),
    ]


def test_a_place_that_announces_nothing_offers_no_link_to_its_workshops(client, place):
    page = client.get(f"/lieux/{place.slug}/").text

    assert "Rien d’annoncé pour le moment." in page
    assert "Tous ses ateliers" not in page


def test_the_account_page_links_to_my_registrations_before_my_data(client_for, alice):
    page = client_for(alice).get("/compte/").text

    assert links_in(page.split("<h2>Compte</h2>", 1)[1], "<ul>") == [
        ("Adresses électroniques", "/compte/adresses/"),
        ("Changer de mot de passe", "/compte/mot-de-passe/modifier/"),
        ("Mes inscriptions", "/ateliers/mes-inscriptions/"),
        ("Mes défis", "/defis/mes-defis/"),
        ("Mes récits", "/recits/mes-recits/"),
        ("Mes projets", "/projets/mes-projets/"),
        ("Mes données", "/compte/mes-donnees/"),
    ]


def test_a_workshop_whose_date_is_to_be_decided_offers_a_poll_to_fix_it(client_for, bob, place):
    undated = WorkshopFactory(place=place, starts_at=None)
    dated = WorkshopFactory(place=place)
    client = client_for(bob)

    undated_page = client.get(f"/ateliers/gerer/{undated.slug}/").text
    dated_page = client.get(f"/ateliers/gerer/{dated.slug}/").text

    assert links_in(undated_page, '<div class="actions">')[-1] == (
        "Fixer la date par un sondage",
        f"/sondages/gerer/lieu/{place.slug}/nouveau/?atelier={undated.pk}",
    )
    assert "Fixer la date par un sondage" not in dated_page
