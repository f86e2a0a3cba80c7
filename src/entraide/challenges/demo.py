"""Demo data: the "défi solidaire de déconnexion" of the Maison pour tous Voltaire (seed 000:
"être à l'initiative d'un défi solidaire de déconnexion"), after its "Lève les yeux" workshop:
ten days started four days ago, four pledges, two classes and a group of parents as teams, 40
participants (Léa among them, through her account) and their check-ins (through the service,
so that the tallies are those of the rows), a buddy pair, and testimonies, one waiting for
moderation. Goal: 300 days."""

import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.apps import apps
from django.db import transaction
from django.utils import timezone, translation

from entraide.challenges import services
from entraide.challenges.models import LINK_PURPOSE, Challenge, Participant, Status
from entraide.core.tokens import new_keyed_link
from entraide.places.models import Place

PARIS = ZoneInfo("Europe/Paris")
SLUG = "defi-solidaire-de-deconnexion-10-jours"
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
TEAMS = ["4e B du collège Voltaire", "3e A du collège Voltaire", "Parents du quartier"]
NAMES = [
    "Inès",
    "Hugo",
    "Maëlle",
    "Yanis",
    "Chloé",
    "Nathan",
    "Jade",
    "Rayan",
    "Lina",
    "Théo",
    "Zoé",
    "Adam",
    "Manon",
    "Sacha",
    "Louise",
    "Amir",
    "Clara",
    "Noé",
    "Sarah",
    "Jules",
    "Ambre",
    "Malik",
    "Lou",
    "Enzo",
    "Rose",
    "Ilyes",
    "Anna",
    "Gabin",
    "Nour",
    "Tom",
    "Éléonore",
    "Bilal",
    "Capucine",
    "Samuel",
    "Yasmine",
    "Paul",
    "Maya",
    "Ibrahim",
    "Léon",
]  # fmt: skip (and Léa, through her account: 40 people)
TESTIMONIES = [
    ("Le téléphone dans la cuisine la nuit : je m'endors plus tôt, et je lis à nouveau.", True),
    ("Les repas sans écran avec mes enfants, on se parle vraiment. On continue après.", False),
    ("Difficile les deux premiers jours, puis on n'y pense plus.", None),  # waiting
]


def _preparatory_workshop(place, today):
    """The "Lève les yeux" workshop that prepared the challenge, held a week before it."""
    from entraide.workshops.models import Mode, Status, Theme, Workshop

    start = datetime.combine(today - timedelta(days=11), time(14, 30), tzinfo=PARIS)
    workshop, _created = Workshop.objects.update_or_create(
        slug="leve-les-yeux-preparer-le-defi",
        defaults={
            "place": place,
            "title": "Lève les yeux : préparer le défi de déconnexion",
            "summary": "L'atelier de préparation du défi solidaire, classe par classe.",
            "description": "Quiz sur l'économie de l'attention, témoignages, et chacun choisit "
            "ses engagements pour les dix jours du **défi solidaire de déconnexion**.",
            "audience": "Les classes de 4e B et 3e A, leurs parents.",
            "theme": Theme.SCREEN_HEALTH,
            "mode": Mode.IN_PERSON,
            "address": "12 rue Voltaire, salle du rez-de-chaussée",
            "starts_at": start,
            "ends_at": start + timedelta(minutes=90),
            "capacity": 30,
            "status": Status.PUBLISHED,
        },
    )
    return workshop


def _challenge(place, today):
    challenge = services.create_challenge(
        place,
        by=None,
        fields={
            "title": "Défi solidaire de déconnexion — 10 jours",
            "description": DESCRIPTION,
            "starts_on": today - timedelta(days=4),
            "ends_on": today + timedelta(days=5),
            "goal": 300,
            "goal_wording": "300 journées sans écran de loisir ensemble",
            "activities": "Tournoi de jeux de société, mercredi 15 h, salle polyvalente\n"
            "Balade photo (sans téléphone !) au parc Voltaire, samedi 10 h\n"
            "Atelier cuisine en famille, dimanche 11 h",
        },
        pledges=PLEDGES,
        teams=TEAMS,
    )
    if apps.is_installed("entraide.workshops"):
        services.set_workshops(
            challenge,
            preparatory=[_preparatory_workshop(place, today)],
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


def _lea(challenge, rng, today):
    """Léa joins through her account (her address is verified: no mail to confirm), with a
    buddy, and has checked in most days."""
    from entraide.accounts.demo import demo_user

    lea = demo_user("lea@entraide.example")
    pledges = list(challenge.pledges.all())
    participant = services.join(
        challenge, name="Léa", pledges=[pledges[0].pk, pledges[1].pk],
        team_code=challenge.teams.get(name=TEAMS[2]).code, reminder_hour=20,
        before=services.Assessment(screen_hours=5, feeling=2), by=lea, today=today,
    ).participant  # fmt: skip
    for day in challenge.days():
        if day < today:
            statuses = {p: rng.choice([Status.HELD, Status.HELD, Status.HALF]) for p in pledges[:2]}
            services.check_in(participant, day, statuses, today=today)
    return participant


def load():
    with translation.override("fr"), transaction.atomic():
        if not Challenge.objects.filter(slug=SLUG).exists():
            voltaire = Place.objects.get(slug="maison-pour-tous-voltaire")
            today = Challenge(time_zone="Europe/Paris").today()
            challenge = _challenge(voltaire, today)
            rng = random.Random(2026)  # noqa: S311 - demo check-ins, not secrets
            people = _participants(challenge, rng, today)
            lea = _lea(challenge, rng, today)
            services.choose_buddy(lea, people[3].email)  # a buddy pair: Léa and Yanis
            services.choose_buddy(people[3], lea.email)
            for n, (text, signed) in enumerate(TESTIMONIES):
                testimony = services.leave_testimony(people[n], text, signed=bool(signed))
                if signed is not None:
                    services.publish_testimony(testimony)
    return [f"Challenges: {Challenge.objects.count()} (/defis/)"]
