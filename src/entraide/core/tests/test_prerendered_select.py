"""A select whose options are written once per language reads exactly as Django's own."""

import pytest
from django import forms
from django.utils import translation

from entraide.core.forms import PrerenderedSelect
from entraide.places.models import Region


class Filters(forms.Form):
    region = forms.ChoiceField(
        label="Région",
        required=False,
        choices=[("", "Toutes les régions"), *Region.choices, ("l'autre", "<Ailleurs> & co")],
        widget=PrerenderedSelect,
    )
    mode = forms.ChoiceField(choices=[("1", "Un"), ("2", "Deux")], widget=PrerenderedSelect)


def as_django_writes_it(form, name):
    form.fields[name].widget.__class__ = forms.Select
    try:
        return str(form[name])
    finally:
        form.fields[name].widget.__class__ = PrerenderedSelect


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(
    "data",
    [{}, {"region": "occitanie", "mode": "2"}, {"region": "l'autre"}, {"region": "nulle-part"}],
    ids=["nothing chosen", "chosen", "escaped value", "unknown value (aria-invalid)"],
)
def test_a_prerendered_select_is_the_html_of_djangos_select(language, data):
    with translation.override(language):
        form = Filters(data)
        form.is_valid()
        for name in ("region", "mode"):
            assert str(form[name]) == as_django_writes_it(form, name)


def test_the_options_follow_the_language_of_the_page():
    from entraide.workshops.forms import FilterForm

    with translation.override("en"):
        english = str(FilterForm({})["quand"])
    with translation.override("fr"):
        french = str(FilterForm({})["quand"])

    assert ">Upcoming</option>" in english
    assert ">À venir</option>" in french
