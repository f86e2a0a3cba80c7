"""What the organisers publish: when the results are public, the smallest count shown, which
questions show their results, and which text answers are quoted."""

import logging

from django.db import transaction
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError
from entraide.surveys.errors import SurveyErrorCode
from entraide.surveys.models import MIN_THRESHOLD, TEXT_KINDS, Answer, ResultsWhen, Survey

log = logging.getLogger(__name__)


def set_publication(survey: Survey, *, results_when, threshold: int, published: set) -> Survey:
    """`published`: ids of the questions whose results are shown (text questions never are:
    only their chosen quotes)."""
    if threshold is None or threshold < MIN_THRESHOLD:
        raise DomainError(
            _("Numbers below %(min)s are always hidden: choose %(min)s or more.")
            % {"min": MIN_THRESHOLD},
            code=SurveyErrorCode.THRESHOLD_TOO_LOW,
            field="threshold",
        )
    with transaction.atomic():
        survey.results_when = ResultsWhen(results_when)
        survey.threshold = threshold
        survey.save(update_fields=["results_when", "threshold", "updated_at"])
        questions = survey.questions.exclude(kind__in=TEXT_KINDS)
        questions.filter(pk__in=published).update(results_public=True)
        questions.exclude(pk__in=published).update(results_public=False)
    log.info("survey %s: results %s, threshold %s", survey.pk, results_when, threshold)
    return survey


def set_quotes(question, *, on_page: set, quoted: set) -> None:
    """Of the text answers `on_page` (what the organisers read), quote those in `quoted`."""
    answers = Answer.objects.filter(question=question, pk__in=on_page)
    with transaction.atomic():
        answers.filter(pk__in=quoted).update(quoted=True)
        answers.exclude(pk__in=quoted).update(quoted=False)
