"""A visitor who has done nothing gets no cookie, so a proxy (or our own page cache) may keep
public pages; the forms they show still work, and a signed-in person's forms stay protected
against cross-site requests."""

import pytest
from django.test import Client

from entraide.manifestos import services as manifestos
from entraide.polls import services as polls
from entraide.polls.tests.conftest import slot_times
from tests.factories import SeriesFactory, WorkshopFactory


@pytest.fixture
def pages(place, bob):
    workshop = WorkshopFactory(place=place, title="Lève les yeux", capacity=15)
    series = SeriesFactory(place=place, title="Vers un manifeste")
    WorkshopFactory(place=place, series=series, position=1, title="Atelier 1")
    poll = polls.create_poll(place, by=bob, fields={"title": "Dispos"}, slots=slot_times(2))
    manifesto = manifestos.create_manifesto(place, by=bob, fields={"title": "Manifeste"})
    question = manifestos.pose_question(manifesto, text="Quoi ?", by=bob)
    manifestos.post_idea(
        question, text="Une idée", name="Amina", person=manifestos.Person(visitor_key="v")
    )
    return {
        "home": "/",
        "directory": "/lieux/",
        "place": place.get_absolute_url(),
        "workshops": "/ateliers/",
        "workshop (with its registration form)": workshop.get_absolute_url(),
        "series (with its registration form)": series.get_absolute_url(),
        "polls": "/sondages/",
        "poll (with its answer and comment forms)": poll.get_absolute_url(),
        "manifestos": "/manifestes/",
        "manifesto (with its idea forms and dot buttons)": manifesto.get_absolute_url(),
        "projection": f"{manifesto.get_absolute_url()}questions/{question.pk}/projection/",
        "accessibility": "/accessibilite/",
    }


def test_public_pages_set_no_cookie_for_a_visitor_who_has_done_nothing(pages):
    for name, url in pages.items():
        response = Client().get(url)
        assert (name, response.status_code, list(response.cookies)) == (name, 200, [])


def test_a_visitor_without_cookie_can_register_from_the_page_she_was_shown(pages, mailoutbox):
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(pages["workshop (with its registration form)"])
    assert b"csrfmiddlewaretoken" not in page.content
    response = visitor.post(
        pages["workshop (with its registration form)"] + "inscription/",
        {"name": "Dominique", "email": "dominique@example.org", "needs": ""},
    )
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["dominique@example.org"]]


def test_a_visitor_can_switch_language_without_a_cookie_first(pages):
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.post("/compte/langue/", {"language": "en", "next": "/lieux/"})
    assert (response.status_code, response["Location"]) == (302, "/lieux/")
    assert visitor.get("/lieux/").headers["Content-Language"] == "en"


def test_a_form_posted_from_another_site_is_refused(pages, mailoutbox):
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.post(
        pages["workshop (with its registration form)"] + "inscription/",
        {"name": "Dominique", "email": "dominique@example.org", "needs": ""},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert mailoutbox == []


def test_a_signed_in_person_still_needs_the_token(pages, alice, mailoutbox):
    member = Client(enforce_csrf_checks=True)
    member.force_login(alice)
    page = member.get(pages["workshop (with its registration form)"])
    assert b"csrfmiddlewaretoken" in page.content
    forged = member.post(pages["workshop (with its registration form)"] + "inscription/", {})
    assert forged.status_code == 403
    switched = member.post("/compte/langue/", {"language": "en", "next": "/"})
    assert switched.status_code == 403
    alice.refresh_from_db()
    assert alice.language != "en"
