"""A collection, its themes, its consent form's versions and its writers; the limits and
defaults every part of the app shares."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.core.models import MarkdownDescribed, RendersMarkdown
from entraide.core.tokens import keyed_token
from entraide.places.models import Place

CONSENT_PURPOSE = "entraide.stories.consent-link"
PARTNER_PURPOSE = "entraide.stories.partner-invitation"
WRITER_PURPOSE = "entraide.stories.writer-invitation"

TITLE_MAX = 200
NAME_MAX = 150
THEME_MAX = 80
BODY_MAX = 60_000  # characters of a story: far beyond four pages
TRANSCRIPT_MAX = 200_000
COMMENT_MAX = 5_000
ALT_MAX = 500
CHAPTERS_MAX = 5_000
CODE_LENGTH = 8
WORDS_PER_PAGE = 500  # the page estimate shown to authors (a page of a printed portrait)
AUDIO_MAX_BYTES = 200 * 1024 * 1024
AUDIO_MAX_SECONDS = 120 * 60
PHOTO_MAX_BYTES = 15 * 1024 * 1024

DEFAULT_GUIDE = _(
    "In pairs, you will interview someone engaged in the social and ecological transition.\n\n"
    "Take time to listen to each other and to talk in a kind setting, without judgement. "
    "Prefer open questions and pay attention to silences.\n\n"
    "With the agreement of the person interviewed, you may take notes and write a portrait, "
    "from one to four pages, on a theme or not (changing ways of life, sobriety, health, sport, "
    "psychology, biodiversity…).\n\n"
    "Questions to start or revive the conversation:\n\n"
    "- Where do you come from? What has your path been?\n"
    "- Can you tell me about your dreams?\n"
    "- How do you see citizen engagement, collective action…?\n"
    "- Which books, films, music do you like? Why?\n"
)
DEFAULT_LENGTH = _("One to four pages (about 500 to 2,000 words).")
DEFAULT_CONSENT = _(
    "You agreed to be interviewed for a story of the transition. Before anything is published, "
    "we ask your consent, medium by medium: the text of the portrait, your recorded voice, "
    "your photo. You choose how you are named.\n\n"
    "What you agree to is published on this site, in its feeds (the news feed and the podcast "
    "feed) and in the collection's anthology (an e-book and a printable document), for as long "
    "as the collection is online.\n\n"
    "You may withdraw your consent at any time, without giving a reason, through the private "
    "link of the mail you received: the story is unpublished at once, and the recording and "
    "photo are deleted. Copies of the anthology made before your withdrawal cannot be recalled; "
    "no new one will contain your story."
)
DEFAULT_THEMES = (
    _("Changing ways of life"),
    _("Sobriety"),
    _("Health"),
    _("Sport"),
    _("Psychology"),
    _("Biodiversity"),
)


class Collection(MarkdownDescribed):
    """A collection of stories run by a place's team, its editors (e.g. "Récits de la
    transition — Université Paul-Valéry"). Writers are the people invited by mail or who gave
    the collection's code."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="story_collections")
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    slug = models.SlugField(_("address on the site"), max_length=80, unique=True)
    interview_guide = models.TextField(_("interview guide (Markdown)"), max_length=20_000)
    interview_guide_html = models.TextField(editable=False, default="")
    length_guidance = models.CharField(_("length guidance"), max_length=TITLE_MAX, blank=True)
    code = models.CharField(
        _("code to join as a writer"), max_length=CODE_LENGTH, unique=True, editable=False
    )
    code_open = models.BooleanField(_("people holding the code may write"), default=True)
    reading_required = models.BooleanField(
        _("the interviewee reads the final text before publication"), default=False
    )
    published_at = models.DateTimeField(_("public since"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    markdown_fields = {"description": "description_html", "interview_guide": "interview_guide_html"}

    class Meta:
        verbose_name = _("collection of stories")
        verbose_name_plural = _("collections of stories")
        ordering = ["-created_at", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_public(self):
        return self.published_at is not None

    def get_absolute_url(self):
        return f"/recits/{self.slug}/"

    def manage_url(self):
        return f"/recits/{self.slug}/gerer/"

    def review_url(self):
        return f"/recits/{self.slug}/gerer/relecture/"

    def anthologies_url(self):
        return f"/recits/{self.slug}/gerer/recueils/"

    def join_url(self):
        return f"/recits/{self.slug}/rejoindre/"

    def new_story_url(self):
        return f"/recits/{self.slug}/nouveau/"

    def atom_url(self):
        return f"/recits/{self.slug}/flux.atom"

    def podcast_url(self):
        return f"/recits/{self.slug}/podcast.xml"

    def current_consent_form(self):
        return self.consent_forms.order_by("-version").first()


class Theme(models.Model):
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("theme"), max_length=THEME_MAX)
    slug = models.SlugField(max_length=THEME_MAX)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["collection", "slug"], name="one_theme_per_slug"),
        ]

    def __str__(self):
        return self.name


class ConsentForm(RendersMarkdown):
    """The text an interviewee agrees to, versioned: editing it creates a new version, and each
    consent records the version agreed to."""

    collection = models.ForeignKey(
        Collection, on_delete=models.CASCADE, related_name="consent_forms"
    )
    version = models.PositiveIntegerField()
    text = models.TextField(_("consent form (Markdown)"), max_length=20_000)
    text_html = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(default=timezone.now)

    markdown_fields = {"text": "text_html"}

    class Meta:
        verbose_name = _("consent form")
        verbose_name_plural = _("consent forms")
        ordering = ["collection", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "version"], name="one_consent_form_per_version"
            ),
        ]

    def __str__(self):
        return f"{self.collection} v{self.version}"


class Writer(models.Model):
    """Someone who may write in a collection: invited by mail (`user` empty until they accept
    through the link, which works before they have an account) or joined with the code."""

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="writers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="story_writing",
    )
    email = models.EmailField(_("email address"), blank=True)
    language = models.CharField(max_length=10, default="fr")  # of the invitation's mail
    link_key = models.CharField(max_length=32, editable=False, blank=True)
    token_digest = models.CharField(max_length=64, editable=False, blank=True, db_index=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    joined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("writer")
        verbose_name_plural = _("writers")
        ordering = ["invited_at", "joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "user"],
                condition=Q(user__isnull=False),
                name="one_writer_per_account",
            ),
            models.UniqueConstraint(
                "collection",
                Lower("email"),
                condition=~Q(email=""),
                name="one_writer_invitation_per_address",
            ),
        ]

    def __str__(self):
        return self.email or str(self.user)

    def invitation_url(self):
        return f"/recits/invitation/{keyed_token(WRITER_PURPOSE, self.link_key)}/"
