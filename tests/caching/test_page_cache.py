"""Public pages are kept for visitors without a cookie, and never shown stale: a seat taken, a
full workshop, a fixed date, a closed poll are true on the next request; nobody signed in ever
receives a page rendered for someone else."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from entraide.polls import services as polls
from entraide.polls.tests.conftest import slot_times
from entraide.workshops import services as workshops
from entraide.workshops.models import Workshop
from tests.factories import WorkshopFactory


@pytest.fixture
def workshop(place):
    return WorkshopFactory(place=place, title="Lève les yeux", capacity=2)


def visitor_sees(url):
    return Client().get(url).content.decode()


def test_a_second_visitor_gets_the_page_without_a_query(workshop, django_assert_num_queries):
    first = visitor_sees(workshop.get_absolute_url())
    with django_assert_num_queries(0):
        second = visitor_sees(workshop.get_absolute_url())
    assert second == first
    assert "2 places restantes" in second


def test_a_seat_taken_shows_at_once_then_the_workshop_is_full(workshop, alice, charlie):
    assert "2 places restantes" in visitor_sees(workshop.get_absolute_url())
    workshops.register(workshop, by=alice)
    assert "1 place restante" in visitor_sees(workshop.get_absolute_url())
    workshops.register(workshop, by=charlie)
    assert "Complet" in visitor_sees(workshop.get_absolute_url())
    assert "Complet" in visitor_sees("/ateliers/")


def test_a_fixed_date_shows_at_once_on_the_poll_and_the_workshop(place, bob):
    undated = WorkshopFactory(place=place, title="Atelier 2", starts_at=None, ends_at=None)
    poll = polls.create_poll(
        place, by=bob, fields={"title": "Dispos", "workshop": undated}, slots=slot_times(2)
    )
    assert "Date fixée" not in visitor_sees(poll.get_absolute_url())
    assert "Date à fixer" in visitor_sees(undated.get_absolute_url())
    polls.fix_slot(poll, poll.slots.order_by("starts_at").first().pk, by=bob)
    assert "Date fixée" in visitor_sees(poll.get_absolute_url())
    assert "Date à fixer" not in visitor_sees(undated.get_absolute_url())


def test_a_poll_closes_on_time_without_anyone_writing(place, bob, monkeypatch):
    poll = polls.create_poll(place, by=bob, fields={"title": "Dispos"}, slots=slot_times(2))
    closing = timezone.now() + timedelta(seconds=60)  # well within the 300 s a page is kept
    type(poll).objects.filter(pk=poll.pk).update(closes_at=closing)
    assert "Envoyer mes disponibilités" in visitor_sees(poll.get_absolute_url())
    monkeypatch.setattr(timezone, "now", lambda: closing + timedelta(seconds=1))
    assert "Ce sondage est clos" in visitor_sees(poll.get_absolute_url())


@pytest.mark.django_db(transaction=True)
def test_a_change_committed_by_another_connection_shows_at_once(place):
    workshop = WorkshopFactory(place=place, title="Lève les yeux", capacity=2)
    assert "2 places restantes" in visitor_sees(workshop.get_absolute_url())

    def organiser_elsewhere():  # another process or server, with its own connection
        Workshop.objects.filter(pk=workshop.pk).update(capacity=5)
        connection.close()

    thread = threading.Thread(target=organiser_elsewhere)
    thread.start()
    thread.join()
    assert "5 places restantes" in visitor_sees(workshop.get_absolute_url())


def test_a_signed_in_person_never_gets_a_page_kept_for_someone_else(workshop, client_for, alice):
    workshops.register(workshop, by=alice)
    anonymous = visitor_sees(workshop.get_absolute_url())
    assert "votre place est confirmée" not in anonymous
    mine = client_for(alice).get(workshop.get_absolute_url()).content.decode()
    assert "Vous êtes inscrit·e : votre place est confirmée." in mine
    assert mine != anonymous
    assert visitor_sees(workshop.get_absolute_url()) == anonymous


def test_each_language_gets_its_own_page(workshop):
    french = visitor_sees(workshop.get_absolute_url())
    english_visitor = Client()
    english_visitor.cookies["django_language"] = "en"
    english = english_visitor.get(workshop.get_absolute_url()).content.decode()
    assert "2 places restantes" in french
    assert "2 seats left" in english
    assert "2 places restantes" in visitor_sees(workshop.get_absolute_url())


@pytest.mark.django_db(transaction=True)
def test_a_page_read_during_a_transaction_is_dropped_when_it_commits(place, settings):
    if connection.vendor != "postgresql":
        pytest.skip("a reader beside an open write transaction: SQLite would queue its cache write")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "entraide_cache",
        },
        "pages": settings.CACHES["pages"],
    }
    workshop = WorkshopFactory(place=place, title="Lève les yeux", capacity=2)
    seen_meanwhile = []

    def visitor_elsewhere():
        seen_meanwhile.append(visitor_sees(workshop.get_absolute_url()))
        connection.close()

    with transaction.atomic():
        Workshop.objects.filter(pk=workshop.pk).update(capacity=5)
        thread = threading.Thread(target=visitor_elsewhere)
        thread.start()
        thread.join()
    assert "2 places restantes" in seen_meanwhile[0]  # the committed state, then kept
    assert "5 places restantes" in visitor_sees(workshop.get_absolute_url())


@pytest.mark.django_db(transaction=True)
def test_a_comment_posted_is_kept_with_the_cache_in_the_database(place, bob, settings):
    """The default set-up: a row inserted outside a transaction (a comment) is kept, and shown
    at once, while its write changes the version in the database cache."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "entraide_cache",
        },
    }
    poll = polls.create_poll(place, by=bob, fields={"title": "Dispos"}, slots=slot_times(2))
    assert "Je viens avec mon voisin" not in visitor_sees(poll.get_absolute_url())
    data = {"name": "Lou", "body": "Je viens avec mon voisin"}
    assert Client().post(f"/sondages/{poll.slug}/commenter/", data).status_code == 302
    assert [c.body for c in poll.comments.all()] == ["Je viens avec mon voisin"]
    assert "Je viens avec mon voisin" in visitor_sees(poll.get_absolute_url())


def test_a_browser_that_kept_the_page_is_told_it_is_unchanged_without_a_query(
    workshop, alice, django_assert_num_queries
):
    first = Client().get(workshop.get_absolute_url())
    assert first["Cache-Control"] == "public, no-cache"  # may store, must ask again
    etag = first["ETag"]
    with django_assert_num_queries(0):
        again = Client().get(workshop.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    workshops.register(workshop, by=alice)
    changed = Client().get(workshop.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "1 place restante" in changed.content.decode()


def test_a_signed_in_page_is_neither_shared_nor_confirmed_by_etag(workshop, client_for, alice):
    etag = Client().get(workshop.get_absolute_url())["ETag"]
    page = client_for(alice).get(workshop.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert page.status_code == 200
    assert "public" not in page.get("Cache-Control", "")


@pytest.mark.django_db(transaction=True)
def test_a_workshop_added_shows_at_once_in_the_lists_number_with_the_cache_in_the_database(
    place, settings, client_for, alice
):
    """The count of a list is kept per version of the content (page_cache.Kept), for a
    visitor and for someone signed in: a workshop committed shows in the number at once."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "entraide_cache",
        },
    }
    signed_in = client_for(alice)
    WorkshopFactory(place=place, starts_at=timezone.now() + timedelta(days=2))
    assert '<p role="status">1 atelier</p>' in visitor_sees("/ateliers/?page=1")
    assert '<p role="status">1 atelier</p>' in signed_in.get("/ateliers/").content.decode()
    WorkshopFactory(place=place, starts_at=timezone.now() + timedelta(days=3))
    assert '<p role="status">2 ateliers</p>' in visitor_sees("/ateliers/?page=1")
    assert '<p role="status">2 ateliers</p>' in signed_in.get("/ateliers/").content.decode()
