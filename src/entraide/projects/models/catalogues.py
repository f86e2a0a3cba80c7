"""Catalogues, their projects, the projects' audiences, tags and links; the limits every part of
the app shares."""

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from entraide.core.models import MarkdownDescribed
from entraide.places.models import Place

TITLE_MAX = 200
SUMMARY_MAX = 500
NAME_MAX = 150
LINK_TITLE_MAX = 200
URL_MAX = 500
LINK_DESCRIPTION_MAX = 500
DESCRIPTION_MAX = 20_000
LINKS_MAX = 30  # examples and useful links of one project
TAGS_MAX = 30
PAIR_SIZE = 2
INVITATION_DAYS = 14  # an invitation to pair up expires after this many days

web_url = URLValidator(schemes=["http", "https"])


class OutputKind(models.TextChoices):
    """What a project leads to. Each kind but OTHER is started from a pair's page through the
    capability that makes it (entraide.projects.outputs), when that capability is installed."""

    STORY = "recit", _("A story")
    WORKSHOP = "atelier", _("A workshop")
    SURVEY = "enquete", _("A survey")
    CHALLENGE = "defi", _("A challenge")
    OTHER = "autre", _("Something else")


class Catalogue(MarkdownDescribed):
    """A list of projects: a place's (a university course, a hub's) or, with no place, the
    site-wide catalogue of the network, run by the site's staff."""

    place = models.ForeignKey(
        Place,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="project_catalogues",
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    slug = models.SlugField(_("address on the site"), max_length=80, unique=True)
    summary = models.CharField(_("summary"), max_length=SUMMARY_MAX, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("catalogue")
        verbose_name_plural = _("catalogues")
        ordering = ["title", "pk"]
        constraints = [
            # one site-wide catalogue: the only one without a place
            models.UniqueConstraint(
                models.Value(1), condition=Q(place__isnull=True), name="one_site_catalogue"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_public(self):
        return self.published_at is not None

    @property
    def is_site_wide(self):
        return self.place_id is None

    def get_absolute_url(self):
        return f"/projets/{self.slug}/"

    def manage_url(self):
        return f"/projets/gerer/{self.slug}/"


class Audience(models.Model):
    """A recommended audience ("Étudiants en Lettres, Langues, Arts ou Sciences Humaines et
    Sociales"), shared by the catalogues so that a filter finds the same words everywhere."""

    name = models.CharField(_("name"), max_length=NAME_MAX, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Tag(models.Model):
    """A tag of projects ("Économie de l'attention"), shared by the catalogues."""

    name = models.CharField(_("name"), max_length=NAME_MAX, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Project(MarkdownDescribed):
    """A project of a catalogue: what participants do, for whom, how long, in pairs or not, and
    what it leads to (a story, a workshop, a survey, a challenge)."""

    catalogue = models.ForeignKey(Catalogue, on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    slug = models.SlugField(_("address on the site"), max_length=80)
    summary = models.CharField(_("summary"), max_length=SUMMARY_MAX)
    description = models.TextField(
        _("description (Markdown)"), blank=True, max_length=DESCRIPTION_MAX
    )
    audiences = models.ManyToManyField(
        Audience, blank=True, related_name="projects", verbose_name=_("recommended audience")
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="projects", verbose_name=_("tags"))
    duration = models.CharField(
        _("duration and format"),
        max_length=TITLE_MAX,
        blank=True,
        help_text=_("For example: three workshops of 1 h 30, an interview and a portrait."),
    )
    output_kind = models.CharField(
        _("what it leads to"), max_length=12, choices=OutputKind.choices, default=OutputKind.OTHER
    )
    in_pairs = models.BooleanField(_("done in pairs"), default=True)
    max_pairs = models.PositiveIntegerField(
        _("most pairs"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    enrolment_closed_at = models.DateTimeField(_("enrolment closed"), null=True, blank=True)
    # What the outputs start with. A story-type project's stories go to this collection of the
    # stories app (its address on the site); a workshop-type project's drafts take these.
    collection_slug = models.SlugField(_("collection of stories"), max_length=80, blank=True)
    workshop_minutes = models.PositiveIntegerField(_("length of a workshop (minutes)"), default=90)
    workshop_capacity = models.PositiveIntegerField(_("places per workshop"), default=15)
    workshop_sessions = models.PositiveIntegerField(_("number of workshops"), default=1)
    position = models.PositiveIntegerField(default=0)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["catalogue", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["catalogue", "slug"], name="one_project_slug"),
            models.CheckConstraint(
                condition=Q(max_pairs__isnull=True) | Q(max_pairs__gte=1),
                name="project_max_pairs_positive",
            ),
            models.CheckConstraint(
                condition=Q(workshop_minutes__gte=1)
                & Q(workshop_capacity__gte=1)
                & Q(workshop_sessions__gte=1),
                name="project_workshop_shape_positive",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_public(self):
        return self.published_at is not None

    @property
    def enrolment_open(self):
        return self.enrolment_closed_at is None

    def get_absolute_url(self):
        return f"/projets/{self.catalogue.slug}/{self.slug}/"

    def manage_url(self):
        return f"/projets/gerer/{self.catalogue.slug}/{self.slug}/"


class ProjectLink(models.Model):
    """An example of what earlier participants made, or a useful link."""

    class Kind(models.TextChoices):
        EXAMPLE = "exemple", _("Example")
        USEFUL = "utile", _("Useful link")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.EXAMPLE)
    title = models.CharField(_("title"), max_length=LINK_TITLE_MAX)
    url = models.URLField(_("address"), max_length=URL_MAX, validators=[web_url])
    description = models.CharField(_("description"), max_length=LINK_DESCRIPTION_MAX, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["project", "kind", "position", "pk"]

    def __str__(self):
        return self.title
