"""The signing form: parsing and field errors only; the rules are services.signatures'."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from entraide.core.forms import SingleLineFieldsMixin
from entraide.manifestos.models import NAME_MAX, ORGANISATION_MAX, SIGNATURE_COMMENT_MAX
from entraide.places.models import Place


class SignatureForm(SingleLineFieldsMixin, forms.Form):
    """Without an account, or signed in without a verified address: a name and an address
    (confirmed by mail). Signed in with a verified address: no address asked."""

    single_line_fields = ("name", "organisation")

    version = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(
        label=_("Your name"), max_length=NAME_MAX, help_text=_("Shown on the list of signatories.")
    )
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_(
            "Never shown. You will receive a link to confirm: your name is not on the list "
            "until then."
        ),
    )
    organisation = forms.CharField(
        label=_("Organisation (optional)"),
        max_length=ORGANISATION_MAX,
        required=False,
        help_text=_("An association, a company, a school… if you sign on its behalf."),
    )
    place = forms.ModelChoiceField(
        label=_("Or a place of the directory (optional)"),
        queryset=Place.objects.none(),
        required=False,
        empty_label=_("— None —"),
        help_text=_("The place then shows on its page that it signed."),
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        max_length=SIGNATURE_COMMENT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, ask_email=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = Place.objects.published().only("pk", "name")
        # Formatted here, in the language of the request.
        self.fields["comment"].help_text = gettext(
            "Shown beside your name. At most %(count)s characters."
        ) % {"count": SIGNATURE_COMMENT_MAX}
        if not ask_email:
            del self.fields["email"]

    def signing_fields(self) -> dict:
        data = self.cleaned_data
        place = data.get("place")
        return {
            "name": data["name"],
            "email": data.get("email", ""),
            "organisation": data["organisation"],
            "place_id": place.pk if place else None,
            "comment": data["comment"],
        }
