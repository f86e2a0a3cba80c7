"""In a real browser, JavaScript off for the participants: during workshop 1 two people post
ideas under the seed's first question and support them with their dots; the projection in the
room follows; the organiser sets an off-topic idea aside, switches to drafting and writes a
section from the ideas, moving it to the top; the wall then says where each idea was taken up."""

import re

import pytest
from django.core.management import call_command

from entraide.manifestos.models import Manifesto, Phase, Section
from tests.browser.test_walk import session_cookie

pytestmark = pytest.mark.browser
SLUG = "manifeste-du-numerique-responsable-dans-les-tiers-lieux"


def post_idea(page, question, name, text):
    section = page.locator("section.question").filter(has_text=question)
    section.get_by_label("Votre nom").fill(name)
    section.get_by_label("Votre idée").fill(text)
    section.get_by_role("button", name="Mettre mon idée sur le mur").click()
    assert page.get_by_text("Merci, votre idée est sur le mur.").is_visible()


def support(page, idea):
    page.locator("li.idea").filter(has_text=idea).get_by_role("button", name="Soutenir").click()
    assert page.get_by_text("Votre gommette est posée sur l’idée.").is_visible()


def test_ideas_then_a_section_drawn_from_them(browser, live_app):
    call_command("demo", verbosity=0)
    Manifesto.objects.filter(slug=SLUG).update(phase=Phase.IDEAS)  # back to workshop 1
    manifesto = Manifesto.objects.get(slug=SLUG)
    question = manifesto.questions.first()
    url = live_app + manifesto.get_absolute_url()

    amina = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    phone = amina.new_page()
    phone.goto(url)
    assert phone.get_by_text("Maintenant : déposez vos idées").is_visible()
    post_idea(phone, question.text, "Amina", "Réparer avant de remplacer")
    support(phone, "Réparer avant de remplacer")
    support(phone, "Des outils libres")
    assert phone.get_by_text("Vos gommettes sur cette question : 2 sur 5.").is_visible()
    mine = phone.locator("li.idea").filter(has_text="Réparer avant de remplacer")
    assert "1 gommette · dont la vôtre" in mine.inner_text()

    bastien = browser.new_context(viewport={"width": 1280, "height": 900})
    laptop = bastien.new_page()
    laptop.goto(url)
    post_idea(laptop, question.text, "Bastien", "Vendez vos vieux téléphones ici !")
    support(laptop, "Réparer avant de remplacer")
    laptop.goto(f"{live_app}/manifestes/{SLUG}/questions/{question.pk}/projection/")
    laptop.get_by_role("button", name="Mettre à jour toutes les 15 secondes").click()
    assert laptop.locator('meta[http-equiv="refresh"]').count() == 1
    assert "2 gommettes" in laptop.locator("li").filter(has_text="Réparer avant").inner_text()

    organiser = browser.new_context(viewport={"width": 1280, "height": 900})
    organiser.add_cookies(session_cookie(live_app, "camille@entraide.example"))
    page = organiser.new_page()
    page.goto(f"{live_app}/manifestes/gerer/{SLUG}/idees/")
    spam = page.locator("ul.moderation > li").filter(has_text="Vendez vos vieux téléphones")
    spam.get_by_text("Mettre de côté…").click()
    spam.get_by_label("Raison, visible de toutes et tous").fill("Vente de téléphones, hors sujet.")
    spam.get_by_role("button", name="Mettre de côté").click()
    assert page.get_by_text("L’idée est mise de côté, avec sa raison.").is_visible()
    page.goto(f"{live_app}/manifestes/gerer/{SLUG}/")
    page.get_by_role("button", name="Passer à « Rédaction »").click()
    assert page.get_by_role("heading", name="Phase : Rédaction").is_visible()
    page.get_by_role("link", name="Ajouter une section", exact=True).click()
    page.get_by_label("Titre").fill("Réparer, c’est politique")
    page.get_by_role("textbox", name=re.compile(r"^Texte")).fill(
        "Nous **réparons** avant de remplacer."
    )
    page.get_by_label("Réparer avant de remplacer — Amina").check()
    page.get_by_role("button", name="Enregistrer la section").click()
    assert page.get_by_text("La section est enregistrée.").is_visible()
    for _ in range(Section.objects.filter(manifesto=manifesto).count() - 1):
        page.get_by_role("button", name="Monter Réparer, c’est politique").click()
    assert page.locator("ol.sections > li").first.inner_text().startswith("Réparer")

    phone.goto(url)
    assert phone.get_by_text("Maintenant : l’équipe du lieu rédige le texte").is_visible()
    assert phone.get_by_role("heading", name="1. Réparer, c’est politique").is_visible()
    mine = phone.locator("li.idea").filter(has_text="Réparer avant de remplacer")
    assert "reprise dans la section 1" in mine.inner_text()
    assert phone.get_by_role("button", name="Soutenir").count() == 0  # the wall is closed
    assert phone.get_by_text("raison : Vente de téléphones, hors sujet.").count() == 1
    for context in (amina, bastien, organiser):
        context.close()
