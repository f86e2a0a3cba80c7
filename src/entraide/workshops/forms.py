import zoneinfo
from datetime import datetime
from functools import partial

from django import forms
from django.utils.translation import gettext_lazy as _

from entraide.core.forms import (
    DateInput,
    LocalDateTimeInput,
    PrerenderedSelect,
    SingleLineFieldsMixin,
    TimeInput,
    TimeZoneField,
)
from entraide.core.markdown import MARKDOWN_HELP
from entraide.places.models import Region
from entraide.workshops.models import Mode, Series, Theme, Workshop


class RegistrationForm(forms.Form):
    """Without an account: a name and an address. Signed in: only the optional needs."""

    name = forms.CharField(label=_("Your name"), max_length=100)
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("You will receive a link to confirm: no seat is held until then."),
    )
    needs = forms.CharField(
        label=_("Accessibility needs (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Seen only by the organisers."),
    )

    def __init__(self, *args, signed_in=False, **kwargs):
        super().__init__(*args, **kwargs)
        if signed_in:
            del self.fields["name"], self.fields["email"]


class FilterForm(forms.Form):
    # Written once per language (PrerenderedSelect): rendered on every visit of the list.
    quand = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[("", _("Upcoming")), ("passes", _("Past"))],
        widget=PrerenderedSelect,
    )
    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        choices=[("", _("All regions")), *Region.choices],
        widget=PrerenderedSelect,
    )
    theme = forms.ChoiceField(
        label=_("Theme"),
        required=False,
        choices=[("", _("All themes")), *Theme.choices],
        widget=PrerenderedSelect,
    )
    format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[("", _("In person or online")), *Mode.choices],
        widget=PrerenderedSelect,
    )
    lieu = forms.SlugField(required=False, max_length=80, widget=forms.HiddenInput)


class SeriesForm(SingleLineFieldsMixin, forms.ModelForm):
    class Meta:
        model = Series
        fields = ["title", "summary", "theme", "audience", "whole_series_preferred", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}
        help_texts = {"description": MARKDOWN_HELP}


class WorkshopForm(SingleLineFieldsMixin, forms.ModelForm):
    time_zone = TimeZoneField()
    date = forms.DateField(
        label=_("Date"),
        required=False,
        widget=DateInput,
        help_text=_("Leave empty while the date is to be decided (by a poll, for instance)."),
    )
    start_time = forms.TimeField(
        label=_("Start time"),
        required=False,
        widget=TimeInput,
    )
    end_time = forms.TimeField(
        label=_("End time"),
        required=False,
        widget=TimeInput,
    )

    class Meta:
        model = Workshop
        fields = [
            "title",
            "series",
            "position",
            "summary",
            "theme",
            "audience",
            "mode",
            "address",
            "video_url",
            "time_zone",
            "planned_minutes",
            "capacity",
            "registration_opens_at",
            "registration_closes_at",
            "description",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "registration_opens_at": LocalDateTimeInput,
            "registration_closes_at": LocalDateTimeInput,
        }
        field_classes = {"video_url": partial(forms.URLField, assume_scheme="https")}
        help_texts = {
            "registration_closes_at": _("Empty: registration closes when the workshop starts."),
            "planned_minutes": _("Calculated from the start and end times when they are given."),
            "description": MARKDOWN_HELP,
        }

    field_order = ["title", "series", "position", "summary", "theme", "audience", "mode"]
    # The form's sections, each a <fieldset> with its legend.
    sections = [
        (_("What"), ["title", "series", "position", "summary", "theme", "audience", "description"]),
        (_("When"), ["date", "start_time", "end_time", "time_zone", "planned_minutes"]),
        (_("Where"), ["mode", "address", "video_url"]),
        (_("Registrations"), ["capacity", "registration_opens_at", "registration_closes_at"]),
    ]

    def fieldsets(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.sections]

    def __init__(self, *args, place, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["series"].queryset = Series.objects.filter(place=place).order_by("title")
        self.fields["series"].required = False
        self.fields["position"].required = False
        order = list(self.fields)
        for name in ("date", "start_time", "end_time"):
            order.remove(name)
        at = order.index("time_zone")
        self.order_fields([*order[:at], "date", "start_time", "end_time", *order[at:]])
        if self.instance.starts_at and not self.is_bound:
            zone = zoneinfo.ZoneInfo(self.instance.time_zone)
            start = self.instance.starts_at.astimezone(zone)
            end = self.instance.ends_at.astimezone(zone)
            self.initial.update(date=start.date(), start_time=start.time(), end_time=end.time())

    def clean(self):
        data = super().clean()
        data["position"] = data.get("position") or 1
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        zone_name = data.get("time_zone")
        data["starts_at"] = data["ends_at"] = None
        if day is None:
            if start or end:
                self.add_error("date", _("Give the date, or leave the times empty."))
            return data
        if start is None:
            self.add_error("start_time", _("Give the start time."))
        if end is None:
            self.add_error("end_time", _("Give the end time."))
        if start and end and end <= start:
            self.add_error("end_time", _("The end must come after the start."))
        if start and end and end > start and zone_name:
            zone = zoneinfo.ZoneInfo(zone_name)
            data["starts_at"] = datetime.combine(day, start, tzinfo=zone)
            data["ends_at"] = datetime.combine(day, end, tzinfo=zone)
            # The planned duration follows the times (the field says so).
            minutes = (data["ends_at"] - data["starts_at"]).total_seconds() // 60
            data["planned_minutes"] = int(minutes)
        opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes_at", _("Registration must close after it opens."))
        return data

    def changes(self) -> dict:
        """The model fields to save, dates included."""
        names = [name for name in self.Meta.fields if name in self.cleaned_data]
        fields = {name: self.cleaned_data[name] for name in names}
        fields["starts_at"] = self.cleaned_data["starts_at"]
        fields["ends_at"] = self.cleaned_data["ends_at"]
        return fields


class CancelWorkshopForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the people registered (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MessageForm(SingleLineFieldsMixin, forms.Form):
    single_line_fields = ("subject",)

    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )


class AttendanceForm(forms.Form):
    present = forms.TypedMultipleChoiceField(
        label=_("Present"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(r.pk, r.name or r.email) for r in registrations]
