"""Comments on a section or on an amendment, with one level of replies (a reply to a reply
goes under the comment it answers), signed with a name (kept on the person's Contributor, as
for ideas). Plain text, shown escaped with its line breaks. Allowed while the text is drafted
and while amendments are open or closed. Organisers hide a comment with a reason, which stays
visible in its place, and may show it again."""

import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError
from entraide.manifestos.errors import ManifestoErrorCode
from entraide.manifestos.models import (
    COMMENT_MAX,
    HIDE_REASON_MAX,
    NAME_MAX,
    Comment,
    Phase,
)
from entraide.manifestos.services.ideas import Person, _contributor
from entraide.manifestos.services.locks import lock_manifesto
from entraide.manifestos.services.text import clean_text

log = logging.getLogger(__name__)

COMMENTING_PHASES = (Phase.DRAFTING, Phase.AMENDMENTS_OPEN, Phase.AMENDMENTS_CLOSED)


def takes_comments(manifesto) -> bool:
    return manifesto.phase in COMMENTING_PHASES


def _clean_body(body) -> str:
    """Plain text, any character (a “<” is shown as typed, never as HTML): not empty, bounded."""
    body = (body or "").strip()
    if not body:
        raise DomainError(
            _("Write your comment."), code=ManifestoErrorCode.EMPTY_TEXT, field="body"
        )
    if len(body) > COMMENT_MAX:
        raise DomainError(
            _("At most %(max)s characters (here %(count)s).")
            % {"max": COMMENT_MAX, "count": len(body)},
            code=ManifestoErrorCode.TEXT_TOO_LONG,
            field="body",
        )
    return body


def _parent_here(parent, *, manifesto, section, amendment):
    """The comment a reply goes under: `parent`, or its own parent if it is a reply; refused
    if it is not about the same section or amendment of this manifesto."""
    parent = Comment.objects.select_related("parent").get(pk=parent.pk)
    if parent.parent is not None:
        parent = parent.parent
    same = (
        parent.manifesto_id == manifesto.pk
        and parent.section_id == (section.pk if section else None)
        and parent.amendment_id == (amendment.pk if amendment else None)
    )
    if not same:
        raise DomainError(
            _("Reply to a comment of this discussion."),
            code=ManifestoErrorCode.REPLY_ELSEWHERE,
            field="parent",
        )
    if parent.hidden:
        raise DomainError(
            _("This comment was hidden by the organisers: it takes no reply."),
            code=ManifestoErrorCode.COMMENT_HIDDEN,
            field="parent",
        )
    return parent


def post_comment(
    manifesto, *, body, name, person: Person, section=None, amendment=None, parent=None
) -> Comment:
    """A comment by `person`, signed `name`, on `section` or `amendment` (exactly one), or a
    reply under `parent`."""
    if (section is None) == (amendment is None):
        raise ValueError("a comment is about a section or an amendment")
    body = _clean_body(body)
    name = (name or "").strip()
    if not name:
        raise DomainError(
            _("Give a name, or a first name, to sign your comment."),
            code=ManifestoErrorCode.NAME_REQUIRED,
            field="name",
        )
    name = clean_text(name, max_length=NAME_MAX, field="name")
    with transaction.atomic():
        locked = lock_manifesto(manifesto.pk)
        if not takes_comments(locked):
            raise DomainError(
                _("Comments are closed in this phase of the manifesto."),
                code=ManifestoErrorCode.COMMENTS_CLOSED,
            )
        if section is not None and section.manifesto_id != locked.pk:
            raise DomainError(
                _("Choose a section of this manifesto."),
                code=ManifestoErrorCode.SECTION_NOT_IN_MANIFESTO,
            )
        if amendment is not None:
            if amendment.manifesto_id != locked.pk:
                raise DomainError(
                    _("Choose an amendment of this manifesto."),
                    code=ManifestoErrorCode.AMENDMENT_NOT_PUBLIC,
                )
            if not amendment.is_public:
                raise DomainError(
                    _("This amendment is not public yet."),
                    code=ManifestoErrorCode.AMENDMENT_NOT_PUBLIC,
                )
        if parent is not None:
            parent = _parent_here(parent, manifesto=locked, section=section, amendment=amendment)
        contributor = _contributor(locked, person, name)
        comment = Comment.objects.create(
            manifesto=locked,
            section=section,
            amendment=amendment,
            parent=parent,
            contributor=contributor,
            author_name=name,
            body=body,
        )
    log.info("manifesto %s: comment %s posted", locked.pk, comment.pk)
    return comment


def hide_comment(comment, *, reason, by) -> Comment:
    """Hide a comment: its text goes from the page, the reason stays in its place."""
    reason = clean_text(reason, max_length=HIDE_REASON_MAX, field="reason")
    with transaction.atomic():
        lock_manifesto(comment.manifesto_id)
        comment.hidden, comment.hide_reason = True, reason
        comment.save(update_fields=["hidden", "hide_reason"])
    log.info("comment %s hidden by user %s", comment.pk, by.pk)
    return comment


def show_comment(comment, *, by) -> Comment:
    with transaction.atomic():
        lock_manifesto(comment.manifesto_id)
        comment.hidden, comment.hide_reason = False, ""
        comment.save(update_fields=["hidden", "hide_reason"])
    log.info("comment %s shown again by user %s", comment.pk, by.pk)
    return comment


@dataclass
class Thread:
    comment: Comment
    replies: list[Comment] = field(default_factory=list)


def discussion(*, section=None, amendment=None) -> list[Thread]:
    """The comments on `section` or `amendment`, oldest first, each with its replies, in one
    query."""
    comments = list(
        Comment.objects.filter(section=section, amendment=amendment).order_by("created_at", "pk")
    )
    threads, by_pk = [], {}
    for comment in comments:
        if comment.parent_id is None:
            by_pk[comment.pk] = Thread(comment)
            threads.append(by_pk[comment.pk])
    for comment in comments:
        if comment.parent_id is not None and comment.parent_id in by_pk:
            by_pk[comment.parent_id].replies.append(comment)
    return threads
