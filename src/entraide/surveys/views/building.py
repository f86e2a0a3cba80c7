"""The organisers' forms and actions that build a survey (`/enquetes/gerer/…`): its settings,
its sections and its questions. Each action POSTs, then goes back to the builder."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from entraide.core.errors import DomainError, add_domain_error, add_domain_message
from entraide.places.access import place_for_organiser
from entraide.surveys import services
from entraide.surveys.access import survey_for_organiser
from entraide.surveys.forms.building import (
    KIND_DESCRIPTIONS,
    QuestionForm,
    SectionForm,
    SurveyForm,
    kind_of,
)
from entraide.surveys.models import Kind, Question, Section


def _builder(survey, anchor=""):
    url = reverse("surveys:manage", args=[survey.slug])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _form_page(request, template, context, form, save):
    """Render `form`; on a valid POST, `save()` returns the redirect or raises DomainError
    (shown beside its field, status 400)."""
    if request.method == "POST":
        if form.is_valid():
            try:
                return save()
            except DomainError as error:
                add_domain_error(form, error)
        return render(request, template, {**context, "form": form}, status=400)
    return render(request, template, {**context, "form": form})


@login_required
def create(request, place_slug):
    place = place_for_organiser(request, place_slug)
    form = SurveyForm(request.POST or None, place=place)

    def save():
        survey = services.create_survey(place, by=request.user, fields=form.survey_fields())
        messages.success(request, _("The survey is created, as a draft: add its questions."))
        return _builder(survey)

    context = {"place": place, "survey": None}
    return _form_page(request, "surveys/manage/settings.html", context, form, save)


@login_required
def edit(request, slug):
    survey = survey_for_organiser(request, slug)
    # The form fills a copy: the service compares the new settings with the saved ones.
    form = SurveyForm(request.POST or None, place=survey.place, instance=copy.copy(survey))

    def save():
        services.update_settings(survey, by=request.user, fields=form.survey_fields())
        messages.success(request, _("The survey’s settings are saved."))
        return _builder(survey)

    context = {"place": survey.place, "survey": survey}
    return _form_page(request, "surveys/manage/settings.html", context, form, save)


def _section(survey, section_id):
    return get_object_or_404(Section, pk=section_id, survey=survey)


def _question(survey, question_id):
    return get_object_or_404(
        Question.objects.select_related("section", "survey"), pk=question_id, survey=survey
    )


@login_required
def add_section(request, slug):
    survey = survey_for_organiser(request, slug)
    form = SectionForm(request.POST or None)

    def save():
        section = services.add_section(survey, **form.cleaned_data)
        return _builder(survey, f"section-{section.pk}")

    context = {"survey": survey, "section": None}
    return _form_page(request, "surveys/manage/section.html", context, form, save)


@login_required
def edit_section(request, slug, survey_section_id):
    survey = survey_for_organiser(request, slug)
    section = _section(survey, survey_section_id)
    form = SectionForm(request.POST or None, instance=section)

    def save():
        services.edit_section(section, **form.cleaned_data)
        return _builder(survey, f"section-{section.pk}")

    context = {"survey": survey, "section": section}
    return _form_page(request, "surveys/manage/section.html", context, form, save)


def _act(request, survey, action, anchor="", done=None):
    try:
        action()
    except DomainError as error:
        add_domain_message(request, error)
    else:
        if done:
            messages.success(request, done)
    return _builder(survey, anchor)


@login_required
@require_POST
def delete_section(request, slug, survey_section_id):
    survey = survey_for_organiser(request, slug)
    section = _section(survey, survey_section_id)
    done = _("The section is deleted.")
    return _act(request, survey, lambda: services.delete_section(section), done=done)


@login_required
@require_POST
def move_section(request, slug, survey_section_id, step):
    survey = survey_for_organiser(request, slug)
    section = _section(survey, survey_section_id)
    action = lambda: services.move_section(section, step)  # noqa: E731
    return _act(request, survey, action, f"section-{section.pk}")


def _answered(question) -> int:
    """How many responses answered the question."""
    return question.answers.values("response").distinct().count()


def _kind_choice(request, context, *, current=None):
    """The page where the organisers choose a kind of question, each described: its links
    lead to the form of that kind (?type=…). With a `?type=` naming no kind (a forged or old
    address) it says so, with status 400."""
    asked = request.GET.get("type")
    kinds = [
        (kind, kind.label, KIND_DESCRIPTIONS[kind]) for kind in Kind if kind != current
    ]  # fmt: skip
    context = {**context, "kinds": kinds, "current_kind": current}
    if asked is not None or request.method == "POST":
        context["unknown_kind"] = True
        return render(request, "surveys/manage/question_kind.html", context, status=400)
    return render(request, "surveys/manage/question_kind.html", context)


def _section_context(survey, section):
    """What the question pages say of its section: nothing when the survey has a single
    section without a title ("Section 1" would mean nothing to the organisers)."""
    several = survey.sections.count() > 1
    return {"section": section, "show_section": several or bool(section.title)}


@login_required
def add_question(request, slug, survey_section_id):
    """Two steps, without JavaScript: the kind of question (?type= empty), then the form of
    that kind alone."""
    survey = survey_for_organiser(request, slug)
    section = _section(survey, survey_section_id)
    context = {"survey": survey, **_section_context(survey, section), "question": None}
    kind = kind_of(request.GET.get("type", ""))
    if kind is None:
        return _kind_choice(request, context)
    form = QuestionForm(request.POST or None, kind=kind)

    def save():
        question = services.add_question(section, **form.question_fields())
        return _builder(survey, f"question-{question.pk}")

    context["kind"] = kind
    return _form_page(request, "surveys/manage/question.html", context, form, save)


@login_required
def edit_question(request, slug, survey_question_id):
    survey = survey_for_organiser(request, slug)
    question = _question(survey, survey_question_id)
    answered = _answered(question)
    context = {"survey": survey, **_section_context(survey, question.section)}
    context["question"] = question
    if request.GET.get("changer") and not answered:  # another kind: choose it
        return _kind_choice(request, context, current=question.kind)
    kind = kind_of(request.GET.get("type", question.kind))
    if kind is None and not answered:
        return _kind_choice(request, context, current=question.kind)
    refused = kind != question.kind and answered  # its answers would no longer fit
    if refused:
        kind = question.kind
    form = QuestionForm(request.POST or None, kind=kind, question=question, answered=answered)

    def save():
        services.edit_question(question, **form.question_fields())
        return _builder(survey, f"question-{question.pk}")

    locked = ""
    if answered:
        locked = ngettext(
            "This question already has %(count)s answer: only its wording can change, so that "
            "the results stay right.",
            "This question already has %(count)s answers: only its wording can change, so that "
            "the results stay right.",
            answered,
        ) % {"count": answered}
    context.update(locked=locked, kind=kind, kind_refused=refused)
    if refused:  # a forged address: nothing is saved
        return render(
            request, "surveys/manage/question.html", {**context, "form": form}, status=400
        )
    return _form_page(request, "surveys/manage/question.html", context, form, save)


@login_required
@require_POST
def delete_question(request, slug, survey_question_id):
    survey = survey_for_organiser(request, slug)
    question = _question(survey, survey_question_id)
    done = _("The question is deleted.")
    return _act(request, survey, lambda: services.delete_question(question), done=done)


@login_required
@require_POST
def move_question(request, slug, survey_question_id, step):
    survey = survey_for_organiser(request, slug)
    question = _question(survey, survey_question_id)
    action = lambda: services.move_question(question, step)  # noqa: E731
    return _act(request, survey, action, f"question-{question.pk}")


@login_required
@require_POST
def duplicate_question(request, slug, survey_question_id):
    survey = survey_for_organiser(request, slug)
    question = _question(survey, survey_question_id)
    try:
        twin = services.duplicate_question(question)
    except DomainError as error:
        add_domain_message(request, error)
        return _builder(survey, f"question-{question.pk}")
    messages.success(request, _("The question is duplicated, just below: change what differs."))
    return _builder(survey, f"question-{twin.pk}")
