"""The public form of a challenge: joining it."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from entraide.challenges.models import NAME_MAX, PLEDGE_MAX, Feeling
from entraide.challenges.services import Assessment
from entraide.core.forms import SingleLineFieldsMixin


def _hour(hour: int) -> str:
    return gettext("%(hour)s:00") % {"hour": hour}


HOURS = [("", _("No reminder")), *((str(h), lazy(_hour, str)(h)) for h in range(24))]


class PledgesField(forms.ModelMultipleChoiceField):
    """The pledges ticked: an id that is no whole number the database can hold is refused like
    any unknown one, before the query (a 30-digit id made it fail: a 500)."""

    def _check_values(self, value):
        for pk in value:
            text = str(pk)
            if not (text.isascii() and text.isdigit() and len(text) <= 18):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": text[:20]},
                )
        return super()._check_values(value)


class JoinForm(SingleLineFieldsMixin, forms.Form):
    """Without an account: a name and an address. Signed in: the account's address, and the
    name only to replace the account's. The pledges of the challenge (and one's own when the
    challenge allows it), a team code, the "before" questions and the reminder's hour."""

    single_line_fields = ("name", "own_pledge", "team_code")

    name = forms.CharField(
        label=_("Your name or a pseudonym"),
        max_length=NAME_MAX,
        help_text=_("Your buddy will know you by it. It is never shown on the public pages."),
    )
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("You will receive your private link there: following it confirms it."),
    )
    pledges = PledgesField(
        label=_("Your pledges"),
        queryset=None,
        required=False,  # one's own pledge may be the only one: the service checks
        widget=forms.CheckboxSelectMultiple,
        help_text=_("At least one. You keep them for each day of the challenge."),
    )
    own_pledge = forms.CharField(
        label=_("Your own pledge (optional)"),
        max_length=PLEDGE_MAX,
        required=False,
        help_text=_("For example: no phone on the bus."),
    )
    team_code = forms.CharField(
        label=_("Team code (optional)"),
        max_length=16,
        required=False,
        help_text=_("Six characters given by your class, your association or your family."),
    )
    before_screen_hours = forms.IntegerField(
        label=_("Your leisure screen hours a day, today"),
        min_value=0,
        max_value=24,
        required=False,
        help_text=_("An estimate. Only counted with others', never shown alone."),
    )
    before_feeling = forms.TypedChoiceField(
        label=_("How do you feel about your screen time?"),
        choices=Feeling.choices,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    reminder_hour = forms.TypedChoiceField(
        label=_("A daily reminder by mail (optional)"),
        choices=HOURS,
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Unless you have already checked in that day. One click stops it."),
    )

    def __init__(self, *args, challenge, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pledges"].queryset = challenge.pledges.filter(owner__isnull=True)
        if not challenge.own_pledges_allowed:
            del self.fields["own_pledge"]
        self.signed_in = user is not None and user.is_authenticated
        if self.signed_in:
            del self.fields["email"]
            self.fields["name"].required = False
            self.fields["name"].label = _("Your name or a pseudonym (optional)")
            self.fields["name"].help_text = _(
                "Leave empty to be known by your account's name (%(name)s)."
            ) % {"name": user.public_name}

    def clean(self):
        data = super().clean()
        hours, feeling = data.get("before_screen_hours"), data.get("before_feeling")
        if (hours is None) != (feeling is None) and not self.errors:
            missing = "before_feeling" if feeling is None else "before_screen_hours"
            self.add_error(missing, _("Answer both questions, or neither."))
        return data

    def assessment(self) -> Assessment | None:
        hours, feeling = (
            self.cleaned_data.get(k) for k in ("before_screen_hours", "before_feeling")
        )
        return None if hours is None else Assessment(screen_hours=hours, feeling=feeling)

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data.get("name", ""),
            "email": data.get("email", ""),
            "pledges": list(data.get("pledges") or ()),
            "own_pledge": data.get("own_pledge", ""),
            "team_code": data.get("team_code", ""),
            "reminder_hour": data.get("reminder_hour"),
            "before": self.assessment(),
        }
