"""Requests per second and CPU per request of the public pages under gunicorn (2 sync workers,
DEBUG off, demo data on SQLite), each beside the ceiling: a bare Django view of 2 KB through
the same middleware and server (bench/urls.py). wrk sends the load from a second process, on
loopback, as visitors without a cookie, for a fixed time.

To stay honest on a machine whose speed drifts (other work, frequency scaling, heat), the
ceiling is measured again around each page, in interleaved rounds: ceiling, page, ceiling,
page, ceiling, page, ceiling. Each page run is compared with the mean of the two ceiling runs
on either side of it; a page's share of the ceiling is the median of these ratios, its other
figures the medians of its runs. CPU per request is the processor time the gunicorn workers
used (utime + stime in /proc/<pid>/stat, the master's children) divided by the requests wrk
counted: it moves less than req/s when other work shares the machine, but it moves too (a
loaded machine runs each request slower, on colder caches). Only a quiet machine gives
figures to compare.

The page cache for visitors without a cookie (entraide.core.page_cache) is on, as in
production; --no-page-cache runs the server with ENTRAIDE_PAGE_CACHE_SECONDS=0, which is what
every request would cost without it (and what the first visitor after each write pays).

    .venv/bin/python bench/http_throughput.py [--no-page-cache] [--seconds 5] [--rounds 3]
        [--connections 8] [--pages / /lieux/]

Needs wrk (apt-get install wrk). Linux only (/proc). With the defaults it runs about 6 minutes.
The temporary data folder (database, static files, server log) is removed at the end.
"""

import argparse
import io
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request

if not shutil.which("wrk"):
    sys.exit(
        "bench/http_throughput.py needs wrk, which is not on the PATH: "
        "on Debian, apt-get install wrk (https://github.com/wg/wrk)."
    )
if not os.path.isdir("/proc/self"):
    sys.exit("bench/http_throughput.py reads CPU times in /proc: it runs on Linux only.")

CEILING = ("ceiling (bare 2 KB view)", "/bench/plafond/")
PAGES = [
    ("home `/`", "/"),
    ("directory `/lieux/`", "/lieux/"),
    ("place page", "/lieux/la-verriere/"),
    ("workshops `/ateliers/`", "/ateliers/"),
    ("workshop page", "/ateliers/manifeste-atelier-1/"),
    ("series page", "/ateliers/cycles/vers-un-manifeste-du-numerique-responsable/"),
    ("polls `/sondages/`", "/sondages/"),
    ("poll page (open)", "/sondages/dispos-pour-le-troisieme-atelier/"),
    ("manifestos `/manifestes/`", "/manifestes/"),
    ("manifesto page", "/manifestes/manifeste-du-numerique-responsable-dans-les-tiers-lieux/"),
]

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("--seconds", type=int, default=5, help="length of each wrk run (5)")
parser.add_argument("--rounds", type=int, default=3, help="runs of each page (3)")
parser.add_argument("--connections", type=int, default=8, help="wrk connections (8)")
parser.add_argument("--warmup", type=int, default=1, help="seconds of load before a page (1)")
parser.add_argument(
    "--no-page-cache",
    action="store_true",
    help="run the server with ENTRAIDE_PAGE_CACHE_SECONDS=0 (the page cache off)",
)
parser.add_argument(
    "--pages", nargs="+", metavar="PATH", help="only these paths (default: every page above)"
)
args = parser.parse_args()
if args.seconds < 1 or args.rounds < 1 or args.warmup < 0:
    parser.error("--seconds and --rounds must be at least 1, --warmup at least 0")
pages = [(name, path) for name, path in PAGES if not args.pages or path in args.pages]
pages += [(path, path) for path in args.pages or [] if path not in dict(PAGES).values()]

# The server runs as a single-machine production site: SQLite, the cache in the database, the
# page cache in each worker's memory, whatever this shell's environment says.
for name in ("DATABASE_URL", "REDIS_URL", "ENTRAIDE_PAGE_CACHE_SECONDS"):
    os.environ.pop(name, None)
if args.no_page_cache:
    os.environ["ENTRAIDE_PAGE_CACHE_SECONDS"] = "0"

from _setup import ROOT, prepare  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def children(pid):
    """The processes whose parent is `pid` (gunicorn's workers)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = _stat(int(entry))
            except OSError:  # gone meanwhile
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return sorted(found)


def _stat(pid):
    """The fields of /proc/<pid>/stat after the command name: state, ppid…"""
    with open(f"/proc/{pid}/stat") as stat:
        text = stat.read()
    return text[text.rindex(")") + 2 :].split()


def cpu_seconds(pids):
    """User + system CPU time of these processes, in seconds."""
    total = 0
    for pid in pids:
        fields = _stat(pid)
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / TICKS


def latency_ms(text, percent):
    value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\b", text, re.M).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wrk(master, path, seconds):
    """One wrk run against `path`: req/s, requests, p50, p99, errors, CPU ms per request."""
    workers = children(master)
    before = cpu_seconds(workers)
    done = subprocess.run(
        ["wrk", "-t1", f"-c{args.connections}", f"-d{seconds}s", "--latency", base + path],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"wrk failed on {path}:\n{done.stdout}{done.stderr}")
    out = done.stdout
    try:
        after = cpu_seconds(workers)
    except OSError:  # a worker died during the run: its CPU time is lost
        after = None
    if children(master) != workers:
        after = None
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    errors = int(non_2xx.group(1)) if non_2xx else 0
    errors += sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "requests": requests,
        "p50": latency_ms(out, 50),
        "p99": latency_ms(out, 99),
        "errors": errors,
        "cpu": None if after is None or not requests else (after - before) * 1000 / requests,
    }


def median(runs, key):
    values = [run[key] for run in runs if run[key] is not None]
    return statistics.median(values) if values else None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(log):
    env = {**os.environ, "PYTHONPATH": f"{ROOT}:{ROOT / 'src'}"}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "entraide.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def wait_until_up(server):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {server.returncode}")
        try:
            urllib.request.urlopen(base + CEILING[1], timeout=5).read()
        except OSError:
            time.sleep(0.2)
        else:
            if len(children(server.pid)) == 2:
                return
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within 60 s")


def check_pages():
    """Every page answers 200 to a visitor without a cookie; returns those that set a cookie
    (neither the page cache nor a proxy can keep them)."""
    setting_cookies = []
    for name, path in [CEILING, *pages]:
        try:
            response = urllib.request.urlopen(base + path, timeout=30)
        except urllib.error.HTTPError as error:
            raise RuntimeError(f"{name} ({path}) answers {error.code}, not 200") from None
        response.read()
        if response.headers.get_all("Set-Cookie"):
            setting_cookies.append(name)
    return setting_cookies


def stop(server):
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


port = free_port()
base = f"http://127.0.0.1:{port}"
cache = "off (ENTRAIDE_PAGE_CACHE_SECONDS=0)" if args.no_page_cache else "on (as in production)"
duration = len(pages) * ((args.rounds * 2 + 1) * args.seconds + 2 * args.warmup)
print(
    f"gunicorn 2 sync workers, SQLite, demo data, page cache {cache}; wrk 1 thread "
    f"{args.connections} connections, {args.rounds} interleaved rounds of {args.seconds} s "
    f"(ceiling, page, …, ceiling) per page: {duration} s of load after the set-up",
    flush=True,
)

data_dir = prepare("bench.settings")
results, failed = {}, False
try:
    from django.core.management import call_command
    from django.db import connections

    for command, options in [
        ("migrate", {}),
        ("createcachetable", {}),
        ("demo", {}),
        ("collectstatic", {"interactive": False}),
    ]:
        call_command(command, verbosity=0, stdout=io.StringIO(), **options)
    connections.close_all()

    log_path = os.path.join(data_dir, "gunicorn.log")
    with open(log_path, "w") as log:
        server = start_server(log)
        try:
            wait_until_up(server)
            cookies = check_pages()
            for name, path in pages:
                if args.warmup:  # the first renders, the pages kept, the code paths run
                    wrk(server.pid, CEILING[1], args.warmup)
                    wrk(server.pid, path, args.warmup)
                ceiling_runs, page_runs = [], []
                for _round in range(args.rounds):
                    ceiling_runs.append(wrk(server.pid, CEILING[1], args.seconds))
                    page_runs.append(wrk(server.pid, path, args.seconds))
                ceiling_runs.append(wrk(server.pid, CEILING[1], args.seconds))
                results[name] = (ceiling_runs, page_runs)
                print(f"  measured {name}", flush=True)
        except BaseException:
            failed = True
            raise
        finally:
            stop(server)
            if failed:
                with open(log_path) as written:
                    print(written.read()[-5000:], file=sys.stderr)
finally:
    shutil.rmtree(data_dir, ignore_errors=True)


def ms(value):
    return "?" if value is None else f"{value:.2f}"


every_ceiling = [run for ceiling_runs, _page_runs in results.values() for run in ceiling_runs]
print()
print("| page | req/s | share of the ceiling | CPU ms per request | p50 ms | p99 ms | errors |")
print("|---|---|---|---|---|---|---|")
print(
    f"| {CEILING[0]} | {median(every_ceiling, 'rps'):.0f} | 100 % | "
    f"{ms(median(every_ceiling, 'cpu'))} | {ms(median(every_ceiling, 'p50'))} | "
    f"{ms(median(every_ceiling, 'p99'))} | {sum(r['errors'] for r in every_ceiling)} |"
)
for name, (ceiling_runs, page_runs) in results.items():
    share = statistics.median(
        page["rps"] * 2 / (before["rps"] + after["rps"])
        for page, before, after in zip(page_runs, ceiling_runs, ceiling_runs[1:], strict=False)
    )
    print(
        f"| {name} | {median(page_runs, 'rps'):.0f} | {share * 100:.0f} % | "
        f"{ms(median(page_runs, 'cpu'))} | {ms(median(page_runs, 'p50'))} | "
        f"{ms(median(page_runs, 'p99'))} | {sum(r['errors'] for r in page_runs)} |"
    )
print()
print("Req/s of each run, in order (the ceiling in brackets):")
for name, (ceiling_runs, page_runs) in results.items():
    listed = [
        f"[{c['rps']:.0f}] {p['rps']:.0f}"
        for c, p in zip(ceiling_runs, page_runs, strict=False)  # one more ceiling run
    ]
    print(f"  {name}: {' '.join(listed)} [{ceiling_runs[-1]['rps']:.0f}]")
rates = [run["rps"] for run in every_ceiling]
print(
    f"The ceiling ranged from {min(rates):.0f} to {max(rates):.0f} req/s during the run "
    f"(a wide range: the machine was not quiet, these figures are not to be compared)."
    if max(rates) > 1.2 * min(rates)
    else f"The ceiling ranged from {min(rates):.0f} to {max(rates):.0f} req/s during the run."
)
for name in cookies:
    print(f"Warning: {name} sets a cookie for a visitor without one: no cache can keep it.")
errors = sum(
    r["errors"] for ceiling_runs, page_runs in results.values() for r in ceiling_runs + page_runs
)
if errors:
    print(f"Warning: {errors} requests failed (non-2xx answers or socket errors).")
raise SystemExit(1 if errors else 0)
