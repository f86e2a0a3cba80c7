from django.contrib import admin

from entraide.places.models import Invitation, Membership, Place


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region", "city"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "city"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "place", "created_at", "expires_at", "accepted_at"]
    list_filter = ["place"]
    exclude = ["token_digest"]
    readonly_fields = ["accepted_at", "accepted_by"]

    def has_add_permission(self, request):
        return False  # invitations are sent by organisers, with a private link
