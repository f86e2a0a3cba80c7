from django.contrib import admin, messages
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from entraide.core.models import LegalPage, OutgoingMail


@admin.register(LegalPage)
class LegalPageAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "updated_at"]
    readonly_fields = ["updated_at"]


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """The outbox, for monitoring: never the message itself (it holds private links)."""

    list_display = ["pk", "status", "created_at", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status"]
    fields = [
        "status",
        "created_at",
        "recipients",
        "attempts",
        "next_attempt_at",
        "lease_expires_at",
        "sent_at",
        "last_error",
    ]
    readonly_fields = fields
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Try again now (failed mails)"))
    def send_again(self, request, queryset):
        from entraide.core.mail import deliver_outgoing_mail

        failed = queryset.filter(status=OutgoingMail.Status.FAILED, payload__isnull=False)
        ids = list(failed.values_list("pk", flat=True))
        with transaction.atomic():
            failed.update(
                status=OutgoingMail.Status.QUEUED,
                attempts=0,
                next_attempt_at=timezone.now(),
                last_error="",
            )
            for pk in ids:
                transaction.on_commit(lambda pk=pk: deliver_outgoing_mail.enqueue(pk), robust=True)
        self.message_user(
            request,
            ngettext("%d mail will be sent again.", "%d mails will be sent again.", len(ids))
            % len(ids),
            messages.SUCCESS,
        )
