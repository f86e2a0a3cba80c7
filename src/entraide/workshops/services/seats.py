"""The seats of a workshop and its waiting line: who may lock what, in which order, and the rules
that give out, free and hand on a seat. Every service that changes seats (registrations,
organising) goes through here.

Locking: a workshop's row is locked (SELECT … FOR UPDATE on PostgreSQL; on SQLite the IMMEDIATE
transaction holds the database's write lock from BEGIN), then its counts are read, compared
with the capacity and written, so that seats are given out one request at a time and the
database refuses a confirmed count above the capacity. A lock means something only inside a
transaction: outside one, PostgreSQL would release it at once and SQLite never takes it, so the
lock functions refuse to run there (as pretix's `lock_objects` does). Lock order, the same
everywhere so that two requests never wait for each other: series, then workshops by pk, then
registrations.

The rules (`take_seat`, `promote`, `release_seat`) expect the workshop locked by the caller, in
the same transaction."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from entraide.core.errors import DomainError
from entraide.workshops import notifications
from entraide.workshops.errors import WorkshopErrorCode
from entraide.workshops.models import Registration, RegistrationStatus, Series, Status, Workshop

log = logging.getLogger(__name__)


class LockOutsideTransactionError(RuntimeError):
    """A lock was asked for outside a transaction, where it would protect nothing."""


def _require_transaction(what):
    if not transaction.get_connection().in_atomic_block:
        raise LockOutsideTransactionError(
            f"Locking {what} outside a transaction protects nothing: "
            "call it inside transaction.atomic()."
        )


def lock_workshop(workshop_id) -> Workshop:
    """The workshop, locked until the end of the current transaction."""
    _require_transaction(f"workshop {workshop_id}")
    return (
        Workshop.objects.select_for_update(of=("self",))
        .select_related("place", "series")
        .get(pk=workshop_id)
    )


def lock_workshops(workshop_ids) -> list[Workshop]:
    """The workshops, locked one by one in the order of their pk (the one lock order: two
    requests locking overlapping sets cannot deadlock)."""
    return [lock_workshop(pk) for pk in sorted(set(workshop_ids))]


def lock_registration(registration_id) -> Registration:
    """The registration, locked after its workshop, with `workshop` the locked row."""
    workshop_id = Registration.objects.values_list("workshop_id", flat=True).get(pk=registration_id)
    workshop = lock_workshop(workshop_id)
    registration = Registration.objects.select_for_update().get(pk=registration_id)
    registration.workshop = workshop
    return registration


def lock_series(series_id) -> Series:
    """The series, locked before any of its workshops."""
    _require_transaction(f"series {series_id}")
    return Series.objects.select_for_update().get(pk=series_id)


def seat_is_free(workshop: Workshop) -> bool:
    """A seat can be taken now: one is free and nobody waits for it."""
    return workshop.confirmed_count < workshop.capacity and workshop.waiting_count == 0


def take_seat(workshop: Workshop, registration: Registration, now) -> bool:
    """Confirm `registration` if a seat is free and nobody waits, else put it in line.

    Returns whether it took the last seat: the workshop has just become full. (A promotion
    never does: people wait only while the workshop is full, so the seat it fills was freed or
    added in the same transaction.)"""
    took_last = False
    if seat_is_free(workshop):
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
        workshop.confirmed_count += 1
        took_last = workshop.is_full
    else:
        registration.status = RegistrationStatus.WAITING
        registration.waiting_since = now
        workshop.waiting_count += 1
    workshop.save(update_fields=["confirmed_count", "waiting_count"])
    return took_last


def release_seat(workshop: Workshop, registration: Registration):
    """Cancel `registration`, freeing its seat or its place in line (not handed on: `promote`
    does that)."""
    if registration.status == RegistrationStatus.CONFIRMED:
        workshop.confirmed_count -= 1
    elif registration.status == RegistrationStatus.WAITING:
        workshop.waiting_count -= 1
    workshop.save(update_fields=["confirmed_count", "waiting_count"])
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])


def promote(workshop: Workshop) -> list[Registration]:
    """Give the free seats to the first in line, in order, each told by mail."""
    free = workshop.capacity - workshop.confirmed_count
    if free <= 0 or workshop.waiting_count == 0 or workshop.status == Status.CANCELLED:
        return []
    now = timezone.now()
    promoted = list(workshop.registrations.waiting_line().select_for_update()[:free])
    for registration in promoted:
        registration.workshop = workshop
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at"])
        notifications.promoted(registration)
    workshop.confirmed_count += len(promoted)
    workshop.waiting_count -= len(promoted)
    workshop.save(update_fields=["confirmed_count", "waiting_count"])
    if promoted:
        log.info("workshop %s: promoted %s", workshop.pk, [r.pk for r in promoted])
    return promoted


def check_capacity(workshop: Workshop, capacity: int):
    if capacity < workshop.confirmed_count:
        raise DomainError(
            ngettext(
                "%(count)s person already has a confirmed seat: the workshop cannot have "
                "fewer seats. Cancel registrations first if you must.",
                "%(count)s people already have a confirmed seat: the workshop cannot have "
                "fewer seats. Cancel registrations first if you must.",
                workshop.confirmed_count,
            )
            % {"count": workshop.confirmed_count},
            code=WorkshopErrorCode.FEWER_SEATS_THAN_CONFIRMED,
            field="capacity",
        )


def waiting_position(registration: Registration) -> int | None:
    """Her rank in line (1 for the first), or None if she is not waiting. For many rows at
    once, `Registration.objects.with_waiting_position()` costs one query."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    return Registration.objects.ahead_of(registration).count() + 1


def first_in_line(workshop: Workshop) -> Registration | None:
    """Who gets the next free seat."""
    return workshop.registrations.waiting_line().first()
