"""A capability removed from INSTALLED_APPS leaves no trace: the site runs without it, its demo
data loads, and every page reachable from the home page, as a visitor, a participant and an
organiser, answers without a 404 or a 500 and links to none of its addresses.

Each configuration runs in a process of its own (tests/settings_without.py, a fresh SQLite
database in a temporary folder, set up as script/server does), since INSTALLED_APPS is read once
per process. polls, manifestos and surveys build on workshops, so workshops goes with them."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.walk import walk_as_everyone

ROOT = Path(__file__).resolve().parents[1]


def walk_without(labels, data_dir):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings_without",
        "ENTRAIDE_WITHOUT": ",".join(labels),
        "ENTRAIDE_DATA_DIR": str(data_dir),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        "SECRET_KEY": "entraide-tests-only-" + "w" * 40,
    }
    env.pop("DATABASE_URL", None)  # a fresh SQLite file, whatever database the suite runs on
    env.pop("REDIS_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "tests.walk"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout)


@pytest.mark.whole_site_walk  # on a fresh SQLite file whatever the suite's database
@pytest.mark.parametrize(
    "removed",
    [
        ["polls"],
        ["manifestos"],
        ["surveys"],
        ["challenges"],
        ["stories"],
        ["projects"],
        ["workshops", "polls", "manifestos", "surveys", "challenges", "stories"],
    ],
    ids="+".join,
)
def test_the_site_walks_without_a_capability(tmp_path, removed):
    result = walk_without(removed, tmp_path)

    assert [app for app in result["installed"] if app.removeprefix("entraide.") in removed] == []
    print(f"\nwithout {' and '.join(removed)} ({result['seconds']} s):")
    for role, report in result["reports"].items():
        print(f"  {role}: {report['pages']} pages walked")
        assert report["failures"] == {}, f"{role}: pages that fail"
        assert report["forbidden"] == {}, f"{role}: links to {result['forbidden']}"
    # the walk went beyond the home page: the directory, a place, the account, "Mon espace"
    assert {role: report["pages"] > 20 for role, report in result["reports"].items()} == {
        "visitor": True,
        "participant": True,
        "organiser": True,
    }


@pytest.mark.whole_site_walk
@pytest.mark.django_db
def test_with_every_capability_the_walk_finds_their_links():
    """The control: the same walk, on the whole site, meets links to the addresses of workshops
    and polls on the pages of every role (so it would see one left behind), and no page fails."""
    call_command("demo", verbosity=0, stdout=io.StringIO())

    reports = walk_as_everyone(forbidden=["/ateliers/", "/sondages/"])

    for role, report in reports.items():
        print(f"\n{role}: {report['pages']} pages walked, with every capability")
        linked = {
            prefix
            for address in report["forbidden"]
            for prefix in ("/ateliers/", "/sondages/")
            if address.startswith(prefix)
        }
        assert (role, report["failures"], linked) == (role, {}, {"/ateliers/", "/sondages/"})
