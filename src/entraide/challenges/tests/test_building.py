"""Organisers build a challenge: dates, time zone, goal, pledges, teams with readable codes,
linked workshops; bad input is refused with a code and leaves nothing behind."""

from datetime import date

import pytest

from entraide.challenges import services
from entraide.challenges.errors import ChallengeErrorCode
from entraide.challenges.models import Challenge, Team
from entraide.challenges.services.building import CODE_ALPHABET
from entraide.challenges.tests.conftest import PLEDGES, build_challenge
from entraide.core.errors import DomainError
from tests.factories import PlaceFactory, WorkshopFactory

pytestmark = pytest.mark.django_db

FIELDS = {"title": "Défi", "starts_on": date(2031, 3, 1), "ends_on": date(2031, 3, 10), "goal": 10}


def test_a_new_challenge_is_a_draft_with_its_pledges_in_order_and_a_code_per_team(place, bob):
    challenge = build_challenge(place, bob)

    assert challenge.slug == "dix-jours-sans-ecran-de-loisir"
    assert challenge.published_at is None
    assert [p.text for p in challenge.pledges.all()] == PLEDGES
    teams = list(challenge.teams.all())
    assert [t.name for t in teams] == ["BTS SIO", "Les Lucioles"]
    assert all(len(t.code) == 6 and set(t.code) <= set(CODE_ALPHABET) for t in teams)
    assert teams[0].code != teams[1].code
    assert "<strong>dix jours</strong>" in challenge.description_html


def test_the_same_title_twice_gets_two_addresses(place, bob):
    first, second = build_challenge(place, bob), build_challenge(place, bob)

    assert (first.slug, second.slug) == (
        "dix-jours-sans-ecran-de-loisir",
        "dix-jours-sans-ecran-de-loisir-2",
    )


def test_a_team_code_is_found_whatever_its_case_and_spaces(place, bob):
    challenge = build_challenge(place, bob)
    team = challenge.teams.get(name="BTS SIO")
    typed = f" {team.code[:3].lower()} -{team.code[3:]} "

    assert services.find_team(challenge, typed) == team


def test_an_unknown_team_code_is_refused_beside_its_field(place, bob):
    challenge = build_challenge(place, bob)

    with pytest.raises(DomainError) as refused:
        services.find_team(challenge, "ZZZZZZ")
    assert (refused.value.code, refused.value.field) == (
        ChallengeErrorCode.UNKNOWN_TEAM_CODE,
        "team_code",
    )


def test_a_second_team_of_the_same_name_is_refused(place, bob):
    challenge = build_challenge(place, bob)

    with pytest.raises(DomainError) as refused:
        services.add_team(challenge, "les lucioles")
    assert refused.value.code == ChallengeErrorCode.DUPLICATE_TEAM
    assert challenge.teams.count() == 2


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"ends_on": date(2031, 2, 28)}, ChallengeErrorCode.DATES_IN_ORDER, "ends_on"),
        ({"ends_on": date(2032, 3, 10)}, ChallengeErrorCode.TOO_LONG_A_CHALLENGE, "ends_on"),
        ({"time_zone": "Europe/Atlantis"}, ChallengeErrorCode.UNKNOWN_TIME_ZONE, "time_zone"),
        ({"goal": 0}, ChallengeErrorCode.GOAL_NOT_POSITIVE, "goal"),
        ({"title": "   "}, ChallengeErrorCode.EMPTY, "title"),
        ({"title": "x" * 201}, ChallengeErrorCode.TOO_LONG, "title"),
    ],
)
def test_bad_fields_are_refused_and_nothing_is_created(place, bob, changes, code, field):
    with pytest.raises(DomainError) as refused:
        services.create_challenge(place, by=bob, fields={**FIELDS, **changes}, pledges=["A"])

    assert (refused.value.code, refused.value.field) == (code, field)
    assert Challenge.objects.count() == 0


def test_a_refused_pledge_leaves_no_challenge_half_built(place, bob):
    with pytest.raises(DomainError):
        services.create_challenge(place, by=bob, fields=FIELDS, pledges=["A", "x" * 201])

    assert (Challenge.objects.count(), Team.objects.count()) == (0, 0)


def test_publishing_needs_a_pledge_to_choose_from(place, bob):
    challenge = services.create_challenge(place, by=bob, fields=FIELDS)

    with pytest.raises(DomainError) as refused:
        services.publish(challenge)
    assert refused.value.code == ChallengeErrorCode.NO_PLEDGE
    services.add_pledge(challenge, "Pas de réseaux sociaux")
    assert services.publish(challenge).is_published


def test_a_chosen_pledge_can_be_reworded_not_removed(challenge, lea):
    pledge = lea.pledges.first()

    with pytest.raises(DomainError) as refused:
        services.remove_pledge(pledge)
    assert refused.value.code == ChallengeErrorCode.PLEDGE_CHOSEN
    assert services.edit_pledge(pledge, "Pas de réseaux sociaux, même le soir").text.endswith(
        "soir"
    )


def test_workshops_of_the_place_prepare_and_accompany_the_challenge(challenge, place):
    preparing, outdoors = WorkshopFactory(place=place), WorkshopFactory(place=place)

    services.set_workshops(challenge, preparatory=[preparing], activities=[outdoors])

    assert list(challenge.preparatory_workshops.all()) == [preparing]
    assert list(challenge.activity_workshops.all()) == [outdoors]


def test_a_workshop_of_another_place_cannot_be_linked(challenge):
    elsewhere = WorkshopFactory(place=PlaceFactory(name="Ailleurs"))

    with pytest.raises(DomainError) as refused:
        services.set_workshops(challenge, preparatory=[elsewhere])
    assert refused.value.code == ChallengeErrorCode.OTHER_PLACE
    assert challenge.preparatory_workshops.count() == 0


def test_activities_are_read_one_per_line(challenge):
    services.update_challenge(challenge, changes={"activities": "Balade\n\n  Jeux de société \n"})

    assert challenge.activity_list() == ["Balade", "Jeux de société"]
