from allauth.account.models import EmailAddress
from django.utils.translation import gettext_lazy as _

from entraide.core.registry import PersonalDataSection, register_personal_data


def collect_profile(user):
    return [
        {
            "email": user.email,
            "display_name": user.display_name,
            "language": user.language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        }
    ]


def collect_email_addresses(user):
    return [
        {"email": address.email, "verified": address.verified, "primary": address.primary}
        for address in EmailAddress.objects.filter(user=user).order_by("email")
    ]


def register():
    register_personal_data(PersonalDataSection("profile", _("Profile"), collect_profile))
    register_personal_data(
        PersonalDataSection("email_addresses", _("Email addresses"), collect_email_addresses)
    )
