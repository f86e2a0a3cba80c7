"""Public pages: the list of workshops, a workshop, a series, and registering."""

from functools import partial

from django.conf import settings
from django.contrib import messages
from django.db.models import Count, F, Min, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entraide.accounts.forms import ask_display_name
from entraide.accounts.services import give_display_name
from entraide.core import rate_limits, registry
from entraide.core.csrf import csrf_protect_signed_in
from entraide.core.errors import DomainError, add_domain_error
from entraide.core.page_cache import Kept, public_page
from entraide.core.pagination import IndexPaginator
from entraide.places.models import Place
from entraide.workshops import services
from entraide.workshops.access import can_see_draft
from entraide.workshops.forms import FilterForm, RegistrationForm
from entraide.workshops.hooks import my_registrations, public_workshops
from entraide.workshops.models import ACTIVE, Mode, RegistrationStatus, Series, Status, Workshop
from entraide.workshops.ordering import UndatedLast
from entraide.workshops.views.feedback import announce_outcome

CARD_FIELDS = [
    "title",
    "slug",
    "summary",
    "mode",
    "starts_at",
    "ends_at",
    "time_zone",
    "planned_minutes",
    "capacity",
    "confirmed_count",
    "status",
    "position",
    "place__name",
    "place__slug",
    "place__city",
    "series__title",
    "series__slug",
]
MODES = {
    Mode.IN_PERSON: [Mode.IN_PERSON, Mode.HYBRID],
    Mode.ONLINE: [Mode.ONLINE, Mode.HYBRID],
    Mode.HYBRID: [Mode.HYBRID],
}


# The sessions of a series: by date, then those whose date is to be decided, in their order.
SESSION_ORDER = [F("starts_at").asc(nulls_last=True), "position", "pk"]


@public_page
def workshop_list(request):
    form = FilterForm(request.GET)
    now = timezone.now()
    workshops = public_workshops().select_related("place", "series").only(*CARD_FIELDS)
    status, place, past, count, ids, kept = 200, None, False, None, None, Kept(request)
    if form.is_valid():
        data = form.cleaned_data
        past = data["quand"] == "passes"
        if data["region"]:
            workshops = workshops.filter(place__region=data["region"])
        if data["theme"]:
            workshops = workshops.filter(theme=data["theme"])
        if data["format"]:
            workshops = workshops.filter(mode__in=MODES[data["format"]])
        if data["lieu"]:
            place = kept(f"places:{data['lieu']}", lambda: (_place(data["lieu"]), None))
            workshops = workshops.filter(place__slug=data["lieu"])
        chosen = workshops
        if past:
            workshops = workshops.filter(starts_at__lte=now).order_by("-starts_at", "pk")
        else:
            # Still to come, or undated: one range of the list's index, in its order.
            workshops = workshops.alias(upcoming_key=UndatedLast()).filter(upcoming_key__gt=now)
            workshops = workshops.order_by("upcoming_key", "place__name", "position", "pk")
        # The count and the ids of deep pages, kept for this version of the content until
        # the list changes by time alone: when a workshop leaves it or joins it by starting.
        filters = ",".join(f"{k}={v}" for k, v in sorted(data.items()))
        counting = partial(_count, chosen if past else workshops, past, now)
        counted = partial(kept, f"workshops:list:{filters}", counting)
        count = lambda: counted()[0]  # noqa: E731
        ids = lambda number, find: kept(  # noqa: E731
            f"workshops:list:{filters}:{number}", lambda: (find(), counted()[1])
        )
    else:
        workshops, status = workshops.none(), 400
    paginator = IndexPaginator(workshops, settings.ENTRAIDE_PAGE_SIZE, count=count, ids=ids)
    page = paginator.get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "place": place, "past": past}
    return render(request, "workshops/list.html", context, status=status)


def _place(slug):
    return Place.objects.filter(slug=slug).only("name", "slug").first()


def _count(workshops, past, now):
    """The number of workshops a list shows and the moment the list changes by time alone
    (a timestamp or None), twice (for core.page_cache.Kept): for workshops to come, when the
    first of them starts; for past ones (`workshops` are then those of the filters, past or
    not), when the next of them starts."""
    if past:
        counted = workshops.aggregate(
            count=Count("pk", filter=Q(starts_at__lte=now)),
            change=Min("starts_at", filter=Q(starts_at__gt=now)),
        )
    else:
        counted = workshops.aggregate(count=Count("*"), change=Min("starts_at"))
    change = counted["change"] and counted["change"].timestamp()
    return (counted["count"], change), change


def _visible_workshop(request, slug) -> Workshop:
    workshop = get_object_or_404(Workshop.objects.select_related("place", "series"), slug=slug)
    draft = workshop.status == Status.DRAFT or (
        workshop.series_id and workshop.series.status == Status.DRAFT
    )
    if draft and not can_see_draft(request.user, workshop.place):
        raise Http404
    return workshop


def _my_active_registrations(user):
    """What the pages show as the person's registrations. A request made without an account
    under their address and still unconfirmed is not theirs until confirmed: they may register
    over it (services.register)."""
    unconfirmed_request = Q(status=RegistrationStatus.PENDING, user__isnull=True)
    return my_registrations(user).filter(status__in=ACTIVE).exclude(unconfirmed_request)


def _my_registration(request, workshop):
    if not request.user.is_authenticated:
        return None
    return _my_active_registrations(request.user).filter(workshop=workshop).first()


@public_page
def detail(request, slug, form=None, status=200):
    workshop = _visible_workshop(request, slug)
    mine = _my_registration(request, workshop)
    sessions = []
    if workshop.series_id:
        sessions = list(
            workshop.series.workshops.exclude(status=Status.DRAFT).order_by(*SESSION_ORDER)
        )
    context = {
        "workshop": workshop,
        "sessions": sessions,
        "mine": mine,
        "position": mine and services.waiting_position(mine),
        "closed_reason": workshop.closed_reason(),
        "related": registry.related(workshop),
        "can_manage": can_see_draft(request.user, workshop.place),
        "form": form or _registration_form(request),
    }
    return render(request, "workshops/detail.html", context, status=status)


def _registration_outcome(request, outcome, *, email="", target_url=""):
    if not request.user.is_authenticated:
        # Shown once on the next page, so that a mistyped address can be seen and corrected.
        request.session["registration_sent_to"] = {"email": email, "url": target_url}
        return redirect("workshops:check_mailbox")
    announce_outcome(request, outcome.created)
    for registration in outcome.existing:
        messages.info(
            request,
            _("You were already registered for “%(title)s”.")
            % {"title": registration.workshop.title},
        )
    for workshop, reason in outcome.refused:
        messages.warning(request, f"{workshop.title} : {reason.message}", extra_tags=reason.code)
    return None


def _refused_by_rate_limits(request, form, target, page):
    """Without an account, the form mails an address typed by the visitor: bounded per network
    (a clear page) and per address (a message beside the field). None when it may go on."""
    if request.user.is_authenticated:
        return None
    by_network = rate_limits.network_allowed(request, "workshops.register")
    if not by_network.allowed:
        return rate_limits.too_many_from_network(request, by_network, target.get_absolute_url())
    if not rate_limits.mail_allowed(form.cleaned_data["email"]).allowed:
        rate_limits.refuse_mail(form)
        return page(request, target.slug, form=form, status=429)
    return None


def _registration_form(request, data=None):
    """Signed in without a display name, the form asks for one, once."""
    form = RegistrationForm(data, signed_in=request.user.is_authenticated)
    return ask_display_name(form, request.user)


def _form_fields(form, request):
    data = form.cleaned_data
    if request.user.is_authenticated:
        return {"name": data.get("display_name", ""), "needs": data["needs"], "by": request.user}
    return {"name": data["name"], "email": data["email"], "needs": data["needs"]}


def _submit(request, target, register_with, page):
    """Register for `target` (a workshop or a series) with the POSTed form; on a refusal,
    `page(request, slug, form=…, status=…)` shows it again beside the fields."""
    form = _registration_form(request, request.POST)
    refused = form.is_valid() and _refused_by_rate_limits(request, form, target, page)
    if refused:
        return refused
    if form.is_valid():
        try:
            outcome = register_with(target, **_form_fields(form, request))
        except DomainError as error:
            add_domain_error(form, error)
        else:
            if "display_name" in form.cleaned_data:
                give_display_name(request.user, form.cleaned_data["display_name"])
            sent_to = {
                "email": form.cleaned_data.get("email", ""),
                "target_url": target.get_absolute_url(),
            }
            return _registration_outcome(request, outcome, **sent_to) or redirect(target)
    return page(request, target.slug, form=form, status=400)


@csrf_protect_signed_in
@require_POST
def register(request, slug):
    return _submit(request, _visible_workshop(request, slug), services.register, detail)


def _visible_series(request, slug) -> Series:
    series = get_object_or_404(Series.objects.select_related("place"), slug=slug)
    if series.status == Status.DRAFT and not can_see_draft(request.user, series.place):
        raise Http404
    return series


@public_page
def series_detail(request, slug, form=None, status=200):
    series = _visible_series(request, slug)
    sessions = list(
        series.workshops.exclude(status=Status.DRAFT)
        .select_related("place")
        .order_by(*SESSION_ORDER)
    )
    mine = {}
    if request.user.is_authenticated:
        active = _my_active_registrations(request.user).filter(workshop__in=sessions)
        mine = {r.workshop_id: r for r in active}
    open_count = sum(1 for s in sessions if s.closed_reason() is None)
    context = {
        "series": series,
        "sessions": [(s, mine.get(s.pk)) for s in sessions],
        "open_count": open_count,
        "related": registry.related(series),
        "can_manage": can_see_draft(request.user, series.place),
        "form": form or _registration_form(request),
    }
    return render(request, "workshops/series.html", context, status=status)


@csrf_protect_signed_in
@require_POST
def register_series(request, slug):
    series = _visible_series(request, slug)
    return _submit(request, series, services.register_series, series_detail)


def check_mailbox(request):
    sent_to = request.session.pop("registration_sent_to", None)
    return render(request, "workshops/check_mailbox.html", {"sent_to": sent_to})
