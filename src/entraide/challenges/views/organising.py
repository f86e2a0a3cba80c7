"""The organisers' pages: creating a challenge ("nouveau/"), building it ("<slug>/modifier/":
settings, pledges, teams, workshops, publishing); running it ("<slug>/gerer/…") is
running.py's, whose addresses are listed here too. Every page is behind
access.challenge_for_organiser (404 for an unknown slug, 403 for anyone not running its
place); each action POSTs, then goes back to its page, or draws it again with the refusal
beside its field (status 400)."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entraide.challenges import services
from entraide.challenges.access import challenge_for_organiser
from entraide.challenges.forms.organising import (
    ChallengeForm,
    PledgeForm,
    TeamForm,
    WorkshopsForm,
)
from entraide.challenges.models import Pledge, Team
from entraide.challenges.views.running import (
    export,
    hide_testimony,
    manage,
    publish_testimony,
    testimonies,
    write,
)
from entraide.core.errors import DomainError, add_domain_error, add_domain_message
from entraide.places.access import place_for_organiser
from entraide.places.models import Place
from entraide.places.services import organised_place_ids

RECENT_WORKSHOPS = timedelta(days=365)  # older workshops are not offered to link


def _organised_places(user):
    places = Place.objects.order_by("name")
    return places if user.is_superuser else places.filter(pk__in=organised_place_ids(user))


@login_required
def create(request):
    """A new draft challenge for one of the places the person runs (`?lieu=` chooses it)."""
    places = _organised_places(request.user)
    initial = {}
    if request.GET.get("lieu"):
        initial["place"] = place_for_organiser(request, request.GET["lieu"])
    elif not request.user.is_superuser and not organised_place_ids(request.user):
        raise PermissionDenied
    form = ChallengeForm(request.POST or None, places=places, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                challenge = services.create_challenge(
                    form.cleaned_data["place"], by=request.user, fields=form.challenge_fields()
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(
                    request,
                    _("The challenge is created, as a draft: add its pledges and teams, then "
                      "publish it."),
                )  # fmt: skip
                return redirect("challenges:edit", slug=challenge.slug)
    return render(request, "challenges/organising/create.html", {"form": form}, status=status)


# Building: the settings, pledges, teams and workshops, on one page


def _workshops(challenge):
    """The place's recent workshops, and any already linked, in date order: one query."""
    since = timezone.now() - RECENT_WORKSHOPS
    linked = Q(challenges_prepared=challenge) | Q(challenges_offering=challenge)
    return list(
        challenge.place.workshops.filter(
            Q(starts_at__gte=since) | Q(starts_at__isnull=True) | linked
        )
        .distinct()
        .order_by("starts_at", "pk")
    )


def _workshops_form(challenge, data=None):
    initial = {
        "preparatory": list(challenge.preparatory_workshops.values_list("pk", flat=True)),
        "activities": list(challenge.activity_workshops.values_list("pk", flat=True)),
    }
    return WorkshopsForm(data, workshops=_workshops(challenge), initial=initial)


def _edit_page(request, challenge, *, status=200, **bound):
    """The building page; `bound` holds the forms a refused POST draws again: `form`,
    `pledge_form`, `team_form`, `workshops_form`, or (`row`, form) for one pledge or team."""
    row = bound.get("row")
    pledges = []
    for pledge in challenge.pledges.filter(owner__isnull=True).annotate(chosen=Count("chosen_by")):
        form = PledgeForm(initial={"text": pledge.text}, auto_id=f"id_pledge_{pledge.pk}_%s")
        if row and row[0] == pledge:
            form = row[1]
        pledges.append((pledge, form))
    teams = []
    for team in challenge.teams.annotate(people=Count("participants")).order_by("name", "pk"):
        form = TeamForm(initial={"name": team.name}, auto_id=f"id_team_{team.pk}_%s")
        if row and row[0] == team:
            form = row[1]
        teams.append((team, form))
    context = {
        "challenge": challenge,
        "form": bound.get("form") or ChallengeForm(challenge=challenge),
        "pledges": pledges,
        "teams": teams,
        "pledge_form": bound.get("pledge_form") or PledgeForm(auto_id="id_new_pledge_%s", new=True),
        "team_form": bound.get("team_form") or TeamForm(auto_id="id_new_team_%s", new=True),
        "workshops_form": bound.get("workshops_form") or _workshops_form(challenge),
    }
    # The summary of errors at the top names the form that was refused.
    context["error_form"] = next((f for f in bound.values() if hasattr(f, "errors")), None)
    if row:
        context["error_form"] = row[1]
    return render(request, "challenges/organising/edit.html", context, status=status)


def _back_to_edit(challenge, anchor=""):
    return redirect(f"/defis/{challenge.slug}/modifier/" + (f"#{anchor}" if anchor else ""))


@login_required
def edit(request, slug):
    challenge = challenge_for_organiser(request, slug)
    if request.method != "POST":
        return _edit_page(request, challenge)
    form = ChallengeForm(request.POST, challenge=challenge)
    if form.is_valid():
        try:
            services.update_challenge(challenge, changes=form.challenge_fields())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The challenge’s settings are saved."))
            return _back_to_edit(challenge)
    challenge.refresh_from_db()
    return _edit_page(request, challenge, status=400, form=form)


def _row_action(request, challenge, form, action, key, anchor, done):
    """Run `action(text)` from a valid `form`, or draw the page again with the refusal."""
    if form.is_valid():
        try:
            action(form.cleaned_data[key])
        except DomainError as error:
            add_domain_error(form, error if error.field in form.fields else _on(error, key))
        else:
            messages.success(request, done)
            return _back_to_edit(challenge, anchor)
    return None


def _on(error, field):
    return DomainError(error.message, code=error.code, field=field)


@login_required
@require_POST
def add_pledge(request, slug):
    challenge = challenge_for_organiser(request, slug)
    form = PledgeForm(request.POST, auto_id="id_new_pledge_%s", new=True)
    done = _("The pledge is added.")
    action = lambda text: services.add_pledge(challenge, text)  # noqa: E731
    return _row_action(request, challenge, form, action, "text", "engagements", done) or (
        _edit_page(request, challenge, status=400, pledge_form=form)
    )


def _pledge(challenge, pledge_id):
    return get_object_or_404(Pledge, pk=pledge_id, challenge=challenge, owner__isnull=True)


@login_required
@require_POST
def edit_pledge(request, slug, pledge_id):
    challenge = challenge_for_organiser(request, slug)
    pledge = _pledge(challenge, pledge_id)
    form = PledgeForm(request.POST, auto_id=f"id_pledge_{pledge.pk}_%s")
    done = _("The pledge is reworded.")
    action = lambda text: services.edit_pledge(pledge, text)  # noqa: E731
    return _row_action(request, challenge, form, action, "text", "engagements", done) or (
        _edit_page(request, challenge, status=400, row=(pledge, form))
    )


@login_required
@require_POST
def remove_pledge(request, slug, pledge_id):
    challenge = challenge_for_organiser(request, slug)
    pledge = _pledge(challenge, pledge_id)
    try:
        services.remove_pledge(pledge)
    except DomainError as error:
        add_domain_message(request, error)  # at the top of the page: no anchor past it
        return _back_to_edit(challenge)
    messages.success(request, _("The pledge is removed."))
    return _back_to_edit(challenge, "engagements")


@login_required
@require_POST
def add_team(request, slug):
    challenge = challenge_for_organiser(request, slug)
    form = TeamForm(request.POST, auto_id="id_new_team_%s", new=True)
    if form.is_valid():
        try:
            team = services.add_team(challenge, form.cleaned_data["name"])
        except DomainError as error:
            add_domain_error(form, _on(error, "name"))
        else:
            messages.success(
                request,
                _("The team %(name)s is added: its code is %(code)s.")
                % {"name": team.name, "code": team.code},
            )
            return _back_to_edit(challenge, f"equipe-{team.pk}")
    return _edit_page(request, challenge, status=400, team_form=form)


def _team(challenge, team_id):
    return get_object_or_404(Team, pk=team_id, challenge=challenge)


@login_required
@require_POST
def rename_team(request, slug, team_id):
    challenge = challenge_for_organiser(request, slug)
    team = _team(challenge, team_id)
    form = TeamForm(request.POST, auto_id=f"id_team_{team.pk}_%s")
    done = _("The team is renamed.")
    action = lambda name: services.rename_team(team, name)  # noqa: E731
    return _row_action(request, challenge, form, action, "name", f"equipe-{team.pk}", done) or (
        _edit_page(request, challenge, status=400, row=(team, form))
    )


@login_required
@require_POST
def remove_team(request, slug, team_id):
    challenge = challenge_for_organiser(request, slug)
    team = _team(challenge, team_id)
    try:
        services.remove_team(team)
    except DomainError as error:
        add_domain_message(request, error)  # at the top of the page: no anchor past it
        return _back_to_edit(challenge)
    messages.success(request, _("The team is removed."))
    return _back_to_edit(challenge, "equipes")


@login_required
@require_POST
def workshops(request, slug):
    challenge = challenge_for_organiser(request, slug)
    form = _workshops_form(challenge, request.POST)
    if form.is_valid():
        try:
            services.set_workshops(challenge, **form.chosen())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The workshops are saved."))
            return _back_to_edit(challenge, "ateliers")
    return _edit_page(request, challenge, status=400, workshops_form=form)


@login_required
@require_POST
def publish(request, slug):
    challenge = challenge_for_organiser(request, slug)
    try:
        services.publish(challenge)
    except DomainError as error:
        add_domain_message(request, error)  # at the top of the page: no anchor past it
        return _back_to_edit(challenge)
    messages.success(request, _("The challenge is published: share its address."))
    return redirect(challenge.manage_url())


urlpatterns = [
    path("nouveau/", create, name="create"),
    path("<slug:slug>/modifier/", edit, name="edit"),
    path("<slug:slug>/modifier/engagements/", add_pledge, name="add_pledge"),
    path("<slug:slug>/modifier/engagements/<int:pledge_id>/", edit_pledge, name="edit_pledge"),
    path(
        "<slug:slug>/modifier/engagements/<int:pledge_id>/retirer/",
        remove_pledge,
        name="remove_pledge",
    ),
    path("<slug:slug>/modifier/equipes/", add_team, name="add_team"),
    path("<slug:slug>/modifier/equipes/<int:team_id>/", rename_team, name="rename_team"),
    path("<slug:slug>/modifier/equipes/<int:team_id>/retirer/", remove_team, name="remove_team"),
    path("<slug:slug>/modifier/ateliers/", workshops, name="workshops"),
    path("<slug:slug>/publier/", publish, name="publish"),
    path("<slug:slug>/gerer/", manage, name="manage"),
    path("<slug:slug>/gerer/temoignages/", testimonies, name="moderate"),
    path(
        "<slug:slug>/gerer/temoignages/<int:testimony_id>/publier/",
        publish_testimony,
        name="publish_testimony",
    ),
    path(
        "<slug:slug>/gerer/temoignages/<int:testimony_id>/masquer/",
        hide_testimony,
        name="hide_testimony",
    ),
    path("<slug:slug>/gerer/ecrire/", write, name="write"),
    path("<slug:slug>/gerer/chiffres.csv", export, name="export"),
]
