"""The platform's modules as the home page and navigation list them. A module appears once its
Django app is installed and its URLs exist; nothing links to a room that is not built yet."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Module:
    app_label: str
    url_name: str
    title: str | Promise
    summary: str | Promise


MODULES: tuple[Module, ...] = (
    Module(
        "geo",
        "geo:state_list",
        _("States"),
        _("Member States, observers and other treaty participants, by UN region."),
    ),
    Module(
        "treaties",
        "treaties:instrument_list",
        _("Treaties"),
        _("Adherence to the 19 universal instruments against terrorism."),
    ),
    Module(
        "library",
        "library:search",
        _("Library"),
        _("Legislation, case law, strategies, bibliography and competent authorities."),
    ),
    Module(
        "assistance",
        "assistance:dashboard",
        _("Technical assistance"),
        _("Activities, participants, results and the periodic report."),
    ),
    Module(
        "evaluations",
        "evaluations:list",
        _("Evaluations"),
        _("Independent evaluations and follow-up of their recommendations."),
    ),
    Module(
        "mla",
        "mla:home",
        _("International cooperation"),
        _(
            "Draft, check and track requests for mutual legal assistance; networks, "
            "central-authority notices and e-evidence requests to providers."
        ),
    ),
    Module(
        "cases",
        "cases:dashboard",
        _("Cases"),
        _("Case management and detention follow-up for prosecutors."),
    ),
    Module(
        "prisons",
        "prisons:home",
        _("Prisons"),
        _("Risk and needs assessment of violent extremist prisoners."),
    ),
    Module(
        "screening",
        "screening:home",
        _("Screening"),
        _("Screening against the UN Security Council sanctions list."),
    ),
    Module("travel", "travel:home", _("Travel data"), _("API/PNR passenger data.")),
    Module(
        "learning", "learning:home", _("Learning"), _("The Counter-Terrorism Learning Platform.")
    ),
)


@dataclass(frozen=True)
class ModuleLink:
    title: str | Promise
    summary: str | Promise
    url: str


def platform_modules() -> list[ModuleLink]:
    links = []
    for module in MODULES:
        if not apps.is_installed(f"ctassist.{module.app_label}"):
            continue
        try:
            url = reverse(module.url_name)
        except NoReverseMatch:
            continue
        links.append(ModuleLink(module.title, module.summary, url))
    return links
