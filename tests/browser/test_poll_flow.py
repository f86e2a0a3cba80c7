"""In a real browser: the organiser creates a poll for workshop 2, three people answer without
an account, one edits through the private link, the organiser fixes the best slot; workshop 2
then shows its date, and an answerer registers in one click from the "date fixed" mail."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from entraide.polls.models import Poll
from entraide.workshops.models import Workshop
from tests.browser.test_walk import session_cookie

pytestmark = pytest.mark.browser

# answers per person for the four slots (2 days × 2 ranges)
PEOPLE = {
    "Amina": ("Oui", "Non", "Si besoin", "Non"),
    "Bastien": ("Si besoin", "Oui", "Oui", "Non"),
    "Chloé": ("Non", "Oui", "Oui", "Non"),
}


def answer(page, base, path, name, values):
    page.goto(base + path)
    page.get_by_label("Votre nom").first.fill(name)  # the answer's, before the comment's
    page.get_by_label("Votre adresse électronique (facultatif)").fill(
        f"{name.lower().replace('é', 'e')}@exemple.org"
    )
    for fieldset, value in zip(page.locator("fieldset.slot").all(), values, strict=True):
        fieldset.get_by_label(value, exact=True).check()
    page.get_by_role("button", name="Envoyer mes disponibilités").click()
    assert page.get_by_text("Merci, votre réponse est enregistrée.").first.is_visible()
    return page.get_by_label("Mon lien personnel").input_value()


def test_a_poll_fixes_the_date_of_workshop_2(browser, live_app):
    call_command("demo", verbosity=0)
    second = Workshop.objects.get(slug="manifeste-atelier-2")
    Poll.objects.filter(workshop=second).delete()
    Workshop.objects.filter(pk=second.pk).update(starts_at=None, ends_at=None)
    mail.outbox.clear()
    day = timezone.localdate() + timedelta(days=30)
    days = f"{day:%Y-%m-%d}\n{day + timedelta(days=2):%d/%m/%Y}"

    organiser = browser.new_context(viewport={"width": 1280, "height": 900})
    organiser.add_cookies(session_cookie(live_app, "camille@entraide.example"))
    page = organiser.new_page()
    page.goto(live_app + "/ateliers/gerer/manifeste-atelier-2/")
    page.get_by_role("link", name="Fixer la date par un sondage").click()
    assert page.get_by_label("Titre").input_value().startswith("Disponibilités pour « Atelier 2")
    page.get_by_label("Dates").fill(days)
    page.get_by_label("Plages horaires").fill("11:00-12:30\n14:00-15:30")
    page.get_by_role("button", name="Vérifier les créneaux").click()
    assert page.get_by_role("checkbox").count() == 4  # every date × range, all ticked
    page.get_by_role("button", name="Ouvrir le sondage").click()
    assert page.get_by_text("Le sondage est ouvert").is_visible()
    poll = Poll.objects.get(workshop=second)

    visitor = browser.new_context(viewport={"width": 390, "height": 844})
    phone = visitor.new_page()
    links = {name: answer(phone, live_app, poll.get_absolute_url(), name, values)
             for name, values in PEOPLE.items()}  # fmt: skip
    # Amina changes her mind through her private link: the second slot suits her after all.
    phone.goto(links["Amina"])
    phone.locator("fieldset.slot").nth(1).get_by_label("Oui", exact=True).check()
    phone.get_by_role("button", name="Enregistrer ma réponse").click()
    assert phone.get_by_text("Votre réponse est modifiée.").is_visible()
    totals = phone.get_by_role("table", name=re.compile("Totaux, 3 réponses"))
    assert "Meilleur créneau" in totals.locator("tr").nth(2).inner_text()  # slot 2: 3 × oui

    page.goto(live_app + f"/sondages/gerer/{poll.slug}/")
    assert page.get_by_role("radio").nth(1).is_checked()  # the best slot is proposed
    page.get_by_role("button", name="Fixer cette date").click()
    assert page.get_by_text("Amina (amina@exemple.org)").is_visible()  # among those told
    assert second.polls.get().chosen_slot is None  # the confirmation page changes nothing
    page.get_by_role("button", name="Oui, fixer cette date").click()
    assert page.get_by_text("La date est fixée").is_visible()

    phone.goto(live_app + second.get_absolute_url())
    second.refresh_from_db()
    assert second.starts_at == poll.slots.all()[1].starts_at
    when = phone.locator("dl.facts dd").first.inner_text()
    assert when.endswith("14:00–15:30")  # Paris, the site's zone: not named
    assert phone.get_by_role("button", name="M’inscrire").is_visible()
    fixed = {m.to[0]: m for m in mail.outbox if m.subject.startswith("[Entraide] Date fixée")}
    assert {"amina@exemple.org", "bastien@exemple.org", "chloe@exemple.org"} <= set(fixed)
    # Chloé holds no seat yet: her mail says so and registers her in one click.
    body = fixed["chloe@exemple.org"].body
    assert "Vous n’êtes pas encore inscrit·e à cet atelier" in body
    one_click = re.search(r"https?://\S+?(/sondages/\S+/inscription/\S+/)", body).group(1)
    phone.goto(live_app + one_click)
    phone.get_by_role("button", name="M’inscrire").click()
    assert phone.get_by_text("Votre place est confirmée pour « ").is_visible()
    assert phone.get_by_text("Confirmée", exact=True).is_visible()
    organiser.close()
    visitor.close()
