from django import template

from entraide.core.ordinals import rank as rank_of

register = template.Library()


@register.filter
def rank(number):
    """{{ position|rank }}: 1st, 2nd… (1ʳᵉ, 2ᵉ… in French)."""
    return rank_of(int(number))
