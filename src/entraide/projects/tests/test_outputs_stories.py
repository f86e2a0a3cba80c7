"""The stories adapter: a pair starts a story in its project's collection (both members
writers of it and confirmed authors), and the project's pages read what it became."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from entraide.core.errors import DomainError
from entraide.projects.errors import ProjectErrorCode
from entraide.projects.models import Output, OutputKind
from entraide.projects.outputs import stories as adapter
from entraide.projects.services.starting import start_output
from entraide.projects.tests.conftest import build_catalogue, build_project, form_pair
from entraide.stories.models import Author, Story, Theme
from entraide.stories.services import writing
from entraide.stories.tests.conftest import build_collection, build_story, consented, published
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def collection(place):
    collection = build_collection(place, slug="recits-de-la-transition")
    Theme.objects.create(
        collection=collection, name="Récits de la transition", slug="recits", position=99
    )
    return collection


@pytest.fixture
def project(stories_project, collection):
    stories_project.collection_slug = collection.slug
    stories_project.save()
    return stories_project


def _refused(code, *args, **kwargs):
    with pytest.raises(DomainError) as excinfo:
        start_output(*args, **kwargs)
    assert excinfo.value.code == code
    return excinfo.value


def test_a_story_starts_in_the_collection_with_both_members_as_confirmed_authors(
    project, collection, alice, charlie
):
    pair = form_pair(project, alice, charlie)
    themes = list(collection.themes.filter(name="Récits de la transition"))

    output = start_output(
        pair,
        by=charlie,
        kind=OutputKind.STORY,
        title="Joséphine répare",
        themes=[t.pk for t in themes],
        interviewee_name="Joséphine Martin",
    )

    story = Story.objects.get()
    assert (output.kind, output.object_id, output.pair, output.started_by) == (
        OutputKind.STORY,
        story.pk,
        pair,
        charlie,
    )
    assert (story.collection, story.title, story.state, story.interviewee_name) == (
        collection,
        "Joséphine répare",
        Story.State.DRAFT,
        "Joséphine Martin",
    )
    assert list(story.themes.all()) == themes
    authors = Author.objects.filter(story=story).order_by("pk")
    assert [(a.user, a.is_confirmed) for a in authors] == [(charlie, True), (alice, True)]
    assert writing.is_writer(alice, collection)
    assert writing.is_writer(charlie, collection)
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]


def test_the_form_offers_the_collections_themes_matching_the_projects_tags(project, collection):
    options = adapter.options(project)

    assert options["collection"] == collection
    assert [collection.themes.get(pk=pk).name for pk in options["themes_initial"]] == [
        "Récits de la transition"
    ]


def test_without_a_collection_nothing_is_started(stories_project, alice, charlie):
    pair = form_pair(stories_project, alice, charlie)

    _refused(
        ProjectErrorCode.NO_COLLECTION, pair, by=alice, kind=OutputKind.STORY, title="Un récit"
    )
    stories_project.collection_slug = "nulle-part"
    stories_project.save()
    _refused(
        ProjectErrorCode.NO_COLLECTION, pair, by=alice, kind=OutputKind.STORY, title="Un récit"
    )
    assert (Story.objects.count(), Output.objects.count()) == (0, 0)


def test_a_collection_of_another_place_is_not_the_projects(project, collection, alice, charlie):
    other = build_catalogue(PlaceFactory(), slug="ailleurs")
    elsewhere = build_project(
        other, title="Ailleurs", kind=OutputKind.STORY, collection_slug=collection.slug
    )
    pair = form_pair(elsewhere, alice, charlie)

    _refused(ProjectErrorCode.NO_COLLECTION, pair, by=alice, kind=OutputKind.STORY, title="Non")
    assert Story.objects.count() == 0


def test_a_title_too_long_or_empty_is_refused_and_nothing_is_half_made(project, alice, charlie):
    pair = form_pair(project, alice, charlie)

    _refused(ProjectErrorCode.TOO_LONG, pair, by=alice, kind=OutputKind.STORY, title="x" * 10_000)
    _refused(ProjectErrorCode.EMPTY, pair, by=alice, kind=OutputKind.STORY, title="   ")
    assert (Story.objects.count(), Author.objects.count(), Output.objects.count()) == (0, 0, 0)
    assert mail.outbox == []


def test_describe_reads_a_draft_as_the_authors_page_and_a_public_story_as_achieved(
    collection, alice
):
    draft = build_story(collection, alice, title="Brouillon")
    public = published(build_story(collection, alice, title="Publié"))
    consented(public)
    no_consent = published(build_story(collection, alice, title="Sans accord"))

    described = adapter.describe({draft.pk, public.pk, no_consent.pk, 999_999})

    assert set(described) == {draft.pk, public.pk, no_consent.pk}
    assert (described[draft.pk].achieved, described[draft.pk].url) == (
        False,
        f"/recits/{collection.slug}/brouillon/suivi/",
    )
    assert (described[public.pk].achieved, described[public.pk].url) == (
        True,
        f"/recits/{collection.slug}/publie/",
    )
    assert described[public.pk].state == "Publié"
    assert described[no_consent.pk].achieved is False


def test_describe_costs_one_query_for_2_or_30_stories(collection, alice):
    ids = [build_story(collection, alice, title=f"Récit {n}").pk for n in range(30)]
    counts = []
    for some in (ids[:2], ids):
        with CaptureQueriesContext(connection) as queries:
            assert len(adapter.describe(some)) == len(some)
        counts.append(len(queries))
    assert counts == [1, 1]


def test_a_member_started_story_keeps_its_date(project, alice, charlie):
    pair = form_pair(project, alice, charlie)
    before = timezone.now()

    output = start_output(pair, by=alice, kind=OutputKind.STORY, title="Daté")

    assert output.started_at >= before
