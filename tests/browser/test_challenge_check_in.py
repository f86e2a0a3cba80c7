"""A participant on a phone, JavaScript off: opens the private link of their mail, confirms,
checks in today each pledge in one tap, fills in yesterday from their calendar, and sees the
calendar and the collective total move. Screenshots go to $SCREENS_DIR when it is set."""

import os
from pathlib import Path

import pytest

from entraide.challenges import services
from entraide.challenges.models import CheckIn
from entraide.challenges.tests.conftest import build_challenge
from tests.factories import PlaceFactory, UserFactory

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def test_a_participant_confirms_checks_in_and_fills_in_yesterday(browser, live_app, tmp_path):
    screens = Path(os.environ.get("SCREENS_DIR", tmp_path))
    organiser = UserFactory()
    challenge = services.publish(build_challenge(PlaceFactory(organisers=[organiser]), organiser))
    first, second = list(challenge.pledges.all()[:2])
    me = services.join(
        challenge, name="Léa", email="lea@example.org", pledges=[first, second]
    ).participant
    page = browser.new_context(viewport=PHONE, java_script_enabled=False).new_page()

    page.goto(live_app + me.private_url())
    page.get_by_role("button", name="Confirmer ma participation").click()
    main = page.locator("main")
    assert "Votre participation est confirmée" in main.inner_text()
    assert "Ensemble\xa0: 0 journées-engagements" in main.inner_text()
    page.screenshot(path=screens / "challenge-private-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.get_by_role("group", name=first.text).get_by_role("button", name="Tenu").click()
    page.get_by_role("group", name=second.text).get_by_role("button", name="À moitié").click()
    assert "Ensemble\xa0: 1,5 journées-engagements" in main.inner_text()
    pressed = page.locator("button[aria-pressed=true]")
    assert pressed.all_inner_texts() == ["✓ Tenu", "✓ À moitié"]
    assert "1 tenu, 1 à moitié" in page.locator("#calendrier").inner_text()

    page.locator("#calendrier li.missing a").last.click()  # yesterday, not filled in
    assert "Une journée oubliée" in main.inner_text()
    page.get_by_role("group", name=first.text).get_by_role("button", name="Tenu").click()
    page.get_by_role("group", name=second.text).get_by_role("button", name="Tenu").click()
    page.screenshot(path=screens / "challenge-calendar-phone.png", full_page=True)

    assert "Ensemble\xa0: 3,5 journées-engagements" in main.inner_text()
    assert "2 tenus" in page.locator("#calendrier").inner_text()
    me.refresh_from_db()
    assert me.confirmed_at is not None
    assert CheckIn.objects.filter(participant=me).count() == 4
