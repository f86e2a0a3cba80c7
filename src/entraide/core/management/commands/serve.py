"""Serve Entraide: gunicorn for the web, the background worker that sends the mail, and the
clock that runs the periodic commands."""

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the web server (gunicorn) and the background task worker side by side."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2"))
        )

    def handle(self, *args, host, port, workers, **options):
        python = sys.executable
        commands = {
            "web": [
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
                "--graceful-timeout",
                "10",
            ],
            "worker": [python, "-m", "entraide", "db_worker", "--no-reload", "--interval", "1"],
            "clock": [python, "-m", "entraide", "clock"],  # reminders and data erasure
        }
        processes = {name: subprocess.Popen(cmd) for name, cmd in commands.items()}
        print(f"Entraide is served on http://{host}:{port}/  (Ctrl+C to stop)", flush=True)

        def stop(*_args):
            for process in processes.values():
                if process.poll() is None:
                    process.terminate()

        signal.signal(signal.SIGTERM, stop)
        try:
            while all(process.poll() is None for process in processes.values()):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            stop()
            for process in processes.values():
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
        failed = [name for name, p in processes.items() if p.returncode not in (0, -15, None)]
        if failed:
            sys.exit(f"stopped: {', '.join(failed)} exited with an error")
