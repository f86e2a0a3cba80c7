"""Uploading a 100 MB recording to a story's episode page through gunicorn (one sync worker,
SQLite, DEBUG off): the time it takes, and the worker's peak memory (VmHWM in
/proc/<pid>/status) before and after, to show the file streams to a temporary file then to
storage and is never held in memory. Then a request announcing a 2 GB body: the 413 comes
back at once, the body unread.

    .venv/bin/python bench/stories_upload.py [--megabytes 100]

The recording is a real MP3 (128 kbit/s, constant bitrate, made with ffmpeg) repeated to the
size asked: about 106 minutes for 100 MB, within the 120 minutes and 200 MB accepted.
Linux only (/proc); needs ffmpeg. Runs in under a minute; its temporary folder is removed."""

import argparse
import http.client
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.concurrency.harness import CSRF, App  # noqa: E402

SEED = """
import json
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from entraide.accounts.models import User
from entraide.places.models import Place
from entraide.stories.models import Author, Collection, Story
owner = User.objects.create(email="bob@example.org", display_name="Bob")
author = User.objects.create(email="alice@example.org", display_name="Alice")
place = Place.objects.create(name="La Verrière", slug="la-verriere", kind="tiers-lieu",
                             region="occitanie", city="Montpellier")
collection = Collection.objects.create(place=place, title="Récits", slug="recits",
    interview_guide="Guide", code="ABCD2345", published_at=timezone.now())
story = Story.objects.create(collection=collection, title="Réparer ensemble",
    slug="reparer-ensemble", interviewee_name="Joséphine Martin", created_by=author)
Author.objects.create(story=story, user=author, accepted_at=timezone.now())
session = SessionStore()
session["_auth_user_id"] = str(author.pk)
session["_auth_user_backend"] = settings.AUTHENTICATION_BACKENDS[0]
session["_auth_user_hash"] = author.get_session_auth_hash()
session.create()
print(json.dumps({"session": session.session_key, "url": story.get_absolute_url()}))
"""

EPISODE = """
from entraide.stories.models import Episode
episode = Episode.objects.get()
import json
print(json.dumps({"size": episode.size, "duration": episode.duration, "type": episode.mime_type}))
"""


def make_recording(folder: Path, megabytes: int) -> Path:
    """A 10-second MP3 at 128 kbit/s CBR, without tags, repeated: MPEG frames follow one
    another, so the file is a valid recording of the summed length."""
    piece = folder / "piece.mp3"
    subprocess.run(
        [shutil.which("ffmpeg"), "-v", "error", "-y", "-f", "lavfi", "-i",
         "sine=frequency=220:duration=10", "-ac", "1", "-c:a", "libmp3lame", "-b:a", "128k",
         "-write_xing", "0", "-id3v2_version", "0", "-map_metadata", "-1", str(piece)],
        check=True,
    )  # fmt: skip
    data = piece.read_bytes()
    target = folder / "long.mp3"
    with target.open("wb") as out:
        for _ in range(megabytes * 1024 * 1024 // len(data) + 1):
            out.write(data)
    return target


def worker_pid(master: int) -> int:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return int(children[0])


def memory(pid: int) -> dict:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _sep, value = line.partition(":")
        if name in ("VmHWM", "VmRSS"):
            fields[name] = int(value.split()[0]) / 1024  # MB
    return fields


def upload(app, url, session, path: Path):
    boundary = "----entraide-bench-boundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
        f"{CSRF}\r\n--{boundary}\r\n"
        'Content-Disposition: form-data; name="audio"; filename="entretien.mp3"\r\n'
        "Content-Type: audio/mpeg\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    length = len(head) + path.stat().st_size + len(tail)
    connection = http.client.HTTPConnection("127.0.0.1", app.port, timeout=120)
    started = time.perf_counter()
    connection.putrequest("POST", url)
    connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
    connection.putheader("Content-Length", str(length))
    connection.putheader("Cookie", f"csrftoken={CSRF}; sessionid={session}")
    connection.putheader("Referer", app.base + "/")
    connection.endheaders()
    connection.send(head)
    with path.open("rb") as file:
        while chunk := file.read(1024 * 1024):
            connection.send(chunk)
    connection.send(tail)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, response.getheader("Location"), time.perf_counter() - started


def announce_two_gigabytes(app, url):
    connection = http.client.HTTPConnection("127.0.0.1", app.port, timeout=30)
    started = time.perf_counter()
    connection.putrequest("POST", url)
    connection.putheader("Content-Type", "multipart/form-data; boundary=x")
    connection.putheader("Content-Length", str(2 * 1024**3))
    connection.endheaders()
    connection.send(b"--x\r\n")
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=int, default=100)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="entraide-upload-"))
    try:
        recording = make_recording(folder, args.megabytes)
        size_mb = recording.stat().st_size / 1024 / 1024
        with App("sqlite", workers=1, threads=1) as app:
            seeded = app.python(SEED)
            app.start()
            pid = worker_pid(app.server.pid)
            page = f"{seeded['url']}episode/"
            app.request("GET", page, headers={"Cookie": f"sessionid={seeded['session']}"})
            before = memory(pid)
            status, location, seconds = upload(app, page, seeded["session"], recording)
            after = memory(pid)
            episode = app.python(EPISODE)
            stored = sum(p.stat().st_size for p in (Path(app.data_dir) / "media").rglob("*.mp3"))
            refused, refused_seconds = announce_two_gigabytes(app, page)
        print(f"upload of {size_mb:.1f} MB through gunicorn (1 sync worker): HTTP {status}"
              f" -> {location}, {seconds:.2f} s ({size_mb / seconds:.0f} MB/s)")  # fmt: skip
        print(f"episode saved: {json.dumps(episode)}; in storage: {stored / 1024 / 1024:.1f} MB")
        print(
            f"worker memory before: peak (VmHWM) {before['VmHWM']:.1f} MB, "
            f"resident {before['VmRSS']:.1f} MB"
        )
        print(
            f"worker memory after:  peak (VmHWM) {after['VmHWM']:.1f} MB, "
            f"resident {after['VmRSS']:.1f} MB "
            f"(peak grew by {after['VmHWM'] - before['VmHWM']:.1f} MB for a {size_mb:.0f} MB file)"
        )
        print(f"2 GB announced, 5 bytes sent: HTTP {refused} in {refused_seconds * 1000:.0f} ms")
        if status != 302 or refused != 413:
            sys.exit("unexpected answer: see above")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
