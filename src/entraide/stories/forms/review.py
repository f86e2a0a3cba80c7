"""The editors' comment on a story (also the comment that asks for changes)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from entraide.stories.models import COMMENT_MAX


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The authors receive it by mail."),
    )


class ChangesForm(CommentForm):
    """The comment that asks the authors for changes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_changes_%s")
        super().__init__(*args, **kwargs)
        self.fields["body"].label = _("What should change")
        self.fields["body"].help_text = _("The authors receive it by mail, and may edit again.")
