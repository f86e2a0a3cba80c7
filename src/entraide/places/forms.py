from functools import partial

from django import forms
from django.utils.translation import gettext_lazy as _

from entraide.core.forms import SingleLineFieldsMixin
from entraide.core.markdown import MARKDOWN_HELP
from entraide.places.models import Place, PlaceKind, Region


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("City or postcode"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "postal-code"}),
    )
    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=[("", _("All regions")), *Region.choices]
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *PlaceKind.choices]
    )


POSTCODE_WIDGET = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})


class ContactFieldsMixin:
    """How a place's contact address and postcode are kept, whoever types them."""

    def clean_contact_email(self):
        return self.cleaned_data["contact_email"].strip().lower()

    def clean_postcode(self):
        return "".join(self.cleaned_data["postcode"].split())  # "34 000" is 34000


class PlaceForm(ContactFieldsMixin, SingleLineFieldsMixin, forms.ModelForm):
    # The name is in the subject of invitations; the others are one-line facts.
    single_line_fields = ("name", "street", "opening_hours")

    class Meta:
        model = Place
        fields = [
            "name",
            "kind",
            "region",
            "street",
            "postcode",
            "city",
            "contact_email",
            "opening_hours",
            "summary",
            "website",
            "description",
            "accessibility",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 10}),
            "postcode": POSTCODE_WIDGET,
        }
        help_texts = {"description": MARKDOWN_HELP}
        # "example.org" means https://example.org
        field_classes = {"website": partial(forms.URLField, assume_scheme="https")}


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of the person to invite"),
        max_length=254,
        help_text=_("They will receive a link, valid for 14 days, even without an account."),
    )


class ProposalForm(ContactFieldsMixin, SingleLineFieldsMixin, forms.ModelForm):
    """ "Propose my place": what a site administrator needs to recognise it."""

    single_line_fields = ("name", "street")  # the name is in the subject of mails
    # Regional hubs are named by the site's administrators, never proposed.
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(value, label) for value, label in PlaceKind.choices if value != "hub-regional"],
    )

    class Meta:
        model = Place
        fields = [
            "name",
            "kind",
            "region",
            "street",
            "postcode",
            "city",
            "contact_email",
            "summary",
        ]
        labels = {"summary": _("In a few words")}
        help_texts = {
            "summary": _("What happens there, for whom. One or two sentences."),
            "contact_email": _(
                "Shown on the page of the place once published. Leave empty to give none."
            ),
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3, "maxlength": 240}),
            "postcode": POSTCODE_WIDGET,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["summary"].required = True
        self.fields["postcode"].required = True
