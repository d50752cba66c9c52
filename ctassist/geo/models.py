"""States, the other participants in treaty records, and UN M49 regions, named in six languages."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ctassist.core.models import VersionedModel

# The six UN languages, as Django language codes, with the column suffix each name uses.
NAME_LANGUAGES: tuple[tuple[str, str], ...] = (
    ("ar", "ar"),
    ("zh-hans", "zh"),
    ("en", "en"),
    ("fr", "fr"),
    ("ru", "ru"),
    ("es", "es"),
)


def _suffix_for_active_language() -> str:
    language = (get_language() or "en").lower()
    for code, suffix in NAME_LANGUAGES:
        if language == code or language.split("-")[0] == code.split("-")[0]:
            return suffix
    return "en"


class SixNames(models.Model):
    name_ar = models.CharField(max_length=120, blank=True)
    name_zh = models.CharField(max_length=120, blank=True)
    name_en = models.CharField(max_length=120)
    name_fr = models.CharField(max_length=120, blank=True)
    name_ru = models.CharField(max_length=120, blank=True)
    name_es = models.CharField(max_length=120, blank=True)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        """The name in the active language; the English name where CLDR has none."""
        return str(getattr(self, f"name_{_suffix_for_active_language()}") or self.name_en)

    def names(self) -> dict[str, str]:
        return {code: str(getattr(self, f"name_{suffix}")) for code, suffix in NAME_LANGUAGES}


class Region(SixNames):
    """A UN M49 region (Africa), sub-region (Sub-Saharan Africa) or intermediate region
    (Western Africa)."""

    class Level(models.TextChoices):
        REGION = "region", _("region")
        SUBREGION = "subregion", _("sub-region")
        INTERMEDIATE = "intermediate", _("intermediate region")

    m49 = models.CharField(max_length=3, unique=True)
    level = models.CharField(max_length=12, choices=Level.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["m49"]

    def __str__(self) -> str:
        return self.name


class State(SixNames, VersionedModel):
    """A participant in the platform's records: UN Member State, observer State, another State
    that takes part in treaties (Cook Islands, Niue), a former State (USSR) or an organisation
    (EURATOM). `code` is the ISO 3166-1 alpha-3 code, or a stable identifier for organisations."""

    class Kind(models.TextChoices):
        MEMBER = "member", _("UN Member State")
        OBSERVER = "observer", _("Observer State")
        OTHER = "other", _("Other State or territory")
        FORMER = "former", _("Former State")
        ORGANISATION = "organisation", _("International organisation")

    code = models.CharField(max_length=12, unique=True)
    iso2 = models.CharField(max_length=2, blank=True)
    iso3 = models.CharField(max_length=3, blank=True)
    m49 = models.CharField(max_length=3, blank=True)
    kind = models.CharField(max_length=12, choices=Kind.choices, db_index=True)
    official_name_en = models.CharField(max_length=200, blank=True)
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subregion = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    intermediate_region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name_source = models.CharField(max_length=200, blank=True)

    class Meta(VersionedModel.Meta):
        ordering = ["name_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["iso3"], condition=~models.Q(iso3=""), name="geo_state_unique_iso3"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class StateAlias(models.Model):
    """Another name under which a source refers to a State ("Turkey", "Swaziland")."""

    state = models.ForeignKey(State, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200)
    normalized = models.CharField(max_length=200, unique=True)
    source = models.CharField(max_length=100)

    class Meta:
        ordering = ["normalized"]

    def __str__(self) -> str:
        return self.alias
