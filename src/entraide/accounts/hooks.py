"""What accounts bring to the shared pages: the profile and the addresses on "My data", its
private links (address confirmation, password reset), its pages of the accessibility
statement."""

from allauth.account.models import EmailAddress
from django.utils.translation import gettext_lazy as _

from entraide.core.personal_data import Row
from entraide.core.registry import (
    PersonalDataSection,
    TestedPage,
    register_accessibility,
    register_personal_data,
    register_private_paths,
)


def collect_profile(user):
    return [
        Row()
        .add("email", _("Email"), user.email)
        .add("display_name", _("Display name"), user.display_name)
        .add("language", _("Language"), user.language, user.get_language_display())
        .add("date_joined", _("Account created on"), user.date_joined)
        .add("last_login", _("Last signed in on"), user.last_login)
    ]


def collect_email_addresses(user):
    return [
        Row()
        .add("email", None, address.email, heading=True)
        .add("verified", _("Verified"), address.verified)
        .add("primary", _("Primary"), address.primary)
        for address in EmailAddress.objects.filter(user=user).order_by("email")
    ]


def register():
    register_private_paths(
        ("compte", "confirmer-adresse"), ("compte", "mot-de-passe", "reinitialiser", "cle")
    )
    register_accessibility(
        pages=[
            TestedPage(_("Sign in"), "/compte/connexion/", 40),
            TestedPage(_("Create an account"), "/compte/inscription/", 41),
            TestedPage(_("My data"), "/compte/mes-donnees/", 51),
        ]
    )
    register_personal_data(PersonalDataSection("profile", _("Profile"), collect_profile))
    register_personal_data(
        PersonalDataSection("email_addresses", _("Email addresses"), collect_email_addresses)
    )
