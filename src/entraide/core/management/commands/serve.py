"""Serve Entraide: gunicorn for the web, the background worker that sends the mail, and the
clock that runs the periodic commands, each restarted if it stops.

One dying process must not take the site down: if the worker or the clock exits (a full disk,
a lost database connection), it is started again after a pause that doubles at each quick
failure (1 s, 2 s, 4 s… at most a minute), and the web goes on serving. Production can run the
same three processes under systemd instead (README, "Running it for real")."""

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand

from entraide.settings import env_int

MAX_PAUSE = 60.0  # seconds between two restarts of a process that keeps failing
STEADY = 60.0  # a process that ran this long is well again: its next pause starts at 1 s


class Supervised:
    def __init__(self, name, command):
        self.name, self.command = name, command
        self.process = None
        self.started_at = 0.0
        self.pause = 1.0
        self.restart_at = None

    def start(self):
        self.process = subprocess.Popen(self.command)
        self.started_at = time.monotonic()
        self.restart_at = None
        print(f"serve: {self.name} started (pid {self.process.pid})", flush=True)

    def check(self, now):
        """Start again a process that exited, once its pause is over."""
        if self.restart_at is not None:
            if now >= self.restart_at:
                self.start()
            return
        code = self.process.poll()
        if code is None:
            return
        self.pause = 1.0 if now - self.started_at >= STEADY else min(self.pause * 2, MAX_PAUSE)
        self.restart_at = now + self.pause
        print(
            f"serve: {self.name} exited with status {code}; restarting in {self.pause:.0f} s",
            flush=True,
        )

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()

    def wait(self):
        if not self.process:
            return
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Command(BaseCommand):
    help = (
        "Run the web server (gunicorn), the mail worker and the clock, restarting any that stops."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        # A PORT or WEB_CONCURRENCY that is not a number stops here with one line naming it.
        parser.add_argument("--port", type=int, default=env_int("PORT", 8000))
        parser.add_argument("--workers", type=int, default=env_int("WEB_CONCURRENCY", 2))

    def handle(self, *args, host, port, workers, **options):
        python = sys.executable
        web = [
            python,
            "-m",
            "gunicorn",
            "entraide.wsgi",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            "--logger-class",  # private links are masked in the access log
            "entraide.core.gunicorn_logging.MaskingLogger",
            "--graceful-timeout",
            "10",
        ]
        processes = [
            Supervised("web", web),
            Supervised(
                "worker", [python, "-m", "entraide", "db_worker", "--no-reload", "--interval", "1"]
            ),
            Supervised("clock", [python, "-m", "entraide", "clock"]),  # retries, reminders…
        ]
        for process in processes:
            process.start()
        print(f"Entraide is served on http://{host}:{port}/  (Ctrl+C to stop)", flush=True)

        stopping = []
        signal.signal(signal.SIGTERM, lambda *_args: stopping.append(True))
        try:
            while not stopping:
                now = time.monotonic()
                for process in processes:
                    process.check(now)
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for process in processes:
                process.stop()
            for process in processes:
                process.wait()
