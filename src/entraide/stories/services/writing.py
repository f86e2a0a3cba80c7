"""The authors' side of stories: joining a collection with its code, starting a story, the pair
(inviting the partner by a private link that works before they have an account, accepting,
declining, withdrawing), saving drafts (each change of title or text makes a version; a save
based on an older version than the last is refused, never silently overwriting the partner's
work), answering the editors' comments and submitting for review.

Each function is one transaction; the story row is locked (select_for_update) wherever two
authors, or an author and an editor, could change it at once. Mails are queued inside the
transaction (entraide.core.mail) and leave after commit."""

import re

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError
from entraide.core.slugs import save_with_unique_slug
from entraide.core.tokens import new_keyed_link, token_digest
from entraide.stories import notifications
from entraide.stories.errors import StoryErrorCode
from entraide.stories.models import (
    PARTNER_PURPOSE,
    Author,
    Collection,
    Comment,
    Story,
    StoryVersion,
    Writer,
)
from entraide.stories.services import consent

MAX_AUTHORS = 4
WORD = re.compile(r"\w+(?:[’'\-]\w+)*", re.UNICODE)


def count_words(text: str) -> int:
    """Words as a reader counts them: Markdown marks and punctuation are not words."""
    return len(WORD.findall(text or ""))


# ----------------------------------------------------------------- writers


def is_writer(user, collection) -> bool:
    return (
        user.is_authenticated
        and Writer.objects.filter(
            collection=collection, user=user, joined_at__isnull=False
        ).exists()
    )


def _make_writer(collection, user):
    """`user` writes in `collection` (nothing duplicated if they already do)."""
    writer = Writer.objects.filter(collection=collection, user=user).first()
    if writer is None:
        try:
            with transaction.atomic():
                writer = Writer.objects.create(
                    collection=collection, user=user, joined_at=timezone.now()
                )
        except IntegrityError:  # joined at the same moment from another tab
            writer = Writer.objects.get(collection=collection, user=user)
    elif writer.joined_at is None:
        writer.joined_at = timezone.now()
        writer.save(update_fields=["joined_at"])
    return writer


@transaction.atomic
def join_with_code(collection: Collection, user, code: str) -> Writer:
    """`user` becomes a writer of `collection` by giving its code (any case, spaces ignored)."""
    given = "".join((code or "").split()).upper()
    if not collection.code_open or given != collection.code.upper():
        raise DomainError(
            _("This is not the code of this collection: ask its editors for it."),
            code=StoryErrorCode.UNKNOWN_CODE,
            field="code",
        )
    return _make_writer(collection, user)


# ----------------------------------------------------------------- starting a story


@transaction.atomic
def start_story(collection: Collection, by, *, title, themes=(), **fields) -> Story:
    """A new draft in `collection`, of which `by` is the first (confirmed) author. `fields`:
    kind, summary, interviewee_name, interviewee_email, credit, pseudonym."""
    if not is_writer(by, collection):
        raise DomainError(
            _("Join this collection as a writer first, with the code its editors gave you."),
            code=StoryErrorCode.NOT_A_WRITER,
        )
    if fields.get("credit") != Story.Credit.PSEUDONYM:
        fields["pseudonym"] = ""
    story = Story(collection=collection, title=title, created_by=by, **fields)
    save_with_unique_slug(story, title, url_namespace="stories", fallback="recit")
    story.themes.set([theme for theme in themes if theme.collection_id == collection.pk])
    Author.objects.create(story=story, user=by, accepted_at=timezone.now())
    return story


@transaction.atomic
def start_story_together(collection: Collection, authors, *, title, themes=(), **fields) -> Story:
    """A new draft in `collection` written by `authors`, accounts already working together
    (a pair formed by another app, e.g. a project's pair): each becomes a writer of the
    collection and a confirmed author of the story, with no code, mail or private link. The
    first is its creator. `fields` as in start_story."""
    authors = list({user.pk: user for user in authors}.values())
    if not authors or len(authors) > MAX_AUTHORS:
        raise ValueError(f"a story has 1 to {MAX_AUTHORS} authors, not {len(authors)}")
    for user in authors:
        _make_writer(collection, user)
    story = start_story(collection, authors[0], title=title, themes=themes, **fields)
    now = timezone.now()
    Author.objects.bulk_create(
        Author(story=story, user=user, accepted_at=now) for user in authors[1:]
    )
    return story


# ----------------------------------------------------------------- the pair


def _lock(story) -> Story:
    return Story.objects.select_for_update().select_related("collection__place").get(pk=story.pk)


def _require_author(story, user):
    if not story.authors.filter(user=user, accepted_at__isnull=False).exists():
        raise DomainError(
            _("Only the authors of this story may do this."), code=StoryErrorCode.NOT_AN_AUTHOR
        )


@transaction.atomic
def invite_partner(story: Story, by, email: str) -> Author:
    """Invite `email` to write `story` with `by`: a mail in `by`'s language with a private link
    (Author.invitation_url()) that works before the partner has an account."""
    story = _lock(story)
    _require_author(story, by)
    email = email.strip()
    if email.lower() == (by.email or "").lower():
        raise DomainError(
            _("This is your own address: invite your partner's."),
            code=StoryErrorCode.SELF_INVITATION,
            field="email",
        )
    authors = list(story.authors.select_related("user"))
    if any(
        email.lower() in {(a.email or "").lower(), (a.user.email.lower() if a.user else "")}
        for a in authors
    ):
        raise DomainError(
            _("This person is already an author of this story, or already invited."),
            code=StoryErrorCode.ALREADY_AUTHOR,
            field="email",
        )
    if len(authors) >= MAX_AUTHORS:
        raise DomainError(
            _("A story has at most %(n)s authors.") % {"n": MAX_AUTHORS},
            code=StoryErrorCode.TOO_MANY_AUTHORS,
            field="email",
        )
    key, digest = new_keyed_link(PARTNER_PURPOSE)
    author = Author.objects.create(
        story=story,
        email=email,
        language=by.language,
        link_key=key,
        token_digest=digest,
        invited_at=timezone.now(),
    )
    notifications.partner_invitation(author, inviter=by)
    return author


@transaction.atomic
def withdraw_invitation(author: Author, by) -> None:
    """The inviter (any confirmed author) withdraws a pending invitation: its link no longer
    works."""
    story = _lock(author.story)
    _require_author(story, by)
    Author.objects.filter(pk=author.pk, user__isnull=True).delete()


def invitation_for_token(token: str) -> Author | None:
    """The partner invitation of this link, used or not; None for a forged or withdrawn one."""
    return (
        Author.objects.select_related("story__collection__place")
        .filter(token_digest=token_digest(token))
        .first()
    )


def _pending(author: Author) -> Author:
    author = Author.objects.select_for_update().filter(pk=author.pk).first()
    if author is None or author.user_id is not None:
        raise DomainError(
            _("This invitation was already answered or withdrawn."),
            code=StoryErrorCode.INVITATION_USED,
        )
    return author


@transaction.atomic
def accept_invitation(author: Author, user) -> Author:
    """`user` becomes a confirmed author of the story, and a writer of its collection."""
    story = _lock(author.story)
    author = _pending(author)
    if story.authors.filter(user=user).exists():
        raise DomainError(
            _("You are already an author of this story."), code=StoryErrorCode.ALREADY_AUTHOR
        )
    author.user = user
    author.accepted_at = timezone.now()
    author.save(update_fields=["user", "accepted_at"])
    _make_writer(story.collection, user)
    return author


@transaction.atomic
def decline_invitation(author: Author) -> None:
    _lock(author.story)
    _pending(author).delete()


# ----------------------------------------------------------------- writing


def latest_version_number(story) -> int:
    return story.versions.aggregate(n=Max("number"))["n"] or 0


@transaction.atomic
def save_draft(story: Story, by, *, base: int, title, summary, body, themes=None):
    """Save the authors' text. `base`: the version number the form was opened at; if the
    partner saved a newer one meanwhile, the save is refused (STALE_VERSION) and nothing is
    written. A change of title or text makes a new version. Returns (story, version or None)."""
    story = _lock(story)
    _require_author(story, by)
    if not story.is_editable:
        raise DomainError(
            _("This story is in review or published: changes go through the editors."),
            code=StoryErrorCode.NOT_EDITABLE,
        )
    latest = latest_version_number(story)
    if base != latest:
        raise DomainError(
            _(
                "Your partner saved a newer version while you were writing: your text is kept "
                "below, compare it with theirs and save again."
            ),
            code=StoryErrorCode.STALE_VERSION,
            field="body",
        )
    version = None
    if title != story.title or body != story.body:
        version = StoryVersion.objects.create(
            story=story,
            number=latest + 1,
            title=title,
            body=body,
            words=count_words(body),
            saved_by=by,
        )
        consent.text_changed(story)  # the interviewee's reading of the former text no longer holds
    story.title, story.summary, story.body = title, summary, body
    story.words = count_words(body)
    story.updated_at = timezone.now()
    story.save(update_fields=["title", "summary", "body", "words", "updated_at"])
    if themes is not None:
        story.themes.set([theme for theme in themes if theme.collection_id == story.collection_id])
    return story, version


INTERVIEWEE_FIELDS = ("interviewee_name", "interviewee_email", "credit", "pseudonym")


@transaction.atomic
def update_interviewee(story: Story, by, **fields) -> Story:
    """Correct the interviewee's name, address or credit while the story is editable. A
    consent already asked stays as it is: the authors send the request again if needed."""
    story = _lock(story)
    _require_author(story, by)
    if not story.is_editable:
        raise DomainError(
            _("This story is in review or published: changes go through the editors."),
            code=StoryErrorCode.NOT_EDITABLE,
        )
    if fields.get("credit") != Story.Credit.PSEUDONYM:
        fields["pseudonym"] = ""
    for field in INTERVIEWEE_FIELDS:
        setattr(story, field, fields[field])
    story.updated_at = timezone.now()
    story.save(update_fields=[*INTERVIEWEE_FIELDS, "updated_at"])
    return story


# ----------------------------------------------------------------- review, from the authors' side


@transaction.atomic
def reply(story: Story, by, body: str) -> Comment:
    """An author answers the editors' comments: the editors are mailed."""
    story = _lock(story)
    _require_author(story, by)
    if not body.strip():
        raise DomainError(_("Write your answer first."), code=StoryErrorCode.EMPTY, field="body")
    latest = story.versions.order_by("-number").first()
    comment = Comment.objects.create(
        story=story, author=by, by_editor=False, body=body.strip(), version=latest
    )
    notifications.author_replied(story, comment)
    return comment


@transaction.atomic
def submit(story: Story, by) -> Story:
    """A draft, or a story whose changes were requested, goes to the editors' review."""
    story = _lock(story)
    _require_author(story, by)
    if not story.is_editable:
        raise DomainError(
            _("This story is already in review or published."),
            code=StoryErrorCode.NOT_EDITABLE,
        )
    if not story.body.strip():
        raise DomainError(
            _("Write the story before submitting it: its text is empty."),
            code=StoryErrorCode.EMPTY_STORY,
        )
    story.state = Story.State.IN_REVIEW
    story.submitted_at = timezone.now()
    story.save(update_fields=["state", "submitted_at"])
    notifications.story_submitted(story, by=by)
    return story
