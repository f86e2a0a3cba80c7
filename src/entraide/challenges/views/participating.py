"""A participant's private pages, under their private link /defis/<slug>/moi/<token>/ (no
account needed; a forged link, or one of another challenge, is a 404): confirming the
address, today's check-in and the calendar of their days, a past day's check-in, the daily
reminder, the buddy, a testimony, the "after" self-assessment, leaving (and coming back, a
button of the private page); and
/defis/mes-defis/, a signed-in person's participations.

Confirming takes a POST (a button on the first visit): mail scanners that fetch the links of
a mail do not confirm for the person. Checking in takes one tap per pledge, without
JavaScript: each status is a submit button of the day's form."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
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
    AfterForm,
    BuddyForm,
    CheckInForm,
    ReminderForm,
    TestimonyForm,
)
from entraide.challenges.models import NOTE_MAX, Feeling, Participant, Status
from entraide.challenges.services.checking_in import check_day
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
        progress=services.progress(challenge, today=today),
        can_check_in_today=can_check_in_today,
        after_open=today >= challenge.ends_on,
        closed=today > challenge.last_check_in_day(),
    )
    if can_check_in_today:
        context.update(_day_context(me, today, by_day.get(today), pledges, form))
    return render(request, "challenges/participating/participant.html", context, status=status)


def _left_or_unconfirmed(me):
    """Where a page needing someone taking part sends the others: their private page."""
    return None if me.is_active else redirect(me.private_url())


def day(request, slug, token, day):
    me = participant_for_link(slug, token)
    try:
        day = date.fromisoformat(day)
    except ValueError:
        raise Http404 from None
    if (away := _left_or_unconfirmed(me)) is not None:
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


# ----------------------------------------------------------------- settings of one's own


def reminders(request, slug, token):
    me = participant_for_link(slug, token)
    if (away := _left_or_unconfirmed(me)) is not None:
        return away
    form = ReminderForm(initial={"hour": me.reminder_hour})
    status = 200
    if request.method == "POST":
        if "stop" in request.POST:
            services.stop_reminders(me)
            messages.success(request, _("No more reminders. You can set one again here."))
            return redirect(me.stop_reminders_url())
        form = ReminderForm(request.POST)
        if form.is_valid():
            try:
                services.set_reminder(me, form.cleaned_data["hour"])
            except DomainError as error:
                add_domain_error(form, error)
            else:
                if me.reminder_hour is None:
                    messages.success(request, _("No more reminders."))
                else:
                    messages.success(
                        request,
                        _("A reminder every day at %(hour)s h, unless you checked in already.")
                        % {"hour": me.reminder_hour},
                    )
                return redirect(me.private_url())
        status = 400
    context = {"me": me, "challenge": me.challenge, "form": form}
    return render(request, "challenges/participating/reminders.html", context, status=status)


def buddy(request, slug, token):
    me = participant_for_link(slug, token)
    if (away := _left_or_unconfirmed(me)) is not None:
        return away
    form = BuddyForm()
    status = 200
    if request.method == "POST":
        form = BuddyForm(request.POST)
        if form.is_valid():
            try:
                services.choose_buddy(me, form.cleaned_data["email"])
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "If this address takes part in the challenge, its owner is now your "
                        "buddy and was told by mail: you will see their name on your page."
                    ),
                )
                return redirect(me.private_url())
        status = 400
    context = {"me": me, "challenge": me.challenge, "form": form}
    return render(request, "challenges/participating/buddy.html", context, status=status)


def testify(request, slug, token):
    me = participant_for_link(slug, token)
    if not me.is_confirmed:
        return redirect(me.private_url())
    form = TestimonyForm()
    status = 200
    if request.method == "POST":
        form = TestimonyForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.leave_testimony(
                    me, data["text"], signed=data["signed"], signature=data["signature"]
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you! Your testimony will be published once the challenge's team "
                        "has read it."
                    ),
                )
                return redirect(me.private_url())
        status = 400
    context = {"me": me, "challenge": me.challenge, "form": form}
    return render(request, "challenges/participating/testify.html", context, status=status)


def after(request, slug, token):
    me = participant_for_link(slug, token)
    if not me.is_confirmed:
        return redirect(me.private_url())
    challenge = me.challenge
    initial = {"screen_hours": me.after_screen_hours, "feeling": me.after_feeling}
    form = AfterForm(initial=initial)
    status = 200
    is_open = challenge.today() >= challenge.ends_on
    if request.method == "POST" and not is_open:
        status = 400
    elif request.method == "POST":
        form = AfterForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.answer_after(
                    me, services.Assessment(data["screen_hours"], data["feeling"])
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Thank you for your answers."))
                return redirect(me.private_url())
        status = 400
    context = {
        "me": me,
        "challenge": challenge,
        "form": form if is_open else None,
        "is_open": is_open,
        "before_feeling": Feeling(me.before_feeling).label if me.before_feeling else "",
    }
    return render(request, "challenges/participating/after.html", context, status=status)


def leave(request, slug, token):
    me = participant_for_link(slug, token)
    if (away := _left_or_unconfirmed(me)) is not None:
        return away
    if request.method == "POST":
        services.leave(me)
        return redirect(me.private_url())
    context = {
        "title": _("Leave the challenge “%(title)s”?") % {"title": me.challenge.title},
        "consequences": [
            _("You will no longer check in, and receive no more reminders."),
            _(
                "The days you recorded stay in the collective total, as anonymous counts: "
                "nobody sees whose they are."
            ),
            _("Your private page stays at this link: you can come back while the challenge runs."),
        ],
        "button": _("Yes, leave the challenge"),
        "back_url": me.private_url(),
        "back_label": _("Stay in the challenge"),
    }
    return render(request, "core/confirm.html", context)


@login_required
def mine(request):
    participations = (
        Participant.objects.filter(user=request.user)
        .select_related("challenge", "challenge__place")
        .order_by("-challenge__starts_on", "pk")
    )
    return render(request, "challenges/participating/mine.html", {"participations": participations})


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
]
