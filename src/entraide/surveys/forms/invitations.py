"""The organisers' form to invite addresses."""

from django import forms
from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from entraide.surveys.services.invitations import MAX_ADDRESSES


class InvitationForm(forms.Form):
    addresses = forms.CharField(
        label=_("Addresses to invite"),
        max_length=MAX_ADDRESSES * 320,  # room for the most an address can be, and more
        widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off", "spellcheck": "false"}),
        help_text=lazy(
            lambda: (
                gettext(
                    "One per line, or separated by commas or semicolons; at most %(max)s at a "
                    "time. Addresses already invited are skipped."
                )
                % {"max": MAX_ADDRESSES}
            ),
            str,
        )(),
    )
    language = forms.ChoiceField(
        label=_("Language of the mail"), choices=settings.LANGUAGES, initial="fr"
    )
