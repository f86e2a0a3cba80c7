"""Organiser pages of manifestos (`/manifestes/gerer/…`), behind manifestos.access: create and
edit a manifesto, switch its phase, pose questions, write and order the sections, moderate
the ideas wall."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from entraide.core.errors import DomainError, add_domain_error, add_domain_message
from entraide.manifestos import services
from entraide.manifestos.access import manifesto_for_organiser
from entraide.manifestos.forms import (
    GroupForm,
    HideForm,
    ManifestoForm,
    PhaseForm,
    QuestionForm,
    SectionForm,
)
from entraide.manifestos.models import Idea, Phase, Question, Section
from entraide.manifestos.views import decisions
from entraide.places.access import place_for_organiser
from entraide.workshops.models import Series, Workshop


def _manage_url(manifesto, anchor=""):
    return reverse("manifestos:manage", args=[manifesto.slug]) + anchor


@login_required
def place_manifestos(request, place_slug):
    place = place_for_organiser(request, place_slug)
    manifestos = place.manifestos.select_related("series").order_by("-created_at")[:200]
    return render(
        request, "manifestos/manage/place.html", {"place": place, "manifestos": manifestos}
    )


def _series(place):
    return Series.objects.filter(place=place).order_by("title")


@login_required
def create(request, place_slug):
    place = place_for_organiser(request, place_slug)
    form = ManifestoForm(request.POST or None, series=_series(place))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                manifesto = services.create_manifesto(place, by=request.user, fields=form.changes())
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The manifesto is created: pose its questions."))
                return redirect(_manage_url(manifesto))
        status = 400
    return render(
        request, "manifestos/manage/create.html", {"place": place, "form": form}, status=status
    )


@login_required
def edit(request, slug):
    manifesto = manifesto_for_organiser(request, slug)
    form = ManifestoForm(request.POST or None, instance=manifesto, series=_series(manifesto.place))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_manifesto(manifesto, by=request.user, fields=form.changes())
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The manifesto is saved."))
                return redirect(_manage_url(manifesto))
        status = 400
    return render(
        request,
        "manifestos/manage/edit.html",
        {"manifesto": manifesto, "form": form},
        status=status,
    )


# What each phase lets people do, said on the organiser's page before switching.
PHASE_EFFECTS = {
    Phase.IDEAS: gettext_lazy("Participants post ideas and support them with their dots."),
    Phase.DRAFTING: gettext_lazy(
        "The wall closes: no more ideas or dots. You write the sections, citing the ideas."
    ),
    Phase.AMENDMENTS_OPEN: gettext_lazy(
        "The sections no longer change: the text is open to amendments."
    ),
    Phase.AMENDMENTS_CLOSED: gettext_lazy("Amendments are closed: the organisers decide on them."),
    Phase.PUBLISHED: gettext_lazy("The version is published: everyone reads it as it stands."),
}


@login_required
def manage(request, slug):
    manifesto = manifesto_for_organiser(request, slug)
    sections = services.numbered_sections(manifesto)
    amendments = services.attach_amendments(manifesto, sections)
    decisions.mark_earlier_texts(manifesto, amendments, sections)
    questions = list(manifesto.questions.select_related("workshop").order_by("position", "pk"))
    context = {
        "amendments": amendments,
        "manifesto": manifesto,
        "sections": sections,
        "questions": questions,
        "next_phases": [(Phase(p), PHASE_EFFECTS[p]) for p in manifesto.next_phases()],
        "effect": PHASE_EFFECTS[manifesto.phase],
    }
    return render(request, "manifestos/manage/manifesto.html", context)


@login_required
@require_POST
def switch_phase(request, slug):
    manifesto = manifesto_for_organiser(request, slug)
    form = PhaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the proposed phases."))
        return redirect(_manage_url(manifesto))
    try:
        manifesto = services.switch_phase(manifesto, form.cleaned_data["phase"], by=request.user)
    except DomainError as error:
        add_domain_message(request, error)
    else:
        messages.success(
            request,
            _("The manifesto is now in the phase “%(phase)s”.")
            % {"phase": manifesto.get_phase_display()},
        )
    return redirect(_manage_url(manifesto))


def _workshops(manifesto):
    if manifesto.series_id is not None:
        workshops = Workshop.objects.filter(series_id=manifesto.series_id)
    else:
        workshops = Workshop.objects.filter(place_id=manifesto.place_id)
    return workshops.order_by("position", "starts_at", "pk")


def _question_page(request, manifesto, question=None):
    initial = {"text": question.text, "workshop": question.workshop} if question else None
    form = QuestionForm(request.POST or None, initial=initial, workshops=_workshops(manifesto))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            fields = {**form.cleaned_data, "by": request.user}
            try:
                if question is None:
                    services.pose_question(manifesto, **fields)
                else:
                    services.edit_question(question, **fields)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The question is saved."))
                return redirect(_manage_url(manifesto, "#questions"))
        status = 400
    context = {"manifesto": manifesto, "form": form, "question": question}
    return render(request, "manifestos/manage/question.html", context, status=status)


@login_required
def add_question(request, slug):
    return _question_page(request, manifesto_for_organiser(request, slug))


@login_required
def edit_question(request, slug, question_id):
    manifesto = manifesto_for_organiser(request, slug)
    question = get_object_or_404(Question, manifesto=manifesto, pk=question_id)
    return _question_page(request, manifesto, question)


def _citable(manifesto):
    return (
        Idea.objects.filter(question__manifesto=manifesto, hidden=False)
        .select_related("question")
        .order_by("question__position", "created_at", "pk")
    )


def _section_page(request, manifesto, section=None):
    initial = None
    if section is not None:
        cited = list(section.cited_ideas.values_list("pk", flat=True))
        initial = {"title": section.title, "body": section.body, "cited_ideas": cited}
    form = SectionForm(request.POST or None, initial=initial, ideas=_citable(manifesto))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            fields = {**form.cleaned_data, "by": request.user}
            try:
                if section is None:
                    section = services.add_section(manifesto, **fields)
                else:
                    services.edit_section(section, **fields)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The section is saved."))
                return redirect(_manage_url(manifesto, f"#section-{section.pk}"))
        status = 400
    context = {"manifesto": manifesto, "form": form, "section": section}
    return render(request, "manifestos/manage/section.html", context, status=status)


@login_required
def add_section(request, slug):
    return _section_page(request, manifesto_for_organiser(request, slug))


def _section(request, slug, section_id):
    manifesto = manifesto_for_organiser(request, slug)
    return manifesto, get_object_or_404(Section, manifesto=manifesto, pk=section_id)


@login_required
def edit_section(request, slug, section_id):
    manifesto, section = _section(request, slug, section_id)
    return _section_page(request, manifesto, section)


@login_required
def delete_section(request, slug, section_id):
    """GET: what deleting does, and the button; POST: delete it."""
    manifesto, section = _section(request, slug, section_id)
    if request.method == "POST":
        try:
            services.delete_section(section, by=request.user)
        except DomainError as error:
            add_domain_message(request, error)
        else:
            messages.success(request, _("The section is deleted."))
        return redirect(_manage_url(manifesto, "#sections"))
    context = {
        "title": _("Delete the section “%(title)s”?") % {"title": section.title},
        "consequences": [
            _("Its title and its text are deleted for good."),
            _("The ideas it cites no longer say they were taken up in it."),
        ],
        "irreversible": True,
        "button": _("Delete the section"),
        "back_url": _manage_url(manifesto, f"#section-{section.pk}"),
        "back_label": _("Keep the section"),
    }
    return render(request, "core/confirm.html", context)


def _move(request, slug, section_id, up):
    manifesto, section = _section(request, slug, section_id)
    try:
        services.move_section(section, up=up, by=request.user)
    except DomainError as error:
        add_domain_message(request, error)
    return redirect(_manage_url(manifesto, f"#section-{section.pk}"))


@login_required
@require_POST
def move_up(request, slug, section_id):
    return _move(request, slug, section_id, up=True)


@login_required
@require_POST
def move_down(request, slug, section_id):
    return _move(request, slug, section_id, up=False)


@login_required
def moderate(request, slug, *, hide_forms=None, group_form=None, status=200):
    """Every idea of the wall, hidden ones included: hide with a reason, show again, group."""
    manifesto = manifesto_for_organiser(request, slug)
    sections = services.numbered_sections(manifesto)
    questions = services.wall(manifesto, sections=sections)
    hide_forms = hide_forms or {}
    visible = []
    for item in questions:
        for idea in item.ideas:
            idea.hide_form = hide_forms.get(idea.idea.pk) or HideForm(idea=idea.idea)
            visible.append(idea.idea)
    context = {
        "manifesto": manifesto,
        "questions": questions,
        "group_form": group_form or GroupForm(ideas=visible),
        "error_form": group_form or next(iter(hide_forms.values()), None),
    }
    return render(request, "manifestos/manage/moderate.html", context, status=status)


def _idea(request, slug, idea_id):
    manifesto = manifesto_for_organiser(request, slug)
    idea = get_object_or_404(
        Idea.objects.select_related("question"), question__manifesto=manifesto, pk=idea_id
    )
    return manifesto, idea


def _moderate_url(manifesto, anchor=""):
    return reverse("manifestos:moderate", args=[manifesto.slug]) + anchor


@login_required
@require_POST
def hide_idea(request, slug, idea_id):
    manifesto, idea = _idea(request, slug, idea_id)
    form = HideForm(request.POST, idea=idea)
    if form.is_valid():
        try:
            services.hide_idea(idea, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The idea is set aside, with its reason."))
            return redirect(_moderate_url(manifesto, f"#question-{idea.question_id}"))
    return moderate(request, slug, hide_forms={idea.pk: form}, status=400)


@login_required
@require_POST
def show_idea(request, slug, idea_id):
    manifesto, idea = _idea(request, slug, idea_id)
    services.show_idea(idea, by=request.user)
    messages.success(request, _("The idea is back on the wall."))
    return redirect(_moderate_url(manifesto, f"#idee-{idea.pk}"))


@login_required
@require_POST
def group_ideas(request, slug):
    manifesto = manifesto_for_organiser(request, slug)
    ideas = Idea.objects.filter(question__manifesto=manifesto, hidden=False)
    form = GroupForm(request.POST, ideas=ideas)
    if form.is_valid():
        try:
            services.group_ideas(
                manifesto, form.cleaned_data["ideas"], group=form.cleaned_data["group"],
                by=request.user,
            )  # fmt: skip
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The ideas are grouped."))
            return redirect(_moderate_url(manifesto))
    return moderate(request, slug, group_form=form, status=400)
