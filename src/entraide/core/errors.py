"""Domain errors: how a service refuses an operation, and how views and tests read the refusal.

A service that refuses an operation because a rule of the domain forbids it (a slot in the
past, a person already an organiser, a poll closed to answers) raises
`DomainError(message, code=…, field=…)`:

- `code`, always given: a short, stable, English string naming the rule ("slot_in_past"), as
  the code of Django's `ValidationError`. Each app lists its codes once, in `<app>/errors.py`,
  as a `StrEnum` (`PollErrorCode.SLOT_IN_PAST`); several sentences may share a code when they
  state the same rule. A code is not renamed lightly: tests and views hold on to it.
- `message`: the translated sentence the person reads (gettext, in the current language).
  It may change wording at any time.
- `field`: the form field it belongs beside, or None for the whole form.

A form that checks the same rule before the service (to answer beside the field at once)
raises its `ValidationError` with the same code, so that which layer refused does not matter.

In a view:
- `add_domain_error(form, error)` puts the refusal beside its field (or at the top of the form
  when the form has no such field) as a `ValidationError` carrying the code; the view renders
  the form again with status 400.
- `add_domain_message(request, error)`, when the view redirects instead: an error message
  (django.contrib.messages) whose `extra_tags` is the code.
A view that must act differently on one refusal compares `error.code`, never the message or
the field. Tests do the same: `excinfo.value.code == PollErrorCode.SLOT_IN_PAST`,
`form.has_error("slots", PollErrorCode.SLOT_IN_PAST)`, or the message's `extra_tags`; the
sentences themselves are the translators' (script/check-translations), not the tests'.
A test in core/tests/test_errors.py finds any `DomainError(…)` in the tree without a code.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError


class DomainError(Exception):
    """A rule of the domain refused an operation: `code` names the rule, `message` tells the
    person, `field` is the form field it belongs beside (None: the whole form)."""

    def __init__(self, message, *, code=None, field=None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field

    def __repr__(self):
        return f"{type(self).__name__}(code={self.code!r}, field={self.field!r})"


def add_domain_error(form, error: DomainError):
    """Show `error` beside its field of `form` (or on the whole form), keeping its code:
    `form.has_error(field, code)` answers."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, ValidationError(error.message, code=error.code))


def add_domain_message(request, error: DomainError):
    """Show `error` on the next page, as an error message tagged with its code."""
    messages.error(request, error.message, extra_tags=error.code or "")
