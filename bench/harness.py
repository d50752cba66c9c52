"""Timing helpers: median of repeated runs, and a ratio against a baseline from the same run
(wall-clock numbers on shared machines are noisy; the ratio is what we compare)."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


@dataclass
class Timing:
    name: str
    median_ms: float
    runs: int


def measure(name: str, func: Callable[[], Any], *, runs: int = 15, warmup: int = 2) -> Timing:
    for _ in range(warmup):
        func()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    return Timing(name=name, median_ms=statistics.median(samples), runs=runs)


def postgres_database(server_url: str, name: str, *, drop: bool = False) -> str:
    """Create (or drop) a throwaway database on the server CTASSIST_BENCH_POSTGRES_URL names;
    returns its URL."""
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop:
            admin.execute(f'CREATE DATABASE "{name}"')
    base = server_url.rsplit("/", 1)[0]
    return f"{base}/{name}"
