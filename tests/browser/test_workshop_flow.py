"""In a real browser, without an account: find the series, register for it, confirm by the
mailed link, see the video link, cancel, and the first on the waiting list gets the seat."""

import re

import pytest
from django.core import mail
from django.core.management import call_command

from entraide.accounts.models import User
from entraide.workshops import services
from entraide.workshops.models import Registration, Workshop

pytestmark = pytest.mark.browser
SERIES = "Vers un manifeste du numérique responsable dans les tiers-lieux"
VIDEO = "https://visio.exemple.org/commun-lundi-numerique-responsable"


@pytest.mark.parametrize(
    "viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 900}]
)
def test_register_without_an_account_confirm_cancel_and_the_next_one_is_promoted(
    browser, live_app, viewport, tmp_path
):
    call_command("demo", verbosity=0)
    first = Workshop.objects.get(slug="manifeste-atelier-1")
    Workshop.objects.filter(pk=first.pk).update(capacity=first.confirmed_count + 1)
    mail.outbox.clear()
    page = browser.new_page(viewport=viewport)

    page.goto(live_app + "/")
    page.get_by_role("link", name="Ateliers", exact=True).first.click()
    page.get_by_role("link", name=SERIES).first.click()
    assert page.get_by_role("heading", level=1).inner_text() == SERIES
    page.get_by_label("Votre nom").fill("Dominique")
    page.get_by_label("Votre adresse électronique").fill("dominique@exemple.org")
    page.get_by_role("button", name="M’inscrire au cycle complet").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Consultez votre messagerie"
    assert VIDEO not in page.content()

    # Someone with an account now waits for workshop 1, which Dominique's request will fill.
    malik = User.objects.get(email="malik@entraide.example")
    (request_mail,) = mail.outbox
    link = re.search(r"https?://\S+?(/ateliers/inscription/[\w-]+/)", request_mail.body).group(1)
    page.goto(live_app + link)
    page.get_by_role("button", name="Confirmer mon inscription").click()
    assert page.get_by_text("Votre place est confirmée pour « Atelier 1").is_visible()
    assert page.get_by_text("Confirmée", exact=True).count() == 3
    assert page.get_by_role("link", name=VIDEO).count() == 3
    page.screenshot(path=tmp_path / "private-link.png", full_page=True)
    services.register(first, by=malik)
    assert Registration.objects.get(workshop=first, user=malik).status == "en-attente"
    mail.outbox.clear()

    page.get_by_role("link", name=re.compile("Annuler mon inscription – Atelier 1")).click()
    assert page.get_by_text("Votre place revient aussitôt à la première personne").is_visible()
    assert Registration.objects.get(workshop=first, user=malik).status == "en-attente"
    page.get_by_role("button", name="Oui, annuler mon inscription").click()
    assert page.get_by_text("Votre inscription à « Atelier 1").is_visible()
    assert Registration.objects.get(workshop=first, email="dominique@exemple.org").status == (
        "annulee"
    )
    assert Registration.objects.get(workshop=first, user=malik).status == "confirmee"
    promoted = [m for m in mail.outbox if m.to == [malik.email]]
    assert [m.subject for m in promoted] == [f"[Entraide] Une place pour vous : {first.title}"]
    assert VIDEO in promoted[0].body
    page.close()
