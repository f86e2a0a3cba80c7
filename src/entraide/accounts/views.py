import json

from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from entraide.accounts import services
from entraide.accounts.forms import DeleteAccountForm, DigestForm, ProfileForm
from entraide.core import registry
from entraide.core.csrf import csrf_protect_signed_in
from entraide.core.personal_data import shown_rows


@csrf_protect_signed_in
@require_POST
def set_language(request):
    """Django's language switch (a cookie); a signed-in person's profile follows it."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response


@login_required
def digest(request):
    """Whether the person receives the organisers' daily summary."""
    # An unticked box sends nothing: a POST may be empty but for the CSRF token.
    form = DigestForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST":
        if form.is_valid():
            services.set_receives_digest(
                request.user, receives=form.cleaned_data["receives_digest"]
            )
            messages.success(request, _("Your choice has been saved."))
            return redirect("accounts:digest")
        return render(request, "accounts/digest.html", {"form": form}, status=400)
    return render(request, "accounts/digest.html", {"form": form})


def _profile_context(form):
    # The capabilities' links ("My registrations") come from the registry.
    return {"form": form, "account_links": registry.account_links()}


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST":
        if form.is_valid():
            services.update_profile(
                request.user,
                display_name=form.cleaned_data["display_name"],
                language=form.cleaned_data["language"],
            )
            messages.success(request, _("Your profile has been saved."))
            return redirect("accounts:profile")
        return render(request, "accounts/profile.html", _profile_context(form), status=400)
    return render(request, "accounts/profile.html", _profile_context(form))


@login_required
def my_data(request):
    data = services.collect_personal_data(request.user)
    sections = [
        {"title": section.title, "rows": shown_rows(data[section.key])}
        for section in registry.personal_data_sections()
    ]
    return render(request, "accounts/my_data.html", {"sections": sections})


@login_required
def my_data_export(request):
    payload = {
        "exported_at": timezone.now(),
        "data": services.collect_personal_data(request.user),
    }
    response = HttpResponse(
        json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="entraide-mes-donnees.json"'
    return response


@login_required
@reauthentication_required
def delete_account(request):
    """GET: what deleting the account erases and does, and the button; POST: delete it."""
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.delete_account(user)
        messages.success(request, _("Your account and your personal data have been erased."))
        return redirect("core:home")
    context = {
        "title": _("Delete my account"),
        "erased": services.what_deletion_erases(request.user),
        "consequences": [
            *services.what_deletion_does(request.user),
            _("You are signed out at once."),
        ],
        "irreversible": True,
        "form": form,
        "button": _("Delete my account"),
        "back_url": reverse("accounts:my_data"),
        "back_label": _("Keep my account"),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/delete_account.html", context, status=status)
