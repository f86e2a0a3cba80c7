from django import template

from entraide.surveys.services.results import figure_text

register = template.Library()


@register.simple_tag
def figure(count, threshold):
    """A count as shown: the number, "fewer than N" or "hidden"."""
    return figure_text(count, threshold)
