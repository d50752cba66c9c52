"""Library: import rate and search latency (p50/p95) on a synthetic corpus in the six
languages, against the bare engine query and a naive icontains scan measured in the same run.

Sizes: CTASSIST_BENCH_LIBRARY_SIZES (default 20000,100000; the target speaks of 1M — run with a
larger size on a machine with time to spare). Each size runs in its own process on a fresh SQLite
file and, when CTASSIST_BENCH_POSTGRES_URL names a server (`make bench` starts a throwaway one),
on a fresh PostgreSQL database. `python -m bench.library_search --generate N` writes a synthetic
corpus of N records (JSONL, labelled illustrative) for `ctassist library import`."""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from bench.harness import Timing, django_setup, postgres_database

WORDS = {
    "en": [
        "terrorism",
        "financing",
        "offence",
        "court",
        "prosecution",
        "evidence",
        "cooperation",
        "extradition",
        "recruitment",
        "training",
        "fighters",
        "victims",
        "children",
        "gender",
    ],
    "fr": [
        "terrorisme",
        "financement",
        "infraction",
        "tribunal",
        "poursuite",
        "preuve",
        "coopération",
        "extradition",
        "recrutement",
        "entraînement",
        "combattants",
        "victimes",
        "enfants",
    ],
    "es": [
        "terrorismo",
        "financiación",
        "delito",
        "tribunal",
        "enjuiciamiento",
        "prueba",
        "cooperación",
        "extradición",
        "reclutamiento",
        "adiestramiento",
        "combatientes",
        "víctimas",
    ],
    "ru": [
        "терроризм",
        "финансирование",
        "преступление",
        "суд",
        "преследование",
        "доказательство",
        "сотрудничество",
        "выдача",
        "вербовка",
        "подготовка",
        "боевики",
        "жертвы",
    ],
    "ar": [
        "الإرهاب",
        "تمويل",
        "جريمة",
        "محكمة",
        "ملاحقة",
        "دليل",
        "تعاون",
        "تسليم",
        "تجنيد",
        "تدريب",
        "مقاتلين",
        "ضحايا",
    ],
    "zh": [
        "恐怖主义",
        "资助",
        "犯罪",
        "法院",
        "起诉",
        "证据",
        "合作",
        "引渡",
        "招募",
        "训练",
        "战斗人员",
        "受害者",
    ],
}
COUNTRIES = ["NGA", "KEN", "NER", "IRQ", "PAK", "FRA", "ESP", "KAZ", "CHN", "EGY", "MLI", "TUN"]
TYPES = ["legislation", "case", "strategy", "bibliography", "publication"]


def synthetic_lines(size: int, *, seed: int = 7) -> list[str]:
    """A reproducible synthetic corpus, labelled illustrative."""
    rng = random.Random(seed)
    lines = []
    for n in range(size):
        language = rng.choice(list(WORDS))
        words = WORDS[language]
        sep = "" if language == "zh" else " "
        record: dict[str, Any] = {
            "id": f"synthetic-{n}",
            "type": rng.choice(TYPES),
            "language": language,
            "country": rng.choice(COUNTRIES),
            "illustrative": True,
            "status": "published",
            "title": sep.join(rng.choices(words, k=6)),
            "date": f"{rng.randint(1990, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "text": sep.join(rng.choices(words, k=rng.randint(40, 120))),
            "crime_types": [
                rng.choice(["financing-of-terrorism", "recruitment", "foreign-terrorist-fighters"])
            ],
        }
        if record["type"] == "case":
            record["court"] = "Synthetic court"
        lines.append(json.dumps(record, ensure_ascii=False))
    return lines


# Issue 23 asked for the profile before anything was changed; it stays beside the figures.
PROFILE_BEFORE = (Path(__file__).parent / "data" / "library_profile_before.md").read_text().strip()


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.95) - 1)]


QUERIES = ["financement", "terrorism court", "تمويل", "恐怖主义", "терроризм", "prueba"]


def _bare_engine_sql(vendor: str) -> str:
    if vendor == "postgresql":
        return (
            "SELECT record_id FROM library_searchdocument, to_tsquery('simple', %s) q "
            "WHERE tsv @@ q ORDER BY ts_rank_cd(tsv, q) DESC LIMIT 10"
        )
    return (
        "SELECT rowid FROM library_fts WHERE library_fts MATCH %s "
        "ORDER BY bm25(library_fts) LIMIT 10"
    )


def worker(size: int) -> dict[str, Any]:
    """One measurement on the database DATABASE_URL names (empty; migrated here)."""
    django_setup()
    from django.db import connection

    from ctassist.core.setup import platform_migrate, reference_data_load
    from ctassist.library.analysis import query_alternatives
    from ctassist.library.models import Record
    from ctassist.library.search import _fts_query, _ts_query, library_search
    from ctassist.library.services import library_import

    platform_migrate()
    reference_data_load()
    lines = synthetic_lines(size)
    start = time.perf_counter()
    for chunk in range(0, size, 50_000):
        library_import(actor=None, lines=lines[chunk : chunk + 50_000])
    elapsed = time.perf_counter() - start
    vendor = connection.vendor
    engine_sql = _bare_engine_sql(vendor)
    as_query = _ts_query if vendor == "postgresql" else _fts_query
    app: list[float] = []
    engine: list[float] = []
    naive: list[float] = []
    narrow: list[float] = []
    estimated = 0
    for q in QUERIES:  # warm the caches once, as a running server has them
        library_search(query=q, filters={"language": None})
    for _ in range(5):
        for q in QUERIES:
            t = time.perf_counter()
            estimated += library_search(query=q, filters={"language": None}).estimated
            app.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            library_search(query=q, filters={"country": "NER", "type": "case"})
            narrow.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(engine_sql, [as_query(query_alternatives(q))])
                cursor.fetchall()
            engine.append((time.perf_counter() - t) * 1000)
            if len(naive) < len(QUERIES):
                t = time.perf_counter()
                list(Record.objects.filter(text__icontains=q.split()[0])[:10])
                Record.objects.filter(text__icontains=q.split()[0]).count()
                naive.append((time.perf_counter() - t) * 1000)
    return {
        "vendor": vendor,
        "size": size,
        "import_s": elapsed,
        "app": _percentiles(app),
        "engine": _percentiles(engine),
        "naive": _percentiles(naive),
        "narrow": _percentiles(narrow),
        "estimated": estimated,
        "runs": [len(app), len(engine), len(naive)],
    }


def relevance_worker() -> dict[str, Any]:
    """The relevance set (ctassist/library/relevance.py) on the demo corpus, on the database
    DATABASE_URL names (empty; migrated here)."""
    django_setup()
    from django.db import connection

    from ctassist.core.setup import platform_migrate, reference_data_load
    from ctassist.library.relevance import relevance_figure
    from ctassist.library.services import library_demo_load

    platform_migrate()
    reference_data_load()
    library_demo_load()
    figure = relevance_figure()
    return {
        "vendor": connection.vendor,
        "queries": figure.queries,
        "first": figure.first,
        "mrr": figure.mean_reciprocal_rank,
        "misses": figure.misses,
    }


def _measure(database_url: str, size: int, *, mode: str = "--worker") -> dict[str, Any]:
    env = {**os.environ, "DATABASE_URL": database_url}
    output = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "bench.library_search", mode, str(size)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def run() -> dict[str, Any]:
    sizes = [
        int(s) for s in os.environ.get("CTASSIST_BENCH_LIBRARY_SIZES", "20000,100000").split(",")
    ]
    postgres = os.environ.get("CTASSIST_BENCH_POSTGRES_URL")
    # CTASSIST_BENCH_LIBRARY_SIDE_BY_SIDE=1 measures SQLite and PostgreSQL at the same time (two
    # processes): half the wall time for a 1M run, at the cost of each slowing the other.
    side_by_side = os.environ.get("CTASSIST_BENCH_LIBRARY_SIDE_BY_SIDE") == "1"

    def sqlite_run(size: int, mode: str = "--worker") -> dict[str, Any]:
        with tempfile.TemporaryDirectory() as folder:
            return _measure(f"sqlite:///{Path(folder) / 'bench.sqlite3'}", size, mode=mode)

    def postgres_run(size: int, mode: str = "--worker") -> dict[str, Any]:
        name = f"ctassist_bench_{os.getpid()}_{size}{mode.strip('-')[0]}"
        try:
            return _measure(postgres_database(str(postgres), name), size, mode=mode)
        finally:
            postgres_database(str(postgres), name, drop=True)

    results = []
    for size in sizes:
        if postgres and side_by_side:
            with ThreadPoolExecutor(max_workers=2) as pool:
                both = [pool.submit(sqlite_run, size), pool.submit(postgres_run, size)]
                results += [job.result() for job in both]
        else:
            results.append(sqlite_run(size))
            if postgres:
                results.append(postgres_run(size))
    relevance = [sqlite_run(0, "--relevance")]
    if postgres:
        relevance.append(postgres_run(0, "--relevance"))
    timings: list[Timing] = []
    pairs = []
    notes = []
    for r in results:
        label = f"{'PostgreSQL' if r['vendor'] == 'postgresql' else 'SQLite'}, {r['size']:,}"
        rate = r["size"] / r["import_s"]
        app_runs, engine_runs, naive_runs = r["runs"]
        row = [
            Timing(
                f"{label}: import incl. indexing — {rate:,.0f} records/s", r["import_s"] * 1000, 1
            ),
            Timing(f"{label}: naive icontains scan + count (p50)", r["naive"][0], naive_runs),
            Timing(f"{label}: bare engine query, first page (p50)", r["engine"][0], engine_runs),
            Timing(f"{label}: bare engine query, first page (p95)", r["engine"][1], engine_runs),
            Timing(f"{label}: library_search ranked + faceted page (p50)", r["app"][0], app_runs),
            Timing(f"{label}: library_search ranked + faceted page (p95)", r["app"][1], app_runs),
            Timing(
                f"{label}: library_search with a country and type filter (p95)",
                r["narrow"][1],
                app_runs,
            ),
        ]
        timings += row
        pairs += [(row[1], row[4]), (row[3], row[5])]
        notes.append(
            f"{label}: p95 {r['app'][1]:.0f} ms ({r['estimated']} of {app_runs} pages with "
            f"estimated counts), {r['app'][1] / r['engine'][1]:.2f}× the bare engine query, "
            f"filtered p95 {r['narrow'][1]:.0f} ms, import {rate:,.0f} records/s"
        )
    measured_1m_pg = any(r["size"] >= 1_000_000 and r["vendor"] == "postgresql" for r in results)
    figures = "; ".join(
        f"{'PostgreSQL' if f['vendor'] == 'postgresql' else 'SQLite'} {f['first']} of "
        f"{f['queries']} first, MRR {f['mrr']:.2f}"
        + (f" (missed: {f['misses']})" if f["misses"] else "")
        for f in relevance
    )
    verdict = (
        "; ".join(notes)
        + ". Targets: p95 ≤ 50 ms at 1M on PostgreSQL"
        + ("" if measured_1m_pg else " (1M on PostgreSQL not measured in this run)")
        + ", ≤ 1.5× the bare engine query, import ≥ 5,000 records/s. The bare engine query "
        "ranks every match; library_search ranks and counts the newest SAMPLE matches "
        "(ctassist/library/search.py), so its cost no longer grows with the number of "
        f"matches. Relevance set (ctassist/library/relevance.py, demo corpus): {figures}."
    )
    return {
        "verdict": verdict,
        "about": PROFILE_BEFORE,
        "title": "Library: import and search on synthetic corpora (six languages)",
        "target": "p95 ≤ 50 ms for a ranked, faceted first page at 1M records on PostgreSQL; "
        "application ≤ 1.5× the bare engine query; import ≥ 5,000 records/s into SQLite. Sizes "
        "from CTASSIST_BENCH_LIBRARY_SIZES (default 20000,100000); PostgreSQL measured when "
        "CTASSIST_BENCH_POSTGRES_URL names a server (a throwaway database is created on it)",
        "timings": timings,
        "pairs": pairs,
    }


if __name__ == "__main__":
    # python -m bench.library_search --generate N > corpus.jsonl   (a synthetic corpus to import)
    # python -m bench.library_search --worker N                    (one measurement; JSON out)
    if len(sys.argv) == 3 and sys.argv[1] == "--generate":
        sys.stdout.write("\n".join(synthetic_lines(int(sys.argv[2]))) + "\n")
    elif len(sys.argv) == 3 and sys.argv[1] == "--worker":
        print(json.dumps(worker(int(sys.argv[2]))))
    elif len(sys.argv) == 3 and sys.argv[1] == "--relevance":
        print(json.dumps(relevance_worker(), ensure_ascii=False))
    else:
        sys.exit("usage: python -m bench.library_search --generate N | --worker N")
