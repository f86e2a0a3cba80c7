"""The literal query counts of the results pages (tests/querycount.py), gathered by
test_query_counts.py."""

from entraide.surveys import services
from entraide.surveys.models import Kind, ResultsWhen
from entraide.surveys.tests.conftest import build_screens_survey, record
from tests.factories import PlaceFactory, UserFactory
from tests.querycount import Page, Visit

WHO = ["Étudiant·e", "Personnel", "Public"]


def answered_survey(n, *, results_when=ResultsWhen.WHILE_OPEN, quotes=0):
    """The screens survey, published, with `n` × 5 responses (enough to show counts) and
    `quotes` quoted text answers."""
    organiser = UserFactory()
    place = PlaceFactory(organisers=[organiser])
    survey = build_screens_survey(place, organiser, results_when=results_when)
    services.publish(survey)
    for i in range(5 * n):
        record(
            survey,
            {
                "Vous êtes…": WHO[i % 3],
                "Heures d'écran par jour": i % 12,
                "Quelles applications ?": ["Vidéo", f"Autre chose {i}"],
                "Dépendance ressentie": 1 + i % 5,
                "Souhaitez-vous réduire ?": "Oui" if i % 2 else "Non",
                "Un mot pour le dire": f"Citation numéro {i}",
            },
        )
    survey.questions.get(kind=Kind.SHORT_TEXT).answers.filter(
        pk__in=survey.questions.get(kind=Kind.SHORT_TEXT)
        .answers.order_by("pk")[:quotes]
        .values("pk")
    ).update(quoted=True)
    return survey, organiser


def results_page(n):
    survey, _organiser = answered_survey(n, quotes=n)
    return Visit(
        f"/enquetes/{survey.slug}/resultats/",
        shows=[f"Citation numéro {i}" for i in range(n)] + [f"{5 * n} réponses"],
    )


def results_by_group(n):
    survey, _organiser = answered_survey(n)
    who = survey.questions.get(text="Vous êtes…")
    return Visit(f"/enquetes/{survey.slug}/resultats/?selon={who.pk}", shows=["Selon"])


def results_preview(n):
    survey, organiser = answered_survey(n, results_when=ResultsWhen.NOT_YET)
    return Visit(f"/enquetes/{survey.slug}/resultats/", user=organiser, shows=["Aperçu"])


def report(n):
    survey, _organiser = answered_survey(n, quotes=n)
    return Visit(
        f"/enquetes/{survey.slug}/rapport/",
        shows=[f"Citation numéro {i}" for i in range(n)] + ["Rapport réalisé le"],
    )


def publication(n):
    survey, organiser = answered_survey(n)
    return Visit(
        f"/enquetes/gerer/{survey.slug}/publication/",
        user=organiser,
        shows=["Une heure de plus, vous feriez quoi ?", "Dépendance ressentie"],
    )


def quotes(n):
    survey, organiser = answered_survey(n)
    question = survey.questions.get(kind=Kind.SHORT_TEXT)
    return Visit(
        f"/enquetes/gerer/{survey.slug}/citations/{question.pk}/",
        user=organiser,
        shows=[f"Citation numéro {i}" for i in range(5 * n)],
    )


PAGES = [
    Page("surveys:results", 6, results_page),  # survey, questions, choices, tallies, quotes, total
    Page("surveys:results by group", 6, results_by_group),
    Page("surveys:results preview", 9, results_preview),
    Page("surveys:report", 6, report),
    Page("surveys:publication", 5, publication),
    Page("surveys:quotes", 7, quotes),
]


def results_second_page(n):
    """A survey of 15 yes / no questions (two pages of results) with `n` × 5 responses: the
    second page costs what the first does."""
    organiser = UserFactory()
    place = PlaceFactory(organisers=[organiser])
    survey = services.create_survey(
        place, by=organiser, fields={"title": "Bilan", "results_when": ResultsWhen.WHILE_OPEN}
    )
    section = survey.sections.get()
    texts = [f"Question {q}" for q in range(1, 16)]
    for text in texts:
        services.add_question(section, kind=Kind.YES_NO, text=text)
    services.publish(survey)
    for i in range(5 * n):
        record(survey, dict.fromkeys(texts, "Oui" if i % 2 else "Non"))
    return Visit(
        f"/enquetes/{survey.slug}/resultats/?page=2",
        shows=["Questions 9 à 15 sur 15", f"{5 * n} réponses", "Question 15"],
    )


# survey, questions, choices, the counts, the total: no multiple choice nor text to count
PAGES.append(Page("surveys:results page 2", 5, results_second_page))
