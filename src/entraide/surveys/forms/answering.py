"""The answering form, built from a survey's questions (all of them, or one section's): a field
per question named by services.answering.field_name, and a text box for "Other (specify)".
Each question is checked by services.answering.clean_answer, so that a refusal carries the
same code and message here as in the service, beside its field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from entraide.core.errors import DomainError, add_domain_error
from entraide.surveys.models import SHORT_TEXT_MAX, Kind
from entraide.surveys.services import answering
from entraide.surveys.services.answering import OTHER, field_name, other_field_name


class _Choices(forms.ChoiceField):
    """Any value passes here: clean_answer says what is wrong, with the survey's codes."""

    def valid_value(self, value):
        return True


class _MultipleChoices(forms.MultipleChoiceField):
    def valid_value(self, value):
        return True


def _choices(question):
    choices = [(str(choice.pk), choice.label) for choice in question.choices.all()]
    if question.allow_other:
        choices.append((OTHER, _("Other (specify)")))
    return choices


def _field(question):
    """The field of `question`: never `required` for Django (clean_answer says it, with the
    survey's message), never a Django length or bound validator (clean_answer again)."""
    common = {"label": question.text, "help_text": question.help_text, "required": False}
    kind = question.kind
    if kind == Kind.MULTIPLE:
        return _MultipleChoices(
            choices=_choices(question), widget=forms.CheckboxSelectMultiple, **common
        )
    if kind in (Kind.SINGLE, Kind.YES_NO):
        return _Choices(choices=_choices(question), widget=forms.RadioSelect, **common)
    if kind == Kind.SCALE:
        values = [(str(n), str(n)) for n in range(question.scale_min, question.scale_max + 1)]
        return _Choices(choices=values, widget=forms.RadioSelect, **common)
    if kind == Kind.NUMBER:
        attrs = {"step": "any", "inputmode": "decimal"}
        if question.number_min is not None:
            attrs["min"] = answering._plain(question.number_min)
        if question.number_max is not None:
            attrs["max"] = answering._plain(question.number_max)
        # A CharField: clean_answer reads "2,5" as well as "2.5", and says what is wrong.
        return forms.CharField(widget=forms.NumberInput(attrs=attrs), strip=True, **common)
    limit = answering.text_limit(question)
    if kind == Kind.SHORT_TEXT:
        widget = forms.TextInput(attrs={"maxlength": limit})
    else:
        widget = forms.Textarea(attrs={"maxlength": limit, "rows": 5})
    return forms.CharField(widget=widget, strip=False, **common)


class AnswerForm(forms.Form):
    """The questions given (a survey's, or one of its sections'); `cleaned_data` is what
    services.answering.submit takes."""

    def __init__(self, data=None, *, questions, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(data, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[field_name(question)] = _field(question)
            if question.has_choices and question.allow_other:
                self.fields[other_field_name(question)] = forms.CharField(
                    label=_("Other: which one?"),
                    required=False,
                    strip=True,
                    widget=forms.TextInput(attrs={"maxlength": SHORT_TEXT_MAX}),
                )

    def clean(self):
        data = super().clean()
        for question in self.questions:
            name = field_name(question)
            if name in self.errors:
                continue
            try:
                answering.clean_answer(
                    question, data.get(name), data.get(other_field_name(question), "")
                )
            except DomainError as error:
                add_domain_error(self, error)
        return data

    def rows(self):
        """(question, its bound field, the bound field of its "other" box or None), in order."""
        for question in self.questions:
            other = other_field_name(question)
            other_field = self[other] if other in self.fields else None
            yield question, self[field_name(question)], other_field
