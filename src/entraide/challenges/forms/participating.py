"""The forms of a participant's private pages. Each only reads what the person typed: the
services check the rules (days, pledges, limits) and the views show their refusals beside
the field."""

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from entraide.challenges.models import (
    NOTE_MAX,
    SIGNATURE_MAX,
    TESTIMONY_MAX,
    Feeling,
    Status,
)


class CheckInForm(forms.Form):
    """One tap records one pledge: each button sends "<pledge id>:<status>"; the note goes
    with it. The button "Save the note" sends no status: the day's statuses are kept."""

    status = forms.CharField(required=False, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("My private note for the day (optional)"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": NOTE_MAX}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].help_text = gettext("Only you read it. At most %(max)s characters.") % {
            "max": number_format(NOTE_MAX, force_grouping=True)
        }

    def chosen(self):
        """(pledge id, status) of the button pressed, or None (the note alone)."""
        pledge, _sep, status = (self.cleaned_data.get("status") or "").partition(":")
        if not pledge:
            return None
        return pledge, status if status in Status.values else ""


class ReminderForm(forms.Form):
    hour = forms.TypedChoiceField(
        label=_("Daily reminder"),
        choices=[("", _("No reminder"))] + [(str(h), f"{h}\u00a0h") for h in range(24)],
        coerce=int,
        empty_value=None,
        required=False,
    )


class BuddyForm(forms.Form):
    email = forms.CharField(
        label=_("Your buddy's email address"),
        help_text=_("The address with which they joined the challenge."),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class TestimonyForm(forms.Form):
    text = forms.CharField(
        label=_("My testimony"),
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": TESTIMONY_MAX}),
        strip=False,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = gettext(
            "At most %(max)s characters. Anonymous unless you sign it."
        ) % {"max": number_format(TESTIMONY_MAX, force_grouping=True)}

    signed = forms.BooleanField(label=_("Sign my testimony"), required=False)
    signature = forms.CharField(
        label=_("Signature (if signed)"),
        help_text=_("Your name or pseudonym when left empty."),
        required=False,
        strip=False,
        widget=forms.TextInput(attrs={"maxlength": SIGNATURE_MAX}),
    )


class AfterForm(forms.Form):
    screen_hours = forms.IntegerField(
        label=_("Hours of leisure screens a day, these days"),
        min_value=0,
        max_value=24,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    feeling = forms.TypedChoiceField(
        label=_("How do you feel about your screen time now?"),
        choices=Feeling.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
