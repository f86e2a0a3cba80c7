"""start_story_together: accounts already working together elsewhere (a project's pair) start
a story in a collection, each a writer of it and a confirmed author, without code, mail or
private link."""

import pytest
from django.core import mail

from entraide.stories.models import Author, Story, Writer
from entraide.stories.services import writing

pytestmark = pytest.mark.django_db


def test_both_become_writers_and_confirmed_authors_without_any_mail(collection, alice, charlie):
    theme = collection.themes.first()

    story = writing.start_story_together(
        collection, [alice, charlie], title="Réparer ensemble", themes=[theme], kind="podcast"
    )

    assert Story.objects.get() == story
    assert (story.title, story.kind, story.state, story.created_by) == (
        "Réparer ensemble",
        "podcast",
        Story.State.DRAFT,
        alice,
    )
    assert list(story.themes.all()) == [theme]
    authors = Author.objects.filter(story=story).order_by("pk")
    assert [(a.user, a.is_confirmed) for a in authors] == [(alice, True), (charlie, True)]
    assert writing.is_writer(alice, collection)
    assert writing.is_writer(charlie, collection)
    assert mail.outbox == []


def test_a_writer_already_in_the_collection_is_not_duplicated(collection, writer, alice, charlie):
    writing.start_story_together(collection, [alice, charlie, alice], title="Deux fois")

    assert Writer.objects.filter(collection=collection, user=alice).count() == 1
    assert Author.objects.filter(user=alice).count() == 1


def test_nobody_to_write_is_a_programming_error(collection):
    with pytest.raises(ValueError, match="1 to 4 authors"):
        writing.start_story_together(collection, [], title="Personne")
    assert Story.objects.count() == 0
