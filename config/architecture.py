"""The house's second rule as an import-linter contract type: apps meet through their selectors.

The first rule (floors only point down) is import-linter's own `layers` contract; this one says
*where* an app may be entered from another app: only through its public modules (by default
`selectors`, the reads that take the acting user). An app's models, services, views and the rest
are its own. The roof (the modules that assemble the house: URLs, the API's routers, the CLI's
groups, settings) is exempt as an importer.

Configuration (`[[tool.importlinter.contracts]]` in pyproject.toml):
- `apps`: module expressions for the apps (`ctassist.*`); a new app is found without a line.
- `shared`: apps whose every module is public (the ground floor's plumbing).
- `public`: module names any other app may import (`selectors`), or `app.module` for one app's
  further entry point.
- `shared_vocabulary`: `app.module` pairs any app may import beside the public ones (the models
  that foreign keys across the house point at).
- `roof`: module expressions exempt as importers.
- `exempt_kinds`: module names exempt as importers wherever they stand: tests (they build their
  fixtures where they need them) and demo loaders (they write their illustrative data through
  the services of the apps it belongs to, as any caller must).
- `ignore_imports`: single exemptions, `importer -> imported`, each one a debt to pay.
"""

from __future__ import annotations

from typing import Any

import grimp
from importlinter import Contract, ContractCheck, fields, output
from importlinter.application import contract_utils
from importlinter.domain import helpers


class AppBoundaryContract(Contract):
    type_name = "app_boundary"

    apps = fields.ListField(subfield=fields.ModuleExpressionField())
    shared = fields.ListField(subfield=fields.ModuleField(), required=False)
    public = fields.ListField(subfield=fields.StringField())
    shared_vocabulary = fields.ListField(subfield=fields.StringField(), required=False)
    roof = fields.ListField(subfield=fields.ModuleExpressionField(), required=False)
    exempt_kinds = fields.ListField(subfield=fields.StringField(), required=False)
    ignore_imports = fields.SetField(subfield=fields.ImportExpressionField(), required=False)
    unmatched_ignore_imports_alerting = fields.EnumField(
        contract_utils.AlertLevel, default=contract_utils.AlertLevel.ERROR
    )

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        options: Any = self  # the fields hold their parsed values once the contract is read
        removal = contract_utils.remove_ignored_imports_and_report(
            graph=graph,
            ignore_imports=options.ignore_imports,
            unmatched_alerting=options.unmatched_ignore_imports_alerting,
        )
        apps = sorted(
            module.name
            for module in helpers.module_expressions_to_modules(
                graph,
                options.apps,
            )
            if graph.find_children(module.name)  # packages only: an app is a package
        )
        shared: set[str] = {module.name for module in options.shared or []}
        public: set[str] = set(options.public)
        vocabulary: set[str] = set(options.shared_vocabulary or [])
        roof = {
            module.name
            for module in helpers.module_expressions_to_modules(
                graph,
                options.roof or [],
            )
        }
        exempt_kinds: set[str] = set(options.exempt_kinds or [])

        def app_of(module: str) -> str | None:
            return next(
                (app for app in apps if module == app or module.startswith(app + ".")), None
            )

        def exempt(importer: str) -> bool:
            parts = set(importer.split("."))
            in_roof = any(importer == r or importer.startswith(r + ".") for r in roof)
            return in_roof or bool(parts & exempt_kinds)

        violations: list[dict[str, Any]] = []
        for imported in sorted(graph.modules):
            owner = app_of(imported)
            if owner is None or owner in shared:
                continue
            inner = imported[len(owner) + 1 :].split(".", 1)[0]
            label = owner.rsplit(".", 1)[-1]
            if inner in public or f"{label}.{inner}" in public | vocabulary:
                continue
            for importer in sorted(graph.find_modules_that_directly_import(imported)):
                if exempt(importer) or app_of(importer) in (owner, None):
                    continue
                details = graph.get_import_details(importer=importer, imported=imported)
                violations.append(
                    {
                        "importer": importer,
                        "imported": imported,
                        "line_numbers": sorted(d["line_number"] for d in details),
                    }
                )
        return ContractCheck(
            kept=not violations,
            warnings=list(removal.warnings),
            metadata={"violations": violations},
            ignored_import_count=removal.ignored_import_count,
        )

    def render_broken_contract(self, check: ContractCheck) -> None:
        for item in check.metadata["violations"]:
            lines = ", ".join(f"l.{n}" for n in item["line_numbers"])
            output.print_error(
                f"{item['importer']} imports {item['imported']} ({lines}): "
                "another app is entered only through its selectors",
                bold=False,
            )
            output.new_line()
