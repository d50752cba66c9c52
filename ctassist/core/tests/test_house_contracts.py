"""The house's import contracts (pyproject.toml `[tool.importlinter]`) hold, and they bite: take
away an exemption, or add an import that runs up a floor or into another app's insides, and
they break. `make test` also runs `lint-imports` itself."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

import grimp
import pytest
from importlinter.application.use_cases import _build_report, _register_contract_types
from importlinter.application.user_options import UserOptions
from importlinter.configuration import configure

ROOT = Path(__file__).resolve().parents[3]

configure()


def _options(edit: Any = None) -> UserOptions:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    session = config["tool"]["importlinter"]
    contracts = [dict(c) for c in session["contracts"]]
    if edit:
        edit(contracts)
    session_options = {k: v for k, v in session.items() if k != "contracts"}
    return UserOptions(session_options=session_options, contracts_options=contracts)


def _kept(options: UserOptions, graph: grimp.ImportGraph) -> dict[str, bool]:
    """Check the contracts against a graph (the real one, or one a test has added an import to)."""
    _register_contract_types(options)
    report = _build_report(
        graph=graph,
        graph_building_duration=0,
        user_options=options,
        limit_to_contracts=(),
        show_timings=False,
        verbose=False,
    )
    names = {c["name"]: c["id"] for c in options.contracts_options}
    return {
        names[contract.name]: check.kept for contract, check in report.get_contracts_and_checks()
    }


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("ctassist", "config", cache_dir=None)


def _contract(contracts: list[dict[str, Any]], contract_id: str) -> dict[str, Any]:
    return next(c for c in contracts if c["id"] == contract_id)


def test_the_house_keeps_its_contracts(graph):
    assert _kept(_options(), copy.deepcopy(graph)) == {"floors": True, "boundaries": True}


def test_every_exemption_is_needed(graph):
    # None is open today; one added later must still be needed (or be removed).
    exemptions = _contract(_options().contracts_options, "boundaries").get("ignore_imports", [])
    for exemption in exemptions:

        def drop(contracts: list[dict[str, Any]], exemption: str = exemption) -> None:
            rule = _contract(contracts, "boundaries")
            rule["ignore_imports"] = [e for e in rule["ignore_imports"] if e != exemption]

        assert _kept(_options(drop), copy.deepcopy(graph))["boundaries"] is False, exemption


def test_an_import_up_a_floor_breaks_the_floors(graph):
    upward = copy.deepcopy(graph)
    upward.add_import(
        importer="ctassist.geo.views",
        imported="ctassist.treaties.selectors",
        line_number=1,
        line_contents="from ctassist.treaties.selectors import state_profile",
    )
    assert _kept(_options(), upward)["floors"] is False


def test_an_import_of_another_apps_services_breaks_the_boundaries(graph):
    inside = copy.deepcopy(graph)
    inside.add_import(
        importer="ctassist.cases.views",
        imported="ctassist.library.services",
        line_number=1,
        line_contents="from ctassist.library.services import record_save",
    )
    assert _kept(_options(), inside) == {"floors": True, "boundaries": False}


def test_a_new_app_is_found_by_the_boundary_without_a_line(graph):
    grown = copy.deepcopy(graph)
    grown.add_module("ctassist.screening")
    grown.add_module("ctassist.screening.services")
    grown.add_import(
        importer="ctassist.screening.services",
        imported="ctassist.core.audit",
        line_number=1,
        line_contents="from ctassist.core.audit import audit_record",
    )
    grown.add_import(
        importer="ctassist.mla.views",
        imported="ctassist.screening.services",
        line_number=1,
        line_contents="from ctassist.screening.services import hit_review",
    )
    assert _kept(_options(), grown)["boundaries"] is False
