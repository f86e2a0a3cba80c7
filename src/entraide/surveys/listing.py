"""Which surveys the public sees: open ones, and those whose results are published. Shared by
the list page and the registry hooks (home page, place page)."""

from django.db.models import Q
from django.utils import timezone

from entraide.surveys.models import ResultsWhen, Survey


def _open(now):
    return (
        Q(published_at__isnull=False, closed_at__isnull=True)
        & (Q(opens_at__isnull=True) | Q(opens_at__lte=now))
        & (Q(closes_at__isnull=True) | Q(closes_at__gt=now))
    )


def _closed(now):
    return Q(closed_at__isnull=False) | Q(closes_at__lte=now)


def _results_public(now):
    return Q(published_at__isnull=False) & (
        Q(results_when=ResultsWhen.WHILE_OPEN)
        | (Q(results_when=ResultsWhen.AFTER_CLOSING) & _closed(now))
    )


def open_surveys(now=None):
    return Survey.objects.filter(_open(now or timezone.now()))


def surveys_with_results(now=None):
    return Survey.objects.filter(_results_public(now or timezone.now()))


def public_surveys(now=None):
    """Open, or with published results: what the list page shows."""
    now = now or timezone.now()
    return Survey.objects.filter(_open(now) | _results_public(now))
