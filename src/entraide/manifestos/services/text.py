"""What every text people write into a manifesto must be: not empty, within its bound, and
free of HTML (ideas are plain text, sections Markdown: a tag is refused, not silently
dropped, so the writer sees what would be lost)."""

import re

from django.utils.translation import gettext as _

from entraide.core.errors import DomainError
from entraide.manifestos.errors import ManifestoErrorCode

TAG = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>")


def clean_text(value, *, max_length, field) -> str:
    """`value` stripped, or a DomainError beside `field` saying what is wrong with it."""
    value = (value or "").strip()
    if not value:
        raise DomainError(
            _("This field cannot be empty."), code=ManifestoErrorCode.EMPTY_TEXT, field=field
        )
    if len(value) > max_length:
        raise DomainError(
            _("At most %(max)s characters (here %(count)s).")
            % {"max": max_length, "count": len(value)},
            code=ManifestoErrorCode.TEXT_TOO_LONG,
            field=field,
        )
    if TAG.search(value):
        raise DomainError(
            _("HTML tags are not accepted here: write plain text (Markdown in sections)."),
            code=ManifestoErrorCode.HTML_NOT_ALLOWED,
            field=field,
        )
    return value
