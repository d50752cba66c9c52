"""The platform's modules as the home page and the navigation list them.

Each app registers its own card from its `AppConfig.ready()` (in its `contributions.py`), so core
names no app and a new app appears by registering itself. Cards come by `order`, lower first. A
card whose URL does not resolve is left out: nothing links to a room that is not built.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class Module:
    app_label: str
    url_name: str
    title: str | Promise
    summary: str | Promise
    order: int


@dataclass(frozen=True)
class ModuleLink:
    title: str | Promise
    summary: str | Promise
    url: str


_modules: list[Module] = []


def module_register(module: Module) -> None:
    if any(other.app_label == module.app_label for other in _modules):
        raise ValueError(f"the {module.app_label} module is registered twice")
    _modules.append(module)
    _modules.sort(key=lambda item: (item.order, item.app_label))


def platform_modules() -> list[ModuleLink]:
    links = []
    for module in _modules:
        try:
            url = reverse(module.url_name)
        except NoReverseMatch:
            continue
        links.append(ModuleLink(module.title, module.summary, url))
    return links
