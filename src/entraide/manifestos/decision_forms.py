"""Forms of decisions, updated amendments and versions: parsing and field errors only; the
rules are the services'."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from entraide.core.forms import SingleLineFieldsMixin
from entraide.manifestos.models import (
    DECISION_REASON_MAX,
    RATIONALE_MAX,
    SECTION_BODY_MAX,
    SECTION_TITLE_MAX,
)
from entraide.manifestos.services.decisions import ACCEPT, REJECT
from entraide.manifestos.services.versions import NOTE_MAX


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(ACCEPT, _("Accept: apply it to the text now")), (REJECT, _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=DECISION_REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Said to the author and shown on the amendment's page."),
    )


class UpdateAmendmentForm(SingleLineFieldsMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=SECTION_TITLE_MAX, required=False)
    body = forms.CharField(
        label=_("Text"),
        max_length=SECTION_BODY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    rationale = forms.CharField(
        label=_("Rationale"), max_length=RATIONALE_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, deleting=False, **kwargs):
        super().__init__(*args, **kwargs)
        if deleting:  # a deletion proposes no text: only its rationale changes
            del self.fields["title"], self.fields["body"]


class PublishForm(forms.Form):
    note = forms.CharField(
        label=_("What this version changes (optional)"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CompareForm(forms.Form):
    """Two versions among `numbers`; a number that is not one of them is said beside its
    field."""

    de = forms.TypedChoiceField(label=_("From"), coerce=int)
    a = forms.TypedChoiceField(label=_("To"), coerce=int)

    def __init__(self, *args, numbers, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(n), f"V{n}") for n in numbers]
        message = gettext("There is no such version: choose one of %(list)s.") % {
            "list": ", ".join(label for _n, label in choices)
        }
        for name in ("de", "a"):
            self.fields[name].choices = choices
            self.fields[name].error_messages["invalid_choice"] = message
