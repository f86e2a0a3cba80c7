"""The private link of an amendment proposed without an account: its author confirms her
address there (the amendment is then public), follows it, brings it up to date when the
section changed under it, and may withdraw it. Confirming is a button, not the visit: mail
scanners open links."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entraide.core.csrf import csrf_protect_signed_in
from entraide.core.errors import DomainError, add_domain_error, add_domain_message
from entraide.manifestos import services
from entraide.manifestos.decision_forms import UpdateAmendmentForm
from entraide.manifestos.models import AmendmentKind, Phase
from entraide.manifestos.services import decisions
from entraide.manifestos.services.amendments import confirmation_expired, find_by_token
from entraide.manifestos.views.decisions import against_current


def _invalid(request):
    return render(request, "manifestos/link_invalid.html", status=404)


def _updatable(amendment):
    return (
        amendment.is_public
        and decisions.based_on_earlier_text(amendment)
        and not decisions.section_gone(amendment)
        and amendment.manifesto.phase in decisions.DECIDING_PHASES
    )


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
        "updatable": _updatable(amendment),
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


@csrf_protect_signed_in
def update(request, token):
    """Its author brings an amendment based on an earlier text up to date, from her proposal
    read against the section's current text."""
    amendment = find_by_token(token)
    if amendment is None:
        return _invalid(request)
    if not _updatable(amendment):
        return redirect("manifestos:my_amendment", token=token)
    deleting = amendment.kind == AmendmentKind.DELETE
    initial = {"title": amendment.title, "body": amendment.body, "rationale": amendment.rationale}
    data = request.POST if request.method == "POST" else None
    form = UpdateAmendmentForm(data, initial=initial, deleting=deleting)
    if data is not None and form.is_valid():
        try:
            decisions.update_amendment(amendment, by=decisions.PRIVATE_LINK, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your amendment is now based on the current text."))
            return redirect("manifestos:my_amendment", token=token)
    context = {
        "manifesto": amendment.manifesto,
        "amendment": amendment,
        "form": form,
        "deleting": deleting,
        "stale": True,
        **against_current(amendment),
    }
    status = 400 if data is not None else 200
    return render(request, "manifestos/update_amendment.html", context, status=status)
