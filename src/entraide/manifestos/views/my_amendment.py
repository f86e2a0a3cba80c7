"""The private link of an amendment proposed without an account: its author confirms her
address there (the amendment is then public), follows it and may withdraw it. Confirming is a
button, not the visit: mail scanners open links."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entraide.core.csrf import csrf_protect_signed_in
from entraide.core.errors import DomainError, add_domain_message
from entraide.manifestos import services
from entraide.manifestos.models import Phase
from entraide.manifestos.services.amendments import confirmation_expired, find_by_token


def _invalid(request):
    return render(request, "manifestos/link_invalid.html", status=404)


def my_amendment(request, token, *, status=200):
    amendment = find_by_token(token)
    if amendment is None:
        return _invalid(request)
    manifesto = amendment.manifesto
    open_now = manifesto.phase == Phase.AMENDMENTS_OPEN and amendment.is_open
    context = {
        "token": token,
        "amendment": amendment,
        "manifesto": manifesto,
        "expired": confirmation_expired(amendment),
        "confirmable": open_now and not amendment.is_public,
        "withdrawable": open_now,
    }
    return render(request, "manifestos/my_amendment.html", context, status=status)


@csrf_protect_signed_in
@require_POST
def confirm(request, token):
    if find_by_token(token) is None:
        return _invalid(request)
    try:
        services.confirm_amendment(token)
    except DomainError as error:
        add_domain_message(request, error)
        return my_amendment(request, token, status=400)
    messages.success(request, _("Your amendment is confirmed: everyone can now read it."))
    return redirect("manifestos:my_amendment", token=token)


@csrf_protect_signed_in
@require_POST
def withdraw(request, token):
    amendment = find_by_token(token)
    if amendment is None:
        return _invalid(request)
    try:
        services.withdraw_amendment(amendment, token=token)
    except DomainError as error:
        add_domain_message(request, error)
        return my_amendment(request, token, status=400)
    messages.success(request, _("Your amendment is withdrawn."))
    return redirect("manifestos:my_amendment", token=token)
