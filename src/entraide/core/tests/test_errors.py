"""Domain errors carry a code: forms and messages keep it."""

from django import forms
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import NON_FIELD_ERRORS
from django.test import RequestFactory

from entraide.core.errors import DomainError, add_domain_error, add_domain_message


class InvitationForm(forms.Form):
    email = forms.EmailField()


def test_a_domain_error_goes_beside_its_field_with_its_code():
    form = InvitationForm({"email": "dom@example.org"})
    assert form.is_valid()
    error = DomainError("Déjà là.", code="already_organiser", field="email")

    add_domain_error(form, error)

    assert form.has_error("email", "already_organiser")
    assert form.errors["email"] == ["Déjà là."]
    assert not form.is_valid()


def test_a_domain_error_for_a_field_the_form_lacks_goes_on_the_whole_form():
    form = InvitationForm({"email": "dom@example.org"})
    form.is_valid()

    add_domain_error(form, DomainError("Fermé : 100 %.", code="poll_closed", field="slots"))

    assert form.has_error(NON_FIELD_ERRORS, "poll_closed")
    assert form.non_field_errors() == ["Fermé : 100 %."]  # a "%" is not a format


def test_a_domain_message_is_an_error_tagged_with_its_code():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)

    add_domain_message(request, DomainError("Trop tard.", code="too_late_to_take_back"))

    (message,) = list(request._messages)
    assert (message.level, message.message) == (messages.ERROR, "Trop tard.")
    assert message.extra_tags == "too_late_to_take_back"
