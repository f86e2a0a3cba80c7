"""The forms of joining a project in a pair: inviting a named partner by mail, and the word
about oneself when looking for a partner. Lengths are the models'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from entraide.projects.models import NAME_MAX

NOTE_MAX = 300  # Seeker.note


class InviteForm(forms.Form):
    name = forms.CharField(label=_("Your partner's name"), max_length=NAME_MAX)
    email = forms.EmailField(
        label=_("Their email address"),
        max_length=254,
        help_text=_("They receive a private link; they may create an account when they open it."),
    )


class LookForm(forms.Form):
    note = forms.CharField(
        label=_("A word about you (optional)"),
        max_length=NOTE_MAX,
        required=False,
        help_text=_("Others looking for a partner see it with your first name only."),
    )
