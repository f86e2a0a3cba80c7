from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from entraide.places import services
from entraide.places.models import Invitation, Membership, Place


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "kind", "region", "city", "proposed_by"]
    list_filter = ["status", "kind", "region"]
    search_fields = ["name", "city", "postcode"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["proposed_by"]
    # A website typed without its scheme is https://, as on the place's own form.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [MembershipInline]
    actions = ["approve_proposals"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("proposed_by")

    @admin.action(description=_("Approve"), permissions=["change"])
    def approve_proposals(self, request, queryset):
        """Publish the selected proposals; each proposer becomes the organiser of theirs.
        Anything else in the selection (a published place, a forged id) is left alone."""
        approved = skipped = 0
        for place_id in queryset.values_list("pk", flat=True):
            if services.approve_proposal(place_id, by=request.user) is None:
                skipped += 1
            else:
                approved += 1
        if approved:
            self.message_user(
                request,
                ngettext("%(count)s place approved.", "%(count)s places approved.", approved)
                % {"count": approved},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)s place was not awaiting approval or has lost its proposer: "
                    "left as it was.",
                    "%(count)s places were not awaiting approval or have lost their proposer: "
                    "left as they were.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "place", "created_at", "expires_at", "accepted_at"]
    list_filter = ["place"]
    exclude = ["token_digest"]
    readonly_fields = ["accepted_at", "accepted_by"]

    def has_add_permission(self, request):
        return False  # invitations are sent by organisers, with a private link
