"""Answering a survey, without an account: one Response (the survey and the day, nothing else)
and its Answer rows, in one transaction. With an invitation link, the invitation is marked used
in the same transaction, with the same day-only precision, and nothing pairs the two.

The form of the answering pages checks each question with `clean_answer`, so that a refusal
shows beside its field at once; `submit` checks everything again before writing."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError
from entraide.core.tokens import token_digest
from entraide.surveys.errors import SurveyErrorCode
from entraide.surveys.models import (
    LONG_TEXT_MAX,
    SHORT_TEXT_MAX,
    Answer,
    Invitation,
    Kind,
    Response,
    Survey,
)
from entraide.surveys.services.tallies import count_response

OTHER = "autre"  # the value of the "Other (specify)" choice
LARGEST_NUMBER = Decimal("9999999999.99")  # what Answer.number holds (12 digits, 2 decimals)
TOKEN_MAX = 128


@dataclass(frozen=True)
class Given:
    """One Answer row to write: a choice, an "other" text, a number or a text."""

    choice_id: int | None = None
    number: Decimal | None = None
    text: str = ""


def field_name(question) -> str:
    return f"q{question.pk}"


def other_field_name(question) -> str:
    return f"q{question.pk}_{OTHER}"


def _refuse(question, message, code):
    raise DomainError(message, code=code, field=field_name(question))


def _is_empty(value) -> bool:
    return value is None or value == "" or value == [] or value == ()


def text_limit(question) -> int:
    return SHORT_TEXT_MAX if question.kind == Kind.SHORT_TEXT else LONG_TEXT_MAX


def _check_length(question, text, limit):
    if len(text) > limit:
        _refuse(
            question,
            _("At most %(max)s characters, please (this answer has %(count)s).")
            % {"max": limit, "count": len(text)},
            SurveyErrorCode.TOO_LONG,
        )


def _clean_choices(question, value, other) -> list[Given]:
    values = value if isinstance(value, list | tuple) else [value]
    chosen = [str(v) for v in values if v is not None and v != ""]
    other = (other or "").strip()
    # The box of "Other" filled in without ticking it: what was meant is plain.
    typed_only = question.allow_other and other and OTHER not in chosen
    if typed_only and (question.kind == Kind.MULTIPLE or not chosen):
        chosen.append(OTHER)
    labels = {str(choice.pk): choice for choice in question.choices.all()}
    allowed = set(labels) | ({OTHER} if question.allow_other else set())
    if any(v not in allowed for v in chosen) or len(set(chosen)) < len(chosen):
        _refuse(question, _("Choose among the proposed answers."), SurveyErrorCode.UNKNOWN_CHOICE)
    if not chosen:
        return []
    if question.kind != Kind.MULTIPLE and len(chosen) > 1:
        _refuse(question, _("Choose one answer only."), SurveyErrorCode.TOO_MANY_CHOSEN)
    if question.max_choices and len(chosen) > question.max_choices:
        _refuse(
            question,
            _("Choose at most %(max)s answers.") % {"max": question.max_choices},
            SurveyErrorCode.TOO_MANY_CHOSEN,
        )
    given = [Given(choice_id=labels[v].pk) for v in chosen if v != OTHER]
    if OTHER in chosen:
        if not other:
            _refuse(
                question,
                _("You chose “Other”: say what in the box below it."),
                SurveyErrorCode.OTHER_EMPTY,
            )
        _check_length(question, other, SHORT_TEXT_MAX)
        given.append(Given(text=other))
    return given


def _clean_scale(question, value) -> list[Given]:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = None
    low, high = question.scale_min, question.scale_max
    if number is None or not low <= number <= high:
        _refuse(
            question,
            _("Choose a value from %(min)s to %(max)s.") % {"min": low, "max": high},
            SurveyErrorCode.OUT_OF_RANGE,
        )
    return [Given(number=Decimal(number))]


def _clean_number(question, value) -> list[Given]:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        _refuse(question, _("Write a number, e.g. 3 or 2.5."), SurveyErrorCode.NOT_A_NUMBER)
    low = question.number_min if question.number_min is not None else -LARGEST_NUMBER
    high = question.number_max if question.number_max is not None else LARGEST_NUMBER
    if not low <= number <= high:
        if question.number_min is not None and question.number_max is not None:
            message = _("Write a number from %(min)s to %(max)s.")
        elif question.number_min is not None:
            message = _("Write a number of at least %(min)s.")
        elif question.number_max is not None:
            message = _("Write a number of at most %(max)s.")
        else:
            message = _("This number is too large.")
        bounds = {"min": _plain(low), "max": _plain(high)}
        _refuse(question, message % bounds, SurveyErrorCode.OUT_OF_RANGE)
    return [Given(number=number.quantize(Decimal("0.01")))]


def _plain(number: Decimal) -> str:
    """24.00 → 24, 2.50 → 2.5."""
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def clean_answer(question, value, other="") -> list[Given]:
    """The rows answering `question` with `value` (a choice id or a list of them, OTHER, a
    number, a text) and, for "Other", its `other` text; a DomainError beside the question's
    field when the answer cannot be taken."""
    if question.kind == Kind.MULTIPLE or question.kind in (Kind.SINGLE, Kind.YES_NO):
        given = _clean_choices(question, value, other)
    elif question.kind in (Kind.SHORT_TEXT, Kind.LONG_TEXT):
        text = (value or "").strip() if isinstance(value, str) else ""
        _check_length(question, text, text_limit(question))
        given = [Given(text=text)] if text else []
    elif _is_empty(value) or (isinstance(value, str) and not value.strip()):
        given = []
    elif question.kind == Kind.SCALE:
        given = _clean_scale(question, value)
    else:
        given = _clean_number(question, value)
    if question.required and not given:
        _refuse(question, _("This question needs an answer."), SurveyErrorCode.REQUIRED)
    return given


def check_open(survey: Survey, now=None) -> None:
    """Whether answers are accepted now; a DomainError saying why not."""
    now = now or timezone.now()
    if not survey.is_published:
        raise DomainError(_("This survey is not published."), code=SurveyErrorCode.NOT_PUBLISHED)
    if not survey.has_opened(now):
        raise DomainError(
            _("This survey is not open to answers yet."), code=SurveyErrorCode.NOT_OPEN_YET
        )
    if survey.is_closed(now):
        raise DomainError(
            _("This survey is closed: it no longer takes answers."), code=SurveyErrorCode.CLOSED
        )


def questions_of(survey: Survey):
    return list(survey.questions.prefetch_related("choices"))


def submit(survey: Survey, data: dict, *, invitation_token=None, now=None, questions=None):
    """Record one anonymous response to `survey`: `data` maps each question's field name
    (field_name, other_field_name) to its cleaned value. With `invitation_token`, the
    invitation is used up in the same transaction; a used or unknown one refuses everything."""
    now = now or timezone.now()
    check_open(survey, now)
    if survey.invitation_only and not invitation_token:
        raise DomainError(
            _("This survey is answered through the personal link of an invitation."),
            code=SurveyErrorCode.INVITATION_ONLY,
        )
    questions = questions if questions is not None else questions_of(survey)
    rows = []
    for question in questions:
        for given in clean_answer(
            question, data.get(field_name(question)), data.get(other_field_name(question), "")
        ):
            rows.append((question, given))
    today = timezone.localdate(now)
    with transaction.atomic():
        if invitation_token:
            _use_invitation(survey, invitation_token, today)
        response = Response.objects.create(survey=survey, day=today)
        Answer.objects.bulk_create(
            Answer(
                response=response,
                question=question,
                choice_id=given.choice_id,
                number=given.number,
                text=given.text,
            )
            for question, given in rows
        )
        count_response(rows)
    # Not logged: a log line's time would say when this response was given.
    return response


def _use_invitation(survey, raw_token, today) -> None:
    digest = token_digest(raw_token) if len(raw_token) <= TOKEN_MAX else ""
    used = Invitation.objects.filter(
        survey=survey, token_digest=digest, used_on__isnull=True
    ).update(used_on=today)
    if used == 1:
        return
    if digest and Invitation.objects.filter(survey=survey, token_digest=digest).exists():
        raise DomainError(
            _("This link has already been used: one answer per invitation."),
            code=SurveyErrorCode.INVITATION_USED,
        )
    raise DomainError(
        _("This invitation link is not valid."), code=SurveyErrorCode.INVITATION_UNKNOWN
    )


def find_invitation(raw_token) -> Invitation | None:
    """The invitation a private link names (used or not), with its survey; None for a link
    that names none."""
    if not raw_token or len(raw_token) > TOKEN_MAX:
        return None
    return (
        Invitation.objects.select_related("survey__place")
        .filter(token_digest=token_digest(raw_token))
        .first()
    )
