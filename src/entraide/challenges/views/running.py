"""The organisers' pages that run a published challenge ("<slug>/gerer/"): the figures, the
testimonies to moderate, the message to everyone, the CSV. Building it is organising.py's.
Every page is behind access.challenge_for_organiser (404 for an unknown slug, 403 for anyone
not running its place)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from entraide.challenges import services
from entraide.challenges.access import challenge_for_organiser
from entraide.challenges.forms.organising import (
    HideForm,
    MessageForm,
)
from entraide.challenges.models import Feeling, Tally, Testimony, TestimonyStatus
from entraide.challenges.services.progress import SMALLEST_COUNT, dashboard_counts
from entraide.core.errors import DomainError, add_domain_error
from entraide.core.spreadsheet import csv_download

LISTED_TESTIMONIES = 200  # published or hidden ones shown below those waiting


def _days(challenge):
    """The challenge's days up to today (its last at most), with their counts: one query."""
    today = challenge.today()
    counted = {
        line["day"]: line
        for line in Tally.objects.filter(challenge=challenge)
        .values("day")
        .annotate(
            held_sum=Sum("held"),
            half_sum=Sum("half"),
            missed_sum=Sum("missed"),
            people_sum=Sum("people"),
        )
        .order_by()
    }
    rows = []
    for day in challenge.days():
        if day > today:
            break
        line = counted.get(day, {})
        rows.append(
            {
                "day": day,
                "held": line.get("held_sum") or 0,
                "half": line.get("half_sum") or 0,
                "missed": line.get("missed_sum") or 0,
                "people": line.get("people_sum") or 0,
            }
        )
    return rows


def _feelings(before, after):
    return [
        (label, before.feelings.get(value), after.feelings.get(value))
        for value, label in Feeling.choices
    ]


@login_required
def manage(request, slug):
    challenge = challenge_for_organiser(request, slug)
    before, after = services.assessments(challenge)
    context = {
        "challenge": challenge,
        "counts": dashboard_counts(challenge),
        "progress": services.progress(challenge),
        "days": _days(challenge),
        "before": before,
        "after": after,
        "feelings": _feelings(before, after),
        "smallest_count": SMALLEST_COUNT,
    }
    return render(request, "challenges/organising/manage.html", context)


def _moderation_page(request, challenge, *, status=200, refused=None):
    """Testimonies waiting, oldest first, each with its buttons; then the published and hidden
    ones. `refused`: (testimony, its hide form with the refusal)."""
    waiting = []
    for testimony in challenge.testimonies.filter(status=TestimonyStatus.PENDING).order_by(
        "created_at", "pk"
    ):
        form = HideForm(auto_id=f"id_hide_{testimony.pk}_%s")
        if refused and refused[0].pk == testimony.pk:
            form = refused[1]
        waiting.append((testimony, form))
    moderated = list(
        challenge.testimonies.exclude(status=TestimonyStatus.PENDING).order_by(
            "-moderated_at", "-pk"
        )[:LISTED_TESTIMONIES]
    )
    context = {
        "challenge": challenge,
        "waiting": waiting,
        "published": [t for t in moderated if t.status == TestimonyStatus.PUBLISHED],
        "hidden": [t for t in moderated if t.status == TestimonyStatus.HIDDEN],
        "error_form": refused[1] if refused else None,
    }
    return render(request, "challenges/organising/testimonies.html", context, status=status)


@login_required
def testimonies(request, slug):
    return _moderation_page(request, challenge_for_organiser(request, slug))


def _testimony(challenge, testimony_id):
    return get_object_or_404(Testimony, pk=testimony_id, challenge=challenge)


def _to_moderation(challenge):
    return redirect(f"{challenge.manage_url()}temoignages/")


@login_required
@require_POST
def publish_testimony(request, slug, testimony_id):
    challenge = challenge_for_organiser(request, slug)
    services.publish_testimony(_testimony(challenge, testimony_id))
    messages.success(request, _("The testimony is published."))
    return _to_moderation(challenge)


@login_required
@require_POST
def hide_testimony(request, slug, testimony_id):
    challenge = challenge_for_organiser(request, slug)
    testimony = _testimony(challenge, testimony_id)
    form = HideForm(request.POST, auto_id=f"id_hide_{testimony.pk}_%s")
    if form.is_valid():
        try:
            services.hide_testimony(testimony, form.cleaned_data["reason"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The testimony is hidden."))
            return _to_moderation(challenge)
    return _moderation_page(request, challenge, status=400, refused=(testimony, form))


@login_required
def write(request, slug):
    challenge = challenge_for_organiser(request, slug)
    form = MessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                sent = services.write_to_all(challenge, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "Message sent to %(count)s person taking part.",
                        "Message sent to %(count)s people taking part.",
                        sent,
                    )
                    % {"count": sent},
                )
                return redirect(challenge.manage_url())
    context = {
        "challenge": challenge,
        "form": form,
        "recipients": dashboard_counts(challenge)["taking_part"],
    }
    return render(request, "challenges/organising/write.html", context, status=status)


@login_required
def export(request, slug):
    challenge = challenge_for_organiser(request, slug)
    response, _writer = csv_download(f"defi-{challenge.slug}.csv")
    services.write_csv(challenge, response)
    return response
