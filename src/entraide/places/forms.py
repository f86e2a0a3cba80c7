from functools import partial

from django import forms
from django.utils.translation import gettext_lazy as _

from entraide.core.forms import SingleLineFieldsMixin
from entraide.places.models import Place, PlaceKind, Region


class DirectoryFilterForm(forms.Form):
    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=[("", _("All regions")), *Region.choices]
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *PlaceKind.choices]
    )


class PlaceForm(SingleLineFieldsMixin, forms.ModelForm):
    single_line_fields = ("name",)  # in the subject of invitations

    class Meta:
        model = Place
        fields = [
            "name",
            "kind",
            "region",
            "city",
            "summary",
            "website",
            "description",
            "accessibility",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 10})}
        # "example.org" means https://example.org
        field_classes = {"website": partial(forms.URLField, assume_scheme="https")}


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of the person to invite"),
        max_length=254,
        help_text=_("They will receive a link, valid for 14 days, even without an account."),
    )
