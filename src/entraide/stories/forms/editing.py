"""The editors' forms: a collection's settings, a theme, the consent form, writers'
invitations. Lengths are bounded here (a clear message beside the field); the rules are the
services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from entraide.stories.models import TITLE_MAX, Collection

ADDRESSES_MAX = 20_000
TEXT_MAX = 20_000


class CollectionForm(forms.ModelForm):
    class Meta:
        model = Collection
        fields = [
            "title",
            "description",
            "interview_guide",
            "length_guidance",
            "code_open",
            "reading_required",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "interview_guide": forms.Textarea(attrs={"rows": 12}),
        }
        help_texts = {
            "interview_guide": _("Leave empty for the seed's guide: open questions, listening."),
            "length_guidance": _("E.g. one to four pages."),
        }

    def __init__(self, *args, places=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].max_length = TITLE_MAX
        self.fields["description"].max_length = TEXT_MAX
        self.fields["interview_guide"].max_length = TEXT_MAX
        if self.instance.pk is None:
            self.fields["interview_guide"].required = False
            self.fields["length_guidance"].required = False
        if places is not None:
            self.fields = {
                "place": forms.ModelChoiceField(
                    label=_("Place"), queryset=places, empty_label=None
                ),
                **self.fields,
            }

    def collection_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "place"}


class ThemeForm(forms.Form):
    name = forms.CharField(label=_("Theme"), max_length=80)


class ConsentFormForm(forms.Form):
    text = forms.CharField(
        label=_("Consent form (Markdown)"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Changing it makes a new version: the consents already given keep the version "
            "they agreed to; the next requests use the new one."
        ),
    )


class InviteWritersForm(forms.Form):
    addresses = forms.CharField(
        label=_("Addresses to invite"),
        max_length=ADDRESSES_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One address a line, up to 100 at once."),
    )
