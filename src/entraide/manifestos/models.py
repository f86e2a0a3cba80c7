"""A manifesto written together: its phase, the questions posed in the workshops, the ideas
people post under them and support with a few dots, and the text as ordered sections that may
cite the ideas they came from."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length, Lower, Trim
from django.db.models.lookups import GreaterThan, LessThanOrEqual
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from entraide.core.models import MarkdownDescribed, RendersMarkdown
from entraide.core.tokens import keyed_token
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
# amendments reopened once closed or after a version, to prepare the next one. "Version
# published" is reached only by publishing one (services.versions.publish_version): from
# drafting (V0) or once amendments are closed.
TRANSITIONS = {
    Phase.IDEAS: (Phase.DRAFTING,),
    Phase.DRAFTING: (Phase.AMENDMENTS_OPEN, Phase.IDEAS, Phase.PUBLISHED),
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
COMMENT_MAX = 2_000
DECISION_REASON_MAX = 2_000
SIGNATURE_COMMENT_MAX = 500
ORGANISATION_MAX = 150
AMENDMENT_LINK_PURPOSE = "entraide.manifestos.amendment"
SIGNATURE_LINK_PURPOSE = "entraide.manifestos.signature"


class AmendmentKind(models.TextChoices):
    REPLACE = "remplacer", _("Replace the text of a section")
    DELETE = "supprimer", _("Delete a section")
    ADD = "ajouter", _("Add a section after another")


class AmendmentStatus(models.TextChoices):
    OPEN = "ouvert", pgettext_lazy("amendment", "Open")
    ACCEPTED = "accepte", pgettext_lazy("amendment", "Accepted")
    REJECTED = "rejete", pgettext_lazy("amendment", "Rejected")
    WITHDRAWN = "retire", pgettext_lazy("amendment", "Withdrawn")


class AmendmentQuerySet(models.QuerySet):
    def public(self):
        """Shown to everyone: proposed by a signed-in person, or its address confirmed."""
        return self.filter(confirmed_at__isnull=False)


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
    # Without an account: the author's address, confirmed through the private link mailed to
    # it (token = keyed_token(AMENDMENT_LINK_PURPOSE, link_key), only its digest looked up).
    # The amendment is public once `confirmed_at` is set: at once for a signed-in author.
    email = models.EmailField(_("email address"), blank=True)
    link_key = models.CharField(max_length=32, blank=True, editable=False)
    token_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=10, default=settings.LANGUAGE_CODE, editable=False)
    status = models.CharField(
        _("status"), max_length=8, choices=AmendmentStatus.choices, default=AmendmentStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The organisers' decision: accepted or rejected, always with a reason.
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_reason = models.TextField(_("reason"), max_length=DECISION_REASON_MAX, blank=True)
    # Once accepted: the key (a Section's pk) of the section it changed, deleted or created,
    # so that a comparison of versions finds the amendment behind each change; and the first
    # version published with it.
    applied_key = models.PositiveIntegerField(null=True, blank=True, editable=False)
    version = models.ForeignKey(
        "Version", on_delete=models.SET_NULL, null=True, blank=True, related_name="amendments"
    )

    objects = AmendmentQuerySet.as_manager()

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
            models.CheckConstraint(
                condition=~Q(status__in=[AmendmentStatus.ACCEPTED, AmendmentStatus.REJECTED])
                | (Q(decided_at__isnull=False) & Q(_not_blank("decision_reason"))),
                name="amendment_decision_says_why",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    def get_absolute_url(self):
        return reverse("manifestos:amendment", args=[self.manifesto.slug, self.pk])

    def private_token(self) -> str:
        return keyed_token(AMENDMENT_LINK_PURPOSE, self.link_key)

    def private_url(self) -> str:
        return reverse("manifestos:my_amendment", args=[self.private_token()])

    @property
    def is_public(self):
        """Signed in, or its address confirmed: shown to everyone."""
        return self.confirmed_at is not None

    @property
    def is_open(self):
        return self.status == AmendmentStatus.OPEN


class VoteChoice(models.TextChoices):
    FOR = "pour", pgettext_lazy("vote", "For")
    AGAINST = "contre", pgettext_lazy("vote", "Against")
    ABSTAIN = "abstention", pgettext_lazy("vote", "Abstain")


class Vote(models.Model):
    """One person's vote on an amendment (a Contributor: an account, or a visitor's browser
    session, as for the ideas); changeable while amendments are open."""

    amendment = models.ForeignKey(Amendment, on_delete=models.CASCADE, related_name="votes")
    contributor = models.ForeignKey(Contributor, on_delete=models.CASCADE, related_name="votes")
    choice = models.CharField(_("vote"), max_length=10, choices=VoteChoice.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["amendment", "contributor"], name="one_vote_per_person"
            ),
            models.CheckConstraint(
                condition=Q(choice__in=VoteChoice.values), name="vote_choice_is_known"
            ),
        ]

    def __str__(self):
        return f"{self.contributor} · {self.get_choice_display()} · {self.amendment_id}"


class Comment(models.Model):
    """A comment on a section or on an amendment (exactly one of them), or a reply to such a
    comment (one level: a reply's `parent` has no parent). Organisers hide a comment with a
    reason, which stays visible in its place."""

    manifesto = models.ForeignKey(Manifesto, on_delete=models.CASCADE, related_name="comments")
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    amendment = models.ForeignKey(
        Amendment, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    contributor = models.ForeignKey(Contributor, on_delete=models.CASCADE, related_name="comments")
    author_name = models.CharField(_("your name"), max_length=NAME_MAX)
    body = models.TextField(_("your comment"), max_length=COMMENT_MAX)
    hidden = models.BooleanField(default=False)
    hide_reason = models.CharField(_("reason"), max_length=HIDE_REASON_MAX, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(section__isnull=True, amendment__isnull=False)
                | Q(section__isnull=False, amendment__isnull=True),
                name="comment_on_a_section_or_an_amendment",
            ),
            models.CheckConstraint(condition=_not_blank("body"), name="comment_not_blank"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), COMMENT_MAX), name="comment_bounded"
            ),
            models.CheckConstraint(
                condition=_not_blank("author_name"), name="comment_has_an_author_name"
            ),
            models.CheckConstraint(
                condition=Q(hidden=False) | Q(_not_blank("hide_reason")),
                name="hidden_comment_says_why",
            ),
        ]

    def __str__(self):
        return self.body[:60]


class Version(models.Model):
    """A published version (V0, V1, …): the whole text frozen as it was, readable at its own
    address for good; signatures are given to a version."""

    manifesto = models.ForeignKey(Manifesto, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    note = models.TextField(_("what this version changes"), max_length=2_000, blank=True)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["manifesto", "number"], name="one_version_per_number"),
        ]

    def __str__(self):
        return f"V{self.number}"

    def get_absolute_url(self):
        return reverse("manifestos:version", args=[self.manifesto.slug, self.number])

    @property
    def label(self):
        return f"V{self.number}"


class VersionSection(RendersMarkdown):
    """A section as it stood in a version. `key` is the pk of the live Section it was frozen
    from (kept as a number: the section may be deleted later), so that two versions are
    compared section by section. Frozen in bulk with the live section's HTML; a save renders it
    again from `body`, like every Markdown text."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="sections")
    key = models.PositiveIntegerField()
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=SECTION_TITLE_MAX)
    body = models.TextField(max_length=SECTION_BODY_MAX)
    body_html = models.TextField()

    markdown_fields = {"body": "body_html"}

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="one_frozen_section_per_key"),
            models.UniqueConstraint(
                fields=["version", "position"], name="one_frozen_section_per_position"
            ),
        ]

    def __str__(self):
        return f"{self.version} · {self.title}"


class Signature(models.Model):
    """A signature of a published version: a name, optionally an organisation (free text) or a
    place of the directory, an optional comment. Confirmed through the private link mailed to
    the address (no account needed); one per address and version. The signer withdraws it
    through the same link."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="signatures")
    name = models.CharField(_("your name"), max_length=NAME_MAX)
    organisation = models.CharField(_("organisation"), max_length=ORGANISATION_MAX, blank=True)
    place = models.ForeignKey(
        Place,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="manifesto_signatures",
        verbose_name=_("place of the directory"),
    )
    comment = models.CharField(_("comment"), max_length=SIGNATURE_COMMENT_MAX, blank=True)
    email = models.EmailField(_("email address"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="manifesto_signatures",
    )
    link_key = models.CharField(max_length=32, editable=False)
    token_digest = models.CharField(max_length=64, db_index=True, editable=False)
    language = models.CharField(max_length=10, default=settings.LANGUAGE_CODE, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["confirmed_at", "pk"]
        indexes = [models.Index(fields=["version", "confirmed_at", "id"])]
        constraints = [
            models.UniqueConstraint(
                "version", Lower("email"), name="one_signature_per_address_and_version"
            ),
            models.CheckConstraint(condition=_not_blank("name"), name="signature_has_a_name"),
        ]

    def __str__(self):
        return f"{self.name} · {self.version}"

    def private_token(self) -> str:
        return keyed_token(SIGNATURE_LINK_PURPOSE, self.link_key)

    def private_url(self) -> str:
        return reverse("manifestos:my_signature", args=[self.private_token()])

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None
