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
    check_dates(fields.get("opens_at"), fields.get("closes_at"))
    with transaction.atomic():
        survey = Survey(place=place, created_by=by, **fields)
        save_with_unique_slug(survey, survey.title, url_namespace="surveys", fallback="enquete")
        Section.objects.create(survey=survey, position=0)
    log.info("survey %s created by user %s", survey.pk, getattr(by, "pk", None))
    return survey


def check_dates(opens_at, closes_at, *, new_closing=True) -> None:
    """A closing date after the opening date, and not in the past (a closing date already
    saved, `new_closing` False, may be: the survey is then closed)."""
    if new_closing and closes_at is not None and closes_at <= timezone.now():
        raise DomainError(
            _("The closing date must be in the future."),
            code=SurveyErrorCode.CLOSING_IN_PAST,
            field="closes_at",
        )
    if opens_at is not None and closes_at is not None and closes_at <= opens_at:
        raise DomainError(
            _("The survey must close after it opens."),
            code=SurveyErrorCode.DATES_IN_ORDER,
            field="closes_at",
        )


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


# The options of each kind of question, and their value when they do not apply.
OPTION_DEFAULTS = {
    "allow_other": False,
    "max_choices": None,
    "scale_min": None,
    "scale_max": None,
    "label_min": "",
    "label_max": "",
    "number_min": None,
    "number_max": None,
}
KIND_OPTIONS = {
    Kind.SINGLE: ("allow_other",),
    Kind.MULTIPLE: ("allow_other", "max_choices"),
    Kind.SCALE: ("scale_min", "scale_max", "label_min", "label_max"),
    Kind.NUMBER: ("number_min", "number_max"),
}


def _lock(survey: Survey) -> Survey:
    """Hold the survey's row until the transaction ends: concurrent reorderings wait their turn."""
    return Survey.objects.select_for_update().get(pk=survey.pk)


def _answered_refusal(field=None):
    return DomainError(
        _(
            "This question already has answers: only its wording can change, so that the "
            "results stay right."
        ),
        code=SurveyErrorCode.HAS_ANSWERS,
        field=field,
    )


def _same(old, new) -> bool:
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        return (old is None) == (new is None) and (old is None or Decimal(old) == Decimal(new))
    return old == new


def edit_question(question: Question, *, kind, text, help_text="", required=False, choices=(),
                  **options) -> Question:  # fmt: skip
    """Change a question. Once it has answers, only its wording changes: text, help text and
    the labels of its choices (as many, in the same order); anything else is refused."""
    kind = Kind(kind)
    applies = KIND_OPTIONS.get(kind, ())
    options = {
        name: options.get(name, default) if name in applies else default
        for name, default in OPTION_DEFAULTS.items()
    }
    choices = list(choices)
    with transaction.atomic():
        _lock(question.survey)
        current = list(question.choices.all())
        if has_answers(question):
            changed = [
                name
                for name, value in [("kind", kind), ("required", required), *options.items()]
                if not _same(getattr(question, name), value)
            ]
            if changed:
                raise _answered_refusal(changed[0])
            if kind in (Kind.SINGLE, Kind.MULTIPLE):
                choices = clean_choices(choices)
                if len(choices) != len(current):
                    raise _answered_refusal("choices")
        else:
            check_options(kind, choices=choices, options=options)
        question.kind, question.text, question.help_text = kind, text, help_text
        question.required = required
        for name, value in options.items():
            setattr(question, name, value)
        question.save()
        _set_choices(question, kind, choices, current)
    return question


def _set_choices(question, kind, labels, current):
    """Relabel the choices in place (their answers stay theirs), add or remove at the end."""
    if kind in (Kind.SINGLE, Kind.MULTIPLE):
        labels = clean_choices(labels)
    elif kind == Kind.YES_NO:
        labels = [c.label for c in current] if len(current) == 2 else [_("Yes"), _("No")]
    else:
        labels = []
    for choice, label in zip(current, labels, strict=False):
        if choice.label != label:
            choice.label = label
            choice.save(update_fields=["label"])
    Choice.objects.filter(pk__in=[c.pk for c in current[len(labels) :]]).delete()
    Choice.objects.bulk_create(
        Choice(question=question, label=label, position=i)
        for i, label in enumerate(labels)
        if i >= len(current)
    )


def _renumber(items):
    for position, item in enumerate(items):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


def move_question(question: Question, step: int) -> None:
    """Move a question one place up (step -1) or down (+1) within its section; past the first
    or the last, it goes to the end of the previous section or the start of the next one."""
    with transaction.atomic():
        survey = _lock(question.survey)
        question = Question.objects.get(pk=question.pk)
        sections = list(survey.sections.all())
        index = next(i for i, s in enumerate(sections) if s.pk == question.section_id)
        siblings = list(question.section.questions.order_by("position", "pk"))
        here = next(i for i, q in enumerate(siblings) if q.pk == question.pk)
        there = here + step
        if 0 <= there < len(siblings):
            siblings.insert(there, siblings.pop(here))
            _renumber(siblings)
            return
        if not 0 <= index + step < len(sections):
            return  # already first or last of the survey
        siblings.pop(here)
        _renumber(siblings)
        target = sections[index + step]
        others = list(target.questions.order_by("position", "pk"))
        others.insert(len(others) if step < 0 else 0, question)
        question.section = target
        question.position = -1  # saved by _renumber with its section
        question.save(update_fields=["section"])
        _renumber(others)


def move_section(section: Section, step: int) -> None:
    with transaction.atomic():
        survey = _lock(section.survey)
        sections = list(survey.sections.all())
        here = next(i for i, s in enumerate(sections) if s.pk == section.pk)
        if 0 <= here + step < len(sections):
            sections.insert(here + step, sections.pop(here))
            _renumber(sections)


def duplicate_question(question: Question) -> Question:
    """A copy of the question (and its choices) right after it, without its answers."""
    with transaction.atomic():
        survey = _lock(question.survey)
        if survey.questions.count() >= MAX_QUESTIONS:
            raise DomainError(
                _("At most %(max)s questions per survey.") % {"max": MAX_QUESTIONS},
                code=SurveyErrorCode.TOO_MANY_QUESTIONS,
            )
        siblings = list(question.section.questions.order_by("position", "pk"))
        here = next(i for i, q in enumerate(siblings) if q.pk == question.pk)
        choices = list(question.choices.all())
        copy = Question.objects.get(pk=question.pk)
        copy.pk = None
        copy.position = here + 1
        copy.save()
        Choice.objects.bulk_create(
            Choice(question=copy, label=c.label, position=c.position) for c in choices
        )
        siblings.insert(here + 1, copy)
        _renumber(siblings)
    return copy


def delete_question(question: Question) -> None:
    with transaction.atomic():
        _lock(question.survey)
        if has_answers(question):
            raise DomainError(
                _(
                    "This question already has answers: it cannot be deleted, so that the "
                    "answers given stay in the results."
                ),
                code=SurveyErrorCode.HAS_ANSWERS,
            )
        section = question.section
        question.delete()
        _renumber(list(section.questions.order_by("position", "pk")))


def edit_section(section: Section, *, title: str, description: str) -> Section:
    section.title, section.description = title, description
    section.save(update_fields=["title", "description"])
    return section


def delete_section(section: Section) -> None:
    """Delete a section and its questions, unless one has answers or it is the last one."""
    with transaction.atomic():
        survey = _lock(section.survey)
        if survey.sections.count() <= 1:
            raise DomainError(
                _("A survey keeps at least one section."), code=SurveyErrorCode.LAST_SECTION
            )
        if section.questions.filter(answers__isnull=False).exists():
            raise DomainError(
                _(
                    "Questions of this section already have answers: it cannot be deleted, so "
                    "that the answers given stay in the results."
                ),
                code=SurveyErrorCode.HAS_ANSWERS,
            )
        section.delete()
        _renumber(list(survey.sections.all()))
