"""Joining a challenge from its public form: without an account (a mail confirms), in one click
when signed in with a verified address; the same neutral answer when the address takes part
already; refusals beside the field, with nothing saved."""

import pytest
from django.conf import settings
from django.core import mail

from entraide.challenges import services
from entraide.challenges.models import Participant, Pledge
from entraide.challenges.tests.conftest import build_challenge
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _form(challenge, **fields):
    first, second = challenge.pledges.all()[:2]
    return {
        "name": "Léa",
        "email": "lea@example.org",
        "pledges": [first.pk, second.pk],
        "own_pledge": "",
        "team_code": "",
        "before_screen_hours": "5",
        "before_feeling": "2",
        "reminder_hour": "20",
        **fields,
    }


def test_the_form_offers_the_pledges_a_team_code_and_the_before_questions(client, challenge):
    html = client.get(challenge.join_url()).content.decode()

    for pledge in challenge.pledges.all():
        assert pledge.text.replace("'", "&#x27;") in html
    for name in ("name", "email", "own_pledge", "team_code", "before_feeling", "reminder_hour"):
        assert f'name="{name}"' in html
    assert 'type="checkbox"' in html
    assert "Plutôt mal" in html


def test_joining_without_an_account_mails_the_confirmation_and_says_check_your_mailbox(
    client, challenge
):
    team = challenge.teams.first()
    response = client.post(challenge.join_url(), _form(challenge, team_code=team.code.lower()))

    assert response.status_code == 302
    assert response["Location"] == f"{challenge.join_url()}courrier/"
    participant = Participant.objects.get()
    assert (participant.display_name, participant.team, participant.is_confirmed) == (
        "Léa",
        team,
        False,
    )
    assert (participant.before_screen_hours, participant.before_feeling) == (5, 2)
    assert participant.reminder_hour == 20
    assert participant.pledges.count() == 2
    [message] = mail.outbox
    assert message.to == ["lea@example.org"]
    assert settings.ENTRAIDE_SITE_URL + participant.private_url() in message.body

    page = client.get(response["Location"]).content.decode()
    assert "Consultez votre messagerie" in page or "lea@example.org" in page
    assert "lea@example.org" in page


def test_joining_again_with_the_same_address_gets_the_same_neutral_answer(client, challenge):
    first = client.post(challenge.join_url(), _form(challenge))
    mail.outbox.clear()
    client.cookies.clear()

    again = client.post(
        challenge.join_url(), _form(challenge, name="Quelqu'un", email="LEA@example.org")
    )

    assert (first.status_code, again.status_code) == (302, 302)
    assert first["Location"] == again["Location"]
    assert Participant.objects.count() == 1
    assert Participant.objects.get().display_name == "Léa"
    [message] = mail.outbox  # the details go to the mailbox, not to the page
    assert message.to == ["lea@example.org"]


def test_signed_in_with_a_verified_address_one_click_takes_part(client_for, challenge, alice):
    client = client_for(alice)
    page = client.get(challenge.join_url()).content.decode()
    assert "alice@example.org" in page
    assert 'name="email"' not in page

    response = client.post(
        challenge.join_url(), {"pledges": [challenge.pledges.first().pk], "name": ""}
    )

    participant = Participant.objects.get()
    assert (participant.user, participant.is_confirmed, participant.display_name) == (
        alice,
        True,
        "Alice",
    )
    assert response.status_code == 302
    assert response["Location"] == participant.private_url()
    [message] = mail.outbox
    assert message.to == ["alice@example.org"]


def test_signed_in_without_a_verified_address_the_mail_confirms(client_for, challenge):
    person = UserFactory(email="nina@example.org", display_name="Nina")
    person.emailaddress_set.update(verified=False)
    client = client_for(person)

    response = client.post(challenge.join_url(), {"pledges": [challenge.pledges.first().pk]})

    assert response["Location"] == f"{challenge.join_url()}courrier/"
    assert not Participant.objects.get().is_confirmed
    assert [m.to for m in mail.outbox] == [["nina@example.org"]]


def test_an_unknown_team_code_is_refused_beside_the_field_and_nothing_is_saved(client, challenge):
    response = client.post(challenge.join_url(), _form(challenge, team_code="ZZZZZZ"))

    assert response.status_code == 400
    assert response.context["form"].has_error("team_code", "unknown_team_code")
    assert Participant.objects.count() == 0
    assert mail.outbox == []
    assert 'value="ZZZZZZ"' in response.content.decode()


def test_no_pledge_is_refused(client, challenge):
    response = client.post(challenge.join_url(), _form(challenge, pledges=[]))

    assert response.status_code == 400
    assert response.context["form"].has_error("pledges", "no_pledge")
    assert Participant.objects.count() == 0


def test_ones_own_pledge_may_be_the_only_one_and_is_shown_inert(client, challenge):
    hostile = "<script>alert(1)</script>"
    refused = client.post(
        challenge.join_url(),
        _form(challenge, name=f"Léa {hostile}", own_pledge=f"Mon {hostile}", team_code="ZZZZZZ"),
    )
    html = refused.content.decode()
    assert refused.status_code == 400
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    client.post(challenge.join_url(), _form(challenge, pledges=[], own_pledge=f"Mon {hostile}"))

    own = Pledge.objects.get(owner__isnull=False)
    assert own.text == f"Mon {hostile}"
    assert f"Mon {hostile}" not in client.get(challenge.get_absolute_url()).content.decode()


def test_own_pledges_are_not_offered_when_the_challenge_does_not_allow_them(client, place, bob):
    challenge = services.publish(build_challenge(place, bob, own_pledges_allowed=False))

    assert 'name="own_pledge"' not in client.get(challenge.join_url()).content.decode()


def test_huge_fields_are_refused_cleanly(client, challenge):
    huge = "x" * 100_000
    for field in ("name", "own_pledge", "team_code", "email"):
        value = huge + "@example.org" if field == "email" else huge
        response = client.post(challenge.join_url(), _form(challenge, **{field: value}))
        assert response.status_code == 400, field
        assert response.context["form"].errors[field], field
        assert "caractères" in str(response.context["form"].errors[field]) or field == "email"
    assert Participant.objects.count() == 0
    assert mail.outbox == []


def test_half_an_assessment_or_a_bad_hour_is_refused(client, challenge):
    for fields, field in (
        ({"before_feeling": ""}, "before_feeling"),
        ({"before_screen_hours": "25"}, "before_screen_hours"),
        ({"reminder_hour": "24"}, "reminder_hour"),
    ):
        response = client.post(challenge.join_url(), _form(challenge, **fields))
        assert response.status_code == 400
        assert response.context["form"].errors[field]
    assert Participant.objects.count() == 0


def test_an_over_challenge_refuses_joining_with_a_message(client, place, bob):
    over = services.publish(build_challenge(place, bob, started_days_ago=20))

    page = client.get(over.join_url())
    posted = client.post(over.join_url(), _form(over))

    assert page.status_code == 200
    assert 'name="email"' not in page.content.decode()
    assert "terminé" in page.content.decode()
    assert posted.status_code == 400
    assert Participant.objects.count() == 0
    assert f'href="{over.join_url()}"' not in client.get(over.get_absolute_url()).content.decode()


def test_a_draft_refuses_joining(client, client_for, place, bob):
    draft = build_challenge(place, bob)

    assert client.post(draft.join_url(), _form(draft)).status_code == 404
    organiser = client_for(bob).post(draft.join_url(), _form(draft))
    assert organiser.status_code == 400
    assert "brouillon" in organiser.content.decode()
    assert Participant.objects.count() == 0


def test_an_upcoming_challenge_may_be_joined(client, place, bob):
    coming = services.publish(build_challenge(place, bob, started_days_ago=-7))

    assert client.post(coming.join_url(), _form(coming)).status_code == 302


def test_a_network_that_floods_the_form_is_stopped(client, challenge, settings):
    settings.ENTRAIDE_POSTS_PER_NETWORK = 2
    for n in range(2):
        response = client.post(challenge.join_url(), _form(challenge, email=f"p{n}@example.org"))
        assert response.status_code == 302

    stopped = client.post(challenge.join_url(), _form(challenge, email="p9@example.org"))

    assert stopped.status_code == 429
    assert Participant.objects.count() == 2
    assert len(mail.outbox) == 2


def test_one_address_is_not_mailed_over_and_over(client, challenge, settings):
    settings.ENTRAIDE_MAILS_PER_ADDRESS = 2
    for _ in range(2):
        assert client.post(challenge.join_url(), _form(challenge)).status_code == 302

    refused = client.post(challenge.join_url(), _form(challenge))

    assert refused.status_code == 429
    assert refused.context["form"].errors["email"]
    assert len(mail.outbox) == 2


def test_a_form_posted_from_another_site_is_refused(client, challenge):
    response = client.post(
        challenge.join_url(), _form(challenge), HTTP_ORIGIN="https://ailleurs.example"
    )

    assert response.status_code == 403
    assert Participant.objects.count() == 0


def test_a_signed_in_person_needs_the_csrf_token(challenge, alice):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    response = client.post(challenge.join_url(), {"pledges": [challenge.pledges.first().pk]})

    assert response.status_code == 403
    assert Participant.objects.count() == 0


def test_the_check_mailbox_page_of_another_browser_names_no_address(client, challenge):
    page = client.get(f"{challenge.join_url()}courrier/").content.decode()

    assert "@" not in page.split("<main", 1)[1].split("</main>", 1)[0]
