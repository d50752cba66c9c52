"""Pages made of sections that apps contribute: the State page, the instrument page.

A page that several apps have something to say about (a State: its treaties, laws, requests,
cases…) does not import those apps. Each app registers its sections from its
`AppConfig.ready()`; the page asks this registry for them. So the app that hosts a page never
learns of the apps that add to it, and a new app adds its section without touching another app.

The rules are explicit:
- **Order**: sections come by `order` (lower first), then by name; two sections of one page may
  not share a name.
- **Access**: `gather` receives the request and reads through its own app's selectors, which
  take the user: what the user may not see is not gathered. A section whose `gather` returns
  `None` is not shown at all (no empty heading). `visible` can hide a section from a user
  outright (for example, anyone not signed in) before anything is gathered.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from django.http import HttpRequest

Page = Literal["state", "instrument"]
PAGES: tuple[Page, ...] = ("state", "instrument")


def everyone(request: HttpRequest) -> bool:
    return True


@dataclass(frozen=True)
class Section:
    """One app's part of a page about `subject` (a State's or an instrument's code)."""

    page: Page
    name: str
    order: int
    template: str
    gather: Callable[[HttpRequest, str], Mapping[str, Any] | None]
    visible: Callable[[HttpRequest], bool] = everyone

    @property
    def app_label(self) -> str:
        return self.name.split(".", 1)[0]


@dataclass(frozen=True)
class GatheredSection:
    """A section ready to render: `{% include section.template with data=section.data %}`."""

    name: str
    template: str
    data: Mapping[str, Any]


_sections: dict[Page, list[Section]] = {page: [] for page in PAGES}


def section_register(section: Section) -> None:
    """Called from an app's `AppConfig.ready()`; the name is `<app label>.<what>`."""
    if section.page not in _sections:
        raise ValueError(f"unknown page {section.page!r}; pages are {', '.join(PAGES)}")
    if "." not in section.name:
        raise ValueError(f"a section's name starts with its app's label: {section.name!r}")
    existing = _sections[section.page]
    if any(other.name == section.name for other in existing):
        raise ValueError(f"section {section.name!r} is registered twice on the {section.page} page")
    existing.append(section)
    existing.sort(key=lambda item: (item.order, item.name))


def sections_registered(page: Page) -> list[Section]:
    return list(_sections[page])


def sections_gather(
    *, page: Page, request: HttpRequest, subject: str, exclude_app: str | None = None
) -> list[GatheredSection]:
    """The page's sections that have something to show this user, in their order.

    `exclude_app` leaves out the host's own sections where the host already shows that content
    (the treaties profile of a State does not repeat the treaties summary).
    """
    gathered = []
    for section in _sections[page]:
        if section.app_label == exclude_app or not section.visible(request):
            continue
        data = section.gather(request, subject)
        if data is not None:
            gathered.append(GatheredSection(section.name, section.template, data))
    return gathered
