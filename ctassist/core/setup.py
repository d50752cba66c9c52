"""Setting a database up: migrations, reference data, demo data. The CLI's `init` and `demo`
and the test suite call these. Each module adds its loaders in settings:
CTASSIST_REFERENCE_LOADERS and CTASSIST_DEMO_LOADERS (dotted paths to functions)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.utils.module_loading import import_string

# A loader reports progress as progress(steps_done_now, total_steps).
Progress = Callable[[int, int], None]


@dataclass
class StepReport:
    name: str
    result: Any


def platform_migrate() -> None:
    call_command("migrate", interactive=False, verbosity=0)


def _run(
    paths: list[str], progress_factory: Callable[[str], Progress | None] | None
) -> list[StepReport]:
    reports = []
    for dotted in paths:
        loader = import_string(dotted)
        progress = progress_factory(dotted) if progress_factory else None
        reports.append(StepReport(dotted, loader(progress=progress)))
        finish = getattr(progress, "finish", None)
        if finish is not None:
            finish()
    return reports


def reference_data_load(
    *, progress_factory: Callable[[str], Progress | None] | None = None
) -> list[StepReport]:
    return _run(list(settings.CTASSIST_REFERENCE_LOADERS), progress_factory)


def demo_data_load(
    *, progress_factory: Callable[[str], Progress | None] | None = None
) -> list[StepReport]:
    return _run(list(settings.CTASSIST_DEMO_LOADERS), progress_factory)
