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
