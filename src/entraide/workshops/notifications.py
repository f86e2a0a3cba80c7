"""The mails of workshops. Each is queued through Django's mail API and leaves after commit;
a confirmed participant's mails carry the calendar file with the address and video link.
Replies to a participant's mail go to the place's contact address, when it has one."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from entraide.core.mail import send_templated_mail
from entraide.places.notifications import mail_organisers, reply_to
from entraide.workshops.ics import attachment_for

T = "workshops/email/"


def _link(registration):
    return settings.ENTRAIDE_SITE_URL + registration.private_url()


def _send(template, registration, *, with_calendar=False, **context):
    workshop = registration.workshop
    with translation.override(registration.language or settings.LANGUAGE_CODE):
        _render_and_send(template, registration, workshop, with_calendar, context)


def _render_and_send(template, registration, workshop, with_calendar, context):
    send_templated_mail(
        T + template,
        {
            "registration": registration,
            "workshop": workshop,
            "link": _link(registration),
            "workshop_url": settings.ENTRAIDE_SITE_URL + workshop.get_absolute_url(),
            **context,
        },
        to=[registration.email],
        attachments=[attachment_for(workshop)] if with_calendar and workshop.starts_at else [],
        reply_to=reply_to(workshop.place),
    )


def request_received(registrations, *, email):
    """To someone without an account: confirm these requests, or here is your registration."""
    first = registrations[0]
    send_templated_mail(
        T + "request",
        {
            "registrations": registrations,
            "pending": [r for r in registrations if r.is_pending],
            "link": _link(first),
            "hours": settings.ENTRAIDE_CONFIRMATION_HOURS,
        },
        to=[email],
        reply_to=reply_to(first.workshop.place),
    )


def registered(registration, position):
    _send("registered", registration, with_calendar=registration.is_confirmed, position=position)


def promoted(registration):
    _send("promoted", registration, with_calendar=True)


def cancelled(registration, *, by_organisers=False):
    _send("cancelled", registration, by_organisers=by_organisers)


def workshop_cancelled(registration, message):
    _send(
        "workshop_cancelled",
        registration,
        with_calendar=registration.is_confirmed,
        message=message,
    )


def workshop_changed(registration):
    _send("workshop_changed", registration, with_calendar=registration.is_confirmed)


def reminder(registration):
    _send("reminder", registration, with_calendar=True)


def organiser_message(registration, *, subject, body):
    _send("organiser_message", registration, subject=subject, body=body)


def workshop_full(workshop):
    """To the place's organisers, each in their language: the last seat has just been taken."""
    site = settings.ENTRAIDE_SITE_URL
    mail_organisers(
        workshop.place,
        T + "full",
        {
            "workshop": workshop,
            "participants_url": site + reverse("workshops:participants", args=[workshop.slug]),
        },
    )
