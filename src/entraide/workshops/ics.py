"""iCalendar files and feeds, generated with the icalendar library.

Public calendars carry the place's city only; the exact address and the video link go only
into the file a confirmed participant receives."""

from datetime import UTC, datetime

import icalendar
from django.conf import settings
from django.utils.translation import gettext as _

from entraide.workshops.models import Status, Workshop

PRODID = "-//Entraide//Ateliers//FR"


def _host():
    return settings.ENTRAIDE_SITE_URL.split("://", 1)[-1]


def workshop_event(workshop: Workshop, *, private=False) -> icalendar.Event | None:
    """The VEVENT of a workshop; None while its date is to be decided."""
    if workshop.starts_at is None:
        return None
    event = icalendar.Event()
    event.add("uid", f"atelier-{workshop.pk}@{_host()}")
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", workshop.starts_at.astimezone(UTC))
    event.add("dtend", workshop.ends_at.astimezone(UTC))
    event.add("sequence", workshop.sequence)
    event.add("summary", workshop.title)
    event.add("url", settings.ENTRAIDE_SITE_URL + workshop.get_absolute_url())
    event.add("status", "CANCELLED" if workshop.status == Status.CANCELLED else "CONFIRMED")
    description = [workshop.summary]
    location = f"{workshop.place.name}, {workshop.place.city}"
    if private and workshop.address:
        location = f"{workshop.place.name}, {workshop.address}"
    if private and workshop.video_url:
        description.append(workshop.video_url)
        event.add("conference", workshop.video_url, parameters={"VALUE": "URI"})
    if not workshop.has_venue:
        location = workshop.video_url if private and workshop.video_url else str(_("Online"))
    event.add("description", "\n\n".join(part for part in description if part))
    event.add("location", location)
    return event


def calendar_of(workshops, *, name, private=False) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for workshop in workshops:
        event = workshop_event(workshop, private=private)
        if event is not None:
            calendar.add_component(event)
    return calendar.to_ical()


def attachment_for(workshop: Workshop) -> tuple[str, bytes, str]:
    """A confirmed participant's calendar file, as an email attachment."""
    return (
        f"{workshop.slug}.ics",
        calendar_of([workshop], name=workshop.title, private=True),
        "text/calendar; charset=utf-8",
    )
