"""Hostile and careless input on the public and private pages of challenges: huge, empty,
repeated and ill-typed fields, script in every text shown, forged and foreign private links,
someone else's pledge or buddy, a left or unconfirmed person, days outside the challenge,
double taps. Each is refused beside its field with a 4xx, never a 500, never half a record,
never someone else's data. A participant's settings, testimony, leaving and coming back:
test_hostile_settings.py; the organisers' pages: test_hostile_organising.py."""

from datetime import timedelta

import pytest
from django.core import mail

from entraide.challenges import services
from entraide.challenges.models import CheckIn, DayNote, Participant, Pledge, Status
from entraide.challenges.tests.conftest import build_challenge, joined

pytestmark = pytest.mark.django_db

HUGE = "x" * 100_000
SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _join(client, challenge, **changes):
    data = {
        "name": "Léa",
        "email": "lea@example.org",
        "pledges": [challenge.pledges.first().pk],
        "own_pledge": "",
        "team_code": "",
        "before_screen_hours": "",
        "reminder_hour": "",
    }
    data.update(changes)
    return client.post(challenge.join_url(), data)


# ----------------------------------------------------------------- joining


@pytest.mark.parametrize("field", ["name", "email", "own_pledge", "team_code"])
def test_a_huge_text_in_any_field_of_the_join_form_is_refused_beside_it(client, challenge, field):
    response = _join(client, challenge, **{field: HUGE})

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Participant.objects.exists()
    assert not mail.outbox


@pytest.mark.parametrize("field", ["name", "email"])
def test_a_whitespace_only_name_or_address_is_refused(client, challenge, field):
    response = _join(client, challenge, **{field: " \t\u00a0 "})

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Participant.objects.exists()


@pytest.mark.parametrize(
    "pledges",
    [
        ["abc"],
        ["../"],
        ["99999999999999999999999999"],
        ["-1"],
        [""],
    ],
)
def test_ill_typed_or_unknown_pledge_ids_are_refused(client, challenge, pledges):
    response = _join(client, challenge, pledges=pledges)

    assert response.status_code == 400
    assert "pledges" in response.context["form"].errors
    assert not Participant.objects.exists()


def test_ten_thousand_pledge_ids_are_refused_without_a_crash(client, challenge):
    response = _join(client, challenge, pledges=[str(n) for n in range(10_000)])

    assert response.status_code == 400
    assert not Participant.objects.exists()


def test_another_challenges_pledge_or_someones_own_pledge_cannot_be_chosen(
    client, challenge, place, bob
):
    other = services.publish(build_challenge(place, bob, title="Un autre défi"))
    someone = joined(challenge, 1, own_pledge="Le mien")
    own = Pledge.objects.get(owner=someone)

    for pledge in (other.pledges.first(), own):
        response = _join(client, challenge, pledges=[pledge.pk])
        assert response.status_code == 400
        assert "pledges" in response.context["form"].errors
    assert Participant.objects.filter(challenge=challenge).count() == 1


def test_a_pledge_repeated_is_chosen_once(client, challenge):
    pledge = challenge.pledges.first()

    response = _join(client, challenge, pledges=[pledge.pk, pledge.pk, pledge.pk])

    assert response.status_code == 302
    assert list(Participant.objects.get().pledges.all()) == [pledge]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"reminder_hour": "24"}, "reminder_hour"),
        ({"reminder_hour": "-1"}, "reminder_hour"),
        ({"reminder_hour": "9" * 5000}, "reminder_hour"),
        ({"reminder_hour": "sept"}, "reminder_hour"),
        ({"before_screen_hours": "25", "before_feeling": "1"}, "before_screen_hours"),
        ({"before_screen_hours": "-3", "before_feeling": "1"}, "before_screen_hours"),
        ({"before_screen_hours": "9" * 5000, "before_feeling": "1"}, "before_screen_hours"),
        ({"before_screen_hours": "2", "before_feeling": "99"}, "before_feeling"),
        ({"before_screen_hours": "2"}, "before_feeling"),
    ],
)
def test_numbers_out_of_range_or_not_numbers_are_refused(client, challenge, changes, field):
    response = _join(client, challenge, **changes)

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Participant.objects.exists()


def test_two_names_or_two_addresses_sent_keep_one_of_each(client, challenge):
    response = _join(client, challenge, name=["Léa", "Zoé"], email=["a@example.org", "b@x.org"])

    assert response.status_code == 302
    assert Participant.objects.count() == 1


def test_a_draft_challenge_cannot_be_joined(client, place, bob):
    draft = build_challenge(place, bob)

    assert client.get(draft.join_url()).status_code == 404
    assert _join(client, draft).status_code == 404
    assert not Participant.objects.exists()


def test_a_finished_challenge_cannot_be_joined(client, place, bob):
    over = services.publish(build_challenge(place, bob, started_days_ago=20))

    response = _join(client, over)

    assert response.status_code == 400
    assert "terminé" in response.text
    assert not Participant.objects.exists()
    assert not mail.outbox


def test_joining_twice_at_once_makes_one_participant(client, challenge):
    for _tap in range(2):
        assert _join(client, challenge).status_code == 302

    assert Participant.objects.count() == 1
    assert Pledge.objects.filter(owner__isnull=False).count() == 0


def test_script_in_a_name_and_own_pledge_is_inert_on_every_page_and_mail(client, challenge):
    response = _join(client, challenge, name=SCRIPT, own_pledge=SCRIPT)
    assert response.status_code == 302
    me = Participant.objects.get()
    services.confirm(me)
    buddy = joined(challenge, 1)
    services.choose_buddy(buddy, me.email)

    for url in (me.private_url(), buddy.private_url(), challenge.get_absolute_url()):
        page = client.get(url)
        assert page.status_code == 200
        assert "<script>" not in page.text
        assert "<img src=x" not in page.text
    mine = client.get(me.private_url()).text
    assert "&lt;script&gt;" in mine  # shown, as text
    # Mails are plain text: the name is written as typed, nothing runs there.
    assert all(m.content_subtype == "plain" and not m.alternatives for m in mail.outbox)


# ----------------------------------------------------------------- the private link


def _private_urls(me, day):
    base = me.private_url()
    return [base, f"{base}jour/{day}/", *(base + p for p in ("rappels/", "binome/", "temoigner/"))]


def test_a_forged_truncated_huge_or_foreign_link_is_a_404_everywhere(
    client, challenge, lea, place, bob
):
    other = services.publish(build_challenge(place, bob, title="Un autre défi"))
    stranger = joined(other, 9)
    token = lea.private_url().rstrip("/").rsplit("/", 1)[-1]
    base = challenge.get_absolute_url()
    links = [
        f"{base}moi/{token[:-1]}/",
        f"{base}moi/{token}x/",
        f"{base}moi/{'A' * 10_000}/",
        stranger.private_url().replace(other.slug, challenge.slug),
        lea.private_url().replace(challenge.slug, other.slug),
    ]
    for link in links:
        for path in ("", "jour/2026-01-01/", "rappels/", "binome/", "temoigner/", "bilan/"):
            assert client.get(link + path).status_code == 404, link + path
            assert client.post(link + path, {"confirm": "1"}).status_code == 404
    assert client.get(f"{base}moi/%00/").status_code in (400, 404)
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize("day", ["2026-02-30", "abc", "..%2F..%2F", "-1", "2026-13-01"])
def test_a_day_that_is_no_date_is_a_404(client, lea, day):
    assert client.get(f"{lea.private_url()}jour/{day}/").status_code == 404
    assert client.post(f"{lea.private_url()}jour/{day}/", {"status": "1:tenu"}).status_code == 404


def test_days_outside_the_challenge_or_to_come_are_refused(client, challenge, lea):
    pledge = lea.pledges.first()
    for day in (
        "9999-12-31",
        "0001-01-01",
        (challenge.starts_on - timedelta(days=1)).isoformat(),
        (challenge.ends_on + timedelta(days=1)).isoformat(),
        (challenge.today() + timedelta(days=1)).isoformat(),
    ):
        url = f"{lea.private_url()}jour/{day}/"
        assert client.get(url).status_code == 400, day
        assert client.post(url, {"status": f"{pledge.pk}:tenu"}).status_code == 400, day
    assert not CheckIn.objects.exists()


def _today(client, me, **data):
    return client.post(me.private_url(), data)


@pytest.mark.parametrize(
    "status",
    [
        "abc:tenu",
        "../:tenu",
        "99999999999999999999999999999:tenu",
        "-1:tenu",
        ":tenu:tenu",
        "1e3:tenu",
        "x" * 100_000,
    ],
)
def test_a_pledge_that_is_no_id_is_refused_today(client, lea, status):
    response = _today(client, lea, status=status)

    assert response.status_code == 400
    assert "status" in response.context["form"].errors or "note" in response.context["form"].errors
    assert not CheckIn.objects.exists()


def test_a_pledge_one_did_not_choose_is_refused(client, challenge, lea):
    other = joined(challenge, 1, pledges=list(challenge.pledges.all()[2:]))
    for pledge in (other.pledges.first(), challenge.pledges.last()):
        response = _today(client, lea, status=f"{pledge.pk}:tenu")
        assert response.status_code == 400
        assert "status" in response.context["form"].errors
    assert not CheckIn.objects.exists()
    assert services.progress(challenge).total.pledge_days == 0


def test_an_unknown_status_is_refused(client, lea):
    pledge = lea.pledges.first()
    for status in (f"{pledge.pk}:gagné", f"{pledge.pk}:", f"{pledge.pk}:{'x' * 100_000}"):
        response = _today(client, lea, status=status)
        assert response.status_code == 400
        assert "status" in response.context["form"].errors
    assert not CheckIn.objects.exists()


def test_two_statuses_sent_record_one(client, lea):
    pledge = lea.pledges.first()

    response = _today(client, lea, status=[f"{pledge.pk}:tenu", f"{pledge.pk}:pas-aujourdhui"])

    assert response.status_code == 302
    assert CheckIn.objects.get().status == Status.MISSED


def test_a_huge_note_is_refused_and_nothing_is_recorded(client, lea):
    pledge = lea.pledges.first()

    response = _today(client, lea, status=f"{pledge.pk}:tenu", note=HUGE)

    assert response.status_code == 400
    assert "note" in response.context["form"].errors
    assert not CheckIn.objects.exists()
    assert not DayNote.objects.exists()


def test_a_whitespace_note_alone_is_refused_without_a_crash(client, lea):
    response = _today(client, lea, note="   \n\t ")

    assert response.status_code == 400
    assert "note" in response.context["form"].errors


def test_script_in_a_note_is_inert(client, lea):
    pledge = lea.pledges.first()
    _today(client, lea, status=f"{pledge.pk}:tenu", note=SCRIPT)

    page = client.get(lea.private_url())

    assert "<script>alert" not in page.text
    assert "&lt;script&gt;" in page.text


def test_a_double_tap_records_one_check_in(client, challenge, lea):
    pledge = lea.pledges.first()
    for _tap in range(2):
        assert _today(client, lea, status=f"{pledge.pk}:tenu").status_code == 302

    assert CheckIn.objects.count() == 1
    assert services.progress(challenge).total.pledge_days == 1


def test_left_or_unconfirmed_people_cannot_check_in(client, challenge, lea):
    unconfirmed = services.join(
        challenge, name="Noé", email="noe@example.org", pledges=[challenge.pledges.first()]
    ).participant
    services.leave(lea)
    day = challenge.today().isoformat()
    for me in (lea, unconfirmed):
        pledge = me.pledges.first()
        today = _today(client, me, status=f"{pledge.pk}:tenu")
        past = client.post(f"{me.private_url()}jour/{day}/", {"status": f"{pledge.pk}:tenu"})
        assert today.status_code in (200, 302)
        assert past.status_code == 302
    assert not CheckIn.objects.exists()
    unconfirmed.refresh_from_db()
    assert unconfirmed.confirmed_at is None
