"""Managing a survey as a whole: its settings and dates, closing it early and reopening it,
and duplicating it for another time."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError
from entraide.core.slugs import save_with_unique_slug
from entraide.surveys.errors import SurveyErrorCode
from entraide.surveys.models import TITLE_MAX, Choice, Section, Survey
from entraide.surveys.services.building import check_dates

log = logging.getLogger(__name__)

SETTINGS = (
    "title",
    "description",
    "audience",
    "opens_at",
    "closes_at",
    "workshop",
    "series",
    "invitation_only",
)
COPIED = (*SETTINGS, "results_when", "threshold")
KEEP = object()


def update_settings(survey: Survey, *, by, fields: dict) -> Survey:
    """Change the survey's settings. A closing date already past may stay as it is (the
    survey is then closed); a new one must be in the future."""
    fields = {name: fields[name] for name in SETTINGS if name in fields}
    closes_at = fields.get("closes_at", survey.closes_at)
    opens_at = fields.get("opens_at", survey.opens_at)
    check_dates(opens_at, closes_at, new_closing=closes_at != survey.closes_at)
    for name, value in fields.items():
        setattr(survey, name, value)
    survey.save()
    log.info("survey %s settings changed by user %s", survey.pk, getattr(by, "pk", None))
    return survey


def close(survey: Survey, *, by) -> Survey:
    """Close the survey now, before its closing date: answers are no longer accepted."""
    if survey.closed_at is None:
        survey.closed_at = timezone.now()
        survey.save(update_fields=["closed_at", "updated_at"])
        log.info("survey %s closed by user %s", survey.pk, getattr(by, "pk", None))
    return survey


def reopen_needs_date(survey: Survey, now=None) -> bool:
    now = now or timezone.now()
    return survey.closes_at is not None and survey.closes_at <= now


def reopen(survey: Survey, *, by, closes_at=KEEP) -> Survey:
    """Accept answers again. When the closing date is past, `closes_at` is the new one (None:
    no closing date)."""
    if reopen_needs_date(survey):
        if closes_at is KEEP:
            raise DomainError(
                _("The closing date is past: give a new one, or none."),
                code=SurveyErrorCode.CLOSING_IN_PAST,
                field="closes_at",
            )
        check_dates(survey.opens_at, closes_at)
        survey.closes_at = closes_at
    survey.closed_at = None
    survey.save(update_fields=["closed_at", "closes_at", "updated_at"])
    log.info("survey %s reopened by user %s", survey.pk, getattr(by, "pk", None))
    return survey


def duplicate_survey(survey: Survey, *, by) -> Survey:
    """A draft copy of the survey: its settings (dates left empty), sections, questions and
    choices; never its answers nor its invitations."""
    title = _("%(title)s (copy)") % {"title": survey.title}
    if len(title) > TITLE_MAX:
        title = title[: TITLE_MAX - 1] + "…"
    fields = {name: getattr(survey, name) for name in COPIED}
    fields |= {"title": title, "opens_at": None, "closes_at": None}
    with transaction.atomic():
        copy = Survey(place=survey.place, created_by=by, **fields)
        save_with_unique_slug(copy, title, url_namespace="surveys", fallback="enquete")
        sections = {}
        for section in survey.sections.all():
            sections[section.pk] = Section.objects.create(
                survey=copy,
                title=section.title,
                description=section.description,
                position=section.position,
            )
        questions = list(survey.questions.prefetch_related("choices"))
        choices = []
        for question in questions:
            old_choices = list(question.choices.all())
            question.pk, question.survey = None, copy
            question.section = sections[question.section_id]
            question.save()
            choices += [
                Choice(question=question, label=c.label, position=c.position) for c in old_choices
            ]
        Choice.objects.bulk_create(choices)
    log.info("survey %s duplicated as %s by user %s", survey.pk, copy.pk, getattr(by, "pk", None))
    return copy


def status(survey: Survey, now=None) -> str:
    """ "draft", "scheduled" (published, not open yet), "open" or "closed"."""
    now = now or timezone.now()
    if not survey.is_published:
        return "draft"
    if survey.is_closed(now):
        return "closed"
    return "open" if survey.has_opened(now) else "scheduled"
