"""A survey: its sections and questions, the anonymous responses it collects, the invitations
that carry single-use links, and what its organisers choose to publish.

Anonymity is a property of the schema: a Response holds its survey and the day it was given,
nothing else (no account, no address, no IP, no cookie, no time of day); an Invitation records
the day it was used and has no relation to any Response, so the two tables cannot be paired."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.core.models import MarkdownDescribed
from entraide.core.tokens import keyed_token
from entraide.places.models import Place

INVITATION_LINK_PURPOSE = "entraide.surveys.invitation-link"
TITLE_MAX = 200
QUESTION_MAX = 500
HELP_MAX = 1_000
CHOICE_MAX = 200
SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 5_000  # characters of a long text answer: said beside the field
MAX_QUESTIONS = 100
MAX_CHOICES = 50
MIN_THRESHOLD = 3  # small counts are never shown below this, whatever the survey says
DEFAULT_THRESHOLD = 5


class Kind(models.TextChoices):
    SINGLE = "choix-unique", _("Single choice")
    MULTIPLE = "choix-multiples", _("Multiple choice")
    SCALE = "echelle", _("Scale")
    NUMBER = "nombre", _("Number")
    SHORT_TEXT = "texte-court", _("Short text")
    LONG_TEXT = "texte-long", _("Long text")
    YES_NO = "oui-non", _("Yes / no")


CHOICE_KINDS = {Kind.SINGLE, Kind.MULTIPLE, Kind.YES_NO}  # answers are Choice rows
VALUE_KINDS = {Kind.SCALE, Kind.NUMBER}  # answers are numbers: mean, median
TEXT_KINDS = {Kind.SHORT_TEXT, Kind.LONG_TEXT}  # never published, except chosen quotes


class ResultsWhen(models.TextChoices):
    NOT_YET = "pas-encore", _("Not published")
    WHILE_OPEN = "pendant", _("Published now, and updated while answers come in")
    AFTER_CLOSING = "apres", _("Published once the survey is closed")


class Survey(MarkdownDescribed):
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="surveys")
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    slug = models.SlugField(_("address on the site"), max_length=80, unique=True)
    description = models.TextField(_("introduction"), blank=True, max_length=10_000)
    audience = models.CharField(
        _("audience"),
        max_length=200,
        blank=True,
        help_text=_("Who it is for, separated by commas: students, staff, public…"),
    )
    workshop = models.ForeignKey(
        "workshops.Workshop",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("workshop"),
    )
    series = models.ForeignKey(
        "workshops.Series",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("workshop series"),
    )
    opens_at = models.DateTimeField(_("opens on"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes on"), null=True, blank=True)
    # Set when the organisers publish the survey: before that it is a draft only they see.
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set when the organisers close it early; cleared when they reopen it.
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    invitation_only = models.BooleanField(
        _("one answer per invitation"),
        default=False,
        help_text=_(
            "Only people holding an invitation link may answer, once each. Without it, anyone "
            "with the survey's address may answer."
        ),
    )
    results_when = models.CharField(
        _("results"), max_length=12, choices=ResultsWhen.choices, default=ResultsWhen.NOT_YET
    )
    threshold = models.PositiveSmallIntegerField(
        _("smallest count shown"),
        default=DEFAULT_THRESHOLD,
        help_text=_(
            "Any count below it is shown as “fewer than N”, so that nobody can be recognised "
            "in a small group. Never below 3."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(threshold__gte=MIN_THRESHOLD), name="survey_threshold_at_least_3"
            ),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="survey_closes_after_it_opens",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("surveys:detail", args=[self.slug])

    @property
    def is_published(self):
        return self.published_at is not None

    def is_closed(self, now=None):
        now = now or timezone.now()
        return self.closed_at is not None or (self.closes_at is not None and self.closes_at <= now)

    def has_opened(self, now=None):
        now = now or timezone.now()
        return self.opens_at is None or self.opens_at <= now

    def is_open(self, now=None):
        """Whether answers are accepted now."""
        return self.is_published and self.has_opened(now) and not self.is_closed(now)

    def results_are_public(self, now=None):
        if not self.is_published:
            return False
        if self.results_when == ResultsWhen.WHILE_OPEN:
            return True
        return self.results_when == ResultsWhen.AFTER_CLOSING and self.is_closed(now)

    def audience_tags(self) -> list[str]:
        return [tag.strip() for tag in self.audience.split(",") if tag.strip()]


class Section(models.Model):
    """A fieldset of questions with a title; a survey has at least one. With several, each is
    a page of its own ("Section 2 of 4")."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("section title"), max_length=TITLE_MAX, blank=True)
    description = models.TextField(_("text before the questions"), blank=True, max_length=2_000)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title or f"Section {self.position + 1}"


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(default=0)  # within its section
    kind = models.CharField(_("kind of question"), max_length=16, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=QUESTION_MAX)
    help_text = models.CharField(_("help text"), max_length=HELP_MAX, blank=True)
    required = models.BooleanField(_("answer required"), default=False)
    # Choice questions
    allow_other = models.BooleanField(_("offer “other (specify)”"), default=False)
    max_choices = models.PositiveSmallIntegerField(_("most choices allowed"), null=True, blank=True)
    # Scales: from scale_min (0 or 1) to scale_max (5 or 10), with a label at each end
    scale_min = models.PositiveSmallIntegerField(_("scale from"), null=True, blank=True)
    scale_max = models.PositiveSmallIntegerField(_("scale to"), null=True, blank=True)
    label_min = models.CharField(_("label of the lowest value"), max_length=80, blank=True)
    label_max = models.CharField(_("label of the highest value"), max_length=80, blank=True)
    # Numbers: optional bounds
    number_min = models.DecimalField(
        _("smallest number"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    number_max = models.DecimalField(
        _("largest number"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    # Whether the results page shows its results (text questions: only the chosen quotes)
    results_public = models.BooleanField(_("results published"), default=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["section__position", "section_id", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_min__isnull=True)
                | Q(scale_max__isnull=True)
                | Q(scale_max__gt=models.F("scale_min")),
                name="question_scale_goes_up",
            ),
            models.CheckConstraint(
                condition=Q(number_min__isnull=True)
                | Q(number_max__isnull=True)
                | Q(number_max__gte=models.F("number_min")),
                name="question_number_bounds_in_order",
            ),
            models.CheckConstraint(
                condition=Q(max_choices__isnull=True) | Q(max_choices__gte=1),
                name="question_max_choices_positive",
            ),
        ]

    def __str__(self):
        return self.text

    @property
    def has_choices(self):
        return self.kind in CHOICE_KINDS

    @property
    def has_values(self):
        return self.kind in VALUE_KINDS

    @property
    def is_text(self):
        return self.kind in TEXT_KINDS


class Choice(models.Model):
    """One proposed answer of a choice question (yes/no questions get "Yes" and "No")."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    label = models.CharField(_("choice"), max_length=CHOICE_MAX)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label


class Response(models.Model):
    """One person's answers, anonymous: the survey and the day, nothing that identifies them
    or pairs them with an invitation."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    day = models.DateField(default=timezone.localdate)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["survey", "day"])]

    def __str__(self):
        return f"{self.survey} — {self.day}"


class Answer(models.Model):
    """The answer to one question within a response: a choice (one row per chosen answer of a
    multiple-choice question), an "other" text (choice empty), a number or a text."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.ForeignKey(
        Choice, on_delete=models.CASCADE, null=True, blank=True, related_name="answers"
    )
    number = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    text = models.TextField(blank=True, max_length=LONG_TEXT_MAX)
    # Chosen by the organisers, after reading it, to be published among the quotes
    quoted = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        # The results count rows by question, choice and number, and people who answered a
        # multiple-choice question by question and response: from these indexes alone.
        indexes = [
            models.Index(fields=["question", "choice", "number"], name="answer_cells"),
            models.Index(fields=["question", "response"], name="answer_respondents"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question", "choice"],
                name="one_answer_per_choice",
                condition=Q(choice__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["response", "question"],
                name="one_answer_without_choice",
                condition=Q(choice__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.question_id}: {self.choice_id or self.number or self.text[:40]}"


class Tally(models.Model):
    """How many answers fell in one cell of a question, counted as answers arrive (in the
    transaction that records them), so that the results read a few hundred rows whatever the
    number of responses. `cell`: RESPONDENTS (people who answered the question), "c<choice id>",
    OTHER_CELL, or "v<number with 2 decimals>". `group`: 0 for everyone, else the id of a
    choice of a single-choice or yes/no question: the cell among the people who chose it (the
    breakdown). services/tallies.py keeps them and can count them again from the answers."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="tallies")
    group = models.PositiveBigIntegerField(default=0)
    cell = models.CharField(max_length=24)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("tally")
        verbose_name_plural = _("tallies")
        constraints = [
            models.UniqueConstraint(fields=["question", "group", "cell"], name="one_tally_per_cell")
        ]

    def __str__(self):
        return f"{self.question_id}/{self.group}/{self.cell}: {self.count}"


class Invitation(models.Model):
    """A single-use link mailed to one address. Its token is keyed_token(purpose, link_key);
    only the digest is looked up. It records the day it was used, never which response."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    language = models.CharField(max_length=10, default="fr")
    link_key = models.CharField(max_length=32, editable=False)
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    invited_on = models.DateField(default=timezone.localdate)
    reminded_on = models.DateField(null=True, blank=True)
    used_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                "survey", models.functions.Lower("email"), name="one_invitation_per_address"
            )
        ]

    def __str__(self):
        return self.email

    def get_absolute_url(self):
        return reverse("surveys:invited", args=[self.private_token()])

    def private_token(self) -> str:
        return keyed_token(INVITATION_LINK_PURPOSE, self.link_key)
