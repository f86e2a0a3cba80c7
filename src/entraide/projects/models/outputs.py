"""What pairs start from a project (a story, a workshop, a survey, a challenge) and the places
hosting a workshop-type project. The objects belong to the other capabilities: only their kind
and id are kept here, and entraide.projects.outputs reads them through each capability."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.places.models import Place
from entraide.projects.models.catalogues import OutputKind, Project
from entraide.projects.models.pairs import Pair


class Output(models.Model):
    """Something a pair started from a project: `kind` says which capability holds it, and
    `object_id` which of its objects (a story, a workshop, a survey, a challenge)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="outputs")
    pair = models.ForeignKey(
        Pair, on_delete=models.SET_NULL, null=True, blank=True, related_name="outputs"
    )
    kind = models.CharField(max_length=12, choices=OutputKind.choices)
    object_id = models.PositiveBigIntegerField()
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("output")
        verbose_name_plural = _("outputs")
        ordering = ["project", "-started_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_output_per_object"),
        ]
        indexes = [models.Index(fields=["project", "kind"], name="output_project_kind")]

    def __str__(self):
        return f"{self.kind} {self.object_id}"


class Hosting(models.Model):
    """A place hosting a workshop-type project ("Accueillir cet atelier dans mon lieu"): the
    draft workshop (or series) made at the place, and the availability poll opened for it."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="hostings")
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="project_hostings")
    workshop_id = models.PositiveBigIntegerField(null=True, blank=True)
    series_id = models.PositiveBigIntegerField(null=True, blank=True)
    poll_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("hosting")
        verbose_name_plural = _("hostings")
        ordering = ["project", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "place"], name="one_hosting_per_place"),
        ]

    def __str__(self):
        return f"{self.project} @ {self.place}"
