from allauth.account import forms as allauth_forms
from django import forms
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _

from entraide.accounts.models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "language"]


def ask_display_name(form, user):
    """Add a "Your name" field first in `form` when `user` is signed in without a display name:
    asked once, then saved on the account (accounts.services.give_display_name)."""
    if user.is_authenticated and not user.display_name:
        field = forms.CharField(
            label=_("Your name"),
            max_length=User._meta.get_field("display_name").max_length,
            help_text=_("Asked once: it is saved on your account, for the organisers to see."),
        )
        form.fields = {"display_name": field, **form.fields}
    return form


class DigestForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["receives_digest"]
        help_texts = {"receives_digest": ""}  # the page explains it above the box


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account and my personal data will be erased."),
    )


class SignupForm(allauth_forms.SignupForm):
    """allauth's sign-up form, as slow for an address that has an account as for a new one.

    With ACCOUNT_PREVENT_ENUMERATION, a taken address gets the same answer as a new one, but
    allauth only mails its owner, whereas a new account costs a password hash (about half a
    second): the time of the answer told which addresses have an account. The password is
    hashed, and thrown away, on that path too."""

    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
