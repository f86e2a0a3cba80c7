from django.contrib import admin

from entraide.core.models import LegalPage


@admin.register(LegalPage)
class LegalPageAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "updated_at"]
    readonly_fields = ["updated_at"]
