"""One mail pattern: every mail an app sends is a named function of its `notifications.py`
(or of a module of its `notifications/` package, one per area of a large app), which its
services call inside their transaction (the mail is written to the outbox with the change).
No other module writes or sends a mail itself; a new app that did would fail here.

allauth's mails pass through its adapter (accounts/adapter.py) and reach the outbox through
EMAIL_BACKEND, like every mail sent with Django's API."""

import ast
from pathlib import Path

import pytest
from django.core import mail

import entraide
from entraide.core.models import OutgoingMail

SRC = Path(entraide.__file__).parent

# Calls that write or send a mail.
SENDERS = {
    "send_templated_mail",
    "send_mail",
    "send_mass_mail",
    "mail_admins",
    "mail_managers",
    "EmailMessage",
    "EmailMultiAlternatives",
}
ALLOWED = {
    "core/mail.py",  # send_templated_mail itself and the outbox's backend
    "core/outbox.py",  # delivers what the outbox holds
    "accounts/adapter.py",  # allauth's own mails, handed back to allauth's send_mail
}


def _name(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def mail_calls(path: Path) -> list[str]:
    """Each call, or import, of a mail sender in the module at `path`, as "line: name"."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Call) and _name(node.func) in SENDERS:
            found.append(f"{node.lineno}: {_name(node.func)}")
        elif isinstance(node, ast.ImportFrom) and node.module in {
            "django.core.mail",
            "entraide.core.mail",
        }:
            found += [f"{node.lineno}: import {a.name}" for a in node.names if a.name in SENDERS]
    return found


def modules():
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC)
        if {"tests", "migrations"} & set(relative.parts):
            continue
        yield relative.as_posix(), path


def test_only_notifications_modules_write_mails():
    outside = {
        relative: calls
        for relative, path in modules()
        if path.name != "notifications.py"
        and path.parent.name != "notifications"
        and relative not in ALLOWED
        for calls in [mail_calls(path)]
        if calls
    }
    assert outside == {}, "move these mails to the app's notifications.py"


def test_the_scan_sees_the_mails_of_the_notifications_modules():
    senders = {relative for relative, path in modules() if mail_calls(path)}
    assert {
        "places/notifications.py",
        "polls/notifications.py",
        "workshops/notifications.py",
        "projects/notifications/pairing.py",
    } <= senders


def test_the_scan_catches_a_mail_written_in_a_service(tmp_path):
    service = tmp_path / "services.py"
    service.write_text(
        "from django.core.mail import send_mail as tell\n"
        "from entraide.core import mail\n\n"
        "def act():\n"
        "    mail.send_templated_mail('x', {}, to=['a@example.org'])\n"
    )
    assert mail_calls(service) == ["1: import send_mail", "5: send_templated_mail"]


@pytest.mark.django_db
def test_allauth_s_mails_go_through_the_outbox(settings, client, alice):
    settings.EMAIL_BACKEND = "entraide.core.mail.QueuedEmailBackend"
    response = client.post("/compte/connexion/code/", {"email": alice.email})
    assert response.status_code == 302
    assert mail.outbox == []  # not sent by the request: written to the outbox
    (queued,) = OutgoingMail.objects.all()
    assert queued.payload["to"] == [alice.email]
    assert queued.payload["subject"].startswith("[Entraide] ")
