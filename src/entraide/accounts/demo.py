from allauth.account.models import EmailAddress

from entraide.accounts.models import User

DEMO_PASSWORD = "entraide-demo"  # noqa: S105 - printed on purpose: these are demo logins

# (email, display name, role in the demo)
DEMO_PEOPLE = [
    ("admin@entraide.example", "Admin", "administration du site"),
    ("camille@entraide.example", "Camille", "animatrice, tiers-lieu La Verrière"),
    ("ines@entraide.example", "Inès", "enseignante, Université Paul-Valéry"),
    ("malik@entraide.example", "Malik", "animateur, Maison pour tous Voltaire"),
    ("lea@entraide.example", "Léa", "participante, étudiante"),
]


def demo_user(email):
    return User.objects.get(email=email)


def load():
    for email, name, _role in DEMO_PEOPLE:
        user, created = User.objects.get_or_create(
            email=email, defaults={"display_name": name, "language": "fr"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            if email.startswith("admin@"):
                user.is_staff = user.is_superuser = True
            user.save()
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    lines = [f"Demo logins (password: {DEMO_PASSWORD}):"]
    lines += [f"  {email:28} {role}" for email, _name, role in DEMO_PEOPLE]
    return lines
