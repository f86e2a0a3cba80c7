"""Domain errors carry a code: forms and messages keep it, and every one in the tree has one."""

import ast
import importlib
import re
from enum import StrEnum
from pathlib import Path

from django import forms
from django.apps import apps
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import NON_FIELD_ERRORS
from django.test import RequestFactory

import entraide
from entraide.core.errors import DomainError, add_domain_error, add_domain_message

SOURCE = Path(entraide.__file__).parent


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


def _domain_error_classes(trees) -> set[str]:
    """DomainError and the names of its subclasses in the tree (LineError…)."""
    names = {"DomainError"}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any(
                getattr(base, "id", getattr(base, "attr", None)) in names for base in node.bases
            ):
                names.add(node.name)
    return names


def test_every_domain_error_in_the_tree_names_its_code():
    trees = {
        path: ast.parse(path.read_text(), str(path))
        for path in SOURCE.rglob("*.py")
        if "tests" not in path.relative_to(SOURCE).parts
    }
    classes = _domain_error_classes(trees)
    without_code = []
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            code = next((k.value for k in node.keywords if k.arg == "code"), None)
            if name in classes and (
                code is None or (isinstance(code, ast.Constant) and code.value is None)
            ):
                without_code.append(f"{path.relative_to(SOURCE)}:{node.lineno}")
    assert without_code == []
    assert "LineError" in classes  # the walk finds subclasses


def test_each_apps_codes_are_short_lowercase_words():
    enums = []
    for config in apps.get_app_configs():
        if not config.name.startswith("entraide."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.errors")
        except ModuleNotFoundError:
            continue
        enums += [
            value
            for value in vars(module).values()
            if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum
        ]
    assert len(enums) >= 3  # places, workshops, polls
    for enum in enums:
        for member in enum:
            assert re.fullmatch(r"[a-z]+(_[a-z]+)*", member.value), member
