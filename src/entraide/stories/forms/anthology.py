"""The editors' forms for an anthology: its title and introduction, the story to pick, the
format to build. The services check the rules (a public story, at least one to export)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from entraide.core.forms import SingleLineFieldsMixin
from entraide.core.markdown import MARKDOWN_HELP
from entraide.stories.models import TITLE_MAX, AnthologyExport

INTRODUCTION_MAX = 20_000


class AnthologyForm(SingleLineFieldsMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        max_length=INTRODUCTION_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=MARKDOWN_HELP,
    )


class PickForm(forms.Form):
    """The story to add, among the collection's public stories not picked yet. The number is
    read as typed: the service refuses a story that is not public (NOT_PUBLIC)."""

    story = forms.IntegerField(label=_("Story to add"), min_value=1, widget=forms.Select)

    def offer(self, candidates):
        self.fields["story"].widget.choices = [
            (story.pk, f"{story.title} — {story.credited_name()}") for story in candidates
        ]


class ExportForm(forms.Form):
    format = forms.ChoiceField(choices=AnthologyExport.Format.choices)
