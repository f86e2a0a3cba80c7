from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.core.markdown import render_markdown


class RendersMarkdown(models.Model):
    """Text written in Markdown, kept beside its HTML, rendered and sanitised on each save
    (core.markdown): `markdown_fields` maps each source field to its HTML field.

    A save limited to some fields (`update_fields`) renders and saves the HTML of the sources
    among them. A queryset's update() bypasses save(): change these fields through the model."""

    markdown_fields: dict[str, str] = {}

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        saved = {
            source: html
            for source, html in self.markdown_fields.items()
            if update_fields is None or source in update_fields
        }
        for source, html in saved.items():
            setattr(self, html, render_markdown(getattr(self, source)))
        if update_fields is not None and saved:
            kwargs["update_fields"] = {*update_fields, *saved.values()}
        super().save(*args, **kwargs)


class MarkdownDescribed(RendersMarkdown):
    """A `description` in Markdown and its `description_html`, shown with |safe on the pages.
    A model may redeclare `description` (its length, its help text) without losing the rest."""

    description = models.TextField(_("description"), blank=True, max_length=20_000)
    description_html = models.TextField(editable=False, default="")

    markdown_fields = {"description": "description_html"}

    class Meta:
        abstract = True


class LegalPage(RendersMarkdown):
    """The privacy page and the legal notice, which a site administrator edits in the admin."""

    class Kind(models.TextChoices):
        PRIVACY = "confidentialite", _("Privacy")
        LEGAL_NOTICE = "mentions-legales", _("Legal notice")

    kind = models.CharField(_("page"), max_length=32, choices=Kind.choices, unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text (Markdown)"))
    body_html = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    markdown_fields = {"body": "body_html"}

    class Meta:
        verbose_name = _("legal page")
        verbose_name_plural = _("legal pages")

    def __str__(self):
        return self.title


class OutgoingMail(models.Model):
    """A mail waiting to leave: the outbox.

    The row is written in the same transaction as the change it announces, so it commits or
    rolls back with it. The worker delivers it, retries with backoff, and blanks the message
    once delivered: only what monitoring needs (dates, attempts, last error) stays."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    payload = models.JSONField(_("message"), null=True, editable=False)
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=1)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    lease_expires_at = models.DateTimeField(_("lease expires"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(payload__isnull=True),
                name="outbox_sent_mail_is_blank",
            )
        ]

    def __str__(self):
        return f"#{self.pk} ({self.get_status_display()})"


class RateCount(models.Model):
    """How many times one thing was done in one window of time (core.rate_limits): a mail to
    one address, a form sent from one network. The key is an HMAC of what is counted, never
    the address itself; `prune_queues` deletes the windows that are over."""

    key = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="rate_count_key_window")
        ]
        indexes = [models.Index(fields=["window_start"], name="rate_count_window_idx")]

    def __str__(self):
        return f"{self.key[:8]}… {self.window_start:%Y-%m-%d %H:%M}: {self.count}"
