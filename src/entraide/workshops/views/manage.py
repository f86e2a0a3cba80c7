"""Organiser pages (`/ateliers/gerer/…`), all behind workshops.access."""

from operator import attrgetter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, F, Q
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from entraide.core import registry
from entraide.core.errors import DomainError, add_domain_error, add_domain_message
from entraide.core.local_time import spreadsheet_datetime, zone_time
from entraide.core.spreadsheet import csv_download
from entraide.places.access import place_for_organiser
from entraide.workshops import services
from entraide.workshops.access import series_for_organiser, workshop_for_organiser
from entraide.workshops.forms import AttendanceForm, MessageForm, SeriesForm, WorkshopForm
from entraide.workshops.models import RegistrationStatus, Status


@login_required
def place_workshops(request, place_slug):
    place = place_for_organiser(request, place_slug)
    context = {
        "place": place,
        # The latest dates first, the workshops whose date is to be decided after them.
        "workshops": place.workshops.select_related("series").order_by(
            F("starts_at").desc(nulls_last=True), "-created_at"
        )[:200],
        "series_list": place.series.order_by("title"),
    }
    return render(request, "workshops/manage/place.html", context)


def _save_workshop(request, place, workshop=None):
    form = WorkshopForm(request.POST or None, instance=workshop, place=place)
    if request.method == "POST" and form.is_valid():
        try:
            if workshop is None:
                workshop = services.create_workshop(place, by=request.user, fields=form.changes())
            else:
                workshop = services.update_workshop(
                    workshop, by=request.user, fields=form.changes()
                )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The workshop has been saved."))
            return redirect("workshops:manage", slug=workshop.slug)
    status = 400 if request.method == "POST" else 200
    if workshop is not None:
        workshop.refresh_from_db()
        workshop.place = place  # its place, loaded already (refresh_from_db forgets it)
    can_delete = (
        workshop is not None
        and workshop.status == Status.DRAFT
        and not workshop.registrations.exists()
    )
    context = {
        "place": place,
        "form": form,
        "workshop": workshop,
        "can_delete": can_delete,
        # Buttons of other capabilities ("Fix the date with a poll"), from the registry.
        "related_actions": registry.related_actions(workshop) if workshop else [],
    }
    return render(request, "workshops/manage/workshop.html", context, status=status)


@login_required
def create_workshop(request, place_slug):
    return _save_workshop(request, place_for_organiser(request, place_slug))


@login_required
def edit_workshop(request, slug):
    workshop = workshop_for_organiser(request, slug)
    return _save_workshop(request, workshop.place, workshop)


def _act(request, action, success):
    try:
        result = action()
    except DomainError as error:
        add_domain_message(request, error)
        return None
    messages.success(request, success)
    return result


PUBLISH = {"1": True, "0": False}  # the `publish` field of the publication forms


@login_required
@require_POST
def publish(request, slug):
    workshop = workshop_for_organiser(request, slug)
    published = PUBLISH.get(request.POST.get("publish"))
    if published is None:
        return HttpResponseBadRequest()
    _act(
        request,
        lambda: services.set_published(workshop, published),
        _("The workshop is published.") if published else _("The workshop is unpublished."),
    )
    return redirect("workshops:manage", slug=slug)


@login_required
@require_POST
def duplicate(request, slug):
    workshop = workshop_for_organiser(request, slug)
    copy = services.duplicate_workshop(workshop, by=request.user)
    messages.success(request, _("Here is a draft copy: give it a date, then publish it."))
    return redirect("workshops:manage", slug=copy.slug)


def _figures(workshop):
    counts = workshop.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
        cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
        came=Count("pk", filter=Q(attended=True)),
        marked=Count("pk", filter=Q(attended__isnull=False)),
    )
    counts["rate"] = round(100 * counts["came"] / counts["marked"]) if counts["marked"] else None
    return counts


@login_required
def participants(request, slug):
    workshop = workshop_for_organiser(request, slug)
    registrations = list(workshop.registrations.in_waiting_order())
    confirmed = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED]
    form = AttendanceForm(
        request.POST or None,
        registrations=confirmed,
        initial={"present": [r.pk for r in confirmed if r.attended]},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.mark_attendance(workshop, set(form.cleaned_data["present"]))
            except DomainError as error:
                add_domain_message(request, error)
            else:
                messages.success(request, _("Attendance saved."))
            return redirect("workshops:participants", slug=slug)
        status = 400
    by_status = {s: [r for r in registrations if r.status == s] for s in RegistrationStatus}
    context = {
        "workshop": workshop,
        "confirmed": confirmed,
        "waiting": by_status[RegistrationStatus.WAITING],
        "pending": by_status[RegistrationStatus.PENDING],
        "cancelled": by_status[RegistrationStatus.CANCELLED],
        "figures": _figures(workshop),
        "attendance_form": form,
        "attendance_rows": list(zip(confirmed, form["present"], strict=True)),
        "can_take_attendance": workshop.is_past,
    }
    return render(request, "workshops/manage/participants.html", context, status=status)


@login_required
def participants_csv(request, slug):
    workshop = workshop_for_organiser(request, slug)
    response, writer = csv_download(f"participants-{workshop.slug}.csv")
    writer.writerow(
        [
            _("Name"),
            _("Email"),
            _("Status"),
            _("Position"),
            _("Registered on (%(zone)s)") % {"zone": zone_time(workshop.time_zone)},
            _("Needs"),
            _("Attended"),
        ]
    )
    registrations = workshop.registrations.with_waiting_position().in_waiting_order()
    for r in sorted(registrations, key=attrgetter("status")):  # stable: the line stays in order
        attended = {True: _("yes"), False: _("no"), None: ""}[r.attended]
        row = [
            r.name,
            r.email,
            r.get_status_display(),
            r.waiting_position or "",
            spreadsheet_datetime(r.created_at, workshop.time_zone),
            r.needs,
            attended,
        ]
        writer.writerow(row)
    return response


def _write(request, workshops, back, title):
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sent = services.email_participants(workshops, **form.cleaned_data)
        messages.success(
            request,
            ngettext(
                "Message sent to %(count)s participant.",
                "Message sent to %(count)s participants.",
                sent,
            )
            % {"count": sent},
        )
        return back
    status = 400 if request.method == "POST" else 200
    return render(
        request, "workshops/manage/write.html", {"form": form, "title": title}, status=status
    )


@login_required
def write(request, slug):
    workshop = workshop_for_organiser(request, slug)
    back = redirect("workshops:participants", slug=slug)
    return _write(request, [workshop], back, workshop.title)


@login_required
def write_series(request, slug):
    series = series_for_organiser(request, slug)
    back = redirect("workshops:manage_series", slug=slug)
    return _write(request, list(series.workshops.all()), back, series.title)


def _save_series(request, place, series=None):
    form = SeriesForm(request.POST or None, instance=series)
    if request.method == "POST" and form.is_valid():
        if series is None:
            series = services.create_series(place, by=request.user, fields=form.cleaned_data)
        else:
            services.update_series(series, fields=form.cleaned_data)
        messages.success(request, _("The series has been saved."))
        return redirect("workshops:manage_series", slug=series.slug)
    status = 400 if request.method == "POST" else 200
    context = {"place": place, "form": form, "series": series}
    if series is not None:
        series.refresh_from_db()
        context["sessions"] = series.workshops.order_by("position", "pk")
    return render(request, "workshops/manage/series.html", context, status=status)


@login_required
def create_series(request, place_slug):
    return _save_series(request, place_for_organiser(request, place_slug))


@login_required
def edit_series(request, slug):
    series = series_for_organiser(request, slug)
    return _save_series(request, series.place, series)


@login_required
@require_POST
def publish_series(request, slug):
    """Publish or unpublish; cancelling has its own page (views.cancelling.cancel_series)."""
    series = series_for_organiser(request, slug)
    published = PUBLISH.get(request.POST.get("publish"))
    if published is None:
        return HttpResponseBadRequest()
    _act(
        request,
        lambda: services.set_series_published(series, published),
        _("The series is published.") if published else _("The series is unpublished."),
    )
    return redirect("workshops:manage_series", slug=slug)
