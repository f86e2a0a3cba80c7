"""The literal query counts of the public list of surveys (tests/querycount.py)."""

from datetime import timedelta

from django.utils import timezone

from entraide.surveys import services
from entraide.surveys.models import Kind, ResultsWhen
from tests.factories import PlaceFactory, UserFactory
from tests.querycount import Page, Visit


def a_survey(place, organiser, title, **fields):
    survey = services.create_survey(place, by=organiser, fields={"title": title, **fields})
    services.add_question(survey.sections.get(), kind=Kind.YES_NO, text="Oui ?")
    return services.publish(survey)


def survey_list(n):
    """`n` places with an open survey and a closed one whose results are published."""
    titles = []
    for i in range(n):
        organiser = UserFactory()
        place = PlaceFactory(organisers=[organiser])
        titles.append(a_survey(place, organiser, f"Ouverte {i}").title)
        closed = a_survey(
            place, organiser, f"Close {i}", results_when=ResultsWhen.AFTER_CLOSING,
            closes_at=timezone.now() + timedelta(days=1),
        )  # fmt: skip
        services.close(closed, by=organiser)
        titles.append(closed.title)
    return Visit("/enquetes/", shows=titles)


PAGES = [
    Page("surveys:list", 2, survey_list),  # the count, the page (places joined)
]
