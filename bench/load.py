"""Load: `ctassist serve --prod` (gunicorn, one worker per core) under 10, 50 and 200 concurrent
clients driven by Locust (headless, one process, on the same machine), on SQLite and — when
CTASSIST_BENCH_POSTGRES_URL names a server (`bench/run` starts a throwaway one) — on PostgreSQL.

The mix, its weights and what counts as an error are in bench/locustfile.py's docstring: home, State
pages, library search (page and API), the States API, the treaties period page and matrix, and a
signed-in write (`PATCH /api/v1/mla/tracking/{id}` with the version just read; a 409 from a
concurrent client is counted apart, not as an error).

For each database: a temporary CTASSIST_VAR_DIR and a fresh database (a SQLite file in it, or a
throwaway PostgreSQL database), `ctassist demo` (then VACUUM ANALYZE on PostgreSQL), an API token
for demo-admin, `ctassist serve --prod` on a free loopback port, a few warm-up requests. Then, at
each level, Locust runs twice with the same clients and the same pauses: first `/healthz` alone (the
baseline: one trivial query, no template), then the mix. Statistics are reset once every client has
started (ramp-up is not measured). Requests/s, p50/p95/p99 over every answered request (the 409s
included), errors, 409s. A level has degraded when p95 is over 500 ms or any request failed. The
developer's var/ and database are never touched.

CTASSIST_BENCH_LOAD_LEVELS (default 10,50,200), CTASSIST_BENCH_LOAD_SECONDS (measured seconds of
the mix per level, default 35) and CTASSIST_BENCH_LOAD_BASELINE_SECONDS (default 10) change the
run; about 4 minutes per database with the defaults on a 2-core machine.
"""

from __future__ import annotations

import csv
import json
import math
import os
import resource
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.harness import Timing, postgres_database

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
P95_LIMIT_MS = 500.0
TARGET_CLIENTS = 50
# The weights of bench/locustfile.py's MixUser, by request name, for the per-request table.
WEIGHTS = {
    "GET /": 20,
    "GET /states/<code>/": 15,
    "GET /library/?q=": 15,
    "GET /api/v1/library/search?q=": 15,
    "GET /api/v1/geo/states": 10,
    "GET /treaties/period/": 10,
    "GET /treaties/matrix/": 5,
    "GET /api/v1/mla/tracking/{id}": 10,
    "PATCH /api/v1/mla/tracking/{id}": 10,
}
CONFLICT_SUFFIX = "409 conflict (expected)"
WARM_UP = [
    "/healthz",
    "/",
    "/states/NGA/",
    "/library/?q=terrorism",
    "/api/v1/library/search?q=terrorism",
    "/api/v1/geo/states",
    "/treaties/period/",
    "/treaties/matrix/",
]


# --- Pure helpers (bench/tests/test_load.py) --------------------------------------------------


def percentile(histogram: dict[int, int], fraction: float) -> float:
    """Nearest-rank percentile of a histogram {response time (ms): count}, as Locust reports
    it (times are Locust's buckets: exact below 100 ms, then to 10 ms, then to 100 ms)."""
    total = sum(histogram.values())
    if total == 0:
        return 0.0
    rank = max(1, math.ceil(total * fraction))
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return float(value)
    return float(max(histogram))


@dataclass
class Level:
    """One Locust run: a database, a number of clients, what came back."""

    database: str
    clients: int
    requests: int = 0
    tasks: int = 0  # what the clients did: the write is two requests (read, then PATCH)
    seconds: float = 0.0
    p50: float = 0.0
    p95: float = 0.0
    p99: float = 0.0
    errors: int = 0
    conflicts: int = 0
    generator_cpu: float = 0.0  # Locust's CPU time ÷ wall time (1.0 = one core)
    per_request: dict[str, tuple[int, float, float]] = field(default_factory=dict)
    failures: dict[str, int] = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def tasks_per_s(self) -> float:
        return self.tasks / self.seconds if self.seconds else 0.0

    @property
    def degraded(self) -> bool:
        return self.errors > 0 or self.p95 > P95_LIMIT_MS

    @property
    def state(self) -> str:
        reasons = []
        if self.p95 > P95_LIMIT_MS:
            reasons.append(f"p95 over {P95_LIMIT_MS:.0f} ms")
        if self.errors:
            reasons.append(f"{self.errors:,} errors")
        return "degraded: " + ", ".join(reasons) if reasons else "holds"


def summarize(database: str, clients: int, entries: Iterable[dict[str, Any]]) -> Level:
    """A Level from Locust's JSON statistics (one entry per request name)."""
    level = Level(database=database, clients=clients)
    merged: Counter[int] = Counter()
    start, end = math.inf, 0.0
    for entry in entries:
        histogram = {int(k): int(v) for k, v in entry["response_times"].items()}
        merged.update(histogram)
        level.requests += entry["num_requests"]
        level.errors += entry["num_failures"]
        if not entry["name"].startswith("PATCH "):
            level.tasks += entry["num_requests"]
        if entry["name"].endswith(CONFLICT_SUFFIX):
            level.conflicts += entry["num_requests"]
        level.per_request[entry["name"]] = (
            entry["num_requests"],
            percentile(histogram, 0.50),
            percentile(histogram, 0.95),
        )
        start = min(start, entry["start_time"])
        end = max(end, entry["last_request_timestamp"] or 0.0)
    level.seconds = max(0.0, end - start) if level.requests else 0.0
    level.p50 = percentile(merged, 0.50)
    level.p95 = percentile(merged, 0.95)
    level.p99 = percentile(merged, 0.99)
    return level


def degrades_at(levels: list[Level]) -> Level | None:
    """The first level (fewest clients) that degraded, or None."""
    return next((lv for lv in sorted(levels, key=lambda lv: lv.clients) if lv.degraded), None)


def verdict(mixes: list[Level]) -> str:
    """One sentence per database, then the target (0 errors, p95 ≤ 500 ms at 50 on SQLite)."""
    parts = []
    databases = list(dict.fromkeys(lv.database for lv in mixes))
    for database in databases:
        levels = sorted((lv for lv in mixes if lv.database == database), key=lambda lv: lv.clients)
        first = degrades_at(levels)
        if first is None:
            parts.append(f"{database}: holds at every level measured (up to {levels[-1].clients})")
            continue
        held = [lv.clients for lv in levels if lv.clients < first.clients]
        where = f"holds up to {held[-1]} clients, " if held else ""
        parts.append(
            f"{database}: {where}degrades at {first.clients} ({first.state.split(': ')[1]}; "
            f"p95 {first.p95:,.0f} ms, {first.rps:.1f} requests/s)"
        )
    target = next(
        (lv for lv in mixes if lv.database == "SQLite" and lv.clients == TARGET_CLIENTS), None
    )
    if target is None:
        outcome = f"not measured ({TARGET_CLIENTS} clients on SQLite not in this run)"
    else:
        met = "met" if not target.degraded else "missed"
        outcome = f"{met} — {target.errors:,} errors, p95 {target.p95:,.0f} ms"
    return "; ".join(parts) + f". Target at {TARGET_CLIENTS} clients on SQLite: {outcome}."


# --- Running it --------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, token: str | None = None, timeout: float = 30) -> bytes:
    request = urllib.request.Request(url)  # noqa: S310 - loopback, our own server
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        return bytes(response.read())


def _cpu_seconds() -> tuple[float, float]:
    """CPU time used so far by the whole machine (from /proc/stat; 0 where there is none) and by
    this process's finished children (Locust runs; the server once it has stopped)."""
    machine = 0.0
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
        user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
        machine = (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError):
        pass
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return machine, children.ru_utime + children.ru_stime


def _ctassist(env: dict[str, str], *args: str) -> str:
    return subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "ctassist.cli", *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@contextmanager
def _server(env: dict[str, str], folder: Path) -> Iterator[str]:
    """`ctassist serve --prod` on a free loopback port; stopped (its whole group) on exit."""
    port = _free_port()
    log = (folder / "serve.log").open("w")
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "ctassist.cli", "serve", "--prod", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"server exited: {(folder / 'serve.log').read_text()[-2000:]}")
            try:
                _get(f"{base}/healthz", timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def _locust(
    base: str, user: str, clients: int, seconds: int, folder: Path, env: dict[str, str]
) -> tuple[list[dict[str, Any]], dict[str, int], float]:
    """One headless Locust run; its JSON statistics, failures by message, and its CPU share."""
    rate = max(5, clients // 4)
    ramp = math.ceil(clients / rate)
    prefix = folder / f"{user}-{clients}"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    finished = subprocess.run(  # noqa: S603 - our own interpreter and Locust
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(LOCUSTFILE),
            "--headless",
            "--users",
            str(clients),
            "--spawn-rate",
            str(rate),
            "--run-time",
            f"{ramp + seconds}s",
            "--reset-stats",
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--host",
            base,
            "--json-file",
            str(prefix),
            "--csv",
            str(prefix),
            user,
        ],
        env=env,
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    stats = Path(f"{prefix}.json")
    if not stats.exists():
        raise RuntimeError(f"locust wrote no statistics: {finished.stderr[-3000:]}")
    failures: dict[str, int] = {}
    with Path(f"{prefix}_failures.csv").open(newline="") as f:
        for row in csv.DictReader(f):
            key = f"{row['Name']}: {row['Error']}"
            failures[key] = failures.get(key, 0) + int(row["Occurrences"])
    return json.loads(stats.read_text()), failures, cpu / wall if wall else 0.0


def _measure(database: str, database_url: str | None) -> tuple[list[Level], list[Level], dict]:
    """Every level on one database: the /healthz baselines, the mixes, and a note of the run."""
    levels = [int(n) for n in os.environ.get("CTASSIST_BENCH_LOAD_LEVELS", "10,50,200").split(",")]
    seconds = int(os.environ.get("CTASSIST_BENCH_LOAD_SECONDS", "35"))
    baseline_seconds = int(os.environ.get("CTASSIST_BENCH_LOAD_BASELINE_SECONDS", "10"))
    baselines: list[Level] = []
    mixes: list[Level] = []
    with tempfile.TemporaryDirectory(prefix="ctassist-load-") as name:
        folder = Path(name)
        url = database_url or f"sqlite:///{folder / 'ctassist.sqlite3'}"
        env = {
            **os.environ,
            "CTASSIST_VAR_DIR": str(folder / "var"),
            "DATABASE_URL": url,
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),  # serve --prod requires one
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        note: dict[str, Any] = {"load_before": os.getloadavg()[0]}
        started = time.perf_counter()
        _ctassist(env, "demo")
        note["demo_s"] = time.perf_counter() - started
        if database_url:
            # What autovacuum would do on its own a minute after the bulk load, in the middle of
            # the first levels: statistics and visibility maps for the steady state.
            import psycopg

            with psycopg.connect(database_url, autocommit=True) as connection:
                connection.execute("VACUUM ANALYZE")
        token = _ctassist(env, "users", "token", "demo-admin", "--label", "load-bench").split()[-1]
        machine_before, ours_before = _cpu_seconds()
        started = time.perf_counter()
        with _server(env, folder) as base:
            tracked = json.loads(_get(f"{base}/api/v1/mla/tracking", token))
            env["CTASSIST_LOAD_TOKEN"] = token
            env["CTASSIST_LOAD_TRACKED"] = ",".join(str(t["id"]) for t in tracked)
            for _ in range(3):
                for path in WARM_UP:
                    _get(base + path)
            for clients in levels:
                entries, failures, cpu = _locust(
                    base, "HealthzUser", clients, baseline_seconds, folder, env
                )
                baseline = summarize(database, clients, entries)
                baseline.failures, baseline.generator_cpu = failures, cpu
                baselines.append(baseline)
                entries, failures, cpu = _locust(base, "MixUser", clients, seconds, folder, env)
                mix = summarize(database, clients, entries)
                mix.failures, mix.generator_cpu = failures, cpu
                mixes.append(mix)
                print(
                    f"{database}, {clients} clients: /healthz {baseline.rps:.1f}/s; mix "
                    f"{mix.rps:.1f}/s p95 {mix.p95:.0f} ms, {mix.errors} errors, "
                    f"{mix.conflicts} conflicts",
                    file=sys.stderr,
                )
                time.sleep(2)  # let the listen queue drain before the next level
        machine_after, ours_after = _cpu_seconds()
        wall = time.perf_counter() - started
        others = (machine_after - machine_before) - (ours_after - ours_before)
        note["others_cores"] = max(0.0, others / wall) if machine_after else None
    note["seconds"], note["baseline_seconds"] = seconds, baseline_seconds
    return baselines, mixes, note


def _table(mixes: list[Level]) -> dict[str, Any]:
    header = [
        "database, clients",
        "requests",
        "requests/s",
        "p50 (ms)",
        "p95 (ms)",
        "p99 (ms)",
        "errors",
        "409 (expected)",
        "Locust CPU (cores)",
        "verdict",
    ]
    rows = []
    for mix in mixes:
        rows.append(
            [
                f"{mix.database}, {mix.clients}",
                f"{mix.requests:,}",
                f"{mix.rps:.1f}",
                f"{mix.p50:,.0f}",
                f"{mix.p95:,.0f}",
                f"{mix.p99:,.0f}",
                f"{mix.errors:,}",
                f"{mix.conflicts:,}",
                f"{mix.generator_cpu:.2f}",
                mix.state,
            ]
        )
    return {"header": header, "rows": rows}


def _per_request_table(mixes: list[Level]) -> dict[str, Any]:
    at = [lv for lv in mixes if lv.clients == TARGET_CLIENTS] or mixes[:1]
    header = [
        "request (task weight)",
        *(f"{lv.database}, {lv.clients}: p50 / p95 ms (requests)" for lv in at),
    ]
    names = [*WEIGHTS, f"PATCH /api/v1/mla/tracking/{{id}} — {CONFLICT_SUFFIX}"]
    rows = []
    for name in names:
        row = [f"{name} ({WEIGHTS[name]})" if name in WEIGHTS else name]
        for lv in at:
            count, p50, p95 = lv.per_request.get(name, (0, 0.0, 0.0))
            row.append(f"{p50:,.0f} / {p95:,.0f} ({count:,})" if count else "—")
        rows.append(row)
    return {"header": header, "rows": rows}


def run() -> dict[str, Any]:
    runs = [("SQLite", None)]
    postgres = os.environ.get("CTASSIST_BENCH_POSTGRES_URL")
    if postgres:
        runs.append(("PostgreSQL", postgres))
    baselines: list[Level] = []
    mixes: list[Level] = []
    notes = []
    for database, server in runs:
        name = f"ctassist_load_{os.getpid()}"
        try:
            url = postgres_database(server, name) if server else None
            b, m, note = _measure(database, url)
        finally:
            if server:
                postgres_database(server, name, drop=True)
        baselines += b
        mixes += m
        others = note["others_cores"]
        notes.append(
            f"{database}: demo loaded in {note['demo_s']:.0f} s; machine load average "
            f"{note['load_before']:.1f} before it; other processes on the machine "
            + ("(the PostgreSQL server among them) " if server else "")
            + "used "
            + (f"{others:.2f} cores on average while it ran" if others is not None else "n/a")
        )
        for level in m:
            if level.failures:
                common = sorted(level.failures.items(), key=lambda kv: -kv[1])[:3]
                notes.append(
                    f"errors at {database}, {level.clients}: "
                    + ", ".join(f"{message} ×{count:,}" for message, count in common)
                )
    seconds, baseline_seconds = note["seconds"], note["baseline_seconds"]
    timings: list[Timing] = []
    ratios = []
    for baseline, mix in zip(baselines, mixes, strict=True):
        label = f"{mix.database}, {mix.clients} clients"
        timings += [
            Timing(f"{label}: /healthz p50", baseline.p50, baseline.requests),
            Timing(f"{label}: mix p50", mix.p50, mix.requests),
        ]
        ratios.append(
            (
                f"{label}: /healthz {baseline.tasks_per_s:.1f} tasks/s (p95 {baseline.p95:,.0f} "
                f"ms) → mix {mix.tasks_per_s:.1f} tasks/s (p95 {mix.p95:,.0f} ms)",
                mix.tasks_per_s / baseline.tasks_per_s if baseline.tasks_per_s else 0.0,
            )
        )
    cores = os.cpu_count() or 1
    about = (
        f"`ctassist serve --prod` (gunicorn, {cores} sync workers: one per core) on a copy of the "
        "demo (`ctassist demo`) in a temporary folder and database; on PostgreSQL, then `VACUUM "
        "ANALYZE`, which autovacuum would otherwise run during the first levels. Locust (one "
        f"process, FastHttpUser) runs on the same {cores} cores: the load generator takes its "
        "share of the CPU from the server (column Locust CPU), so these are floors for a server "
        "with the cores to itself. " + "; ".join(notes) + ".\n\n"
        "Clients pause 0.5–1.5 s between tasks; the mix and its weights are in "
        "bench/locustfile.py (home 20, State page 15, library search page 15 and API 15, States "
        "API 10, period page 10, matrix 5, signed-in tracking read + PATCH 10). Each level: "
        f"ramp-up (not measured), then {seconds} s measured, once; p50/p95/p99 over every "
        "answered request. A 409 on the PATCH (another client saved the same tracked request "
        "between our read and our write) is the API's promised answer, counted apart; any other "
        "status outside 2xx/3xx or a failed connection is an error. Near the level where it "
        "degrades, a rerun can move p95 by hundreds of milliseconds (a busy neighbour on the "
        "machine is enough).\n\n"
        "The ratio: at each level, `/healthz` alone (one trivial query, no template) with the "
        f"same clients and pauses for {baseline_seconds} s, just before the mix. Mix tasks/s ÷ "
        "`/healthz` tasks/s (a task is what a client does before it pauses: one request, or two "
        "for the write) is the share of the clients' pace the server keeps with real pages: "
        "about 1.00 while it keeps up (±0.1 is noise), lower when requests queue."
    )
    return {
        "title": "Load: the commonest pages and API calls under concurrent clients",
        "target": "0 errors and p95 ≤ 500 ms at 50 clients on SQLite on a 2-core machine; the "
        "level where it degrades (p95 over 500 ms, or any error), on SQLite and, when "
        "CTASSIST_BENCH_POSTGRES_URL names a server, on PostgreSQL",
        "about": about,
        "tables": [_table(mixes), _per_request_table(mixes)],
        "timings": timings,
        "pairs": [],
        "ratio_heading": "mix tasks/s ÷ /healthz tasks/s (1.00: the server keeps pace)",
        "ratios": ratios,
        "verdict": verdict(mixes),
    }


if __name__ == "__main__":
    from bench.__main__ import _section

    print("\n".join(_section(run(), "now")))
