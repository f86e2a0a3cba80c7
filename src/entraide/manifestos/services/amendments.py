"""Amendments to the text, while they are open: a person proposes to replace a section's
text, to delete a section or to add one after another, with a rationale; she may withdraw it
while it is open. Signed in, the amendment is public at once; without an account she gives a
name and an address, and the amendment is public once she confirms it through the private link
mailed there (the same link then lets her withdraw it). Each takes the manifesto's lock first,
so that a proposal and a phase switch are decided one after the other."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from entraide.core.diff import changed
from entraide.core.errors import DomainError
from entraide.core.tokens import new_keyed_link, token_digest
from entraide.manifestos import notifications
from entraide.manifestos.errors import ManifestoErrorCode
from entraide.manifestos.models import (
    AMENDMENT_LINK_PURPOSE,
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
from entraide.manifestos.services.votes import vote_totals

log = logging.getLogger(__name__)


def _open_for_amendments(manifesto_id):
    manifesto = lock_manifesto(manifesto_id)
    if manifesto.phase != Phase.AMENDMENTS_OPEN:
        raise DomainError(
            _("Amendments are not open on this manifesto."),
            code=ManifestoErrorCode.AMENDMENTS_CLOSED,
        )
    return manifesto


def _visitor(name, email):
    """The name and address of an author without an account, checked."""
    name = clean_text(name, max_length=NAME_MAX, field="name")
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError(
            _("Enter a valid email address."), code=ManifestoErrorCode.INVALID_EMAIL, field="email"
        ) from None
    return name, email


def propose(
    manifesto, *, kind, section=None, title="", body="", rationale, by=None, name="", email=""
) -> Amendment:
    """An open amendment of `kind`, by the signed-in `by` (public at once) or, without an
    account, by `name` at `email` (public once confirmed through the link mailed there).
    `section` is the section replaced or deleted, or the one a new section goes after (None: at
    the start of the text)."""
    signed_in = by is not None and by.is_authenticated
    if not signed_in:
        name, email = _visitor(name, email)
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
    if signed_in:
        name, email = str(by.public_name)[:NAME_MAX], ""
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
        link_key, digest = ("", "") if signed_in else new_keyed_link(AMENDMENT_LINK_PURPOSE)
        amendment = Amendment.objects.create(
            manifesto=locked,
            kind=kind,
            section=section,
            title=title,
            body=body,
            base_title=base_title,
            base_body=base_body,
            rationale=rationale,
            author=by if signed_in else None,
            author_name=name,
            email=email,
            link_key=link_key,
            token_digest=digest,
            confirmed_at=timezone.now() if signed_in else None,
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
        if not signed_in:
            notifications.confirm_your_amendment(amendment)
    log.info(
        "manifesto %s: amendment %s proposed%s",
        manifesto.pk,
        amendment.pk,
        f" by user {by.pk}" if signed_in else " without an account",
    )
    return amendment


def find_by_token(raw_token) -> Amendment | None:
    """The amendment a private link manages, or None."""
    if not raw_token:
        return None
    return (
        Amendment.objects.select_related("manifesto", "section")
        .filter(token_digest=token_digest(raw_token))
        .exclude(token_digest="")
        .first()
    )


def confirmation_expired(amendment, now=None) -> bool:
    now = now or timezone.now()
    limit = timedelta(hours=settings.ENTRAIDE_CONFIRMATION_HOURS)
    return amendment.confirmed_at is None and amendment.created_at < now - limit


def confirm(raw_token) -> Amendment:
    """The author without an account confirms her address: the amendment becomes public.
    Confirming twice changes nothing; an expired link, or amendments closed meanwhile, refuse."""
    amendment = find_by_token(raw_token)
    if amendment is None:
        raise DomainError(_("This link is not valid."), code=ManifestoErrorCode.LINK_INVALID)
    with transaction.atomic():
        _open_for_amendments(amendment.manifesto_id)
        amendment = Amendment.objects.select_for_update().get(pk=amendment.pk)
        if amendment.confirmed_at is not None:
            return amendment
        if amendment.status != AmendmentStatus.OPEN:
            raise DomainError(
                _("This amendment is no longer open."), code=ManifestoErrorCode.AMENDMENT_NOT_OPEN
            )
        if confirmation_expired(amendment):
            raise DomainError(
                _("This confirmation link has expired. Please propose the amendment again."),
                code=ManifestoErrorCode.CONFIRMATION_EXPIRED,
            )
        amendment.confirmed_at = timezone.now()
        amendment.save(update_fields=["confirmed_at", "updated_at"])
    log.info("amendment %s confirmed by its author's address", amendment.pk)
    return amendment


def _is_author(amendment, by, token) -> bool:
    if token:
        return amendment.token_digest != "" and amendment.token_digest == token_digest(token)
    return by is not None and by.is_authenticated and amendment.author_id == by.pk


def withdraw(amendment, *, by=None, token=None) -> Amendment:
    """Its author takes back her open amendment (while amendments are open): signed in, or
    through her private link (`token`)."""
    with transaction.atomic():
        _open_for_amendments(amendment.manifesto_id)
        amendment = Amendment.objects.select_for_update().get(pk=amendment.pk)
        if not _is_author(amendment, by, token):
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
    log.info("amendment %s withdrawn by its author", amendment.pk)
    return amendment


def attach_amendments(manifesto, sections) -> list[Amendment]:
    """Give each of `sections` its `amendments_here` (those to it, or adding after it), in one
    query; the amendments of the manifesto are returned, oldest first."""
    amendments = list(
        Amendment.objects.public()
        .filter(manifesto=manifesto)
        .only("pk", "kind", "section_id", "status", "author_name", "created_at", "manifesto_id")
        .annotate(**vote_totals())
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


def count_amendments(manifesto, sections):
    """Give each of `sections` its `amendment_count` and `open_amendments` (amendments to it,
    or adding after it), in one grouped query: the manifesto's page says how many, and each
    section's discussion page lists them."""
    counts = {
        row["section_id"]: row
        for row in Amendment.objects.public()
        .filter(manifesto=manifesto)
        .values("section_id")
        .annotate(total=Count("pk"), open=Count("pk", filter=Q(status=AmendmentStatus.OPEN)))
        .order_by()
    }
    for section in sections:
        row = counts.get(section.pk, {})
        section.amendment_count = row.get("total", 0)
        section.open_amendments = row.get("open", 0)


def section_amendments(manifesto, section) -> list[Amendment]:
    """The public amendments to `section` (or adding after it), oldest first, with their vote
    totals, in one query."""
    amendments = list(
        Amendment.objects.public()
        .filter(manifesto=manifesto, section=section)
        .only("pk", "kind", "section_id", "status", "author_name", "created_at", "manifesto_id")
        .annotate(**vote_totals())
    )
    for amendment in amendments:
        amendment.manifesto = manifesto
        amendment.target = section
    return amendments
