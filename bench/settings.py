"""Benchmark settings: Entraide's own, plus the ceiling view (bench/urls.py)."""

from entraide.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
DEBUG = False
