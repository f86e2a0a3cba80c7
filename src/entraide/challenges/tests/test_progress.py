"""The collective progress: the total against the goal (a half day counts ½), per team in
alphabetical order, the people taking part and today's check-ins, in a constant number of
queries; a participant's calendar; the self-assessments with small counts withheld; the CSV."""

import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entraide.challenges import services
from entraide.challenges.models import CheckIn, Participant
from entraide.challenges.services import Assessment
from entraide.challenges.tests.conftest import joined

pytestmark = pytest.mark.django_db


def test_the_total_counts_kept_days_and_half_of_the_halfway_ones(challenge):
    lucioles, bts = challenge.teams.get(name="Les Lucioles"), challenge.teams.get(name="BTS SIO")
    lea, sam, noa = (
        joined(challenge, 0, team=lucioles),
        joined(challenge, 1, team=bts),
        joined(challenge, 2),
    )
    for n, team in enumerate([lucioles, lucioles, bts, bts, None, None], start=3):
        joined(challenge, n, team=team)
    today, yesterday = challenge.today(), challenge.today() - timedelta(days=1)
    first, second = challenge.pledges.all()[:2]
    services.check_in(lea, today, {first: "tenu", second: "a-moitie"})
    services.check_in(lea, yesterday, {first: "tenu", second: "tenu"})
    services.check_in(sam, today, {first: "a-moitie", second: "pas-aujourdhui"})
    services.check_in(noa, yesterday, {first: "tenu"})

    progress = services.progress(challenge)

    assert (progress.total.held, progress.total.half, progress.total.missed) == (4, 2, 1)
    assert progress.total.pledge_days == 5
    assert (progress.goal, progress.percent, progress.reached) == (1000, 0, False)
    assert progress.people == 9
    assert [(t.name, t.people, t.counts.pledge_days) for t in progress.teams] == [
        ("BTS SIO", 3, 0.5),
        ("Les Lucioles", 3, 3.5),
    ]
    assert (progress.without_team.people, progress.without_team.counts.pledge_days) == (3, 1)
    assert (progress.today_people, progress.today_counts.half_units) == (2, 4)


def test_the_total_of_a_team_of_one_or_two_is_withheld_with_another_so_no_subtraction_tells_it(
    challenge,
):
    lucioles, bts = challenge.teams.get(name="Les Lucioles"), challenge.teams.get(name="BTS SIO")
    alone = joined(challenge, 0, team=bts)
    services.check_in(alone, challenge.today(), {alone.pledges.first(): "tenu"})
    for n in range(1, 4):
        joined(challenge, n, team=lucioles)
    for n in range(4, 8):
        joined(challenge, n)

    progress = services.progress(challenge)

    assert [(t.name, t.people, t.counts) for t in progress.teams] == [
        ("BTS SIO", 1, None),
        ("Les Lucioles", 3, None),
    ]
    assert (progress.without_team.people, progress.without_team.counts.held) == (4, 0)
    assert progress.total.held == 1


def test_unconfirmed_and_departed_people_are_not_counted_as_taking_part(challenge):
    joined(challenge, 0)
    services.leave(joined(challenge, 1))
    services.join(
        challenge, name="Sam", email="sam@example.org", pledges=[challenge.pledges.first()]
    )

    assert services.progress(challenge).people == 1


def _check_ins(challenge, people, days, first=0):
    """`people` more participants, in turn in no team or each team, each checking in `days`."""
    teams = [None, *challenge.teams.all()]
    for n in range(first, first + people):
        participant = joined(challenge, n, team=teams[n % 3])
        pledge = participant.pledges.first()
        for d in range(days):
            day = challenge.starts_on + timedelta(days=d)
            services.check_in(participant, day, {pledge: "tenu"})


def _queries(call):
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


def test_the_progress_costs_three_queries_with_5_or_200_check_ins(challenge):
    _check_ins(challenge, 5, 1)
    few = _queries(lambda: services.progress(challenge))
    _check_ins(challenge, 49, 4, first=5)

    assert CheckIn.objects.count() == 5 + 196
    assert few == _queries(lambda: services.progress(challenge)) == 3
    assert services.progress(challenge).total.held == 201


def test_a_participants_calendar_costs_two_queries_whatever_their_days(challenge, lea):
    pledge = lea.pledges.first()
    services.check_in(lea, challenge.starts_on, {pledge: "tenu"}, "Premier jour")
    few = _queries(lambda: services.journey(lea))
    for d in range(1, 4):
        services.check_in(lea, challenge.starts_on + timedelta(days=d), {pledge: "a-moitie"})

    assert few == _queries(lambda: services.journey(lea)) == 2
    days = services.journey(lea)
    assert len(days) == 10
    assert (days[0].statuses, days[0].note) == ({pledge.pk: "tenu"}, "Premier jour")
    assert [d.can_check_in for d in days] == [True] * 4 + [False] * 6


def test_self_assessments_withhold_means_and_small_counts(challenge):
    for n in range(4):
        joined(challenge, n, before=Assessment(screen_hours=4 + n, feeling=2))
    before, after = services.assessments(challenge)
    assert (before.answered, before.mean_hours, after.answered) == (4, None, 0)
    assert set(before.feelings.values()) == {None}

    for n in range(4, 10):
        joined(challenge, n, before=Assessment(screen_hours=4, feeling=2 if n < 9 else 4))
    before, _after = services.assessments(challenge)
    assert (before.answered, before.mean_hours, before.median_hours) == (10, 4.6, 4)
    # 9 "rather bad", 1 "rather good": every count under 5 is withheld, the 0s with the 1
    assert before.feelings == {1: None, 2: 9, 3: None, 4: None, 5: None}


def test_the_csv_gives_the_counts_by_day_and_team_and_names_nobody(challenge, lea):
    services.check_in(lea, challenge.starts_on, dict.fromkeys(lea.pledges.all(), "tenu"))
    out = io.StringIO()

    services.write_csv(challenge, out)

    lines = out.getvalue().splitlines()
    assert lines[1] == f"{challenge.starts_on:%d/%m/%Y};;2;0;0;1"
    assert "Personne" not in out.getvalue()
    assert Participant.objects.count() == 1


def test_the_summary_of_a_participants_page_tells_the_progress_in_one_query(challenge):
    assert (services.summary(challenge).total.held, services.summary(challenge).people) == (0, 0)
    _check_ins(challenge, 6, 2)
    services.leave(Participant.objects.filter(challenge=challenge).first())
    lea = Participant.objects.filter(challenge=challenge).last()
    services.check_in(lea, challenge.starts_on, {lea.pledges.first(): "a-moitie"})
    full = services.progress(challenge)

    summary = services.summary(challenge)

    assert (summary.total, summary.people, summary.percent, summary.goal) == (
        full.total,
        full.people,
        full.percent,
        full.goal,
    )
    assert summary.people == 5
    assert summary.total.half == 1
    assert _queries(lambda: services.summary(challenge)) == 1
