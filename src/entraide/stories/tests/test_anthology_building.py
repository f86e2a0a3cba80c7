# ruff: noqa: F811 - the fixtures of anthology_scenes are imported by name
"""Picking and ordering the anthology's stories: only public ones, in the editors' order."""

import pytest

from entraide.core.errors import DomainError
from entraide.stories.errors import StoryErrorCode
from entraide.stories.models import Story
from entraide.stories.services import anthology as services
from entraide.stories.tests.anthology_scenes import anthology, public_story, stories  # noqa: F401
from entraide.stories.tests.conftest import build_collection, consented

pytestmark = pytest.mark.django_db


def order(anthology):
    return list(anthology.entries.values_list("story__title", flat=True))


def test_the_stories_are_in_the_order_they_were_picked(anthology):
    assert order(anthology) == ["Réparer ensemble", "L’énergie des femmes", "Quitter la tour"]


def test_a_story_moves_up_and_down_and_stays_at_either_end(anthology, stories):
    services.move_story(anthology, stories[2].pk, -1)
    assert order(anthology) == ["Réparer ensemble", "Quitter la tour", "L’énergie des femmes"]

    services.move_story(anthology, stories[0].pk, -1)
    services.move_story(anthology, stories[1].pk, 1)
    assert order(anthology) == ["Réparer ensemble", "Quitter la tour", "L’énergie des femmes"]

    services.move_story(anthology, stories[0].pk, 1)
    assert order(anthology) == ["Quitter la tour", "Réparer ensemble", "L’énergie des femmes"]


def test_the_order_can_be_given_whole(anthology, stories):
    services.set_order(anthology, [stories[1].pk, stories[2].pk])

    assert order(anthology) == ["L’énergie des femmes", "Quitter la tour", "Réparer ensemble"]


def test_a_story_taken_out_leaves_no_gap(anthology, stories):
    services.remove_story(anthology, stories[1].pk)

    assert order(anthology) == ["Réparer ensemble", "Quitter la tour"]
    assert list(anthology.entries.values_list("position", flat=True)) == [0, 1]


@pytest.mark.parametrize(
    "make",
    [
        lambda story: None,  # a draft
        lambda story: consented(story) and None,  # consented, not published
    ],
    ids=["draft", "not published"],
)
def test_a_story_that_is_not_public_cannot_be_picked(anthology, story_by, alice, make):
    story = story_by(alice, title="Brouillon")
    make(story)

    with pytest.raises(DomainError) as refused:
        services.add_story(anthology, story.pk)

    assert refused.value.code == StoryErrorCode.NOT_PUBLIC
    assert "Brouillon" not in order(anthology)


def test_a_published_story_without_consent_to_its_text_cannot_be_picked(anthology, story_by, alice):
    story = story_by(alice, title="Sans accord")
    consented(story, text=False)
    story.state = Story.State.PUBLISHED
    story.published_at = story.created_at
    story.save()

    with pytest.raises(DomainError) as refused:
        services.add_story(anthology, story.pk)

    assert refused.value.code == StoryErrorCode.NOT_PUBLIC


def test_a_story_of_another_collection_cannot_be_picked(anthology, place, alice):
    other = build_collection(place, title="Autre", slug="autre", code="ZZZZ2345")
    story = public_story(other, alice, "Ailleurs")

    with pytest.raises(DomainError) as refused:
        services.add_story(anthology, story.pk)

    assert refused.value.code == StoryErrorCode.NOT_PUBLIC


def test_a_story_is_picked_once(anthology, stories):
    with pytest.raises(DomainError) as refused:
        services.add_story(anthology, stories[0].pk)

    assert refused.value.code == StoryErrorCode.ALREADY_PICKED
    assert anthology.entries.count() == 3


def test_an_anthology_without_public_story_is_not_exported(collection, stories, bob):
    anthology = services.create_anthology(collection, title="Vide")

    with pytest.raises(DomainError) as refused:
        services.request_export(anthology, format="epub", by=bob)

    assert refused.value.code == StoryErrorCode.NO_STORY
    assert anthology.exports.count() == 0


def test_public_entries_leave_out_a_story_whose_consent_was_withdrawn(anthology, stories):
    Story.objects.filter(pk=stories[1].pk).update(consented_text=False)

    kept, left_out = services.public_entries(anthology)

    assert [s.title for s in kept] == ["Réparer ensemble", "Quitter la tour"]
    assert [s.title for s in left_out] == ["L’énergie des femmes"]
