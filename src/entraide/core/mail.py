"""Mail through Django's mail API, delivered by the background worker after commit.

`QueuedEmailBackend` is Django's EMAIL_BACKEND: any code that sends mail (ours, allauth's,
Django's) hands messages to it. It turns each message into plain JSON and enqueues a task
*when the current transaction commits*, so a request never waits on a mail server and a mail
never announces something that was rolled back. The worker (`entraide db_worker`, started by
`entraide serve`) delivers it through ENTRAIDE_DELIVERY_BACKEND (SMTP, console or files).
"""

import base64

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.template.loader import render_to_string
from django_tasks import task


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


def payload_to_message(payload: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["body"],
        from_email=payload["from_email"],
        to=payload["to"],
        cc=payload["cc"],
        bcc=payload["bcc"],
        reply_to=payload["reply_to"],
        headers=payload["headers"],
    )
    for content, mimetype in payload["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in payload["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


@task()
def deliver_email(payload: dict) -> int:
    connection = get_connection(settings.ENTRAIDE_DELIVERY_BACKEND)
    return connection.send_messages([payload_to_message(payload)])


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            payload = message_to_payload(message)
            transaction.on_commit(lambda p=payload: deliver_email.enqueue(p))
            count += 1
        return count


def send_templated_mail(template_prefix: str, context: dict, *, to: list[str], attachments=()):
    """Send `<prefix>_subject.txt` / `<prefix>_message.txt` rendered with `context`.

    `attachments`: (filename, bytes, mimetype) triples, e.g. a calendar file."""
    subject = render_to_string(f"{template_prefix}_subject.txt", context).strip()
    body = render_to_string(f"{template_prefix}_message.txt", context)
    prefix = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
    message = EmailMultiAlternatives(f"{prefix}{subject}", body, to=to)
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()
