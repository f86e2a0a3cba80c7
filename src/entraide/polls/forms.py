import re
import zoneinfo
from datetime import date, datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.core.forms import SingleLineFieldsMixin
from entraide.polls.models import MAX_SLOTS, Answer, Poll
from entraide.workshops.forms import TIME_ZONES

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y"]
RANGE = re.compile(r"^\s*(\d{1,2})[:hH](\d{2})?\s*[-–à]+\s*(\d{1,2})[:hH](\d{2})?\s*$")


def parse_days(text) -> list[date]:
    days = []
    for line in filter(None, (part.strip() for part in re.split(r"[\n,;]+", text))):
        for fmt in DATE_FORMATS:
            try:
                days.append(datetime.strptime(line, fmt).date())  # noqa: DTZ007 - a calendar day
                break
            except ValueError:
                continue
        else:
            raise forms.ValidationError(
                _("“%(value)s” is not a date: write it as 2026-12-08 or 08/12/2026."),
                params={"value": line[:40]},
            )
    return days


def parse_ranges(text) -> list[tuple[time, time]]:
    ranges = []
    for line in filter(None, (part.strip() for part in re.split(r"[\n,;]+", text))):
        match = RANGE.match(line)
        try:
            if not match:
                raise ValueError
            h1, m1, h2, m2 = match.groups()
            ranges.append((time(int(h1), int(m1 or 0)), time(int(h2), int(m2 or 0))))
        except ValueError:
            raise forms.ValidationError(
                _("“%(value)s” is not a time range: write it as 11:00-12:30."),
                params={"value": line[:40]},
            ) from None
    return ranges


class PollForm(SingleLineFieldsMixin, forms.ModelForm):
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=TIME_ZONES, initial="Europe/Paris")
    days = forms.CharField(
        label=_("Dates"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line, e.g. 2026-12-08 or 08/12/2026."),
    )
    ranges = forms.CharField(
        label=_("Time ranges"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One per line, e.g. 11:00-12:30. Every date gets every range (at most %(max)s slots)."
        )
        % {"max": MAX_SLOTS},
    )

    class Meta:
        model = Poll
        fields = [
            "title",
            "description",
            "workshop",
            "allow_if_need_be",
            "visibility",
            "closes_at",
            "time_zone",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "closes_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "visibility": forms.RadioSelect,
        }

    def __init__(self, *args, workshops, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workshop"].queryset = workshops
        self.fields["workshop"].required = False
        self.fields["workshop"].help_text = _(
            "A workshop whose date is to be decided: fixing a slot gives it that date."
        )
        self.order_fields(["title", "description", "workshop", "days", "ranges", "time_zone"])

    def clean_closes_at(self):
        closes_at = self.cleaned_data["closes_at"]
        if closes_at is not None and closes_at <= timezone.now():
            raise forms.ValidationError(_("The closing date must be in the future."))
        return closes_at

    def clean_days(self):
        return parse_days(self.cleaned_data["days"])

    def clean_ranges(self):
        ranges = parse_ranges(self.cleaned_data["ranges"])
        for start, end in ranges:
            if end <= start:
                raise forms.ValidationError(_("Each slot must end after it starts."))
        return ranges

    def clean(self):
        data = super().clean()
        days, ranges = data.get("days"), data.get("ranges")
        if days and ranges and len(days) * len(ranges) > MAX_SLOTS:
            self.add_error(
                "days",
                _("At most %(max)s slots per poll (here %(count)s): split it in several polls.")
                % {"max": MAX_SLOTS, "count": len(days) * len(ranges)},
            )
        return data

    def zone(self):
        return zoneinfo.ZoneInfo(self.cleaned_data["time_zone"])

    def poll_fields(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class AnswerForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=80)
    email = forms.EmailField(
        label=_("Your email address (optional)"),
        required=False,
        max_length=254,
        help_text=_("To receive your edit link and hear which date is chosen."),
    )
    same_name_ok = forms.BooleanField(
        label=_("I am another person with the same name"), required=False
    )

    def __init__(self, *args, poll, slots, label_of, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.slots = slots
        choices = [(Answer.YES, _("Yes"))]
        if poll.allow_if_need_be:
            choices.append((Answer.IF_NEED_BE, _("If need be")))
        choices.append((Answer.NO, _("No")))
        for slot in slots:
            self.fields[f"slot_{slot.pk}"] = forms.ChoiceField(
                label=label_of(slot), choices=choices, widget=forms.RadioSelect, initial=Answer.NO
            )
        if editing:
            del self.fields["email"], self.fields["same_name_ok"]

    def slot_rows(self):
        """(name, label, chosen value, errors, options) per slot, for a compact hand-written
        rendering: a poll may have 100 slots, and each widget rendered by Django costs."""
        rows = []
        for slot in self.slots:
            bound = self[f"slot_{slot.pk}"]
            value = bound.value()
            options = [(code, text, code[0]) for code, text in bound.field.choices]
            rows.append((bound.html_name, bound.label, value, bound.errors, options))
        return rows

    def choices(self) -> dict[int, str]:
        return {slot.pk: self.cleaned_data[f"slot_{slot.pk}"] for slot in self.slots}


class CommentForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=80)
    body = forms.CharField(
        label=_("Comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class FixSlotForm(forms.Form):
    slot = forms.TypedChoiceField(label=_("Slot to fix"), coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args, slots, label_of, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = [(s.pk, label_of(s)) for s in slots]
