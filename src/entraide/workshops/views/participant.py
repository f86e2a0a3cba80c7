"""A participant's own registrations: the private link (no account needed) and the account.

Cancelling asks first, on a page that says what she loses. Right after, the page that made the
cancellation keeps its moment in the session: for ENTRAIDE_UNDO_MINUTES, her list offers to take
the seat back (services.undo_cancel), which a cancellation by the organisers never does."""

from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entraide.core.errors import DomainError, add_domain_message
from entraide.core.ordinals import rank
from entraide.workshops import feeds, ics, services
from entraide.workshops.hooks import my_registrations
from entraide.workshops.models import RegistrationStatus
from entraide.workshops.templatetags.workshops import when
from entraide.workshops.views.feedback import announce_outcome

UNDO_OFFERS = "workshops.undo"  # session: {registration id: moment of the cancellation}


def _undo_offers(request) -> dict[str, datetime]:
    """The cancellations made from this browser that may still be taken back."""
    now = timezone.now()
    offers = {}
    for pk, moment in request.session.get(UNDO_OFFERS, {}).items():
        try:
            cancelled_at = datetime.fromisoformat(moment)
        except (TypeError, ValueError):
            continue
        if now <= services.undo_deadline(cancelled_at):
            offers[pk] = cancelled_at
    return offers


def _save_undo_offers(request, offers):
    if offers or UNDO_OFFERS in request.session:
        request.session[UNDO_OFFERS] = {pk: at.isoformat() for pk, at in offers.items()}


def _offer_undo(request, registration):
    if services.can_be_taken_back(registration):
        offers = _undo_offers(request)
        offers[str(registration.pk)] = registration.cancelled_at
        _save_undo_offers(request, offers)


def _with_positions(request, registrations):
    """(registration, position in line, until when its cancellation may be taken back), from
    registrations annotated `with_waiting_position()`."""
    offers = _undo_offers(request)
    rows = []
    for r in registrations:
        until = None
        offered = offers.get(str(r.pk))
        if offered and r.status == RegistrationStatus.CANCELLED and r.cancelled_at == offered:
            until = services.undo_deadline(offered)
        rows.append((r, r.waiting_position, until))
    return rows


def _what_cancelling_does(registration):
    workshop, minutes = registration.workshop, settings.ENTRAIDE_UNDO_MINUTES
    if registration.is_confirmed and workshop.waiting_count:
        lines = [
            _(
                "Your seat goes at once to the first person on the waiting list, who is told "
                "by mail: you will not be able to take it back."
            )
        ]
    elif registration.is_confirmed:
        lines = [
            _(
                "Your seat becomes free for someone else. For %(minutes)s minutes you can take "
                "it back, as long as nobody has taken it."
            )
            % {"minutes": minutes}
        ]
    elif registration.is_waiting:
        lines = [
            _(
                "You leave the waiting list, where you are %(rank)s in line. For "
                "%(minutes)s minutes you can take your place in line back."
            )
            % {"rank": rank(services.waiting_position(registration)), "minutes": minutes}
        ]
    else:
        lines = [_("Your request, not confirmed yet, is withdrawn: it holds no seat.")]
    if registration.email:
        lines.append(_("You receive a mail confirming the cancellation."))
    return lines


def _cancel_page(request, registration, back_url, cancel):
    """GET: what cancelling `registration` does, and the button; POST: `cancel()`."""
    workshop = registration.workshop
    if request.method == "POST":
        try:
            registration = cancel()
        except DomainError as error:
            add_domain_message(request, error)
        else:
            _offer_undo(request, registration)
            messages.success(
                request,
                _("Your registration for “%(title)s” is cancelled.") % {"title": workshop.title},
            )
        return redirect(back_url)
    try:
        services.check_cancellable(registration)
    except DomainError as error:
        add_domain_message(request, error)
        return redirect(back_url)
    context = {
        "title": _("Cancel my registration for “%(title)s”?") % {"title": workshop.title},
        "lead": f"{when(workshop)} · {workshop.place.name}",
        "consequences": _what_cancelling_does(registration),
        "button": _("Yes, cancel my registration"),
        "back_url": back_url,
        "back_label": _("Keep my registration"),
    }
    return render(request, "core/confirm.html", context)


def _undo(request, registration, back_url):
    offers = _undo_offers(request)
    try:
        registration = services.undo_cancel(
            registration.pk, cancelled_at=offers.get(str(registration.pk))
        )
    except DomainError as error:
        add_domain_message(request, error)
        return redirect(back_url)
    offers.pop(str(registration.pk), None)
    _save_undo_offers(request, offers)
    title = registration.workshop.title
    if registration.is_waiting:
        text = _("You are back on the waiting list for “%(title)s”, %(rank)s in line.") % {
            "title": title,
            "rank": rank(services.waiting_position(registration)),
        }
    else:
        text = _("Your seat is yours again for “%(title)s”. A confirmation mail is on its way.") % {
            "title": title
        }
    messages.success(request, text)
    return redirect(back_url)


def private_link(request, token):
    registrations = services.find_registrations(token)
    if not registrations:
        return render(request, "workshops/link_invalid.html", status=404)
    expired = any(services.confirmation_expired(r) for r in registrations)
    if request.method == "POST":
        try:
            registrations = services.confirm(token)
        except DomainError as error:
            add_domain_message(request, error)
        else:
            announce_outcome(request, registrations)
        return redirect("workshops:registration", token=token)
    context = {
        "token": token,
        "registrations": _with_positions(request, registrations),
        "pending": any(r.is_pending for r in registrations) and not expired,
        "expired": expired,
        "name": registrations[0].name,
    }
    return render(request, "workshops/private_link.html", context)


def _by_link(token, registration_id):
    found = [r for r in services.find_registrations(token) if r.pk == registration_id]
    return found[0] if found else None


def cancel_by_link(request, token, registration_id):
    registration = _by_link(token, registration_id)
    if registration is None:
        return render(request, "workshops/link_invalid.html", status=404)
    return _cancel_page(
        request,
        registration,
        reverse("workshops:registration", args=[token]),
        lambda: services.cancel(registration_id, token=token),
    )


@require_POST
def undo_by_link(request, token, registration_id):
    registration = _by_link(token, registration_id)
    if registration is None:
        return render(request, "workshops/link_invalid.html", status=404)
    return _undo(request, registration, reverse("workshops:registration", args=[token]))


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
        .with_waiting_position()
        .order_by(F("workshop__starts_at").asc(nulls_last=True), "pk")
    )
    context = {
        "registrations": _with_positions(request, registrations),
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
def cancel_mine(request, registration_id):
    registration = get_object_or_404(
        my_registrations(request.user).select_related("workshop", "workshop__place"),
        pk=registration_id,
    )
    return _cancel_page(
        request,
        registration,
        reverse("workshops:mine"),
        lambda: services.cancel_own(registration.pk),
    )


@login_required
@require_POST
def undo_mine(request, registration_id):
    registration = get_object_or_404(my_registrations(request.user), pk=registration_id)
    return _undo(request, registration, reverse("workshops:mine"))


@login_required
def calendar_mine(request, registration_id):
    registration = get_object_or_404(
        my_registrations(request.user).select_related("workshop", "workshop__place"),
        pk=registration_id,
    )
    return _calendar_response(registration)
