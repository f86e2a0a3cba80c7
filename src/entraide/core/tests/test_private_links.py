"""Private links (registration, invitation, poll answer, personal calendar, allauth's keys) stay
out of the access log and out of the Referer header."""

import io
import logging
import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core import mail
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from gunicorn.config import Config

from entraide.core.gunicorn_logging import MaskingLogger
from entraide.core.private_links import mask
from entraide.places import services as places
from entraide.polls import services as polls
from entraide.polls.tests.conftest import all_answers, slot_times
from entraide.workshops.feeds import personal_feed_token
from tests.factories import WorkshopFactory


def access_log_line(tmp_path, raw_uri, referer="-"):
    """The line gunicorn's access log gets for a GET of `raw_uri`, through our logger class."""
    config = Config()
    config.set("accesslog", str(tmp_path / "access.log"))
    config.set("access_log_format", '"%(r)s" %(s)s "%(f)s" %(U)s q=%(q)s')
    logger = MaskingLogger(config)
    path, _sep, query = raw_uri.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": raw_uri,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": referer,
        "REMOTE_ADDR": "192.0.2.1",
    }
    request = SimpleNamespace(headers=[("REFERER", referer)])
    response = SimpleNamespace(status="200 OK", sent=1234, headers=[])
    logger.access(response, request, environ, timedelta(milliseconds=12))
    for handler in logger.access_log.handlers:
        handler.close()
    return (tmp_path / "access.log").read_text().strip()


@pytest.mark.parametrize(
    ("address", "logged"),
    [
        ("/ateliers/inscription/AbC_12-x/", "/ateliers/inscription/…/"),
        ("/ateliers/inscription/AbC_12-x/annuler/7/", "/ateliers/inscription/…/annuler/7/"),
        ("/ateliers/inscription/AbC_12-x/7.ics", "/ateliers/inscription/…/7.ics"),
        ("/ateliers/calendrier/personnel/12-0a1b2c.ics", "/ateliers/calendrier/personnel/….ics"),
        ("/sondages/dispos/reponse/AbC_12-x/", "/sondages/dispos/reponse/…/"),
        ("/sondages/dispos/reponse/AbC_12-x/supprimer/", "/sondages/dispos/reponse/…/supprimer/"),
        ("/lieux/invitation/AbC_12-x/", "/lieux/invitation/…/"),
        ("/compte/confirmer-adresse/MQ:1u2:a-b_c/", "/compte/confirmer-adresse/…/"),
        (
            "/compte/mot-de-passe/reinitialiser/cle/3-cz9-0a1b/",
            "/compte/mot-de-passe/reinitialiser/cle/…/",
        ),
    ],
)
def test_the_access_log_shows_private_links_without_their_token(tmp_path, address, logged):
    line = access_log_line(tmp_path, address, referer=f"https://entraide.example.org{address}")
    assert line == f'"GET {logged} HTTP/1.1" 200 "https://entraide.example.org{logged}" {logged} q='


def test_the_access_log_masks_a_private_link_carried_in_a_query_string(tmp_path):
    address = "/compte/connexion/?next=%2Flieux%2Finvitation%2FAbC_12-x%2F"
    line = access_log_line(tmp_path, address)
    assert line == (
        '"GET /compte/connexion/?next=%2Flieux%2Finvitation%2F…%2F HTTP/1.1" 200 "-" '
        "/compte/connexion/ q=next=%2Flieux%2Finvitation%2F…%2F"
    )


@pytest.mark.parametrize(
    "address",
    [
        "/ateliers/",
        "/ateliers/atelier-1/inscription/",
        "/ateliers/cycles/cycle-1/inscription/",
        "/ateliers/calendrier/lieu/la-verriere.ics",
        "/compte/inscription/",
        "/sondages/dispos/",
        "/lieux/la-verriere/",
    ],
)
def test_the_access_log_keeps_other_addresses_whole(tmp_path, address):
    assert access_log_line(tmp_path, address) == f'"GET {address} HTTP/1.1" 200 "-" {address} q='


SAMPLES = {
    "token": "AbC_12-x",
    "key": "MQ:1u2:a-b_c",
    "uidb36": "3",
    "registration_id": "7",
    "slug": "dispos",
    "day": "2026-11-23",  # challenges: a participant's day, under their private link
}


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{entry.namespace}:" if entry.namespace else ""
            yield from _patterns(entry, prefix + namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + entry.name, entry.pattern.regex.groupindex


def test_every_address_with_a_token_or_key_is_masked():
    private = {
        name: reverse(name, kwargs={group: SAMPLES[group] for group in groups})
        for name, groups in _patterns(get_resolver())
        if {"token", "key"} & set(groups)
    }
    assert set(private) >= {
        "workshops:registration",
        "workshops:cancel_by_link",
        "workshops:calendar_by_link",
        "workshops:personal_feed",
        "polls:edit",
        "polls:delete",
        "places:invitation",
        "account_confirm_email",
        "account_reset_password_from_key",
    }
    leaking = {name: mask(url) for name, url in private.items() if "…" not in mask(url)}
    assert leaking == {}
    assert all(SAMPLES["token"] not in mask(url) for url in private.values())
    assert all(SAMPLES["key"] not in mask(url) for url in private.values())


@pytest.mark.django_db
def test_private_link_pages_send_only_the_origin_as_referer(client, alice, bob, place):
    workshop = WorkshopFactory(place=place)
    client.post(
        f"/ateliers/{workshop.slug}/inscription/",
        {"name": "Dominique", "email": "dominique@example.org"},
    )
    registration = re.search(r"(/ateliers/inscription/[\w-]+/)", mail.outbox[-1].body).group(1)
    client.post(registration)  # confirms the registration
    registration_id = workshop.registrations.get().pk

    poll = polls.create_poll(
        place, by=bob, fields={"title": "Dispos", "workshop": None}, slots=slot_times(2)
    )
    participant = polls.answer(poll, name="Sacha", choices=all_answers(poll, "oui", "non"))

    places.invite_organiser(place, email="camille@example.org", by=bob, site_url="")
    invitation = re.search(r"(/lieux/invitation/[\w-]+/)", mail.outbox[-1].body).group(1)

    client.post(
        "/compte/inscription/",
        {"email": "lea@example.org", "password1": "velo-cargo", "password2": "velo-cargo"},
    )
    confirm_email = re.search(r"(/compte/confirmer-adresse/\S+/)", mail.outbox[-1].body).group(1)
    client.post("/compte/mot-de-passe/reinitialiser/", {"email": alice.email})
    reset = re.search(r"(/compte/mot-de-passe/reinitialiser/cle/\S+/)", mail.outbox[-1].body)

    pages = [
        ("get", registration),
        ("get", f"{registration}{registration_id}.ics"),
        ("post", f"{registration}annuler/{registration_id}/"),
        ("get", f"/ateliers/calendrier/personnel/{personal_feed_token(alice)}.ics"),
        ("get", participant.edit_url()),
        ("post", participant.edit_url() + "supprimer/"),
        ("get", invitation),
        ("get", f"/compte/connexion/?next={invitation.replace('/', '%2F')}"),
        ("get", confirm_email),
        ("get", reset.group(1)),
    ]
    policies = {
        (method, url): getattr(client, method)(url, follow=False)["Referrer-Policy"]
        for method, url in pages
    }
    assert policies == dict.fromkeys(pages, "strict-origin")  # the origin, never the path
    assert client.get(reset.group(1), follow=True)["Referrer-Policy"] == "strict-origin"


@pytest.mark.django_db
def test_other_pages_keep_the_same_origin_referrer_policy(client, place):
    for url in ("/", "/ateliers/", "/lieux/", f"/lieux/{place.slug}/", "/compte/connexion/"):
        assert client.get(url)["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_django_s_own_log_shows_a_refused_private_link_without_its_token(client):
    console = next(h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler)
    written = io.StringIO()
    previous = console.setStream(written)
    try:
        response = client.get("/lieux/invitation/AbC_12-x/")
    finally:
        console.setStream(previous)
    assert response.status_code == 404
    assert written.getvalue() == "Not Found: /lieux/invitation/…/\n"
