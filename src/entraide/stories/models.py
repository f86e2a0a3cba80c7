"""Stories of the transition: a collection (a course, an association's project), the stories
written in it by pairs of authors after an interview, the consent of the person interviewed,
which is the spine of the workflow, the editors' review, podcast episodes and the anthology.

**Consent decides what is public.** A story is shown to the public only when it is published
*and* its interviewee's current consent covers its text; its audio only when that consent also
covers the voice; its photo only when it covers the photo (`Consent.covers`). Withdrawing
consent unpublishes the story and deletes its audio and photo files from storage, at once.

**States of a story** (`Story.State`): draft → in review → (changes requested → in review …) →
accepted → published; an editor may unpublish (back to accepted). An author edits only a draft
or a story whose changes were requested: a published story goes back through review.

Files (audio, photo, anthology exports) go through Django's storage API (`default_storage`):
a local folder by default, an S3-compatible store by configuration. No file has a public
address: the pages serve them through views that check consent first."""

from django.conf import settings
from django.core.files.storage import default_storage
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


class StoryQuerySet(models.QuerySet):
    def public(self):
        """What the public sees: published, its text covered by a consent in force, in a
        public collection."""
        return self.filter(
            state=Story.State.PUBLISHED,
            consented_text=True,
            collection__published_at__isnull=False,
        )


class Story(RendersMarkdown):
    class Kind(models.TextChoices):
        PORTRAIT = "portrait", _("Portrait")
        ARTICLE = "article", _("Article")
        PODCAST = "podcast", _("Podcast")

    class State(models.TextChoices):
        DRAFT = "brouillon", _("Draft")
        IN_REVIEW = "en-relecture", _("In review")
        CHANGES_REQUESTED = "a-reprendre", _("Changes requested")
        ACCEPTED = "acceptee", _("Accepted")
        PUBLISHED = "publiee", _("Published")

    class Credit(models.TextChoices):
        FULL_NAME = "nom", _("Their full name")
        FIRST_NAME = "prenom", _("Their first name only")
        PSEUDONYM = "pseudonyme", _("A pseudonym")

    EDITABLE_STATES = (State.DRAFT, State.CHANGES_REQUESTED)

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="stories")
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    slug = models.SlugField(_("address on the site"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PORTRAIT)
    themes = models.ManyToManyField(Theme, blank=True, related_name="stories")
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    body = models.TextField(_("text (Markdown)"), max_length=BODY_MAX, blank=True)
    body_html = models.TextField(editable=False, default="")
    words = models.PositiveIntegerField(default=0, editable=False)
    state = models.CharField(max_length=16, choices=State.choices, default=State.DRAFT)
    # The person interviewed: how they are credited is theirs to confirm in their consent.
    interviewee_name = models.CharField(_("name of the person interviewed"), max_length=NAME_MAX)
    interviewee_email = models.EmailField(_("their email address"), blank=True)
    credit = models.CharField(
        _("credited as"), max_length=16, choices=Credit.choices, default=Credit.FULL_NAME
    )
    pseudonym = models.CharField(_("pseudonym"), max_length=NAME_MAX, blank=True)
    # What the interviewee's consent in force covers, kept by services/consent.py on each
    # answer, new request and withdrawal: the public pages and feeds read these.
    consented_text = models.BooleanField(default=False, editable=False)
    consented_voice = models.BooleanField(default=False, editable=False)
    consented_photo = models.BooleanField(default=False, editable=False)
    photo = models.FileField(upload_to="stories/photos/", blank=True, max_length=200)
    photo_alt = models.CharField(_("description of the photo"), max_length=ALT_MAX, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    markdown_fields = {"body": "body_html"}

    objects = StoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-published_at", "-created_at", "pk"]
        indexes = [
            models.Index(fields=["collection", "state", "published_at"], name="story_public_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="publiee") | Q(published_at__isnull=False),
                name="published_story_has_date",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_editable(self):
        return self.state in self.EDITABLE_STATES

    @property
    def is_public(self):
        return (
            self.state == self.State.PUBLISHED
            and self.consented_text
            and self.collection.published_at is not None
        )

    @property
    def audio_is_public(self) -> bool:
        """The episode may be heard: the story is public, the voice consented to, the audio
        and its transcript are there."""
        episode = getattr(self, "episode", None)
        return bool(
            self.is_public
            and self.consented_voice
            and episode is not None
            and episode.audio
            and episode.transcript.strip()
        )

    @property
    def photo_is_public(self) -> bool:
        return bool(self.is_public and self.consented_photo and self.photo)

    @property
    def pages(self) -> float:
        """The page estimate shown beside the word count, in half pages."""
        return round(self.words * 2 / WORDS_PER_PAGE) / 2

    def credited_name(self) -> str:
        """The name the public sees, as the interviewee chose."""
        if self.credit == self.Credit.PSEUDONYM:
            return self.pseudonym
        if self.credit == self.Credit.FIRST_NAME:
            return self.interviewee_name.split()[0] if self.interviewee_name.split() else ""
        return self.interviewee_name

    def get_absolute_url(self):
        return f"/recits/{self.collection.slug}/{self.slug}/"

    def edit_url(self):
        return f"/recits/{self.collection.slug}/{self.slug}/ecrire/"

    def review_url(self):
        return f"/recits/{self.collection.slug}/{self.slug}/relire/"

    def audio_url(self):
        return f"/recits/{self.collection.slug}/{self.slug}/audio"

    def photo_url(self):
        return f"/recits/{self.collection.slug}/{self.slug}/photo"

    def current_consent(self):
        """The latest consent asked of the interviewee (answered or not), or None."""
        return self.consents.order_by("-requested_at", "-pk").first()

    def delete_files(self):
        """Delete the photo and the episode's audio from storage (consent withdrawn, story or
        account erased). Missing files are not an error."""
        if self.photo:
            default_storage.delete(self.photo.name)
            self.photo = ""
            self.photo_alt = ""
            self.save(update_fields=["photo", "photo_alt"])
        episode = getattr(self, "episode", None)
        if episode is not None:
            episode.delete_audio()


class Author(models.Model):
    """One of the (usually two) authors of a story. The partner is invited by mail: `user` is
    empty until they accept through the link, which works before they have an account."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="authors")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="stories_authored",
    )
    email = models.EmailField(_("email address"), blank=True)
    language = models.CharField(max_length=10, default="fr")  # of the invitation's mail
    link_key = models.CharField(max_length=32, editable=False, blank=True)
    token_digest = models.CharField(max_length=64, editable=False, blank=True, db_index=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["story", "user"],
                condition=Q(user__isnull=False),
                name="one_authorship_per_account",
            ),
        ]

    def __str__(self):
        return str(self.user) if self.user_id else self.email

    @property
    def is_confirmed(self):
        return self.user_id is not None and self.accepted_at is not None

    def invitation_url(self):
        return f"/recits/binome/{keyed_token(PARTNER_PURPOSE, self.link_key)}/"


class StoryVersion(models.Model):
    """A saved version of a story's text: the history authors and editors see, and compare."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=TITLE_MAX)
    body = models.TextField(max_length=BODY_MAX, blank=True)
    words = models.PositiveIntegerField(default=0)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["story", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["story", "number"], name="one_story_version_number"),
        ]

    def __str__(self):
        return f"{self.story} #{self.number}"


class Comment(models.Model):
    """A comment on a story in review, by an editor or an author answering."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    by_editor = models.BooleanField(default=False)
    body = models.TextField(_("comment"), max_length=COMMENT_MAX)
    version = models.ForeignKey(
        StoryVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.body[:60]


class Consent(models.Model):
    """The interviewee's consent, asked by mail through a private link (no account). Each
    medium is agreed or refused on its own; the record keeps the dates, the scope, the consent
    form's version and, once withdrawn, the withdrawal date. Asking again (a new form version,
    a corrected address) creates a new record: the history stays."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="consents")
    form = models.ForeignKey(ConsentForm, on_delete=models.PROTECT, related_name="consents")
    email = models.EmailField(_("email address"))
    language = models.CharField(max_length=10, default="fr")  # of the mails to the interviewee
    link_key = models.CharField(max_length=32, editable=False)
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    requested_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    text = models.BooleanField(_("the text"), default=False)
    voice = models.BooleanField(_("the recorded voice"), default=False)
    photo = models.BooleanField(_("the photo"), default=False)
    credit = models.CharField(max_length=16, choices=Story.Credit.choices, blank=True)
    pseudonym = models.CharField(max_length=NAME_MAX, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # The "relecture": the interviewee reads the final text before publication.
    reading_requested_at = models.DateTimeField(null=True, blank=True)
    reading_approved_at = models.DateTimeField(null=True, blank=True)
    corrections = models.TextField(_("corrections asked"), max_length=COMMENT_MAX, blank=True)
    corrections_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["story", "-requested_at", "-pk"]

    def __str__(self):
        return f"{self.story} — {self.email}"

    @property
    def is_answered(self):
        return self.answered_at is not None

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    def covers(self, medium: str) -> bool:
        """Does this consent let the public see `medium` ("text", "voice" or "photo")?"""
        if self.answered_at is None or self.withdrawn_at is not None:
            return False
        return bool(getattr(self, medium))

    def private_token(self) -> str:
        return keyed_token(CONSENT_PURPOSE, self.link_key)

    def private_url(self) -> str:
        return f"/recits/consentement/{self.private_token()}/"


class Episode(RendersMarkdown):
    """A story's podcast episode: the audio (checked by its content, bounded in length and
    size), its transcript (required for publication) and optional chapters ("00:00 Title" a
    line)."""

    story = models.OneToOneField(Story, on_delete=models.CASCADE, related_name="episode")
    audio = models.FileField(upload_to="stories/audio/", blank=True, max_length=200)
    mime_type = models.CharField(max_length=40, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    duration = models.PositiveIntegerField(default=0)  # seconds
    transcript = models.TextField(_("transcript (Markdown)"), max_length=TRANSCRIPT_MAX, blank=True)
    transcript_html = models.TextField(editable=False, default="")
    chapters = models.TextField(_("chapters"), max_length=CHAPTERS_MAX, blank=True)
    uploaded_at = models.DateTimeField(null=True, blank=True)

    markdown_fields = {"transcript": "transcript_html"}

    class Meta:
        verbose_name = _("episode")
        verbose_name_plural = _("episodes")

    def __str__(self):
        return str(self.story)

    def delete_audio(self):
        if self.audio:
            default_storage.delete(self.audio.name)
            self.audio = ""
            self.mime_type = ""
            self.size = 0
            self.duration = 0
            self.save(update_fields=["audio", "mime_type", "size", "duration"])


class Anthology(RendersMarkdown):
    """The recueil: published stories picked and ordered by the editors, with an
    introduction, exported as EPUB 3, a printable page and a PDF."""

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="anthologies")
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    introduction = models.TextField(_("introduction (Markdown)"), max_length=20_000, blank=True)
    introduction_html = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    markdown_fields = {"introduction": "introduction_html"}

    class Meta:
        verbose_name = _("anthology")
        verbose_name_plural = _("anthologies")
        ordering = ["-created_at", "pk"]

    def __str__(self):
        return self.title

    def manage_url(self):
        return f"/recits/{self.collection.slug}/gerer/recueils/{self.pk}/"


class AnthologyEntry(models.Model):
    anthology = models.ForeignKey(Anthology, on_delete=models.CASCADE, related_name="entries")
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="anthology_entries")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["anthology", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["anthology", "story"], name="one_entry_per_story"),
        ]

    def __str__(self):
        return f"{self.position}. {self.story}"


class AnthologyExport(models.Model):
    """One build of an anthology in one format, made by the background worker. It keeps the
    date and the stories it holds (their titles at the time), so that what was exported is
    known even after a story leaves."""

    class Format(models.TextChoices):
        EPUB = "epub", "EPUB 3"
        PDF = "pdf", "PDF"

    class Status(models.TextChoices):
        QUEUED = "attente", _("Waiting")
        BUILDING = "en-cours", _("Being built")
        DONE = "pret", _("Ready")
        FAILED = "echec", _("Failed")

    anthology = models.ForeignKey(Anthology, on_delete=models.CASCADE, related_name="exports")
    format = models.CharField(max_length=8, choices=Format.choices)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    file = models.FileField(upload_to="stories/anthologies/", blank=True, max_length=200)
    size = models.PositiveBigIntegerField(default=0)
    stories = models.JSONField(default=list)  # [{"id":…, "title":…}] at build time
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    built_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"{self.anthology} ({self.format})"
