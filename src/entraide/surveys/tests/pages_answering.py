"""The literal query counts of the answering pages (tests/querycount.py), gathered by
test_query_counts.py: a survey of `n` questions (each of `n` choices) for the public pages,
`n` invitations for the organisers' page."""

from entraide.surveys import services
from entraide.surveys.models import Kind
from entraide.surveys.services import invitations
from tests.factories import PlaceFactory, UserFactory
from tests.querycount import Page, Visit


def a_survey(n, *, sections=1):
    organiser = UserFactory()
    place = PlaceFactory(organisers=[organiser])
    survey = services.create_survey(
        place, by=organiser, fields={"title": f"Enquête de {place.slug}", "audience": "public"}
    )
    section = survey.sections.get()
    for s in range(sections):
        if s:
            section = services.add_section(survey, title=f"Partie {s + 1}")
        for i in range(n):
            labels = [f"Choix {j} de la question {i}" for j in range(max(n, 2))]
            services.add_question(section, kind=Kind.MULTIPLE, text=f"Question {i}", choices=labels)
    return services.publish(survey), organiser


def detail(n):
    survey, _organiser = a_survey(n)
    return Visit(f"/enquetes/{survey.slug}/", shows=[f"Question {n - 1}", f"Choix {n - 1} de"])


def thanks(n):
    survey, _organiser = a_survey(n)
    return Visit(f"/enquetes/{survey.slug}/merci/", shows=["Merci pour vos réponses"])


def invited(n):
    survey, _organiser = a_survey(n)
    invitations.invite(survey, [f"p{i}@example.org" for i in range(n)])
    link = survey.invitations.first().get_absolute_url()
    return Visit(link, shows=[f"Question {n - 1}", "lien personnel"])


def invitation_list(n):
    survey, organiser = a_survey(1)
    invitations.invite(survey, [f"p{i}@example.org" for i in range(n)])
    return Visit(
        f"/enquetes/gerer/{survey.slug}/invitations/",
        user=organiser,
        shows=[f"{n} personne"],
    )


PAGES = [
    Page("surveys:detail", 4, detail),  # the survey, its questions, their choices, sections
    Page("surveys:thanks", 1, thanks),
    Page("surveys:invited", 4, invited),  # the invitation and its survey, then as detail
    Page("surveys:invitations", 5, invitation_list),  # session, user, survey, places, counts
]
