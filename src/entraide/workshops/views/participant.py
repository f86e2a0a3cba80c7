"""A participant's own registrations: the private link (no account needed) and the account."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entraide.core.errors import DomainError
from entraide.workshops import feeds, ics, services
from entraide.workshops.hooks import my_registrations


def _with_positions(registrations):
    return [(r, services.waiting_position(r)) for r in registrations]


def private_link(request, token):
    registrations = services.find_registrations(token)
    if not registrations:
        return render(request, "workshops/link_invalid.html", status=404)
    expired = any(services.confirmation_expired(r) for r in registrations)
    if request.method == "POST":
        try:
            registrations = services.confirm(token)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your address is confirmed."))
        return redirect("workshops:registration", token=token)
    context = {
        "token": token,
        "registrations": _with_positions(registrations),
        "pending": any(r.is_pending for r in registrations) and not expired,
        "expired": expired,
        "name": registrations[0].name,
    }
    return render(request, "workshops/private_link.html", context)


@require_POST
def cancel_by_link(request, token, registration_id):
    try:
        registration = services.cancel(registration_id, token=token)
    except DomainError as error:
        if not services.find_registrations(token):
            return render(request, "workshops/link_invalid.html", status=404)
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Your registration for “%(title)s” is cancelled.")
            % {"title": registration.workshop.title},
        )
    return redirect("workshops:registration", token=token)


def _calendar_response(registration):
    if not registration.is_confirmed or registration.workshop.starts_at is None:
        raise Http404
    filename, content, _mimetype = ics.attachment_for(registration.workshop)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def calendar_by_link(request, token, registration_id):
    found = [r for r in services.find_registrations(token) if r.pk == registration_id]
    if not found:
        raise Http404
    return _calendar_response(found[0])


@login_required
def mine(request):
    registrations = (
        my_registrations(request.user)
        .select_related("workshop", "workshop__place")
        .order_by(F("workshop__starts_at").asc(nulls_last=True), "pk")
    )
    context = {
        "registrations": _with_positions(registrations),
        "feed_url": request.build_absolute_uri(
            reverse("workshops:personal_feed", args=[feeds.personal_feed_token(request.user)])
        ),
    }
    return render(request, "workshops/mine.html", context)


@login_required
@require_POST
def change_calendar_address(request):
    services.change_personal_calendar_address(request.user)
    messages.success(
        request,
        _(
            "The address of your calendar has changed: the old one no longer works. Give the "
            "new one to your calendar application."
        ),
    )
    return redirect("workshops:mine")


@login_required
@require_POST
def cancel_mine(request, registration_id):
    registration = get_object_or_404(my_registrations(request.user), pk=registration_id)
    try:
        services.withdraw(registration.pk)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Your registration for “%(title)s” is cancelled.")
            % {"title": registration.workshop.title},
        )
    return redirect("workshops:mine")


@login_required
def calendar_mine(request, registration_id):
    registration = get_object_or_404(
        my_registrations(request.user).select_related("workshop", "workshop__place"),
        pk=registration_id,
    )
    return _calendar_response(registration)
