"""A student answers a survey on an old phone: two sections, a mistake refused beside its
question, going back and forth without losing anything, then the thanks page; the answers
are all recorded. Screenshots go to $SCREENS_DIR when it is set."""

import os
from pathlib import Path

import pytest

from entraide.surveys import services
from entraide.surveys.models import Answer, Response
from entraide.surveys.tests.conftest import build_screens_survey
from tests.factories import PlaceFactory, UserFactory

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def test_a_student_answers_the_survey_on_a_phone(browser, live_app, tmp_path):
    screens = Path(os.environ.get("SCREENS_DIR", tmp_path))
    organiser = UserFactory()
    survey = services.publish(
        build_screens_survey(
            PlaceFactory(organisers=[organiser]),
            organiser,
            description="Dix minutes pour parler de **nos écrans**. Merci !",
        )
    )
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(live_app + survey.get_absolute_url())
    page.screenshot(path=screens / "survey-detail-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.get_by_label("Étudiant·e").check()
    page.get_by_role("button", name="Suivant").click()  # the hours are missing
    assert "Cette question demande une réponse." in page.locator("main").inner_text()
    page.screenshot(path=screens / "survey-error-phone.png", full_page=True)

    page.get_by_label("Heures d'écran par jour").fill("5")
    page.get_by_label("Vidéo").check()
    page.get_by_role("button", name="Suivant").click()
    assert "Section 2 sur 2" in page.locator("main").inner_text()
    page.locator("label[for$='_2']").first.click()  # the scale's 3
    page.get_by_label("Oui").check()
    page.get_by_label("Un mot pour le dire").fill("Trop")
    page.screenshot(path=screens / "survey-section-2-phone.png", full_page=True)
    page.get_by_role("button", name="Précédent").click()
    assert page.get_by_label("Heures d'écran par jour").input_value() == "5"
    page.get_by_role("button", name="Suivant").click()
    assert page.get_by_label("Un mot pour le dire").input_value() == "Trop"
    page.get_by_role("button", name="Envoyer mes réponses").click()

    assert "Merci pour vos réponses" in page.locator("main").inner_text()
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 6  # one choice, the hours, one app, scale, yes, the word


def test_the_team_invites_and_an_invited_person_answers_once(browser, live_app, tmp_path):
    from django.core import mail

    from entraide.surveys.models import Invitation
    from tests.browser.test_walk import session_cookie

    screens = Path(os.environ.get("SCREENS_DIR", tmp_path))
    organiser = UserFactory(email="camille@example.org")
    survey = services.publish(build_screens_survey(PlaceFactory(organisers=[organiser]), organiser))
    team = browser.new_context(viewport=PHONE)
    team.add_cookies(session_cookie(live_app, "camille@example.org"))
    page = team.new_page()
    page.goto(live_app + f"/enquetes/gerer/{survey.slug}/invitations/")
    page.get_by_label("Adresses à inviter").fill(
        "lea@example.org\nsam@example.org, lea@example.org"
    )
    page.get_by_role("button", name="Envoyer les invitations").click()
    assert "2 personnes invitées. 1 adresse ignorée" in page.locator("main").inner_text()
    page.screenshot(path=screens / "survey-invitations-phone.png", full_page=True)
    assert len(mail.outbox) == 2

    link = live_app + Invitation.objects.get(email="lea@example.org").get_absolute_url()
    lea = browser.new_context(viewport=PHONE).new_page()
    lea.goto(link)
    assert "Vous avez reçu ce lien personnel" in lea.locator("main").inner_text()
    lea.get_by_label("Public").check()
    lea.get_by_label("Heures d'écran par jour").fill("2.5")
    lea.get_by_role("button", name="Suivant").click()
    lea.locator("label[for$='_0']").first.click()
    lea.get_by_role("button", name="Envoyer mes réponses").click()
    assert "Merci pour vos réponses" in lea.locator("main").inner_text()
    lea.goto(link)
    assert "Ce lien a déjà servi" in lea.locator("main").inner_text()
    assert Response.objects.count() == 1


def test_the_survey_page_passes_the_audit(browser, live_app, axe_source):
    from tests.browser.audit import measure, problems_of

    organiser = UserFactory()
    survey = services.publish(build_screens_survey(PlaceFactory(organisers=[organiser]), organiser))

    result = measure(browser, live_app + survey.get_absolute_url(), axe_source=axe_source)

    assert problems_of(result) == []
