"""What forms of every capability share."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Every character Python's str.splitlines() breaks a line at: CR, LF, vertical tab, form feed,
# the file/group/record separators, NEL, and the Unicode line and paragraph separators.
LINE_BREAK = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def validate_single_line(value):
    """A title or a subject ends up in mail headers (Subject), where a line break would
    break every mail, or inject headers."""
    if isinstance(value, str) and LINE_BREAK.search(value):
        raise ValidationError(
            _("Write it on one line: line breaks are not accepted here."), code="line_break"
        )


class SingleLineFieldsMixin:
    """Refuse line breaks in the form's `single_line_fields`, beside the field."""

    single_line_fields: tuple[str, ...] = ("title",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.single_line_fields:
            if name in self.fields:
                self.fields[name].validators.append(validate_single_line)
