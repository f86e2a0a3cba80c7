"""The organisers' decisions on amendments, and an amendment brought up to date by its author.

An organiser accepts or rejects an open, public amendment, always with a reason, while
amendments are open or once they are closed. Accepting applies it to the live text in the same
transaction, under the manifesto's lock: the section's text replaced, the section deleted, or a
new one inserted after the amendment's section. An amendment is accepted only against the text
its author read: if its section changed (another amendment was accepted first) or is gone, it is
refused with a message and stays open, "based on an earlier text", until its author updates it
(`update_amendment`) or withdraws it. The author is mailed the decision after commit."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.core.diff import changed
from entraide.core.errors import DomainError
from entraide.manifestos import notifications
from entraide.manifestos.errors import ManifestoErrorCode
from entraide.manifestos.models import (
    DECISION_REASON_MAX,
    RATIONALE_MAX,
    SECTION_BODY_MAX,
    SECTION_TITLE_MAX,
    Amendment,
    AmendmentKind,
    AmendmentStatus,
    Phase,
    Section,
)
from entraide.manifestos.services.locks import lock_manifesto
from entraide.manifestos.services.text import clean_text
from entraide.places.services import is_organiser

log = logging.getLogger(__name__)

DECIDING_PHASES = (Phase.AMENDMENTS_OPEN, Phase.AMENDMENTS_CLOSED)
ACCEPT, REJECT = "accepter", "rejeter"


class _PrivateLink:
    """`by` for an author without an account, once the caller has checked her private link."""

    def __repr__(self):
        return "PRIVATE_LINK"


PRIVATE_LINK = _PrivateLink()


def section_gone(amendment) -> bool:
    """The section it replaces or deletes no longer exists."""
    return amendment.kind != AmendmentKind.ADD and amendment.section_id is None


def based_on_earlier_text(amendment, section=None) -> bool:
    """Open, and the text it was written against is no longer the section's current text
    (`section`: the live section, if already read; else `amendment.section`)."""
    if not amendment.is_open or amendment.kind == AmendmentKind.ADD:
        return False
    if section_gone(amendment):
        return True
    section = section or amendment.section
    return section.title != amendment.base_title or section.body != amendment.base_body


def _changed_error(amendment):
    if section_gone(amendment):
        return DomainError(
            _(
                "This section was deleted since the amendment was proposed: the amendment "
                "can only be withdrawn."
            ),
            code=ManifestoErrorCode.SECTION_GONE,
        )
    return DomainError(
        _(
            "This section changed since the amendment was proposed: its author must update "
            "the amendment to the current text before it can be accepted."
        ),
        code=ManifestoErrorCode.SECTION_CHANGED,
    )


def _not_open_error(amendment):
    if amendment.status == AmendmentStatus.WITHDRAWN:
        return DomainError(
            _("This amendment was withdrawn by its author: there is nothing to decide."),
            code=ManifestoErrorCode.AMENDMENT_WITHDRAWN,
        )
    return DomainError(
        _("This amendment is already decided (%(status)s).")
        % {"status": amendment.get_status_display().lower()},
        code=ManifestoErrorCode.ALREADY_DECIDED,
    )


def _insert_after(manifesto, anchor) -> int:
    """A free position right after `anchor` (None: at the start), the sections after it
    shifted down one by one, from the last, so that (manifesto, position) stays unique."""
    position = anchor.position + 1 if anchor is not None else 1
    sections = Section.objects.filter(manifesto=manifesto)
    if sections.filter(position=position).exists():
        following = sections.filter(position__gte=position).order_by("-position")
        for pk, at in list(following.values_list("pk", "position")):
            Section.objects.filter(pk=pk).update(position=at + 1)
    return position


def _apply(manifesto, amendment) -> int:
    """Change the live text as `amendment` says; the key of the section changed."""
    if amendment.kind == AmendmentKind.REPLACE:
        section = amendment.section
        section.title, section.body = amendment.title, amendment.body
        section.save()  # renders the Markdown again
        return section.pk
    if amendment.kind == AmendmentKind.DELETE:
        key = amendment.section_id
        # Sections proposed "after" it now go after the one before it (None: at the start),
        # the same place in the text.
        before = (
            Section.objects.filter(manifesto=manifesto, position__lt=amendment.section.position)
            .order_by("-position")
            .first()
        )
        Amendment.objects.filter(
            section_id=key, kind=AmendmentKind.ADD, status=AmendmentStatus.OPEN
        ).update(section=before)
        Section.objects.filter(pk=key).delete()  # its other amendments lose their section
        amendment.section = None
        return key
    position = _insert_after(manifesto, amendment.section)
    section = Section.objects.create(
        manifesto=manifesto, position=position, title=amendment.title, body=amendment.body
    )
    return section.pk


def decide(amendment, *, decision, reason, by) -> Amendment:
    """Accept (`decision` ACCEPT) or reject (REJECT) the open, public `amendment`, by an
    organiser of its place, with a reason."""
    if decision not in (ACCEPT, REJECT):
        raise DomainError(
            _("Choose to accept or to reject the amendment."),
            code=ManifestoErrorCode.UNKNOWN_DECISION,
            field="decision",
        )
    reason = clean_text(reason, max_length=DECISION_REASON_MAX, field="reason")
    with transaction.atomic():
        manifesto = lock_manifesto(amendment.manifesto_id)
        if not is_organiser(by, manifesto.place):
            raise DomainError(
                _("Only the organisers of the place decide on amendments."),
                code=ManifestoErrorCode.NOT_ORGANISER,
            )
        if manifesto.phase not in DECIDING_PHASES:
            raise DomainError(
                _("Amendments are decided while they are open or once they are closed."),
                code=ManifestoErrorCode.DECISIONS_CLOSED,
            )
        amendment = (
            Amendment.objects.select_for_update(of=("self",))
            .select_related("section")
            .get(pk=amendment.pk)
        )
        if not amendment.is_open:
            raise _not_open_error(amendment)
        if not amendment.is_public:
            raise DomainError(
                _("This amendment is not confirmed by its author yet."),
                code=ManifestoErrorCode.AMENDMENT_NOT_PUBLIC,
            )
        if decision == ACCEPT:
            if based_on_earlier_text(amendment):
                raise _changed_error(amendment)
            amendment.applied_key = _apply(manifesto, amendment)
            amendment.status = AmendmentStatus.ACCEPTED
        else:
            amendment.status = AmendmentStatus.REJECTED
        amendment.decided_at, amendment.decided_by = timezone.now(), by
        amendment.decision_reason = reason
        amendment.save()
        amendment.manifesto = manifesto
        transaction.on_commit(lambda: notifications.decided(amendment))
    log.info("amendment %s: %s by user %s", amendment.pk, amendment.status, by.pk)
    return amendment


def accept(amendment, *, reason, by) -> Amendment:
    return decide(amendment, decision=ACCEPT, reason=reason, by=by)


def reject(amendment, *, reason, by) -> Amendment:
    return decide(amendment, decision=REJECT, reason=reason, by=by)


def _check_author(amendment, by):
    if by is PRIVATE_LINK:
        if amendment.author_id is None:
            return
    elif by is not None and by.is_authenticated and amendment.author_id == by.pk:
        return
    raise DomainError(
        _("Only its author may update an amendment."), code=ManifestoErrorCode.NOT_THE_AUTHOR
    )


def update_amendment(amendment, *, title="", body="", rationale, by) -> Amendment:
    """Its author brings her open amendment up to date: its proposed text and rationale, now
    based on the section's current text. `by`: the signed-in author, or PRIVATE_LINK for an
    author without an account whose private link the caller has checked. While amendments
    are open; once closed, only an amendment based on an earlier text may be updated."""
    if amendment.kind == AmendmentKind.DELETE:
        title = body = ""
    else:
        title = clean_text(title, max_length=SECTION_TITLE_MAX, field="title")
        body = clean_text(body, max_length=SECTION_BODY_MAX, field="body")
    rationale = clean_text(rationale, max_length=RATIONALE_MAX, field="rationale")
    with transaction.atomic():
        manifesto = lock_manifesto(amendment.manifesto_id)
        amendment = (
            Amendment.objects.select_for_update(of=("self",))
            .select_related("section")
            .get(pk=amendment.pk)
        )
        _check_author(amendment, by)
        if not amendment.is_open:
            raise DomainError(
                _("This amendment is no longer open."), code=ManifestoErrorCode.AMENDMENT_NOT_OPEN
            )
        stale = based_on_earlier_text(amendment)
        if not (
            manifesto.phase == Phase.AMENDMENTS_OPEN
            or (manifesto.phase == Phase.AMENDMENTS_CLOSED and stale)
        ):
            raise DomainError(
                _("Amendments can no longer be changed on this manifesto."),
                code=ManifestoErrorCode.UPDATE_CLOSED,
            )
        if section_gone(amendment):
            raise _changed_error(amendment)
        base_title = base_body = ""
        if amendment.kind != AmendmentKind.ADD:
            base_title, base_body = amendment.section.title, amendment.section.body
        if amendment.kind == AmendmentKind.REPLACE and not (
            changed(base_title, title) or changed(base_body, body)
        ):
            raise DomainError(
                _("This is the current text of the section: change it before proposing."),
                code=ManifestoErrorCode.SAME_TEXT,
                field="body",
            )
        amendment.title, amendment.body, amendment.rationale = title, body, rationale
        amendment.base_title, amendment.base_body = base_title, base_body
        amendment.save()
    log.info("amendment %s updated by its author", amendment.pk)
    return amendment
