"""Slots as people read them: in the poll's time zone, which is named."""

import zoneinfo

from django import template
from django.utils import formats

register = template.Library()


def slot_label(slot, zone_name) -> str:
    zone = zoneinfo.ZoneInfo(zone_name)
    start, end = slot.starts_at.astimezone(zone), slot.ends_at.astimezone(zone)
    day = formats.date_format(start, "l j F Y")
    return f"{day}, {start:%H:%M}–{end:%H:%M} {start.strftime('%Z')}"


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
