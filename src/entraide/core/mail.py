"""Mail through Django's mail API, written to the outbox in the same transaction as the change
it announces, and delivered by the background worker.

`QueuedEmailBackend` is Django's EMAIL_BACKEND: any code that sends mail (ours, allauth's,
Django's) hands messages to it. Each message becomes an `OutgoingMail` row *inside the current
transaction*: it commits with the registration, the promotion or the cancellation it announces,
or disappears with it. When the transaction commits, a task carrying only the row's number is
enqueued for the worker (`entraide db_worker`, started by `entraide serve`); if that enqueue is
lost (a process killed at that moment), `entraide deliver_mail` finds the row anyway. The task
queue never holds a message, so no private link or code stays readable in it.
"""

import base64

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task, task_backends

from entraide.core import outbox
from entraide.core.models import OutgoingMail


def message_to_payload(message) -> dict:
    attachments = []
    for attachment in message.attachments:
        filename, content, mimetype = attachment  # MIMEBase attachments are not used here
        if isinstance(content, str):
            content = content.encode()
        attachments.append([filename, base64.b64encode(content).decode(), mimetype])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [[str(c), m] for c, m in getattr(message, "alternatives", [])],
        "attachments": attachments,
    }


@task()
def deliver_outgoing_mail(mail_id: int) -> str | None:
    status = outbox.deliver_in_order(mail_id)
    if status == OutgoingMail.Status.QUEUED and task_backends["default"].supports_defer:
        retry_at = OutgoingMail.objects.values_list("next_attempt_at", flat=True).get(pk=mail_id)
        deliver_outgoing_mail.using(run_after=retry_at).enqueue(mail_id)
    return status


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        count = 0
        for message in email_messages:
            recipients = message.recipients()
            if not recipients:
                continue
            mail = OutgoingMail.objects.create(
                payload=message_to_payload(message),
                recipients=min(len(recipients), 32767),
                next_attempt_at=timezone.now(),
            )
            transaction.on_commit(lambda pk=mail.pk: deliver_outgoing_mail.enqueue(pk), robust=True)
            count += 1
        return count


def send_templated_mail(
    template_prefix: str, context: dict, *, to: list[str], attachments=(), reply_to=None
):
    """Send `<prefix>_subject.txt` / `<prefix>_message.txt` rendered with `context`, as
    plain text (no HTML escaping), from DEFAULT_FROM_EMAIL.

    `attachments`: (filename, bytes, mimetype) triples, e.g. a calendar file.
    `reply_to`: addresses that replies go to (none: replies go to the sender)."""
    subject = render_to_string(f"{template_prefix}_subject.txt", context, using="text").strip()
    body = render_to_string(f"{template_prefix}_message.txt", context, using="text")
    prefix = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
    message = EmailMultiAlternatives(
        f"{prefix}{subject}", body, to=to, reply_to=list(reply_to or []) or None
    )
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()
