"""The pair's start form: one per kind of output, its fields prefilled from the project. What a
form offers from another capability (the kinds of story, a collection's themes, the themes of
workshops) comes from the kind's adapter (`options(project)`), so that this module imports no
other capability and works with any of them removed."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.core.forms import DateInput, SingleLineFieldsMixin
from entraide.places.models import Place
from entraide.projects.models import TITLE_MAX, OutputKind

INTERVIEWEE_MAX = 150
GOAL_MAX = 1_000_000


class PlaceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.city})" if getattr(obj, "city", "") else obj.name


class StartForm(SingleLineFieldsMixin, forms.Form):
    """What every kind asks: a title, prefilled with the project's."""

    single_line_fields = ("title", "interviewee_name")
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)

    def __init__(self, *args, project, options, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("title", project.title)
        super().__init__(*args, **kwargs)
        self.project = project
        self.options = options

    def choices(self) -> dict:
        """What the adapter's start() takes."""
        return dict(self.cleaned_data)


class StoryStartForm(StartForm):
    story_kind = forms.ChoiceField(label=_("Kind of story"))
    themes = forms.TypedMultipleChoiceField(
        label=_("Themes"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    interviewee_name = forms.CharField(
        label=_("Name of the person you will interview"),
        max_length=INTERVIEWEE_MAX,
        required=False,
        help_text=_("You may give it later."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["story_kind"].choices = self.options.get("kinds", [])
        self.fields["themes"].choices = self.options.get("themes", [])
        self.initial.setdefault("themes", self.options.get("themes_initial", []))
        if not self.options.get("themes"):
            del self.fields["themes"]


class PlacedStartForm(StartForm):
    """A workshop, a survey or a challenge happens at a place of the directory: the
    catalogue's place is offered first."""

    place = PlaceField(
        label=_("Place"),
        queryset=Place.objects.none(),
        empty_label=_("Choose a place"),
        help_text=_("Its team is told, and publishes it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = (
            Place.objects.published().only("pk", "name", "city", "slug", "status").order_by("name")
        )
        place = self.project.catalogue.place
        if place is not None and place.is_published:
            self.initial.setdefault("place", place.pk)
        self.order_fields(["place", "title"])


class WorkshopStartForm(PlacedStartForm):
    theme = forms.ChoiceField(label=_("Theme"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = self.options.get("themes", [])
        themes = [value for value, _label in self.options.get("themes", [])]
        self.initial.setdefault("theme", themes[-1] if themes else "")


class SurveyStartForm(PlacedStartForm):
    pass


class ChallengeStartForm(PlacedStartForm):
    starts_on = forms.DateField(label=_("First day"), widget=DateInput)
    ends_on = forms.DateField(label=_("Last day"), widget=DateInput)
    goal = forms.IntegerField(
        label=_("Collective goal"),
        min_value=1,
        max_value=GOAL_MAX,
        help_text=_("In pledge-days kept, all participants together."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        first = timezone.localdate() + timedelta(days=14)
        self.initial.setdefault("starts_on", first)
        self.initial.setdefault("ends_on", first + timedelta(days=self.options.get("days", 10) - 1))
        self.initial.setdefault("goal", self.options.get("goal", 100))


FORMS = {
    OutputKind.STORY: StoryStartForm,
    OutputKind.WORKSHOP: WorkshopStartForm,
    OutputKind.SURVEY: SurveyStartForm,
    OutputKind.CHALLENGE: ChallengeStartForm,
}


def start_form(project, module, data=None):
    """The start form of the project's kind, or None when there is nothing to start (kind
    "other", its capability absent, or, for a story, no collection)."""
    form_class = FORMS.get(project.output_kind)
    if form_class is None or module is None:
        return None
    options = module.options(project)
    if "collection" in options and options["collection"] is None:
        return None
    return form_class(data, project=project, options=options)
