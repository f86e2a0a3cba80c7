"""A participant's own settings and steps, beside their private page (participating.py):
their reminder, their buddy, a testimony, the "after" questions, leaving; and a signed-in
person's list of their challenges. Erasing one's participation and one's data as JSON, for
everyone (an account's "My data" and its deletion do it too)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from entraide.challenges import services
from entraide.challenges.access import participant_for_link
from entraide.challenges.forms.participating import (
    AfterForm,
    BuddyForm,
    ReminderForm,
    TestimonyForm,
)
from entraide.challenges.models import Feeling, Participant
from entraide.core.errors import DomainError, add_domain_error


def away_unless_taking_part(me):
    """Where a page needing someone taking part sends the others: their private page."""
    return None if me.is_active else redirect(me.private_url())


# ----------------------------------------------------------------- settings of one's own


def reminders(request, slug, token):
    me = participant_for_link(slug, token)
    if (away := away_unless_taking_part(me)) is not None:
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
    if (away := away_unless_taking_part(me)) is not None:
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
    if (away := away_unless_taking_part(me)) is not None:
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


def erase(request, slug, token):
    """Erasing one's participation, with or without an account: the person, their days, notes
    and testimonies go; the group's anonymous totals stay."""
    me = participant_for_link(slug, token)
    challenge = me.challenge
    if request.method == "POST":
        services.erase(me)
        messages.success(
            request,
            _("Your participation is erased. The group's totals keep your days, anonymously."),
        )
        return redirect(challenge.get_absolute_url())
    context = {
        "title": _("Erase your participation in “%(title)s”?") % {"title": challenge.title},
        "consequences": [
            _(
                "Your name, your address, your pledges, your days, your notes and your "
                "testimonies are deleted, and this link stops working."
            ),
            _("The group's totals keep your days as anonymous counts: nobody can tell whose."),
        ],
        "irreversible": True,
        "button": _("Yes, erase my participation"),
        "back_url": me.private_url(),
        "back_label": _("Keep my participation"),
    }
    return render(request, "core/confirm.html", context)


def my_data(request, slug, token):
    """What the site keeps about the participant, as JSON, for people without an account (an
    account's "My data" holds it too)."""
    me = participant_for_link(slug, token)
    response = JsonResponse(
        services.personal_data(me), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="entraide-mon-defi.json"'
    return response


@login_required
def mine(request):
    participations = (
        Participant.objects.filter(user=request.user)
        .select_related("challenge", "challenge__place")
        .order_by("-challenge__starts_on", "pk")
    )
    return render(request, "challenges/participating/mine.html", {"participations": participations})
