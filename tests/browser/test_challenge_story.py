"""The main story of a challenge, in a real browser, on a phone without JavaScript for the
person taking part: a visitor opens a published challenge → joins with a name, an address, two
pledges and a team code typed the way people type it (lower case, spaces) → follows the mailed
link, confirms, checks in today in one tap per pledge, fills in yesterday from the calendar →
the public page shows the collective total moved → the participant leaves an anonymous
testimony, read before publication → the organiser publishes it → a visitor reads it on the
challenge's page. Screenshots go to $SCREENS_DIR when it is set."""

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import dateformat, translation
from playwright.sync_api import expect

from entraide.challenges import services
from entraide.challenges.models import Challenge, CheckIn, Participant, Testimony
from tests.browser.test_manifesto_story import signed_in
from tests.factories import PlaceFactory, UserFactory

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}, "java_script_enabled": False}
TITLE = "Dix jours sans écran de loisir"
PLEDGES = [
    "Pas de réseaux sociaux",
    "Téléphone hors de la chambre la nuit",
    "Pas d’écran pendant les repas",
]
TESTIMONY = "Le soir, j’ai retrouvé le temps de lire. Le plus dur\u00a0: le matin dans le bus."


def published_challenge(place, organiser):
    """Ten days in Paris time, started two days ago (so yesterday is its second day), three
    pledges, two teams, a goal of 1 000 pledge-days, already published."""
    starts_on = Challenge(time_zone="Europe/Paris").today() - timedelta(days=2)
    challenge = services.create_challenge(
        place,
        by=organiser,
        fields={
            "title": TITLE,
            "description": "Ensemble, **dix jours** pour reprendre la main.",
            "starts_on": starts_on,
            "ends_on": starts_on + timedelta(days=9),
            "goal": 1000,
        },
        pledges=PLEDGES,
        teams=("BTS SIO", "Les Lucioles"),
    )
    return services.publish(challenge)


def total_shown(page) -> float:
    """The collective total the challenge's page shows ("3 journées sur 1 000")."""
    text = re.sub(r"[\u00a0\u202f]", " ", page.locator("#total").inner_text()).strip()
    found = re.fullmatch(r"([\d ]+(?:,5)?) journées? sur 1 000", text)
    assert found, f"unexpected total: {text!r}"
    figure = found.group(1).replace(" ", "").replace(",", ".")
    return float(figure)


def visitor_page(browser, live_app, path):
    """A new phone without any cookie (the page cache serves such visitors)."""
    page = browser.new_context(**PHONE).new_page()
    page.goto(live_app + path)
    return page


def says(page, message):
    expect(page.locator(".messages")).to_contain_text(message)


def written(day, how) -> str:
    """A day as the pages write it: "D j b" in the calendar ("mer. 25 nov."), "l j F" in
    the messages ("mercredi 25 novembre")."""
    with translation.override("fr"):
        return dateformat.format(day, how)


def tap(page, pledge, status):
    page.get_by_role("group", name=pledge).get_by_role("button", name=status).click()


def test_a_visitor_joins_checks_in_testifies_and_the_organiser_publishes(
    browser, live_app, tmp_path
):
    screens = Path(os.environ.get("SCREENS_DIR", tmp_path))
    camille = UserFactory(email="camille@example.org")
    place = PlaceFactory(organisers=[camille], name="La Verrière")
    challenge = published_challenge(place, camille)
    lucioles = challenge.teams.get(name="Les Lucioles")
    # Someone already took part: the total does not start from nothing.
    other = services.confirm(
        services.join(
            challenge,
            name="Sam",
            email="sam@example.org",
            pledges=list(challenge.pledges.all()[:1]),
        ).participant
    )
    today = challenge.today()
    yesterday = today - timedelta(days=1)
    first_pledge = challenge.pledges.get(text=PLEDGES[0])
    services.check_in(other, yesterday, {first_pledge: "tenu"})

    # 1. A visitor on a phone opens the challenge's page and reads where the group is.
    visitor = visitor_page(browser, live_app, challenge.get_absolute_url())
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.locator("main")).to_contain_text("Jour 3 sur 10")
    before = total_shown(visitor)
    assert before == 1
    expect(visitor.locator("main")).to_contain_text("1 personne participe")

    # 2. They follow "Participer" and join with two pledges and their team's code, typed in
    # lower case with spaces.
    visitor.get_by_role("link", name="Participer au défi").first.click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Participer au défi")
    visitor.get_by_label("Votre nom ou un pseudonyme").fill("Léa")
    visitor.get_by_label("Votre adresse électronique").fill("lea@example.org")
    pledges = visitor.get_by_role("group", name="Vos engagements")
    pledges.get_by_label(PLEDGES[0]).check()
    pledges.get_by_label(PLEDGES[2]).check()
    typed = " ".join([lucioles.code[:3].lower(), lucioles.code[3:].lower()])
    assert typed != lucioles.code
    visitor.get_by_label("Code d’équipe (facultatif)").fill(f" {typed} ")
    mail.outbox.clear()
    visitor.get_by_role("button", name="Participer", exact=True).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Consultez votre messagerie")
    expect(visitor.locator("main")).to_contain_text("lea@example.org")
    assert visitor.evaluate("document.documentElement.scrollWidth") <= 390

    # 3. The mail brings the private link: confirm, check in today, fill in yesterday.
    (letter,) = mail.outbox
    assert letter.to == ["lea@example.org"]
    assert letter.subject == f"[Entraide] Confirmez votre participation\u00a0: {TITLE}"
    assert "Bonjour Léa," in letter.body
    link = re.search(r"https?://\S+?(/defis/[^\s]+/moi/[^\s]+/)", letter.body).group(1)
    visitor.goto(live_app + link)
    expect(visitor.locator("main")).to_contain_text("Bonjour Léa")
    visitor.get_by_role("button", name="Confirmer ma participation").click()
    says(visitor, "Votre participation est confirmée. Bienvenue\u00a0!")
    main = visitor.locator("main")
    mine = visitor.get_by_role("region", name="Mon défi")
    expect(mine.locator("dt:text-is('Équipe') + dd")).to_have_text("Les Lucioles")
    expect(mine.locator("ul.pledges li")).to_have_text([PLEDGES[0], PLEDGES[2]])
    tap(visitor, PLEDGES[0], "Tenu")
    says(visitor, f"Enregistré pour {written(today, 'l j F')}. Merci\u00a0!")
    tap(visitor, PLEDGES[2], "Tenu")
    expect(visitor.locator("button[aria-pressed=true]")).to_have_text(["✓ Tenu", "✓ Tenu"])
    calendar = visitor.locator("#calendrier")
    expect(calendar).to_contain_text("2 tenus")

    calendar.get_by_role("link").filter(has_text=written(yesterday, "D j b")).click()
    expect(main).to_contain_text("Une journée oubliée")
    tap(visitor, PLEDGES[0], "Tenu")
    tap(visitor, PLEDGES[2], "À moitié")
    # Every pledge said: back to their page, at the calendar.
    expect(visitor).to_have_url(live_app + link + "#calendrier")
    says(visitor, f"Enregistré pour {written(yesterday, 'l j F')}. Merci\u00a0!")
    visitor.screenshot(path=screens / "challenge-story-calendar-phone.png", full_page=True)
    assert visitor.evaluate("document.documentElement.scrollWidth") <= 390
    yesterday_cell = calendar.get_by_role("listitem").filter(has_text=written(yesterday, "D j b"))
    expect(yesterday_cell).to_contain_text("1 tenu, 1 à moitié")
    me = Participant.objects.get(email="lea@example.org")
    assert me.team == lucioles
    assert CheckIn.objects.filter(participant=me).count() == 4

    # 4. The public page shows the collective total moved, to a visitor without a cookie.
    public = visitor_page(browser, live_app, challenge.get_absolute_url())
    after = total_shown(public)
    assert after == before + 3.5
    expect(public.locator("main")).to_contain_text("2 personnes participent")
    public.context.close()

    # 5. The participant leaves an anonymous testimony, read before it is published.
    visitor.goto(live_app + link)
    visitor.get_by_role("link", name="Témoigner").click()
    visitor.get_by_role("textbox", name="Mon témoignage").fill(TESTIMONY)
    expect(visitor.get_by_label("Signer mon témoignage")).not_to_be_checked()
    visitor.get_by_role("button", name="Envoyer mon témoignage").click()
    says(visitor, "Merci\u00a0! Votre témoignage sera publié une fois lu par l’équipe du défi.")
    (testimony,) = Testimony.objects.all()
    assert not testimony.signed
    testimonies = visitor_page(browser, live_app, challenge.testimonies_url())
    expect(testimonies.locator("main")).to_contain_text("Aucun témoignage publié pour le moment.")
    expect(testimonies.locator("main")).not_to_contain_text("retrouvé le temps de lire")

    # 6. The organiser, signed in, reads it on the moderation page and publishes it.
    organiser = signed_in(browser, live_app, "camille@example.org")
    organiser.goto(live_app + challenge.manage_url())
    organiser.get_by_role("link", name="Témoignages (1 en attente)").click()
    waiting = organiser.get_by_role("region", name="1 en attente")
    expect(waiting.locator("blockquote")).to_contain_text("retrouvé le temps de lire")
    expect(waiting).to_contain_text("Anonyme")
    waiting.get_by_role("button", name="Publier").click()
    says(organiser, "Le témoignage est publié.")
    expect(organiser.get_by_role("region", name="0 en attente")).to_contain_text(
        "Aucun témoignage en attente"
    )

    # A visitor now reads it, anonymous, on the challenge's page and on the testimonies page.
    public = visitor_page(browser, live_app, challenge.get_absolute_url())
    shown = public.get_by_role("region", name="Témoignages").locator("figure.testimony")
    expect(shown).to_have_count(1)
    expect(shown.locator("blockquote")).to_have_text(TESTIMONY)
    expect(shown.locator("figcaption")).to_have_text("— Anonyme")
    public.screenshot(path=screens / "challenge-story-public-phone.png", full_page=True)
    testimonies.reload()
    expect(testimonies.locator("figure.testimony blockquote")).to_have_text(TESTIMONY)
    for page in (visitor, public, testimonies, organiser):
        page.context.close()
