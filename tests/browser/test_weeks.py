"""A week in the life of each role, in a real browser, on a phone and on a wide screen.

The organiser: she signs in and lands on her space; a full workshop frees a seat when someone
cancels; her daily summary says so; she fixes a poll's date through the confirmation page that
names who will be told; someone who answered registers in one click from the mail.
The participant: she cancels by mistake, and takes her seat back."""

import re

import pytest
from django.core import mail
from django.core.management import call_command

from entraide.accounts.models import User
from entraide.places.digest import send_organiser_digests
from entraide.workshops import services
from entraide.workshops.models import Registration, Workshop
from tests.browser.test_walk import session_cookie

pytestmark = pytest.mark.browser
VIEWPORTS = [{"width": 390, "height": 844}, {"width": 1280, "height": 900}]
PASSWORD = "entraide-demo"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_organisers_week(browser, live_app, viewport, tmp_path):
    call_command("demo", verbosity=0)
    first = Workshop.objects.get(slug="manifeste-atelier-1")
    Workshop.objects.filter(pk=first.pk).update(capacity=first.confirmed_count)  # full
    context = browser.new_context(viewport=viewport)
    page = context.new_page()

    page.goto(live_app + "/compte/connexion/")
    page.get_by_label("Courriel").fill("camille@entraide.example")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.locator("form:has(input[name=password]) button[type=submit]").first.click()
    assert page.url == live_app + "/espace/"  # she lands on her space
    space = page.locator("main").inner_text()
    assert "10/10 inscrit·es" in space

    lea = User.objects.get(email="lea@entraide.example")
    seat = Registration.objects.get(workshop=first, user=lea, status="confirmee")
    services.cancel(seat.pk, user=lea)  # Léa cannot come any more
    page.reload()
    assert "9/10 inscrit·es" in page.locator("main").inner_text()
    page.screenshot(path=tmp_path / "space.png", full_page=True)

    mail.outbox.clear()
    assert send_organiser_digests() >= 1  # what cron runs every hour
    (summary,) = [m for m in mail.outbox if m.to == ["camille@entraide.example"]]
    line = next(line for line in summary.body.splitlines() if first.title in line)
    assert "1 annulation" in line
    assert "1 place libre sur 10" in line

    page.get_by_role("link", name="Dispos pour le troisième atelier").click()
    page.get_by_role("button", name="Fixer cette date").click()
    told = page.locator("main").inner_text()
    assert "@" in told  # the confirmation page names who will be told
    page.get_by_role("button", name="Oui, fixer cette date").click()
    assert page.get_by_text("La date est fixée").is_visible()

    fixed = [m for m in mail.outbox if m.subject.startswith("[Entraide] Date fixée")]
    offer = next(m for m in fixed if "/inscription/" in m.body)
    one_click = re.search(r"https?://\S+?(/sondages/\S+/inscription/\S+/)", offer.body).group(1)
    respondent = browser.new_context(viewport=viewport).new_page()
    respondent.goto(live_app + one_click)
    respondent.get_by_role("button", name="M’inscrire").click()
    assert respondent.get_by_text("Votre place est confirmée pour « ").is_visible()
    third = Workshop.objects.get(slug="manifeste-atelier-3")
    assert Registration.objects.filter(workshop=third, email=offer.to[0]).get().is_confirmed
    respondent.context.close()
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_participant_cancels_by_mistake_and_takes_her_seat_back(browser, live_app, viewport):
    call_command("demo", verbosity=0)
    context = browser.new_context(viewport=viewport)
    context.add_cookies(session_cookie(live_app, "lea@entraide.example"))
    page = context.new_page()
    page.goto(live_app + "/ateliers/mes-inscriptions/")

    page.get_by_role("link", name=re.compile("Annuler mon inscription – Atelier 1")).click()
    assert "Annuler" in page.get_by_role("heading", level=1).inner_text()
    page.get_by_role("button", name="Oui, annuler mon inscription").click()
    first = Workshop.objects.get(slug="manifeste-atelier-1")
    mine = Registration.objects.filter(workshop=first, user__email="lea@entraide.example")
    assert not mine.filter(status="confirmee").exists()  # cancelled…

    page.get_by_role("button", name=re.compile("Reprendre ma place – Atelier 1")).click()
    assert mine.filter(status="confirmee").count() == 1  # …and taken back
    assert page.get_by_text("Confirmée", exact=True).first.is_visible()
    context.close()
