"""The surveys and challenges adapters: a pair proposes a draft survey or a draft challenge at
a place (the catalogue's by default), prefilled from the project, the place's team told by
mail; the project's pages read a survey with published results and a published challenge as
achieved."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from entraide.challenges.models import Challenge
from entraide.core.errors import DomainError
from entraide.projects.models import Output, OutputKind
from entraide.projects.outputs import challenges as challenges_adapter
from entraide.projects.outputs import surveys as surveys_adapter
from entraide.projects.services.starting import start_output
from entraide.projects.tests.conftest import build_project, form_pair
from entraide.surveys.models import Response, ResultsWhen, Survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey_project(catalogue):
    return build_project(
        catalogue,
        title="Enquête sur nos écrans",
        kind=OutputKind.SURVEY,
        audiences=["Étudiants"],
        description="Interroger le campus sur ses **écrans**.",
    )


@pytest.fixture
def challenge_project(catalogue):
    return build_project(
        catalogue, title="Défi de déconnexion", kind=OutputKind.CHALLENGE, summary="Dix jours."
    )


def test_a_draft_survey_is_proposed_at_the_catalogues_place_and_its_team_told(
    survey_project, place, alice, charlie
):
    pair = form_pair(survey_project, alice, charlie)

    output = start_output(
        pair, by=alice, kind=OutputKind.SURVEY, place=place, title="Nos écrans et nous"
    )

    survey = Survey.objects.get()
    assert (output.object_id, survey.place, survey.title, survey.published_at) == (
        survey.pk,
        place,
        "Nos écrans et nous",
        None,
    )
    assert survey.audience == "Étudiants"
    assert "Proposé par Alice et Charlie" in survey.description
    assert sorted(m.to[0] for m in mail.outbox) == ["bob@example.org", "charlie@example.org"]
    to_team = next(m for m in mail.outbox if m.to == ["bob@example.org"])
    assert f"/enquetes/gerer/{survey.slug}/" in to_team.body
    described = surveys_adapter.describe({survey.pk})[survey.pk]
    assert (described.state, described.achieved) == ("Brouillon", False)


def test_a_survey_whose_results_are_published_is_achieved_with_its_answers(place, bob):
    from entraide.surveys.tests.conftest import build_screens_survey

    survey = build_screens_survey(place, bob)
    survey.published_at = timezone.now()
    survey.results_when = ResultsWhen.WHILE_OPEN
    survey.save()
    Response.objects.bulk_create(Response(survey=survey) for _ in range(8))
    hidden = build_screens_survey(place, bob, title="Cachée")

    described = surveys_adapter.describe({survey.pk, hidden.pk})

    assert (described[survey.pk].achieved, described[survey.pk].detail) == (True, "8 réponses")
    assert described[survey.pk].url == f"/enquetes/{survey.slug}/resultats/"
    assert described[hidden.pk].achieved is False


def test_a_draft_challenge_is_proposed_with_the_pairs_dates_and_goal(
    challenge_project, place, alice, charlie
):
    pair = form_pair(challenge_project, alice, charlie)
    first = timezone.localdate() + timedelta(days=14)

    output = start_output(
        pair,
        by=charlie,
        kind=OutputKind.CHALLENGE,
        place=place,
        title="Dix jours sans écrans",
        starts_on=first,
        ends_on=first + timedelta(days=9),
        goal=300,
    )

    challenge = Challenge.objects.get()
    assert (output.object_id, challenge.place, challenge.published_at, challenge.goal) == (
        challenge.pk,
        place,
        None,
        300,
    )
    assert (challenge.starts_on, challenge.ends_on) == (first, first + timedelta(days=9))
    assert "Proposé par Alice et Charlie" in challenge.description
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "bob@example.org"]
    described = challenges_adapter.describe({challenge.pk})[challenge.pk]
    assert (described.state, described.achieved, described.url) == (
        "Brouillon",
        False,
        f"/defis/{challenge.slug}/gerer/",
    )


def test_the_challenges_own_refusal_comes_back_with_its_code_and_nothing_is_kept(
    challenge_project, place, alice, charlie
):
    pair = form_pair(challenge_project, alice, charlie)
    first = timezone.localdate() + timedelta(days=14)

    with pytest.raises(DomainError) as excinfo:
        start_output(
            pair,
            by=alice,
            kind=OutputKind.CHALLENGE,
            place=place,
            title="À l’envers",
            starts_on=first,
            ends_on=first - timedelta(days=1),
        )

    assert (excinfo.value.code, excinfo.value.field) == ("dates_in_order", "ends_on")
    assert (Challenge.objects.count(), Output.objects.count()) == (0, 0)
    assert mail.outbox == []


def test_a_published_challenge_is_achieved(place, bob):
    today = timezone.localdate()
    challenge = Challenge.objects.create(
        place=place,
        title="Défi",
        slug="defi",
        starts_on=today - timedelta(days=3),
        ends_on=today + timedelta(days=6),
        goal=100,
        published_at=timezone.now(),
    )

    described = challenges_adapter.describe({challenge.pk})[challenge.pk]

    assert (described.achieved, described.state, described.url, described.detail) == (
        True,
        "En cours",
        "/defis/defi/",
        "0 participant·e",
    )


def test_describe_costs_one_query_for_2_or_30_surveys_or_challenges(place, bob):
    today = timezone.localdate()
    surveys = [
        Survey.objects.create(place=place, title=f"E{n}", slug=f"e-{n}").pk for n in range(30)
    ]
    challenges = [
        Challenge.objects.create(
            place=place, title=f"D{n}", slug=f"d-{n}", starts_on=today, ends_on=today, goal=1
        ).pk
        for n in range(30)
    ]
    for adapter, ids in ((surveys_adapter, surveys), (challenges_adapter, challenges)):
        counts = []
        for some in (ids[:2], ids):
            with CaptureQueriesContext(connection) as queries:
                assert len(adapter.describe(some)) == len(some)
            counts.append(len(queries))
        assert counts == [1, 1]
