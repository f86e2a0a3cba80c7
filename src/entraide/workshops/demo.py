"""Demo data from the seeds: the series of three workshops towards a manifesto (workshop 1
online on a fixed date, 2 and 3 to be decided by polls), a screen-health workshop at the
Maison pour tous (full, with a waiting list), one on the campus, and a past one."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from entraide.accounts.demo import demo_user
from entraide.places.models import Place
from entraide.workshops.models import (
    Mode,
    Registration,
    RegistrationStatus,
    Series,
    Status,
    Theme,
    Workshop,
)

PARIS = ZoneInfo("Europe/Paris")
PEOPLE = [
    "Amina", "Bastien", "Chloé", "Daniel", "Élise", "Farid", "Gaëlle", "Hugo", "Irène",
    "Jules", "Karima", "Louis", "Manon", "Nadia", "Olivier", "Pauline", "Quentin", "Rose",
]  # fmt: skip

MANIFESTO = (
    "Nous commençons une série d’ateliers pour définir une vision commune des tiers-lieux "
    "sur le numérique responsable. Trois ateliers d’1h30 pour aboutir à la rédaction d’un "
    "manifeste qui clarifie la position des tiers-lieux sur cet enjeu de transition.\n\n"
    "## Pourquoi c’est important ?\n\n"
    "Le numérique est politique : il est urgent que des tiers-lieux puissent s’emparer de cet "
    "enjeu collectivement pour proposer une vision et un récit souhaitables du futur "
    "numérique.\n\n"
    "## Et ensuite ?\n\n"
    "La date des deux prochains ateliers sera fixée pendant le premier atelier, en se basant "
    "sur vos disponibilités."
)


def _next_weekday(weekday, at: time, weeks=0):
    today = timezone.localdate()
    days = (weekday - today.weekday()) % 7 or 7
    day = today + timedelta(days=days + 7 * weeks)
    return datetime.combine(day, at, tzinfo=PARIS)


def _workshop(slug, **fields):
    workshop, _created = Workshop.objects.update_or_create(slug=slug, defaults=fields)
    return workshop


def _register(workshop, people, status, *, start=0):
    for n, name in enumerate(people, start=start):
        email = f"{name.lower().replace('é', 'e').replace('ë', 'e')}@exemple.org"
        Registration.objects.get_or_create(
            workshop=workshop,
            email=email,
            defaults={
                "name": name,
                "status": status,
                "confirmed_at": timezone.now() if status == RegistrationStatus.CONFIRMED else None,
                "waiting_since": timezone.now() - timedelta(hours=1) + timedelta(seconds=n)
                if status == RegistrationStatus.WAITING
                else None,
            },
        )


def _recount(workshop):
    registrations = workshop.registrations
    workshop.confirmed_count = registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    workshop.waiting_count = registrations.filter(status=RegistrationStatus.WAITING).count()
    workshop.save(update_fields=["confirmed_count", "waiting_count"])


def _register_user(workshop, email, status, n=100):
    user = demo_user(email)
    Registration.objects.get_or_create(
        workshop=workshop,
        user=user,
        defaults={
            "name": user.display_name,
            "email": user.email,
            "status": status,
            "confirmed_at": timezone.now(),
            "waiting_since": timezone.now() - timedelta(hours=1) + timedelta(seconds=n)
            if status == RegistrationStatus.WAITING
            else None,
        },
    )


def load():
    verriere = Place.objects.get(slug="la-verriere")
    voltaire = Place.objects.get(slug="maison-pour-tous-voltaire")
    campus = Place.objects.get(slug="universite-paul-valery")
    series, _created = Series.objects.update_or_create(
        slug="vers-un-manifeste-du-numerique-responsable",
        defaults={
            "place": verriere,
            "title": "Vers un manifeste du numérique responsable dans les tiers-lieux",
            "summary": "Trois ateliers d’1h30 pour aboutir à un manifeste V0.",
            "description": MANIFESTO,
            "audience": "Ouvert à toustes les acteurices de tiers-lieu.",
            "theme": Theme.RESPONSIBLE_DIGITAL,
            "whole_series_preferred": True,
            "status": Status.PUBLISHED,
        },
    )
    common = {
        "place": verriere,
        "series": series,
        "theme": Theme.RESPONSIBLE_DIGITAL,
        "mode": Mode.ONLINE,
        "video_url": "https://visio.exemple.org/commun-lundi-numerique-responsable",
        "audience": "Acteurs et actrices de tiers-lieux, 15 personnes par atelier.",
        "capacity": 15,
        "status": Status.PUBLISHED,
    }
    first_start = _next_weekday(1, time(11, 0))  # a Tuesday, 11:00–12:30
    first = _workshop(
        "manifeste-atelier-1",
        position=1,
        title="Atelier 1 : Le numérique est politique, c’est quoi un numérique responsable ?",
        summary="Définir ensemble le numérique responsable, pendant le Commun lundi.",
        description="Le numérique est politique. Avant d’écrire le manifeste, prenons le "
        "temps de définir ensemble ce que serait un **numérique responsable** pour les "
        "tiers-lieux : nos usages, nos outils, nos données, et qui les détient.\n\n"
        "Le lien de visio est envoyé aux personnes inscrites.",
        starts_at=first_start,
        ends_at=first_start + timedelta(minutes=90),
        **common,
    )
    _workshop(
        "manifeste-atelier-2",
        position=2,
        title="Atelier 2 : Comment le numérique responsable vient renforcer le projet "
        "politique des tiers-lieux ?",
        summary="La date sera fixée d’après vos disponibilités.",
        **common,
    )
    _workshop(
        "manifeste-atelier-3",
        position=3,
        title="Atelier 3 : Aboutir à un manifeste V0 du numérique responsable dans les tiers-lieux",
        summary="La date sera fixée d’après vos disponibilités.",
        **common,
    )
    _register(first, PEOPLE[:9], RegistrationStatus.CONFIRMED)
    _register_user(first, "lea@entraide.example", RegistrationStatus.CONFIRMED)

    screen_start = _next_weekday(2, time(14, 30))  # a Wednesday afternoon
    full = _workshop(
        "leve-les-yeux-maison-pour-tous",
        place=voltaire,
        title="Lève les yeux : atelier de prévention santé-écran",
        summary="Comprendre l’économie de l’attention et reprendre la main sur ses écrans.",
        description="Un atelier participatif co-animé par des étudiantes et étudiants de "
        "l’université : quiz, témoignages, et de quoi lancer un **défi solidaire de "
        "déconnexion**.",
        audience="Habitantes et habitants du quartier, dès 14 ans.",
        theme=Theme.SCREEN_HEALTH,
        mode=Mode.IN_PERSON,
        address="12 rue Voltaire, salle du rez-de-chaussée",
        starts_at=screen_start,
        ends_at=screen_start + timedelta(minutes=90),
        capacity=12,
        status=Status.PUBLISHED,
    )
    _register(full, PEOPLE[:12], RegistrationStatus.CONFIRMED)
    _register(full, PEOPLE[12:15], RegistrationStatus.WAITING, start=12)
    _register_user(full, "lea@entraide.example", RegistrationStatus.WAITING, n=50)

    campus_start = _next_weekday(3, time(12, 30), weeks=1)  # a Thursday at lunchtime
    on_campus = _workshop(
        "sante-ecrans-sur-le-campus",
        place=campus,
        title="Santé et écrans : atelier sur le campus",
        summary="Un atelier de prévention pour les étudiantes, étudiants et le personnel.",
        description="Animé par les étudiantes et étudiants du cours *Entraide et action "
        "collective*, à partir des résultats de leur enquête sur le campus.",
        audience="Étudiantes, étudiants et personnel de l’université.",
        theme=Theme.SCREEN_HEALTH,
        mode=Mode.HYBRID,
        address="Bâtiment Marc Bloch, salle 104",
        video_url="https://visio.exemple.org/sante-ecrans-campus",
        starts_at=campus_start,
        ends_at=campus_start + timedelta(minutes=90),
        capacity=25,
        status=Status.PUBLISHED,
    )
    _register(on_campus, PEOPLE[3:8], RegistrationStatus.CONFIRMED)

    past_start = _next_weekday(2, time(18, 0), weeks=-3)
    past = _workshop(
        "fresque-du-numerique-la-verriere",
        place=verriere,
        title="Fresque du numérique",
        summary="Trois heures pour comprendre les impacts environnementaux du numérique.",
        theme=Theme.RESPONSIBLE_DIGITAL,
        mode=Mode.IN_PERSON,
        address="La Verrière, grande salle",
        starts_at=past_start,
        ends_at=past_start + timedelta(hours=3),
        capacity=14,
        status=Status.PUBLISHED,
    )
    _register(past, PEOPLE[5:15], RegistrationStatus.CONFIRMED)
    past.registrations.filter(email__in=["jules@exemple.org", "karima@exemple.org"]).update(
        attended=False
    )
    past.registrations.filter(attended__isnull=True).update(attended=True)

    for workshop in Workshop.objects.filter(place__in=[verriere, voltaire, campus]):
        _recount(workshop)
    return [f"Workshops: {Workshop.objects.count()}, series: {Series.objects.count()}"]
