"""Moments as people read them: in a named local time zone (the site's, or a workshop's)."""

import zoneinfo

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The zones of the regions of France, overseas included, as a sentence names them.
ZONE_TIMES = {
    "Europe/Paris": gettext_lazy("Paris time"),
    "America/Guadeloupe": gettext_lazy("Guadeloupe time"),
    "America/Martinique": gettext_lazy("Martinique time"),
    "America/Cayenne": gettext_lazy("French Guiana time"),
    "Indian/Reunion": gettext_lazy("Réunion time"),
    "Indian/Mayotte": gettext_lazy("Mayotte time"),
}


def zone_time(zone_name: str) -> str:
    """ "heure de Paris", "heure de La Réunion"; other zones by their name."""
    known = ZONE_TIMES.get(zone_name)
    return str(known) if known is not None else _("%(zone)s time") % {"zone": zone_name}


def local_datetime(moment, zone_name: str | None = None) -> str:
    """ "jeu 26 novembre 2026, 14:05" in `zone_name` (the site's zone by default), the zone
    named in brackets when it is not the site's."""
    zone_name = zone_name or settings.TIME_ZONE
    local = moment.astimezone(zoneinfo.ZoneInfo(zone_name))
    text = formats.date_format(local, "D j F Y, H:i")
    if zone_name != settings.TIME_ZONE:
        text = f"{text} ({zone_time(zone_name)})"
    return text


def local_range(start, end, zone_name: str | None = None) -> str:
    """ "mar 6 mai 2031, 11:00–12:30" in `zone_name`, named when it is not the site's."""
    zone_name = zone_name or settings.TIME_ZONE
    zone = zoneinfo.ZoneInfo(zone_name)
    start, end = start.astimezone(zone), end.astimezone(zone)
    text = f"{formats.date_format(start, 'D j F Y, H:i')}–{formats.time_format(end, 'H:i')}"
    if end.date() != start.date():
        text = (
            f"{formats.date_format(start, 'D j F Y, H:i')} – {formats.date_format(end, 'j F, H:i')}"
        )
    if zone_name != settings.TIME_ZONE:
        text = f"{text} ({zone_time(zone_name)})"
    return text


def spreadsheet_datetime(moment, zone_name: str | None = None) -> str:
    """ "26/11/2026 14:05" in `zone_name`, which a French spreadsheet reads as a date; the
    column's header names the zone."""
    if moment is None:
        return ""
    local = moment.astimezone(zoneinfo.ZoneInfo(zone_name or settings.TIME_ZONE))
    return local.strftime("%d/%m/%Y %H:%M")
