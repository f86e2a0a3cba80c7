"""Real SMTP servers on the loopback for tests: one that accepts (aiosmtpd), one that answers
every recipient with a chosen code, one that accepts the connection and never answers, and a
port where nothing listens."""

import socket
import threading
from contextlib import contextmanager
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


class Recorder:
    """Keeps what it receives; answers RCPT with `rcpt_answer` when set (e.g. '451 …')."""

    def __init__(self, rcpt_answer=None):
        self.rcpt_answer = rcpt_answer
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if self.rcpt_answer:
            return self.rcpt_answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"

    def bodies(self):
        return [m.get_body(("plain",)).get_content().replace("\r\n", "\n") for m in self.messages]


@contextmanager
def smtp_server(rcpt_answer=None, *, port=None, handler=None):
    recorder = handler or Recorder(rcpt_answer)
    controller = Controller(recorder, hostname="127.0.0.1", port=port or free_port())
    controller.start()
    try:
        yield controller.port, recorder
    finally:
        controller.stop()


@contextmanager
def silent_server():
    """Accepts connections and never says a word, as a stuck mail server does."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held, stop = [], threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        for connection in held:
            connection.close()
        listener.close()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def smtp_settings(settings, port, timeout=5):
    settings.EMAIL_BACKEND = "entraide.core.mail.QueuedEmailBackend"
    settings.ENTRAIDE_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = timeout
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
