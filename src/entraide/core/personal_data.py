"""Rows of "My data", for a machine and for a person at once.

A section's `collect` returns rows. A `Row` is the dict that the JSON export holds (stable
English keys, ISO 8601 datetimes) and also carries what the page shows: a heading and
(label, text) pairs, translated, with datetimes in local time. Plain dicts are shown as they are.
"""

from datetime import datetime

from django.conf import settings
from django.utils.translation import gettext as _

from entraide.core.local_time import local_datetime


def readable(value, zone_name=None) -> str:
    """A value as a person reads it: "Oui", "mar. 1 décembre 2026, 11:00", "—"."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return local_datetime(value, zone_name)
    return str(value)


def language_name(code) -> str:
    """ "Français" for "fr"."""
    return str(dict(settings.LANGUAGES).get(code, code))


def _plain(value) -> str:
    """A value of a plain row, an ISO 8601 datetime shown in local time."""
    if isinstance(value, str) and len(value) >= 19 and value[4:5] == "-" and value[10:11] == "T":
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if moment.tzinfo is not None:
                return local_datetime(moment)
    return readable(value)


class Row(dict):
    """One record: `row["key"]` for the export, `row.heading` and `row.shown` for the page.
    Datetimes are shown in `zone_name` (the site's zone by default)."""

    def __init__(self, zone_name=None):
        super().__init__()
        self.zone_name = zone_name
        self.heading = None
        self.shown = []

    def add(self, key, label, value, text=None, *, heading=False, optional=False) -> "Row":
        """Export `value` under `key`; show it as `text` (by default, `value` made readable)
        beside `label`, or as the row's heading. A `label` of None keeps it off the page, and
        so does `optional` while the value is empty (a date that has not come)."""
        self[key] = value.isoformat() if isinstance(value, datetime) else value
        shown = readable(value, self.zone_name) if text is None else text
        if heading:
            self.heading = shown
        elif label is not None and not (optional and value in (None, "")):
            self.shown.append((label, shown))
        return self

    def show(self, label, text) -> "Row":
        """A line of the page that the export holds otherwise (in a nested list, say)."""
        self.shown.append((label, text))
        return self


def shown_rows(rows) -> list[dict]:
    """What the page shows of a section's rows: [{"heading": …, "facts": [(label, text)]}]."""
    shown = []
    for row in rows:
        if isinstance(row, Row):
            shown.append({"heading": row.heading, "facts": row.shown})
        else:
            facts = [(key.replace("_", " ").capitalize(), _plain(v)) for key, v in row.items()]
            shown.append({"heading": None, "facts": facts})
    return shown
