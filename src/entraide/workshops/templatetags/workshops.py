"""Dates of workshops as people read them: in the workshop's time zone, which is named."""

import zoneinfo

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

register = template.Library()


def _local(workshop, moment):
    return moment.astimezone(zoneinfo.ZoneInfo(workshop.time_zone))


@register.filter
def when(workshop):
    """ "mardi 2 mai 2026, 11:00–12:30 CEST", or "Date to be decided"."""
    if workshop.starts_at is None:
        return _("Date to be decided")
    start, end = _local(workshop, workshop.starts_at), _local(workshop, workshop.ends_at)
    day = formats.date_format(start, "l j F Y")
    hours = f"{formats.time_format(start, 'H:i')}–{formats.time_format(end, 'H:i')}"
    if end.date() != start.date():
        hours = f"{formats.time_format(start, 'H:i')} – {formats.date_format(end, 'j F, H:i')}"
    return f"{day}, {hours} {start.strftime('%Z')}"


@register.filter
def short_when(workshop):
    """ "2 mai 2026, 11:00 CEST", for lists."""
    if workshop.starts_at is None:
        return _("Date to be decided")
    start = _local(workshop, workshop.starts_at)
    return f"{formats.date_format(start, 'D j F Y, H:i')} {start.strftime('%Z')}"


@register.filter
def duration(workshop):
    minutes = int(workshop.duration.total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} h {rest:02d}"
    return f"{hours} h" if hours else f"{rest} min"
