"""The ideas wall: post an idea under a question, support ideas with a few dots per question,
and what organisers do there (hide an off-topic idea with a reason, group ideas).

Who acts is a Contributor of the manifesto: the account's (one per account), or one a visitor's
browser session holds. The dot limit is kept under the manifesto's lock (services.locks): the
count of a person's dots and the new dot are one decision, whatever arrives at the same time."""

import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError
from entraide.manifestos.errors import ManifestoErrorCode
from entraide.manifestos.models import (
    GROUP_MAX,
    HIDE_REASON_MAX,
    IDEA_MAX,
    NAME_MAX,
    Contributor,
    Idea,
    Phase,
    Support,
)
from entraide.manifestos.services.locks import lock_manifesto
from entraide.manifestos.services.text import clean_text

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Person:
    """Who acts on the wall: a signed-in `user`, or a visitor known by the `visitor_key` her
    session gives (views.public.person); neither: someone who has done nothing yet."""

    user: object = None
    visitor_key: str = ""

    @property
    def signed_in(self):
        return self.user is not None and self.user.is_authenticated


def find_contributor(manifesto, person: Person) -> Contributor | None:
    if person.signed_in:
        return Contributor.objects.filter(manifesto=manifesto, user=person.user).first()
    if not person.visitor_key:
        return None
    return Contributor.objects.filter(
        manifesto=manifesto, visitor_key=person.visitor_key, user__isnull=True
    ).first()


def _contributor(manifesto, person: Person, name="") -> Contributor:
    """The person's contributor, made on her first idea or dot (under the manifesto's lock: two
    first dots of one session at once make one row)."""
    contributor = find_contributor(manifesto, person)
    if contributor is None:
        if not person.signed_in and not person.visitor_key:
            raise ValueError("a visitor acts only with the key of her session")
        who = {"user": person.user} if person.signed_in else {"visitor_key": person.visitor_key}
        try:
            with transaction.atomic():
                contributor = Contributor.objects.create(manifesto=manifesto, name=name, **who)
        except IntegrityError:  # the same account or session, at the same moment
            contributor = Contributor.objects.get(manifesto=manifesto, **who)
    if name and contributor.name != name:
        contributor.name = name
        contributor.save(update_fields=["name"])
    return contributor


def _check_phase(manifesto, code, message):
    if manifesto.phase != Phase.IDEAS:
        raise DomainError(message, code=code)


def post_idea(question, *, text, name, person: Person) -> Idea:
    """An idea under `question`, signed with `name`; only while the manifesto takes ideas."""
    text = clean_text(text, max_length=IDEA_MAX, field="text")
    name = (name or "").strip()
    if not name:
        raise DomainError(
            _("Give a name, or a first name, to sign your idea."),
            code=ManifestoErrorCode.NAME_REQUIRED,
            field="name",
        )
    name = clean_text(name, max_length=NAME_MAX, field="name")
    with transaction.atomic():
        manifesto = lock_manifesto(question.manifesto_id)
        _check_phase(
            manifesto,
            ManifestoErrorCode.IDEAS_CLOSED,
            _("The ideas wall is closed: the manifesto is no longer collecting ideas."),
        )
        contributor = _contributor(manifesto, person, name)
        idea = Idea.objects.create(
            question=question, contributor=contributor, author_name=name, text=text
        )
    log.info("manifesto %s: idea %s posted", manifesto.pk, idea.pk)
    return idea


def dots_used(contributor, question) -> int:
    """Dots the contributor put on the visible ideas of `question` (a hidden idea gives its
    dots back)."""
    return Support.objects.filter(
        contributor=contributor, idea__question=question, idea__hidden=False
    ).count()


def support(idea, *, person: Person) -> Contributor:
    """Put one of the person's dots on `idea`. Refused outside the ideas phase, on a hidden
    idea, twice on one idea, and past `dots_per_question` under one question."""
    with transaction.atomic():
        manifesto = lock_manifesto(idea.question.manifesto_id)
        _check_phase(
            manifesto,
            ManifestoErrorCode.SUPPORTS_CLOSED,
            _("Supporting ideas is closed: the manifesto is no longer collecting ideas."),
        )
        idea = Idea.objects.select_related("question").get(pk=idea.pk)
        if idea.hidden:
            raise DomainError(
                _("This idea was set aside by the organisers."), code=ManifestoErrorCode.IDEA_HIDDEN
            )
        contributor = _contributor(manifesto, person)
        if Support.objects.filter(idea=idea, contributor=contributor).exists():
            raise DomainError(
                _("You already support this idea."), code=ManifestoErrorCode.ALREADY_SUPPORTED
            )
        if dots_used(contributor, idea.question) >= manifesto.dots_per_question:
            raise DomainError(
                _(
                    "You have used your %(count)s dots on this question: take one back from "
                    "another idea first."
                )
                % {"count": manifesto.dots_per_question},
                code=ManifestoErrorCode.NO_DOTS_LEFT,
            )
        Support.objects.create(idea=idea, contributor=contributor)
    return contributor


def unsupport(idea, *, person: Person) -> None:
    """Take back the person's dot from `idea` (while ideas are collected)."""
    with transaction.atomic():
        manifesto = lock_manifesto(idea.question.manifesto_id)
        _check_phase(
            manifesto,
            ManifestoErrorCode.SUPPORTS_CLOSED,
            _("Supporting ideas is closed: the manifesto is no longer collecting ideas."),
        )
        contributor = find_contributor(manifesto, person)
        deleted = 0
        if contributor is not None:
            deleted, _rows = Support.objects.filter(idea=idea, contributor=contributor).delete()
        if not deleted:
            raise DomainError(
                _("You do not support this idea."), code=ManifestoErrorCode.NOT_SUPPORTED
            )


def hide_idea(idea, *, reason, by) -> Idea:
    """Set an off-topic idea aside: it leaves the wall, its reason stays visible to all, and
    the dots on it go back to their owners."""
    reason = clean_text(reason, max_length=HIDE_REASON_MAX, field="reason")
    with transaction.atomic():
        lock_manifesto(idea.question.manifesto_id)
        idea.hidden, idea.hide_reason = True, reason
        idea.save(update_fields=["hidden", "hide_reason"])
    log.info("idea %s hidden by user %s", idea.pk, by.pk)
    return idea


def show_idea(idea, *, by) -> Idea:
    with transaction.atomic():
        lock_manifesto(idea.question.manifesto_id)
        idea.hidden, idea.hide_reason = False, ""
        idea.save(update_fields=["hidden", "hide_reason"])
    log.info("idea %s shown again by user %s", idea.pk, by.pk)
    return idea


def group_ideas(manifesto, idea_ids, *, group, by) -> int:
    """Give the ideas `idea_ids` of `manifesto` the group label `group` (empty: no group)."""
    group = (group or "").strip()
    if group:
        group = clean_text(group, max_length=GROUP_MAX, field="group")
    with transaction.atomic():
        lock_manifesto(manifesto.pk)
        ideas = Idea.objects.filter(question__manifesto=manifesto, pk__in=list(idea_ids))
        if ideas.count() != len(set(idea_ids)) or not idea_ids:
            raise DomainError(
                _("Choose ideas of this manifesto."),
                code=ManifestoErrorCode.IDEA_NOT_IN_MANIFESTO,
                field="ideas",
            )
        count = ideas.update(group=group)
    log.info("manifesto %s: %s ideas grouped by user %s", manifesto.pk, count, by.pk)
    return count
