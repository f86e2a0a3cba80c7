"""Shared by the benchmarks: a throw-away data directory and SQLite database."""

import os
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def prepare(settings_module="entraide.settings", database_url=None):
    """A throw-away data directory; SQLite in it unless `database_url` names a database."""
    data_dir = tempfile.mkdtemp(prefix="entraide-bench-")
    os.environ["ENTRAIDE_DATA_DIR"] = data_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    os.environ.pop("DATABASE_URL", None)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    sys.path[:0] = [str(ROOT), str(ROOT / "src")]
    import django

    from entraide.settings import prepare_data_dir

    prepare_data_dir()  # the secret key file, as the `entraide` command would make it
    django.setup()
    return data_dir


class Elements(HTMLParser):
    """Counts the elements of a page as EcoIndex does: every element, an SVG's content left
    out (the <svg> itself counts)."""

    count = 0
    inside_svg = 0

    def handle_starttag(self, tag, attrs):
        if not self.inside_svg:
            self.count += 1
        if tag == "svg":
            self.inside_svg += 1

    def handle_endtag(self, tag):
        if tag == "svg":
            self.inside_svg -= 1


def dom_size(html):
    """The number of DOM elements of `html` (the quality bars' budget is 390)."""
    counter = Elements()
    counter.feed(html)
    return counter.count


def burst_figures(results, wall):
    """Figures of a burst of requests sent at once: `results` holds (succeeded, seconds) for
    each client, `wall` is the whole burst's duration in seconds."""
    import statistics

    latencies = sorted(seconds for _ok, seconds in results)
    return {
        "wall": wall,
        "rps": len(results) / wall,
        "p50": statistics.median(latencies),
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
        "errors": sum(1 for ok, _seconds in results if not ok),
    }


def admin_command(url, sql):
    """Run `sql` on the server of the PostgreSQL `url`, outside any database of the bench."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(url.replace("postgres://", "postgresql://", 1))
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql)


def database_name(url):
    from urllib.parse import urlsplit

    name = urlsplit(url).path.lstrip("/")
    if not name or name in ("postgres", "template0", "template1"):
        sys.exit(f"--postgresql must name a database for the bench alone, not {name!r}")
    return name


def run_per_database(postgresql_url):
    """The parent of a bench: run this script again once per database (`--vendor sqlite`, then
    `--vendor postgresql` on a database made afresh and dropped after), and exit with their
    status."""
    import subprocess

    vendors = ["sqlite"] + (["postgresql"] if postgresql_url else [])
    status = 0
    for vendor in vendors:
        if vendor == "postgresql":
            name = database_name(postgresql_url)
            admin_command(postgresql_url, f'DROP DATABASE IF EXISTS "{name}"')
            admin_command(postgresql_url, f'CREATE DATABASE "{name}"')
        try:
            status |= subprocess.run([sys.executable, *sys.argv, "--vendor", vendor]).returncode
        finally:
            if vendor == "postgresql":
                admin_command(postgresql_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    raise SystemExit(status)
