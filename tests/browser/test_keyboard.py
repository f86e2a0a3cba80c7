"""With the keyboard alone: Tab to move, Enter to follow or send, Space to tick, and typing
into fields. At every step the focus is visible; after an error, the focus is on the summary,
whose links lead to each field. The accessibility statement names these journeys."""

import pytest
from django.core.management import call_command

from entraide.workshops.models import Workshop
from tests.browser.test_walk import session_cookie

pytestmark = pytest.mark.browser
VIEWPORT = {"width": 390, "height": 844}

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    cls: el.className,
    text: (el.innerText || el.value || "").trim().slice(0, 80),
    // A date or time field's calendar button lives in the browser's own shadow tree, out of
    // reach of this script: our stylesheet outlines it (::-webkit-calendar-picker-indicator).
    picker: /^(date|time|datetime-local)$/.test(el.type) && !el.matches(":focus"),
    visible: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
  };
}"""


def focused(page):
    return page.evaluate(FOCUSED)


def tab_to(page, matches, limit=120):
    """Press Tab until the focused element `matches`; every element met shows its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        assert element["visible"] or element["picker"], f"focus not visible on {element}"
        if matches(element):
            return element
    raise AssertionError("never reached by Tab")


def enter_and_load(page):
    """Enter on a link or a button: wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def by_id(element_id):
    return lambda element: element["id"] == element_id


def by_text(text):
    return lambda element: element["text"] == text


def test_registering_without_an_account_with_the_keyboard_alone(browser, live_app):
    call_command("demo", verbosity=0)
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(live_app + "/ateliers/manifeste-atelier-1/")

    tab_to(page, by_id("id_name"))
    page.keyboard.type("Dominique")
    tab_to(page, by_id("id_email"))
    page.keyboard.type("dominique-sans-arobase")
    tab_to(page, by_text("M’inscrire"))
    enter_and_load(page)

    summary = focused(page)
    assert "error-summary" in summary["cls"]  # the focus starts on what went wrong
    assert "Corrigez ce qui suit" in summary["text"]
    link = tab_to(page, lambda element: element["tag"] == "a")
    assert link["text"].startswith("Votre adresse électronique :")
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "id_email"  # the link leads into the field
    page.keyboard.press("Control+A")
    page.keyboard.type("dominique@exemple.org")
    enter_and_load(page)

    assert page.get_by_role("heading", level=1).inner_text() == "Consultez votre messagerie"
    page.close()


def test_an_organiser_creates_a_workshop_with_the_keyboard_alone(browser, live_app):
    call_command("demo", verbosity=0)
    context = browser.new_context(viewport=VIEWPORT)
    context.add_cookies(session_cookie(live_app, "camille@entraide.example"))
    page = context.new_page()
    page.goto(live_app + "/espace/")

    tab_to(page, by_text("Nouvel atelier"))
    enter_and_load(page)
    tab_to(page, by_id("id_title"))
    page.keyboard.type("Atelier au clavier")
    tab_to(page, lambda element: element["tag"] == "button" and element["text"] != "")
    enter_and_load(page)  # the theme and the format are missing

    assert "error-summary" in focused(page)["cls"]
    link = tab_to(page, lambda element: element["tag"] == "a")
    assert link["text"].startswith("Thème :")
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "id_theme"  # the summary's link leads into the field
    page.keyboard.type("Num")  # a select follows what is typed
    tab_to(page, by_id("id_mode"))
    page.keyboard.type("En")
    tab_to(page, by_id("id_video_url"))
    page.keyboard.type("https://visio.exemple.org/clavier")
    tab_to(page, lambda element: element["tag"] == "button" and element["text"] != "")
    enter_and_load(page)

    workshop = Workshop.objects.get(title="Atelier au clavier")
    assert (workshop.theme, workshop.mode) == ("numerique-responsable", "en-ligne")
    context.close()


def test_answering_a_poll_with_the_keyboard_alone(browser, live_app):
    call_command("demo", verbosity=0)
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(live_app + "/sondages/dispos-pour-le-troisieme-atelier/")

    tab_to(page, by_id("id_name"))
    page.keyboard.type("Sacha")
    tab_to(page, by_text("Envoyer mes disponibilités"))
    enter_and_load(page)  # no slot answered yet

    assert "error-summary" in focused(page)["cls"]
    link = tab_to(page, lambda element: element["tag"] == "a")
    assert link["text"].startswith("mardi 29 décembre")
    page.keyboard.press("Enter")  # to the first slot's group
    answered = 0
    for _slot in range(4):
        radio = tab_to(page, lambda element: element["tag"] == "input")
        assert radio["id"].endswith("o")  # each group is one stop, starting on "Oui"
        page.keyboard.press("Space")
        answered += 1
    tab_to(page, by_text("Envoyer mes disponibilités"))
    enter_and_load(page)

    assert page.get_by_text("Merci").first.is_visible()
    assert answered == 4
    page.close()
