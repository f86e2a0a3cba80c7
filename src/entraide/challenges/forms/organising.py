"""The organisers' forms: a challenge's settings, a pledge, a team, its workshops, the
moderation of a testimony and the message to everyone taking part. The services check the
rules (dates, lengths, places); these forms read what was typed."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from entraide.challenges.models import (
    ACTIVITIES_MAX,
    GOAL_WORDING_MAX,
    HIDDEN_REASON_MAX,
    PLEDGE_MAX,
    TEAM_NAME_MAX,
    TITLE_MAX,
)
from entraide.challenges.services.mailing import BODY_MAX, SUBJECT_MAX
from entraide.core.forms import TIME_ZONES, DateInput, SingleLineFieldsMixin, TimeZoneField
from entraide.core.local_time import local_datetime
from entraide.core.markdown import MARKDOWN_HELP

DESCRIPTION_MAX = 20_000
GOAL_MAX = 10_000_000


class ChallengeForm(SingleLineFieldsMixin, forms.Form):
    """The settings of a challenge, when creating it (with its place) and after."""

    single_line_fields = ("title", "goal_wording")

    place = forms.ModelChoiceField(label=_("Place"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=MARKDOWN_HELP,
    )
    starts_on = forms.DateField(label=_("First day"), widget=DateInput)
    ends_on = forms.DateField(label=_("Last day"), widget=DateInput)
    time_zone = TimeZoneField(help_text=_("The days of the challenge are those of this zone."))
    goal = forms.IntegerField(
        label=_("Collective goal"),
        min_value=1,
        max_value=GOAL_MAX,
        help_text=_("In pledge-days kept, all participants together."),
    )
    goal_wording = forms.CharField(
        label=_("Goal, in words"),
        required=False,
        max_length=GOAL_WORDING_MAX,
        help_text=_("For example: 1,000 days without leisure screens, together."),
    )
    own_pledges_allowed = forms.BooleanField(
        label=_("Participants may write their own pledge"), required=False, initial=True
    )
    activities = forms.CharField(
        label=_("Other offline activities"),
        required=False,
        max_length=ACTIVITIES_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line."),
    )

    def __init__(self, *args, places=None, challenge=None, **kwargs):
        if challenge is not None:
            kwargs.setdefault(
                "initial",
                {name: getattr(challenge, name) for name in self.base_fields if name != "place"},
            )
        else:
            kwargs.setdefault("initial", {}).setdefault("time_zone", settings.TIME_ZONE)
        super().__init__(*args, **kwargs)
        if places is None:
            del self.fields["place"]
        else:
            self.fields["place"].queryset = places
        zone = challenge.time_zone if challenge else settings.TIME_ZONE
        if zone not in dict(TIME_ZONES):  # a zone set elsewhere stays choosable
            self.fields["time_zone"].choices = [*TIME_ZONES, (zone, zone)]

    def challenge_fields(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "place"}


class PledgeForm(SingleLineFieldsMixin, forms.Form):
    single_line_fields = ("text",)

    text = forms.CharField(label=_("Pledge"), max_length=PLEDGE_MAX)

    def __init__(self, *args, new=False, **kwargs):
        super().__init__(*args, **kwargs)
        if new:
            self.fields["text"].label = _("A new pledge")


class TeamForm(SingleLineFieldsMixin, forms.Form):
    single_line_fields = ("name",)

    name = forms.CharField(label=_("Team name"), max_length=TEAM_NAME_MAX)

    def __init__(self, *args, new=False, **kwargs):
        super().__init__(*args, **kwargs)
        if new:
            self.fields["name"].label = _("A new team")
            self.fields["name"].help_text = _("Its code is made for it.")


def _workshop_label(workshop):
    if workshop.starts_at is None:
        return workshop.title
    return f"{workshop.title} ({local_datetime(workshop.starts_at)})"


class WorkshopsForm(forms.Form):
    """The place's workshops that prepare the challenge, and those offered during it."""

    preparatory = forms.TypedMultipleChoiceField(
        label=_("Preparatory workshops"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    activities = forms.TypedMultipleChoiceField(
        label=_("Offline activities (workshops)"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, workshops, **kwargs):
        super().__init__(*args, **kwargs)
        self.workshops = {w.pk: w for w in workshops}
        choices = [(w.pk, _workshop_label(w)) for w in workshops]
        for name in ("preparatory", "activities"):
            self.fields[name].choices = choices

    def chosen(self) -> dict:
        return {
            name: [self.workshops[pk] for pk in self.cleaned_data[name]]
            for name in ("preparatory", "activities")
        }


class HideForm(SingleLineFieldsMixin, forms.Form):
    single_line_fields = ("reason",)

    reason = forms.CharField(
        label=_("Reason"),
        max_length=HIDDEN_REASON_MAX,
        help_text=_("Kept with the testimony, for the team."),
    )


class MessageForm(SingleLineFieldsMixin, forms.Form):
    single_line_fields = ("subject",)

    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_MAX)
    body = forms.CharField(
        label=_("Message"), max_length=BODY_MAX, widget=forms.Textarea(attrs={"rows": 10})
    )
