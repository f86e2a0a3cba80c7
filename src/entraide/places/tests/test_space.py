"""The organiser space ("Mon espace"): organisers land there, see each place's workshops, polls
and invitations, what needs them, and the buttons to create; the menu and the home page are
built from what the capabilities registered."""

import pytest
from django.utils import timezone

from entraide.core import registry
from entraide.places.services import invite_organiser
from entraide.polls import services as polls
from entraide.polls.tests.conftest import slot_times
from entraide.workshops.models import Registration
from tests.factories import PASSWORD, PlaceFactory, UserFactory, WorkshopFactory, in_days

pytestmark = pytest.mark.django_db


def sign_in(client, user):
    return client.post("/compte/connexion/", {"login": user.email, "password": PASSWORD})


def test_an_organiser_lands_on_her_space_and_a_participant_on_her_account(client, bob, alice):
    PlaceFactory(organisers=[bob])
    assert sign_in(client, bob)["Location"] == "/espace/"
    client.logout()
    assert sign_in(client, alice)["Location"] == "/compte/"


def test_the_menu_offers_my_space_to_organisers_only(client, client_for, bob, alice, place):
    visitor = client.get("/").text
    assert "Mon espace" not in visitor
    for label in ("Ateliers", "Sondages", "Lieux"):
        assert f">{label}</a>" in visitor
    assert 'href="/espace/"' in client_for(bob).get("/ateliers/").text
    assert "Mon espace" not in client_for(alice).get("/").text


def test_the_space_shows_seats_waiting_lists_polls_and_what_needs_the_organiser(
    client_for, bob, place
):
    full = WorkshopFactory(
        place=place, title="Fresque du numérique", capacity=2, starts_at=in_days(5)
    )
    people = [UserFactory() for _ in range(4)]
    Registration.objects.bulk_create(
        Registration(workshop=full, user=p, email=p.email, status=s, waiting_since=timezone.now())
        for p, s in zip(people, ["confirmee", "en-attente", "en-attente", "annulee"], strict=True)
    )
    full.confirmed_count, full.waiting_count = 1, 2  # a seat freed while two people wait
    full.save()
    WorkshopFactory(
        place=place, title="Atelier 3", starts_at=None, ends_at=None, status="brouillon"
    )
    open_poll = polls.create_poll(place, by=bob, fields={"title": "Dispos"}, slots=slot_times(2))
    polls.answer(open_poll, name="Amina", choices={s.pk: "oui" for s in open_poll.slots.all()})
    closed = polls.create_poll(place, by=bob, fields={"title": "Dispos 3"}, slots=slot_times(2))
    polls.close(closed)
    invite_organiser(place, email="sam@example.org", by=bob, site_url="")

    page = client_for(bob).get("/espace/").text

    assert page.count("<h2") == 1
    needs_you = page[page.index("À faire") : page.index("</div>", page.index("À faire"))]
    assert "Fresque du numérique</a> — Places libres : 1 · en attente : 2" in needs_you
    assert "Dispos 3</a> — Clos : choisissez la date · 0 réponse" in needs_you
    assert "Invitation pas encore acceptée : sam@example.org" in needs_you
    assert "1/2 inscrit·es · 2 en attente" in page
    assert "Date à fixer · 0/15 inscrit·es · brouillon, non publié" in page
    assert "Dispos</a><br><span class=muted>1 réponse</span>" in page.replace('"', "")
    for button in (
        "Nouvel atelier",
        "Nouveau cycle",
        "Nouveau sondage",
        "Inviter une personne à animer ce lieu",
    ):
        assert button in page


def test_someone_who_runs_no_place_is_told_how_to_get_there(client_for, alice):
    page = client_for(alice).get("/espace/").text
    assert "Vous n’animez encore aucun lieu" in page
    assert 'href="/lieux/proposer/"' in page


def test_a_capability_that_is_not_there_is_never_named(client, monkeypatch):
    without_polls = {k: v for k, v in registry._menu.items() if k != "polls"}
    monkeypatch.setattr(registry, "_menu", without_polls)
    without_polls = {k: v for k, v in registry._features.items() if k != "polls"}
    monkeypatch.setattr(registry, "_features", without_polls)
    page = client.get("/").text
    assert "Sondages" not in page
    assert "/sondages/" not in page
    assert "Ateliers" in page


def test_the_home_page_presents_what_the_capabilities_offer(client):
    page = client.get("/").text
    assert "Ce que vous pouvez faire ici" in page
    for title in (
        "Ateliers", "Sondages de disponibilité", "Manifestes écrits ensemble", "Enquêtes",
        "Défis de déconnexion", "Récits de la transition", "Catalogue de projets", "Lieux",
    ):  # fmt: skip
        assert f">{title}</a></h3>" in page
