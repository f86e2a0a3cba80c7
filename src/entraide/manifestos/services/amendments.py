"""Amendments to the text, while they are open: a signed-in person proposes to replace a
section's text, to delete a section or to add one after another, with a rationale; she may
withdraw it while it is open. Each takes the manifesto's lock first, so that a proposal and a
phase switch are decided one after the other. (Votes and decisions come later.)"""

import logging

from django.db import transaction
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError
from entraide.manifestos.diff import changed
from entraide.manifestos.errors import ManifestoErrorCode
from entraide.manifestos.models import (
    NAME_MAX,
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

log = logging.getLogger(__name__)


def _open_for_amendments(manifesto_id):
    manifesto = lock_manifesto(manifesto_id)
    if manifesto.phase != Phase.AMENDMENTS_OPEN:
        raise DomainError(
            _("Amendments are not open on this manifesto."),
            code=ManifestoErrorCode.AMENDMENTS_CLOSED,
        )
    return manifesto


def propose(manifesto, *, kind, section=None, title="", body="", rationale, by) -> Amendment:
    """An open amendment of `kind` by the signed-in `by`. `section` is the section replaced or
    deleted, or the one a new section goes after (None: at the start of the text)."""
    if by is None or not by.is_authenticated:
        raise DomainError(
            _("Sign in to propose an amendment."), code=ManifestoErrorCode.SIGN_IN_REQUIRED
        )
    if kind not in AmendmentKind.values:
        raise DomainError(
            _("Choose what the amendment does."), code=ManifestoErrorCode.UNKNOWN_KIND, field="kind"
        )
    if kind != AmendmentKind.ADD and section is None:
        raise DomainError(
            _("Choose the section this amendment changes."),
            code=ManifestoErrorCode.SECTION_NOT_IN_MANIFESTO,
            field="section",
        )
    if kind == AmendmentKind.DELETE:
        title = body = ""
    else:
        title = clean_text(title, max_length=SECTION_TITLE_MAX, field="title")
        body = clean_text(body, max_length=SECTION_BODY_MAX, field="body")
    rationale = clean_text(rationale, max_length=RATIONALE_MAX, field="rationale")
    name = str(by.public_name)[:NAME_MAX]
    with transaction.atomic():
        locked = _open_for_amendments(manifesto.pk)
        base_title = base_body = ""
        if section is not None:
            section = Section.objects.filter(manifesto=locked, pk=section.pk).first()
            if section is None:
                raise DomainError(
                    _("Choose a section of this manifesto."),
                    code=ManifestoErrorCode.SECTION_NOT_IN_MANIFESTO,
                    field="section",
                )
            if kind != AmendmentKind.ADD:
                base_title, base_body = section.title, section.body
        if kind == AmendmentKind.REPLACE and not (
            changed(base_title, title) or changed(base_body, body)
        ):
            raise DomainError(
                _("This is the current text of the section: change it before proposing."),
                code=ManifestoErrorCode.SAME_TEXT,
                field="body",
            )
        amendment = Amendment.objects.create(
            manifesto=locked,
            kind=kind,
            section=section,
            title=title,
            body=body,
            base_title=base_title,
            base_body=base_body,
            rationale=rationale,
            author=by,
            author_name=name,
        )
    log.info("manifesto %s: amendment %s proposed by user %s", manifesto.pk, amendment.pk, by.pk)
    return amendment


def withdraw(amendment, *, by) -> Amendment:
    """Its author takes back her open amendment (while amendments are open)."""
    with transaction.atomic():
        _open_for_amendments(amendment.manifesto_id)
        amendment = Amendment.objects.select_for_update().get(pk=amendment.pk)
        if by is None or not by.is_authenticated or amendment.author_id != by.pk:
            raise DomainError(
                _("Only its author may withdraw an amendment."),
                code=ManifestoErrorCode.NOT_THE_AUTHOR,
            )
        if amendment.status != AmendmentStatus.OPEN:
            raise DomainError(
                _("This amendment is no longer open."), code=ManifestoErrorCode.AMENDMENT_NOT_OPEN
            )
        amendment.status = AmendmentStatus.WITHDRAWN
        amendment.save(update_fields=["status"])
    log.info("amendment %s withdrawn by user %s", amendment.pk, by.pk)
    return amendment


def attach_amendments(manifesto, sections) -> list[Amendment]:
    """Give each of `sections` its `amendments_here` (those to it, or adding after it), in one
    query; the amendments of the manifesto are returned, oldest first."""
    amendments = list(
        Amendment.objects.filter(manifesto=manifesto).only(
            "pk", "kind", "section_id", "status", "author_name", "created_at", "manifesto_id"
        )
    )
    by_section = {}
    numbered = {section.pk: section for section in sections}
    for amendment in amendments:
        amendment.manifesto = manifesto
        amendment.target = numbered.get(amendment.section_id)  # None: at the start, or gone
        by_section.setdefault(amendment.section_id, []).append(amendment)
    for section in sections:
        section.amendments_here = by_section.get(section.pk, [])
        section.open_amendments = sum(1 for a in section.amendments_here if a.is_open)
    return amendments
