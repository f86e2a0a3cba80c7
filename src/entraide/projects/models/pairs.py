"""Pairs (binômes), their members, and the people looking for a partner."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.core.tokens import keyed_token
from entraide.projects.models.catalogues import NAME_MAX, Project

INVITATION_PURPOSE = "entraide.projects.pair-invitation"


class Pair(models.Model):
    """Two people doing a project together. The pair exists (`formed_at`) once both members
    have accepted; until then one member has asked the other, by mail (an invitation that works
    before the other has an account) or by proposing to someone looking for a partner."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="pairs")
    created_at = models.DateTimeField(default=timezone.now)
    formed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("pair")
        verbose_name_plural = _("pairs")
        ordering = ["project", "pk"]
        indexes = [models.Index(fields=["project", "formed_at"], name="pair_project_formed")]

    def __str__(self):
        return f"{self.project} #{self.pk}"

    def get_absolute_url(self):
        return f"/projets/binome/{self.pk}/"

    @property
    def is_formed(self):
        return self.formed_at is not None


class Member(models.Model):
    """One of the two members of a pair. An accepted member has `accepted_at`; the other is
    asked: by mail (`email`, a private link; `user` set when they accept) or, when they were
    looking for a partner, by their account (`user`, no link)."""

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="members")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="project_memberships",
    )
    name = models.CharField(_("name"), max_length=NAME_MAX, blank=True)  # as the inviter wrote it
    email = models.EmailField(_("email address"), blank=True)
    language = models.CharField(max_length=10, default="fr")  # of the invitation's mail
    link_key = models.CharField(max_length=32, editable=False, blank=True)
    token_digest = models.CharField(max_length=64, editable=False, blank=True, db_index=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invited_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("pair member")
        verbose_name_plural = _("pair members")
        ordering = ["pair", "pk"]
        constraints = [
            # in one pair of a project at a time, once accepted
            models.UniqueConstraint(
                fields=["project", "user"],
                condition=Q(user__isnull=False, accepted_at__isnull=False),
                name="one_pair_per_project_and_person",
            ),
            models.UniqueConstraint(
                fields=["pair", "user"], condition=Q(user__isnull=False), name="once_in_a_pair"
            ),
        ]

    def __str__(self):
        return str(self.user) if self.user_id else self.email

    @property
    def is_accepted(self):
        return self.accepted_at is not None

    def invitation_url(self):
        return f"/projets/invitation/{keyed_token(INVITATION_PURPOSE, self.link_key)}/"


class Seeker(models.Model):
    """Someone looking for a partner for a project ("je cherche un binôme"). Others looking for
    the same project see their first name only."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="seekers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_searches"
    )
    note = models.CharField(_("a word about you"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("person looking for a partner")
        verbose_name_plural = _("people looking for a partner")
        ordering = ["project", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="one_search_per_project"),
        ]

    def __str__(self):
        return f"{self.user} → {self.project}"
