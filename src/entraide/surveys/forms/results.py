"""The organisers' publication form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from entraide.surveys.models import TEXT_KINDS, ResultsWhen


class PublicationForm(forms.Form):
    results_when = forms.ChoiceField(
        label=_("Results"), choices=ResultsWhen.choices, widget=forms.RadioSelect
    )
    threshold = forms.IntegerField(
        label=_("Hide the numbers of people below"),
        max_value=1000,
        help_text=_(
            "A smaller number reads “fewer than” this one, so that nobody can be recognised "
            "in a small group. Never below 3."
        ),
    )
    published = forms.TypedMultipleChoiceField(
        label=_("Questions whose results are published"),
        help_text=_("Text answers are never published, only the quotes you choose."),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, survey, questions, **kwargs):
        questions = [q for q in questions if q.kind not in TEXT_KINDS]
        kwargs.setdefault(
            "initial",
            {
                "results_when": survey.results_when,
                "threshold": survey.threshold,
                "published": [q.pk for q in questions if q.results_public],
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["published"].choices = [(q.pk, q.text) for q in questions]
