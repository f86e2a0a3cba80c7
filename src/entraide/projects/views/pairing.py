"""Joining a project in a pair (services/pairing.py):
- "<catalogue>/<project>/binome/": the join page (signed in; a visitor gets a sign-in link
  that comes back): one's state in this project (one's pair and partner, the request one made
  with "cancel", the proposals received with accept/decline), inviting a partner by mail,
  "je cherche un binôme" (with a word about oneself) or stopping, and the others looking for
  this project, first names only, each with "Proposer de faire binôme". Each POST carries its
  `action`; a refusal comes back as a message (or beside the field of the form, status 400);
- "invitation/<token>/": the private link of a mailed invitation (works without an account:
  sign in or create one, then come back); a forged link is a 404. Its path is private
  (registered with the other private links: the token never reaches a log);
- "binome/<id>/quitter/": leaving one's pair (a confirmation page, then POST);
- "mes-projets/": one's pairs, searches, proposals and invitations.
Once a pair is formed, its page (Pair.get_absolute_url()) follows."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from entraide.core.errors import DomainError, add_domain_error, add_domain_message
from entraide.projects.access import public_project
from entraide.projects.forms.pairing import InviteForm, LookForm
from entraide.projects.models import Member, Pair, Seeker
from entraide.projects.services import pairing

T = "projects/pairing/"


def _join_url(project):
    return reverse("projects:join", args=[project.catalogue.slug, project.slug])


def _members():
    return Prefetch("members", queryset=Member.objects.select_related("user").order_by("pk"))


def _state(project, user) -> dict:
    """What `user` has in `project`: their pair (partner, or the request they made), the
    proposals they received, their search, and the others looking (3 queries + 1 count)."""
    pairs = list(
        Pair.objects.filter(project=project, members__user=user)
        .distinct()
        .order_by("pk")
        .prefetch_related(_members())
    )
    pair = partner = asked = None
    received = []
    for candidate in pairs:
        members = list(candidate.members.all())
        mine = next(m for m in members if m.user_id == user.pk)
        others = [m for m in members if m.pk != mine.pk]
        if mine.is_accepted:
            pair = candidate
            partner = next((m for m in others if m.is_accepted), None)
            asked = next((m for m in others if not m.is_accepted), None)
        else:
            first = next((m for m in others if m.is_accepted and m.user_id), None)
            if first is not None:
                received.append({"member": mine, "name": pairing.first_name(first.user)})
    seekers = list(
        Seeker.objects.filter(project=project).select_related("user").order_by("created_at", "pk")
    )
    search = next((s for s in seekers if s.user_id == user.pk), None)
    asked_users = {asked.user_id} if asked and asked.user_id else set()
    others = [
        {
            "seeker": s,
            "name": pairing.first_name(s.user),
            "asked": s.user_id in asked_users,
        }
        for s in seekers
        if s.user_id != user.pk
    ]
    formed = pair is not None and pair.is_formed
    return {
        "pair": pair,
        "partner": partner,
        "asked": asked,
        "asked_name": pairing.first_name(asked.user) if asked and asked.user_id else "",
        "received": received,
        "search": search,
        "seekers": others,
        "formed": formed,
        "can_ask": not formed and asked is None,
        "full": pairing.is_full(project),
        "open": project.in_pairs and project.enrolment_open,
    }


def _member_of(project, request, *, pending=True):
    member_id = request.POST.get("member", "")
    if not member_id.isdigit():
        return None
    return (
        Member.objects.select_related("project__catalogue")
        .filter(pk=int(member_id), project=project, accepted_at__isnull=pending)
        .first()
    )


@require_http_methods(["GET", "POST"])
def join(request, catalogue, project):
    project = public_project(request, catalogue, project)
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect(f"{reverse('account_login')}?next={request.path}")
        return render(request, T + "join.html", {"project": project})
    user = request.user
    invite_form = InviteForm(prefix="invite")
    look_form = LookForm(prefix="look")
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "invite":
                invite_form = InviteForm(request.POST, prefix="invite")
                if invite_form.is_valid():
                    pairing.invite_partner(project, by=user, **invite_form.cleaned_data)
                    messages.success(
                        request, _("Invitation sent: the pair exists once they accept.")
                    )
                    return redirect(_join_url(project))
                status = 400
            elif action == "look":
                look_form = LookForm(request.POST, prefix="look")
                if look_form.is_valid():
                    pairing.look_for_partner(project, user=user, **look_form.cleaned_data)
                    messages.success(request, _("You are on the list of people looking."))
                    return redirect(_join_url(project))
                status = 400
            elif action == "stop":
                pairing.stop_looking(project, user=user)
                messages.info(request, _("You are no longer on the list of people looking."))
                return redirect(_join_url(project))
            elif action == "propose":
                seeker_id = request.POST.get("seeker", "")
                seeker = Seeker(pk=int(seeker_id)) if seeker_id.isdigit() else Seeker(pk=0)
                pairing.propose(project, by=user, seeker=seeker)
                messages.success(request, _("Proposal sent: the pair exists once they accept."))
                return redirect(_join_url(project))
            elif action in ("accept", "decline", "cancel"):
                member = _member_of(project, request)
                if member is None:
                    messages.error(request, _("This request was already answered or cancelled."))
                    return redirect(_join_url(project))
                if action == "accept":
                    pair = pairing.accept_proposal(member, user=user)
                    messages.success(request, _("You are a pair now."))
                    return redirect(pair.get_absolute_url())
                if action == "decline":
                    pairing.decline_proposal(member, user=user)
                    messages.info(request, _("You declined the proposal."))
                else:
                    pairing.cancel_invitation(member, by=user)
                    messages.info(request, _("Your request is cancelled."))
                return redirect(_join_url(project))
            else:
                return HttpResponseBadRequest()
        except DomainError as error:
            form = invite_form if action == "invite" else look_form if action == "look" else None
            if form is None:
                add_domain_message(request, error)
                return redirect(_join_url(project))
            add_domain_error(form, error)
            status = 400
    state = _state(project, user)
    if not look_form.is_bound and state["search"] is not None:  # to change one's word
        look_form = LookForm(prefix="look", initial={"note": state["search"].note})
    context = {"project": project, "invite_form": invite_form, "look_form": look_form, **state}
    return render(request, T + "join.html", context, status=status)


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    member = pairing.invitation_for_token(token)
    if member is None:
        return render(request, T + "invitation_gone.html", status=404)
    project = member.project
    if member.accepted_at is not None:
        return render(request, T + "invitation_gone.html", {"used": True}, status=410)
    if member.expires_at is not None and member.expires_at <= timezone.now():
        return render(request, T + "invitation_gone.html", {"expired": True}, status=410)
    context = {"member": member, "project": project, "inviter": member.invited_by}
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        try:
            if request.POST.get("answer") == "accept":
                pair = pairing.accept_invitation(token, user=request.user)
                messages.success(request, _("You are a pair now."))
                return redirect(pair.get_absolute_url())
            pairing.decline_invitation(token)
        except DomainError as error:
            context["error"] = error
            return render(request, T + "invitation.html", context, status=400)
        messages.info(request, _("You declined the invitation."))
        return redirect(project.get_absolute_url())
    return render(request, T + "invitation.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def leave(request, pk):
    pair = get_object_or_404(
        Pair.objects.select_related("project__catalogue"),
        pk=pk,
        members__user=request.user,
        members__accepted_at__isnull=False,
    )
    project = pair.project
    if request.method == "POST":
        try:
            pairing.leave(pair, user=request.user)
        except DomainError as error:
            add_domain_message(request, error)
        else:
            messages.info(request, _("You left the pair."))
        return redirect(_join_url(project))
    partner = (
        pair.members.filter(accepted_at__isnull=False)
        .exclude(user=request.user)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return render(request, T + "leave.html", {"pair": pair, "project": project, "partner": partner})


@login_required
def mine(request):
    user = request.user
    pairs = list(
        Pair.objects.filter(members__user=user, members__accepted_at__isnull=False)
        .select_related("project__catalogue")
        .prefetch_related(_members())
        .order_by("-created_at", "-pk")
    )
    for pair in pairs:
        pair.others = [m for m in pair.members.all() if m.user_id != user.pk]
        for other in pair.others:  # before they accept, someone asked is shown by first name
            other.shown_name = (
                other.user.public_name
                if other.is_accepted
                else pairing.first_name(other.user)
                if other.user_id
                else other.name or other.email
            )
    searches = list(
        Seeker.objects.filter(user=user).select_related("project__catalogue").order_by("-pk")
    )
    proposals = list(
        Member.objects.filter(user=user, accepted_at__isnull=True)
        .select_related("project__catalogue", "invited_by")
        .order_by("-pk")
    )
    for proposal in proposals:
        proposal.proposer = pairing.first_name(proposal.invited_by) if proposal.invited_by else ""
    invitations = list(
        Member.objects.filter(
            user__isnull=True,
            email__iexact=user.email,
            accepted_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .exclude(token_digest="")
        .select_related("project__catalogue", "invited_by")
        .order_by("-pk")
    )
    return render(
        request,
        T + "mine.html",
        {
            "pairs": pairs,
            "searches": searches,
            "proposals": proposals,
            "invitations": invitations,
        },
    )


urlpatterns = [
    path("mes-projets/", mine, name="mine"),
    path("invitation/<str:token>/", invitation, name="invitation"),
    path("binome/<int:pk>/quitter/", leave, name="leave"),
    path("<slug:catalogue>/<slug:project>/binome/", join, name="join"),
]
