"""Fault injection: Entraide under gunicorn on a file SQLite or a fresh PostgreSQL database,
with a real SMTP server on the loopback, while processes are killed and mail servers fail."""

import json
import os
import signal
import subprocess
import sys
import time
from collections import defaultdict

import pytest
from django.conf import settings

from tests.concurrency.harness import App

CONFIRMED = "[Entraide] Inscription confirmée : Atelier"
WAITING = "[Entraide] Liste d’attente : Atelier"
PROMOTED = "[Entraide] Une place pour vous : Atelier"
CANCELLED = "[Entraide] Inscription annulée : Atelier"

QUEUES = """
import json
from django.db.models import Count
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from entraide.core.models import OutgoingMail
print(json.dumps({
    "outbox": dict(OutgoingMail.objects.values_list("status").annotate(n=Count("pk")).order_by()),
    "unsent_payloads": OutgoingMail.objects.exclude(status="sent").exclude(payload=None).count(),
    "sent_payloads": OutgoingMail.objects.filter(status="sent").exclude(payload=None).count(),
    "tasks": dict(DBTaskResult.objects.values_list("status").annotate(n=Count("pk")).order_by()),
    "due_tasks": DBTaskResult.objects.filter(status="READY", run_after__lte=timezone.now()).count(),
}))
"""


@pytest.fixture(scope="module")
def vendor():
    engine = settings.DATABASES["default"]["ENGINE"]
    return "postgresql" if "postgresql" in engine else "sqlite"


class FaultyApp(App):
    """The concurrency harness, with mail going to a real SMTP server on `smtp_port`."""

    def __init__(self, vendor, *, smtp_port, **kwargs):
        super().__init__(vendor, **kwargs)
        self.env.update(
            {
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(smtp_port),
                "EMAIL_USE_TLS": "0",
                "EMAIL_TIMEOUT": "2",
                "ENTRAIDE_MAIL_LEASE_SECONDS": "3",
            }
        )

    def web_workers(self):
        out = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.server.pid)],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        return [int(pid) for pid in out.split()]

    def kill_a_web_worker(self):
        victim = self.web_workers()[0]
        os.kill(victim, signal.SIGKILL)
        return victim

    def post_or_none(self, path, session=None, data=None):
        """A request whose worker is killed under it gets no answer: None."""
        try:
            return self.post(path, session, data)[0]
        except (ConnectionError, OSError, __import__("http").client.HTTPException):
            return None

    def mail_worker(self):
        """Start the mail worker (`entraide db_worker`) as `entraide serve` does."""
        return subprocess.Popen(
            [sys.executable, "-m", "entraide", "db_worker", "--no-reload", "--interval", "0.2"],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def drain_mail(self):
        """What the worker and the clock do until nothing is due: run the queued tasks, then
        the periodic sweep."""
        self.manage("db_worker", "--batch", "--no-startup-delay", "--no-reload")
        self.manage("deliver_mail")

    def queues(self):
        return self.python(QUEUES)

    def wait_for(self, condition, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.1)
        raise AssertionError("timed out waiting for a condition")


def mails_by_person(recorder):
    received = defaultdict(list)
    for message in recorder.messages:
        # A subject longer than a header line is folded before its first encoded word
        # ("Subject:\n =?utf-8?q?…"): the parser keeps that folding space, mail readers drop it.
        received[message["To"]].append(message["Subject"].lstrip())
    return dict(received)


def promised(row):
    """The mails a registration's story promises, in order."""
    if row["status"] == "confirmee":
        return [WAITING, PROMOTED] if row["waiting_since"] else [CONFIRMED]
    if row["status"] == "en-attente":
        return [WAITING]
    return [CONFIRMED, CANCELLED]  # cancelled by the person, who had a seat


def dumps(value):
    return json.dumps(value, indent=1, default=str)
