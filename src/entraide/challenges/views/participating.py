"""A participant's private pages, under their private link /defis/<slug>/moi/<token>/ (no
account needed; a forged link, or one of another challenge, is a 404): confirming the
address, today's check-in and the calendar of their days, a past day's check-in, coming back
after leaving (a button of the private page). Their settings and other steps (reminder, buddy,
testimony, the "after" questions, leaving) and /defis/mes-defis/ are in participation.py.

Confirming takes a POST (a button on the first visit): mail scanners that fetch the links of
a mail do not confirm for the person. Checking in takes one tap per pledge, without
JavaScript: each status is a submit button of the day's form."""

from datetime import date

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from entraide.challenges import services
from entraide.challenges.access import participant_for_link
from entraide.challenges.errors import ChallengeErrorCode
from entraide.challenges.forms.participating import (
    CheckInForm,
)
from entraide.challenges.models import NOTE_MAX, Status
from entraide.challenges.services.checking_in import check_day
from entraide.challenges.views.participation import (
    after,
    away_unless_taking_part,
    buddy,
    erase,
    leave,
    mine,
    my_data,
    reminders,
    testify,
)
from entraide.core.errors import DomainError, add_domain_error, add_domain_message

STATUS_BUTTONS = [(status, status.label) for status in Status]  # kept, halfway, not today
STATUS_INDEX = {Status.HELD: 0, Status.HALF: 1, Status.MISSED: 2}


def _long_date(day):
    return formats.date_format(day, "l j F")


# ----------------------------------------------------------------- the day and its form


def _pledges(participant):
    return list(participant.pledges.all())


def _day_rows(pledges, statuses):
    """[(pledge, [(status, label, is_current)])] for the buttons of a day's form."""
    return [
        (
            pledge,
            [
                (status, label, statuses.get(pledge.pk) == status)
                for status, label in STATUS_BUTTONS
            ],
        )
        for pledge in pledges
    ]


def _record(request, participant, day, journey_day):
    """Handle the POST of a day's form: (None, the day's check-ins) when recorded (the caller
    redirects), else (the form with the refusal beside its field, None)."""
    form = CheckInForm(request.POST)
    if not form.is_valid():  # pragma: no cover (every field is optional)
        return form, None
    chosen = form.chosen()
    note = form.cleaned_data["note"]
    if chosen is None:  # the note alone: the statuses already given stay as they are
        statuses = dict(journey_day.statuses) if journey_day else {}
    else:
        statuses = {chosen[0]: chosen[1]}
    try:
        recorded = services.check_in(participant, day, statuses, note)
    except DomainError as error:
        if error.code == ChallengeErrorCode.NOTHING_TO_RECORD:
            error.field = "note"
            error.message = _("Say how a pledge went first: the note goes with the day.")
        add_domain_error(form, error)
        return form, None
    if chosen is None:
        messages.success(request, _("Your note is saved. Only you read it."))
    else:
        messages.success(request, _("Recorded for %(day)s. Thank you!") % {"day": _long_date(day)})
    return None, recorded


def _day_context(participant, day, journey_day, pledges, form=None):
    statuses = journey_day.statuses if journey_day else {}
    note = journey_day.note if journey_day else ""
    return {
        "day": day,
        "day_rows": _day_rows(pledges, statuses),
        "form": form or CheckInForm(initial={"note": note}),
        "checked_in": bool(statuses),
        "note_max": NOTE_MAX,
    }


# ----------------------------------------------------------------- the private page


def _week_padding(days):
    """Empty cells before the first day, so that the grid's columns are Monday to Sunday."""
    return range(days[0].day.weekday()) if days else range(0)


def _summary(counts) -> str:
    held, half, missed = counts
    parts = []
    if held:
        parts.append(ngettext("%(n)s kept", "%(n)s kept", held) % {"n": held})
    if half:
        parts.append(ngettext("%(n)s halfway", "%(n)s halfway", half) % {"n": half})
    if missed:
        parts.append(ngettext("%(n)s not today", "%(n)s not today", missed) % {"n": missed})
    return ", ".join(parts)


def _calendar(me, journey, today, pledge_count):
    """The cells of the calendar: each day, what was said of it, its state (a CSS class) and
    the address where it is filled in (today's form, a past day's page, none for a day to
    come or once check-ins are closed)."""
    cells = []
    for j in journey:
        counts = [0, 0, 0]
        for status in j.statuses.values():
            counts[STATUS_INDEX[status]] += 1
        if j.day > today:
            state, label = "future", _("to come")
        elif not j.checked_in:
            if j.day < today or not me.is_active:
                state, label = "missing", _("not filled in")
            else:
                state, label = "open", _("to fill in today")
        elif counts[0] >= pledge_count:
            state, label = "full", _summary(counts)
        elif counts[0] or counts[1]:
            state, label = "part", _summary(counts)
        else:
            state, label = "none", _summary(counts)
        url = ""
        if j.can_check_in and me.is_active:
            url = "#aujourdhui" if j.day == today else f"{me.private_url()}jour/{j.day}/"
        cells.append(
            {"day": j.day, "state": state, "label": label, "url": url, "today": j.day == today}
        )
    return cells


def _why_not_today(me, today) -> DomainError:
    try:
        check_day(me.challenge, today)
    except DomainError as error:
        return error
    return DomainError(
        _("You are not taking part in this challenge (anymore)."),
        code=ChallengeErrorCode.NOT_TAKING_PART,
    )


def _rejoin(request, me):
    try:
        services.rejoin(me)
    except DomainError as error:
        add_domain_message(request, error)
    else:
        messages.success(request, _("Welcome back! Your days are where you left them."))
    return redirect(me.private_url())


def participant(request, slug, token):
    me = participant_for_link(slug, token)
    challenge = me.challenge
    if request.method == "POST" and "confirm" in request.POST:
        services.confirm(me)
        messages.success(request, _("Your participation is confirmed. Welcome!"))
        return redirect(me.private_url())
    if request.method == "POST" and "rejoin" in request.POST and me.is_confirmed:
        return _rejoin(request, me)
    today = challenge.today()
    context = {"me": me, "challenge": challenge, "today": today}
    if not me.is_confirmed:
        return render(request, "challenges/participating/confirm.html", context)
    journey = services.journey(me, today=today)
    by_day = {j.day: j for j in journey}
    pledges = _pledges(me)
    form = None
    status = 200
    can_check_in_today = me.is_active and today in by_day and by_day[today].can_check_in
    if request.method == "POST":
        if not can_check_in_today:
            add_domain_message(request, _why_not_today(me, today))
            return redirect(me.private_url())
        form, _recorded = _record(request, me, today, by_day.get(today))
        if form is None:
            return redirect(me.private_url() + "#aujourdhui")
        status = 400
    context.update(
        calendar=_calendar(me, journey, today, len(pledges)),
        padding=_week_padding(journey),
        pledges=pledges,
        progress=services.summary(challenge),
        can_check_in_today=can_check_in_today,
        after_open=today >= challenge.ends_on,
        closed=today > challenge.last_check_in_day(),
    )
    if can_check_in_today:
        context.update(_day_context(me, today, by_day.get(today), pledges, form))
    return render(request, "challenges/participating/participant.html", context, status=status)


def day(request, slug, token, day):
    me = participant_for_link(slug, token)
    try:
        day = date.fromisoformat(day)
    except ValueError:
        raise Http404 from None
    if (away := away_unless_taking_part(me)) is not None:
        return away
    challenge = me.challenge
    context = {"me": me, "challenge": challenge, "day": day}
    try:
        check_day(challenge, day)
    except DomainError as error:
        context["refusal"] = error
        return render(request, "challenges/participating/day.html", context, status=400)
    journey_day = next((j for j in services.journey(me) if j.day == day), None)
    pledges = _pledges(me)
    form = None
    if request.method == "POST":
        form, recorded = _record(request, me, day, journey_day)
        if form is None and len(recorded) < len(pledges):  # pledges left to say: stay
            return redirect(request.path)
        if form is None:
            return redirect(me.private_url() + "#calendrier")
    context.update(_day_context(me, day, journey_day, pledges, form))
    return render(
        request, "challenges/participating/day.html", context, status=400 if form else 200
    )


PRIVATE = "<slug:slug>/moi/<str:token>/"

urlpatterns = [
    path("mes-defis/", mine, name="mine"),
    path(PRIVATE, participant, name="participant"),
    path(PRIVATE + "jour/<str:day>/", day, name="day"),
    path(PRIVATE + "rappels/", reminders, name="reminders"),
    path(PRIVATE + "binome/", buddy, name="buddy"),
    path(PRIVATE + "temoigner/", testify, name="testify"),
    path(PRIVATE + "bilan/", after, name="after"),
    path(PRIVATE + "quitter/", leave, name="leave"),
    path(PRIVATE + "effacer/", erase, name="erase"),
    path(PRIVATE + "mes-donnees.json", my_data, name="my_data"),
]
