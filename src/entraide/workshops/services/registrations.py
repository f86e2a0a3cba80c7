"""Every change to registrations: register, confirm, cancel, take back, change capacity. Each
public function is one transaction that first locks the workshops it touches, then applies the
seat rules (services.seats: the locks, their order, the seats and the line). Mails are written
to the outbox in the same transaction (core.mail)."""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from entraide.accounts.services import has_verified_email
from entraide.core.errors import DomainError
from entraide.core.tokens import new_keyed_link, token_digest
from entraide.workshops import notifications
from entraide.workshops.errors import WorkshopErrorCode
from entraide.workshops.models import (
    ACTIVE,
    LINK_PURPOSE,
    Registration,
    RegistrationStatus,
    Series,
    Workshop,
)
from entraide.workshops.services import seats

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What a registration request did. A view shows the same page to a visitor whatever it
    holds: only the person's mailbox learns the details."""

    created: list[Registration] = field(default_factory=list)
    existing: list[Registration] = field(default_factory=list)
    refused: list[tuple[Workshop, DomainError]] = field(default_factory=list)

    @property
    def registrations(self):
        return self.created + self.existing


def _supersede_unconfirmed_requests(workshop, *, email):
    """Requests made without an account under `email`, still unconfirmed, hold no seat: when
    the owner of that verified address registers, they give way, and their link stops
    reaching them (whoever made them never proved the address was theirs)."""
    superseded = Registration.objects.filter(
        workshop=workshop,
        email__iexact=email,
        user__isnull=True,
        status=RegistrationStatus.PENDING,
    )
    ids = list(superseded.values_list("pk", flat=True))
    if ids:
        superseded.delete()
        log.info("workshop %s: unconfirmed requests %s superseded", workshop.pk, ids)


def _active_registration(workshop, *, email, user):
    match = Q(email__iexact=email) if email else Q()
    if user is not None:
        match |= Q(user=user)
    return Registration.objects.filter(match, workshop=workshop, status__in=ACTIVE).first()


def open_sessions(series: Series) -> list[Workshop]:
    sessions = series.workshops.select_related("place", "series").order_by("position", "pk")
    return [w for w in sessions if w.closed_reason() is None]


def register(workshop: Workshop, *, name="", email="", needs="", by=None) -> Outcome:
    """Register for one workshop. Signed in (`by`): confirmed or waitlisted at once, and with a
    verified address, over anyone's unconfirmed request for that address. Otherwise a pending
    request, which holds no seat until confirmed by the emailed link."""
    outcome = _register([workshop], name=name, email=email, needs=needs, by=by)
    if outcome.refused:
        raise outcome.refused[0][1]
    return outcome


def register_with_proven_address(workshop: Workshop, *, name: str, email: str) -> Outcome:
    """Register someone without an account who has just proved `email` is theirs, by following
    a link mailed to it (a poll's "date fixed" mail): confirmed or waitlisted at once, as if
    signed in, with the private link to manage it sent to that address."""
    outcome = _register([workshop], name=name, email=email, needs="", by=None, proven=True)
    if outcome.refused:
        raise outcome.refused[0][1]
    return outcome


def register_series(series: Series, *, name="", email="", needs="", by=None) -> Outcome:
    """Register for every open session of a series in one step, each confirmed or
    waitlisted on its own."""
    sessions = open_sessions(series)
    if not sessions:
        raise DomainError(
            _("No session of this series is open for registration."),
            code=WorkshopErrorCode.NO_OPEN_SESSION,
        )
    return _register(sessions, name=name, email=email, needs=needs, by=by)


def _register(workshops, *, name, email, needs, by, proven=False) -> Outcome:
    if by is not None:
        email, name = by.email, name or by.public_name
    email = email.strip().lower()
    verified = proven or (by is not None and has_verified_email(by, email))
    seated = by is not None or proven  # else a request, until the mailed link is followed
    now = timezone.now()
    outcome = Outcome()
    became_full = []
    key, digest = new_keyed_link(LINK_PURPOSE)
    with transaction.atomic():
        for workshop in seats.lock_workshops(w.pk for w in workshops):
            # Refusals first: whether an address is registered must not change the answer.
            reason = workshop.closed_reason(now)
            if reason:
                outcome.refused.append((workshop, reason))
                continue
            if verified:
                _supersede_unconfirmed_requests(workshop, email=email)
            existing = _active_registration(workshop, email=email, user=by)
            if existing is not None:
                if by is not None and existing.user_id is None:
                    existing.user = by
                    existing.save(update_fields=["user"])
                outcome.existing.append(existing)
                continue
            registration = Registration(
                workshop=workshop,
                user=by,
                name=name.strip(),
                email=email,
                needs=needs.strip(),
                link_key=key,
                token_digest=digest,
                created_at=now,
                status=RegistrationStatus.PENDING,
                language=getattr(by, "language", "") or get_language() or settings.LANGUAGE_CODE,
            )
            if seated and seats.take_seat(workshop, registration, now):
                became_full.append(workshop)
            registration.save()
            outcome.created.append(registration)
        if not seated:
            _send_request_mail(outcome, email=email, now=now)
        else:
            for registration in outcome.created:
                notifications.registered(registration, seats.waiting_position(registration))
        for workshop in became_full:
            notifications.workshop_full(workshop)
    log.info(
        "registration request: created %s, existing %s, refused %s",
        [r.pk for r in outcome.created],
        [r.pk for r in outcome.existing],
        [w.pk for w, _reason in outcome.refused],
    )
    return outcome


def _send_request_mail(outcome: Outcome, *, email, now):
    """Without an account, everything goes by mail: the link to confirm new requests, or the
    link to an existing registration (renewed, so it reaches only the mailbox's owner)."""
    if not outcome.registrations:
        return
    pending = [r for r in outcome.existing if r.status == RegistrationStatus.PENDING]
    if outcome.existing:
        # One new link manages every registration reachable by the older links, plus the new.
        old = {r.token_digest for r in outcome.existing}
        if outcome.created:
            key, digest = outcome.created[0].link_key, outcome.created[0].token_digest
        else:
            key, digest = new_keyed_link(LINK_PURPOSE)
        Registration.objects.filter(token_digest__in=old).update(link_key=key, token_digest=digest)
        # A pending request asked again gets a fresh confirmation delay.
        Registration.objects.filter(pk__in=[r.pk for r in pending]).update(created_at=now)
        for registration in outcome.existing:
            registration.link_key, registration.token_digest = key, digest
    registrations = Registration.objects.filter(
        token_digest=outcome.registrations[0].token_digest
    ).select_related("workshop", "workshop__place")
    notifications.request_received(list(registrations), email=email)


def find_registrations(raw_token: str) -> list[Registration]:
    """The registrations a private link manages (empty for an unknown or tampered link), each
    with its `waiting_position`."""
    if not raw_token or len(raw_token) > 128:
        return []
    return list(
        Registration.objects.filter(token_digest=token_digest(raw_token))
        .exclude(token_digest="")
        .select_related("workshop", "workshop__place", "workshop__series")
        .with_waiting_position()
        .order_by("workshop__starts_at", "workshop__position", "pk")
    )


def confirmation_expired(registration: Registration, now=None) -> bool:
    now = now or timezone.now()
    limit = timedelta(hours=settings.ENTRAIDE_CONFIRMATION_HOURS)
    return registration.status == RegistrationStatus.PENDING and (
        registration.created_at < now - limit
    )


def confirm(raw_token: str) -> list[Registration]:
    """Confirm the email address of a request: each pending registration gets its seat or its
    place in line now. Confirming twice changes nothing."""
    now = timezone.now()
    digest = token_digest(raw_token)
    with transaction.atomic():
        pending = Registration.objects.filter(
            token_digest=digest, status=RegistrationStatus.PENDING
        ).exclude(token_digest="")
        workshop_ids = pending.values_list("workshop_id", flat=True)
        for workshop in seats.lock_workshops(workshop_ids):
            for registration in pending.filter(workshop=workshop).select_for_update():
                if confirmation_expired(registration, now):
                    raise DomainError(
                        _("This confirmation link has expired. Please register again."),
                        code=WorkshopErrorCode.CONFIRMATION_EXPIRED,
                    )
                registration.workshop = workshop
                if workshop.closed_reason(now):
                    registration.status = RegistrationStatus.CANCELLED
                    registration.cancelled_at = now
                    registration.save(update_fields=["status", "cancelled_at"])
                    continue
                took_last = seats.take_seat(workshop, registration, now)
                registration.save(update_fields=["status", "confirmed_at", "waiting_since"])
                notifications.registered(registration, seats.waiting_position(registration))
                if took_last:
                    notifications.workshop_full(workshop)
    return find_registrations(raw_token)


def _owned(token, user) -> Q:
    if token:
        return Q(token_digest=token_digest(token)) & ~Q(token_digest="")
    if user is not None and user.is_authenticated:
        return Q(user=user)
    return Q(pk__in=[])


def cancel(registration_id: int, *, token: str | None = None, user=None) -> Registration:
    """Cancel one's own registration, found through the private link or the account."""
    if not Registration.objects.filter(_owned(token, user), pk=registration_id).exists():
        raise DomainError(
            _("This registration cannot be found."), code=WorkshopErrorCode.REGISTRATION_NOT_FOUND
        )
    return cancel_own(registration_id)


def cancel_own(registration_id: int) -> Registration:
    """A participant cancels her registration (the caller checked it is hers). One already
    cancelled is refused, so that the `cancelled_at` returned is this cancellation's: the page
    keeps it to offer taking the seat back (undo_cancel)."""
    return _cancel(registration_id, by_organisers=False, again_ok=False)


def withdraw(registration_id: int, *, by_organisers=False) -> Registration:
    """Cancel a registration (checked by the caller); the freed seat goes to the first in
    line, who is told by mail. Withdrawing a cancelled registration changes nothing."""
    return _cancel(registration_id, by_organisers=by_organisers, again_ok=True)


def _cancel(registration_id, *, by_organisers, again_ok) -> Registration:
    with transaction.atomic():
        registration = seats.lock_registration(registration_id)
        workshop = registration.workshop
        if registration.status not in ACTIVE and again_ok:
            return registration
        check_cancellable(registration)
        seats.release_seat(workshop, registration)
        if registration.email:
            notifications.cancelled(registration, by_organisers=by_organisers)
        seats.promote(workshop)
    log.info("registration %s cancelled (by organisers: %s)", registration.pk, by_organisers)
    return registration


def check_cancellable(registration: Registration) -> None:
    """Raise the reason why `registration` cannot be cancelled, if there is one: the rule the
    cancellation applies, which the page asking for confirmation shows before it."""
    if registration.status not in ACTIVE:
        raise DomainError(
            _("This registration is already cancelled."),
            code=WorkshopErrorCode.ALREADY_CANCELLED,
        )
    if registration.workshop.is_past:
        raise DomainError(
            _("This workshop has already taken place."), code=WorkshopErrorCode.WORKSHOP_PAST
        )


def can_be_taken_back(registration: Registration) -> bool:
    """Whether cancelling it leaves something to take back: a seat or a place in line (a
    request never confirmed holds neither)."""
    return registration.confirmed_at is not None or registration.waiting_since is not None


def undo_deadline(cancelled_at):
    """Until when a cancellation may be taken back."""
    return cancelled_at + timedelta(minutes=settings.ENTRAIDE_UNDO_MINUTES)


def undo_cancel(registration_id: int, *, cancelled_at) -> Registration:
    """Take back one's own cancellation, made by mistake, within ENTRAIDE_UNDO_MINUTES (the
    caller checked the registration is the person's): the seat if it is still free (nobody
    was promoted into it, nobody registered), or the place in line at its old position.

    `cancelled_at` is the moment of that cancellation, which the page that made it kept
    (cancel_own): a later cancellation, by the organisers, does not match it, so only the
    person's own can be taken back. Mails a confirmation, as registering does; taking back
    twice changes nothing more."""
    now = timezone.now()
    with transaction.atomic():
        registration = seats.lock_registration(registration_id)
        workshop = registration.workshop
        if registration.status in ACTIVE:
            return registration
        if (
            cancelled_at is None
            or registration.cancelled_at != cancelled_at
            or now > undo_deadline(cancelled_at)
            or not can_be_taken_back(registration)
        ):
            raise DomainError(
                _("It is too late to take your place back: please register again."),
                code=WorkshopErrorCode.TOO_LATE_TO_TAKE_BACK,
            )
        reason = workshop.closed_reason(now)
        if reason:
            raise reason
        if _active_registration_of(registration) is not None:
            raise DomainError(
                _("You are already registered again for this workshop."),
                code=WorkshopErrorCode.REGISTERED_AGAIN,
            )
        seat_free = seats.seat_is_free(workshop)
        if registration.confirmed_at is not None:
            if not seat_free:
                raise DomainError(
                    _("Your seat has been taken by someone else: you can join the waiting list."),
                    code=WorkshopErrorCode.SEAT_TAKEN,
                )
            registration.status = RegistrationStatus.CONFIRMED
            workshop.confirmed_count += 1
        elif seat_free:  # she was waiting, and a seat has freed up since with nobody in line
            registration.status = RegistrationStatus.CONFIRMED
            registration.confirmed_at = now
            workshop.confirmed_count += 1
        else:  # back in line, at her old position
            registration.status = RegistrationStatus.WAITING
            workshop.waiting_count += 1
        workshop.save(update_fields=["confirmed_count", "waiting_count"])
        registration.cancelled_at = None
        registration.save(update_fields=["status", "confirmed_at", "cancelled_at"])
        notifications.registered(registration, seats.waiting_position(registration))
    log.info("registration %s taken back (%s)", registration.pk, registration.status)
    return registration


def _active_registration_of(registration):
    """Another active registration of the same person for the same workshop (she registered
    again after cancelling)."""
    match = Q(pk__in=[])
    if registration.email:
        match |= Q(email__iexact=registration.email)
    if registration.user_id is not None:
        match |= Q(user_id=registration.user_id)
    return (
        Registration.objects.filter(match, workshop_id=registration.workshop_id, status__in=ACTIVE)
        .exclude(pk=registration.pk)
        .first()
    )


def change_capacity(workshop: Workshop, capacity: int) -> list[Registration]:
    """Set the number of seats; more seats promote the first in line."""
    with transaction.atomic():
        locked = seats.lock_workshop(workshop.pk)
        seats.check_capacity(locked, capacity)
        locked.capacity = capacity
        locked.save(update_fields=["capacity"])
        return seats.promote(locked)
