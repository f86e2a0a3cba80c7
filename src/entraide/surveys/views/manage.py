"""The organisers' pages of surveys (`/enquetes/gerer/…`): a place's surveys, and the
builder, where a survey is built, published, closed, reopened or duplicated."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Exists, OuterRef
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from entraide.core.errors import DomainError, add_domain_error, add_domain_message
from entraide.places.access import place_for_organiser
from entraide.surveys import services
from entraide.surveys.access import survey_for_organiser
from entraide.surveys.forms.building import ReopenForm
from entraide.surveys.models import Answer

STATUS_LABELS = {
    "draft": pgettext_lazy("survey", "Draft"),
    "scheduled": pgettext_lazy("survey", "Not open yet"),
    "open": pgettext_lazy("survey", "Open"),
    "closed": pgettext_lazy("survey", "Closed"),
}
GROUPS = [
    ("draft", gettext_lazy("Drafts")),
    ("open", gettext_lazy("Open or about to open")),
    ("closed", pgettext_lazy("surveys", "Closed")),
]


@login_required
def manage_place(request, place_slug):
    place = place_for_organiser(request, place_slug)
    surveys = place.surveys.annotate(answer_count=Count("responses")).order_by("-created_at")
    groups = {code: [] for code, _label in GROUPS}
    for survey in surveys[:300]:
        code = services.status(survey)
        survey.status_label = STATUS_LABELS[code]
        groups["open" if code == "scheduled" else code].append(survey)
    context = {
        "place": place,
        "groups": [(code, label, groups[code]) for code, label in GROUPS],
    }
    return render(request, "surveys/manage/place.html", context)


def share_url(request, survey):
    return request.build_absolute_uri(survey.get_absolute_url())


def _sections(survey):
    """The sections in order, each with its questions (numbered across the survey), each
    question knowing its choices and whether it has answers."""
    answered = Answer.objects.filter(question=OuterRef("pk"))
    questions = survey.questions.annotate(answered=Exists(answered)).prefetch_related("choices")
    sections = list(survey.sections.all())
    by_section = {section.pk: [] for section in sections}
    for question in questions:
        by_section[question.section_id].append(question)
    number = 0
    for section in sections:
        # A single section without a title has no heading of its own ("Section 1 of 1" would
        # mean nothing): the builder's heading of the questions names it.
        section.untitled_alone = len(sections) == 1 and not section.title
        section.label_id = "questions" if section.untitled_alone else f"section-{section.pk}-title"
        section.question_list = by_section[section.pk]
        section.answered = any(q.answered for q in section.question_list)
        for question in section.question_list:
            number += 1
            question.number = number
    return sections


@login_required
def manage(request, slug, reopen_form=None, status=200):
    survey = survey_for_organiser(request, slug)
    code = services.status(survey)
    needs_date = code == "closed" and services.reopen_needs_date(survey)
    sections = _sections(survey)
    context = {
        "survey": survey,
        "status": code,
        "status_label": STATUS_LABELS[code],
        "responses": survey.responses.count(),
        "share_url": share_url(request, survey),
        "sections": sections,
        "question_count": sum(len(s.question_list) for s in sections),
        "reopen_form": reopen_form or (ReopenForm() if needs_date else None),
    }
    return render(request, "surveys/manage/survey.html", context, status=status)


@login_required
@require_POST
def publish(request, slug):
    survey = survey_for_organiser(request, slug)
    try:
        services.publish(survey)
    except DomainError as error:
        add_domain_message(request, error)
    else:
        messages.success(request, _("The survey is published: share its address."))
    return redirect("surveys:manage", slug=slug)


@login_required
@require_POST
def close(request, slug):
    survey = survey_for_organiser(request, slug)
    services.close(survey, by=request.user)
    messages.success(request, _("The survey is closed: it accepts no more answers."))
    return redirect("surveys:manage", slug=slug)


@login_required
@require_POST
def reopen(request, slug):
    survey = survey_for_organiser(request, slug)
    needs_date = services.reopen_needs_date(survey)
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            if needs_date:
                services.reopen(survey, by=request.user, closes_at=form.cleaned_data["closes_at"])
            else:
                services.reopen(survey, by=request.user)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The survey is open again."))
            return redirect("surveys:manage", slug=slug)
    return manage(request, slug, reopen_form=form, status=400)


@login_required
@require_POST
def duplicate(request, slug):
    survey = survey_for_organiser(request, slug)
    copy = services.duplicate_survey(survey, by=request.user)
    messages.success(
        request,
        _(
            "This is a copy, as a draft: its dates are empty and it has no answers. Check its "
            "settings before publishing it."
        ),
    )
    return redirect(reverse("surveys:manage", args=[copy.slug]))
