"""The rush on a popular workshop, without accounts, through gunicorn as in production.

On a fresh database (no demo data) with one workshop of 15 seats, 200 people send the
registration form (name, email) at once, each from her own network address, as visitors
without a cookie do: no CSRF token, the browser's Origin header. Each then opens the link of
the mail she received and presses the confirm button, all at once again. The first 15 to
confirm get the seats, the 185 others go on the waiting list: the bench prints each step's
time and the outcome, confirmed / waiting / errors, expected 15 / 185 / 0.

Then it checks that nothing depends on which server answered (with one server, across its
worker processes):
- the page cache: a workshop page kept for visitors without a cookie shows the new seat count
  at once after a registration is confirmed through the other server, in both directions;
- the rate limits: once server A refuses a network address (or a mail address), server B
  refuses it too.

    .venv/bin/python bench/rush.py [--people 200] [--capacity 15]
        [--databases sqlite postgresql] [--postgresql URL] [--redis URL] [--servers 1|2]

--postgresql URL names a database FOR THE BENCH ALONE: it is dropped and made again at the
start of the PostgreSQL run (without it, that run is skipped). --redis URL names a Redis
database that the bench empties (FLUSHDB) before each run, then every server uses it
(REDIS_URL: the rate limits, the content version and the kept pages). --servers 2 runs two
independent gunicorn instances on two ports, each with its own data folder as two hosts would,
sharing the PostgreSQL database (and Redis, when given) and one secret key; the client sends
its requests to each in turn, and a person's confirmation page and button go to different
servers. Each server has 2 worker processes × 4 threads.

No mail worker runs: the confirmation links are read from the outbox (core_outgoingmail)
while the mails wait there, as a mail server would receive them. The temporary data folders
are removed at the end; the PostgreSQL database is left as the run ends, for inspection.
"""

import argparse
import http.client
import re
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path[:0] = [
    str(Path(__file__).resolve().parents[1]),
    str(Path(__file__).resolve().parents[1] / "src"),
]
from _setup import burst_figures  # noqa: E402

from tests.concurrency.harness import App  # noqa: E402

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("--people", type=int, default=200)
parser.add_argument("--capacity", type=int, default=15)
parser.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"])
parser.add_argument(
    "--postgresql",
    metavar="URL",
    help="a PostgreSQL database for the bench alone, dropped and made again, "
    "e.g. postgres://postgres@127.0.0.1:5432/entraide_bench",
)
parser.add_argument(
    "--redis", metavar="URL", help="a Redis database the bench empties, e.g. redis://127.0.0.1/3"
)
parser.add_argument("--servers", type=int, choices=[1, 2], default=1)
args = parser.parse_args()
if args.servers == 2 and not args.postgresql:
    parser.error("--servers 2 shares one PostgreSQL database: give it with --postgresql URL")
if args.people > 254 * 254:
    parser.error("at most 64 516 people (one loopback address each)")

WORKSHOP = "atelier"  # seeded by the harness
WITNESS, WITNESS_SEATS = "temoin", 3  # a second workshop, for the page cache check

SEED_WITNESS = f"""
import json
from entraide.workshops.models import Workshop
model = Workshop.objects.get(slug="{WORKSHOP}")
Workshop.objects.create(place=model.place, title="Témoin", slug="{WITNESS}", theme=model.theme,
    mode=model.mode, starts_at=model.starts_at, ends_at=model.ends_at,
    capacity={WITNESS_SEATS}, status=model.status)
print(json.dumps(True))
"""

LINKS = """
import json, re
from django.conf import settings
from entraide.core.models import OutgoingMail
site = re.escape(settings.ENTRAIDE_SITE_URL)
links = {}
for payload in OutgoingMail.objects.filter(payload__isnull=False).order_by("pk").values_list(
        "payload", flat=True):
    found = re.search(site + r"(/ateliers/inscription/[^/\\s]+/)(?:\\s|$)", payload["body"])
    if found:
        for address in payload["to"]:
            links[address] = found.group(1)  # the latest mail's link is the valid one
print(json.dumps(links))
"""

OUTCOME = f"""
import json
from entraide.workshops.models import Registration, Workshop
workshop = Workshop.objects.get(slug="{WORKSHOP}")
statuses = Registration.objects.filter(workshop=workshop).values_list("status", flat=True)
print(json.dumps({{"statuses": list(statuses), "confirmed_count": workshop.confirmed_count,
                  "waiting_count": workshop.waiting_count}}))
"""


# Settings of this shell's environment that would change what is measured: the database and
# the cache are the bench's, mails wait in the outbox (not sent at once, nor blanked), and the
# rate limits key on the connection's address.
SHELL_SETTINGS = (
    "DATABASE_URL",
    "REDIS_URL",
    "ENTRAIDE_PAGE_CACHE_SECONDS",
    "EMAIL_HOST",
    "EMAIL_FILE_PATH",
    "TASKS_BACKEND",
    "CLIENT_IP_HEADER",
)


class Server(App):
    """One gunicorn of the bench: its own data folder (static files, and the SQLite database
    unless `database_url` is given), the shared secret key of the harness."""

    def __init__(self, *, database_url=None, redis_url=None, site_url=None, migrate=True):
        super().__init__("sqlite")  # on SQLite, the harness makes no database: set below
        self.migrate = migrate
        for name in SHELL_SETTINGS:
            self.env.pop(name, None)  # a fresh site's defaults, whatever this shell says
        if database_url:
            self.vendor = "postgresql"
            self.env["DATABASE_URL"] = database_url
        if redis_url:
            self.env["REDIS_URL"] = redis_url
        self.env["ENTRAIDE_SITE_URL"] = site_url or self.base

    def prepare(self):
        if self.migrate:  # once, on the first server, as docs/operations.md says
            self.manage("migrate", "-v0")
        self.manage("createcachetable")
        self.manage("collectstatic", "--noinput", "-v0")


def address(n):
    """Person n's own network address: each in her own /16 of the loopback network, so that
    per-address limits, whatever prefix they group addresses by, see different people."""
    return f"127.{1 + n % 254}.{1 + n // 254}.1"


def email(n):
    return f"personne{n}@example.org"


def register(server, slug, n, source_ip=None, mail=None):
    """Send the registration form as a visitor without a cookie; returns (status, seconds)."""
    status, _headers, _body, seconds = server.request(
        "POST",
        f"/ateliers/{slug}/inscription/",
        data={"name": f"Personne {n}", "email": mail or email(n)},
        headers={"Origin": server.base},
        source_ip=source_ip or address(n),
    )
    return status, seconds


def confirm(reader, writer, link, source_ip):
    """Open the mailed link through `reader`, press its button through `writer`, as a browser
    does (the CSRF cookie and token of the page, the Origin header); returns (ok, seconds)."""
    status, headers, body, opened = reader.request("GET", link, source_ip=source_ip)
    cookie = re.search(r"csrftoken=([^;]+)", " ".join(headers.get_all("Set-Cookie") or []))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if status != 200 or not cookie or not token:
        return False, opened
    status, _headers, _body, pressed = writer.request(
        "POST",
        link,
        data={"csrfmiddlewaretoken": token.group(1)},
        headers={"Cookie": f"csrftoken={cookie.group(1)}", "Origin": writer.base},
        source_ip=source_ip,
    )
    return status == 302, opened + pressed


def at_once(calls):
    """Run the calls all at once, one thread each; returns their results and the wall time."""

    def safely(call):
        try:
            return call()
        except (OSError, http.client.HTTPException):  # refused, reset, cut: an error
            return False, 0.0

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        results = list(pool.map(safely, calls))
    return results, time.perf_counter() - started


def seats_shown(server, slug):
    """The seats left that the workshop page shows a visitor without a cookie (0 when full)."""
    status, _headers, body, _seconds = server.request("GET", f"/ateliers/{slug}/")
    if status != 200:
        raise RuntimeError(f"/ateliers/{slug}/ answers {status} through {server.base}")
    if 'class="badge full"' in body:
        return 0
    return int(re.search(r'class="badge open">\s*(\d+)', body).group(1))


def kept_in_redis():
    import redis

    return bool(redis.Redis.from_url(args.redis).keys("pages:*entraide:page:*"))


def check_page_cache(a, b, label_a, label_b):
    """Each server reads the witness page (so that each process keeps it), then a person
    registers and confirms through one, and the other shows one seat less at once."""
    lines, ok = [], True
    expected = WITNESS_SEATS
    for step, (writer, reader, writer_label, reader_label) in enumerate(
        [(a, b, label_a, label_b), (b, a, label_b, label_a)]
    ):
        shown = {seats_shown(server, WITNESS) for server in (a, b) for _ in range(4)}
        kept = " (kept in Redis)" if args.redis and kept_in_redis() else ""
        n, source_ip = 100_000 + step, f"127.255.2.{1 + step}"  # a witness of her own
        register(writer, WITNESS, n, source_ip=source_ip)
        link = writer.python(LINKS).get(email(n))
        confirmed = bool(link) and confirm(writer, writer, link, source_ip)[0]
        after = {seats_shown(reader, WITNESS) for _ in range(4)}
        ok = ok and shown == {expected} and confirmed and after == {expected - 1}
        lines.append(
            f"the page showed {'/'.join(map(str, sorted(shown)))} seats{kept}; "
            f"a confirmation through {writer_label}, then {reader_label} showed "
            f"{'/'.join(map(str, sorted(after)))} (expected {expected - 1})"
        )
        expected -= 1
    return ok, lines


def refused_everywhere(a, b, label_a, label_b, send, limit=1000):
    """Send through `a` until it refuses (429), then once through `b`: True if `b` refuses
    too. `send(server, k)` sends the k-th request; returns (ok, description)."""
    statuses = Counter()
    for k in range(limit):
        status = send(a, k)
        statuses[status] += 1
        if status == 429:
            break
    else:
        return True, f"{label_a} accepted {limit} requests without refusing (no limit reached)"
    refused = send(b, limit) == 429
    verdict = "refused the next too" if refused else "ACCEPTED the next: not shared"
    unexpected = sum(count for status, count in statuses.items() if status not in (302, 429))
    return refused and not unexpected, (
        f"{statuses[302]} accepted through {label_a}, then {label_b} {verdict}"
        + (f"; {unexpected} other answers: {dict(statuses)}" if unexpected else "")
    )


def check_rate_limits(a, b, label_a, label_b):
    def from_one_network(server, k):
        return register(server, WORKSHOP, 200_000 + k, source_ip="127.255.0.1")[0]

    def to_one_mailbox(server, k):
        source_ip = f"127.255.1.{1 + k % 250}"
        return register(server, WORKSHOP, 300_000 + k, source_ip, "la-meme@example.org")[0]

    network = refused_everywhere(a, b, label_a, label_b, from_one_network)
    mailbox = refused_everywhere(a, b, label_a, label_b, to_one_mailbox)
    return network[0] and mailbox[0], [
        f"one network address: {network[1]}",
        f"one mail address: {mailbox[1]}",
    ]


def reset_postgresql(url):
    """Drop and make again the database `url` names (connected to the server's `postgres`)."""
    import psycopg

    parts = urlsplit(url.replace("postgres://", "postgresql://", 1))
    name = parts.path.lstrip("/")
    if not name or name in ("postgres", "template0", "template1"):
        sys.exit(f"--postgresql must name a database for the bench alone, not {name!r}")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def run(vendor):
    database_url = args.postgresql if vendor == "postgresql" else None
    if database_url:
        reset_postgresql(database_url)
    if args.redis:
        import redis

        redis.Redis.from_url(args.redis).flushdb()  # only the database the bench was given
    with ExitStack() as stack:
        first = Server(database_url=database_url, redis_url=args.redis)
        servers = [stack.enter_context(first)]
        for _ in range(args.servers - 1):
            other = Server(
                database_url=database_url, redis_url=args.redis, site_url=first.base, migrate=False
            )
            servers.append(stack.enter_context(other))
        first.seed_workshop(capacity=args.capacity, people=0)
        first.python(SEED_WITNESS)
        for server in servers:
            server.start()
        labels = ["server A", "server B"] if len(servers) == 2 else ["the server"]
        cache = "Redis" if args.redis else "the database (rate limits, version) and memory (pages)"
        print(
            f"\n== {vendor}, {len(servers)} server{'s' if len(servers) > 1 else ''} "
            f"({', '.join(s.base for s in servers)}), gunicorn 2 workers × 4 threads each, "
            f"cache in {cache}; {args.people} people, {args.capacity} seats ==",
            flush=True,
        )
        n_servers = len(servers)

        def registration(n):
            def call():
                status, seconds = register(servers[n % n_servers], WORKSHOP, n)
                return status == 302, seconds

            return call

        results, wall = at_once([registration(n) for n in range(args.people)])
        sent = burst_figures(results, wall)

        links = first.python(LINKS)
        missing = sum(1 for n in range(args.people) if email(n) not in links)

        def confirmation(n):
            reader, writer = servers[n % n_servers], servers[(n + 1) % n_servers]
            return lambda: confirm(reader, writer, links[email(n)], address(n))

        results, wall = at_once([confirmation(n) for n in range(args.people) if email(n) in links])
        confirmed = burst_figures(results, wall)

        outcome = first.python(OUTCOME)
        counts = Counter(outcome["statuses"])
        errors = sent["errors"] + missing + confirmed["errors"]
        waiting = args.people - args.capacity
        expected = (args.capacity, waiting, 0, 0)
        got = (counts["confirmee"], counts["en-attente"], counts["a-confirmer"], errors)
        ok = got == expected and (outcome["confirmed_count"], outcome["waiting_count"]) == got[:2]

        print("| step | wall s | req/s | p50 ms | p99 ms | errors |")
        print("|---|---|---|---|---|---|")
        for label, figures in [
            (f"{args.people} registration forms at once", sent),
            (f"{len(links)} confirmations at once (open the link, press the button)", confirmed),
        ]:
            print(
                f"| {label} | {figures['wall']:.2f} | {figures['rps']:.0f} | "
                f"{figures['p50'] * 1000:.0f} | {figures['p99'] * 1000:.0f} | "
                f"{figures['errors']} |"
            )
        if missing:
            print(f"{missing} people received no confirmation link")
        print(
            f"outcome: confirmed {got[0]}, waiting {got[1]}, unconfirmed {got[2]}, "
            f"errors {got[3]} (expected {' / '.join(map(str, expected))}): "
            f"{'as expected' if ok else 'WRONG'}",
            flush=True,
        )

        a, b = servers[0], servers[-1]
        label_a, label_b = labels[0], labels[-1]
        cache_ok, lines = check_page_cache(a, b, label_a, label_b)
        print(f"page cache: {'never stale' if cache_ok else 'STALE'}")
        for line in lines:
            print(f"  {line}")
        limits_ok, lines = check_rate_limits(a, b, label_a, label_b)
        print(f"rate limits: {'shared' if limits_ok else 'NOT SHARED'}")
        for line in lines:
            print(f"  {line}")
        return {
            "vendor": vendor,
            "servers": len(servers),
            "registrations": sent["wall"],
            "confirmations": confirmed["wall"],
            "got": got,
            "ok": ok and cache_ok and limits_ok,
        }


summaries = []
for vendor in args.databases:
    if args.servers == 2 and vendor == "sqlite":
        print("\n== sqlite: skipped (two app servers share one PostgreSQL database) ==")
        continue
    if vendor == "postgresql" and not args.postgresql:
        print("\n== postgresql: skipped (give a database for the bench: --postgresql URL) ==")
        continue
    summaries.append(run(vendor))

print(
    "\n| database | app servers | registrations | confirmations "
    "| confirmed / waiting / unconfirmed / errors | checks |"
)
print("|---|---|---|---|---|---|")
for s in summaries:
    print(
        f"| {s['vendor']} | {s['servers']} | {s['registrations']:.2f} s | "
        f"{s['confirmations']:.2f} s | {' / '.join(map(str, s['got']))} | "
        f"{'hold' if s['ok'] else 'FAIL'} |"
    )
raise SystemExit(0 if summaries and all(s["ok"] for s in summaries) else 1)
