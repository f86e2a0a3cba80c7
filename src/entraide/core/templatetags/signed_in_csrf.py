"""`{% signed_in_csrf_token %}`: the CSRF token of forms a visitor may post without an account
(see entraide.core.csrf), only for a signed-in person, so a visitor's page sets no cookie."""

from django import template
from django.template.backends.utils import csrf_input

register = template.Library()


@register.simple_tag(takes_context=True)
def signed_in_csrf_token(context):
    request = context.get("request")
    if request is None:
        return ""
    user = getattr(request, "user", None)
    if user is not None and not user.is_authenticated:
        return ""
    # Signed in, or a page drawn before the user is known (a 400 page): the token, as always.
    return csrf_input(request)
