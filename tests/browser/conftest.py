"""Browser fixtures: Debian's Chromium driven by Playwright (never a downloaded browser), a live
server that serves static files the way production does (WhiteNoise, compressed), axe-core."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

# Playwright's sync API keeps an event loop in this thread; Django's ORM would refuse to run
# beside it. The ORM calls here are the test's own, sequential: the documented way out.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
IN_CI = os.environ.get("CI") == "true"
ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def missing(what):
    message = f"{what} (run script/test, which installs it, or .ci/run)"
    if IN_CI:
        pytest.fail(f"CI: {message}")
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        missing(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_source():
    if not AXE.exists():
        missing("axe-core not found in node_modules: npm ci")
    return AXE.read_text()


@pytest.fixture(scope="session")
def _static_files():
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture
def live_app(transactional_db, settings, _static_files):
    """The app on a free port of 127.0.0.1, static files served by WhiteNoise as in production
    (pytest-django's live_server serves them uncompressed through Django's finders)."""
    from django.db import connections
    from django.test.testcases import LiveServerThread

    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    shared = {
        conn.alias: conn
        for conn in connections.all()
        if conn.vendor == "sqlite" and conn.is_in_memory_db()
    }
    for conn in shared.values():
        conn.inc_thread_sharing()
    thread = LiveServerThread(
        "127.0.0.1", static_handler=lambda app: app, connections_override=shared
    )
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()
    thread.join(timeout=5)
    # The shared connection stays shareable: request threads of keep-alive connections may
    # still be closing it, and would fail if it were made single-threaded again under them.


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    """As in production: pages kept for visitors without a cookie, so that every story the
    browser tests tell also proves that no kept page is ever shown stale."""
    settings.ENTRAIDE_PAGE_CACHE_SECONDS = 300
