"""Building a survey: create it, add sections and questions with their choices, publish it.
The builder pages (reorder, duplicate, edit) build on these."""

import logging
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError
from entraide.core.slugs import save_with_unique_slug
from entraide.surveys.errors import SurveyErrorCode
from entraide.surveys.models import (
    MAX_CHOICES,
    MAX_QUESTIONS,
    Choice,
    Kind,
    Question,
    Section,
    Survey,
)

log = logging.getLogger(__name__)

SCALES = {(1, 5), (0, 10)}


def create_survey(place, *, by, fields: dict) -> Survey:
    """A draft survey with one untitled section, ready for its questions."""
    with transaction.atomic():
        survey = Survey(place=place, created_by=by, **fields)
        save_with_unique_slug(survey, survey.title, url_namespace="surveys", fallback="enquete")
        Section.objects.create(survey=survey, position=0)
    log.info("survey %s created by user %s", survey.pk, getattr(by, "pk", None))
    return survey


def add_section(survey: Survey, *, title: str = "", description: str = "") -> Section:
    last = survey.sections.aggregate(last=Max("position"))["last"]
    return Section.objects.create(
        survey=survey,
        title=title,
        description=description,
        position=0 if last is None else last + 1,
    )


def clean_choices(labels) -> list[str]:
    labels = [label.strip() for label in labels if label and label.strip()]
    if len(labels) < 2:
        raise DomainError(
            _("Give at least two choices, one per line."),
            code=SurveyErrorCode.NO_CHOICES,
            field="choices",
        )
    if len(labels) > MAX_CHOICES:
        raise DomainError(
            _("At most %(max)s choices per question.") % {"max": MAX_CHOICES},
            code=SurveyErrorCode.TOO_MANY_CHOICES,
            field="choices",
        )
    if len({label.casefold() for label in labels}) < len(labels):
        raise DomainError(
            _("Each choice must be different from the others."),
            code=SurveyErrorCode.DUPLICATE_CHOICES,
            field="choices",
        )
    return labels


def check_options(kind, *, choices, options: dict) -> None:
    """The options a kind of question needs, consistent with each other."""
    if kind in (Kind.SINGLE, Kind.MULTIPLE):
        clean_choices(choices)
    max_choices = options.get("max_choices")
    if max_choices is not None and (kind != Kind.MULTIPLE or not 1 <= max_choices <= len(choices)):
        raise DomainError(
            _("The most choices allowed must be between 1 and the number of choices."),
            code=SurveyErrorCode.BAD_MAX_CHOICES,
            field="max_choices",
        )
    if kind == Kind.SCALE and (options.get("scale_min"), options.get("scale_max")) not in SCALES:
        raise DomainError(
            _("A scale goes from 1 to 5 or from 0 to 10."),
            code=SurveyErrorCode.BAD_SCALE,
            field="scale",
        )
    low, high = options.get("number_min"), options.get("number_max")
    bounded = low is not None and high is not None
    if kind == Kind.NUMBER and bounded and Decimal(high) < Decimal(low):
        raise DomainError(
            _("The largest number cannot be below the smallest."),
            code=SurveyErrorCode.BAD_BOUNDS,
            field="number_max",
        )


def add_question(section: Section, *, kind, text, choices=(), **options) -> Question:
    """Add a question at the end of `section`. Choice questions take their `choices` (labels);
    a yes/no question gets "Yes" and "No" in the current language."""
    survey = section.survey
    kind = Kind(kind)
    check_options(kind, choices=list(choices), options=options)
    if kind in (Kind.SINGLE, Kind.MULTIPLE):
        choices = clean_choices(choices)
    elif kind == Kind.YES_NO:
        choices = [_("Yes"), _("No")]
    else:
        choices = []
    with transaction.atomic():
        Survey.objects.select_for_update().get(pk=survey.pk)
        if survey.questions.count() >= MAX_QUESTIONS:
            raise DomainError(
                _("At most %(max)s questions per survey.") % {"max": MAX_QUESTIONS},
                code=SurveyErrorCode.TOO_MANY_QUESTIONS,
            )
        last = section.questions.aggregate(last=Max("position"))["last"]
        question = Question.objects.create(
            survey=survey,
            section=section,
            position=0 if last is None else last + 1,
            kind=kind,
            text=text,
            results_public=kind not in (Kind.SHORT_TEXT, Kind.LONG_TEXT),
            **options,
        )
        Choice.objects.bulk_create(
            Choice(question=question, label=label, position=i) for i, label in enumerate(choices)
        )
    return question


def publish(survey: Survey) -> Survey:
    """Open the survey's link to answers (from its opening date, if any)."""
    if not survey.questions.exists():
        raise DomainError(
            _("Add at least one question before publishing the survey."),
            code=SurveyErrorCode.NO_QUESTION,
        )
    if survey.published_at is None:
        survey.published_at = timezone.now()
        survey.save(update_fields=["published_at", "updated_at"])
    return survey


def has_answers(question: Question) -> bool:
    return question.answers.exists()
