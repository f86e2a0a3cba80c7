"""The organisers' forms: a survey's settings, a section, a question."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.core.errors import DomainError
from entraide.core.forms import LocalDateTimeInput, SingleLineFieldsMixin
from entraide.core.local_time import zone_time
from entraide.core.markdown import MARKDOWN_HELP
from entraide.surveys import services
from entraide.surveys.models import CHOICE_MAX, HELP_MAX, QUESTION_MAX, Kind, Section, Survey
from entraide.surveys.services.building import KIND_OPTIONS, OPTION_DEFAULTS
from entraide.surveys.services.managing import SETTINGS

RECENT_WORKSHOPS = timedelta(days=365)  # older workshops are not offered in the select
SCALES = [("", "—"), ("1-5", _("from 1 to 5")), ("0-10", _("from 0 to 10"))]


def _domain_error(form, error: DomainError, default_field=None):
    field = error.field if error.field in form.fields else default_field
    form.add_error(field, forms.ValidationError(error.message, code=error.code))


class SurveyForm(SingleLineFieldsMixin, forms.ModelForm):
    """The settings of a survey, when creating it and after."""

    single_line_fields = ("title", "audience")

    class Meta:
        model = Survey
        fields = list(SETTINGS)  # the settings the service updates
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "opens_at": LocalDateTimeInput,
            "closes_at": LocalDateTimeInput,
        }
        help_texts = {"description": MARKDOWN_HELP}

    def __init__(self, *args, place, **kwargs):
        super().__init__(*args, **kwargs)
        self.saved_closes_at = self.instance.closes_at
        since = timezone.now() - RECENT_WORKSHOPS
        workshops = place.workshops.filter(starts_at__gte=since) | place.workshops.filter(
            starts_at__isnull=True
        )
        if self.instance.workshop_id:
            workshops = workshops | place.workshops.filter(pk=self.instance.workshop_id)
        self.fields["workshop"].queryset = workshops.distinct().order_by("starts_at", "pk")
        self.fields["series"].queryset = place.series.order_by("title")
        zone = zone_time(settings.TIME_ZONE)
        self.fields["opens_at"].help_text = _("Empty: as soon as it is published. In %(zone)s.") % {
            "zone": zone
        }
        self.fields["closes_at"].help_text = _("Empty: until you close it. In %(zone)s.") % {
            "zone": zone
        }
        self.fields["workshop"].help_text = _("Optional: the workshop the survey is about.")
        self.fields["series"].help_text = _("Optional: the series of workshops it is about.")

    def clean_audience(self):
        tags = [tag.strip() for tag in self.cleaned_data["audience"].split(",")]
        return ", ".join(tag for tag in tags if tag)

    def clean(self):
        data = super().clean()
        if "opens_at" in data and "closes_at" in data:
            try:
                services.check_dates(
                    data["opens_at"],
                    data["closes_at"],
                    new_closing=self.instance.pk is None
                    or data["closes_at"] != self.saved_closes_at,
                )
            except DomainError as error:
                _domain_error(self, error)
        return data

    def survey_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class SectionForm(SingleLineFieldsMixin, forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "title": _("Optional with a single section."),
            "description": MARKDOWN_HELP,
        }


# What each kind of question is, on the page where the organisers choose one.
KIND_DESCRIPTIONS = {
    Kind.SINGLE: _("One answer among the choices you write, and “other” if you like."),
    Kind.MULTIPLE: _("Several answers among the choices you write, at most as many as you like."),
    Kind.SCALE: _("A mark from 1 to 5 or from 0 to 10, its two ends named if you like."),
    Kind.NUMBER: _("A number (an age, minutes a day…), between bounds if you like."),
    Kind.YES_NO: _("Yes or no."),
    Kind.SHORT_TEXT: _("A few words. Never published: you may quote some of them."),
    Kind.LONG_TEXT: _("A few sentences. Never published: you may quote some of them."),
}
# The fields of a question of each kind, beside its wording (text, help text, required).
KIND_FIELDS = {
    Kind.SINGLE: ("choices", "allow_other"),
    Kind.MULTIPLE: ("choices", "max_choices", "allow_other"),
    Kind.SCALE: ("scale", "label_min", "label_max"),
    Kind.NUMBER: ("number_min", "number_max"),
}


def kind_of(value):
    """The Kind named `value` (from a page's address), None for any other value."""
    try:
        return Kind(value)
    except ValueError:
        return None


class QuestionForm(SingleLineFieldsMixin, forms.Form):
    """A question of the `kind` chosen beforehand (its address carries it): the form holds
    only that kind's fields. Once the question has answers (`answered`), only its wording can
    change: the other fields are disabled."""

    single_line_fields = ("text", "label_min", "label_max")
    WORDING = ("text", "help_text", "choices")
    CHOICE_FIELDS = ("choices", "max_choices", "allow_other")
    SCALE_FIELDS = ("scale", "label_min", "label_max")
    NUMBER_FIELDS = ("number_min", "number_max")

    text = forms.CharField(label=_("Question"), max_length=QUESTION_MAX)
    help_text = forms.CharField(
        label=_("Help text"),
        max_length=HELP_MAX,
        required=False,
        help_text=_("Optional: shown under the question."),
    )
    required = forms.BooleanField(label=_("Answer required"), required=False)
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        max_length=60 * CHOICE_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One per line."),
    )
    max_choices = forms.IntegerField(
        label=_("Most choices allowed"),
        required=False,
        min_value=1,
        help_text=_("Empty: as many as they like."),
    )
    allow_other = forms.BooleanField(label=_("Offer “other (specify)”"), required=False)
    scale = forms.ChoiceField(label=_("Scale"), choices=SCALES, required=False)
    label_min = forms.CharField(label=_("Label of the lowest value"), max_length=80, required=False)
    label_max = forms.CharField(
        label=_("Label of the highest value"), max_length=80, required=False
    )
    number_min = forms.DecimalField(
        label=_("Smallest number"), max_digits=12, decimal_places=2, required=False
    )
    number_max = forms.DecimalField(
        label=_("Largest number"), max_digits=12, decimal_places=2, required=False
    )

    def __init__(self, *args, kind, question=None, answered=0, **kwargs):
        if question is not None:
            kwargs.setdefault("initial", initial_of(question))
        super().__init__(*args, **kwargs)
        self.kind = Kind(kind)
        mine = KIND_FIELDS.get(self.kind, ())
        for name in [*self.CHOICE_FIELDS, *self.SCALE_FIELDS, *self.NUMBER_FIELDS]:
            if name not in mine:
                del self.fields[name]
        self.answered = answered
        if answered:
            for name, field in self.fields.items():
                if name not in self.WORDING:
                    field.disabled = True
        if answered and "choices" in self.fields:
            self.fields["choices"].help_text = _(
                "One per line, as many as now and in the same order: only their labels can change."
            )

    def choice_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("choices", "").splitlines()]

    def kind_fields(self):
        """The bound fields of this kind alone (the template shows them apart)."""
        return [self[name] for name in KIND_FIELDS.get(self.kind, ())]

    def wording_fields(self):
        return [self[name] for name in ("text", "help_text", "required")]

    def options(self, kind) -> dict:
        data = self.cleaned_data
        low, _sep, high = (data.get("scale") or "").partition("-")
        given = {
            "allow_other": data.get("allow_other", False),
            "max_choices": data.get("max_choices"),
            "scale_min": int(low) if low else None,
            "scale_max": int(high) if high else None,
            "label_min": data.get("label_min", ""),
            "label_max": data.get("label_max", ""),
            "number_min": data.get("number_min"),
            "number_max": data.get("number_max"),
        }
        applies = KIND_OPTIONS.get(kind, ())
        return {
            name: given[name] if name in applies else default
            for name, default in OPTION_DEFAULTS.items()
        }

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        kind = self.kind
        try:
            if kind in (Kind.SINGLE, Kind.MULTIPLE):
                services.clean_choices(self.choice_lines())
            if not self.answered:
                options = self.options(kind)
                services.check_options(kind, choices=self.choice_lines(), options=options)
        except DomainError as error:
            _domain_error(self, error)
        return data

    def question_fields(self) -> dict:
        kind = self.kind
        return {
            "kind": kind,
            "text": self.cleaned_data["text"],
            "help_text": self.cleaned_data["help_text"],
            "required": self.cleaned_data["required"],
            "choices": self.choice_lines(),
            **self.options(kind),
        }


def initial_of(question) -> dict:
    scale = ""
    if question.scale_min is not None and question.scale_max is not None:
        scale = f"{question.scale_min}-{question.scale_max}"
    return {
        "kind": question.kind,
        "text": question.text,
        "help_text": question.help_text,
        "required": question.required,
        "choices": "\n".join(choice.label for choice in question.choices.all()),
        "max_choices": question.max_choices,
        "allow_other": question.allow_other,
        "scale": scale,
        "label_min": question.label_min,
        "label_max": question.label_max,
        "number_min": question.number_min,
        "number_max": question.number_max,
    }


class ReopenForm(forms.Form):
    """Reopening a survey whose closing date is past: a new one, or none."""

    closes_at = forms.DateTimeField(
        label=_("New closing date"),
        required=False,
        widget=LocalDateTimeInput,
        help_text=_("Empty: open until you close it."),
    )

    def clean_closes_at(self):
        closes_at = self.cleaned_data["closes_at"]
        try:
            services.check_dates(None, closes_at)
        except DomainError as error:
            raise forms.ValidationError(error.message, code=error.code) from error
        return closes_at
