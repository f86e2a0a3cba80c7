"""Dates of workshops as people read them: in the workshop's time zone, which is named."""

import zoneinfo

from django import template
from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

from entraide.core.local_time import zone_time

register = template.Library()


def _local(workshop, moment):
    return moment.astimezone(zoneinfo.ZoneInfo(workshop.time_zone))


def _zone(workshop):
    """ " (heure de La Réunion)" when the workshop is not in the site's zone; nothing else."""
    if workshop.time_zone == settings.TIME_ZONE:
        return ""
    return f" ({zone_time(workshop.time_zone)})"


@register.filter
def when(workshop):
    """ "mardi 2 mai 2026, 11:00–12:30", the zone named only when it is not the site's
    ("… (heure de La Réunion)"), or "Date to be decided"."""
    if workshop.starts_at is None:
        return _("Date to be decided")
    start, end = _local(workshop, workshop.starts_at), _local(workshop, workshop.ends_at)
    day = formats.date_format(start, "l j F Y")
    hours = f"{formats.time_format(start, 'H:i')}–{formats.time_format(end, 'H:i')}"
    if end.date() != start.date():
        hours = f"{formats.time_format(start, 'H:i')} – {formats.date_format(end, 'j F, H:i')}"
    return f"{day}, {hours}{_zone(workshop)}"


@register.filter
def short_when(workshop):
    """ "mar 2 mai 2026, 11:00", for lists; the zone named only when it is not the site's."""
    if workshop.starts_at is None:
        return _("Date to be decided")
    start = _local(workshop, workshop.starts_at)
    return f"{formats.date_format(start, 'D j F Y, H:i')}{_zone(workshop)}"


@register.filter
def long_when(workshop):
    """ "mardi 2 mai 2026, 11:00", for a card whose end time would be too much."""
    if workshop.starts_at is None:
        return _("Date to be decided")
    start = _local(workshop, workshop.starts_at)
    return f"{formats.date_format(start, 'l j F Y, H:i')}{_zone(workshop)}"


@register.filter
def duration(workshop):
    minutes = int(workshop.duration.total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} h {rest:02d}"
    return f"{hours} h" if hours else f"{rest} min"
