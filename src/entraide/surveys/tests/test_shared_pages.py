"""Surveys on the shared pages: the list, the home page, a place's page, the organiser space,
"My data" and account deletion."""

from datetime import timedelta

import pytest
from django.utils import timezone

from entraide.accounts.services import delete_account
from entraide.accounts.tests.test_readable_my_data import sections
from entraide.core.tokens import new_keyed_link
from entraide.surveys import services
from entraide.surveys.listing import open_surveys
from entraide.surveys.models import INVITATION_LINK_PURPOSE, Invitation, ResultsWhen
from entraide.surveys.tests.conftest import record

pytestmark = pytest.mark.django_db


def invite(survey, email):
    key, digest = new_keyed_link(INVITATION_LINK_PURPOSE)
    return Invitation.objects.create(survey=survey, email=email, link_key=key, token_digest=digest)


def test_the_list_shows_open_surveys_and_published_results_not_drafts(client, survey, place, bob):
    draft = services.create_survey(place, by=bob, fields={"title": "Brouillon secret"})
    services.publish(survey)

    page = client.get("/enquetes/").text

    assert ("Nos écrans et nous" in page, draft.title in page) == (True, False)


def test_the_home_page_and_the_place_page_list_an_open_survey(client, open_survey, place):
    assert "Nos écrans et nous" in client.get("/").text
    assert "Nos écrans et nous" in client.get(place.get_absolute_url()).text


def test_the_place_page_links_results_once_published_after_closing(client, open_survey, place, bob):
    open_survey.results_when = ResultsWhen.AFTER_CLOSING
    open_survey.save()
    assert (
        "/enquetes/nos-ecrans-et-nous/resultats/" not in client.get(place.get_absolute_url()).text
    )

    services.close(open_survey, by=bob)

    assert "/enquetes/nos-ecrans-et-nous/resultats/" in client.get(place.get_absolute_url()).text


def test_a_survey_closes_by_its_date_on_the_list(client, open_survey):
    open_survey.closes_at = timezone.now() + timedelta(seconds=1)
    open_survey.save()
    later = timezone.now() + timedelta(seconds=2)

    assert list(open_surveys(later)) == []


def test_the_organiser_space_shows_each_survey_with_its_answers(client_for, bob, open_survey):
    record(open_survey, {"Vous êtes…": "Public"})
    record(open_survey, {"Vous êtes…": "Personnel"})

    page = client_for(bob).get("/espace/").text

    assert "Nos écrans et nous" in page
    assert "Ouverte · 2 réponses" in page


def test_my_data_shows_my_invitations_and_deletion_removes_them(client_for, alice, open_survey):
    invite(open_survey, alice.email.upper())
    record(open_survey, {"Vous êtes…": "Public"})

    page = sections(client_for(alice).get("/compte/mes-donnees/").text)

    ((title, facts),) = page["Mes invitations à des enquêtes"]
    assert title == "Nos écrans et nous"
    assert ("Lien utilisé", "Non") in facts

    delete_account(alice)

    assert (Invitation.objects.count(), open_survey.responses.count()) == (0, 1)


def test_a_workshop_page_links_the_open_survey_about_it(client, place, bob):
    from entraide.surveys.tests.conftest import build_screens_survey
    from tests.factories import WorkshopFactory

    workshop = WorkshopFactory(place=place)
    survey = services.publish(build_screens_survey(place, bob, workshop=workshop))

    assert survey.get_absolute_url() in client.get(workshop.get_absolute_url()).text
