"""Demo data: "Nos écrans et nous", the students' survey of the campus (seed 000: "enquêter
auprès des étudiants sur le campus, le personnel de l’université, des personnes à
l’extérieur… partager les résultats"), with 120 answers and published results; and a survey
by invitation after La Verrière's "Fresque du numérique"."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone, translation

from entraide.core.tokens import new_keyed_link
from entraide.places.models import Place
from entraide.surveys import services
from entraide.surveys.models import (
    INVITATION_LINK_PURPOSE,
    Answer,
    Invitation,
    Kind,
    Response,
    ResultsWhen,
    Survey,
)
from entraide.surveys.services.tallies import recount
from entraide.workshops.models import RegistrationStatus, Workshop

SCREENS = "nos-ecrans-et-nous"
FRESQUE = "fresque-du-numerique-votre-avis"

INTRODUCTION = (
    "Nous sommes des étudiantes et étudiants du cours *Entraide et action collective*. "
    "Nous préparons des ateliers de prévention santé-écran sur le campus et voulons "
    "d’abord comprendre nos usages, ceux du personnel et des personnes de passage.\n\n"
    "**Vos réponses sont anonymes** : ni compte, ni adresse, ni heure de réponse ne sont "
    "enregistrés. Cinq minutes suffisent. Les résultats seront présentés à l’atelier "
    "« Santé et écrans » et publiés ici."
)

WHO = ["Étudiant·e", "Personnel de l’université", "Personne extérieure"]
AGES = ["Moins de 20 ans", "20 à 25 ans", "26 à 40 ans", "41 à 60 ans", "Plus de 60 ans"]
MOMENTS = ["Le matin au réveil", "En journée", "Le soir", "La nuit, au lit"]
APPS = [
    "Réseaux sociaux", "Vidéo en ligne", "Messagerie", "Jeux", "Actualités",
    "Musique et podcasts",
]  # fmt: skip
ONE_MORE_HOUR = [
    "Je lirais enfin les livres qui s’empilent sur ma table de nuit.",
    "Plus de sport, sans doute de la course le soir.",
    "Je dormirais ! Je me couche beaucoup trop tard à cause des vidéos.",
    "J’appellerais ma grand-mère plus souvent, vraiment (pas par message).",
    "De la musique : j’ai arrêté la guitare depuis le lycée.",
    "Je cuisinerais au lieu de commander.",
    "Me promener au jardin des plantes sans regarder mon téléphone.",
    "Jouer avec mes enfants sans être interrompu par les notifications.",
    "Du bénévolat à l’épicerie solidaire.",
    "Dessiner. Je dessinais beaucoup avant.",
    "Rien de spécial, et c’est peut-être ça le problème.",
    "Apprendre l’italien pour de vrai.",
]
ONE_WORD = [
    "fatigue", "habitude", "compagnie", "réflexe", "dépendance", "outil", "évasion",
    "ennui", "lien", "culpabilité",
]  # fmt: skip
QUOTES = ONE_MORE_HOUR[:3]


def _questions(survey):
    first = survey.sections.get()
    first.title = "Qui êtes-vous ?"
    first.save()
    services.add_question(first, kind=Kind.SINGLE, text="Vous êtes…", required=True, choices=WHO)
    services.add_question(first, kind=Kind.SINGLE, text="Votre âge", choices=AGES)
    uses = services.add_section(survey, title="Vos usages")
    services.add_question(
        uses, kind=Kind.NUMBER, required=True,
        text="Combien d’heures par jour passez-vous devant un écran, hors travail et études ?",
        help_text="Une estimation suffit ; votre téléphone l’indique souvent dans ses réglages.",
        number_min=0, number_max=24,
    )  # fmt: skip
    services.add_question(
        uses, kind=Kind.SINGLE, choices=MOMENTS,
        text="À quel moment de la journée utilisez-vous le plus vos écrans ?",
    )  # fmt: skip
    services.add_question(
        uses, kind=Kind.MULTIPLE, choices=APPS, max_choices=3, allow_other=True,
        text="Quelles applications vous prennent le plus de temps ?",
        help_text="Trois au plus.",
    )  # fmt: skip
    services.add_question(
        uses, kind=Kind.YES_NO,
        text="Regardez-vous votre téléphone dans l’heure qui suit votre réveil ?",
    )  # fmt: skip
    feeling = services.add_section(survey, title="Votre ressenti")
    services.add_question(
        feeling, kind=Kind.SCALE, required=True,
        text="Vous sentez-vous dépendant·e de votre téléphone ?",
        scale_min=1, scale_max=5, label_min="Pas du tout", label_max="Tout à fait",
    )  # fmt: skip
    services.add_question(
        feeling, kind=Kind.SCALE,
        text="À quel point aimeriez-vous réduire votre temps d’écran ?",
        scale_min=0, scale_max=10, label_min="Pas du tout", label_max="Énormément",
    )  # fmt: skip
    services.add_question(
        feeling, kind=Kind.LONG_TEXT,
        text="Que feriez-vous d’une heure de plus par jour, sans écran ?",
    )  # fmt: skip
    services.add_question(
        feeling, kind=Kind.SHORT_TEXT,
        text="Un mot pour décrire votre relation aux écrans",
    )  # fmt: skip


def _screens_answers(survey, rng, today):
    """120 responses: 82 students, 25 staff, 13 people from outside; students younger, with
    more hours and more evening use."""
    questions = list(survey.questions.select_related("section").prefetch_related("choices"))
    q = {question.position + 10 * question.section.position: question for question in questions}
    who, age, hours, moment, apps, morning, dependence, reduce, hour, word = (
        q[0], q[1], q[10], q[11], q[12], q[13], q[20], q[21], q[22], q[23],
    )  # fmt: skip

    def choice(question, label):
        return next(c for c in question.choices.all() if c.label == label)

    answers = []
    groups = [0] * 82 + [1] * 25 + [2] * 13
    for n, group in enumerate(groups):
        response = Response.objects.create(survey=survey, day=today - timedelta(days=n % 14))

        def add(question, **values):
            answers.append(Answer(response=response, question=question, **values))  # noqa: B023

        add(who, choice=choice(who, WHO[group]))
        if rng.random() < 0.95:
            weights = ([30, 60, 8, 2, 0], [0, 8, 40, 45, 7], [5, 15, 30, 30, 20])[group]
            add(age, choice=choice(age, rng.choices(AGES, weights)[0]))
        mean_hours = (4.5, 2.5, 3.0)[group]
        add(hours, number=max(0, min(12, round(rng.gauss(mean_hours, 1.5) * 2) / 2)))
        if rng.random() < 0.9:
            weights = ([15, 20, 45, 20], [10, 35, 50, 5], [15, 30, 45, 10])[group]
            add(moment, choice=choice(moment, rng.choices(MOMENTS, weights)[0]))
        weights = ([70, 55, 60, 20, 10, 35], [30, 35, 55, 5, 45, 25], [40, 45, 50, 10, 40, 20])
        chosen = {rng.choices(APPS, weights[group])[0] for _ in range(rng.randint(1, 3))}
        for label in sorted(chosen):
            add(apps, choice=choice(apps, label))
        if rng.random() < 0.05:
            add(apps, text=rng.choice(["Lecture numérique", "Applications de rencontre"]))
        yes = rng.random() < (0.85, 0.6, 0.65)[group]
        add(morning, choice=choice(morning, "Oui" if yes else "Non"))
        weights = ([5, 15, 30, 32, 18], [15, 30, 30, 18, 7], [12, 25, 33, 20, 10])[group]
        add(dependence, number=rng.choices([1, 2, 3, 4, 5], weights)[0])
        if rng.random() < 0.9:
            add(reduce, number=max(0, min(10, round(rng.gauss((6.5, 5, 5.5)[group], 2)))))
        if n < 3 or rng.random() < 0.45:
            text = QUOTES[n % 3] if n < 3 else rng.choice(ONE_MORE_HOUR)
            add(hour, text=text, quoted=n < 3)
        if rng.random() < 0.5:
            add(word, text=rng.choice(ONE_WORD))
    Answer.objects.bulk_create(answers)
    recount(survey)


def _screens(now, rng):
    campus = Place.objects.get(slug="universite-paul-valery")
    survey = services.create_survey(
        campus, by=None,
        fields={
            "title": "Nos écrans et nous",
            "description": INTRODUCTION,
            "audience": "étudiant·es, personnel, grand public",
            "workshop": Workshop.objects.filter(place=campus).order_by("starts_at").first(),
            "opens_at": now - timedelta(days=14),
            "closes_at": now + timedelta(days=21),
            "results_when": ResultsWhen.WHILE_OPEN,
        },
    )  # fmt: skip
    _questions(survey)
    services.publish(survey)
    Survey.objects.filter(pk=survey.pk).update(published_at=now - timedelta(days=14))
    for question in survey.questions.filter(kind=Kind.LONG_TEXT):
        question.results_public = True  # its chosen quotes only
        question.save(update_fields=["results_public"])
    _screens_answers(survey, rng, timezone.localdate(now))


def _fresque(now):
    workshop = Workshop.objects.filter(slug="fresque-du-numerique-la-verriere").first()
    if workshop is None:
        return
    survey = services.create_survey(
        workshop.place, by=None,
        fields={
            "title": "Fresque du numérique : votre avis",
            "description": "Quelques questions pour préparer la prochaine fresque. "
            "Une seule réponse par invitation, et elle reste anonyme.",
            "audience": "participant·es de la fresque",
            "workshop": workshop,
            "invitation_only": True,
            "closes_at": now + timedelta(days=10),
            "results_when": ResultsWhen.AFTER_CLOSING,
        },
    )  # fmt: skip
    section = survey.sections.get()
    learnt = services.add_question(
        section, kind=Kind.SCALE, required=True, text="Avez-vous appris quelque chose ?",
        scale_min=1, scale_max=5, label_min="Rien", label_max="Beaucoup",
    )  # fmt: skip
    first = services.add_question(
        section, kind=Kind.SINGLE, allow_other=True,
        text="Que voulez-vous changer en premier ?",
        choices=["Garder mes appareils plus longtemps", "Moins de vidéo en ligne",
                 "Trier mes courriels et mes fichiers", "En parler autour de moi"],
    )  # fmt: skip
    services.add_question(section, kind=Kind.YES_NO, text="Recommanderiez-vous la fresque ?")
    services.add_question(section, kind=Kind.LONG_TEXT, text="Un mot pour l’équipe d’animation ?")
    services.publish(survey)
    emails = workshop.registrations.filter(status=RegistrationStatus.CONFIRMED).values_list(
        "email", flat=True
    )
    today = timezone.localdate(now)
    for n, email in enumerate(sorted(set(emails))):
        key, digest = new_keyed_link(INVITATION_LINK_PURPOSE)
        Invitation.objects.create(
            survey=survey, email=email, link_key=key, token_digest=digest,
            invited_on=today - timedelta(days=3),
            used_on=today - timedelta(days=2) if n < 6 else None,
        )  # fmt: skip
    choices = list(first.choices.all())
    for n in range(6):
        response = Response.objects.create(survey=survey, day=today - timedelta(days=2))
        Answer.objects.create(response=response, question=learnt, number=(4, 5, 3, 4, 5, 4)[n])
        Answer.objects.create(response=response, question=first, choice=choices[n % 4])
    recount(survey)


def load():
    now = timezone.now()
    with translation.override("fr"), transaction.atomic():
        if not Survey.objects.filter(slug=SCREENS).exists():
            _screens(now, random.Random(2026))  # noqa: S311 - demo answers, not secrets
        if not Survey.objects.filter(slug=FRESQUE).exists():
            _fresque(now)
    return [f"Surveys: {Survey.objects.count()} (/enquetes/)"]
