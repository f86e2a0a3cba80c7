"""Signing the latest version of a manifesto, the private link of a signature (confirm,
withdraw) and the public list of signatories."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from entraide.accounts.services import give_display_name, has_verified_email
from entraide.core import rate_limits
from entraide.core.csrf import csrf_protect_signed_in
from entraide.core.errors import DomainError, add_domain_error, add_domain_message
from entraide.core.page_cache import public_page
from entraide.manifestos.models import Manifesto, Version
from entraide.manifestos.services import signatures
from entraide.manifestos.signature_forms import SignatureForm

SENT_TO = "manifestos.signature_sent_to"  # the session key of the "check your mailbox" page
PAGE_SIZE = 50  # signatories per page


def _signs_in_one_step(user) -> bool:
    return user.is_authenticated and has_verified_email(user, user.email)


def _sign_page(request, manifesto, version, form, status=200):
    context = {
        "manifesto": manifesto,
        "version": version,
        "form": form,
        "one_step": form is not None and "email" not in form.fields,
        "error_form": form,
    }
    return render(request, "manifestos/sign.html", context, status=status)


def _refused_by_rate_limits(request, form, manifesto, version):
    if "email" not in form.fields:  # no mail to an address typed here
        return None
    by_network = rate_limits.network_allowed(request, "manifestos.sign")
    if not by_network.allowed:
        return rate_limits.too_many_from_network(request, by_network, manifesto.get_absolute_url())
    if not rate_limits.mail_allowed(form.cleaned_data["email"]).allowed:
        rate_limits.refuse_mail(form)
        return _sign_page(request, manifesto, version, form, status=429)
    return None


@csrf_protect_signed_in
def sign(request, slug):
    manifesto = get_object_or_404(Manifesto.objects.select_related("place"), slug=slug)
    version = signatures.latest_version(manifesto)
    if version is None:
        return _sign_page(request, manifesto, None, None, status=404)
    one_step = _signs_in_one_step(request.user)
    if request.method != "POST":
        initial = {"version": version.number}
        if request.user.is_authenticated:
            initial |= {"name": request.user.display_name, "email": request.user.email}
        return _sign_page(
            request, manifesto, version, SignatureForm(initial=initial, ask_email=not one_step)
        )
    form = SignatureForm(request.POST, ask_email=not one_step)
    if form.is_valid():
        refused = _refused_by_rate_limits(request, form, manifesto, version)
        if refused:
            return refused
        # The version the person read: a newer one published since is refused, not signed
        # (and so is a number that is no version: refused as not the latest).
        number = form.cleaned_data["version"]
        read = Version.objects.filter(manifesto=manifesto, number=number).first()
        read = read or Version(manifesto=manifesto, number=number)
        try:
            signed = signatures.sign(
                read, by=request.user if one_step else None, **form.signing_fields()
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return _signed(request, manifesto, signed, form)
    return _sign_page(request, manifesto, version, form, status=400)


def _signed(request, manifesto, signed, form):
    if signed.confirmed:
        if request.user.is_authenticated and not request.user.display_name:
            give_display_name(request.user, form.cleaned_data["name"])
        messages.success(request, _("Thank you, your signature is on the list."))
        return redirect("manifestos:signatories", slug=manifesto.slug)
    request.session[SENT_TO] = {
        "email": form.cleaned_data["email"],
        "url": manifesto.get_absolute_url(),
    }
    return redirect("manifestos:signature_sent", slug=manifesto.slug)


def signature_sent(request, slug):
    manifesto = get_object_or_404(Manifesto, slug=slug)
    sent_to = request.session.pop(SENT_TO, None)
    context = {"manifesto": manifesto, "sent_to": sent_to}
    return render(request, "manifestos/signature_sent.html", context)


def my_signature(request, token):
    """The private link mailed to a signer: confirm the signature (a button: a mail scanner
    following the link confirms nothing), see it, withdraw it."""
    signature = signatures.find_signature(token)
    if signature is None:
        return render(request, "manifestos/signature_link_invalid.html", status=404)
    manifesto = signature.version.manifesto
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "withdraw":
            signatures.withdraw(signature)
            messages.success(request, _("Your signature is withdrawn."))
            return redirect(manifesto)
        if action == "confirm":
            try:
                signatures.confirm(signature)
            except DomainError as error:
                add_domain_message(request, error)
            else:
                messages.success(request, _("Thank you, your signature is on the list."))
        return redirect("manifestos:my_signature", token=token)
    latest = signatures.latest_version(manifesto)
    context = {
        "signature": signature,
        "version": signature.version,
        "manifesto": manifesto,
        "expired": signatures.confirmation_expired(signature),
        "outdated": latest is not None and latest.pk != signature.version_id,
        "latest": latest,
    }
    return render(request, "manifestos/my_signature.html", context)


@public_page
def signatories(request, slug, number=None):
    """The confirmed signatories of a version (the latest by default), in signing order or
    counted by organisation (`?par=organisation`)."""
    manifesto = get_object_or_404(Manifesto.objects.select_related("place"), slug=slug)
    versions = list(manifesto.versions.order_by("number"))
    if number is None:
        version = versions[-1] if versions else None
    else:
        version = next((v for v in versions if v.number == number), None)
        if version is None:
            raise Http404
    by_organisation = request.GET.get("par") == "organisation"
    page = None
    if version is not None:
        rows = (
            signatures.signatories_by_organisation(version)
            if by_organisation
            else signatures.confirmed_signatures(version)
        )
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "manifesto": manifesto,
        "version": version,
        "versions": versions,
        "latest": versions[-1] if versions else None,
        "page": page,
        "by_organisation": by_organisation,
        "total": signatures.confirmed_count(version) if by_organisation and version else None,
    }
    return render(request, "manifestos/signatories.html", context)
