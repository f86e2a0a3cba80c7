import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from entraide.core.models import MarkdownDescribed
from entraide.core.slugs import reserved_words


class Region(models.TextChoices):
    """The regions of France (2016), overseas included."""

    AUVERGNE_RHONE_ALPES = "auvergne-rhone-alpes", "Auvergne-Rhône-Alpes"
    BOURGOGNE_FRANCHE_COMTE = "bourgogne-franche-comte", "Bourgogne-Franche-Comté"
    BRETAGNE = "bretagne", "Bretagne"
    CENTRE_VAL_DE_LOIRE = "centre-val-de-loire", "Centre-Val de Loire"
    CORSE = "corse", "Corse"
    GRAND_EST = "grand-est", "Grand Est"
    HAUTS_DE_FRANCE = "hauts-de-france", "Hauts-de-France"
    ILE_DE_FRANCE = "ile-de-france", "Île-de-France"
    NORMANDIE = "normandie", "Normandie"
    NOUVELLE_AQUITAINE = "nouvelle-aquitaine", "Nouvelle-Aquitaine"
    OCCITANIE = "occitanie", "Occitanie"
    PAYS_DE_LA_LOIRE = "pays-de-la-loire", "Pays de la Loire"
    PROVENCE_ALPES_COTE_DAZUR = "provence-alpes-cote-dazur", "Provence-Alpes-Côte d’Azur"
    GUADELOUPE = "guadeloupe", "Guadeloupe"
    MARTINIQUE = "martinique", "Martinique"
    GUYANE = "guyane", "Guyane"
    LA_REUNION = "la-reunion", "La Réunion"
    MAYOTTE = "mayotte", "Mayotte"


class PlaceKind(models.TextChoices):
    THIRD_PLACE = "tiers-lieu", _("Third place")
    UNIVERSITY = "universite", _("University")
    ASSOCIATION = "association", _("Association")
    REGIONAL_HUB = "hub-regional", _("Regional hub")


web_url = URLValidator(schemes=["http", "https"])
postcode_validator = RegexValidator(
    r"^[0-9]{5}\Z", _("Five digits, for example 34000."), code="postcode"
)


class PlaceStatus(models.TextChoices):
    PUBLISHED = "publie", _("Published")
    PROPOSED = "propose", _("Proposed, awaiting approval")


def fold_for_search(text: str) -> str:
    """`text` folded for searching: lower case, without accents, words separated by one space
    ("Saint-Étienne" and "saint etienne" give the same key), the same on every database."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"[^\W_]+", plain))


class PlaceQuerySet(models.QuerySet):
    def published(self):
        """What the public sees: proposals wait for a site administrator's approval."""
        return self.filter(status=PlaceStatus.PUBLISHED)


class Place(MarkdownDescribed):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address on the site"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=PlaceKind.choices)
    region = models.CharField(_("region"), max_length=40, choices=Region.choices)
    city = models.CharField(_("city"), max_length=100)
    website = models.URLField(
        _("website"),
        blank=True,
        max_length=300,
        validators=[web_url],
        help_text=_("An address starting with https:// or http://"),
    )
    summary = models.CharField(
        _("summary"),
        max_length=240,
        blank=True,
        help_text=_("One sentence, shown in the directory."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=20_000,
        help_text=_("Markdown: **bold**, *italics*, [link](https://…), lists with -."),
    )
    accessibility = models.CharField(
        _("accessibility of the venue"),
        max_length=500,
        blank=True,
        help_text=_("Step-free access, lift, accessible toilets, induction loop…"),
    )
    contact_email = models.EmailField(
        _("contact email address"),
        blank=True,
        help_text=_(
            "Shown on the page of the place. Replies to the mails about its workshops and "
            "polls go to this address."
        ),
    )
    street = models.CharField(
        _("street address"),
        max_length=200,
        blank=True,
        help_text=_("Number and street, for example: 12 rue des Lilas."),
    )
    postcode = models.CharField(
        _("postcode"), max_length=10, blank=True, validators=[postcode_validator]
    )
    opening_hours = models.CharField(
        _("opening times"),
        max_length=200,
        blank=True,
        help_text=_("In a few words, for example: Tuesday to Saturday, 10:00–18:00."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=PlaceStatus.choices, default=PlaceStatus.PUBLISHED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_places",
        verbose_name=_("proposed by"),
    )
    # The city and postcode folded for the directory's search (see fold_for_search).
    search_key = models.CharField(max_length=120, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]
        indexes = [models.Index(fields=["region", "kind", "name"])]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        # Places the administrators create or rename get no address the site's pages use.
        if self.slug in reserved_words("places"):
            message = _("This address is one of the site's pages: choose another one.")
            raise ValidationError({"slug": ValidationError(message, code="reserved_address")})

    def save(self, *args, **kwargs):
        self.search_key = fold_for_search(f"{self.city} {self.postcode}")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"city", "postcode"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("places:detail", args=[self.slug])

    @property
    def is_published(self):
        return self.status == PlaceStatus.PUBLISHED

    @property
    def postal_address(self):
        """ "12 rue des Lilas, 38000 Grenoble": what a map search needs (empty without a
        street)."""
        if not self.street:
            return ""
        return f"{self.street}, {' '.join(filter(None, [self.postcode, self.city]))}"

    @property
    def is_regional_hub(self):
        return self.kind == PlaceKind.REGIONAL_HUB


class Membership(models.Model):
    """A person who runs a place."""

    class Role(models.TextChoices):
        ORGANISER = "organiser", _("Organiser")

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.ORGANISER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["place", "user"], name="one_membership_per_place")
        ]

    def __str__(self):
        return f"{self.user} · {self.place}"


class Invitation(models.Model):
    """An invitation to become an organiser of a place, sent by email.

    Only the SHA-256 digest of the link's token is stored."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    token_digest = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations_sent",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                "place",
                Lower("email"),
                condition=models.Q(accepted_at__isnull=True),
                name="one_pending_invitation_per_email",
            )
        ]

    def __str__(self):
        return f"{self.email} → {self.place}"
