from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entraide.core import rate_limits, registry
from entraide.core.errors import DomainError, add_domain_error
from entraide.core.page_cache import public_page
from entraide.places import services
from entraide.places.access import place_for_organiser
from entraide.places.errors import PlaceErrorCode
from entraide.places.forms import DirectoryFilterForm, InvitationForm, PlaceForm, ProposalForm
from entraide.places.models import Membership, Place, PlaceKind, fold_for_search

LIST_FIELDS = ["name", "slug", "kind", "region", "city", "summary"]


@public_page
def directory(request):
    form = DirectoryFilterForm(request.GET)
    places = Place.objects.published().only(*LIST_FIELDS).order_by("name")
    region_hub = None
    status = 200
    if form.is_valid():
        region, kind = form.cleaned_data["region"], form.cleaned_data["kind"]
        words = fold_for_search(form.cleaned_data["q"])
        if words:  # the folded city and postcode, whatever the case and accents typed
            places = places.filter(search_key__contains=words)
        if region:
            places = places.filter(region=region)
            region_hub = (
                Place.objects.published()
                .only(*LIST_FIELDS)
                .filter(region=region, kind=PlaceKind.REGIONAL_HUB)
                .order_by("name")
                .first()
            )
        if kind:
            places = places.filter(kind=kind)
    else:
        places, status = places.none(), 400
    page = Paginator(places, settings.ENTRAIDE_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "region_hub": region_hub}
    return render(request, "places/directory.html", context, status=status)


def _visible_place(request, slug) -> Place:
    """A published place; a proposal only to its proposer and the site's administrators."""
    place = get_object_or_404(Place, slug=slug)
    user = request.user
    if not place.is_published and not (
        user.is_authenticated and (user.is_staff or place.proposed_by_id == user.pk)
    ):
        raise Http404
    return place


@public_page
def detail(request, slug):
    place = _visible_place(request, slug)
    organisers = Membership.objects.filter(place=place).select_related("user").order_by("pk")
    context = {
        "place": place,
        "organisers": [m.user.public_name for m in organisers],
        "activities": registry.place_activities(place),
        "place_links": registry.place_links(place),
        "can_manage": services.is_organiser(request.user, place),
    }
    return render(request, "places/detail.html", context)


def _manage_context(place, form, invitation_form):
    return {
        "place": place,
        "form": form,
        "invitation_form": invitation_form,
        "organisers": Membership.objects.filter(place=place).select_related("user"),
        "invitations": place.invitations.filter(accepted_at__isnull=True).order_by("email"),
        "management_links": registry.place_management_links(place),
    }


@login_required
def manage(request, slug):
    place = place_for_organiser(request, slug)
    form = PlaceForm(request.POST or None, instance=place)
    if request.method == "POST":
        if form.is_valid():
            services.update_place(place, by=request.user, changes=form.cleaned_data)
            messages.success(request, _("The page of the place has been saved."))
            return redirect("places:manage", slug=place.slug)
        place.refresh_from_db()
        return render(
            request,
            "places/manage.html",
            _manage_context(place, form, InvitationForm()),
            status=400,
        )
    return render(request, "places/manage.html", _manage_context(place, form, InvitationForm()))


@login_required
@require_POST
def invite(request, slug):
    place = place_for_organiser(request, slug)
    invitation_form = InvitationForm(request.POST)
    status = 400
    if (
        invitation_form.is_valid()
        and not rate_limits.mail_allowed(invitation_form.cleaned_data["email"]).allowed
    ):
        rate_limits.refuse_mail(invitation_form)
        status = 429
    elif invitation_form.is_valid():
        email = invitation_form.cleaned_data["email"]
        try:
            services.invite_organiser(
                place,
                email=email,
                by=request.user,
                site_url=request.build_absolute_uri("/")[:-1],
            )
        except DomainError as error:
            add_domain_error(invitation_form, error)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": email})
            return redirect("places:manage", slug=place.slug)
    context = _manage_context(place, PlaceForm(instance=place), invitation_form)
    return render(request, "places/manage.html", context, status=status)


@login_required
@require_POST
def revoke_invitation(request, slug, invitation_id):
    place = place_for_organiser(request, slug)
    services.revoke_invitation(place, invitation_id)
    messages.success(request, _("The invitation has been withdrawn."))
    return redirect("places:manage", slug=place.slug)


def invitation(request, token):
    found = services.find_invitation(token)
    if found is None:
        return render(request, "places/invitation_invalid.html", status=404)
    context = {"invitation": found, "can_accept": services.can_accept(found, request.user)}
    if request.method == "POST" and request.user.is_authenticated:
        try:
            membership = services.accept_invitation(token, user=request.user)
        except DomainError as error:
            if error.code == PlaceErrorCode.NOT_THE_INVITED_ADDRESS:
                context["error"] = error.message
                return render(request, "places/invitation.html", context, status=403)
            return render(request, "places/invitation_invalid.html", status=404)
        messages.success(request, _("You now run %(place)s.") % {"place": membership.place.name})
        return redirect("places:manage", slug=membership.place.slug)
    return render(request, "places/invitation.html", context)


# Proposals a person may send a day: enough for a typo, not for flooding the administrators.
PROPOSALS_PER_DAY = 3


@login_required
def propose(request):
    form = ProposalForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if (
            form.is_valid()
            and not rate_limits.hit(
                "places.propose",
                f"user:{request.user.pk}",
                limit=PROPOSALS_PER_DAY,
                period=rate_limits.DAY,
            ).allowed
        ):
            form.add_error(
                None,
                _("You have already proposed %(count)s places today: try again tomorrow.")
                % {"count": PROPOSALS_PER_DAY},
            )
            status = 429
        elif form.is_valid():
            try:
                services.propose_place(by=request.user, fields=form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you: your proposal has been sent to the site's administrators. "
                        "You will receive a mail once your place is published."
                    ),
                )
                return redirect("places:propose")
    context = {
        "form": form,
        "runs": Place.objects.filter(memberships__user=request.user).order_by("name"),
        "pending": services.pending_proposals(request.user),
    }
    return render(request, "places/propose.html", context, status=status)
