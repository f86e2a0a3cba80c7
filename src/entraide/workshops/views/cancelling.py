"""What organisers cannot take back: withdrawing a participant, cancelling a workshop or a
series. Each is asked first on a page (core/confirm.html) that says who is told and what
follows; GET changes nothing, and the page's form POSTs to the same address."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from entraide.core.errors import DomainError, add_domain_message
from entraide.core.ordinals import rank
from entraide.workshops import services
from entraide.workshops.access import series_for_organiser, workshop_for_organiser
from entraide.workshops.forms import CancelWorkshopForm
from entraide.workshops.models import Status
from entraide.workshops.templatetags.workshops import when


def _confirm(request, status=200, **context):
    return render(request, "core/confirm.html", context, status=status)


@login_required
def withdraw(request, slug, registration_id):
    workshop = workshop_for_organiser(request, slug)
    registration = get_object_or_404(workshop.registrations, pk=registration_id)
    back = reverse("workshops:participants", args=[slug])
    if request.method == "POST":
        try:
            services.withdraw(registration.pk, by_organisers=True)
        except DomainError as error:
            add_domain_message(request, error)
        else:
            messages.success(request, _("The registration is cancelled; the person is told."))
        return redirect(back)
    try:
        services.check_cancellable(registration)
    except DomainError as error:
        add_domain_message(request, error)
        return redirect(back)
    name = registration.name or registration.email
    return _confirm(
        request,
        title=_("Cancel the registration of %(name)s?") % {"name": name},
        lead=f"{workshop.title} · {when(workshop)}",
        consequences=_what_withdrawing_does(workshop, registration, name),
        irreversible=True,
        button=_("Cancel this registration"),
        back_url=back,
        back_label=_("Keep this registration"),
    )


def _what_withdrawing_does(workshop, registration, name):
    lines = []
    if registration.email:
        lines.append(
            _("%(name)s (%(email)s) is told by mail that you cancelled the registration.")
            % {"name": name, "email": registration.email}
        )
    if registration.is_confirmed:
        following = services.first_in_line(workshop)
        if following is not None:
            lines.append(
                _("The seat goes to %(name)s, first on the waiting list, who is told by mail.")
                % {"name": following.name or following.email}
            )
        else:
            lines.append(_("The seat becomes free for someone else."))
    elif registration.is_waiting:
        lines.append(
            _("%(name)s leaves the waiting list (%(rank)s in line).")
            % {"name": name, "rank": rank(services.waiting_position(registration))}
        )
    else:
        lines.append(_("The request, not confirmed yet, is withdrawn: it held no seat."))
    lines.append(_("To come back, %(name)s will have to register again.") % {"name": name})
    return lines


def _who_is_told(counts, *, series):
    """Sentences counting the registrations a cancellation tells, and that they are told."""
    lines = []
    if series:
        if counts["confirmed"]:
            lines.append(
                ngettext(
                    "%(count)s confirmed registration in all.",
                    "%(count)s confirmed registrations in all.",
                    counts["confirmed"],
                )
                % {"count": counts["confirmed"]}
            )
        if counts["waiting"]:
            lines.append(
                ngettext(
                    "%(count)s registration on a waiting list.",
                    "%(count)s registrations on waiting lists.",
                    counts["waiting"],
                )
                % {"count": counts["waiting"]}
            )
    else:
        if counts["confirmed"]:
            lines.append(
                ngettext(
                    "%(count)s person has a confirmed seat.",
                    "%(count)s people have a confirmed seat.",
                    counts["confirmed"],
                )
                % {"count": counts["confirmed"]}
            )
        if counts["waiting"]:
            lines.append(
                ngettext(
                    "%(count)s person is on the waiting list.",
                    "%(count)s people are on the waiting list.",
                    counts["waiting"],
                )
                % {"count": counts["waiting"]}
            )
    if counts["pending"]:
        lines.append(
            ngettext(
                "%(count)s request awaits the confirmation of its address.",
                "%(count)s requests await the confirmation of their address.",
                counts["pending"],
            )
            % {"count": counts["pending"]}
        )
    if not any(counts.values()):
        lines.append(_("Nobody is registered: no mail is sent."))
    elif series:
        lines.append(
            _("Each person receives a mail for each session, with your message if you write one.")
        )
    else:
        lines.append(
            _(
                "Each of them receives a mail announcing the cancellation, with your message "
                "if you write one."
            )
        )
    return lines


@login_required
def cancel_workshop(request, slug):
    workshop = workshop_for_organiser(request, slug)
    back = reverse("workshops:manage", args=[slug])
    if workshop.is_cancelled:
        messages.info(request, _("The workshop is already cancelled."))
        return redirect(back)
    form = CancelWorkshopForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.cancel_workshop(workshop, message=form.cleaned_data["message"])
        messages.success(request, _("The workshop is cancelled; the people registered are told."))
        return redirect(back)
    lines = _who_is_told(services.active_counts([workshop]), series=False)
    lines.append(
        _(
            "The workshop stays visible, marked as cancelled, and can no longer be published: "
            "to run it again, duplicate it."
        )
    )
    return _confirm(
        request,
        status=400 if request.method == "POST" else 200,
        title=_("Cancel the workshop “%(title)s”?") % {"title": workshop.title},
        lead=f"{when(workshop)} · {workshop.place.name}",
        consequences=lines,
        irreversible=True,
        form=form,
        button=_("Cancel the workshop"),
        back_url=back,
        back_label=_("Keep the workshop"),
    )


@login_required
def delete_draft(request, slug):
    """A draft nobody ever registered for goes away; anything else is cancelled instead."""
    workshop = workshop_for_organiser(request, slug)
    back = reverse("workshops:manage", args=[slug])
    if request.method == "POST":
        try:
            services.delete_draft(workshop, by=request.user)
        except DomainError as error:
            add_domain_message(request, error)
            return redirect(back)
        messages.success(request, _("The draft is deleted."))
        return redirect("workshops:manage_place", place_slug=workshop.place.slug)
    try:
        services.check_deletable(workshop)
    except DomainError as error:
        add_domain_message(request, error)
        return redirect(back)
    return _confirm(
        request,
        title=_("Delete the draft “%(title)s”?") % {"title": workshop.title},
        lead=f"{when(workshop)} · {workshop.place.name}",
        consequences=[
            _("The draft and everything written in it disappear. Nobody is told: nobody saw it.")
        ],
        irreversible=True,
        button=_("Delete the draft"),
        back_url=back,
        back_label=_("Keep the draft"),
    )


@login_required
def cancel_series(request, slug):
    series = series_for_organiser(request, slug)
    back = reverse("workshops:manage_series", args=[slug])
    if series.status == Status.CANCELLED:
        messages.info(request, _("The series is already cancelled."))
        return redirect(back)
    form = CancelWorkshopForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.cancel_series(series, message=form.cleaned_data["message"])
        messages.success(request, _("The series and its workshops are cancelled."))
        return redirect(back)
    sessions = list(series.workshops.exclude(status=Status.CANCELLED).order_by("position", "pk"))
    lines = []
    if sessions:
        lines.append(
            ngettext(
                "%(count)s session is cancelled: %(titles)s.",
                "%(count)s sessions are cancelled: %(titles)s.",
                len(sessions),
            )
            % {"count": len(sessions), "titles": ", ".join(s.title for s in sessions)}
        )
    lines += _who_is_told(services.active_counts(sessions), series=True)
    lines.append(_("The series can no longer be published."))
    return _confirm(
        request,
        status=400 if request.method == "POST" else 200,
        title=_("Cancel the series “%(title)s”?") % {"title": series.title},
        lead=series.place.name,
        consequences=lines,
        irreversible=True,
        form=form,
        button=_("Cancel the series"),
        back_url=back,
        back_label=_("Keep the series"),
    )
