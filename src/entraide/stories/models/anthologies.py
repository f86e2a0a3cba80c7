"""The anthology (recueil): the stories picked, their order, and its exports."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.core.models import RendersMarkdown
from entraide.stories.models.collections import TITLE_MAX, Collection
from entraide.stories.models.stories import Story


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
