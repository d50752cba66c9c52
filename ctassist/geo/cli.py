"""`ctassist geo`: list States and UN M49 regions."""

from __future__ import annotations

import click

from ctassist.core.cli import FORMAT_OPTION, domain_errors, print_records


@click.group(name="geo")
def group() -> None:
    """States and UN regions."""


@group.command("states")
@click.option("--region", help="UN M49 region, sub-region or intermediate region code (002).")
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(["member", "observer", "other", "former", "organisation"]),
    help="Only these kinds (repeatable).",
)
@FORMAT_OPTION
def geo_states(region: str | None, kinds: tuple[str, ...], fmt: str) -> None:
    """List States with codes, region and names in the six UN languages."""
    from ctassist.geo.selectors import state_list

    with domain_errors():
        states = list(state_list(region=region, kinds=kinds or None))
    records = [
        {
            "code": s.code,
            "iso2": s.iso2,
            "iso3": s.iso3,
            "m49": s.m49,
            "kind": s.kind,
            "name": s.name_en,
            "names": s.names(),
            "region": s.region.name_en if s.region else None,
            "subregion": s.subregion.name_en if s.subregion else None,
            "intermediate_region": s.intermediate_region.name_en if s.intermediate_region else None,
        }
        for s in states
    ]
    print_records(records, fmt, ["code", "name", "kind", "region", "subregion"])


@group.command("regions")
@FORMAT_OPTION
def geo_regions(fmt: str) -> None:
    """List UN M49 regions, sub-regions and intermediate regions."""
    from ctassist.geo.selectors import region_list

    records = [
        {
            "m49": r.m49,
            "level": r.level,
            "name": r.name_en,
            "parent": r.parent.m49 if r.parent else None,
        }
        for r in region_list()
    ]
    print_records(records, fmt)
