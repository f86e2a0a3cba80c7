"""The public pages of challenges: the list, a challenge with its collective progress, joining
(and the page that follows it) and the published testimonies. Nothing here names anyone's
results: the figures are services.progress()'s, the tallies of the group and of its teams."""

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.db.models import Case, F, Sum, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from entraide.challenges import services
from entraide.challenges.forms.public import JoinForm
from entraide.challenges.models import Challenge, Tally
from entraide.challenges.services.progress import SMALLEST_GROUP, Counts
from entraide.challenges.services.testimonies import published
from entraide.core import rate_limits
from entraide.core.csrf import csrf_protect_signed_in
from entraide.core.errors import DomainError, add_domain_error
from entraide.core.local_time import local_datetime
from entraide.core.page_cache import public_page
from entraide.core.pagination import IndexPaginator
from entraide.places.services import is_organiser
from entraide.workshops.models import Series, Workshop
from entraide.workshops.models import Status as WorkshopStatus

# What a testimony shows; its challenge_id too, which the related manager reads to set its
# challenge (else one query per testimony).
TESTIMONY_FIELDS = ["text", "signed", "signature", "created_at", "challenge_id"]
TESTIMONIES_ON_PAGE = 3  # on the challenge's page; all of them on their own page
SENT_TO = "challenge_join_sent_to"  # in the session, for the "check your mailbox" page


# --- How the pages say it -------------------------------------------------------------------


def number(value) -> str:
    """ "1 000", "212,5": a whole number, or a half."""
    places = 0 if float(value).is_integer() else 1
    return formats.number_format(value, places, use_l10n=True, force_grouping=True)


def days_against_goal(counts: Counts, goal: int) -> str:
    """ "212 journées sur 300": the pledge-days kept against the goal."""
    return ngettext(
        "%(total)s pledge-day of %(goal)s",
        "%(total)s pledge-days of %(goal)s",
        counts.half_units // 2,
    ) % {"total": number(counts.pledge_days), "goal": number(goal)}


def pledge_days(counts: Counts) -> str:
    """ "120 journées", "1 journée", "12,5 journées"."""
    return ngettext("%(total)s pledge-day", "%(total)s pledge-days", counts.half_units // 2) % {
        "total": number(counts.pledge_days)
    }


def _day(day: date) -> str:
    """ "2", and "1er" for the first of a month in French."""
    return pgettext("the first day of a month", "1st") if day.day == 1 else str(day.day)


def _day_month(day: date, with_year: bool) -> str:
    return f"{_day(day)} {formats.date_format(day, 'F Y' if with_year else 'F')}"


def dates_of(challenge: Challenge, today: date) -> str:
    """ "du 2 au 11 décembre", "du 28 novembre au 6 décembre", the years said when they are
    not this year's."""
    start, end = challenge.starts_on, challenge.ends_on
    with_year = start.year != end.year or end.year != today.year
    if start == end:
        return _("on %(day)s") % {"day": _day_month(start, with_year)}
    if (start.year, start.month) == (end.year, end.month):
        first = _day(start)
    else:
        first = _day_month(start, start.year != end.year)
    return _("from %(start)s to %(end)s") % {"start": first, "end": _day_month(end, with_year)}


def stage_of(challenge: Challenge, today: date) -> str:
    """ "Jour 4 sur 10" while it runs; when it starts, or that it is over."""
    if challenge.is_over(today):
        return _("Over")
    if not challenge.has_started(today):
        days = (challenge.starts_on - today).days
        return ngettext("Starts tomorrow", "Starts in %(days)s days", days) % {"days": days}
    return _("Day %(day)s of %(days)s") % {
        "day": (today - challenge.starts_on).days + 1,
        "days": (challenge.ends_on - challenge.starts_on).days + 1,
    }


# --- Who sees what --------------------------------------------------------------------------


def _visible(request, slug) -> Challenge:
    """A published challenge; a draft only for the organisers of its place (a preview)."""
    challenge = get_object_or_404(Challenge.objects.select_related("place"), slug=slug)
    if not challenge.is_published and not is_organiser(request.user, challenge.place):
        raise Http404
    return challenge


def _closed_reason(challenge: Challenge, today: date) -> str:
    """Why joining is not possible now ("" when it is)."""
    if not challenge.is_published:
        return _("This challenge is a draft: people may join once it is published.")
    if challenge.is_over(today):
        return _("This challenge is over: it takes no new participants.")
    return ""


# --- The list -------------------------------------------------------------------------------


@public_page
def challenge_list(request):
    today = timezone.localdate()
    challenges = (
        Challenge.objects.filter(published_at__isnull=False)
        .select_related("place")
        .only("title", "slug", "starts_on", "ends_on", "time_zone", "goal", "place__name")
        .alias(
            past=Case(When(ends_on__lt=today, then=Value(1)), default=Value(0)),
            coming=Case(When(ends_on__gte=today, then=F("starts_on")), default=None),
        )
        # Current and upcoming ones first, the soonest first; then past ones, the latest first.
        .order_by("past", F("coming").asc(nulls_last=True), "-ends_on", "pk")
    )
    page = IndexPaginator(challenges, settings.ENTRAIDE_PAGE_SIZE).get_page(request.GET.get("page"))
    totals = {
        line["challenge_id"]: Counts(held=line["held"] or 0, half=line["half"] or 0)
        for line in Tally.objects.filter(challenge__in=[c.pk for c in page])
        .values("challenge_id")
        .annotate(held=Sum("held"), half=Sum("half"))
        .order_by()
    }
    cards = []
    for challenge in page:
        day = challenge.today()
        cards.append(
            {
                "challenge": challenge,
                "dates": dates_of(challenge, day),
                "stage": stage_of(challenge, day),
                "progress": days_against_goal(totals.get(challenge.pk, Counts()), challenge.goal),
            }
        )
    return render(request, "challenges/public/list.html", {"page": page, "cards": cards})


# --- A challenge ----------------------------------------------------------------------------


def _team_line(team) -> dict:
    """A team's line: its people, and its total or why it is not shown."""
    if team.counts is not None:
        return {"team": team, "total": pledge_days(team.counts), "withheld": ""}
    if team.people < SMALLEST_GROUP:
        withheld = _("total not shown: fewer than %(n)s people take part in it") % {
            "n": SMALLEST_GROUP
        }
    else:
        withheld = _("total not shown, so that a smaller team's cannot be worked out from it")
    return {"team": team, "total": "", "withheld": withheld}


def _workshops(relation) -> list[tuple[Workshop, str]]:
    """The published workshops of `relation` (outside draft series), by date, with their
    date as a list says it."""
    drafts = Series.objects.filter(status=WorkshopStatus.DRAFT).values("pk")
    found = (
        Workshop.objects.filter(status=WorkshopStatus.PUBLISHED, **relation)
        .exclude(series__in=drafts)
        .only("title", "slug", "starts_at", "time_zone")
        .order_by(F("starts_at").asc(nulls_last=True), "pk")
    )
    return [
        (
            workshop,
            local_datetime(workshop.starts_at, workshop.time_zone)
            if workshop.starts_at
            else _("Date to be decided"),
        )
        for workshop in found
    ]


@public_page
def detail(request, slug):
    challenge = _visible(request, slug)
    today = challenge.today()
    progress = services.progress(challenge, today=today)
    testimonies = list(published(challenge).only(*TESTIMONY_FIELDS)[:TESTIMONIES_ON_PAGE])
    context = {
        "challenge": challenge,
        "dates": dates_of(challenge, today),
        "stage": stage_of(challenge, today),
        "running": challenge.has_started(today) and not challenge.is_over(today),
        "pledges": list(challenge.pledges.filter(owner__isnull=True)),
        "progress": progress,
        "total": days_against_goal(progress.total, challenge.goal),
        "today_total": pledge_days(progress.today_counts),
        "teams": [_team_line(team) for team in progress.teams],
        "without_team": progress.without_team and _team_line(progress.without_team),
        "preparatory": _workshops({"challenges_prepared": challenge}),
        "activity_workshops": _workshops({"challenges_offering": challenge}),
        "activities": challenge.activity_list(),
        "testimonies": testimonies,
        "closed_reason": _closed_reason(challenge, today),
        "can_manage": request.user.is_authenticated and is_organiser(request.user, challenge.place),
    }
    return render(request, "challenges/public/detail.html", context)


# --- Joining --------------------------------------------------------------------------------


def _join_page(request, challenge, form, *, status=200, closed_reason=""):
    context = {
        "challenge": challenge,
        "form": form,
        "error_form": form if form is not None and form.is_bound else None,
        "closed_reason": closed_reason,
    }
    return render(request, "challenges/public/join.html", context, status=status)


def _refused_by_rate_limits(request, challenge, form):
    """The form mails an address: bounded per network (a clear page), and, for a visitor,
    per address typed (a message beside the field). None when it may go on."""
    by_network = rate_limits.network_allowed(request, "challenges.join")
    if not by_network.allowed:
        return rate_limits.too_many_from_network(request, by_network, challenge.join_url())
    if not form.signed_in and not rate_limits.mail_allowed(form.cleaned_data["email"]).allowed:
        rate_limits.refuse_mail(form)
        return _join_page(request, challenge, form, status=429)
    return None


@csrf_protect_signed_in
def join(request, slug):
    challenge = _visible(request, slug)
    closed_reason = _closed_reason(challenge, challenge.today())
    if closed_reason:
        status = 400 if request.method == "POST" else 200
        return _join_page(request, challenge, None, status=status, closed_reason=closed_reason)
    user = request.user if request.user.is_authenticated else None
    if request.method != "POST":
        return _join_page(request, challenge, JoinForm(challenge=challenge, user=user))
    form = JoinForm(request.POST, challenge=challenge, user=user)
    if form.is_valid():
        refused = _refused_by_rate_limits(request, challenge, form)
        if refused:
            return refused
        try:
            outcome = services.join(challenge, **form.service_fields(), by=user)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            participant = outcome.participant
            if user is not None and participant.user_id == user.pk and participant.is_confirmed:
                messages.success(request, _("You take part in the challenge: welcome!"))
                return redirect(participant.private_url())
            sent_to = user.email if user is not None else form.cleaned_data["email"]
            request.session[SENT_TO] = {"email": sent_to, "slug": challenge.slug}
            return redirect("challenges:check_mailbox", challenge.slug)
    return _join_page(request, challenge, form, status=400)


def check_mailbox(request, slug):
    """After joining: the same page whether the address took part already or not."""
    challenge = get_object_or_404(
        Challenge.objects.select_related("place"), slug=slug, published_at__isnull=False
    )
    sent_to = request.session.pop(SENT_TO, None)
    if sent_to and sent_to.get("slug") != challenge.slug:
        sent_to = None
    context = {"challenge": challenge, "email": sent_to and sent_to["email"]}
    return render(request, "challenges/public/check_mailbox.html", context)


# --- Testimonies ----------------------------------------------------------------------------


@public_page
def testimonies(request, slug):
    challenge = _visible(request, slug)
    found = published(challenge).only(*TESTIMONY_FIELDS)
    page = IndexPaginator(found, settings.ENTRAIDE_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"challenge": challenge, "page": page}
    return render(request, "challenges/public/testimonies.html", context)


urlpatterns = [
    path("", challenge_list, name="list"),
    path("<slug:slug>/", detail, name="detail"),
    path("<slug:slug>/participer/", join, name="join"),
    path("<slug:slug>/participer/courrier/", check_mailbox, name="check_mailbox"),
    path("<slug:slug>/temoignages/", testimonies, name="testimonies"),
]
