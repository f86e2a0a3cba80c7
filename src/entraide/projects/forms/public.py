"""The filters of a catalogue's page (a GET form: it works without JavaScript, and its
address can be shared). Each filter offers only the values present among the projects shown."""

from django import forms
from django.utils.translation import gettext_lazy as _

from entraide.projects.models import OutputKind


class ProjectFilterForm(forms.Form):
    """`public` (an audience's slug), `etiquette` (a tag's slug), `type` (a kind of output).
    An unknown value is an error of its field; the other filters still apply."""

    public = forms.ChoiceField(label=_("Recommended audience"), required=False)
    etiquette = forms.ChoiceField(label=_("Tag"), required=False)
    type = forms.ChoiceField(label=_("What it leads to"), required=False)

    def __init__(self, data=None, *, audiences=(), tags=(), kinds=()):
        super().__init__(data)
        self.fields["public"].choices = [("", _("All audiences"))] + [
            (a.slug, a.name) for a in audiences
        ]
        self.fields["etiquette"].choices = [("", _("All tags"))] + [(t.slug, t.name) for t in tags]
        labels = dict(OutputKind.choices)
        self.fields["type"].choices = [("", _("All kinds"))] + [
            (kind, labels[kind]) for kind in OutputKind.values if kind in set(kinds)
        ]
        self._audiences = {a.slug: a for a in audiences}
        self._tags = {t.slug: t for t in tags}

    def chosen(self):
        """{"audience": Audience | None, "tag": Tag | None, "kind": str} of the valid
        filters (call after is_valid())."""
        data = getattr(self, "cleaned_data", {})
        return {
            "audience": self._audiences.get(data.get("public") or ""),
            "tag": self._tags.get(data.get("etiquette") or ""),
            "kind": data.get("type") or "",
        }

    @property
    def active(self) -> bool:
        """Some filter was asked for (valid or not): the page offers to clear them."""
        return any(self.data.get(name) for name in self.fields)
