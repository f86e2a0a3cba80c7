"""What organisers do with a manifesto: create and edit it, switch its phase, pose and edit
the questions of the ideas wall."""

import logging

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError
from entraide.core.slugs import save_with_unique_slug
from entraide.manifestos.errors import ManifestoErrorCode
from entraide.manifestos.models import DOTS_MAX, QUESTION_MAX, Manifesto, Phase, Question
from entraide.manifestos.services.locks import lock_manifesto
from entraide.manifestos.services.text import clean_text

log = logging.getLogger(__name__)


def _check_series(place, series):
    if series is not None and series.place_id != place.pk:
        raise DomainError(
            _("Choose a series of %(place)s.") % {"place": place.name},
            code=ManifestoErrorCode.SERIES_NOT_OF_PLACE,
            field="series",
        )


def _check_dots(dots):
    if not 1 <= dots <= DOTS_MAX:
        raise DomainError(
            _("Between 1 and %(max)s dots.") % {"max": DOTS_MAX},
            code=ManifestoErrorCode.TOO_MANY_DOTS,
            field="dots_per_question",
        )


def create_manifesto(place, *, by, fields: dict):
    _check_series(place, fields.get("series"))
    _check_dots(fields.get("dots_per_question", 5))
    with transaction.atomic():
        manifesto = Manifesto(place=place, created_by=by, **fields)
        save_with_unique_slug(
            manifesto, manifesto.title, url_namespace="manifestos", fallback="manifeste"
        )
    log.info("manifesto %s created by user %s", manifesto.pk, by.pk)
    return manifesto


def update_manifesto(manifesto, *, by, fields: dict):
    _check_series(manifesto.place, fields.get("series", manifesto.series))
    _check_dots(fields.get("dots_per_question", manifesto.dots_per_question))
    with transaction.atomic():
        locked = lock_manifesto(manifesto.pk)
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save()
    log.info("manifesto %s edited by user %s", manifesto.pk, by.pk)
    return locked


def switch_phase(manifesto, phase, *, by):
    """Move the manifesto to `phase`, if its current phase leads there (models.TRANSITIONS)."""
    with transaction.atomic():
        locked = lock_manifesto(manifesto.pk)
        if phase == locked.phase:
            raise DomainError(
                _("The manifesto is already in this phase."),
                code=ManifestoErrorCode.SAME_PHASE,
                field="phase",
            )
        if phase == Phase.PUBLISHED and phase in locked.next_phases():
            raise DomainError(
                _("A version is published with its own button, which freezes the text."),
                code=ManifestoErrorCode.PUBLISH_TO_PUBLISH,
                field="phase",
            )
        if phase not in locked.next_phases():
            raise DomainError(
                _("From “%(current)s”, the manifesto cannot go to “%(phase)s”.")
                % {
                    "current": locked.get_phase_display(),
                    "phase": Phase(phase).label if phase in Phase.values else phase,
                },
                code=ManifestoErrorCode.PHASE_NOT_ALLOWED,
                field="phase",
            )
        locked.phase = phase
        locked.save(update_fields=["phase", "updated_at"])
    log.info("manifesto %s: phase %s, by user %s", manifesto.pk, phase, by.pk)
    return locked


def _check_workshop(manifesto, workshop):
    if workshop is None:
        return
    if manifesto.series_id is not None:
        wrong = workshop.series_id != manifesto.series_id
    else:
        wrong = workshop.place_id != manifesto.place_id
    if wrong:
        raise DomainError(
            _("Choose a workshop of the manifesto’s series."),
            code=ManifestoErrorCode.WORKSHOP_NOT_IN_SERIES,
            field="workshop",
        )


def pose_question(manifesto, *, text, workshop=None, by):
    text = clean_text(text, max_length=QUESTION_MAX, field="text")
    _check_workshop(manifesto, workshop)
    with transaction.atomic():
        locked = lock_manifesto(manifesto.pk)
        last = locked.questions.aggregate(last=Max("position"))["last"] or 0
        question = Question.objects.create(
            manifesto=locked, position=last + 1, text=text, workshop=workshop
        )
    log.info("manifesto %s: question %s posed by user %s", manifesto.pk, question.pk, by.pk)
    return question


def edit_question(question, *, text, workshop=None, by):
    text = clean_text(text, max_length=QUESTION_MAX, field="text")
    _check_workshop(question.manifesto, workshop)
    with transaction.atomic():
        lock_manifesto(question.manifesto_id)
        question.text, question.workshop = text, workshop
        question.save(update_fields=["text", "workshop"])
    return question
