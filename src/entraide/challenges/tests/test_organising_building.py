"""Organisers create a challenge for their place, add its pledges and teams, link workshops and
publish it; bad input is refused beside its field, with nothing half-saved; nobody else may."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils.html import escape

from entraide.challenges import services
from entraide.challenges.errors import ChallengeErrorCode
from entraide.challenges.models import Challenge, Pledge, Team
from entraide.challenges.tests.conftest import build_challenge, joined
from tests.factories import PlaceFactory, UserFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def fields(place, **changes):
    today = Challenge(time_zone="Europe/Paris").today()
    data = {
        "place": place.pk,
        "title": "Dix jours sans écran",
        "description": "Ensemble, **dix jours**.",
        "starts_on": (today + timedelta(days=7)).isoformat(),
        "ends_on": (today + timedelta(days=16)).isoformat(),
        "time_zone": "Europe/Paris",
        "goal": "1000",
        "goal_wording": "1 000 journées sans écran de loisir ensemble",
        "own_pledges_allowed": "on",
        "activities": "Balade\nJeux de société",
    }
    data.update(changes)
    return data


def test_an_organiser_creates_builds_and_publishes_a_challenge(client, bob, place):
    client.force_login(bob)
    page = client.get(f"/defis/nouveau/?lieu={place.slug}")
    assert page.status_code == 200
    assert 'value="Europe/Paris" selected' in page.text

    created = client.post("/defis/nouveau/", fields(place), follow=True)
    challenge = Challenge.objects.get()
    assert created.redirect_chain[-1][0] == f"/defis/{challenge.slug}/modifier/"
    assert challenge.place == place
    assert challenge.created_by == bob
    assert not challenge.is_published
    assert "<strong>dix jours</strong>" in challenge.description_html
    assert challenge.activity_list() == ["Balade", "Jeux de société"]

    base = f"/defis/{challenge.slug}/modifier/"
    assert client.post(f"/defis/{challenge.slug}/publier/").status_code == 302
    challenge.refresh_from_db()
    assert not challenge.is_published  # no pledge yet

    client.post(f"{base}engagements/", {"text": "Pas de réseaux sociaux"})
    client.post(f"{base}engagements/", {"text": "Téléphone hors de la chambre"})
    first = Pledge.objects.get(text="Pas de réseaux sociaux")
    client.post(f"{base}engagements/{first.pk}/", {"text": "Aucun réseau social"})
    assert [p.text for p in challenge.pledges.all()] == [
        "Aucun réseau social",
        "Téléphone hors de la chambre",
    ]

    added = client.post(f"{base}equipes/", {"name": "Les Lucioles"}, follow=True)
    team = Team.objects.get()
    assert '<p class="team-code"><span class="visually-hidden">' in added.text
    assert team.code in added.text
    client.post(f"{base}equipes/{team.pk}/", {"name": "BTS SIO"})
    team.refresh_from_db()
    assert team.name == "BTS SIO"

    published = client.post(f"/defis/{challenge.slug}/publier/", follow=True)
    challenge.refresh_from_db()
    assert challenge.is_published
    assert published.redirect_chain[-1][0] == challenge.manage_url()


def test_settings_are_saved_and_shown_again(client, bob, place):
    challenge = build_challenge(place, bob)
    client.force_login(bob)
    data = fields(place, title="Une semaine", goal="300", time_zone="Indian/Reunion")
    data.pop("place")
    data.pop("own_pledges_allowed")
    assert client.post(f"/defis/{challenge.slug}/modifier/", data).status_code == 302
    challenge.refresh_from_db()
    assert (challenge.title, challenge.goal, challenge.time_zone) == (
        "Une semaine",
        300,
        "Indian/Reunion",
    )
    assert challenge.own_pledges_allowed is False
    page = client.get(f"/defis/{challenge.slug}/modifier/")
    assert 'value="Une semaine"' in page.text


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ends_on": "2026-01-01", "starts_on": "2026-01-10"}, "ends_on"),
        ({"starts_on": "2026-01-01", "ends_on": "2027-06-01"}, "ends_on"),
        ({"goal": "0"}, "goal"),
        ({"title": ""}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"title": "Deux\nlignes"}, "title"),
        ({"description": "x" * 20_001}, "description"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
    ],
)
def test_bad_settings_are_refused_beside_their_field_and_nothing_is_saved(
    client, bob, place, changes, field
):
    client.force_login(bob)
    created = client.post("/defis/nouveau/", fields(place, **changes))
    assert created.status_code == 400
    assert created.context["form"].has_error(field)
    assert not Challenge.objects.exists()

    challenge = build_challenge(place, bob)
    data = fields(place, **changes)
    data.pop("place")
    edited = client.post(f"/defis/{challenge.slug}/modifier/", data)
    assert edited.status_code == 400
    assert edited.context["form"].has_error(field)
    challenge.refresh_from_db()
    assert challenge.title == "Dix jours sans écran de loisir"
    assert challenge.goal == 1000


def test_a_refused_date_order_keeps_the_services_code(client, bob, place):
    client.force_login(bob)
    response = client.post(
        "/defis/nouveau/", fields(place, starts_on="2026-03-10", ends_on="2026-03-01")
    )
    assert response.context["form"].has_error("ends_on", ChallengeErrorCode.DATES_IN_ORDER)


def test_script_in_every_text_is_shown_as_text(client, bob, place):
    script = "<script>alert(1)</script>"
    client.force_login(bob)
    client.post(
        "/defis/nouveau/",
        fields(place, title=script, description=script, goal_wording=script, activities=script),
    )
    challenge = Challenge.objects.get()
    base = f"/defis/{challenge.slug}/modifier/"
    client.post(f"{base}engagements/", {"text": script})
    client.post(f"{base}equipes/", {"name": script})
    for url in (base, challenge.manage_url()):
        page = client.get(url)
        assert script not in page.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_pledges_and_teams_go_only_while_nobody_chose_or_joined_them(client, bob, place):
    challenge = build_challenge(place, bob)
    services.publish(challenge)
    chosen, free = list(challenge.pledges.all()[:2]), challenge.pledges.all()[3]
    lucioles, sio = challenge.teams.order_by("name")[1], challenge.teams.order_by("name")[0]
    joined(challenge, 0, pledges=chosen, team=lucioles)
    client.force_login(bob)
    base = f"/defis/{challenge.slug}/modifier/"

    page = client.get(base)
    assert page.text.index("BTS SIO") < page.text.index("Les Lucioles")  # never ranked
    texts = [page.text.index(f'value="{escape(p.text)}"') for p in challenge.pledges.all()]
    assert texts == sorted(texts)  # in the organisers' order
    assert page.text.count(">Retirer<") == 3  # two free pledges, one empty team
    assert "Choisi par 1 personne" in page.text
    assert "1 personne inscrite" in page.text

    refused = client.post(f"{base}engagements/{chosen[0].pk}/retirer/", follow=True)
    assert Pledge.objects.filter(pk=chosen[0].pk).exists()
    [message] = refused.context["messages"]
    assert message.extra_tags == ChallengeErrorCode.PLEDGE_CHOSEN
    client.post(f"{base}engagements/{free.pk}/retirer/")
    assert not Pledge.objects.filter(pk=free.pk).exists()

    client.post(f"{base}equipes/{lucioles.pk}/retirer/")
    assert Team.objects.filter(pk=lucioles.pk).exists()
    client.post(f"{base}equipes/{sio.pk}/retirer/")
    assert not Team.objects.filter(pk=sio.pk).exists()


def test_bad_pledges_and_teams_are_refused_beside_their_field(client, bob, place):
    challenge = build_challenge(place, bob)
    client.force_login(bob)
    base = f"/defis/{challenge.slug}/modifier/"
    pledges = challenge.pledges.count()

    for text in ("", " ", "x" * 201):
        response = client.post(f"{base}engagements/", {"text": text})
        assert response.status_code == 400
        assert response.context["pledge_form"].has_error("text")
    assert challenge.pledges.count() == pledges

    pledge = challenge.pledges.first()
    response = client.post(f"{base}engagements/{pledge.pk}/", {"text": "x" * 201})
    assert response.status_code == 400
    assert f'id="id_pledge_{pledge.pk}_text"' in response.text
    assert response.context["error_form"].has_error("text")
    assert 'class="errorlist' in response.text
    pledge.refresh_from_db()
    assert pledge.text != "x" * 201

    twin = client.post(f"{base}equipes/", {"name": "les lucioles"})
    assert twin.status_code == 400
    assert twin.context["team_form"].has_error("name", ChallengeErrorCode.DUPLICATE_TEAM)
    team = challenge.teams.get(name="BTS SIO")
    renamed = client.post(f"{base}equipes/{team.pk}/", {"name": "LES LUCIOLES"})
    assert renamed.status_code == 400
    team.refresh_from_db()
    assert team.name == "BTS SIO"
    assert challenge.teams.count() == 2


def test_workshops_of_the_place_only_are_linked(client, bob, place):
    challenge = build_challenge(place, bob)
    prepare, outing = WorkshopFactory(place=place), WorkshopFactory(place=place)
    elsewhere = WorkshopFactory()
    client.force_login(bob)
    url = f"/defis/{challenge.slug}/modifier/ateliers/"

    page = client.get(f"/defis/{challenge.slug}/modifier/")
    assert prepare.title in page.text
    assert elsewhere.title not in page.text
    client.post(url, {"preparatory": [prepare.pk], "activities": [outing.pk, prepare.pk]})
    assert list(challenge.preparatory_workshops.all()) == [prepare]
    assert set(challenge.activity_workshops.all()) == {prepare, outing}

    refused = client.post(url, {"preparatory": [elsewhere.pk]})
    assert refused.status_code == 400
    assert refused.context["workshops_form"].has_error("preparatory")
    assert list(challenge.preparatory_workshops.all()) == [prepare]


def test_only_the_places_organisers_may_create_or_build(client, bob, alice, place):
    challenge = build_challenge(place, bob)
    pledge, team = challenge.pledges.first(), challenge.teams.first()
    other = UserFactory()
    PlaceFactory(organisers=[other])  # runs another place
    base = f"/defis/{challenge.slug}/modifier/"
    posts = [
        base,
        f"{base}engagements/",
        f"{base}engagements/{pledge.pk}/",
        f"{base}engagements/{pledge.pk}/retirer/",
        f"{base}equipes/",
        f"{base}equipes/{team.pk}/",
        f"{base}equipes/{team.pk}/retirer/",
        f"{base}ateliers/",
        f"/defis/{challenge.slug}/publier/",
    ]
    assert client.get(base).status_code == 302  # to sign in
    assert client.get("/defis/nouveau/").status_code == 302
    for user in (alice, other):
        client.force_login(user)
        assert client.get(base).status_code == 403
        for url in posts:
            assert client.post(url, {"text": "x", "name": "y"}).status_code == 403, url
    client.force_login(alice)
    assert client.get("/defis/nouveau/").status_code == 403
    client.force_login(other)
    assert client.get(f"/defis/nouveau/?lieu={place.slug}").status_code == 403
    create = client.get("/defis/nouveau/")
    assert place.name not in create.text
    refused = client.post("/defis/nouveau/", fields(place))
    assert refused.status_code == 400
    assert refused.context["form"].has_error("place")

    client.force_login(bob)
    assert client.get("/defis/pas-un-defi/modifier/").status_code == 404
    other_team = build_challenge(PlaceFactory(organisers=[bob]), bob).teams.first()
    assert client.post(f"{base}equipes/{other_team.pk}/", {"name": "Z"}).status_code == 404
    challenge.refresh_from_db()
    assert challenge.pledges.count() == 4
    assert not challenge.is_published


def test_posts_need_the_csrf_token(bob, place):
    challenge = build_challenge(place, bob)
    client = Client(enforce_csrf_checks=True)
    client.force_login(bob)
    base = f"/defis/{challenge.slug}/modifier/"
    assert client.post(f"{base}engagements/", {"text": "Sans jeton"}).status_code == 403
    assert client.post(f"/defis/{challenge.slug}/publier/").status_code == 403
    assert client.post("/defis/nouveau/", fields(place)).status_code == 403
    assert challenge.pledges.count() == 4
    assert Challenge.objects.count() == 1
