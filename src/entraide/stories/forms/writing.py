"""The authors' forms: the collection's code, a new story, the text, the partner's address, an
answer to the editors. Lengths are the models'; a refusal of a service goes beside its field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from entraide.stories.models import (
    BODY_MAX,
    CODE_LENGTH,
    COMMENT_MAX,
    NAME_MAX,
    TITLE_MAX,
    Story,
)

SUMMARY_MAX = 500


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("The collection's code"),
        max_length=CODE_LENGTH + 8,
        help_text=_("Its editors gave it to you: eight letters and digits."),
    )


def _pseudonym_given(form, data):
    if data.get("credit") == Story.Credit.PSEUDONYM and not data.get("pseudonym", "").strip():
        form.add_error(
            "pseudonym", forms.ValidationError(_("Give the pseudonym."), code="required")
        )
    return data


class ThemesField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.name


def _themes(collection):
    return ThemesField(
        label=_("Themes"), queryset=collection.themes.all(), required=False, to_field_name="pk"
    )


class StartForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    kind = forms.ChoiceField(label=_("Kind"), choices=Story.Kind.choices)
    summary = forms.CharField(
        label=_("Summary"), max_length=SUMMARY_MAX, required=False, widget=forms.Textarea
    )
    interviewee_name = forms.CharField(
        label=_("Name of the person interviewed"), max_length=NAME_MAX
    )
    interviewee_email = forms.EmailField(
        label=_("Their email address"),
        required=False,
        help_text=_("To send them the consent request. You may add it later."),
    )
    credit = forms.ChoiceField(
        label=_("How to credit them"),
        choices=Story.Credit.choices,
        widget=forms.RadioSelect,
        initial=Story.Credit.FULL_NAME,
        help_text=_("They will confirm it when they give their consent."),
    )
    pseudonym = forms.CharField(label=_("The pseudonym"), max_length=NAME_MAX, required=False)

    def __init__(self, *args, collection, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"] = _themes(collection)
        self.order_fields(["title", "kind", "themes", "summary"])

    def clean(self):
        return _pseudonym_given(self, super().clean())


class IntervieweeForm(forms.Form):
    interviewee_name = StartForm.base_fields["interviewee_name"]
    interviewee_email = StartForm.base_fields["interviewee_email"]
    credit = StartForm.base_fields["credit"]
    pseudonym = StartForm.base_fields["pseudonym"]

    def clean(self):
        return _pseudonym_given(self, super().clean())


class WriteForm(forms.Form):
    base = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=SUMMARY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    body = forms.CharField(
        label=_("Text (Markdown)"),
        max_length=BODY_MAX,
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text=_("Markdown: a blank line between paragraphs, **bold**, *italics*, > a quote."),
    )

    def __init__(self, *args, collection, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"] = _themes(collection)
        self.order_fields(["base", "title", "summary", "themes", "body"])


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Your partner's email address"), max_length=254)


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer to the editors"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
