"""The public pages against what a careless or hostile organiser, participant or capability
types: markup in every text shown is escaped (the descriptions are Markdown rendered without
raw HTML), a `javascript:` link written to the database some other way is not made a link,
and the longest title may break anywhere on a phone."""

import pytest

from entraide.projects.models import (
    SUMMARY_MAX,
    TITLE_MAX,
    Audience,
    Catalogue,
    Hosting,
    Output,
    OutputKind,
    ProjectLink,
)
from entraide.projects.tests.conftest import build_project
from entraide.projects.tests.test_public_realisations import described, fakes  # noqa: F401
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db

NASTY = '<script>alert(1)</script> "q" & <img src=x onerror=alert(2)>'


def unsafe(page):
    return "<script>alert" in page or "<img src=x" in page


def test_script_in_every_text_is_escaped_on_every_page(client, catalogue, fakes):  # noqa: F811
    place = catalogue.place
    place.name = NASTY
    place.save()
    Catalogue.objects.filter(pk=catalogue.pk).update(title=NASTY, summary=NASTY)
    catalogue.refresh_from_db()
    catalogue.description = NASTY
    catalogue.save()
    project = build_project(
        catalogue,
        title=NASTY,
        slug="hostile",
        summary=NASTY,
        kind=OutputKind.WORKSHOP,
        audiences=[NASTY],
        tags=[NASTY],
        duration=NASTY,
        description=NASTY,
    )
    ProjectLink.objects.create(
        project=project, title=NASTY, url="https://example.org/?q=<script>", description=NASTY
    )
    ProjectLink.objects.create(
        project=project, kind=ProjectLink.Kind.USEFUL, title="Piège", url="javascript:alert(3)"
    )
    Hosting.objects.create(project=project, place=PlaceFactory(name=NASTY), workshop_id=1)
    fakes[OutputKind.WORKSHOP].objects[1] = described(NASTY, detail=NASTY, place=place)
    Output.objects.create(project=project, kind=OutputKind.STORY, object_id=2)
    fakes[OutputKind.STORY].objects[2] = described("Récit", state=NASTY, detail=NASTY)

    audience = Audience.objects.get(name=NASTY)
    for address in (
        "/projets/",
        catalogue.get_absolute_url(),
        f"{catalogue.get_absolute_url()}?public={audience.slug}",
        project.get_absolute_url(),
    ):
        response = client.get(address)
        page = response.content.decode()
        assert response.status_code == 200, address
        assert not unsafe(page), address
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, address
    page = client.get(project.get_absolute_url()).content.decode()
    assert "javascript:" not in page
    assert "Piège" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 10


def test_the_longest_words_may_break_anywhere_so_that_a_phone_need_not_scroll(client, catalogue):
    word = "a" * TITLE_MAX
    project = build_project(catalogue, title=word, slug="long", summary="b" * SUMMARY_MAX)

    cards = client.get(catalogue.get_absolute_url()).content.decode()
    assert '<ul class="cards words">' in cards
    assert f">{word}</a>" in cards
    page = client.get(project.get_absolute_url()).content.decode()
    assert f'<h1 class="words">{word}</h1>' in page
    assert f'<p class="lead words">{"b" * SUMMARY_MAX}</p>' in page
