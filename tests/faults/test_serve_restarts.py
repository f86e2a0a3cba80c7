"""`entraide serve` keeps the site up when the mail worker or the clock dies: it starts them
again, and the web answers all along."""

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.concurrency.harness import free_port
from tests.faults.conftest import FaultyApp

pytestmark = pytest.mark.faults


def started(log, name):
    return [
        int(pid) for pid in re.findall(rf"serve: {name} started \(pid (\d+)\)", log.read_text())
    ]


def home(app):
    try:
        return urllib.request.urlopen(app.base + "/", timeout=5).status
    except OSError:
        return None


def test_a_dead_worker_or_clock_is_started_again_and_the_web_stays_up(vendor):
    with FaultyApp(vendor, smtp_port=free_port()) as app:
        log = Path(app.data_dir) / "serve.log"
        with open(log, "w") as out:
            serve = subprocess.Popen(
                [sys.executable, "-m", "entraide", "serve", "--port", str(app.port)],
                env=app.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        try:
            app.wait_for(lambda: started(log, "worker") and started(log, "clock"))
            app.wait_for(lambda: home(app) == 200)

            for name in ("worker", "clock"):
                (first,) = started(log, name)
                os.kill(first, signal.SIGKILL)
                answers = []
                deadline = time.monotonic() + 15
                while len(started(log, name)) < 2 and time.monotonic() < deadline:
                    answers.append(home(app))
                    time.sleep(0.2)
                assert len(started(log, name)) == 2, log.read_text()  # started again…
                assert set(answers) == {200}  # …while the web kept answering
                assert f"serve: {name} exited with status -9; restarting in 2 s" in log.read_text()
            assert serve.poll() is None
        finally:
            serve.send_signal(signal.SIGTERM)
            serve.wait(timeout=30)
        assert serve.returncode == 0
