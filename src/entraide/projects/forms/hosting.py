"""The form of "Accueillir cet atelier dans mon lieu": the place, what the draft workshops start
with (prefilled from the project, editable), and the candidate slots of an availability poll."""

import zoneinfo
from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.core.forms import DateInput, SingleLineFieldsMixin, TimeInput, TimeZoneField
from entraide.projects.models import TITLE_MAX
from entraide.projects.services.hosting import (
    CAPACITY_RANGE,
    MINUTES_RANGE,
    SESSIONS_RANGE,
    slots_of,
)

SLOT_ROWS = 4  # candidate slots offered at once; more can be added on the poll's page

SLOT_IN_PAST = "slot_in_past"  # the polls app's code for the same rule
NO_SLOT = "no_slot"


class HostForm(SingleLineFieldsMixin, forms.Form):
    place = forms.ModelChoiceField(
        label=_("Your place"), queryset=None, empty_label=None, widget=forms.RadioSelect
    )
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    minutes = forms.IntegerField(
        label=_("Length of a workshop (minutes)"),
        min_value=MINUTES_RANGE[0],
        max_value=MINUTES_RANGE[1],
    )
    capacity = forms.IntegerField(
        label=_("Seats per workshop"), min_value=CAPACITY_RANGE[0], max_value=CAPACITY_RANGE[1]
    )
    sessions = forms.IntegerField(
        label=_("Number of workshops"),
        min_value=SESSIONS_RANGE[0],
        max_value=SESSIONS_RANGE[1],
        help_text=_("More than one: a series of workshops meant to be followed together."),
    )
    open_poll = forms.BooleanField(label=_("Open an availability poll"), required=False)
    time_zone = TimeZoneField()

    def __init__(self, *args, places, project, with_poll=True, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "title": project.title,
                "minutes": project.workshop_minutes,
                "capacity": project.workshop_capacity,
                "sessions": project.workshop_sessions,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places
        if not self.is_bound:  # the only place one runs is chosen already
            only = list(places.values_list("pk", flat=True)[:2])
            if len(only) == 1:
                self.initial["place"] = only[0]
        self.with_poll = with_poll
        if with_poll:
            for number in range(1, SLOT_ROWS + 1):
                self.fields[f"slot_{number}_date"] = forms.DateField(
                    label=_("Date %(number)s") % {"number": number},
                    required=False,
                    widget=DateInput,
                )
                self.fields[f"slot_{number}_time"] = forms.TimeField(
                    label=_("Start time %(number)s") % {"number": number},
                    required=False,
                    widget=TimeInput,
                )
        else:
            del self.fields["open_poll"]
            del self.fields["time_zone"]

    def slot_rows(self):
        """The bound fields of each candidate slot: (date, time)."""
        return [
            (self[f"slot_{number}_date"], self[f"slot_{number}_time"])
            for number in range(1, SLOT_ROWS + 1)
        ]

    def clean(self):
        data = super().clean()
        self.slots = []
        if not self.with_poll or not data.get("open_poll"):
            return data
        zone = zoneinfo.ZoneInfo(data.get("time_zone") or "Europe/Paris")
        starts = []
        for number in range(1, SLOT_ROWS + 1):
            day, time = data.get(f"slot_{number}_date"), data.get(f"slot_{number}_time")
            if day is None and time is None:
                continue
            if day is None or time is None:
                self.add_error(
                    f"slot_{number}_date" if day is None else f"slot_{number}_time",
                    forms.ValidationError(
                        _("Give both the date and the start time of this slot."),
                        code="incomplete_slot",
                    ),
                )
                continue
            start = datetime.combine(day, time, tzinfo=zone)
            if start <= timezone.now():
                self.add_error(
                    f"slot_{number}_date",
                    forms.ValidationError(_("A slot cannot be in the past."), code=SLOT_IN_PAST),
                )
                continue
            starts.append(start)
        if not starts and not self.errors:
            self.add_error(
                "slot_1_date",
                forms.ValidationError(
                    _("Propose at least one slot, or untick the poll."), code=NO_SLOT
                ),
            )
        if data.get("minutes"):
            self.slots = slots_of(starts, data["minutes"])
        return data
