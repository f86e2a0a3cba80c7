"""A pair's page ("binome/<id>/", its members and the organisers of its catalogue): the
project, both members (or "waiting for your partner" with the way to find one), what the pair
started with its state, and the form that starts the project's output, prefilled from the
project ("binome/<id>/lancer/", POST)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from entraide.core.errors import DomainError, add_domain_error, add_domain_message
from entraide.places.services import organised_place_ids
from entraide.projects import outputs
from entraide.projects.access import pair_for_member
from entraide.projects.errors import ProjectErrorCode as Code
from entraide.projects.forms.pair import start_form
from entraide.projects.models import OutputKind
from entraide.projects.services import starting


def _page(request, pair, *, form=None, status=200):
    project = pair.project
    members = list(pair.members.select_related("user").order_by("accepted_at", "pk"))
    accepted = [m for m in members if m.accepted_at is not None and m.user_id is not None]
    pending = [m for m in members if m.accepted_at is None]
    mine = any(m.user_id == request.user.pk for m in accepted)
    module = outputs.adapter(project.output_kind)
    if form is None and mine and pair.is_formed:
        form = start_form(project, module)
    places = organised_place_ids(request.user)
    started = []
    for output, described in starting.outputs_of(pair):
        reachable = described is not None and (
            described.achieved
            or output.kind == OutputKind.STORY
            or (described.place is not None and described.place.pk in places)
        )
        started.append({"output": output, "described": described, "link": reachable})
    context = {
        "pair": pair,
        "project": project,
        "catalogue": project.catalogue,
        "accepted": accepted,
        "pending": pending,
        "mine": mine,
        "alone": len(accepted) < 2,
        "join_url": f"{project.get_absolute_url()}binome/",
        "started": started,
        "form": form,
        "kind_label": OutputKind(project.output_kind).label,
        "startable": module is not None,
    }
    return render(request, "projects/pair/pair.html", context, status=status)


@login_required
@require_GET
def pair_page(request, pk):
    return _page(request, pair_for_member(request, pk))


def _nothing_to_start(project) -> DomainError:
    if outputs.adapter(project.output_kind) is None:
        return DomainError(
            _("This site cannot start this kind of output."), code=Code.CAPABILITY_ABSENT
        )
    return DomainError(
        _("This project has no collection of stories yet: ask its organisers."),
        code=Code.NO_COLLECTION,
    )


@login_required
@require_POST
def start(request, pk):
    pair = pair_for_member(request, pk)
    project = pair.project
    module = outputs.adapter(project.output_kind)
    form = start_form(project, module, request.POST)
    if form is None:
        add_domain_message(request, _nothing_to_start(project))
        return redirect(pair.get_absolute_url())
    if form.is_valid():
        try:
            output = starting.start_output(
                pair, by=request.user, kind=project.output_kind, **form.choices()
            )
        except DomainError as error:
            if error.field not in form.fields:
                add_domain_message(request, error)
                return redirect(pair.get_absolute_url())
            add_domain_error(form, error)
        else:
            if output.kind == OutputKind.STORY:
                messages.success(request, _("Your story is started, with both of you as authors."))
            else:
                messages.success(
                    request,
                    _("Proposed: the place's team is told, and publishes it when they agree."),
                )
            return redirect(module.next_url(output.object_id, request.user) or pair)
    return _page(request, pair, form=form, status=400)


urlpatterns = [
    path("binome/<int:pk>/", pair_page, name="pair"),
    path("binome/<int:pk>/lancer/", start, name="start_output"),
]
