"""The "Done when" of issue 17 (the project catalogue), in a real browser, through the pages
only: a student finds the stories project of the demo's catalogue by filtering on their
audience → proposes to pair with Nathan, who is looking for a partner (first name only) → Nathan
accepts from his join page → the pair's page opens and the student starts the story, prefilled,
in the project's collection, both of them its authors; then the organiser of a second Maison pour
tous clicks "Accueillir cet atelier dans mon lieu" on the workshops project, keeps the prefilled
values, opens an availability poll with two slots → a draft series and its poll exist at her
place, and the project's page lists her place (for a visitor without a cookie too: the page
cache never shows it stale). Every page visited is measured by the walk's bars (budgets,
axe-core). Screenshots (phone width) go to $SCREENS_DIR when it is set."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from entraide.accounts.models import User
from entraide.projects.demo import SLUG, STORIES_COLLECTION
from entraide.projects.models import Hosting, Output, OutputKind, Pair, Project
from tests.browser.test_manifesto_story import signed_in
from tests.browser.test_story_flow import audited, says
from tests.factories import PlaceFactory, UserFactory

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 360, "height": 800}, "java_script_enabled": False}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
STUDENTS = "Étudiants en Lettres, Langues, Arts ou Sciences Humaines et Sociales"
CATALOGUE = f"/projets/{SLUG}/"
STORIES = "publication-de-recits-de-la-transition"
WORKSHOPS = "co-animation-d-ateliers-participatifs-et-preventifs"


def shot(page, screens, name):
    page.screenshot(path=str(screens / f"projets-{name}.png"), full_page=True)


def test_a_pair_starts_a_story_and_a_maison_pour_tous_hosts_the_workshop(
    browser, live_app, axe_source, tmp_path
):
    screens = Path(os.environ.get("SCREENS_DIR", tmp_path))
    screens.mkdir(parents=True, exist_ok=True)
    call_command("demo", verbosity=0)
    UserFactory(email="sacha@example.org", display_name="Sacha Lemoine")
    nathan = User.objects.get(email="nathan@entraide.example")
    problems = {}

    def audit(path, email=None):
        for page, found in audited(browser, live_app, path, axe_source, email).items():
            problems[f"{page} ({email or 'visitor'})"] = found

    # 1. Sacha, a student signed in on her phone, filters the catalogue on her audience.
    student = signed_in(browser, live_app, "sacha@example.org", **PHONE)
    student.goto(live_app + CATALOGUE)
    student.get_by_label("Public recommandé").select_option(label=STUDENTS)
    student.get_by_role("button", name="Filtrer").click()
    filtered = student.url.removeprefix(live_app)
    assert "?public=" in filtered
    expect(student.get_by_role("status")).to_have_text("2 projets")
    shot(student, screens, "catalogue-filtre")
    audit(filtered, "sacha@example.org")

    # She opens the stories project, then its join page: Nathan looks for a partner, and she
    # sees his first name only.
    student.get_by_role("link", name="Publication de récits de la transition").click()
    assert student.url == f"{live_app}{CATALOGUE}{STORIES}/"
    audit(f"{CATALOGUE}{STORIES}/", "sacha@example.org")
    student.get_by_role("link", name="Rejoindre en binôme").click()
    join = f"{CATALOGUE}{STORIES}/binome/"
    assert student.url == live_app + join
    seekers = student.locator("section[aria-labelledby=seekers-title] li.card")
    expect(seekers).to_have_count(1)
    expect(seekers.locator("strong")).to_have_text("Nathan")
    audit(join, "sacha@example.org")
    seekers.get_by_role("button", name="Proposer de faire binôme").click()
    expect(student.locator("main")).to_contain_text("Vous avez proposé à Nathan")
    shot(student, screens, "proposition")

    # 2. Nathan, in his own browser, accepts from his join page.
    other = signed_in(browser, live_app, "nathan@entraide.example", **DESKTOP)
    other.goto(live_app + "/projets/mes-projets/")
    audit("/projets/mes-projets/", "nathan@entraide.example")
    other.get_by_role("link", name="Publication de récits de la transition").first.click()
    assert other.url == live_app + join
    audit(join, "nathan@entraide.example")
    received = other.locator("section[aria-labelledby=received-title]")
    expect(received).to_contain_text("Sacha vous propose de faire ce projet ensemble.")
    received.get_by_role("button", name="Accepter").click()
    pair = Pair.objects.get(project__slug=STORIES, members__user=nathan)
    assert pair.formed_at is not None
    assert sorted(pair.members.values_list("user__email", flat=True)) == [
        "nathan@entraide.example",
        "sacha@example.org",
    ]

    # 3. Sacha finds the pair's page from "mes projets" and starts the story, prefilled.
    student.goto(live_app + "/projets/mes-projets/")
    expect(student.locator("main")).to_contain_text("Avec Nathan")
    student.get_by_role("link", name="La page de votre binôme").click()
    assert student.url == live_app + pair.get_absolute_url()
    audit(pair.get_absolute_url(), "sacha@example.org")
    expect(student.get_by_label("Titre")).to_have_value("Publication de récits de la transition")
    shot(student, screens, "binome")
    student.get_by_role("button", name="Commencer le récit").click()
    says(student, "Votre récit est lancé, avec vous deux comme auteur·rices.")
    output = Output.objects.get(pair=pair)
    assert output.kind == OutputKind.STORY
    from entraide.stories.models import Story

    story = Story.objects.get(pk=output.object_id)
    assert story.collection.slug == STORIES_COLLECTION
    assert story.title == "Publication de récits de la transition"
    assert sorted(story.authors.values_list("user__email", flat=True)) == [
        "nathan@entraide.example",
        "sacha@example.org",
    ]
    assert student.url == live_app + story.edit_url()
    audit(story.edit_url(), "sacha@example.org")
    student.goto(live_app + pair.get_absolute_url())
    started = student.locator("section[aria-labelledby=started-title]")
    expect(started).to_contain_text("Publication de récits de la transition")

    # 4. Awa runs a second Maison pour tous: she hosts the workshops project there.
    awa = UserFactory(email="awa@example.org", display_name="Awa Diallo")
    maison = PlaceFactory(
        name="Maison pour tous Léo Lagrange", slug="maison-pour-tous-leo-lagrange", organisers=[awa]
    )
    visitor = browser.new_context(**PHONE).new_page()
    project_path = f"{CATALOGUE}{WORKSHOPS}/"
    visitor.goto(live_app + project_path)  # kept by the page cache from now on
    expect(visitor.locator("section[aria-labelledby=lieux]")).not_to_contain_text(maison.name)

    organiser = signed_in(browser, live_app, "awa@example.org", **PHONE)
    organiser.goto(live_app + project_path)
    audit(project_path, "awa@example.org")
    organiser.get_by_role("link", name="Accueillir cet atelier dans mon lieu").click()
    host_path = f"{project_path}accueillir/"
    assert organiser.url == live_app + host_path
    audit(host_path, "awa@example.org")
    expect(organiser.get_by_label("Titre")).to_have_value(
        "Co-animation d’ateliers participatifs et préventifs"
    )
    expect(organiser.get_by_label("Nombre d’ateliers")).to_have_value("3")
    organiser.get_by_label(maison.name).check()
    organiser.get_by_label("Ouvrir un sondage de disponibilité").check()
    days = [timezone.localdate() + timedelta(days=n) for n in (20, 27)]
    for number, day in enumerate(days, start=1):
        organiser.get_by_label(f"Date {number}", exact=True).fill(day.isoformat())
        organiser.get_by_label(f"Heure de début {number}", exact=True).fill("18:30")
    shot(organiser, screens, "accueillir")
    organiser.get_by_role("button", name="Créer le brouillon").click()
    says(organiser, "sondage de disponibilité est ouvert")
    hosting = Hosting.objects.get(project__slug=WORKSHOPS, place=maison)
    assert hosting.series_id is not None
    assert hosting.poll_id is not None
    from entraide.polls.models import Poll
    from entraide.workshops.models import Series, Status, Workshop

    series = Series.objects.get(pk=hosting.series_id)
    assert (series.place, series.status) == (maison, Status.DRAFT)
    drafts = Workshop.objects.filter(series=series)
    assert drafts.count() == 3
    assert {w.place_id for w in drafts} == {maison.pk}
    assert {w.status for w in drafts} == {Status.DRAFT}
    poll = Poll.objects.get(pk=hosting.poll_id)
    assert poll.place == maison
    assert poll.slots.count() == 2
    audit(organiser.url.removeprefix(live_app), "awa@example.org")

    # The project's page lists her place, for her and for a visitor without a cookie.
    organiser.goto(live_app + project_path)
    places = organiser.locator("section[aria-labelledby=lieux]")
    expect(places).to_contain_text("Maison pour tous Léo Lagrange")
    expect(places).to_contain_text("Maison pour tous Voltaire")
    visitor.goto(live_app + project_path)
    expect(visitor.locator("section[aria-labelledby=lieux]")).to_contain_text(maison.name)
    shot(visitor, screens, "lieux")
    audit(project_path)
    assert Project.objects.get(slug=WORKSHOPS).hostings.count() == 2

    assert problems == {path: [] for path in problems}
