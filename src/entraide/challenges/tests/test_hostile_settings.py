"""Hostile and careless input on a participant's settings and steps: the reminder's hour, the
buddy's address, a testimony (huge, empty, script, twice), the "after" questions, leaving
twice and coming back once the challenge is over. Joining and checking in:
test_hostile_input.py."""

from datetime import timedelta

import pytest

from entraide.challenges import services
from entraide.challenges.models import Participant, Testimony
from entraide.challenges.tests.conftest import build_challenge, joined

pytestmark = pytest.mark.django_db

HUGE = "x" * 100_000
SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.mark.parametrize("hour", ["24", "-1", "9" * 5000, "sept", "../"])
def test_a_reminder_hour_out_of_range_is_refused(client, lea, hour):
    response = client.post(f"{lea.private_url()}rappels/", {"hour": hour})

    assert response.status_code == 400
    assert "hour" in response.context["form"].errors
    lea.refresh_from_db()
    assert lea.reminder_hour is None


@pytest.mark.parametrize("email", [HUGE + "@example.org", "", "   ", "pas-une-adresse"])
def test_a_bad_buddy_address_is_refused(client, lea, email):
    response = client.post(f"{lea.private_url()}binome/", {"email": email})

    assert response.status_code == 400
    assert "email" in response.context["form"].errors
    lea.refresh_from_db()
    assert lea.buddy is None


def test_a_buddy_of_another_challenge_or_oneself_is_never_paired(
    client, challenge, lea, place, bob
):
    other = services.publish(build_challenge(place, bob, title="Un autre défi"))
    stranger = joined(other, 9)

    for email in (stranger.email, lea.email, lea.email.upper()):
        client.post(f"{lea.private_url()}binome/", {"email": email})
    lea.refresh_from_db()
    assert lea.buddy is None
    assert "Personne 9" not in client.get(lea.private_url()).text


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"text": HUGE}, "text"),
        ({"text": ""}, "text"),
        ({"text": " \n\t\u00a0"}, "text"),
        ({"text": "Bien.", "signed": "on", "signature": HUGE}, "signature"),
    ],
)
def test_a_huge_or_empty_testimony_is_refused(client, lea, data, field):
    response = client.post(f"{lea.private_url()}temoigner/", data)

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Testimony.objects.exists()


def test_an_unconfirmed_person_cannot_testify(client, challenge):
    unconfirmed = services.join(
        challenge, name="Noé", email="noe@example.org", pledges=[challenge.pledges.first()]
    ).participant

    response = client.post(f"{unconfirmed.private_url()}temoigner/", {"text": "Bien."})

    assert response.status_code == 302
    assert not Testimony.objects.exists()


def test_script_in_a_testimony_and_signature_is_inert_once_published(client, challenge, lea, bob):
    client.post(
        f"{lea.private_url()}temoigner/", {"text": SCRIPT, "signed": "on", "signature": SCRIPT}
    )
    testimony = Testimony.objects.get()
    services.publish_testimony(testimony)

    client.force_login(bob)
    for url in (
        challenge.get_absolute_url(),
        f"{challenge.get_absolute_url()}temoignages/",
        f"{challenge.manage_url()}temoignages/",
    ):
        page = client.get(url)
        assert page.status_code == 200
        assert "<script>alert" not in page.text
        assert "<img src=x" not in page.text
        assert "&lt;script&gt;" in page.text


@pytest.mark.parametrize("hours", ["25", "-1", "9" * 5000, "abc"])
def test_the_after_questions_refuse_numbers_out_of_range(client, place, bob, hours):
    ended = services.publish(build_challenge(place, bob, started_days_ago=9))
    me = joined(ended, 0)

    response = client.post(f"{me.private_url()}bilan/", {"screen_hours": hours, "feeling": "1"})

    assert response.status_code == 400
    assert "screen_hours" in response.context["form"].errors
    me.refresh_from_db()
    assert me.after_screen_hours is None


def test_a_double_tap_on_a_testimony_leaves_one(client, lea):
    for _tap in range(2):
        client.post(f"{lea.private_url()}temoigner/", {"text": "Dix jours sans écran, enfin."})
    assert Testimony.objects.count() == 1


def test_leaving_twice_keeps_the_first_moment(client, lea):
    client.post(f"{lea.private_url()}quitter/")
    lea.refresh_from_db()
    left_at = lea.left_at

    again = client.post(f"{lea.private_url()}quitter/")

    assert again.status_code == 302
    lea.refresh_from_db()
    assert lea.left_at == left_at


def test_coming_back_once_the_challenge_is_over_is_refused(client, challenge, lea):
    services.leave(lea)
    challenge.starts_on -= timedelta(days=30)
    challenge.ends_on -= timedelta(days=30)
    challenge.save()

    response = client.post(lea.private_url(), {"rejoin": "1"}, follow=True)

    assert response.status_code == 200
    assert "terminé" in response.text
    lea.refresh_from_db()
    assert lea.left_at is not None


def test_an_unconfirmed_person_cannot_come_back_nor_set_anything(client, challenge):
    noe = services.join(
        challenge, name="Noé", email="noe@example.org", pledges=[challenge.pledges.first()]
    ).participant
    for path, data in (("", {"rejoin": "1"}), ("rappels/", {"hour": "8"}), ("bilan/", {})):
        assert client.post(noe.private_url() + path, data).status_code in (200, 302)
    noe.refresh_from_db()
    assert noe.confirmed_at is None
    assert noe.reminder_hour is None


def test_the_after_questions_are_refused_before_the_end(client, lea):
    response = client.post(f"{lea.private_url()}bilan/", {"screen_hours": "2", "feeling": "1"})

    assert response.status_code == 400
    lea.refresh_from_db()
    assert lea.after_screen_hours is None


def test_a_team_code_of_another_challenge_is_refused(client, challenge, place, bob):
    other = services.publish(build_challenge(place, bob, title="Un autre défi"))
    code = other.teams.first().code
    data = {"name": "Léa", "email": "lea@example.org", "team_code": code}

    response = client.post(
        challenge.join_url(), {**data, "pledges": [challenge.pledges.first().pk]}
    )

    assert response.status_code == 400
    assert "team_code" in response.context["form"].errors
    assert not Participant.objects.filter(challenge=challenge).exists()
