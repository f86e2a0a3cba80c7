"""Entraide as it runs in production, for concurrency tests and benchmarks: gunicorn with
several worker processes (and threads) on its own database, a file SQLite database or a fresh
PostgreSQL one, and many HTTP clients at once.

    with App("sqlite") as app:
        app.seed_workshop(capacity=15, people=200)
        results = app.post_all([...])
"""

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
# A Redis database that the tests empty before they use it (never give one that holds data).
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
CSRF = "a" * 32  # an unmasked CSRF secret, sent as cookie and as form field

SEED = """
import json, sys
from datetime import timedelta
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from entraide.accounts.models import User
from entraide.places.models import Place
from entraide.workshops.models import Workshop
args = json.loads(sys.stdin.read())
place = Place.objects.create(name="La Verrière", slug="la-verriere", kind="tiers-lieu",
                             region="occitanie", city="Montpellier")
start = timezone.now() + timedelta(hours=args.get("starts_in_hours", 7 * 24))
workshop = Workshop.objects.create(place=place, title="Atelier", slug="atelier",
    theme="numerique-responsable", mode="en-ligne", starts_at=start,
    ends_at=start + timedelta(minutes=90), capacity=args["capacity"], status="publie")
User.objects.bulk_create([User(email=f"p{n}@example.org", display_name=f"P{n}")
                          for n in range(args["people"])])
sessions = []
for user in User.objects.order_by("pk"):
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = settings.AUTHENTICATION_BACKENDS[0]
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    sessions.append(session.session_key)
print(json.dumps({"slug": workshop.slug, "sessions": sessions}))
"""

STATE = """
import http.client
import json
from entraide.workshops.models import Registration, Workshop
workshop = Workshop.objects.get(slug="atelier")
rows = list(Registration.objects.filter(workshop=workshop).order_by("pk").values(
    "pk", "user__email", "status", "waiting_since", "confirmed_at"))
print(json.dumps({"capacity": workshop.capacity, "confirmed_count": workshop.confirmed_count,
                  "waiting_count": workshop.waiting_count, "registrations": rows}, default=str))
"""

SEED_POLL = """
import json, sys
from datetime import timedelta
from django.utils import timezone
from entraide.places.models import Place
from entraide.polls.models import Choice, Participant, Poll, Slot
args = json.loads(sys.stdin.read())
place = Place.objects.create(name="La Verrière", slug="la-verriere", kind="tiers-lieu",
                             region="occitanie", city="Montpellier")
poll = Poll.objects.create(place=place, title="Dispos", slug="dispos")
start = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=7)
Slot.objects.bulk_create(Slot(poll=poll, starts_at=start + timedelta(hours=3 * i),
                              ends_at=start + timedelta(hours=3 * i + 2))
                         for i in range(args["slots"]))
slots = list(poll.slots.all())
people = Participant.objects.bulk_create(Participant(poll=poll, name=f"Personne {n}")
                                         for n in range(args["participants"]))
people = list(poll.participants.all())
values = ["oui", "si-besoin", "non"]
Choice.objects.bulk_create((Choice(participant=p, slot=s, answer=values[(p.pk + s.pk) % 3])
                            for p in people for s in slots), batch_size=5000)
print(json.dumps({"slug": poll.slug, "slots": [s.pk for s in slots]}))
"""

POLL_STATE = """
import json, sys
from entraide.polls.models import Choice, Participant
slug = json.loads(sys.stdin.read())["slug"]
people = Participant.objects.filter(poll__slug=slug)
print(json.dumps({"participants": people.count(),
                  "names": sorted(people.values_list("name", flat=True)),
                  "choices": Choice.objects.filter(participant__poll__slug=slug).count()}))
"""

MAILS_TO = """
import json, sys
from entraide.core.models import OutgoingMail
address = json.loads(sys.stdin.read())["address"]
mails = OutgoingMail.objects.exclude(payload=None)
print(json.dumps(sum(address in mail.payload["to"] for mail in mails)))
"""

QUEUED = """
import json
from entraide.core.models import OutgoingMail
print(json.dumps([m.payload["subject"] for m in OutgoingMail.objects.filter(status="queued")]))
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def redis_available(url=REDIS_URL):
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.RedisError:
        return False
    return True


def postgres_available():
    import psycopg

    try:
        psycopg.connect(
            PG_URL.replace("postgres://", "postgresql://", 1), connect_timeout=3
        ).close()
    except psycopg.Error:
        return False
    return True


class App:
    def __init__(self, vendor, *, workers=2, threads=4, redis_url=None, env=None):
        """`redis_url`: the app's REDIS_URL (that database is emptied first); `env`: more
        settings, e.g. {"ENTRAIDE_POSTS_PER_NETWORK": "30"}."""
        self.vendor, self.workers, self.threads = vendor, workers, threads
        self.redis_url = redis_url
        self.data_dir = tempfile.mkdtemp(prefix="entraide-concurrency-")
        self.env = {
            **os.environ,
            "ENTRAIDE_DATA_DIR": self.data_dir,
            "SECRET_KEY": "concurrency-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1",
            "DEBUG": "0",
            "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}",
        }
        for name in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "REDIS_URL", "CLIENT_IP_HEADER"):
            self.env.pop(name, None)
        if redis_url:
            self.env["REDIS_URL"] = redis_url
        self.env.update(env or {})
        self.database = None
        if vendor == "postgresql":
            self.database = f"entraide_concurrency_{uuid.uuid4().hex[:10]}"
            self._admin(f'CREATE DATABASE "{self.database}"')
            self.env["DATABASE_URL"] = PG_URL.rsplit("/", 1)[0] + "/" + self.database
        self.server = None
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"

    def _admin(self, sql):
        import psycopg

        url = PG_URL.replace("postgres://", "postgresql://", 1)
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(sql)

    def manage(self, *args, stdin=None) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "entraide", *args],
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise RuntimeError(f"entraide {args[0]} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def python(self, code, stdin="{}"):
        return json.loads(self.manage("shell", "-c", code, stdin=stdin).strip().splitlines()[-1])

    def __enter__(self):
        try:
            self.prepare()
        except BaseException:  # `with` calls __exit__ only once __enter__ has returned
            self.__exit__(*sys.exc_info())
            raise
        return self

    def prepare(self):
        if self.redis_url:
            import redis

            redis.Redis.from_url(self.redis_url).flushdb()  # no count or page of another run
        self.manage("migrate", "-v0")
        self.manage("createcachetable")
        self.manage("collectstatic", "--noinput", "-v0")

    def start(self):
        self.log = open(Path(self.data_dir) / "gunicorn.log", "w")  # noqa: SIM115 - closed in __exit__
        self.server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "entraide.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--threads",
                str(self.threads),
                "--backlog",
                "2048",
                "--log-level",
                "warning",
            ],
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base + "/", timeout=5).read()
                return self
            except OSError:  # refused while it boots, or a first answer slow on a busy machine
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer within 30 s")

    def __exit__(self, *exc):
        try:
            if self.server:
                self.server.terminate()
                self.server.wait(timeout=10)
                self.log.close()
                if exc[0] is not None:  # show why the server failed, if it did
                    print((Path(self.data_dir) / "gunicorn.log").read_text()[-50000:])
            if self.database:
                self._admin(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        finally:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    def seed_workshop(self, *, capacity, people, starts_in_hours=7 * 24):
        arguments = {"capacity": capacity, "people": people, "starts_in_hours": starts_in_hours}
        return self.python(SEED, json.dumps(arguments))

    def queued_mails(self):
        """Subjects of the mails waiting for the worker."""
        return self.python(QUEUED)

    def run_at_once(self, *commands):
        """Run several `entraide` commands at the same moment, in separate processes."""
        processes = [
            subprocess.Popen(
                [sys.executable, "-m", "entraide", *command],
                env=self.env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for command in commands
        ]
        outputs = [process.communicate(timeout=120) for process in processes]
        codes = [process.returncode for process in processes]
        if any(codes):
            raise RuntimeError(f"commands failed: {codes} {[err for _out, err in outputs]}")
        return [out for out, _err in outputs]

    def state(self):
        return self.python(STATE)

    def request(self, method, path, *, data=None, headers=None, source_ip="127.0.0.1"):
        """One request on a new connection from `source_ip` (any address of 127.0.0.0/8, so
        that per-address rate limits see different people), with no cookie nor header but
        those given; `data` is sent as a form. Returns (status, headers, body, seconds)."""
        body = None if data is None else urllib.parse.urlencode(data, doseq=True)
        headers = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if body is not None:
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        started = time.perf_counter()
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=120, source_address=(source_ip, 0)
        )
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode(errors="replace")
        finally:
            connection.close()
        return response.status, response.headers, content, time.perf_counter() - started

    def post(self, path, session=None, data=None, source_ip="127.0.0.1"):
        """POST as the person of `session` (or anonymously, with a CSRF cookie), from
        `source_ip`; returns (status, seconds)."""
        cookie = f"csrftoken={CSRF}" + (f"; sessionid={session}" if session else "")
        status, _headers, _body, seconds = self.request(
            "POST",
            path,
            data={"csrfmiddlewaretoken": CSRF, **(data or {})},
            headers={"Cookie": cookie, "Referer": self.base + "/"},
            source_ip=source_ip,
        )
        return status, seconds

    def post_page(self, path, data=None, source_ip="127.0.0.1"):
        """POST anonymously (with a CSRF cookie) from `source_ip`; returns (status, body)."""
        status, _headers, body, _seconds = self.request(
            "POST",
            path,
            data={"csrfmiddlewaretoken": CSRF, **(data or {})},
            headers={"Cookie": f"csrftoken={CSRF}", "Referer": self.base + "/"},
            source_ip=source_ip,
        )
        return status, body

    def mails_to(self, address):
        """How many mails to `address` are in the outbox (queued or being sent)."""
        return self.python(MAILS_TO, json.dumps({"address": address}))

    def post_all(self, requests, *, clients=None):
        """Send (path, session, data) requests all at once; results in the same order."""
        clients = clients or len(requests)
        with ThreadPoolExecutor(max_workers=clients) as pool:
            return list(pool.map(lambda r: self.post(*r), requests))

    def seed_poll(self, *, slots, participants):
        return self.python(SEED_POLL, json.dumps({"slots": slots, "participants": participants}))

    def poll_state(self, slug):
        return self.python(POLL_STATE, json.dumps({"slug": slug}))
