"""Shared by the benchmarks: a throw-away data directory and SQLite database."""

import os
import sys
import tempfile
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
