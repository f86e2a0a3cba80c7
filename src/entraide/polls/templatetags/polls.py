"""Slots as people read them: in the poll's time zone, named when it is not the site's."""

import zoneinfo

from django import template
from django.conf import settings
from django.utils import formats

from entraide.core.local_time import zone_time

register = template.Library()


def slot_label(slot, zone_name) -> str:
    zone = zoneinfo.ZoneInfo(zone_name)
    start, end = slot.starts_at.astimezone(zone), slot.ends_at.astimezone(zone)
    day = formats.date_format(start, "l j F Y")
    text = f"{day}, {start:%H:%M}–{end:%H:%M}"
    if zone_name != settings.TIME_ZONE:
        text = f"{text} ({zone_time(zone_name)})"
    return text


def slot_short(slot, zone_name) -> str:
    zone = zoneinfo.ZoneInfo(zone_name)
    start, end = slot.starts_at.astimezone(zone), slot.ends_at.astimezone(zone)
    return f"{formats.date_format(start, 'D j M')} {start:%H:%M}–{end:%H:%M}"


@register.simple_tag
def slot_when(slot, poll):
    return slot_label(slot, poll.time_zone)


@register.simple_tag
def slot_brief(slot, poll):
    return slot_short(slot, poll.time_zone)


def named_zone(zone_name) -> str:
    """ "heure de La Réunion" when the zone is not the site's; "" otherwise."""
    if not zone_name or zone_name == settings.TIME_ZONE:
        return ""
    return zone_time(zone_name)


@register.simple_tag
def poll_zone(poll):
    return named_zone(poll.time_zone)
