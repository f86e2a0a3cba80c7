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
