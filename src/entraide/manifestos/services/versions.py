"""Publishing a version: the whole live text frozen as V0, V1, … (its sections copied with
their keys, so that versions are compared section by section), the accepted amendments not yet
in a version marked as first published in it, and the manifesto moved to "Version published".
That phase is reached only this way: from drafting (V0, the first text), or once amendments
are closed."""

import logging

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError
from entraide.manifestos.errors import ManifestoErrorCode
from entraide.manifestos.models import (
    Amendment,
    AmendmentStatus,
    Phase,
    Version,
    VersionSection,
)
from entraide.manifestos.services.locks import lock_manifesto
from entraide.manifestos.services.text import clean_text

log = logging.getLogger(__name__)

NOTE_MAX = Version._meta.get_field("note").max_length
PUBLISHING_PHASES = (Phase.DRAFTING, Phase.AMENDMENTS_CLOSED)


def next_number(manifesto) -> int:
    last = manifesto.versions.aggregate(last=Max("number"))["last"]
    return 0 if last is None else last + 1


def publish_version(manifesto, *, note="", by) -> Version:
    """Freeze the text of `manifesto` as its next version, with an optional `note` saying
    what it changes."""
    note = (note or "").strip()
    if note:
        note = clean_text(note, max_length=NOTE_MAX, field="note")
    with transaction.atomic():
        locked = lock_manifesto(manifesto.pk)
        if locked.phase not in PUBLISHING_PHASES:
            raise DomainError(
                _("A version is published from the drafting phase, or once amendments are closed."),
                code=ManifestoErrorCode.PUBLISH_NOT_ALLOWED,
            )
        sections = list(locked.sections.order_by("position", "pk"))
        if not sections:
            raise DomainError(
                _("The text has no section yet: write one before publishing."),
                code=ManifestoErrorCode.NOTHING_TO_PUBLISH,
            )
        version = Version.objects.create(
            manifesto=locked,
            number=next_number(locked),
            note=note,
            published_at=timezone.now(),
            published_by=by,
        )
        VersionSection.objects.bulk_create(
            VersionSection(
                version=version,
                key=section.pk,
                position=rank,
                title=section.title,
                body=section.body,
                body_html=section.body_html,
            )
            for rank, section in enumerate(sections, 1)
        )
        Amendment.objects.filter(
            manifesto=locked, status=AmendmentStatus.ACCEPTED, version__isnull=True
        ).update(version=version)
        locked.phase = Phase.PUBLISHED
        locked.save(update_fields=["phase", "updated_at"])
    log.info("manifesto %s: version %s published by user %s", locked.pk, version.number, by.pk)
    version.manifesto = locked
    return version
