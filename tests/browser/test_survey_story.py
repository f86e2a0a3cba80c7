"""The issue's whole story of a survey, in a real browser: an organiser builds a survey about a
past workshop (five questions of five kinds) and publishes it → three people answer the open
link on phones without JavaScript → the organiser invites the workshop's registrants, one of
them answers through the mailed link, which then says it has been used → the organiser
publishes the results and picks two quotes → a visitor without an account sees the results
(a small count as "moins de 3", the two quotes, not the others) and downloads the PDF report."""

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from entraide.surveys.models import Response, Survey
from entraide.workshops import services as workshop_services
from entraide.workshops.models import RegistrationStatus, Workshop
from tests.browser.test_manifesto_story import signed_in
from tests.factories import PlaceFactory, UserFactory, WorkshopFactory

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}, "java_script_enabled": False}
WHO = "Vous êtes…"
SCALE = "Note de l’atelier"
MINUTES = "Minutes de trajet pour venir"
AGAIN = "Reviendrez-vous"
ADVICE = "Un conseil pour la suite"
QUOTED = ["Plus d’ateliers le soir, après le travail.", "Le repair café m’a appris à souder."]
NOT_QUOTED = ["La salle était trop bruyante, Jeanne du 3e étage aussi.", "Rien à redire."]


def past_workshop_with_three_registrants(place):
    workshop = WorkshopFactory(place=place, title="Réparer son téléphone")
    for name in ("amina", "bastien", "chloe"):
        workshop_services.register(workshop, by=UserFactory(email=f"{name}@example.org"))
    starts = timezone.now() - timedelta(days=2)  # it took place two days ago
    Workshop.objects.filter(pk=workshop.pk).update(
        starts_at=starts, ends_at=starts + timedelta(minutes=90)
    )
    assert (
        sorted(workshop.registrations.values_list("status", flat=True))
        == [RegistrationStatus.CONFIRMED] * 3
    )
    return workshop


def says(page, message):
    """The message shown at the top of the page after an action (waited for: the page it is on
    loads after the click)."""
    expect(page.locator(".messages")).to_have_text(message)


def field(page, label):
    """The field labelled exactly `label`, with or without Django's " :" after it."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}[\s\u00a0:]*$"))


def add_question(page, kind, text, **fields):
    page.get_by_role("link", name="+ Ajouter une question ici").click()
    page.get_by_role("link", name=kind, exact=True).click()
    field(page, "Question").fill(text)
    for label, value in fields.items():
        if label == "Échelle":
            field(page, label).select_option(label=value)
        else:
            field(page, label).fill(value)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text(text, exact=True)).to_be_visible()


def answer(page, who, scale, minutes, again, advice):
    page.get_by_role("group", name=WHO).get_by_label(who).check()
    page.get_by_role("group", name=SCALE).get_by_label(scale, exact=True).check()
    page.get_by_label(MINUTES).fill(minutes)
    page.get_by_role("group", name=AGAIN).get_by_label(again, exact=True).check()
    page.get_by_label(ADVICE).fill(advice)
    page.get_by_role("button", name="Envoyer mes réponses").click()
    expect(page.get_by_role("heading", name="Merci pour vos réponses")).to_be_visible()


def test_from_a_new_survey_to_its_published_results_and_report(browser, live_app, tmp_path):
    screens = Path(os.environ.get("SCREENS_DIR", tmp_path))
    organiser_user = UserFactory(email="camille@example.org")
    place = PlaceFactory(organisers=[organiser_user], name="La Verrière")
    workshop = past_workshop_with_three_registrants(place)

    # 1. The organiser builds the survey from the place's surveys page and publishes it.
    organiser = signed_in(browser, live_app, "camille@example.org")
    organiser.goto(f"{live_app}/enquetes/gerer/lieu/{place.slug}/")
    organiser.get_by_role("link", name="Nouvelle enquête").click()
    field(organiser, "Titre").fill("Retour sur l’atelier")
    field(organiser, "Atelier").select_option(label=workshop.title)
    organiser.get_by_role("button", name="Créer l’enquête").click()
    says(organiser, "L’enquête est créée, en brouillon\u00a0: ajoutez ses questions.")
    expect(organiser.get_by_role("heading", name="Retour sur l’atelier")).to_be_visible()
    add_question(
        organiser,
        "Choix unique",
        WHO,
        **{"Choix proposés": "Étudiant·e\nPersonnel\nPublic"},
    )
    add_question(organiser, "Échelle", SCALE, Échelle="de 1 à 5")
    add_question(
        organiser,
        "Nombre",
        MINUTES,
        **{"Plus petit nombre": "0", "Plus grand nombre": "180"},
    )
    add_question(organiser, "Oui / non", AGAIN)
    add_question(organiser, "Texte long", ADVICE)
    expect(organiser.get_by_role("heading", name="5 questions")).to_be_visible()
    organiser.get_by_role("button", name="Publier", exact=True).click()
    says(organiser, "L’enquête est publiée\u00a0: partagez son adresse.")
    survey = Survey.objects.get()
    assert survey.workshop == workshop
    assert survey.published_at is not None
    address = organiser.locator(".survey-collecting a").first.get_attribute("href")
    assert address == survey.get_absolute_url()

    # 2. Three people answer the open link on phones, without JavaScript.
    for who, scale, minutes, again, advice in [
        ("Étudiant·e", "4", "15", "Oui", QUOTED[0]),
        ("Étudiant·e", "5", "30", "Oui", NOT_QUOTED[0]),
        ("Personnel", "3", "10", "Non", QUOTED[1]),
    ]:
        phone = browser.new_context(**PHONE).new_page()
        phone.goto(live_app + address)
        answer(phone, who, scale, minutes, again, advice)
        phone.context.close()
    assert Response.objects.count() == 3

    # 3. The organiser invites the workshop's registrants; one answers through the mail.
    mail.outbox.clear()
    organiser.get_by_role("link", name="Invitations et relances").click()
    organiser.get_by_role("button", name="Inviter les participant·es").click()
    expect(organiser.locator(".messages")).to_contain_text("3 personnes invitées")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "amina@example.org",
        "bastien@example.org",
        "chloe@example.org",
    ]
    (letter,) = [m for m in mail.outbox if m.to == ["bastien@example.org"]]
    assert letter.subject == "[Entraide] Enquête\u00a0: Retour sur l’atelier"
    assert "La Verrière vous invite à répondre à l’enquête «\u00a0Retour sur l’atelier\u00a0»." in (
        letter.body
    )
    link = re.search(r"https?://\S+?(/enquetes/invitation/[^/\s]+/)", letter.body).group(1)
    bastien = browser.new_context(**PHONE).new_page()
    bastien.goto(live_app + link)
    expect(bastien.locator("main")).to_contain_text("Vous avez reçu ce lien personnel")
    answer(bastien, "Étudiant·e", "4", "20", "Oui", NOT_QUOTED[1])
    bastien.goto(live_app + link)
    expect(bastien).to_have_title("Lien déjà utilisé · Retour sur l’atelier · Entraide")
    expect(
        bastien.get_by_text("Ce lien a déjà servi\u00a0: une seule réponse par invitation.")
    ).to_be_visible()
    assert Response.objects.count() == 4
    organiser.reload()
    expect(organiser.locator(".survey-facts li")).to_have_text(
        ["3 personnes invitées", "1 lien utilisé", "2 pas encore utilisés"]
    )

    # 4. The organiser publishes the results, numbers below 3 hidden, and picks two quotes.
    organiser.goto(f"{live_app}/enquetes/gerer/{survey.slug}/")
    organiser.get_by_role("link", name=re.compile("^Ce qui est publié")).click()
    organiser.get_by_label("Publiés dès maintenant, et mis à jour au fil des réponses").check()
    field(organiser, "Masquer les nombres de personnes inférieurs à").fill("3")
    published = organiser.get_by_role("group", name="Questions dont les résultats sont publiés")
    assert [published.get_by_label(q).is_checked() for q in (WHO, SCALE, MINUTES, AGAIN)] == [
        True
    ] * 4  # ticked by default; the long text is never among them, only its quotes
    assert published.get_by_label(ADVICE).count() == 0
    organiser.get_by_role("button", name="Enregistrer").click()
    says(organiser, "Ce qui est publié est enregistré.")
    organiser.get_by_role("link", name=ADVICE).click()
    expect(organiser.locator("main")).to_contain_text("4 réponses. Lisez-les avant de choisir")
    for text in QUOTED:
        organiser.get_by_role("listitem").filter(has_text=text).get_by_label(
            "Publier cette citation"
        ).check()
    organiser.get_by_role("button", name="Enregistrer les citations de cette page").click()
    says(organiser, "Les citations de cette page sont enregistrées.")

    # 5. A visitor without an account sees the results and downloads the PDF report.
    visitor = browser.new_context(**PHONE).new_page()
    visitor.goto(f"{live_app}/enquetes/")
    visitor.get_by_role("link", name="Lire les résultats").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(
        "Résultats\u00a0: Retour sur l’atelier"
    )
    visitor.screenshot(path=screens / "survey-story-results-phone.png", full_page=True)
    assert visitor.evaluate("document.documentElement.scrollWidth") <= 390
    assert visitor.locator("p.lead").inner_text() == (
        "4 réponses. Encore ouverte\u00a0: les résultats évoluent au fil des réponses."
    )
    who = visitor.locator("section.survey-result").filter(has_text=WHO)
    rows = who.locator("table.figures tr")  # in a closed <details>: read, not seen
    figures = [
        (row.locator("th").text_content(), row.locator("td").text_content()) for row in rows.all()
    ]
    assert figures == [
        ("Étudiant·e", "3 (75\u00a0%)"),
        ("Personnel", "moins de 3"),
        ("Public", "moins de 3"),
    ]
    assert who.locator("svg text").all_text_contents() == [
        "Étudiant·e — 3 (75\u00a0%)",
        "Personnel — moins de 3",
        "Public — moins de 3",
    ]
    quotes = visitor.locator("blockquote.quote").all_inner_texts()
    assert sorted(quotes) == sorted(QUOTED)
    main = visitor.locator("main").inner_text()
    for text in NOT_QUOTED:
        assert text not in main
    # Chromium shows a PDF rather than download it: fetch the link's address as it would.
    href = visitor.get_by_role("link", name="Rapport en PDF").get_attribute("href")
    report = visitor.request.get(live_app + href)
    assert report.status == 200
    assert report.headers["content-type"] == "application/pdf"
    pdf = report.body()
    assert pdf.startswith(b"%PDF-")
    assert len(pdf) > 1000
