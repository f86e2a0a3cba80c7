"""A participant's private pages: confirming, checking in today and a past day (again replaces),
the calendar, the days refused, the link's privacy, reminders, buddy, testimony, the "after"
questions, leaving and coming back, and a signed-in person's challenges."""

from datetime import timedelta

import pytest

from entraide.challenges import models, services
from entraide.challenges.models import CheckIn, DayNote
from entraide.challenges.tests.conftest import joined

pytestmark = pytest.mark.django_db


def _text(response):
    return response.content.decode()


def _total(challenge):
    return services.progress(challenge).total.pledge_days


@pytest.fixture
def unconfirmed(challenge):
    return services.join(
        challenge,
        name="Noé",
        email="noe@example.org",
        pledges=list(challenge.pledges.all()[:2]),
    ).participant


def test_the_first_visit_asks_to_confirm_and_a_get_confirms_nothing(client, unconfirmed):
    response = client.get(unconfirmed.private_url())

    assert response.status_code == 200
    assert "Confirmer ma participation" in _text(response)
    unconfirmed.refresh_from_db()
    assert unconfirmed.confirmed_at is None


def test_the_button_confirms_and_shows_today_s_check_in(client, unconfirmed):
    response = client.post(unconfirmed.private_url(), {"confirm": "1"}, follow=True)

    unconfirmed.refresh_from_db()
    assert unconfirmed.confirmed_at is not None
    text = _text(response)
    assert "Votre participation est confirmée" in text
    assert "Pas de réseaux sociaux" in text
    assert text.count('name="status"') == 2 * 3  # three buttons per pledge


def test_checking_in_today_then_again_replaces_and_moves_the_public_total(client, challenge, lea):
    first, second = lea.pledges.all()
    url = lea.private_url()

    client.post(url, {"status": f"{first.pk}:tenu", "note": ""})
    client.post(url, {"status": f"{second.pk}:a-moitie", "note": ""})
    assert _total(challenge) == 1.5

    response = client.post(url, {"status": f"{first.pk}:pas-aujourdhui", "note": ""}, follow=True)

    assert CheckIn.objects.filter(participant=lea).count() == 2
    assert CheckIn.objects.get(pledge=first).status == "pas-aujourdhui"
    assert _total(challenge) == 0.5
    text = _text(response)
    assert "Enregistré pour" in text
    assert f'value="{first.pk}:pas-aujourdhui" aria-pressed="true"' in text
    assert f'value="{first.pk}:tenu" aria-pressed="false"' in text


def test_a_private_note_is_kept_and_shown_on_no_public_page(client, challenge, lea):
    first = lea.pledges.first()
    client.post(lea.private_url(), {"status": f"{first.pk}:tenu", "note": "Soirée jeux en famille"})

    assert DayNote.objects.get(participant=lea).text == "Soirée jeux en famille"
    assert "Soirée jeux en famille" in _text(client.get(lea.private_url()))
    for url in (challenge.get_absolute_url(), challenge.testimonies_url()):
        assert "Soirée jeux" not in _text(client.get(url))


def test_the_note_alone_before_any_status_is_refused_beside_it(client, lea):
    response = client.post(lea.private_url(), {"note": "Rien"})

    assert response.status_code == 400
    assert not DayNote.objects.exists()


def test_a_past_day_is_filled_in_from_its_page(client, challenge, lea):
    yesterday = challenge.today() - timedelta(days=1)
    page = client.get(lea.private_url())
    day_url = f"{lea.private_url()}jour/{yesterday}/"
    assert day_url in _text(page)

    first, second = lea.pledges.all()
    response = client.post(day_url, {"status": f"{first.pk}:tenu", "note": ""}, follow=True)

    assert CheckIn.objects.get(participant=lea).day == yesterday
    assert response.redirect_chain[-1][0] == day_url  # a pledge left to say: the day stays
    assert f'value="{first.pk}:tenu" aria-pressed="true"' in _text(response)
    response = client.post(day_url, {"status": f"{second.pk}:tenu", "note": ""}, follow=True)
    assert response.redirect_chain[-1][0].endswith("#calendrier")
    assert _total(challenge) == 2


@pytest.mark.parametrize(
    ("offset", "code_word"),
    [
        ("future", "pas encore"),
        ("before", "commence le"),
        ("after", "terminé le"),
    ],
)
def test_a_day_to_come_or_outside_the_challenge_is_refused_and_nothing_saved(
    client, challenge, lea, offset, code_word
):
    day = {
        "future": challenge.today() + timedelta(days=1),
        "before": challenge.starts_on - timedelta(days=1),
        "after": challenge.ends_on + timedelta(days=1),
    }[offset]
    url = f"{lea.private_url()}jour/{day}/"

    shown = client.get(url)
    posted = client.post(url, {"status": f"{lea.pledges.first().pk}:tenu", "note": "x"})

    assert shown.status_code == posted.status_code == 400
    assert code_word in _text(shown)
    assert not CheckIn.objects.exists()
    assert not DayNote.objects.exists()


def test_a_malformed_day_is_not_found(client, lea):
    assert client.get(f"{lea.private_url()}jour/hier/").status_code == 404


def test_a_forged_link_is_not_found(client, challenge, lea):
    forged = lea.private_url().replace(lea.private_token(), "0" * 64)
    assert client.get(forged).status_code == 404
    assert client.post(forged + "quitter/").status_code == 404


def test_someone_else_s_pledge_cannot_be_checked_in_from_one_s_link(client, challenge, lea):
    other = joined(challenge, 1, pledges=list(challenge.pledges.all()[2:]))
    theirs = other.pledges.first()
    services.check_in(other, challenge.today(), {theirs: "tenu"}, "Secret de l'autre")

    response = client.post(lea.private_url(), {"status": f"{theirs.pk}:pas-aujourdhui"})

    assert response.status_code == 400
    assert CheckIn.objects.get(participant=other).status == "tenu"
    assert "Secret de l" not in _text(client.get(lea.private_url()))


def test_a_link_of_another_challenge_is_not_found(client, challenge, lea, place, bob):
    from entraide.challenges.tests.conftest import build_challenge

    other = services.publish(build_challenge(place, bob, title="Autre défi"))
    url = lea.private_url().replace(f"/{challenge.slug}/", f"/{other.slug}/")
    assert client.get(url).status_code == 404


def test_reminders_are_set_then_stopped_in_one_click(client, lea):
    client.post(lea.stop_reminders_url(), {"hour": "20"})
    lea.refresh_from_db()
    assert lea.reminder_hour == 20

    page = client.get(lea.stop_reminders_url())
    assert "Arrêter les rappels" in _text(page)
    assert "Europe/Paris" in _text(page)
    client.post(lea.stop_reminders_url(), {"stop": "1"})

    lea.refresh_from_db()
    assert lea.reminder_hour is None


def test_a_reminder_hour_out_of_the_day_is_refused(client, lea):
    response = client.post(lea.stop_reminders_url(), {"hour": "25"})
    assert response.status_code == 400


def test_a_buddy_is_chosen_by_their_address(client, challenge, lea, mailoutbox):
    other = joined(challenge, 1)
    response = client.post(f"{lea.private_url()}binome/", {"email": other.email}, follow=True)

    lea.refresh_from_db()
    assert lea.buddy == other
    assert other.display_name in _text(response)


def test_an_unknown_buddy_address_gets_the_same_answer(client, challenge, lea):
    response = client.post(f"{lea.private_url()}binome/", {"email": "x@example.org"}, follow=True)
    lea.refresh_from_db()
    assert lea.buddy is None
    assert "Si cette adresse participe" in _text(response)


def test_a_testimony_waits_for_moderation(client, challenge, lea):
    response = client.post(
        f"{lea.private_url()}temoigner/",
        {"text": "<script>alert(1)</script> Dix jours plus calmes", "signature": ""},
        follow=True,
    )

    testimony = models.Testimony.objects.get()
    assert testimony.status == models.TestimonyStatus.PENDING
    assert not testimony.signed
    assert "publié" in _text(response)


def test_a_huge_testimony_is_refused_with_a_clear_message(client, lea):
    response = client.post(f"{lea.private_url()}temoigner/", {"text": "a" * 100_000})

    assert response.status_code == 400
    assert "Au plus 2000 caractères (ici 100000)" in _text(response)
    assert not models.Testimony.objects.exists()


def test_the_after_questions_wait_for_the_last_day(client, lea):
    response = client.post(f"{lea.private_url()}bilan/", {"screen_hours": "2", "feeling": "4"})
    assert response.status_code == 400
    lea.refresh_from_db()
    assert lea.after_screen_hours is None


def test_the_after_questions_on_the_last_day(client, place, bob):
    from entraide.challenges.tests.conftest import build_challenge

    challenge = services.publish(build_challenge(place, bob, started_days_ago=9, days=10))
    me = joined(challenge, 5)
    response = client.post(f"{me.private_url()}bilan/", {"screen_hours": "2", "feeling": "4"})

    assert response.status_code == 302
    me.refresh_from_db()
    assert (me.after_screen_hours, me.after_feeling) == (2, 4)


def test_leaving_keeps_the_counts_and_says_how_to_come_back(client, challenge, lea):
    services.check_in(lea, challenge.today(), {lea.pledges.first(): "tenu"})
    assert "Ce qui va se passer" in _text(client.get(f"{lea.private_url()}quitter/"))

    response = client.post(f"{lea.private_url()}quitter/", follow=True)

    lea.refresh_from_db()
    assert lea.left_at is not None
    text = _text(response)
    assert "Vous avez quitté le défi" in text
    assert "Participer à nouveau" in text
    assert 'name="status"' not in text
    assert _total(challenge) == 1
    assert client.post(lea.private_url(), {"status": "1:tenu"}).status_code == 302

    client.post(lea.private_url(), {"rejoin": "1"})
    lea.refresh_from_db()
    assert lea.left_at is None


def test_my_challenges_lists_a_signed_in_person_s_participations(client, challenge, alice):
    services.join(challenge, by=alice, pledges=[challenge.pledges.first()])
    client.force_login(alice)

    response = client.get("/defis/mes-defis/")

    participant = alice.challenge_participations.get()
    assert participant.private_url() in _text(response)


def test_my_challenges_asks_to_sign_in(client):
    assert client.get("/defis/mes-defis/").status_code == 302


def test_a_huge_note_is_refused_and_nothing_saved(client, lea):
    first = lea.pledges.first()
    response = client.post(lea.private_url(), {"status": f"{first.pk}:tenu", "note": "a" * 100_000})

    assert response.status_code == 400
    assert "Au plus 1000 caractères (ici 100000)" in _text(response)
    assert not CheckIn.objects.exists()
    assert not DayNote.objects.exists()


def test_script_in_a_pledge_a_name_and_a_note_stays_text(client, challenge):
    me = joined(challenge, 7, own_pledge="<script>alert('p')</script>")
    buddy = joined(challenge, 8)
    buddy.display_name = "<script>alert('b')</script>"
    buddy.save()
    services.choose_buddy(me, buddy.email)
    own = me.pledges.get(owner=me)
    services.check_in(me, challenge.today(), {own: "tenu"}, "<script>alert('n')</script>")

    for url in (me.private_url(), f"{me.private_url()}binome/"):
        text = _text(client.get(url))
        assert "<script>alert" not in text
    assert "&lt;script&gt;alert(&#x27;p&#x27;)" in _text(client.get(me.private_url()))


def test_a_check_in_without_the_csrf_token_is_refused(challenge, lea):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        lea.private_url(), {"status": f"{lea.pledges.first().pk}:tenu"}
    )

    assert response.status_code == 403
    assert not CheckIn.objects.exists()
