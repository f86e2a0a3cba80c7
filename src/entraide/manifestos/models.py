"""A manifesto written together: its phase, the questions posed in the workshops, the ideas
people post under them and support with a few dots, and the text as ordered sections that may
cite the ideas they came from."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length, Trim
from django.db.models.lookups import GreaterThan, LessThanOrEqual
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from entraide.core.models import MarkdownDescribed, RendersMarkdown
from entraide.places.models import Place

IDEA_MAX = 500  # characters of an idea: a sticky note, not an essay
QUESTION_MAX = 300
SECTION_TITLE_MAX = 200
SECTION_BODY_MAX = 20_000
HIDE_REASON_MAX = 300
GROUP_MAX = 80
NAME_MAX = 80
DOTS_MAX = 20


def _not_blank(field):
    return GreaterThan(Length(Trim(field)), 0)


class Phase(models.TextChoices):
    IDEAS = "idees", _("Ideas")
    DRAFTING = "redaction", _("Drafting")
    AMENDMENTS_OPEN = "amendements_ouverts", _("Amendments open")
    AMENDMENTS_CLOSED = "amendements_clos", _("Amendments closed")
    PUBLISHED = "version_publiee", _("Version published")


# Where each phase may lead: forward through the cycle, back to ideas while drafting, and
# amendments reopened once closed or after a version, to prepare the next one.
TRANSITIONS = {
    Phase.IDEAS: (Phase.DRAFTING,),
    Phase.DRAFTING: (Phase.AMENDMENTS_OPEN, Phase.IDEAS),
    Phase.AMENDMENTS_OPEN: (Phase.AMENDMENTS_CLOSED,),
    Phase.AMENDMENTS_CLOSED: (Phase.PUBLISHED, Phase.AMENDMENTS_OPEN),
    Phase.PUBLISHED: (Phase.AMENDMENTS_OPEN,),
}


class Manifesto(MarkdownDescribed):
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="manifestos")
    series = models.ForeignKey(
        "workshops.Series",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="manifestos",
        verbose_name=_("workshop series"),
        help_text=_("The series of workshops in which it is written, if any."),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address on the site"), max_length=80, unique=True)
    description = models.TextField(_("introduction"), blank=True, max_length=10_000)
    phase = models.CharField(_("phase"), max_length=24, choices=Phase.choices, default=Phase.IDEAS)
    dots_per_question = models.PositiveSmallIntegerField(
        _("dots per person and question"),
        default=5,
        help_text=_("How many ideas each person may support under each question."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("manifesto")
        verbose_name_plural = _("manifestos")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(phase__in=Phase.values), name="manifesto_phase_is_known"
            ),
            models.CheckConstraint(
                condition=Q(dots_per_question__gte=1, dots_per_question__lte=DOTS_MAX),
                name="manifesto_dots_between_1_and_20",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("manifestos:detail", args=[self.slug])

    def next_phases(self):
        return TRANSITIONS[Phase(self.phase)]

    @property
    def takes_ideas(self):
        return self.phase == Phase.IDEAS

    @property
    def is_drafting(self):
        return self.phase == Phase.DRAFTING


class Question(models.Model):
    """A question posed to the participants, often in one workshop of the series."""

    manifesto = models.ForeignKey(Manifesto, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField()
    text = models.CharField(_("question"), max_length=QUESTION_MAX)
    workshop = models.ForeignKey(
        "workshops.Workshop",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("workshop where it is posed"),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["manifesto", "position"], name="one_question_per_position"
            ),
            models.CheckConstraint(condition=_not_blank("text"), name="question_text_not_blank"),
        ]

    def __str__(self):
        return self.text


class Contributor(models.Model):
    """Someone who posts or supports ideas in one manifesto: with an account (one per account),
    or without one, known by her browser session: `visitor_key` is an HMAC of the session's key
    (the key itself, which signs her in, is never stored), one row per session."""

    manifesto = models.ForeignKey(Manifesto, on_delete=models.CASCADE, related_name="contributors")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="manifesto_contributions",
    )
    visitor_key = models.CharField(max_length=64, blank=True, default="", editable=False)
    name = models.CharField(_("name"), max_length=NAME_MAX, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["manifesto", "user"],
                condition=Q(user__isnull=False),
                name="one_contributor_per_account",
            ),
            models.UniqueConstraint(
                fields=["manifesto", "visitor_key"],
                condition=~Q(visitor_key=""),
                name="one_contributor_per_visitor",
            ),
        ]

    def __str__(self):
        return self.name or f"#{self.pk}"


class Idea(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="ideas")
    contributor = models.ForeignKey(Contributor, on_delete=models.CASCADE, related_name="ideas")
    author_name = models.CharField(_("your name"), max_length=NAME_MAX)
    text = models.CharField(_("your idea"), max_length=IDEA_MAX)
    group = models.CharField(_("group"), max_length=GROUP_MAX, blank=True)
    hidden = models.BooleanField(default=False)
    hide_reason = models.CharField(_("reason"), max_length=HIDE_REASON_MAX, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=_not_blank("text"), name="idea_text_not_blank"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), IDEA_MAX), name="idea_text_bounded"
            ),
            models.CheckConstraint(
                condition=_not_blank("author_name"), name="idea_has_an_author_name"
            ),
            models.CheckConstraint(
                condition=Q(hidden=False) | Q(_not_blank("hide_reason")),
                name="hidden_idea_says_why",
            ),
        ]

    def __str__(self):
        return self.text[:60]


class Support(models.Model):
    """One dot a contributor put on an idea; at most `dots_per_question` per question
    (services.ideas.support, under the manifesto's lock)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    contributor = models.ForeignKey(Contributor, on_delete=models.CASCADE, related_name="supports")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["idea", "contributor"], name="one_dot_per_idea")
        ]

    def __str__(self):
        return f"{self.contributor} → {self.idea}"


class Section(RendersMarkdown):
    """A part of the text: a title and a Markdown body, in order (`position`, gaps allowed;
    its number is its rank)."""

    manifesto = models.ForeignKey(Manifesto, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=SECTION_TITLE_MAX)
    body = models.TextField(_("text"), max_length=SECTION_BODY_MAX)
    body_html = models.TextField(editable=False, default="")
    cited_ideas = models.ManyToManyField(
        Idea, blank=True, related_name="sections", verbose_name=_("ideas it comes from")
    )
    updated_at = models.DateTimeField(auto_now=True)

    markdown_fields = {"body": "body_html"}

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["manifesto", "position"], name="one_section_per_position"
            ),
            models.CheckConstraint(condition=_not_blank("title"), name="section_title_not_blank"),
            models.CheckConstraint(condition=_not_blank("body"), name="section_body_not_blank"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), SECTION_BODY_MAX),
                name="section_body_bounded",
            ),
        ]

    def __str__(self):
        return self.title


RATIONALE_MAX = 2_000


class AmendmentKind(models.TextChoices):
    REPLACE = "remplacer", _("Replace the text of a section")
    DELETE = "supprimer", _("Delete a section")
    ADD = "ajouter", _("Add a section after another")


class AmendmentStatus(models.TextChoices):
    OPEN = "ouvert", pgettext_lazy("amendment", "Open")
    ACCEPTED = "accepte", pgettext_lazy("amendment", "Accepted")
    REJECTED = "rejete", pgettext_lazy("amendment", "Rejected")
    WITHDRAWN = "retire", pgettext_lazy("amendment", "Withdrawn")


class Amendment(models.Model):
    """A change proposed to the text while amendments are open: replace a section's title and
    body, delete a section, or add one after `section` (null: at the start). `base_title` and
    `base_body` keep the section as it was when proposed, so that the diff is against the text
    the author read. Its author is a signed-in person; when the account goes, the amendment
    stays, signed with `author_name`."""

    manifesto = models.ForeignKey(Manifesto, on_delete=models.CASCADE, related_name="amendments")
    kind = models.CharField(_("kind"), max_length=10, choices=AmendmentKind.choices)
    section = models.ForeignKey(
        Section, on_delete=models.SET_NULL, null=True, blank=True, related_name="amendments"
    )
    title = models.CharField(_("proposed title"), max_length=SECTION_TITLE_MAX, blank=True)
    body = models.TextField(_("proposed text"), max_length=SECTION_BODY_MAX, blank=True)
    base_title = models.CharField(max_length=SECTION_TITLE_MAX, blank=True, editable=False)
    base_body = models.TextField(max_length=SECTION_BODY_MAX, blank=True, editable=False)
    rationale = models.TextField(_("rationale"), max_length=RATIONALE_MAX)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="manifesto_amendments",
    )
    author_name = models.CharField(_("name"), max_length=NAME_MAX)
    status = models.CharField(
        _("status"), max_length=8, choices=AmendmentStatus.choices, default=AmendmentStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=AmendmentKind.values), name="amendment_kind_is_known"
            ),
            models.CheckConstraint(
                condition=Q(status__in=AmendmentStatus.values), name="amendment_status_is_known"
            ),
            models.CheckConstraint(
                condition=Q(kind=AmendmentKind.DELETE)
                | (Q(_not_blank("title")) & Q(_not_blank("body"))),
                name="amendment_proposes_a_text",
            ),
            models.CheckConstraint(
                condition=~Q(kind=AmendmentKind.DELETE) | (Q(title="") & Q(body="")),
                name="amendment_deletion_proposes_no_text",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), SECTION_BODY_MAX),
                name="amendment_body_bounded",
            ),
            models.CheckConstraint(
                condition=_not_blank("rationale"), name="amendment_has_a_rationale"
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("rationale"), RATIONALE_MAX),
                name="amendment_rationale_bounded",
            ),
            models.CheckConstraint(
                condition=_not_blank("author_name"), name="amendment_has_an_author_name"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    def get_absolute_url(self):
        return reverse("manifestos:amendment", args=[self.manifesto.slug, self.pk])

    @property
    def is_open(self):
        return self.status == AmendmentStatus.OPEN
