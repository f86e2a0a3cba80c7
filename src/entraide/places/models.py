from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from entraide.core.markdown import render_markdown


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


class Place(models.Model):
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
    description_html = models.TextField(editable=False, default="")
    accessibility = models.CharField(
        _("accessibility of the venue"),
        max_length=500,
        blank=True,
        help_text=_("Step-free access, lift, accessible toilets, induction loop…"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]
        indexes = [models.Index(fields=["region", "kind", "name"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.description_html = render_markdown(self.description)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("places:detail", args=[self.slug])

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
