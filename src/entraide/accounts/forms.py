from django import forms
from django.utils.translation import gettext_lazy as _

from entraide.accounts.models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "language"]


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account and my personal data will be erased."),
    )
