"""Library: import rate and search latency (p50/p95) on a synthetic corpus in the six
languages, against the bare engine query and a naive icontains scan measured in the same run.

Size: CTASSIST_BENCH_LIBRARY_SIZE (default 20,000 records; the targets speak of 100k and 1M —
run with a larger size on a machine with time to spare)."""

from __future__ import annotations

import json
import os
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.harness import Timing, django_setup

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


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.95) - 1]


def run() -> dict[str, Any]:
    size = int(os.environ.get("CTASSIST_BENCH_LIBRARY_SIZE", "20000"))
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        django_setup()
        from django.db import connection

        from ctassist.core.setup import platform_migrate, reference_data_load
        from ctassist.library.analysis import query_alternatives
        from ctassist.library.models import Record
        from ctassist.library.search import _fts_query, library_search
        from ctassist.library.services import library_import

        platform_migrate()
        reference_data_load()
        lines = synthetic_lines(size)
        start = time.perf_counter()
        library_import(actor=None, lines=lines)
        elapsed = time.perf_counter() - start
        rate = size / elapsed
        queries = ["financement", "terrorism court", "تمويل", "恐怖主义", "терроризм", "prueba"]
        app: list[float] = []
        engine: list[float] = []
        naive: list[float] = []
        for _ in range(5):
            for q in queries:
                t = time.perf_counter()
                library_search(query=q, filters={"language": None})
                app.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT rowid FROM library_fts WHERE library_fts MATCH %s "
                        "ORDER BY bm25(library_fts) LIMIT 10",
                        [_fts_query(query_alternatives(q))],
                    )
                    cursor.fetchall()
                engine.append((time.perf_counter() - t) * 1000)
                if len(naive) < 6:
                    t = time.perf_counter()
                    list(Record.objects.filter(text__icontains=q.split()[0])[:10])
                    Record.objects.filter(text__icontains=q.split()[0]).count()
                    naive.append((time.perf_counter() - t) * 1000)
    app50, app95 = _percentiles(app)
    eng50, eng95 = _percentiles(engine)
    naive50, _ = _percentiles(naive)
    timings = [
        Timing(
            f"import {size:,} records (incl. indexing): {rate:,.0f} records/s", elapsed * 1000, 1
        ),
        Timing("naive icontains scan + count (p50)", naive50, len(naive)),
        Timing("bare FTS5 query, first page (p50)", eng50, len(engine)),
        Timing("bare FTS5 query, first page (p95)", eng95, len(engine)),
        Timing("library_search: ranked, filtered, faceted first page (p50)", app50, len(app)),
        Timing("library_search: ranked, filtered, faceted first page (p95)", app95, len(app)),
    ]
    verdict = (
        f"not yet met. p95 {app95:.0f} ms at {size:,} records on SQLite (target 50 ms at 1M on "
        f"PostgreSQL, not yet measured); the application costs {app95 / eng95:.0f}x the bare "
        "engine query (target 1.5x): facet counting re-runs the match once per facet; import "
        f"{rate:,.0f} records/s (target 5,000)."
    )
    return {
        "verdict": verdict,
        "title": f"Library: import and search on {size:,} synthetic records (SQLite)",
        "target": "p95 ≤ 50 ms for a ranked, faceted first page (the issue sets it at 1M "
        "records on PostgreSQL); application ≤ 1.5× the bare engine query; "
        "import ≥ 5,000 records/s",
        "timings": timings,
        "pairs": [(timings[1], timings[4]), (timings[3], timings[5])],
    }
