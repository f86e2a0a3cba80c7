"""The seed's whole story of a manifesto, in a real browser, JavaScript off for everyone but
the organiser: ideas posted and supported → the organiser drafts a section from them →
publishes V0 → a participant proposes an amendment with a rationale → others vote and comment
→ the organiser accepts it → publishes V1 → compares V0 and V1 and sees the change with its
amendment → a person signs V1 without an account and confirms through the mailed link →
downloads V1 as EPUB, which epubcheck accepts."""

import re
import subprocess

import pytest
from django.core import mail

from entraide.accounts.models import User
from entraide.manifestos import services
from entraide.manifestos.models import AmendmentStatus, Manifesto, Signature
from entraide.manifestos.tests.test_exports import epubcheck_or_skip
from entraide.places.models import Place
from tests.browser.test_manifesto_flow import post_idea, support
from tests.browser.test_walk import session_cookie

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}, "java_script_enabled": False}


def signed_in(browser, live_app, email, **options):
    context = browser.new_context(**(options or {"viewport": {"width": 1280, "height": 900}}))
    context.add_cookies(session_cookie(live_app, email))
    return context.new_page()


def switch(page, phase):
    page.get_by_role("button", name=f"Passer à «\u00a0{phase}\u00a0»").click()
    assert page.get_by_role("heading", name=f"Phase : {phase}").is_visible()


def publish(page, number, manage):
    page.get_by_role("button", name=f"Publier la version V{number}").click()
    assert page.url.endswith(f"/versions/{number}/")  # the version, at its own address
    page.goto(manage)
    assert page.get_by_role("heading", name="Phase : Version publiée").is_visible()


def test_from_the_first_ideas_to_a_signed_epub(browser, live_app, tmp_path):
    from django.core.management import call_command

    call_command("demo", verbosity=0)
    camille = User.objects.get(email="camille@entraide.example")
    manifesto = services.create_manifesto(
        Place.objects.get(slug="la-verriere"),
        by=camille,
        fields={"title": "Manifeste de la Verrière"},
    )
    question = services.pose_question(
        manifesto, text="C’est quoi un numérique responsable ?", by=camille
    )
    url = live_app + manifesto.get_absolute_url()
    manage = f"{live_app}/manifestes/gerer/{manifesto.slug}/"

    # Workshop 1: ideas and dots, on phones.
    amina = browser.new_context(**PHONE).new_page()
    amina.goto(url)
    post_idea(amina, question.text, "Amina", "Réparer avant de remplacer")
    support(amina, "Réparer avant de remplacer")
    bastien = browser.new_context(**PHONE).new_page()
    bastien.goto(url)
    support(bastien, "Réparer avant de remplacer")

    # The organiser drafts a section from the idea, then publishes V0.
    organiser = signed_in(browser, live_app, "camille@entraide.example")
    organiser.goto(manage)
    switch(organiser, "Rédaction")
    organiser.get_by_role("link", name="Ajouter une section", exact=True).click()
    organiser.get_by_label("Titre").fill("Réparer, c’est politique")
    organiser.get_by_role("textbox", name=re.compile(r"^Texte")).fill(
        "Nous réparons nos appareils avant de les remplacer."
    )
    organiser.get_by_label("Réparer avant de remplacer — Amina").check()
    organiser.get_by_role("button", name="Enregistrer la section").click()
    publish(organiser, 0, manage)
    switch(organiser, "Amendements ouverts")

    # Léa, signed in, proposes an amendment with a rationale.
    lea = signed_in(browser, live_app, "lea@entraide.example", **PHONE)
    lea.goto(url)
    lea.get_by_role("link", name=re.compile("^Proposer un amendement")).first.click()
    lea.get_by_role("textbox", name=re.compile(r"^Texte")).fill(
        "Nous réparons nos appareils avant de les remplacer, ensemble, au repair café."
    )
    lea.get_by_label("Justification").fill("Réparer seul·e décourage : le collectif aide.")
    lea.get_by_role("button", name="Proposer l’amendement").click()
    assert lea.get_by_text("Votre amendement est proposé.").is_visible()
    amendment_url = lea.url

    # Bastien votes for it and comments, without an account; Amina votes against.
    bastien.goto(amendment_url)
    bastien.get_by_label("Pour").check()
    bastien.get_by_role("button", name="Voter").click()
    bastien.get_by_label("Votre nom").fill("Bastien")
    bastien.get_by_label("Votre commentaire").fill("Oui, et nommons le repair café du lieu.")
    bastien.get_by_role("button", name="Publier mon commentaire").click()
    assert bastien.get_by_text("Oui, et nommons le repair café du lieu.").is_visible()
    amina.goto(amendment_url)
    amina.get_by_label("Contre").check()
    amina.get_by_role("button", name="Voter").click()
    totals = " ".join(amina.locator(".vote-totals").inner_text().split())
    assert "1 pour" in totals
    assert "1 contre" in totals

    # The organiser accepts it, closes the amendments and publishes V1.
    organiser.goto(amendment_url)
    decision = organiser.locator(".decide-form")
    decision.get_by_label("Accepter\u00a0: l’appliquer au texte tout de suite").check()
    decision.get_by_label("Raison").fill("Adopté au troisième atelier.")
    decision.get_by_role("button", name="Enregistrer la décision").click()
    assert manifesto.amendments.get().status == AmendmentStatus.ACCEPTED
    organiser.goto(manage)
    switch(organiser, "Amendements clos")
    publish(organiser, 1, manage)

    # Anyone compares V0 and V1 and sees the change with the amendment behind it.
    reader = browser.new_context(**PHONE).new_page()
    reader.goto(f"{url}comparer/")
    reader.get_by_role("combobox", name="De").select_option("V0")
    reader.get_by_role("combobox", name=re.compile(r"^À")).select_option("V1")
    reader.get_by_role("button", name="Comparer").click()
    change = reader.locator("main")
    assert any("repair café" in added for added in change.locator("ins").all_inner_texts())
    assert "Léa" in change.inner_text()
    assert "Réparer seul·e décourage" in change.inner_text()

    # Dominique signs V1 without an account and confirms through the mail.
    mail.outbox.clear()
    reader.goto(url)
    reader.get_by_role("link", name="Signer la version V1").click()
    reader.get_by_label("Votre nom").fill("Dominique")
    reader.get_by_label("Votre adresse électronique").fill("dominique@exemple.org")
    reader.get_by_role("button", name="Signer", exact=True).click()
    assert reader.get_by_role("heading", name="Consultez votre messagerie").is_visible()
    (confirmation,) = mail.outbox
    link = re.search(r"https?://\S+?(/manifestes/signature/[\w-]+/)", confirmation.body)
    reader.goto(live_app + link.group(1))
    reader.get_by_role("button", name="Confirmer ma signature").click()
    assert Signature.objects.get(email="dominique@exemple.org").is_confirmed
    reader.goto(f"{url}signataires/")
    assert reader.get_by_text("Dominique").is_visible()

    # And downloads V1 as EPUB, which epubcheck accepts.
    checker = epubcheck_or_skip()
    reader.goto(url)
    with reader.expect_download() as download:
        reader.get_by_role("link", name="EPUB").click()
    book = tmp_path / download.value.suggested_filename
    download.value.save_as(book)
    assert book.suffix == ".epub"
    result = subprocess.run(  # epubcheck on the book just downloaded
        [*checker, str(book)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No errors or warnings detected" in result.stdout + result.stderr
    assert Manifesto.objects.get(pk=manifesto.pk).versions.count() == 2
