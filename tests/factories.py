from datetime import timedelta

import factory
from allauth.account.models import EmailAddress

from entraide.accounts.models import User
from entraide.places.models import Membership, Place, PlaceKind, Region

PASSWORD = "un mot de passe solide"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Faker("first_name", locale="fr_FR")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Tiers-lieu n°{n}")
    slug = factory.Sequence(lambda n: f"tiers-lieu-{n}")
    kind = PlaceKind.THIRD_PLACE
    region = Region.OCCITANIE
    city = "Montpellier"
    summary = "Un lieu pour agir ensemble."
    description = "Un **lieu** ouvert."

    @factory.post_generation
    def organisers(self, create, extracted, **kwargs):
        for user in extracted or []:
            Membership.objects.create(place=self, user=user)


def in_days(days, hour=18):
    from datetime import timedelta

    from django.utils import timezone

    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workshops.Series"

    place = factory.SubFactory(PlaceFactory)
    title = factory.Sequence(lambda n: f"Cycle n°{n}")
    slug = factory.Sequence(lambda n: f"cycle-{n}")
    theme = "numerique-responsable"
    status = "publie"


class WorkshopFactory(factory.django.DjangoModelFactory):
    """A published online workshop in ten days, 18:00–19:30, 15 seats."""

    class Meta:
        model = "workshops.Workshop"

    place = factory.SubFactory(PlaceFactory)
    title = factory.Sequence(lambda n: f"Atelier n°{n}")
    slug = factory.Sequence(lambda n: f"atelier-{n}")
    summary = "Le numérique est politique."
    theme = "numerique-responsable"
    mode = "en-ligne"
    video_url = "https://visio.example.org/salle-secrete"
    starts_at = factory.LazyFunction(lambda: in_days(10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at and o.starts_at + timedelta(minutes=90))
    capacity = 15
    status = "publie"
