"""Checking in a day: each pledge kept, halfway or not today; again the same day replaces, never
duplicates; past days of the challenge can be filled in, days to come and days outside it are
refused; the anonymous tallies always equal a recount of the rows."""

import random
from datetime import timedelta

import pytest

from entraide.challenges import services
from entraide.challenges.errors import ChallengeErrorCode
from entraide.challenges.models import CheckIn, DayNote, Tally
from entraide.challenges.tests.conftest import joined
from entraide.core.errors import DomainError

pytestmark = pytest.mark.django_db


def _tallies(challenge):
    return sorted(
        Tally.objects.filter(challenge=challenge).values_list(
            "team_key", "day", "held", "half", "missed", "people"
        )
    )


def test_a_check_in_records_each_pledge_and_the_private_note(challenge, lea):
    first, second = lea.pledges.all()
    today = challenge.today()

    services.check_in(lea, today, {first: "tenu", second.pk: "a-moitie"}, "  Soirée lecture ")

    assert sorted(CheckIn.objects.values_list("pledge_id", "status")) == [
        (first.pk, "tenu"),
        (second.pk, "a-moitie"),
    ]
    assert DayNote.objects.get().text == "Soirée lecture"
    assert _tallies(challenge) == [(0, today, 1, 1, 0, 1)]


def test_checking_in_again_the_same_day_replaces_and_moves_the_counts(challenge, lea):
    first, second = lea.pledges.all()
    today = challenge.today()
    services.check_in(lea, today, {first: "tenu", second: "tenu"}, "Note")

    services.check_in(lea, today, {first: "pas-aujourdhui"}, "")

    assert sorted(CheckIn.objects.values_list("pledge_id", "status")) == [
        (first.pk, "pas-aujourdhui"),
        (second.pk, "tenu"),
    ]
    assert not DayNote.objects.exists()
    assert _tallies(challenge) == [(0, today, 1, 0, 1, 1)]


def test_a_missed_day_can_be_filled_in_afterwards(challenge, lea):
    services.check_in(lea, challenge.starts_on, {lea.pledges.first(): "tenu"})

    assert CheckIn.objects.get().day == challenge.starts_on


@pytest.mark.parametrize(
    ("when", "code"),
    [
        (lambda c: c.starts_on - timedelta(days=1), ChallengeErrorCode.DAY_BEFORE_START),
        (lambda c: c.today() + timedelta(days=1), ChallengeErrorCode.DAY_IN_FUTURE),
        (lambda c: c.ends_on + timedelta(days=1), ChallengeErrorCode.DAY_AFTER_END),
    ],
)
def test_a_day_outside_the_challenge_or_to_come_is_refused(challenge, lea, when, code):
    with pytest.raises(DomainError) as refused:
        services.check_in(lea, when(challenge), {lea.pledges.first(): "tenu"})

    assert refused.value.code == code
    assert (CheckIn.objects.count(), Tally.objects.count()) == (0, 0)


def test_the_last_days_can_be_filled_in_on_the_grace_day_not_after(challenge, lea):
    pledge = lea.pledges.first()
    grace = challenge.ends_on + timedelta(days=1)

    services.check_in(lea, challenge.ends_on, {pledge: "tenu"}, today=grace)

    with pytest.raises(DomainError) as refused:
        services.check_in(lea, challenge.ends_on, {pledge: "a-moitie"}, today=grace + timedelta(1))
    assert refused.value.code == ChallengeErrorCode.CHECK_IN_CLOSED
    assert CheckIn.objects.get().status == "tenu"


def test_today_is_the_challenges_day_in_its_time_zone(place, bob):
    from datetime import UTC, datetime

    from entraide.challenges.models import Challenge

    noumea = Challenge(time_zone="Pacific/Noumea")
    late_evening_in_paris = datetime(2031, 3, 1, 22, 30, tzinfo=UTC)
    assert noumea.today(late_evening_in_paris).isoformat() == "2031-03-02"


@pytest.mark.parametrize(
    ("statuses", "note", "code"),
    [
        ({}, None, ChallengeErrorCode.NOTHING_TO_RECORD),
        ({"first": "peut-etre"}, None, ChallengeErrorCode.BAD_STATUS),
        ({"first": "tenu"}, "x" * 1001, ChallengeErrorCode.TOO_LONG),
        ({"other": "tenu"}, None, ChallengeErrorCode.UNKNOWN_PLEDGE),
    ],
)
def test_bad_input_is_refused_and_nothing_is_half_saved(challenge, lea, statuses, note, code):
    pledges = {"first": lea.pledges.first(), "other": challenge.pledges.order_by("-pk").first()}
    statuses = {pledges[name]: status for name, status in statuses.items()}

    with pytest.raises(DomainError) as refused:
        services.check_in(lea, challenge.today(), statuses, note)

    assert refused.value.code == code
    assert (CheckIn.objects.count(), Tally.objects.count(), DayNote.objects.count()) == (0, 0, 0)


def test_an_unconfirmed_participant_cannot_check_in(challenge):
    outcome = services.join(
        challenge, name="Sam", email="sam@example.org", pledges=[challenge.pledges.first()]
    )

    with pytest.raises(DomainError) as refused:
        services.check_in(
            outcome.participant, challenge.today(), {challenge.pledges.first(): "tenu"}
        )
    assert refused.value.code == ChallengeErrorCode.NOT_TAKING_PART


def test_tallies_equal_a_recount_after_a_random_mix_of_check_ins_and_replacements(challenge):
    rng = random.Random(20261126)  # noqa: S311 - a repeatable mix, not a secret
    teams = [None, *challenge.teams.all()]
    people = [joined(challenge, n, team=teams[n % 3]) for n in range(12)]
    days = [challenge.starts_on + timedelta(days=d) for d in range(4)]
    for _n in range(150):
        person = rng.choice(people)
        pledges = list(person.pledges.all())
        chosen = rng.sample(pledges, rng.randint(1, len(pledges)))
        statuses = {p: rng.choice(["tenu", "a-moitie", "pas-aujourdhui"]) for p in chosen}
        services.check_in(person, rng.choice(days), statuses)
    kept = _tallies(challenge)

    services.recount(challenge)

    assert _tallies(challenge) == kept
    total = services.progress(challenge).total
    assert total.held + total.half + total.missed == CheckIn.objects.count()


def test_pledges_may_be_given_by_their_ids_as_a_form_sends_them(challenge, lea):
    pledge = lea.pledges.first()

    services.check_in(lea, challenge.today(), {str(pledge.pk): "tenu"})
    with pytest.raises(DomainError) as refused:
        services.check_in(lea, challenge.today(), {"1 OR 1=1": "tenu"})

    assert refused.value.code == ChallengeErrorCode.UNKNOWN_PLEDGE
    assert list(CheckIn.objects.values_list("pledge_id", "status")) == [(pledge.pk, "tenu")]
