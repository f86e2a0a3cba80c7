"""What organisers do to workshops and series: save, publish, duplicate, cancel, take
attendance, write to participants. Changes that participants must hear about (date, place,
video link, capacity) go through the workshop's lock, like registrations."""

import logging

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError
from entraide.core.slugs import save_with_unique_slug
from entraide.workshops import notifications
from entraide.workshops.errors import WorkshopErrorCode
from entraide.workshops.models import (
    ACTIVE,
    Registration,
    RegistrationStatus,
    Series,
    Status,
    Workshop,
)
from entraide.workshops.services import seats

log = logging.getLogger(__name__)

# A change to any of these is announced to the people registered, with a new calendar file.
ANNOUNCED = ("starts_at", "ends_at", "address", "video_url", "mode", "time_zone")


def _save_new(instance):
    """Insert a new workshop or series under a free address made from its title, even when
    the same title is being created at the same moment."""
    return save_with_unique_slug(
        instance, instance.title, url_namespace="workshops", fallback="atelier"
    )


def create_workshop(place, *, by, fields: dict) -> Workshop:
    with transaction.atomic():
        workshop = _save_new(Workshop(place=place, **fields))
    log.info("workshop %s created by user %s", workshop.pk, by.pk)
    return workshop


def update_workshop(workshop: Workshop, *, by, fields: dict) -> Workshop:
    """Save an organiser's changes. Fewer seats than confirmed people is refused; more seats
    promote the first in line; a new date, place or link is announced to those registered."""
    with transaction.atomic():
        locked = seats.lock_workshop(workshop.pk)
        if "capacity" in fields:
            seats.check_capacity(locked, fields["capacity"])
        announced = locked.status == Status.PUBLISHED and any(
            getattr(locked, name) != fields[name] for name in ANNOUNCED if name in fields
        )
        for name, value in fields.items():
            setattr(locked, name, value)
        if announced:
            locked.sequence += 1
        locked.save()
        if announced:
            for registration in locked.registrations.filter(
                status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING]
            ):
                registration.workshop = locked
                notifications.workshop_changed(registration)
        seats.promote(locked)
    log.info("workshop %s updated by user %s (announced: %s)", workshop.pk, by.pk, announced)
    return locked


def set_published(workshop: Workshop, published: bool) -> Workshop:
    with transaction.atomic():
        locked = seats.lock_workshop(workshop.pk)
        if locked.status == Status.CANCELLED:
            raise DomainError(
                _("A cancelled workshop cannot be published again; duplicate it."),
                code=WorkshopErrorCode.CANCELLED_CANNOT_BE_PUBLISHED,
            )
        if not published and locked.registrations.filter(status__in=ACTIVE).exists():
            raise DomainError(
                _("People are registered: cancel the workshop instead, so that they are told."),
                code=WorkshopErrorCode.PEOPLE_REGISTERED,
            )
        locked.status = Status.PUBLISHED if published else Status.DRAFT
        locked.save(update_fields=["status", "updated_at"])
    return locked


def check_deletable(workshop: Workshop) -> None:
    """Raise why `workshop` cannot be deleted, if it cannot: the rule `delete_draft` applies,
    which the page asking for confirmation shows before it."""
    if workshop.status != Status.DRAFT or workshop.registrations.exists():
        raise DomainError(
            _(
                "Only a draft nobody has ever registered for can be deleted; cancel the "
                "workshop instead."
            ),
            code=WorkshopErrorCode.NOT_A_BLANK_DRAFT,
        )


def delete_draft(workshop: Workshop, *, by) -> None:
    """Only a draft nobody ever registered for (a cancelled registration counts): once
    people have registered, the workshop is cancelled instead, so that they are told."""
    with transaction.atomic():
        locked = seats.lock_workshop(workshop.pk)
        check_deletable(locked)
        locked.delete()
    log.info("draft workshop %s deleted by user %s", workshop.pk, by.pk)


def duplicate_workshop(workshop: Workshop, *, by) -> Workshop:
    """A draft copy without date nor registrations, to run the workshop again."""
    copy = Workshop.objects.get(pk=workshop.pk)
    copy.pk = None
    copy.status = Status.DRAFT
    copy.starts_at = copy.ends_at = None
    copy.registration_opens_at = copy.registration_closes_at = None
    copy.confirmed_count = copy.waiting_count = copy.sequence = 0
    copy.data_erased_at = None
    with transaction.atomic():
        _save_new(copy)
    log.info("workshop %s duplicated as %s by user %s", workshop.pk, copy.pk, by.pk)
    return copy


def create_series(place, *, by, fields: dict) -> Series:
    with transaction.atomic():
        series = _save_new(Series(place=place, **fields))
    log.info("series %s created by user %s", series.pk, by.pk)
    return series


def update_series(series: Series, *, fields: dict) -> Series:
    for name, value in fields.items():
        setattr(series, name, value)
    series.save()
    return series


def set_series_published(series: Series, published: bool) -> Series:
    """Publish or unpublish a series; a series cancelled meanwhile stays cancelled."""
    with transaction.atomic():
        locked = seats.lock_series(series.pk)
        if locked.status == Status.CANCELLED:
            raise DomainError(
                _("A cancelled series cannot be published again."),
                code=WorkshopErrorCode.CANCELLED_CANNOT_BE_PUBLISHED,
            )
        locked.status = Status.PUBLISHED if published else Status.DRAFT
        locked.save(update_fields=["status", "updated_at"])
    return locked


def cancel_workshop(workshop: Workshop, *, message="") -> Workshop:
    """Cancel a workshop: everyone registered or waiting is told, with the organisers' word."""
    with transaction.atomic():
        locked = _cancel_locked(seats.lock_workshop(workshop.pk), message)
    log.info("workshop %s cancelled", workshop.pk)
    return locked


def cancel_series(series: Series, *, message="") -> Series:
    """Cancel the series and every session not cancelled yet, each telling its people with the
    organisers' word: one transaction, which locks the series, then its sessions by pk, so that
    a failure on the way leaves everything as it was, nobody told."""
    with transaction.atomic():
        locked = seats.lock_series(series.pk)
        if locked.status == Status.CANCELLED:
            return locked
        sessions = locked.workshops.exclude(status=Status.CANCELLED).values_list("pk", flat=True)
        for workshop in seats.lock_workshops(sessions):
            _cancel_locked(workshop, message)
        locked.status = Status.CANCELLED
        locked.save(update_fields=["status", "updated_at"])
    log.info("series %s cancelled", series.pk)
    return locked


def _cancel_locked(workshop: Workshop, message) -> Workshop:
    if workshop.status == Status.CANCELLED:
        return workshop
    workshop.status = Status.CANCELLED
    workshop.sequence += 1
    workshop.save(update_fields=["status", "sequence", "updated_at"])
    for registration in workshop.registrations.filter(status__in=ACTIVE):
        registration.workshop = workshop
        notifications.workshop_cancelled(registration, message)
    return workshop


def active_counts(workshops) -> dict[str, int]:
    """The registrations that cancelling `workshops` would tell, by status: `confirmed`,
    `waiting` and `pending` (requests awaiting the confirmation of their address)."""
    rows = (
        Registration.objects.filter(workshop__in=workshops, status__in=ACTIVE)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_status = {row["status"]: row["n"] for row in rows}
    return {
        "confirmed": by_status.get(RegistrationStatus.CONFIRMED, 0),
        "waiting": by_status.get(RegistrationStatus.WAITING, 0),
        "pending": by_status.get(RegistrationStatus.PENDING, 0),
    }


def mark_attendance(workshop: Workshop, attended_ids: set[int]) -> int:
    """After the workshop: who came, among the confirmed participants."""
    if workshop.starts_at is None or workshop.starts_at > timezone.now():
        raise DomainError(
            _("Attendance can be taken once the workshop has started."),
            code=WorkshopErrorCode.NOT_STARTED,
        )
    confirmed = workshop.registrations.filter(status=RegistrationStatus.CONFIRMED)
    with transaction.atomic():
        confirmed.filter(pk__in=attended_ids).update(attended=True)
        confirmed.exclude(pk__in=attended_ids).update(attended=False)
    return len(attended_ids)


def email_participants(workshops, *, subject: str, body: str) -> int:
    """One mail per confirmed participant (nobody sees the others' addresses)."""
    sent = 0
    registrations = (
        Registration.objects.filter(workshop__in=workshops, status=RegistrationStatus.CONFIRMED)
        .exclude(email="")
        .select_related("workshop", "workshop__place")
        .order_by("workshop__starts_at", "workshop__pk", "confirmed_at", "pk")
    )
    with transaction.atomic():
        for registration in registrations:
            notifications.organiser_message(registration, subject=subject, body=body)
            sent += 1
    return sent


def fix_date(workshop: Workshop, *, starts_at, ends_at, by) -> tuple[Workshop, set[str]]:
    """Give a workshop its date (an availability poll does) and publish it. Those already
    registered are told, with the new calendar file; returns the workshop and their addresses."""
    told = set(
        workshop.registrations.filter(
            status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING]
        )
        .exclude(email="")
        .values_list("email", flat=True)
    )
    duration = ends_at - starts_at
    workshop = update_workshop(
        workshop,
        by=by,
        fields={
            "starts_at": starts_at,
            "ends_at": ends_at,
            "planned_minutes": min(int(duration.total_seconds() // 60), 24 * 60),
        },
    )
    if workshop.status == Status.DRAFT:
        workshop = set_published(workshop, True)
    return workshop, told if workshop.status == Status.PUBLISHED else set()


def _active_in_series(workshop: Workshop):
    """The confirmed or waiting registrations with an address to the workshop's series (or
    the workshop), oldest first."""
    scope = (
        Registration.objects.filter(workshop__series_id=workshop.series_id)
        if workshop.series_id
        else workshop.registrations.all()
    )
    return (
        scope.filter(status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING])
        .exclude(email="")
        .order_by("pk")
    )


def series_registrants(workshop: Workshop) -> list[tuple[str, str]]:
    """(name, address) of the people registered for the workshop's series (or the workshop),
    confirmed or waiting, one per address, by name."""
    people = {}
    for name, email in _active_in_series(workshop).values_list("name", "email"):
        people.setdefault(email.lower(), name)
    return sorted(((name, email) for email, name in people.items()), key=lambda p: p[0].lower())


def series_languages(workshop: Workshop) -> dict[str, str]:
    """The language of the mails to each address of series_registrants: that of its first
    registration, the one that gives its name."""
    languages = {}
    for email, language in _active_in_series(workshop).values_list("email", "language"):
        languages.setdefault(email.lower(), language)
    return languages


def participants(workshop: Workshop) -> dict[str, str]:
    """The people who took part in the workshop's series (or the workshop): a confirmed seat,
    not marked absent; each address (lower case) with the language of its first registration.
    Whom a survey about the workshop invites."""
    scope = (
        Registration.objects.filter(workshop__series_id=workshop.series_id)
        if workshop.series_id
        else workshop.registrations.all()
    )
    languages = {}
    for email, language in (
        scope.filter(status=RegistrationStatus.CONFIRMED)
        .exclude(attended=False)
        .exclude(email="")
        .order_by("pk")
        .values_list("email", "language")
    ):
        languages.setdefault(email.lower(), language)
    return languages


def series_emails(workshop: Workshop) -> set[str]:
    """Addresses of the people registered for the workshop's series (or the workshop)."""
    return {email for _name, email in series_registrants(workshop)}


def undated_workshops(place):
    """The place's workshops whose date is to be decided, for a poll to fix."""
    return (
        Workshop.objects.filter(place=place, starts_at__isnull=True)
        .exclude(status=Status.CANCELLED)
        .order_by("series__title", "position", "title")
    )
