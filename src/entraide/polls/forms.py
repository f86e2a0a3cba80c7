import zoneinfo

from django import forms
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from entraide.core.forms import LocalDateTimeInput, SingleLineFieldsMixin, TimeZoneField
from entraide.core.markdown import MARKDOWN_HELP
from entraide.polls import quick_entry
from entraide.polls.errors import PollErrorCode
from entraide.polls.models import MAX_SLOTS, Answer, Poll


def days_field():
    return forms.CharField(
        label=_("Dates"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One per line, e.g. Tuesday 8 December, 8 Dec, 08/12 or 2026-12-08; without a year, "
            "the next one."
        ),
    )


def _ranges_help():
    """Formatted in each request's language (formatted with % at import time, a lazy text stays
    in the language active then)."""
    return lazy(
        lambda: (
            gettext(
                "One per line, e.g. 11:00-12:30 or 14h-15h30. Every date gets every range (at most "
                "%(max)s slots); you will untick those that do not suit before saving."
            )
            % {"max": MAX_SLOTS}
        ),
        str,
    )()


def ranges_field():
    return forms.CharField(
        label=_("Time ranges"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_ranges_help(),
    )


def clean_quick_entry(form, zone, existing=frozenset()):
    """Read the dates and ranges of `form` in `zone`: its `combinations` are every date × every
    range, without those `existing` (start, end) already has; errors go beside the fields."""
    form.combinations = []
    data = form.cleaned_data
    today = timezone.now().astimezone(zone).date()
    days = ranges = None
    try:
        days = quick_entry.parse_days(data["days"], today) if "days" in data else None
    except forms.ValidationError as error:
        form.add_error("days", error)
    try:
        ranges = quick_entry.parse_ranges(data["ranges"]) if "ranges" in data else None
    except forms.ValidationError as error:
        form.add_error("ranges", error)
    if ranges and any(end <= start for start, end in ranges):
        form.add_error(
            "ranges",
            forms.ValidationError(
                _("Each slot must end after it starts."), code=PollErrorCode.SLOT_ENDS_BEFORE_START
            ),
        )
        return
    if not days or not ranges:
        return
    found = quick_entry.combinations(days, ranges, zone)
    new = [c for c in found if (c.starts_at, c.ends_at) not in existing]
    now = timezone.now()
    if len(existing) + len(new) > MAX_SLOTS:
        message = _(
            "At most %(max)s slots per poll (here %(count)s): split it into several polls."
        ) % {"max": MAX_SLOTS, "count": len(existing) + len(new)}
        form.add_error("days", forms.ValidationError(message, code=PollErrorCode.TOO_MANY_SLOTS))
    elif any(c.starts_at <= now for c in new):
        form.add_error(
            "days",
            forms.ValidationError(
                _("A slot cannot be in the past."), code=PollErrorCode.SLOT_IN_PAST
            ),
        )
    elif not new:
        form.add_error(
            "days",
            forms.ValidationError(
                _("These slots are already in the poll."), code=PollErrorCode.SLOTS_ALREADY_IN_POLL
            ),
        )
    else:
        form.combinations = new
        form.already = len(found) - len(new)


class PollForm(SingleLineFieldsMixin, forms.ModelForm):
    time_zone = TimeZoneField()
    days = days_field()
    ranges = ranges_field()

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
            "closes_at": LocalDateTimeInput,
            "visibility": forms.RadioSelect,
        }
        help_texts = {"description": MARKDOWN_HELP}

    def __init__(self, *args, workshops, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workshop"].queryset = workshops
        self.fields["workshop"].required = False
        self.fields["workshop"].help_text = _(
            "A workshop whose date is to be decided: fixing a slot gives it that date."
        )
        self.order_fields(["title", "description", "workshop", "days", "ranges", "time_zone"])

    def clean_closes_at(self):
        return clean_future(self.cleaned_data["closes_at"])

    def clean(self):
        data = super().clean()
        if "time_zone" in data:
            clean_quick_entry(self, self.zone())
        return data

    def zone(self):
        return zoneinfo.ZoneInfo(self.cleaned_data["time_zone"])

    def poll_fields(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


def clean_future(closes_at):
    if closes_at is not None and closes_at <= timezone.now():
        raise forms.ValidationError(
            _("The closing date must be in the future."), code=PollErrorCode.CLOSING_DATE_IN_PAST
        )
    return closes_at


class AddSlotsForm(forms.Form):
    """Quick entry of more slots for an existing poll, in its time zone."""

    days = days_field()
    ranges = ranges_field()

    def __init__(self, *args, poll, existing, **kwargs):
        super().__init__(*args, **kwargs)
        self.poll, self.existing = poll, existing

    def clean(self):
        data = super().clean()
        clean_quick_entry(self, zoneinfo.ZoneInfo(self.poll.time_zone), self.existing)
        return data


class PickSlotsForm(forms.Form):
    """The review step: one box per date × range, all ticked at first; only the ticked ones
    become slots."""

    slots = forms.MultipleChoiceField(
        required=False,
        error_messages={
            "invalid_choice": _(
                "One of the ticked slots is not among those proposed: check the list."
            )
        },
    )

    def __init__(self, *args, combinations, **kwargs):
        super().__init__(*args, **kwargs)
        self.combinations = combinations
        self.fields["slots"].choices = [(c.key, c.times) for c in combinations]

    def clean_slots(self):
        if not self.cleaned_data["slots"]:
            raise forms.ValidationError(_("Tick at least one slot."), code=PollErrorCode.NO_SLOT)
        return self.cleaned_data["slots"]

    def picked(self) -> list:
        keys = set(self.cleaned_data["slots"])
        return [(c.starts_at, c.ends_at) for c in self.combinations if c.key in keys]

    def days(self):
        """(day, [(key, times, ticked)]) per date, for a compact hand-written rendering."""
        ticked = set(self.data.getlist("slots")) if self.is_bound else None
        days = {}
        for c in self.combinations:
            label = formats.date_format(c.day, "l j F Y")
            days.setdefault(label, []).append((c.key, c.times, ticked is None or c.key in ticked))
        return list(days.items())


class PollDetailsForm(SingleLineFieldsMixin, forms.ModelForm):
    class Meta:
        model = Poll
        fields = ["title", "description", "closes_at"]
        widgets = PollForm.Meta.widgets
        help_texts = PollForm.Meta.help_texts

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closes_at"].help_text = _(
            "Empty: answers stay open until you close the poll or fix its date."
        )

    def clean_closes_at(self):
        closes_at = self.cleaned_data["closes_at"]
        return clean_future(closes_at) if "closes_at" in self.changed_data else closes_at


def _answer_count(count):
    return ngettext("%(count)s answer", "%(count)s answers", count) % {"count": count}


class SlotsToRemoveField(forms.TypedMultipleChoiceField):
    """Its refusals carry the codes of the same refusals by services.remove_slots."""

    codes = {"required": PollErrorCode.NO_SLOT, "invalid_choice": PollErrorCode.SLOT_NOT_IN_POLL}

    def validate(self, value):
        try:
            super().validate(value)
        except forms.ValidationError as error:
            error.code = self.codes.get(error.code, error.code)
            raise


class RemoveSlotsForm(forms.Form):
    slots = SlotsToRemoveField(
        label=_("Slots to remove"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Tick the slots to remove."),
            "invalid_choice": _(
                "One of these slots is no longer in the poll (removed meanwhile?): check the "
                "list again."
            ),
        },
    )
    answers = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=0)

    def clean_slots(self):
        chosen = set(self.cleaned_data["slots"])
        if len(chosen) >= len(self.fields["slots"].choices):
            raise forms.ValidationError(
                _("A poll keeps at least one slot: close it or delete it instead."),
                code=PollErrorCode.LAST_SLOT,
            )
        return sorted(chosen)

    def __init__(self, *args, slots, label_of, counts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slots"].choices = [
            (s.pk, f"{label_of(s)} · {_answer_count(counts.get(s.pk, 0))}") for s in slots
        ]


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
        # Nothing is ticked beforehand (as in Framadate): a slot left without an answer is an
        # error beside it, rather than a "no" the person never gave.
        unanswered = _("Answer this slot: %(choices)s.") % {
            "choices": " / ".join(str(text) for _code, text in choices).lower()
        }
        for slot in slots:
            self.fields[f"slot_{slot.pk}"] = forms.ChoiceField(
                label=label_of(slot),
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={"required": unanswered},
            )
        if editing:
            del self.fields["email"], self.fields["same_name_ok"]

    def clean(self):
        data = super().clean()
        missing = sum(
            1
            for slot in self.slots
            if f"slot_{slot.pk}" in self.errors
            and not self.data.get(self.add_prefix(f"slot_{slot.pk}"))
        )
        if missing:
            self.add_error(
                None,
                ngettext(
                    "%(count)s slot has no answer yet: see below.",
                    "%(count)s slots have no answer yet: see below.",
                    missing,
                )
                % {"count": missing},
            )
        return data

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

    def __init__(self, *args, **kwargs):
        # Beside the answer form on the same page: its own ids, so that each label leads to
        # its own field.
        kwargs.setdefault("auto_id", "comment_%s")
        super().__init__(*args, **kwargs)


class FixSlotForm(forms.Form):
    slot = forms.TypedChoiceField(label=_("Slot to fix"), coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args, slots, label_of, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = [(s.pk, label_of(s)) for s in slots]
