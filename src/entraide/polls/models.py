from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.core.models import MarkdownDescribed
from entraide.core.tokens import keyed_token
from entraide.places.models import Place

MAX_SLOTS = 100
LINK_PURPOSE = "entraide.polls.answer-link"


class Visibility(models.TextChoices):
    EVERYONE = "tout", _("Everyone sees every answer")
    TOTALS = "totaux", _("Everyone sees only the totals")


class Poll(MarkdownDescribed):
    """An availability poll: people say yes / if need be / no to each slot; the organisers fix
    one, which may give a workshop its date."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="polls")
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address on the site"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=10_000)
    allow_if_need_be = models.BooleanField(_("allow “if need be”"), default=True)
    visibility = models.CharField(
        _("who sees the answers"), max_length=10, choices=Visibility.choices,
        default=Visibility.EVERYONE,
    )  # fmt: skip
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Paris")
    closes_at = models.DateTimeField(_("closes on"), null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    workshop = models.ForeignKey(
        "workshops.Workshop",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="polls",
        verbose_name=_("workshop whose date it fixes"),
    )
    chosen_slot = models.ForeignKey(
        "Slot", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("availability poll")
        verbose_name_plural = _("availability polls")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("polls:detail", args=[self.slug])

    def is_closed(self, now=None):
        now = now or timezone.now()
        return self.closed_at is not None or (self.closes_at is not None and self.closes_at <= now)

    @property
    def shows_answers(self):
        return self.visibility == Visibility.EVERYONE


class Slot(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ["starts_at", "ends_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_it_starts"
            ),
            models.UniqueConstraint(
                fields=["poll", "starts_at", "ends_at"], name="one_slot_per_time_range"
            ),
        ]

    def __str__(self):
        return f"{self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%H:%M}"


class Answer(models.TextChoices):
    YES = "oui", _("Yes")
    IF_NEED_BE = "si-besoin", _("If need be")
    NO = "non", _("No")


class Participant(models.Model):
    """Someone who answered a poll, with or without an account. Their private edit link's token
    is HMAC(SECRET_KEY, link_key); only its digest is looked up."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="participants")
    name = models.CharField(_("name"), max_length=80)
    email = models.EmailField(
        _("email address (optional)"),
        blank=True,
        help_text=_("To receive your edit link and hear which date is chosen."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="poll_answers",
    )
    link_key = models.CharField(max_length=32, blank=True)
    token_digest = models.CharField(max_length=64, blank=True, db_index=True)
    # The language of the page the person answered on (their account's, when signed in): the
    # mails that follow, such as the fixed date, speak it too.
    language = models.CharField(max_length=10, default=settings.LANGUAGE_CODE, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "user"],
                condition=Q(user__isnull=False),
                name="one_answer_per_account",
            )
        ]

    def __str__(self):
        return self.name

    def edit_token(self) -> str:
        return keyed_token(LINK_PURPOSE, self.link_key)

    def edit_url(self) -> str:
        return reverse("polls:edit", args=[self.poll.slug, self.edit_token()])


class Choice(models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="choices")
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="choices")
    answer = models.CharField(max_length=10, choices=Answer.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "slot"], name="one_choice_per_slot")
        ]

    def __str__(self):
        return f"{self.participant} · {self.slot}: {self.answer}"


class Comment(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="comments")
    author_name = models.CharField(_("name"), max_length=80)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.author_name}: {self.body[:40]}"
