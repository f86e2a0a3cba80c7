"""Challenges shared by the tests: "Dix jours sans écran de loisir", ten days in Paris time,
started three days ago, with four pledges and two teams."""

from datetime import timedelta

import pytest

from entraide.challenges import services
from entraide.challenges.models import Challenge

PLEDGES = [
    "Pas de réseaux sociaux",
    "Téléphone hors de la chambre la nuit",
    "Pas d'écran pendant les repas",
    "Une heure dehors sans téléphone",
]


def build_challenge(
    place, by, *, started_days_ago=3, days=10, teams=("Les Lucioles", "BTS SIO"), **fields
):
    today = Challenge(time_zone=fields.get("time_zone", "Europe/Paris")).today()
    starts_on = today - timedelta(days=started_days_ago)
    return services.create_challenge(
        place,
        by=by,
        fields={
            "title": "Dix jours sans écran de loisir",
            "description": "Ensemble, **dix jours** pour reprendre la main.",
            "starts_on": starts_on,
            "ends_on": starts_on + timedelta(days=days - 1),
            "goal": 1000,
            "goal_wording": "1 000 journées sans écran de loisir ensemble",
            **fields,
        },
        pledges=PLEDGES,
        teams=teams,
    )


@pytest.fixture
def challenge(place, bob):
    return services.publish(build_challenge(place, bob))


def joined(challenge, n, *, team=None, pledges=None, **extra):
    """Participant n, confirmed, with the first two pledges (or `pledges`)."""
    chosen = pledges if pledges is not None else list(challenge.pledges.all()[:2])
    outcome = services.join(
        challenge,
        name=f"Personne {n}",
        email=f"personne{n}@example.org",
        pledges=chosen,
        team_code=team.code if team else "",
        **extra,
    )
    return services.confirm(outcome.participant)


@pytest.fixture
def lea(challenge):
    return joined(challenge, 0)
