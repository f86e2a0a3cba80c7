"""The text of a manifesto while it is drafted: add, edit, delete and reorder its sections,
each citing the ideas it came from. Only in the drafting phase; every change takes the
manifesto's lock first, so that two organisers moving sections at once keep one order."""

import logging

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError
from entraide.manifestos.errors import ManifestoErrorCode
from entraide.manifestos.models import SECTION_BODY_MAX, SECTION_TITLE_MAX, Idea, Phase, Section
from entraide.manifestos.services.locks import lock_manifesto
from entraide.manifestos.services.text import clean_text

log = logging.getLogger(__name__)


def _drafting(manifesto_id):
    manifesto = lock_manifesto(manifesto_id)
    if manifesto.phase != Phase.DRAFTING:
        raise DomainError(
            _("Sections change only while the manifesto is being drafted."),
            code=ManifestoErrorCode.NOT_DRAFTING,
        )
    return manifesto


def _clean(title, body):
    title = clean_text(title, max_length=SECTION_TITLE_MAX, field="title")
    body = clean_text(body, max_length=SECTION_BODY_MAX, field="body")
    return title, body


def _ideas(manifesto, idea_ids):
    idea_ids = set(idea_ids or ())
    ideas = list(Idea.objects.filter(question__manifesto=manifesto, pk__in=idea_ids))
    if len(ideas) != len(idea_ids):
        raise DomainError(
            _("Cite ideas of this manifesto."),
            code=ManifestoErrorCode.IDEA_NOT_IN_MANIFESTO,
            field="cited_ideas",
        )
    return ideas


def add_section(manifesto, *, title, body, cited_ideas=(), by) -> Section:
    """A section at the end of the text."""
    title, body = _clean(title, body)
    with transaction.atomic():
        locked = _drafting(manifesto.pk)
        ideas = _ideas(locked, cited_ideas)
        last = locked.sections.aggregate(last=Max("position"))["last"] or 0
        section = Section.objects.create(
            manifesto=locked, position=last + 1, title=title, body=body
        )
        section.cited_ideas.set(ideas)
    log.info("manifesto %s: section %s added by user %s", manifesto.pk, section.pk, by.pk)
    return section


def edit_section(section, *, title, body, cited_ideas=(), by) -> Section:
    title, body = _clean(title, body)
    with transaction.atomic():
        locked = _drafting(section.manifesto_id)
        ideas = _ideas(locked, cited_ideas)
        section = Section.objects.select_for_update().get(pk=section.pk)
        section.title, section.body = title, body
        section.save()
        section.cited_ideas.set(ideas)
    log.info("section %s edited by user %s", section.pk, by.pk)
    return section


def delete_section(section, *, by) -> None:
    with transaction.atomic():
        _drafting(section.manifesto_id)
        Section.objects.filter(pk=section.pk).delete()
    log.info("section %s deleted by user %s", section.pk, by.pk)


def move_section(section, *, up: bool, by) -> Section:
    """Swap the section with the one before (`up`) or after it."""
    with transaction.atomic():
        locked = _drafting(section.manifesto_id)
        section = Section.objects.get(pk=section.pk)
        others = locked.sections.exclude(pk=section.pk)
        if up:
            neighbour = others.filter(position__lt=section.position).order_by("-position").first()
        else:
            neighbour = others.filter(position__gt=section.position).order_by("position").first()
        if neighbour is None:
            raise DomainError(
                _("This section is already the first.")
                if up
                else _("This section is already the last."),
                code=ManifestoErrorCode.CANNOT_MOVE,
            )
        mine, theirs = section.position, neighbour.position
        # Through a free position, so that the unique (manifesto, position) holds at each step.
        Section.objects.filter(pk=section.pk).update(position=0)
        Section.objects.filter(pk=neighbour.pk).update(position=mine)
        Section.objects.filter(pk=section.pk).update(position=theirs)
        section.position = theirs
    return section
