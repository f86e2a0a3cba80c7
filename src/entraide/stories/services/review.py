"""The editors' review of a story: comments, then the moves between states
(in review → changes requested / accepted → published → accepted again). Each move locks the
story's row (select_for_update) in one transaction, so that two editors acting at once leave
it in one state or the other, never half of each; a move from the wrong state is refused with
WRONG_STATE and says where the story now stands. The authors are mailed at each step, each in
their language. Publication is refused, with its reason, until the interviewee's consent in
force covers the text (and the "relecture" is approved when the collection requires it) and a
recorded episode has its transcript."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError
from entraide.stories import notifications
from entraide.stories.errors import StoryErrorCode as Code
from entraide.stories.models import COMMENT_MAX, Comment, Episode, Story
from entraide.stories.services.collections import check_editor

State = Story.State


def _lock(story) -> Story:
    return Story.objects.select_for_update().select_related("collection__place").get(pk=story.pk)


def _refresh(story, locked):
    """Copy the locked row's state onto the caller's object."""
    for name in ("state", "published_at", "submitted_at", "updated_at"):
        setattr(story, name, getattr(locked, name))


def _check_state(story, *allowed):
    if story.state not in allowed:
        raise DomainError(
            _("This story is now “%(state)s”: another editor or its authors acted on it "
              "meanwhile. The page shows where it stands.")
            % {"state": story.get_state_display()},
            code=Code.WRONG_STATE,
        )  # fmt: skip


def _check_comment(body) -> str:
    body = (body or "").strip()
    if not body:
        raise DomainError(_("Write your comment."), code=Code.EMPTY, field="body")
    if len(body) > COMMENT_MAX:
        raise DomainError(
            _("A comment has at most %(max)s characters.") % {"max": COMMENT_MAX},
            code=Code.TOO_LONG,
            field="body",
        )
    return body


def _add_comment(story, by, body) -> Comment:
    return Comment.objects.create(
        story=story,
        author=by,
        by_editor=True,
        body=body,
        version=story.versions.order_by("-number").first(),
    )


def comment(story, *, by, body) -> Comment:
    """An editor's comment, bound to the latest saved version; the authors are mailed."""
    check_editor(story.collection, by)
    body = _check_comment(body)
    with transaction.atomic():
        locked = _lock(story)
        last = locked.comments.order_by("-created_at", "-pk").first()
        if last is not None and last.author_id == by.pk and last.body == body:
            return last  # the same comment sent twice (a double click): kept once
        note = _add_comment(locked, by, body)
        notifications.story_reviewed(locked, "commented", by=by, comment=note)
    return note


def request_changes(story, *, by, comment) -> Story:
    """In review → changes requested: the authors may edit again; the comment says what."""
    check_editor(story.collection, by)
    body = _check_comment(comment)
    with transaction.atomic():
        locked = _lock(story)
        _check_state(locked, State.IN_REVIEW)
        locked.state = State.CHANGES_REQUESTED
        locked.updated_at = timezone.now()
        locked.save(update_fields=["state", "updated_at"])
        note = _add_comment(locked, by, body)
        notifications.story_reviewed(locked, "changes_requested", by=by, comment=note)
    _refresh(story, locked)
    return story


def accept(story, *, by) -> Story:
    check_editor(story.collection, by)
    with transaction.atomic():
        locked = _lock(story)
        _check_state(locked, State.IN_REVIEW)
        locked.state = State.ACCEPTED
        locked.updated_at = timezone.now()
        locked.save(update_fields=["state", "updated_at"])
        notifications.story_reviewed(locked, "accepted", by=by)
    _refresh(story, locked)
    return story


def publication_refusal(story) -> DomainError | None:
    """Why `story` may not be published now, or None. Reads the consent in force and the
    episode: the review page shows the reason before anyone clicks."""
    consent = story.current_consent()
    if consent is not None and consent.is_withdrawn:
        return DomainError(
            _("The person interviewed withdrew their consent: the story cannot be published."),
            code=Code.CONSENT_WITHDRAWN,
        )
    if not story.consented_text or consent is None or not consent.covers("text"):
        return DomainError(
            _("Waiting for the consent of the person interviewed to publish the text."),
            code=Code.NO_CONSENT,
        )
    if story.collection.reading_required and consent.reading_approved_at is None:
        return DomainError(
            _("Waiting for the person interviewed to read and approve the final text."),
            code=Code.READING_PENDING,
        )
    episode = Episode.objects.filter(story=story).first()
    if episode is not None and episode.audio and not episode.transcript.strip():
        return DomainError(
            _("The episode has no transcript yet: it is required to publish (accessibility)."),
            code=Code.TRANSCRIPT_REQUIRED,
        )
    return None


def publish(story, *, by) -> Story:
    """Accepted → published, when publication_refusal has nothing against it."""
    check_editor(story.collection, by)
    with transaction.atomic():
        locked = _lock(story)
        _check_state(locked, State.ACCEPTED)
        refusal = publication_refusal(locked)
        if refusal is not None:
            raise refusal
        locked.state = State.PUBLISHED
        locked.published_at = timezone.now()
        locked.updated_at = locked.published_at
        locked.save(update_fields=["state", "published_at", "updated_at"])
        notifications.story_reviewed(locked, "published", by=by)
    _refresh(story, locked)
    return story


def unpublish(story, *, by) -> Story:
    """Published → accepted: the story leaves the public pages and feeds at once."""
    check_editor(story.collection, by)
    with transaction.atomic():
        locked = _lock(story)
        _check_state(locked, State.PUBLISHED)
        locked.state = State.ACCEPTED
        locked.published_at = None
        locked.updated_at = timezone.now()
        locked.save(update_fields=["state", "published_at", "updated_at"])
        notifications.story_reviewed(locked, "unpublished", by=by)
    _refresh(story, locked)
    return story


ACTIONS = {
    # address word: (service, states it applies to)
    "a-reprendre": (request_changes, (State.IN_REVIEW,)),
    "accepter": (accept, (State.IN_REVIEW,)),
    "publier": (publish, (State.ACCEPTED,)),
    "depublier": (unpublish, (State.PUBLISHED,)),
}
