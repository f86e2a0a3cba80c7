"""Small text filters of the stories' pages."""

from django import template
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def and_list(names):
    """["Léa", "Hugo", "Sam"] -> "Léa, Hugo et Sam" (in the page's language)."""
    return get_text_list([str(name) for name in names], _("and"))
