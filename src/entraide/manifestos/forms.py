"""Forms of manifestos: parsing and field errors only; the rules are the services'."""

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from entraide.core.forms import SingleLineFieldsMixin
from entraide.core.markdown import MARKDOWN_HELP
from entraide.manifestos.models import (
    COMMENT_MAX,
    DOTS_MAX,
    GROUP_MAX,
    HIDE_REASON_MAX,
    IDEA_MAX,
    NAME_MAX,
    QUESTION_MAX,
    RATIONALE_MAX,
    SECTION_BODY_MAX,
    SECTION_TITLE_MAX,
    AmendmentKind,
    Manifesto,
    Phase,
    VoteChoice,
)


def _limit(count):
    """ "At most N characters.", in the language of each request (a lazy text formatted with %
    at import time would stay in the language active then)."""
    return lazy(lambda: gettext("At most %(count)s characters.") % {"count": count}, str)()


class ManifestoForm(SingleLineFieldsMixin, forms.ModelForm):
    class Meta:
        model = Manifesto
        fields = ["title", "series", "description", "dots_per_question"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"description": MARKDOWN_HELP}

    def __init__(self, *args, series, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["series"].queryset = series
        self.fields["series"].required = False
        self.fields["dots_per_question"].min_value = 1
        self.fields["dots_per_question"].max_value = DOTS_MAX
        self.fields["dots_per_question"].widget.attrs.update(min=1, max=DOTS_MAX)

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Question"), max_length=QUESTION_MAX, help_text=_limit(QUESTION_MAX)
    )
    workshop = forms.ModelChoiceField(
        label=_("Workshop where it is posed (optional)"), queryset=None, required=False
    )

    def __init__(self, *args, workshops, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workshop"].queryset = workshops


class SectionForm(SingleLineFieldsMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=SECTION_TITLE_MAX)
    body = forms.CharField(
        label=_("Text"),
        max_length=SECTION_BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    cited_ideas = forms.TypedMultipleChoiceField(
        label=_("Ideas it comes from"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each idea cited shows “taken up in section N” on the wall."),
    )

    def __init__(self, *args, ideas, **kwargs):
        super().__init__(*args, **kwargs)
        # Formatted here, in the language of the request, not at import time.
        self.fields["body"].help_text = gettext(
            "Markdown formatting: **bold**, *italics*, lists (lines starting with -), links "
            "[text](https://…). At most %(count)s characters; no HTML."
        ) % {"count": f"{SECTION_BODY_MAX:,}".replace(",", "\u202f")}
        self.fields["cited_ideas"].choices = [
            (idea.pk, f"{idea.text} — {idea.author_name}") for idea in ideas
        ]


class IdeaForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=NAME_MAX)
    text = forms.CharField(
        label=_("Your idea"),
        max_length=IDEA_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_limit(IDEA_MAX),
    )

    def __init__(self, *args, question, **kwargs):
        # Several on one page, one per question: ids of their own, so each label leads to its
        # own field.
        kwargs.setdefault("auto_id", f"q{question.pk}_%s")
        super().__init__(*args, **kwargs)


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, shown to everyone"),
        max_length=HIDE_REASON_MAX,
        help_text=_limit(HIDE_REASON_MAX),
    )

    def __init__(self, *args, idea, **kwargs):
        kwargs.setdefault("auto_id", f"i{idea.pk}_%s")
        super().__init__(*args, **kwargs)


class GroupForm(forms.Form):
    ideas = forms.TypedMultipleChoiceField(
        label=_("Ideas"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    group = forms.CharField(
        label=_("Group"),
        max_length=GROUP_MAX,
        required=False,
        help_text=_("Empty: the ideas leave their group."),
    )

    def __init__(self, *args, ideas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ideas"].choices = [(idea.pk, idea.text) for idea in ideas]


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("Next phase"), choices=Phase.choices)


class AmendmentForm(SingleLineFieldsMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you propose?"),
        choices=AmendmentKind.choices,
        initial=AmendmentKind.REPLACE,
        widget=forms.RadioSelect,
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=SECTION_TITLE_MAX,
        required=False,
        help_text=_("For a replacement or a new section."),
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=SECTION_BODY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    rationale = forms.CharField(
        label=_("Rationale"),
        max_length=RATIONALE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    # Without an account only
    name = forms.CharField(
        label=_("Your name"), max_length=NAME_MAX, help_text=_("Shown with the amendment.")
    )
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_(
            "Never shown. You will receive a link to confirm: nobody sees the amendment until then."
        ),
    )

    def __init__(self, *args, signed_in=True, section=None, **kwargs):
        super().__init__(*args, **kwargs)
        if signed_in:
            del self.fields["name"], self.fields["email"]
        if section is not None:  # each choice names the section it acts on
            self.fields["kind"].choices = [
                (AmendmentKind.REPLACE, gettext("Replace the text of “%(title)s”")),
                (AmendmentKind.DELETE, gettext("Delete “%(title)s”")),
                (AmendmentKind.ADD, gettext("Add a new section after “%(title)s”")),
            ]
            self.fields["kind"].choices = [
                (value, label % {"title": section.title})
                for value, label in self.fields["kind"].choices
            ]
            self.fields["title"].help_text = gettext(
                "For a replacement or a new section; ignored for a deletion."
            )
        # Formatted here, in the language of the request (a lazy text formatted at import
        # time would stay in the default language).
        self.fields["body"].help_text = gettext(
            "For a replacement, it starts from the current text: change what you propose to "
            "change. For a new section, replace it with yours. Ignored for a deletion. Markdown "
            "formatting; at most %(count)s characters; no HTML."
        ) % {"count": f"{SECTION_BODY_MAX:,}".replace(",", "\u202f")}
        self.fields["rationale"].help_text = gettext(
            "Why this change? At most %(count)s characters."
        ) % {"count": f"{RATIONALE_MAX:,}".replace(",", "\u202f")}


# Votes and comments


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Your vote"), choices=VoteChoice.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, amendment, **kwargs):
        kwargs.setdefault("auto_id", f"vote{amendment.pk}_%s")
        super().__init__(*args, **kwargs)


class CommentForm(forms.Form):
    """A comment, or a reply under `parent` (a hidden field): several on one page, each with
    ids of its own."""

    name = forms.CharField(label=_("Your name"), max_length=NAME_MAX)
    body = forms.CharField(
        label=_("Your comment"), max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, reply_to=None, **kwargs):
        kwargs.setdefault("auto_id", f"reponse{reply_to}_%s" if reply_to else "commentaire_%s")
        super().__init__(*args, **kwargs)
        if reply_to:
            self.fields["body"].label = gettext("Your reply")
            self.fields["parent"].initial = reply_to
        # Formatted here, in the language of the request.
        self.fields["body"].help_text = gettext("Plain text, at most %(count)s characters.") % {
            "count": f"{COMMENT_MAX:,}".replace(",", "\u202f")
        }


class CommentHideForm(forms.Form):
    reason = forms.CharField(label=_("Reason, shown to everyone"), max_length=HIDE_REASON_MAX)

    def __init__(self, *args, comment, **kwargs):
        kwargs.setdefault("auto_id", f"masquer{comment.pk}_%s")
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = gettext("At most %(count)s characters.") % {
            "count": HIDE_REASON_MAX
        }
