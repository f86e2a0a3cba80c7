"""Delivering the outbox: claim a due mail, send it, then blank it, or retry it later.

Each mail is claimed with one conditional UPDATE that only one process can win: a queued mail
that is due, or a mail whose sender died (its lease has expired). So a mail is sent once in the
normal case, and at least once across crashes: a worker killed after the SMTP server accepted a
mail but before it wrote "sent" will see it sent again when the lease expires.

Temporary failures (refused connection, timeout, 4xx answers) are retried after
ENTRAIDE_MAIL_RETRY_DELAYS; permanent ones (5xx answers) and the last retry mark it failed,
for the site administrator to see in the admin and in `entraide mail_status`.
"""

import base64
import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import F, Q
from django.utils import timezone

from entraide.core.models import OutgoingMail

log = logging.getLogger(__name__)
Status = OutgoingMail.Status
SERVER_DOWN = "entraide:mail-server-unreachable"


class PermanentMailError(Exception):
    """The mail server refused the mail for good (a 5xx answer): retrying would not help."""


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


def due_mails(now=None):
    now = now or timezone.now()
    return OutgoingMail.objects.filter(
        Q(status=Status.QUEUED, next_attempt_at__lte=now)
        | Q(status=Status.SENDING, lease_expires_at__lt=now)
    )


def claim(mail_id: int) -> OutgoingMail | None:
    """Take the mail for this process, or None if it is not due or another process has it."""
    now = timezone.now()
    lease = now + timedelta(seconds=settings.ENTRAIDE_MAIL_LEASE_SECONDS)
    won = (
        due_mails(now)
        .filter(pk=mail_id)
        .update(status=Status.SENDING, lease_expires_at=lease, attempts=F("attempts") + 1)
    )
    return OutgoingMail.objects.filter(pk=mail_id).first() if won else None


def deliver(mail_id: int) -> str | None:
    """Claim and send one mail; returns its new status, or None if it was not ours to send.

    While the mail server is unreachable (a refused connection or a timeout in the last
    minute, for any process), mails are left due for `deliver_due` instead of each waiting
    for its own timeout: a dead server costs one timeout a minute, not one per mail."""
    if cache.get(SERVER_DOWN):
        return None
    mail = claim(mail_id)
    if mail is None:
        return None
    try:
        _send(mail.payload)
    except Exception as error:  # every failure is recorded on the mail, none is lost
        if _unreachable(error):
            cache.set(SERVER_DOWN, True, settings.ENTRAIDE_MAIL_RETRY_DELAYS[0])
        return _failed(mail, error)
    cache.delete(SERVER_DOWN)
    OutgoingMail.objects.filter(pk=mail.pk).update(
        status=Status.SENT,
        payload=None,
        sent_at=timezone.now(),
        lease_expires_at=None,
        last_error="",
    )
    return Status.SENT


def _send(payload):
    connection = get_connection(settings.ENTRAIDE_DELIVERY_BACKEND, fail_silently=False)
    try:
        connection.send_messages([payload_to_message(payload)])
    except smtplib.SMTPRecipientsRefused as error:
        codes = [code for code, _message in error.recipients.values()]
        if codes and all(code >= 500 for code in codes):
            refused = ", ".join(map(str, codes))
            raise PermanentMailError(f"recipients refused ({refused})") from error
        raise
    except smtplib.SMTPResponseException as error:
        if error.smtp_code >= 500 and not isinstance(error, smtplib.SMTPConnectError):
            raise PermanentMailError(f"{error.smtp_code} {_text(error.smtp_error)}") from error
        raise


def _unreachable(error):
    """A refused connection, a timeout or a dropped line, not an answer about this mail."""
    if isinstance(error, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError):
        return True
    return isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException)


def _text(value):
    return value.decode(errors="replace") if isinstance(value, bytes) else str(value)


def _failed(mail, error) -> str:
    reason = f"{type(error).__name__}: {error}"[:300]
    delays = settings.ENTRAIDE_MAIL_RETRY_DELAYS
    retries_done = mail.attempts - 1
    if isinstance(error, PermanentMailError) or retries_done >= len(delays):
        OutgoingMail.objects.filter(pk=mail.pk).update(
            status=Status.FAILED, lease_expires_at=None, last_error=reason
        )
        log.error("mail %s failed for good after %s attempts: %s", mail.pk, mail.attempts, reason)
        return Status.FAILED
    next_attempt = timezone.now() + timedelta(seconds=delays[retries_done])
    OutgoingMail.objects.filter(pk=mail.pk).update(
        status=Status.QUEUED, next_attempt_at=next_attempt, lease_expires_at=None, last_error=reason
    )
    log.warning("mail %s not sent (%s), next attempt at %s", mail.pk, reason, next_attempt)
    return Status.QUEUED


def deliver_in_order(mail_id: int) -> str | None:
    """Deliver this mail after any older one still due (e.g. one whose task was lost when a
    process died), so that nobody reads "registration cancelled" before "confirmed"."""
    older = due_mails().filter(pk__lt=mail_id).order_by("pk").values_list("pk", flat=True)
    for pk in older[:100]:
        if deliver(pk) == Status.QUEUED:
            return None  # the server is in trouble: the sweep goes on later, in the same order
    return deliver(mail_id)


def deliver_due(limit: int = 100) -> dict:
    """Send every mail that is due: the ones whose retry time has come, whose worker died, or
    whose task was never enqueued. Stops at the first failure to reach the server, so a dead
    server costs one timeout, not one per mail."""
    counts = {Status.SENT: 0, Status.QUEUED: 0, Status.FAILED: 0}
    cache.delete(SERVER_DOWN)  # the periodic sweep is the one that tries again
    ids = list(due_mails().order_by("pk").values_list("pk", flat=True)[:limit])
    for mail_id in ids:
        status = deliver(mail_id)
        if status is None:
            continue
        counts[status] += 1
        if status == Status.QUEUED:
            break
    return counts


def prune(now=None) -> tuple[int, int]:
    """Forget delivered mails after ENTRAIDE_MAIL_KEEP_DAYS and failed ones after
    ENTRAIDE_FAILED_MAIL_KEEP_DAYS (a failed one still holds its message until then)."""
    now = now or timezone.now()
    sent, _ = OutgoingMail.objects.filter(
        status=Status.SENT, sent_at__lt=now - timedelta(days=settings.ENTRAIDE_MAIL_KEEP_DAYS)
    ).delete()
    failed, _ = OutgoingMail.objects.filter(
        status=Status.FAILED,
        created_at__lt=now - timedelta(days=settings.ENTRAIDE_FAILED_MAIL_KEEP_DAYS),
    ).delete()
    return sent, failed
