"""Requests per second and p50/p99 latency of the home, directory and workshop pages under gunicorn
(2 workers, DEBUG off, demo data on SQLite), beside a static 2 KB Django view under the same
server (the ceiling). The load comes from wrk in a second process, on loopback, bounded in time.

    .venv/bin/python bench/http_throughput.py [--seconds 10] [--connections 8]
Needs wrk (apt-get install wrk).
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request

from _setup import ROOT, prepare

parser = argparse.ArgumentParser()
parser.add_argument("--seconds", type=int, default=10)
parser.add_argument("--connections", type=int, default=8)
parser.add_argument("--port", type=int, default=8765)
args = parser.parse_args()

if not shutil.which("wrk"):
    sys.exit("wrk is needed: apt-get install wrk")

data_dir = prepare("bench.settings")
from django.core.management import call_command  # noqa: E402

for command, options in [
    ("migrate", {}),
    ("createcachetable", {}),
    ("demo", {}),
    ("collectstatic", {"interactive": False}),
]:
    call_command(command, verbosity=0, **options)

env = {**os.environ, "PYTHONPATH": f"{ROOT}:{ROOT / 'src'}"}
server = subprocess.Popen(
    [
        sys.executable,
        "-m",
        "gunicorn",
        "entraide.wsgi",
        "--workers",
        "2",
        "--bind",
        f"127.0.0.1:{args.port}",
        "--log-level",
        "warning",
    ],
    env=env,
)
base = f"http://127.0.0.1:{args.port}"
try:
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/bench/plafond/", timeout=1)
            break
        except OSError:
            time.sleep(0.1)

    def latency_ms(text, percent):
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)", text, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    results = {}
    for name, path in [
        ("ceiling (static 2 KB view)", "/bench/plafond/"),
        ("home page /", "/"),
        ("directory /lieux/", "/lieux/"),
        ("workshops /ateliers/", "/ateliers/"),
        ("workshop page", "/ateliers/manifeste-atelier-1/"),
        ("series page", "/ateliers/cycles/vers-un-manifeste-du-numerique-responsable/"),
    ]:
        out = subprocess.run(
            ["wrk", "-t1", f"-c{args.connections}", f"-d{args.seconds}s", "--latency", base + path],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        results[name] = (
            rps,
            latency_ms(out, 50),
            latency_ms(out, 99),
            int(errors.group(1)) if errors else 0,
        )
finally:
    server.terminate()
    server.wait(timeout=10)
    shutil.rmtree(data_dir, ignore_errors=True)

ceiling = results["ceiling (static 2 KB view)"][0]
print(f"gunicorn 2 workers, wrk 1 thread {args.connections} connections {args.seconds}s each")
print(f"{'page':30} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'of ceiling':>11}")
for name, (rps, p50, p99, errors) in results.items():
    print(f"{name:30} {rps:8.0f} {p50:8.2f} {p99:8.2f} {errors:8} {rps / ceiling:10.0%}")
