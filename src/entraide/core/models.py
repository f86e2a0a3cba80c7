from django.db import models
from django.utils.translation import gettext_lazy as _

from entraide.core.markdown import render_markdown


class LegalPage(models.Model):
    """The privacy page and the legal notice, which a site administrator edits in the admin."""

    class Kind(models.TextChoices):
        PRIVACY = "confidentialite", _("Privacy")
        LEGAL_NOTICE = "mentions-legales", _("Legal notice")

    kind = models.CharField(_("page"), max_length=32, choices=Kind.choices, unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text (Markdown)"))
    body_html = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("legal page")
        verbose_name_plural = _("legal pages")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)
