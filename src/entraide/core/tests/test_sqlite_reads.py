"""On SQLite, a visitor reading pages costs no disk write and no new connection.

Runs in a fresh process against a real database file, through Django's WSGI handler (which,
unlike the test client, closes or keeps connections as a production server does).
"""

import json
import os
import subprocess
import sys

SERVE_READS = r"""
import json, os, sys
from pathlib import Path
from wsgiref.util import setup_testing_defaults

import django
from entraide.settings import prepare_data_dir
prepare_data_dir()  # the key file, as entraide.wsgi makes it before serving
django.setup()
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.db import connections
from django.db.backends.signals import connection_created

call_command("migrate", verbosity=0)
call_command("createcachetable", verbosity=0)
if not Path(settings.STATIC_ROOT, "staticfiles.json").exists():
    call_command("collectstatic", "--noinput", verbosity=0)
connections.close_all()
opened = []
connection_created.connect(lambda **kwargs: opened.append(1), weak=False)
app = WSGIHandler()
wal = Path(f"{settings.SQLITE_PATH}-wal")


def get(path):
    environ = {}
    setup_testing_defaults(environ)
    environ.update(PATH_INFO=path, HTTP_HOST="127.0.0.1")
    statuses = []
    b"".join(app(environ, lambda status, headers: statuses.append(status)))
    return statuses[0]


wal_states, statuses = [], []
for _ in range(5):
    for path in ("/", "/lieux/", "/ateliers/"):
        statuses.append(get(path))
        state = wal.stat()
        wal_states.append([state.st_ino, state.st_size, state.st_mtime_ns])
print(json.dumps({"opened": len(opened), "statuses": sorted(set(statuses)),
                  "wal_states": len({tuple(s) for s in wal_states})}))
"""


def test_reading_pages_opens_one_connection_and_writes_nothing(tmp_path, settings):
    if (settings.STATIC_ROOT / "staticfiles.json").exists():  # collected by script/test
        (tmp_path / "static").symlink_to(settings.STATIC_ROOT)
    env = os.environ | {
        "ENTRAIDE_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "entraide.settings",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, "-c", SERVE_READS], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["statuses"] == ["200 OK"]
    # The connection (and its PRAGMAs) is set up once for fifteen requests…
    assert figures["opened"] == 1
    # …and the write-ahead log is never checkpointed, deleted or recreated by a read.
    assert figures["wal_states"] == 1
