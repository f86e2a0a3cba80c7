"""The organisers' forms: a catalogue's settings, a project (its audiences and tags as text,
its links as a formset of a few rows that works without JavaScript), pairing two people.
Lengths are bounded here too, so that a huge text is answered beside its field; the rules are
the services' (services/catalogues.py)."""

from django import forms
from django.forms.formsets import TOTAL_FORM_COUNT
from django.utils.translation import gettext_lazy as _

from entraide.core.forms import SingleLineFieldsMixin
from entraide.projects.models import (
    DESCRIPTION_MAX,
    LINK_DESCRIPTION_MAX,
    LINK_TITLE_MAX,
    LINKS_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
    URL_MAX,
    OutputKind,
    ProjectLink,
)

NAMES_TEXT_MAX = 10_000
EMPTY_LINK_ROWS = 3


class CatalogueForm(SingleLineFieldsMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=SUMMARY_MAX,
        required=False,
        help_text=_("One sentence shown in the list of catalogues."),
    )
    description = forms.CharField(
        label=_("Description (Markdown)"),
        max_length=DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    @classmethod
    def for_catalogue(cls, catalogue, data=None):
        initial = {name: getattr(catalogue, name) for name in ("title", "summary", "description")}
        return cls(data, initial=initial)


class ProjectForm(SingleLineFieldsMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("A sentence or two shown in the catalogue."),
    )
    description = forms.CharField(
        label=_("Description (Markdown)"),
        max_length=DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    audiences = forms.CharField(
        label=_("Recommended audience"),
        max_length=NAMES_TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One audience a line, e.g. Students in humanities and social sciences."),
    )
    tags = forms.CharField(
        label=_("Tags"),
        max_length=NAMES_TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One tag a line, or separated by commas, at most 30."),
    )
    duration = forms.CharField(
        label=_("Duration and format"),
        max_length=TITLE_MAX,
        required=False,
        help_text=_("For example: three workshops of 1 h 30, an interview and a portrait."),
    )
    output_kind = forms.ChoiceField(
        label=_("What it leads to"), choices=OutputKind.choices, initial=OutputKind.OTHER
    )
    in_pairs = forms.BooleanField(label=_("Done in pairs"), required=False, initial=True)
    max_pairs = forms.IntegerField(
        label=_("Most pairs"),
        required=False,
        min_value=1,
        max_value=1000,
        help_text=_("Empty: no limit."),
    )
    collection_slug = forms.CharField(
        label=_("Collection of stories"),
        max_length=80,
        required=False,
        help_text=_(
            "For a project leading to a story: the address on the site of the collection "
            "where its stories go (e.g. recits-de-la-transition)."
        ),
    )
    workshop_minutes = forms.IntegerField(
        label=_("Length of a workshop (minutes)"), min_value=1, max_value=24 * 60, initial=90
    )
    workshop_capacity = forms.IntegerField(
        label=_("Places per workshop"), min_value=1, max_value=1000, initial=15
    )
    workshop_sessions = forms.IntegerField(
        label=_("Number of workshops"), min_value=1, max_value=100, initial=1
    )

    SETTINGS = (
        "title",
        "summary",
        "description",
        "duration",
        "output_kind",
        "in_pairs",
        "max_pairs",
        "collection_slug",
        "workshop_minutes",
        "workshop_capacity",
        "workshop_sessions",
    )

    @classmethod
    def for_project(cls, project, data=None):
        initial = {name: getattr(project, name) for name in cls.SETTINGS}
        initial["audiences"] = "\n".join(a.name for a in project.audiences.all())
        initial["tags"] = "\n".join(t.name for t in project.tags.all())
        return cls(data, initial=initial)

    def project_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.SETTINGS}


class LinkForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=ProjectLink.Kind.choices, initial=ProjectLink.Kind.EXAMPLE
    )
    title = forms.CharField(label=_("Title of the link"), max_length=LINK_TITLE_MAX, required=False)
    url = forms.CharField(
        label=_("Address (https://…)"),
        max_length=URL_MAX,
        required=False,
        widget=forms.URLInput,
    )
    description = forms.CharField(
        label=_("Description of the link"), max_length=LINK_DESCRIPTION_MAX, required=False
    )


class BaseLinkFormSet(forms.BaseFormSet):
    def clean(self):
        """A negative number of rows (an altered page) would silently drop the rows sent."""
        super().clean()
        if self.management_form.cleaned_data.get(TOTAL_FORM_COUNT, 0) < 0:
            raise forms.ValidationError(
                _("The form was altered: reload the page and try again."), code="altered"
            )

    def links(self) -> list[dict]:
        """Each row as the service takes it, empty rows included (the service skips them and
        names a refused row by its index in this list)."""
        return [form.cleaned_data for form in self.forms]


LinkFormSet = forms.formset_factory(
    LinkForm,
    formset=BaseLinkFormSet,
    extra=EMPTY_LINK_ROWS,
    max_num=LINKS_MAX,
    validate_max=True,
    absolute_max=LINKS_MAX + EMPTY_LINK_ROWS,
)


def link_formset(project=None, data=None):
    if data is not None:
        return LinkFormSet(data, prefix="links")
    initial = []
    if project is not None:
        initial = [
            {
                "kind": link.kind,
                "title": link.title,
                "url": link.url,
                "description": link.description,
            }
            for link in project.links.all()
        ]
    return LinkFormSet(initial=initial, prefix="links")


class PairPeopleForm(forms.Form):
    """Two people of the list of those without a partner, by their account's number."""

    first = forms.TypedChoiceField(label=_("First person"), coerce=int)
    second = forms.TypedChoiceField(label=_("Second person"), coerce=int)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [(user.pk, label) for user, label in people]
        self.fields["first"].choices = choices
        self.fields["second"].choices = choices
