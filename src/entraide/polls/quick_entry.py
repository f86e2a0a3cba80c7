"""Quick entry of slots: dates and time ranges written as people write them ("mardi
8 décembre", "8 déc.", "08/12", "2026-12-08"…), one per line, then every date × every range.

Errors name the line and say what is wrong with it; only the first few are listed, and a value
is quoted at most 40 characters long, so a pasted novel gets a short answer."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from entraide.core.errors import DomainError
from entraide.polls.errors import PollErrorCode

MAX_ERRORS = 10
MAX_YEARS_AHEAD = 5

# Names are compared without accents, case or final dot; any unambiguous beginning of at least
# three letters will do ("déc", "dec.", "sept", "juil"), in French or in English.
MONTHS = [
    ("janvier", "january"), ("fevrier", "february"), ("mars", "march"), ("avril", "april"),
    ("mai", "may"), ("juin", "june"), ("juillet", "july"), ("aout", "august"),
    ("septembre", "september"), ("octobre", "october"), ("novembre", "november"),
    ("decembre", "december"),
]  # fmt: skip
WEEKDAYS = [
    ("lundi", "monday"), ("mardi", "tuesday"), ("mercredi", "wednesday"), ("jeudi", "thursday"),
    ("vendredi", "friday"), ("samedi", "saturday"), ("dimanche", "sunday"),
]  # fmt: skip

NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}|\d{2}))?")
ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
# [le] [weekday] [le] day[er] month [year]   or   [weekday] month day[st] [year]
DAY_MONTH = re.compile(
    r"(?:le )?(?:(?P<weekday>[a-z]+) )?(?:le )?(?P<day>\d{1,2})(?:er|st|nd|rd|th)? "
    r"(?P<month>[a-z]+)(?: (?P<year>\d{4}))?"
)
MONTH_DAY = re.compile(
    r"(?:(?P<weekday>[a-z]+) )?(?P<month>[a-z]+) (?P<day>\d{1,2})(?:st|nd|rd|th)?"
    r"(?: (?P<year>\d{4}))?"
)
ABBREVIATION_DOT = re.compile(r"(?<=[a-z])\.")
# Entries of one line: "8/12; 10/12" or "8/12, 10/12", but "December 8, 2026" is one date.
DAYS_SEPARATOR = re.compile(r";|,(?!\s*\d{4}\b)")
RANGES_SEPARATOR = re.compile(r"[;,]")
RANGE = re.compile(r"(\d{1,2})[:hH](\d{2})?\s*(?:-|–|—|à|a)\s*(\d{1,2})[:hH](\d{2})?")


class NotADateError(ValueError):
    """A line that is not a date (or not a range)."""


class LineError(DomainError):
    """A line read, but refused for a reason of its own (the message, and its code)."""


def _plain(text: str) -> str:
    """Lower case, without accents, commas or abbreviation dots, single spaces."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(ABBREVIATION_DOT.sub(" ", text).replace(",", " ").split())


def _lookup(word: str, names) -> int | None:
    """The index of the one entry of `names` that `word` begins, or None."""
    if len(word) < 3:
        return None
    found = {i for i, entry in enumerate(names) for name in entry if name.startswith(word)}
    return found.pop() if len(found) == 1 else None


def _lines(text: str, separators):
    """(line number, entry) for each non-empty entry; a line may hold several."""
    for number, line in enumerate(text.splitlines(), start=1):
        for entry in separators.split(line):
            if entry.strip():
                yield number, entry.strip()


def _quoted(value: str) -> str:
    return value if len(value) <= 40 else value[:40] + "…"


def _raise_all(errors: list[ValidationError]):
    if errors:
        shown = errors[:MAX_ERRORS]
        if len(errors) > MAX_ERRORS:
            more = len(errors) - MAX_ERRORS
            message = ngettext(
                "… and %(count)s other line to correct.",
                "… and %(count)s other lines to correct.",
                more,
            ) % {"count": more}
            shown.append(ValidationError(message, code=PollErrorCode.MORE_LINES_TO_CORRECT))
        raise ValidationError(shown)


def _in_year(year, month, day) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _resolve(value, today, day, month, year=None, weekday=None) -> date:
    """The date meant; without a year, the next one from today on (29 February included)."""
    if not 1 <= month <= 12:
        raise LineError(
            _("“%(value)s” does not exist.") % {"value": _quoted(value)},
            code=PollErrorCode.DAY_DOES_NOT_EXIST,
        )
    if year is not None:
        found = _in_year(year, month, day)
    else:
        candidates = (_in_year(today.year + n, month, day) for n in range(9))
        found = next((d for d in candidates if d is not None and d >= today), None)
    if found is None:
        raise LineError(
            _("“%(value)s” does not exist.") % {"value": _quoted(value)},
            code=PollErrorCode.DAY_DOES_NOT_EXIST,
        )
    if found < today:
        raise LineError(
            _("“%(value)s” is in the past.") % {"value": _quoted(value)},
            code=PollErrorCode.DAY_IN_PAST,
        )
    if found > _in_year(today.year + MAX_YEARS_AHEAD, today.month, min(today.day, 28)):
        raise LineError(
            _("“%(value)s” is more than %(years)s years away.")
            % {"value": _quoted(value), "years": MAX_YEARS_AHEAD},
            code=PollErrorCode.DAY_TOO_FAR,
        )
    if weekday is not None and found.weekday() != weekday:
        raise LineError(
            _("%(date)s is a %(weekday)s, not a %(given)s.")
            % {
                "date": formats.date_format(found, "j F Y"),
                "weekday": formats.date_format(found, "l"),
                "given": formats.date_format(date(2024, 1, 1 + weekday), "l"),  # a Monday
            },
            code=PollErrorCode.WRONG_WEEKDAY,
        )
    return found


def parse_day(value: str, today: date) -> date:
    plain = _plain(value)
    if match := ISO.fullmatch(plain):
        year, month, day = map(int, match.groups())
        return _resolve(value, today, day, month, year)
    if match := NUMERIC.fullmatch(plain):
        day, month, year = match.groups()
        year = None if year is None else int(year) + (2000 if len(year) == 2 else 0)
        return _resolve(value, today, int(day), int(month), year)
    for pattern in (DAY_MONTH, MONTH_DAY):
        if match := pattern.fullmatch(plain):
            month = _lookup(match["month"], MONTHS)
            weekday = match["weekday"] and _lookup(match["weekday"], WEEKDAYS)
            if month is None or (weekday is None and match["weekday"] not in (None, "le")):
                continue
            year = int(match["year"]) if match["year"] else None
            return _resolve(value, today, int(match["day"]), month + 1, year, weekday)
    raise NotADateError


def parse_days(text: str, today: date) -> list[date]:
    """Every date of the text, in order, without repeats; ValidationError lists the bad lines."""
    days, errors = [], []
    for number, entry in _lines(text, DAYS_SEPARATOR):
        try:
            day = parse_day(entry, today)
        except NotADateError:
            message = _(
                "“%(value)s” is not a date: write it as Tuesday 8 December, 08/12 or 2026-12-08."
            ) % {"value": _quoted(entry)}
            errors.append(_line_error(number, message, PollErrorCode.NOT_A_DATE))
        except LineError as error:
            errors.append(_line_error(number, error.message, error.code))
        else:
            if day not in days:
                days.append(day)
    _raise_all(errors)
    return sorted(days)


def _line_error(number, message, code) -> ValidationError:
    return ValidationError(
        _("Line %(number)s: %(message)s") % {"number": number, "message": message}, code=code
    )


def parse_ranges(text: str) -> list[tuple[time, time]]:
    ranges, errors = [], []
    for number, entry in _lines(text, RANGES_SEPARATOR):
        match = RANGE.fullmatch(entry)
        try:
            if not match:
                raise ValueError
            h1, m1, h2, m2 = match.groups()
            found = (time(int(h1), int(m1 or 0)), time(int(h2), int(m2 or 0)))
        except ValueError:
            message = _("“%(value)s” is not a time range: write it as 11:00-12:30.") % {
                "value": _quoted(entry)
            }
            errors.append(_line_error(number, message, PollErrorCode.NOT_A_TIME_RANGE))
            continue
        if found not in ranges:
            ranges.append(found)
    _raise_all(errors)
    return ranges


@dataclass(frozen=True)
class Combination:
    """One date × one time range, in the poll's time zone; `key` is what its box sends."""

    day: date
    start: time
    end: time
    zone: object

    @property
    def key(self) -> str:
        return f"{self.day:%Y-%m-%d}T{self.start:%H:%M}/{self.end:%H:%M}"

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.day, self.start, tzinfo=self.zone)

    @property
    def ends_at(self) -> datetime:
        return datetime.combine(self.day, self.end, tzinfo=self.zone)

    @property
    def times(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"


def combinations(days, ranges, zone) -> list[Combination]:
    return [Combination(day, start, end, zone) for day in days for start, end in sorted(ranges)]
