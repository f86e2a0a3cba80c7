"""People join without an account (confirmed by the mailed link) or in one click when signed
in; joining twice is answered the same way, the details by mail; refusals leave nothing."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail

from entraide.challenges import services
from entraide.challenges.errors import ChallengeErrorCode
from entraide.challenges.models import Participant, Pledge, Tally
from entraide.challenges.services import Assessment
from entraide.challenges.tests.conftest import build_challenge, joined
from entraide.core.errors import DomainError

pytestmark = pytest.mark.django_db


def _join(challenge, **fields):
    return services.join(
        challenge,
        **{
            "name": "Léa",
            "email": "Lea@Example.org",
            "pledges": list(challenge.pledges.all()[:2]),
            **fields,
        },
    )


def test_joining_without_an_account_mails_the_link_that_confirms_it(challenge):
    outcome = _join(challenge, before=Assessment(screen_hours=5, feeling=2), reminder_hour=20)

    participant = outcome.participant
    assert (outcome.created, participant.is_confirmed) == (True, False)
    assert (participant.email, participant.before_screen_hours, participant.reminder_hour) == (
        "lea@example.org",
        5,
        20,
    )
    [message] = mail.outbox
    assert message.to == ["lea@example.org"]
    link = settings.ENTRAIDE_SITE_URL + participant.private_url()
    assert link in message.body
    assert participant.private_token() not in participant.link_key + participant.token_digest

    token = participant.private_url().split("/")[-2]
    found = services.find_participant(challenge, token)
    assert services.confirm(found).is_confirmed


def test_a_forged_link_or_one_of_another_challenge_finds_nobody(challenge, lea, place, bob):
    other = services.publish(build_challenge(place, bob))
    token = lea.private_token()

    forged = token[:-1] + ("1" if token[-1] == "0" else "0")
    for target, raw in ((challenge, forged), (other, token), (challenge, "x" * 500)):
        with pytest.raises(DomainError) as refused:
            services.find_participant(target, raw)
        assert refused.value.code == ChallengeErrorCode.LINK_UNKNOWN


def test_a_signed_in_person_with_a_verified_address_takes_part_in_one_click(challenge, alice):
    outcome = services.join(challenge, pledges=[challenge.pledges.first()], by=alice)

    assert outcome.participant.is_confirmed
    assert (outcome.participant.display_name, outcome.participant.user) == ("Alice", alice)
    [message] = mail.outbox
    assert message.to == ["alice@example.org"]


def test_joining_again_with_the_same_address_changes_nothing_and_mails_the_link(challenge):
    first = _join(challenge).participant
    mail.outbox.clear()

    again = _join(challenge, email="LEA@example.org ", name="Quelqu'un d'autre")

    assert (again.created, again.participant) == (False, first)
    assert Participant.objects.count() == 1
    assert Participant.objects.get().display_name == "Léa"
    [message] = mail.outbox
    assert first.private_url() in message.body


def test_an_unknown_team_code_is_refused_and_nothing_is_saved(challenge):
    with pytest.raises(DomainError) as refused:
        _join(challenge, team_code="NOPE42")

    assert (refused.value.code, refused.value.field) == (
        ChallengeErrorCode.UNKNOWN_TEAM_CODE,
        "team_code",
    )
    assert (Participant.objects.count(), len(mail.outbox)) == (0, 0)


def test_a_team_code_typed_loosely_joins_the_team(challenge):
    team = challenge.teams.get(name="Les Lucioles")

    participant = _join(challenge, team_code=team.code.lower()).participant

    assert participant.team == team


@pytest.mark.parametrize(
    ("fields", "code", "field"),
    [
        ({"email": "pas-une-adresse"}, ChallengeErrorCode.BAD_ADDRESS, "email"),
        ({"name": "  "}, ChallengeErrorCode.NO_NAME, "name"),
        ({"name": "x" * 101}, ChallengeErrorCode.TOO_LONG, "name"),
        ({"pledges": []}, ChallengeErrorCode.NO_PLEDGE, "pledges"),
        ({"pledges": [999_999]}, ChallengeErrorCode.UNKNOWN_PLEDGE, "pledges"),
        ({"own_pledge": "x" * 201}, ChallengeErrorCode.TOO_LONG, "own_pledge"),
        ({"reminder_hour": 24}, ChallengeErrorCode.BAD_HOUR, "reminder_hour"),
        ({"before": Assessment(25, 3)}, ChallengeErrorCode.BAD_ANSWER, "before_screen_hours"),
        ({"before": Assessment(3, 9)}, ChallengeErrorCode.BAD_ANSWER, "before_feeling"),
    ],
)
def test_bad_input_is_refused_beside_its_field_and_nothing_is_saved(challenge, fields, code, field):
    with pytest.raises(DomainError) as refused:
        _join(challenge, **fields)

    assert (refused.value.code, refused.value.field) == (code, field)
    assert (Participant.objects.count(), len(mail.outbox)) == (0, 0)


def test_someone_elses_own_pledge_cannot_be_chosen(challenge, lea):
    services.join(
        challenge,
        name="Sam",
        email="sam@example.org",
        pledges=[],
        own_pledge="Pas de jeux vidéo après 21 h",
    )
    own = Pledge.objects.get(owner__email="sam@example.org")

    with pytest.raises(DomainError) as refused:
        _join(challenge, email="autre@example.org", pledges=[own])
    assert refused.value.code == ChallengeErrorCode.UNKNOWN_PLEDGE


def test_an_own_pledge_is_the_participants_and_needs_the_challenge_to_allow_it(challenge):
    participant = _join(challenge, pledges=[], own_pledge=" Pas de  série le soir ").participant

    assert [(p.text, p.owner) for p in participant.pledges.all()] == [
        ("Pas de série le soir", participant)
    ]
    challenge.own_pledges_allowed = False
    challenge.save()
    with pytest.raises(DomainError) as refused:
        _join(challenge, email="sam@example.org", own_pledge="Autre")
    assert refused.value.code == ChallengeErrorCode.OWN_PLEDGE_NOT_ALLOWED


def test_a_draft_or_a_finished_challenge_takes_nobody(place, bob):
    draft = build_challenge(place, bob)
    with pytest.raises(DomainError) as refused:
        _join(draft)
    assert refused.value.code == ChallengeErrorCode.NOT_PUBLISHED

    over = services.publish(build_challenge(place, bob, started_days_ago=20))
    with pytest.raises(DomainError) as refused:
        _join(over)
    assert refused.value.code == ChallengeErrorCode.CHALLENGE_OVER


def test_a_buddy_is_told_by_mail_and_an_unknown_address_pairs_nobody(challenge, lea):
    sam = joined(challenge, 1)
    mail.outbox.clear()

    assert services.choose_buddy(lea, "nobody@example.org") is None
    assert services.choose_buddy(lea, "PERSONNE1@example.org") == sam

    lea.refresh_from_db()
    assert lea.buddy == sam
    [message] = mail.outbox
    assert message.to == [sam.email]
    assert "Personne 0" in message.subject
    assert services.choose_buddy(lea, lea.email) is None  # not one's own buddy


def test_leaving_stops_reminders_and_check_ins(challenge, lea):
    services.set_reminder(lea, 20)

    services.leave(lea)

    lea.refresh_from_db()
    assert (lea.left_at is not None, lea.reminder_hour) == (True, None)
    with pytest.raises(DomainError) as refused:
        services.check_in(lea, challenge.today(), {lea.pledges.first(): "tenu"})
    assert refused.value.code == ChallengeErrorCode.NOT_TAKING_PART


def test_erasure_deletes_the_persons_rows_and_keeps_the_anonymous_counts(challenge, lea):
    today = challenge.today()
    services.check_in(lea, today, dict.fromkeys(lea.pledges.all(), "tenu"), "Bien dormi")
    services.leave_testimony(lea, "Je dors mieux.")

    services.erase(lea)

    assert not Participant.objects.exists()
    assert not challenge.testimonies.exists()
    assert list(Tally.objects.values_list("held", "people")) == [(2, 1)]
    assert services.progress(challenge).total.held == 2


def test_my_data_lists_the_persons_check_ins_and_notes(challenge, lea):
    day = challenge.today() - timedelta(days=1)
    pledge = lea.pledges.first()
    services.check_in(lea, day, {pledge: "a-moitie"}, "Difficile le soir")

    data = services.personal_data(lea)

    assert data["email"] == "personne0@example.org"
    assert data["check_ins"] == [
        {"day": day.isoformat(), "pledge": pledge.text, "status": "a-moitie"}
    ]
    assert data["notes"] == [{"day": day.isoformat(), "text": "Difficile le soir"}]


def test_the_after_questions_open_on_the_last_day(challenge, lea):
    with pytest.raises(DomainError) as refused:
        services.answer_after(lea, Assessment(2, 4))
    assert refused.value.code == ChallengeErrorCode.NOT_OVER_YET

    services.answer_after(lea, Assessment(2, 4), today=challenge.ends_on)
    lea.refresh_from_db()
    assert (lea.after_screen_hours, lea.after_feeling) == (2, 4)


def test_deleting_the_account_erases_the_participation_and_keeps_the_counts(challenge, alice):
    participant = services.join(challenge, pledges=[challenge.pledges.first()], by=alice)
    participant = participant.participant
    services.check_in(participant, challenge.today(), {challenge.pledges.first(): "tenu"})
    services.leave_testimony(participant, "Signé", signed=True)

    alice.delete()

    assert (Participant.objects.count(), challenge.testimonies.count()) == (0, 0)
    assert services.progress(challenge).total.held == 1
