"""The forms of the interviewee's private page: the answer, medium by medium, with the name
they choose; the reading of the final text. They only read what was typed: the services
check the rules, and the views show refusals beside the field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from entraide.stories.errors import StoryErrorCode as Code
from entraide.stories.models import COMMENT_MAX, NAME_MAX, Story

AGREE, REFUSE = "accord", "refus"


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            (AGREE, _("I agree to the publication of what I tick below")),
            (REFUSE, _("I refuse any publication")),
        ],
        widget=forms.RadioSelect,
    )
    media = forms.MultipleChoiceField(
        label=_("What may be published"),
        choices=[
            ("text", _("the text of the story")),
            ("voice", _("my recorded voice (the podcast episode)")),
            ("photo", _("my photo")),
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    credit = forms.ChoiceField(label=_("Under which name"), widget=forms.RadioSelect)
    pseudonym = forms.CharField(
        label=_("Your pseudonym"),
        help_text=_("Only if you chose a pseudonym above."),
        max_length=NAME_MAX,
        required=False,
        error_messages={"max_length": _("A pseudonym of at most %(limit_value)d characters.")},
    )

    def __init__(self, *args, story: Story, **kwargs):
        super().__init__(*args, **kwargs)
        full = story.interviewee_name
        first = full.split()[0] if full.split() else full
        self.fields["credit"].choices = [
            (Story.Credit.FULL_NAME, _("My full name: %(name)s") % {"name": full}),
            (Story.Credit.FIRST_NAME, _("My first name only: %(name)s") % {"name": first}),
            (Story.Credit.PSEUDONYM, _("A pseudonym, which I write below")),
        ]

    def clean(self):
        data = super().clean()
        if data.get("decision") == AGREE and not data.get("media"):
            self.add_error(
                "media",
                forms.ValidationError(
                    _("Tick what may be published, or choose to refuse any publication."),
                    code=Code.NOTHING_CHOSEN,
                ),
            )
        if data.get("credit") == Story.Credit.PSEUDONYM and not data.get("pseudonym", "x"):
            self.add_error(
                "pseudonym",
                forms.ValidationError(
                    _("Write the pseudonym under which you wish to appear."),
                    code=Code.PSEUDONYM_REQUIRED,
                ),
            )
        return data

    def chosen_media(self) -> set[str]:
        if self.cleaned_data["decision"] == REFUSE:
            return set()
        return set(self.cleaned_data["media"])


class ReadingForm(forms.Form):
    """Approve the final text (the button "approve") or ask for corrections (the text)."""

    corrections = forms.CharField(
        label=_("The corrections you would like"),
        help_text=_("The authors receive them by mail."),
        max_length=COMMENT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": _("At most %(limit_value)d characters, please.")},
    )
