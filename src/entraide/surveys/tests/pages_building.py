"""The literal query counts of the building pages (tests/querycount.py), gathered by
test_query_counts.py."""

from entraide.surveys import services
from entraide.surveys.models import Kind
from entraide.surveys.tests.conftest import record
from tests.factories import PlaceFactory, SeriesFactory, UserFactory, WorkshopFactory
from tests.querycount import Page, Visit


def _team():
    organiser = UserFactory()
    return organiser, PlaceFactory(organisers=[organiser])


def manage_place(n):
    """`n` drafts, `n` open surveys and `n` closed ones, each with `n` answers."""
    organiser, place = _team()
    titles = []
    for i in range(n):
        for state in ("brouillon", "ouverte", "close"):
            survey = services.create_survey(
                place, by=organiser, fields={"title": f"Enquête {state} {i}"}
            )
            services.add_question(survey.sections.get(), kind=Kind.SHORT_TEXT, text="Un mot")
            if state != "brouillon":
                services.publish(survey)
            for _ in range(n):
                record(survey, {"Un mot": "Oui"})
            if state == "close":
                services.close(survey, by=organiser)
            titles.append(survey.title)
    return Visit(f"/enquetes/gerer/lieu/{place.slug}/", user=organiser, shows=titles)


OF_EACH_KIND = [
    (Kind.SINGLE, {"choices": ["A", "B"]}),
    (Kind.SCALE, {"scale_min": 1, "scale_max": 5}),
    (Kind.NUMBER, {"number_min": 0, "number_max": 10}),
]


def manage(n):
    """A published survey of `n` sections of `n` questions (choices, scales, numbers), one of
    them answered, `n` answers in all."""
    organiser, place = _team()
    survey = services.create_survey(
        place,
        by=organiser,
        fields={"title": "Bilan", "workshop": WorkshopFactory(place=place)},
    )
    texts = []
    for s in range(n):
        section = survey.sections.get() if s == 0 else services.add_section(survey)
        for q in range(n):
            text = f"Question {s}-{q}"
            kind, options = OF_EACH_KIND[q % 3]
            services.add_question(section, kind=kind, text=text, **options)
            texts.append(text)
    services.publish(survey)
    for _ in range(n):
        record(survey, {"Question 0-0": "A"})
    return Visit(f"/enquetes/gerer/{survey.slug}/", user=organiser, shows=texts)


def settings_form(n, *, create):
    """The settings form offers the place's `n` workshops and `n` series."""
    organiser, place = _team()
    workshops = WorkshopFactory.create_batch(n, place=place)
    series = SeriesFactory.create_batch(n, place=place)
    shows = [w.title for w in workshops] + [s.title for s in series]
    if create:
        return Visit(f"/enquetes/gerer/lieu/{place.slug}/nouvelle/", user=organiser, shows=shows)
    survey = services.create_survey(place, by=organiser, fields={"title": "Bilan"})
    return Visit(f"/enquetes/gerer/{survey.slug}/modifier/", user=organiser, shows=shows)


PAGES = [
    Page("surveys:manage_place", 5, manage_place),
    Page("surveys:manage", 8, manage),
    Page("surveys:create", 6, lambda n: settings_form(n, create=True)),
    Page("surveys:edit", 6, lambda n: settings_form(n, create=False)),
]
