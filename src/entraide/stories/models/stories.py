"""A story, its authors, its saved versions, the comments of its review, the interviewee's
consent and the podcast episode."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.core.models import RendersMarkdown
from entraide.core.tokens import keyed_token
from entraide.stories.models.collections import (
    ALT_MAX,
    BODY_MAX,
    CHAPTERS_MAX,
    COMMENT_MAX,
    CONSENT_PURPOSE,
    NAME_MAX,
    PARTNER_PURPOSE,
    TITLE_MAX,
    TRANSCRIPT_MAX,
    WORDS_PER_PAGE,
    Collection,
    ConsentForm,
    Theme,
)


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
