"""Demo data: the students' "défi solidaire de déconnexion" on the campus (seed 000: "être à
l'initiative d'un défi solidaire de déconnexion"), ten days started four days ago, with three
teams, 36 participants and their check-ins (through the service, so that the tallies are
those of the rows), and three testimonies, one waiting for moderation."""

import random
from datetime import timedelta

from django.apps import apps
from django.db import transaction
from django.utils import timezone, translation

from entraide.challenges import services
from entraide.challenges.models import LINK_PURPOSE, Challenge, Participant, Status
from entraide.core.tokens import new_keyed_link
from entraide.places.models import Place

SLUG = "dix-jours-sans-ecran-de-loisir"
DESCRIPTION = (
    "Dix jours pour reprendre la main sur nos écrans, **ensemble** : chacune et chacun choisit "
    "ses engagements, note chaque soir comment ils ont tenu (en deux touches), et nos "
    "journées s'additionnent vers un objectif commun.\n\n"
    "Pas de classement, pas de série à tenir : un jour oublié se rattrape, un jour raté "
    "compte aussi. Vos journées restent privées ; seul le total du groupe est public."
)
PLEDGES = [
    "Pas de réseaux sociaux",
    "Téléphone hors de la chambre la nuit",
    "Pas d'écran pendant les repas",
    "Une heure dehors sans téléphone",
]
TEAMS = ["L3 Humanités numériques", "Personnel de la BU", "Centre social Les Aubes"]
NAMES = [
    "Inès", "Hugo", "Maëlle", "Yanis", "Chloé", "Nathan", "Jade", "Rayan", "Lina", "Théo",
    "Zoé", "Adam", "Manon", "Sacha", "Louise", "Amir", "Clara", "Noé", "Sarah", "Jules",
    "Ambre", "Malik", "Lou", "Enzo", "Rose", "Ilyes", "Anna", "Gabin", "Nour", "Tom",
    "Éléonore", "Bilal", "Capucine", "Samuel", "Yasmine", "Paul",
]  # fmt: skip
TESTIMONIES = [
    ("Le téléphone dans la cuisine la nuit : je m'endors plus tôt, et je lis à nouveau.", True),
    ("Les repas sans écran avec mes enfants, on se parle vraiment. On continue après.", False),
    ("Difficile les deux premiers jours, puis on n'y pense plus.", None),  # waiting
]


def _challenge(campus, today):
    challenge = services.create_challenge(
        campus,
        by=None,
        fields={
            "title": "Dix jours sans écran de loisir",
            "description": DESCRIPTION,
            "starts_on": today - timedelta(days=4),
            "ends_on": today + timedelta(days=5),
            "goal": 1000,
            "goal_wording": "1 000 journées sans écran de loisir ensemble",
            "activities": "Balade au jardin des plantes, mercredi 17 h\nSoirée jeux de société "
            "à la BU, vendredi 18 h",
        },
        pledges=PLEDGES,
        teams=TEAMS,
    )
    if apps.is_installed("entraide.workshops"):
        from entraide.workshops.models import Workshop

        services.set_workshops(
            challenge, activities=Workshop.objects.filter(slug="sante-ecrans-sur-le-campus")
        )
    return services.publish(challenge)


def _participants(challenge, rng, today):
    teams = [None, *challenge.teams.all()]
    pledges = list(challenge.pledges.all())
    people = []
    for n, name in enumerate(NAMES):
        key, digest = new_keyed_link(LINK_PURPOSE)
        participant = Participant.objects.create(
            challenge=challenge,
            display_name=name,
            email=f"defi{n:02}@entraide.example",
            link_key=key,
            token_digest=digest,
            team=teams[n % 4],
            confirmed_at=timezone.now(),
            reminder_hour=rng.choice([None, 20, 21]),
            before_screen_hours=rng.randint(2, 8),
            before_feeling=rng.choice([1, 2, 2, 3, 3, 4]),
        )
        participant.pledges.set(rng.sample(pledges, rng.randint(1, 3)))
        people.append(participant)
    for participant in people:
        mine = list(participant.pledges.all())
        for day in challenge.days():
            if day > today or rng.random() < 0.25:  # some days not (yet) filled in
                continue
            weights = [6, 3, 2]
            statuses = {p: rng.choices(list(Status), weights)[0] for p in mine}
            services.check_in(participant, day, statuses, today=today)
    return people


def load():
    with translation.override("fr"), transaction.atomic():
        if not Challenge.objects.filter(slug=SLUG).exists():
            campus = Place.objects.get(slug="universite-paul-valery")
            challenge = _challenge(campus, Challenge(time_zone="Europe/Paris").today())
            rng = random.Random(2026)  # noqa: S311 - demo check-ins, not secrets
            people = _participants(challenge, rng, challenge.today())
            for n, (text, signed) in enumerate(TESTIMONIES):
                testimony = services.leave_testimony(people[n], text, signed=bool(signed))
                if signed is not None:
                    services.publish_testimony(testimony)
    return [f"Challenges: {Challenge.objects.count()} (/defis/)"]
