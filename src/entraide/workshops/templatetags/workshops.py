"""Dates of workshops as people read them: in the workshop's time zone, which is named."""

import re
import zoneinfo
from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from entraide.core.local_time import zone_time
from entraide.workshops.models import Workshop

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


@register.filter
def card_time(workshop):
    """A card's date and duration, `<time datetime="…">{{ workshop|when }}</time> · {{
    workshop|duration }}`: the same text, formatted once per date and language rather than on
    every visit of a list that shows the same workshops again and again."""
    return _card_time(
        get_language(),
        timezone.get_current_timezone_name(),
        workshop.time_zone,
        workshop.starts_at,
        workshop.ends_at,
        workshop.planned_minutes,
    )


@lru_cache(maxsize=4096)
def _card_time(_language, _current_zone, time_zone, starts_at, ends_at, planned_minutes):
    dates = Workshop(
        time_zone=time_zone, starts_at=starts_at, ends_at=ends_at, planned_minutes=planned_minutes
    )
    if starts_at is None:
        return format_html("<time>{}</time> · {}", when(dates), duration(dates))
    moment = timezone.localtime(starts_at).isoformat()  # the `date:"c"` filter's
    return format_html('<time datetime="{}">{}</time> · {}', moment, when(dates), duration(dates))


@register.filter
def seats_badge(workshop):
    """The badge of a workshop's seats (cancelled, past, full, or the seats left): what
    `workshops/_seats.html` shows, written in Python because a list shows one per card."""
    if workshop.is_cancelled:
        return format_html('<span class="badge danger">{}</span>', _("Cancelled"))
    if workshop.is_past:
        return format_html('<span class="badge">{}</span>', _("Already past"))
    if workshop.is_full:
        return format_html('<span class="badge full">{}</span>', _("Full — waiting list"))
    left = workshop.seats_left
    # As {% blocktranslate count %} writes it: the number escaped, not the sentence.
    number = formats.localize(left) if settings.USE_THOUSAND_SEPARATOR else str(left)
    text = ngettext("%(counter)s seat left", "%(counter)s seats left", left) % {
        "counter": escape(number)
    }
    return mark_safe(f'<span class="badge open">{text}</span>')  # noqa: S308 (escaped above)


_SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")
_PLACEHOLDER = "0-slug-0"


def _url_maker(name):
    """A slug's address for a whole list: `reverse` once, with a placeholder, then the slug put
    in its place (a slug, as the form checks it, needs no quoting); `reverse` for any other."""
    prefix, _sep, suffix = reverse(name, args=[_PLACEHOLDER]).partition(_PLACEHOLDER)

    def url(slug):
        if _SLUG.match(slug):
            return f"{prefix}{slug}{suffix}"
        return reverse(name, args=[slug])

    return url


@register.simple_tag
def workshop_cards(workshops, past):
    """The cards of a list of workshops, `<li class="card">…</li>` each: the HTML the template
    wrote for each card, written in Python because a list page shows twenty of them and the
    template engine spent most of the page's time on them."""
    detail_url, series_url = _url_maker("workshops:detail"), _url_maker("workshops:series")
    and_online, online = escape(_("and online")), escape(_("Online"))
    cards = []
    for workshop in workshops:
        place = workshop.place
        if workshop.has_venue:
            where = f"{escape(place.name)}, {escape(place.city)}"
            if workshop.is_online:
                where = f"{where} · {and_online}"
        else:
            where = f"{online} · {escape(place.name)}"
        card = (
            f'\n<li class="card">\n<h2><a href="{escape(detail_url(workshop.slug))}">'
            f"{escape(workshop.title)}</a></h2>\n<p>{card_time(workshop)}</p>\n<p>{where}</p>\n"
        )
        if workshop.series:
            series = workshop.series
            # As {% blocktranslate with … %} writes it: each value escaped, not the sentence.
            text = _('Workshop %(n)s of the series <a href="%(url)s">%(title)s</a>') % {
                "n": escape(formats.localize(workshop.position)),
                "url": escape(series_url(series.slug)),
                "title": escape(series.title),
            }
            card = f"{card}<p>{text}</p>"
        card = f"{card}\n"
        if not past:
            card = f"{card}<p>{seats_badge(workshop)}</p>"
        cards.append(f"{card}\n</li>\n")
    if not cards:
        nothing = escape(_("No workshop matches these filters."))
        cards.append(f"\n<li>{nothing}</li>\n")
    return mark_safe("".join(cards))  # noqa: S308 (every value escaped above)
