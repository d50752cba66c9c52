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
