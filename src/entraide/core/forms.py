"""What forms of every capability share."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from entraide.core.local_time import ZONE_TIMES

# The zones of the regions of France, overseas included.
# Offered by name ("Heure de La Réunion"), as the dates name them; never by code.
TIME_ZONES = [(zone, lazy(capfirst, str)(label)) for zone, label in ZONE_TIMES.items()]

# Every character Python's str.splitlines() breaks a line at: CR, LF, vertical tab, form feed,
# the file/group/record separators, NEL, and the Unicode line and paragraph separators.
LINE_BREAK = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def validate_single_line(value):
    """A title or a subject ends up in mail headers (Subject), where a line break would
    break every mail, or inject headers."""
    if isinstance(value, str) and LINE_BREAK.search(value):
        raise ValidationError(
            _("Write it on one line: line breaks are not accepted here."), code="line_break"
        )


class SingleLineFieldsMixin:
    """Refuse line breaks in the form's `single_line_fields`, beside the field."""

    single_line_fields: tuple[str, ...] = ("title",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.single_line_fields:
            if name in self.fields:
                self.fields[name].validators.append(validate_single_line)


class TimeZoneField(forms.ChoiceField):
    """The time zone a workshop or a poll is given in, chosen among TIME_ZONES by name."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Time zone"))
        kwargs.setdefault("choices", TIME_ZONES)
        kwargs.setdefault("initial", "Europe/Paris")
        super().__init__(**kwargs)


# The browser's own pickers: each value is written in the format the input type expects
# (https://html.spec.whatwg.org/multipage/input.html), whatever the active language's formats.


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        super().__init__(attrs, format)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None, format="%H:%M"):
        super().__init__(attrs, format)


class LocalDateTimeInput(forms.DateTimeInput):
    """A date and a time without a zone (a "datetime-local" input): the field reads it in the
    active time zone."""

    input_type = "datetime-local"

    def __init__(self, attrs=None, format="%Y-%m-%dT%H:%M"):
        super().__init__(attrs, format)


class PrerenderedSelect(forms.Select):
    """A <select> whose options are written once per language and set of choices, then reused
    on every page: the same HTML as Django's `select.html` template, without rendering one
    template per option on each request (the filters of a list page have dozens).

    Plain choices only (no groups), one value selected."""

    _options: dict = {}  # (language, values) → [(value, "<option value=…", ">label</option>")]

    def _prerendered(self):
        key = (get_language(), tuple(str(value) for value, _label in self.choices))
        options = self._options.get(key)
        if options is None:
            options = []
            for value, label in self.choices:
                if isinstance(label, (list, tuple)):
                    raise TypeError("PrerenderedSelect does not take groups of choices.")
                value = "" if value is None else str(value)
                start = format_html('\n  <option value="{}"', value)
                options.append((value, start, format_html(">{}</option>\n", label)))
            self._options[key] = options
        return options

    def render(self, name, value, attrs=None, renderer=None):
        selected = self.format_value(value)[:1]
        attributes = _attributes(self.build_attrs(self.attrs, attrs))
        html = [format_html('<select name="{}"', name), attributes, ">"]
        for option_value, start, end in self._prerendered():
            html += [start, " selected" if option_value in selected else "", end]
            if option_value in selected:
                selected = []  # the first match only, as Django's Select
        html.append("\n</select>")
        return mark_safe("".join(html))  # noqa: S308 (each piece comes from format_html)


def _attributes(attrs):
    """Attributes as Django's `attrs.html` writes them: False left out, True bare."""
    return "".join(
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
        for name, value in attrs.items()
        if value is not False
    )
