"""The editors' review: comments, the moves between states, the refusals of publication with
their codes, and the authors' mails at each step, in their language."""

import pytest
from django.core import mail
from django.utils import timezone

from entraide.core.errors import DomainError
from entraide.stories.errors import StoryErrorCode
from entraide.stories.models import Author, Comment, Episode, Story, StoryVersion
from entraide.stories.services import review
from entraide.stories.tests.conftest import consented
from tests.factories import PlaceFactory, UserFactory

pytestmark = pytest.mark.django_db
State = Story.State


@pytest.fixture
def in_review(story_by, alice):
    return story_by(alice, state=State.IN_REVIEW)


def refused(action, *args, **kwargs):
    with pytest.raises(DomainError) as error:
        action(*args, **kwargs)
    return error.value.code


def test_a_comment_is_bound_to_the_latest_version_and_mailed_to_the_authors(bob, in_review):
    StoryVersion.objects.create(story=in_review, number=1, title="a")
    latest = StoryVersion.objects.create(story=in_review, number=2, title="b")
    note = review.comment(in_review, by=bob, body="Très beau portrait.")
    assert (note.by_editor, note.version, note.author) == (True, latest, bob)
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    assert "Très beau portrait." in mail.outbox[0].body
    assert refused(review.comment, in_review, by=bob, body="  ") == StoryErrorCode.EMPTY
    assert refused(review.comment, in_review, by=bob, body="x" * 5001) == StoryErrorCode.TOO_LONG


def test_asking_for_changes_needs_a_comment_and_lets_the_authors_edit_again(bob, in_review):
    assert refused(review.request_changes, in_review, by=bob, comment="") == StoryErrorCode.EMPTY
    assert Story.objects.get(pk=in_review.pk).state == State.IN_REVIEW
    review.request_changes(in_review, by=bob, comment="Raccourcissez l’introduction.")
    story = Story.objects.get(pk=in_review.pk)
    assert story.state == State.CHANGES_REQUESTED
    assert story.is_editable
    assert Comment.objects.get(story=story).body == "Raccourcissez l’introduction."
    assert "modifications" in mail.outbox[0].subject


def test_accept_then_publish_then_unpublish(bob, in_review):
    consented(in_review)
    review.accept(in_review, by=bob)
    assert Story.objects.get(pk=in_review.pk).state == State.ACCEPTED
    review.publish(in_review, by=bob)
    story = Story.objects.get(pk=in_review.pk)
    assert story.state == State.PUBLISHED
    assert story.published_at is not None
    assert story.is_public
    review.unpublish(story, by=bob)
    story = Story.objects.get(pk=in_review.pk)
    assert (story.state, story.published_at) == (State.ACCEPTED, None)
    assert len(mail.outbox) == 3


def test_each_move_from_the_wrong_state_is_refused(bob, story_by, alice):
    draft = story_by(alice)
    assert refused(review.accept, draft, by=bob) == StoryErrorCode.WRONG_STATE
    assert refused(review.publish, draft, by=bob) == StoryErrorCode.WRONG_STATE
    assert refused(review.unpublish, draft, by=bob) == StoryErrorCode.WRONG_STATE
    code = refused(review.request_changes, draft, by=bob, comment="x")
    assert code == StoryErrorCode.WRONG_STATE
    assert Story.objects.get(pk=draft.pk).state == State.DRAFT
    assert mail.outbox == []


def test_a_stale_copy_of_the_story_does_not_fool_the_state_check(bob, in_review):
    consented(in_review)
    stale = Story.objects.get(pk=in_review.pk)
    review.accept(in_review, by=bob)
    review.publish(in_review, by=bob)
    assert stale.state == State.IN_REVIEW
    assert refused(review.accept, stale, by=bob) == StoryErrorCode.WRONG_STATE


@pytest.fixture
def accepted(story_by, alice):
    return story_by(alice, state=State.ACCEPTED)


def test_publication_waits_for_the_consent(bob, accepted):
    assert refused(review.publish, accepted, by=bob) == StoryErrorCode.NO_CONSENT
    consent = consented(accepted, text=False, voice=True)
    assert refused(review.publish, accepted, by=bob) == StoryErrorCode.NO_CONSENT
    consent.answered_at = None
    consent.save()
    assert refused(review.publish, accepted, by=bob) == StoryErrorCode.NO_CONSENT
    assert Story.objects.get(pk=accepted.pk).state == State.ACCEPTED


def test_publication_is_refused_once_the_consent_is_withdrawn(bob, accepted):
    consent = consented(accepted)
    consent.withdrawn_at = timezone.now()
    consent.save()
    assert refused(review.publish, accepted, by=bob) == StoryErrorCode.CONSENT_WITHDRAWN


def test_publication_waits_for_the_reading_when_the_collection_requires_it(bob, accepted):
    accepted.collection.reading_required = True
    accepted.collection.save()
    consent = consented(accepted)
    assert refused(review.publish, accepted, by=bob) == StoryErrorCode.READING_PENDING
    consent.reading_approved_at = timezone.now()
    consent.save()
    review.publish(accepted, by=bob)
    assert Story.objects.get(pk=accepted.pk).state == State.PUBLISHED


def test_an_episode_without_transcript_holds_the_publication(bob, accepted):
    consented(accepted)
    episode = Episode.objects.create(story=accepted, audio="stories/audio/x.mp3", duration=60)
    assert refused(review.publish, accepted, by=bob) == StoryErrorCode.TRANSCRIPT_REQUIRED
    episode.transcript = "Bonjour."
    episode.save()
    review.publish(accepted, by=bob)


def test_only_the_places_team_reviews(alice, charlie, in_review):
    PlaceFactory(organisers=[charlie])
    for person in (alice, charlie):
        assert refused(review.accept, in_review, by=person) == StoryErrorCode.OTHER_PLACE
        assert refused(review.comment, in_review, by=person, body="x") == StoryErrorCode.OTHER_PLACE


def test_each_author_is_mailed_in_their_language(bob, alice, in_review):
    partner = UserFactory(email="sam@example.org", language="en")
    Author.objects.create(story=in_review, user=partner, accepted_at=timezone.now())
    Author.objects.create(story=in_review, email="pending@example.org")  # not yet accepted
    review.accept(in_review, by=bob)
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert set(subjects) == {"alice@example.org", "sam@example.org"}
    assert "accepté" in subjects["alice@example.org"]
    assert "is accepted" in subjects["sam@example.org"]
