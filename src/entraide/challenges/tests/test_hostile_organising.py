"""Hostile and careless input on the organisers' pages of challenges: huge, empty and ill-typed
fields, dates no calendar has, script and raw HTML in every text shown (and Markdown links to
javascript:), formulas in the CSV, another place's organiser on every address, a row of
another challenge, double taps. The public and private pages: test_hostile_input.py."""

import re
from datetime import timedelta

import pytest
from django.core import mail

from entraide.challenges import services
from entraide.challenges.models import Challenge, Pledge, Status, Team
from entraide.challenges.tests.conftest import build_challenge, joined
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db

HUGE = "x" * 100_000
SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _fields(place, **changes):
    today = Challenge(time_zone="Europe/Paris").today()
    data = {
        "place": place.pk,
        "title": "Dix jours",
        "description": "",
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=9)).isoformat(),
        "time_zone": "Europe/Paris",
        "goal": "100",
        "goal_wording": "",
        "activities": "",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": HUGE}, "title"),
        ({"title": "  \t "}, "title"),
        ({"description": HUGE}, "description"),
        ({"goal_wording": HUGE}, "goal_wording"),
        ({"activities": HUGE}, "activities"),
        ({"goal": "9" * 5000}, "goal"),
        ({"goal": "99999999999999999999"}, "goal"),
        ({"goal": "-5"}, "goal"),
        ({"goal": "0"}, "goal"),
        ({"goal": "mille"}, "goal"),
        ({"starts_on": "2026-02-30"}, "starts_on"),
        ({"starts_on": "../"}, "starts_on"),
        ({"ends_on": "9999-99-99"}, "ends_on"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"time_zone": "../../etc/passwd"}, "time_zone"),
        ({"place": "abc"}, "place"),
        ({"place": "99999999999999999999999"}, "place"),
    ],
)
def test_bad_settings_are_refused_beside_their_field(client, bob, place, changes, field):
    client.force_login(bob)

    response = client.post("/defis/nouveau/", {**_fields(place), **changes})

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Challenge.objects.exists()


def test_another_places_id_is_refused_when_creating(client, bob, place):
    elsewhere = PlaceFactory()
    client.force_login(bob)

    response = client.post("/defis/nouveau/", _fields(elsewhere))

    assert response.status_code == 400
    assert "place" in response.context["form"].errors
    assert not Challenge.objects.exists()


@pytest.mark.parametrize(
    ("starts_on", "ends_on"),
    [("9999-12-31", "9999-12-31"), ("9999-12-01", "9999-12-31"), ("2100-01-01", "2100-01-10")],
)
def test_a_first_day_years_away_is_refused(client, bob, place, starts_on, ends_on):
    """Once, 9999-12-31 was taken, and the private page of anyone joining was a 500 (the
    grace day after it is no date)."""
    client.force_login(bob)

    response = client.post("/defis/nouveau/", _fields(place, starts_on=starts_on, ends_on=ends_on))

    assert response.status_code == 400
    assert "starts_on" in response.context["form"].errors
    assert not Challenge.objects.exists()


def test_the_first_day_cannot_be_moved_years_away_either(client, bob, place):
    challenge = build_challenge(place, bob)
    client.force_login(bob)

    response = client.post(
        f"/defis/{challenge.slug}/modifier/",
        _fields(place, starts_on="9999-12-31", ends_on="9999-12-31"),
    )

    assert response.status_code == 400
    assert "starts_on" in response.context["form"].errors
    challenge.refresh_from_db()
    assert challenge.ends_on.year < 9999


def test_script_and_javascript_links_in_the_settings_are_inert_everywhere(client, bob, place):
    client.force_login(bob)
    description = (
        f'{SCRIPT}\n\n[clic](javascript:alert(1)) <a href="javascript:alert(2)">a</a> '
        '<iframe src="https://evil.example"></iframe> <p onclick="alert(3)">p</p>'
    )
    data = _fields(
        place, title=SCRIPT, description=description, goal_wording=SCRIPT, activities=SCRIPT
    )
    assert client.post("/defis/nouveau/", data).status_code == 302
    challenge = Challenge.objects.get()
    client.post(f"/defis/{challenge.slug}/modifier/engagements/", {"text": SCRIPT})
    client.post(f"/defis/{challenge.slug}/modifier/equipes/", {"name": SCRIPT})
    services.publish(challenge)
    me = joined(challenge, 0)

    for url in (
        "/defis/",
        challenge.get_absolute_url(),
        challenge.join_url(),
        f"/defis/{challenge.slug}/modifier/",
        challenge.manage_url(),
        me.private_url(),
    ):
        page = client.get(url)
        assert page.status_code == 200, url
        text = page.text.lower()
        assert "<script>alert" not in text, url
        assert "<img src=x" not in text, url
        assert not re.search(r"<a[^>]*javascript:", text), url
        assert "<iframe" not in text, url
        assert not re.search(r"<[^>]* onclick=", text), url


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_a_team_name_starting_a_formula_is_text_in_the_csv(client, challenge, bob, start):
    team = services.add_team(challenge, f"{start}cmd|' /C calc'!A0")
    me = joined(challenge, 0, team=team)
    services.check_in(me, challenge.today(), {p.pk: Status.HELD for p in me.pledges.all()})
    client.force_login(bob)

    export = client.get(f"{challenge.manage_url()}chiffres.csv").content.decode()

    assert f";'{start}cmd" in export
    assert f";{start}cmd" not in export


@pytest.mark.parametrize("field", ["subject", "body"])
def test_a_huge_or_empty_message_to_all_is_refused_and_mails_nobody(
    client, challenge, lea, bob, field
):
    client.force_login(bob)
    mail.outbox.clear()
    for value in (HUGE, "  \n "):
        data = {"subject": "Bonjour", "body": "Courage !", field: value}
        response = client.post(f"{challenge.manage_url()}ecrire/", data)
        assert response.status_code == 400
        assert field in response.context["form"].errors
    assert not mail.outbox


def test_script_in_a_message_to_all_goes_as_plain_text(client, challenge, lea, bob):
    client.force_login(bob)
    mail.outbox.clear()

    client.post(f"{challenge.manage_url()}ecrire/", {"subject": SCRIPT, "body": SCRIPT})

    (sent,) = mail.outbox
    assert sent.content_subtype == "plain"
    assert not sent.alternatives
    assert SCRIPT in sent.body  # as typed: nothing renders it


@pytest.mark.parametrize(
    ("url", "field"),
    [("engagements/", "text"), ("equipes/", "name")],
)
def test_a_huge_or_empty_pledge_or_team_is_refused(client, bob, place, url, field):
    challenge = build_challenge(place, bob)
    before = (Pledge.objects.count(), Team.objects.count())
    client.force_login(bob)
    for value in (HUGE, " \t "):
        response = client.post(f"/defis/{challenge.slug}/modifier/{url}", {field: value})
        assert response.status_code == 400
    assert (Pledge.objects.count(), Team.objects.count()) == before


def test_workshops_of_another_place_or_no_ids_are_refused(client, bob, place):
    from tests.factories import WorkshopFactory

    challenge = build_challenge(place, bob)
    elsewhere = WorkshopFactory()
    client.force_login(bob)
    for value in (str(elsewhere.pk), "abc", "9" * 30, "-1"):
        response = client.post(
            f"/defis/{challenge.slug}/modifier/ateliers/", {"preparatory": [value]}
        )
        assert response.status_code == 400
    assert not challenge.preparatory_workshops.exists()


# ----------------------------------------------------------------- someone else's rows


def _organiser_urls(challenge, pledge, team, testimony):
    slug = challenge.slug
    return {
        "get": [
            f"/defis/{slug}/modifier/",
            f"/defis/{slug}/gerer/",
            f"/defis/{slug}/gerer/temoignages/",
            f"/defis/{slug}/gerer/ecrire/",
            f"/defis/{slug}/gerer/chiffres.csv",
        ],
        "post": [
            f"/defis/{slug}/modifier/",
            f"/defis/{slug}/modifier/engagements/",
            f"/defis/{slug}/modifier/engagements/{pledge.pk}/",
            f"/defis/{slug}/modifier/engagements/{pledge.pk}/retirer/",
            f"/defis/{slug}/modifier/equipes/",
            f"/defis/{slug}/modifier/equipes/{team.pk}/",
            f"/defis/{slug}/modifier/equipes/{team.pk}/retirer/",
            f"/defis/{slug}/modifier/ateliers/",
            f"/defis/{slug}/publier/",
            f"/defis/{slug}/gerer/temoignages/{testimony.pk}/publier/",
            f"/defis/{slug}/gerer/temoignages/{testimony.pk}/masquer/",
            f"/defis/{slug}/gerer/ecrire/",
        ],
    }


def test_an_organiser_of_another_place_is_refused_everywhere(client, challenge, lea, alice):
    PlaceFactory(organisers=[alice])
    testimony = services.leave_testimony(lea, "Bien.")
    pledge, team = challenge.pledges.first(), challenge.teams.first()
    urls = _organiser_urls(challenge, pledge, team, testimony)
    client.force_login(alice)
    data = {"text": "x", "name": "x", "reason": "x", "subject": "x", "body": "x", "title": "x"}

    for url in urls["get"]:
        assert client.get(url).status_code == 403, url
    for url in urls["post"]:
        assert client.post(url, data).status_code == 403, url
    assert client.get(f"/defis/nouveau/?lieu={challenge.place.slug}").status_code == 403
    assert client.post("/defis/nouveau/", _fields(challenge.place)).status_code in (400, 403)
    testimony.refresh_from_db()
    assert testimony.status == "en-attente"
    assert Pledge.objects.filter(pk=pledge.pk, text=pledge.text).exists()
    assert Team.objects.filter(pk=team.pk, name=team.name).exists()
    assert Challenge.objects.count() == 1
    assert len(mail.outbox) == 1  # lea's welcome, nothing from alice


def test_a_row_of_another_challenge_is_a_404_on_its_organisers_urls(
    client, challenge, lea, place, bob
):
    other = services.publish(build_challenge(place, bob, title="Un autre défi"))
    stranger = joined(other, 9)
    testimony = services.leave_testimony(stranger, "Ailleurs.")
    pledge, team = other.pledges.first(), other.teams.first()
    slug = challenge.slug
    client.force_login(bob)

    for url in (
        f"/defis/{slug}/modifier/engagements/{pledge.pk}/",
        f"/defis/{slug}/modifier/engagements/{pledge.pk}/retirer/",
        f"/defis/{slug}/modifier/equipes/{team.pk}/",
        f"/defis/{slug}/modifier/equipes/{team.pk}/retirer/",
        f"/defis/{slug}/gerer/temoignages/{testimony.pk}/publier/",
        f"/defis/{slug}/gerer/temoignages/{testimony.pk}/masquer/",
        f"/defis/{slug}/gerer/temoignages/{'9' * 30}/publier/",
        f"/defis/{slug}/modifier/equipes/{'9' * 30}/",
        f"/defis/{slug}/modifier/engagements/{'9' * 30}/retirer/",
    ):
        assert client.post(url, {"text": "x", "name": "x", "reason": "x"}).status_code == 404, url
    testimony.refresh_from_db()
    assert testimony.status == "en-attente"
    assert Pledge.objects.filter(pk=pledge.pk, text=pledge.text).exists()
    assert Team.objects.filter(pk=team.pk, name=team.name).exists()


def test_organisers_urls_refuse_a_get_where_a_post_is_due(client, challenge, bob):
    client.force_login(bob)
    slug = challenge.slug
    for url in (f"/defis/{slug}/publier/", f"/defis/{slug}/modifier/engagements/"):
        assert client.get(url).status_code == 405


def test_a_huge_or_empty_hiding_reason_is_refused(client, challenge, lea, bob):
    testimony = services.leave_testimony(lea, "Bien.")
    client.force_login(bob)
    for reason in (HUGE, "   "):
        response = client.post(
            f"{challenge.manage_url()}temoignages/{testimony.pk}/masquer/", {"reason": reason}
        )
        assert response.status_code == 400
    testimony.refresh_from_db()
    assert testimony.status == "en-attente"


def test_a_double_tap_adding_a_team_adds_one(client, bob, place):
    challenge = build_challenge(place, bob, teams=())
    client.force_login(bob)
    for _tap in range(2):
        client.post(f"/defis/{challenge.slug}/modifier/equipes/", {"name": "Les Lucioles"})
    assert challenge.teams.count() == 1


def test_a_double_tap_adding_a_pledge_adds_one(client, bob, place):
    challenge = build_challenge(place, bob)
    before = challenge.pledges.count()
    client.force_login(bob)
    for _tap in range(2):
        client.post(f"/defis/{challenge.slug}/modifier/engagements/", {"text": "Pas de jeux"})
    assert challenge.pledges.count() == before + 1


def test_a_list_page_number_that_is_no_number_is_not_a_crash(client, challenge):
    for page in ("abc", "-1", "9" * 5000, "../"):
        assert client.get(f"/defis/?page={page}").status_code in (200, 404)
        assert client.get(
            f"{challenge.get_absolute_url()}temoignages/?page={page}"
        ).status_code in (
            200,
            404,
        )


def test_an_unknown_place_in_the_new_challenge_address_is_a_404(client, bob):
    client.force_login(bob)
    PlaceFactory(organisers=[bob])
    assert client.get("/defis/nouveau/?lieu=../../admin").status_code == 404


def test_a_double_tap_on_the_message_to_all_mails_each_person_once(client, challenge, lea, bob):
    client.force_login(bob)
    mail.outbox.clear()
    data = {"subject": "Courage", "body": "Plus que trois jours."}

    first = client.post(f"{challenge.manage_url()}ecrire/", data)
    second = client.post(f"{challenge.manage_url()}ecrire/", data)

    assert first.status_code == 302
    assert second.status_code == 400
    assert "vient d’être envoyé" in second.text
    assert len(mail.outbox) == 1
    # Another message goes at once.
    other = client.post(f"{challenge.manage_url()}ecrire/", {**data, "body": "Bravo !"})
    assert other.status_code == 302
    assert len(mail.outbox) == 2
