"""Decisions on amendments: the organisers accept or reject one with a reason (from their
amendments table or from the amendment's page), and an author brings her amendment based on an
earlier text up to date. Also what the amendment's page shows of both (`amendment_context`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from entraide.core.diff import diff_html
from entraide.core.errors import DomainError, add_domain_error
from entraide.manifestos.access import manifesto_for_organiser
from entraide.manifestos.decision_forms import DecisionForm, UpdateAmendmentForm
from entraide.manifestos.errors import ManifestoErrorCode
from entraide.manifestos.models import Amendment, AmendmentKind, AmendmentStatus, Manifesto
from entraide.manifestos.services import decisions
from entraide.places.services import is_organiser


def against_current(amendment):
    """The word diff of the proposed text against the section's current text, for an
    amendment based on an earlier text whose section still exists."""
    if decisions.section_gone(amendment) or amendment.kind != AmendmentKind.REPLACE:
        return {}
    section = amendment.section
    return {
        "current_title_diff": diff_html(section.title, amendment.title),
        "current_body_diff": diff_html(section.body, amendment.body),
    }


def amendment_context(request, manifesto, amendment) -> dict:
    """What the amendment's page shows of decisions: whether it is based on an earlier text
    (and its diff against the current one), the decision form to an organiser, the update
    link to its author."""
    stale = decisions.based_on_earlier_text(amendment)
    organiser = request.user.is_authenticated and is_organiser(request.user, manifesto.place)
    is_author = request.user.is_authenticated and amendment.author_id == request.user.pk
    context = {
        "stale": stale,
        "section_gone": amendment.is_open and decisions.section_gone(amendment),
        "can_decide": organiser
        and amendment.is_open
        and amendment.is_public
        and manifesto.phase in decisions.DECIDING_PHASES,
        "can_update": is_author
        and stale
        and not decisions.section_gone(amendment)
        and manifesto.phase in decisions.DECIDING_PHASES,
        "decision_form": DecisionForm(),
    }
    if stale:
        context.update(against_current(amendment))
    return context


def mark_earlier_texts(manifesto, amendments, sections):
    """Set `earlier_text` on each of `amendments` (as services.attach_amendments reads them)
    that is open and based on an earlier text, in one query, for the organisers' table."""
    current = {s.pk: (s.title, s.body) for s in sections}
    bases = Amendment.objects.filter(manifesto=manifesto, status=AmendmentStatus.OPEN).exclude(
        kind=AmendmentKind.ADD
    )
    stale = {
        pk
        for pk, section_id, title, body in bases.values_list(
            "pk", "section_id", "base_title", "base_body"
        )
        if current.get(section_id) != (title, body)
    }
    for amendment in amendments:
        amendment.earlier_text = amendment.pk in stale


def _amendment(manifesto, amendment_id):
    amendment = get_object_or_404(
        Amendment.objects.select_related("section"), manifesto=manifesto, pk=amendment_id
    )
    amendment.manifesto = manifesto
    return amendment


@login_required
def decide(request, slug, amendment_id):
    """The organiser's page to accept or reject one amendment, with a reason."""
    manifesto = manifesto_for_organiser(request, slug)
    amendment = _amendment(manifesto, amendment_id)
    form = DecisionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                decided = decisions.decide(amendment, by=request.user, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error)
                if error.code in (
                    ManifestoErrorCode.SECTION_CHANGED,
                    ManifestoErrorCode.SECTION_GONE,
                ):
                    status = 409
                amendment = _amendment(manifesto, amendment_id)  # as it now stands
            else:
                messages.success(
                    request,
                    _("The amendment is %(status)s; its author is told by mail.")
                    % {"status": decided.get_status_display().lower()},
                )
                return redirect(amendment.get_absolute_url())
        status = status if status != 200 else 400
    context = {
        "manifesto": manifesto,
        "amendment": amendment,
        "form": form,
        "title_diff": diff_html(amendment.base_title, amendment.title),
        "body_diff": diff_html(amendment.base_body, amendment.body),
        **amendment_context(request, manifesto, amendment),
    }
    return render(request, "manifestos/manage/decide.html", context, status=status)


@login_required
def update_amendment(request, slug, amendment_id):
    """Its signed-in author brings an amendment based on an earlier text up to date: the form
    starts from her proposed text, beside the section's current text."""
    manifesto = get_object_or_404(Manifesto.objects.select_related("place"), slug=slug)
    amendment = _amendment(manifesto, amendment_id)
    deleting = amendment.kind == AmendmentKind.DELETE
    initial = {"title": amendment.title, "body": amendment.body, "rationale": amendment.rationale}
    form = UpdateAmendmentForm(request.POST or None, initial=initial, deleting=deleting)
    if amendment.author_id != request.user.pk:
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                decisions.update_amendment(amendment, by=request.user, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Your amendment is now based on the current text."))
                return redirect(amendment.get_absolute_url())
        status = 400
    context = {
        "manifesto": manifesto,
        "amendment": amendment,
        "form": form,
        "deleting": deleting,
        **amendment_context(request, manifesto, amendment),
    }
    return render(request, "manifestos/update_amendment.html", context, status=status)
