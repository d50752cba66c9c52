"""The 19 universal instruments against terrorism, what each depositary list holds, and the
treaty actions of States (signature, ratification, accession, … denunciation)."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ctassist.core.models import VersionedModel


class Instrument(models.Model):
    """One instrument, with every column of instruments.csv kept (sources included).
    Empty text / null date = not verified when the reference table was compiled."""

    code = models.CharField(max_length=30, unique=True)
    seq = models.PositiveSmallIntegerField(unique=True)
    short_name = models.CharField(max_length=120)
    full_title = models.CharField(max_length=400)
    adoption_date = models.DateField()
    adoption_place = models.CharField(max_length=100, blank=True)
    adopted_by = models.CharField(max_length=200, blank=True)
    depositary = models.CharField(max_length=300, blank=True)
    untc_mtdsg_no = models.CharField(max_length=20, blank=True)
    unts_registration_no = models.CharField(max_length=20, blank=True)
    eif_article = models.CharField(max_length=100, blank=True)
    eif_threshold = models.CharField(max_length=300, blank=True)
    eif_general_rule = models.CharField(max_length=400, blank=True)
    eif_general_offset_kind = models.CharField(max_length=40, blank=True)
    eif_general_offset_days = models.PositiveIntegerField(null=True, blank=True)
    eif_later_state_rule = models.CharField(max_length=400, blank=True)
    eif_later_state_offset_kind = models.CharField(max_length=40, blank=True)
    eif_later_state_offset_days = models.PositiveIntegerField(null=True, blank=True)
    eif_later_state_floor_is_general_eif = models.BooleanField(null=True, blank=True)
    entry_into_force_date = models.DateField(null=True, blank=True)
    relation = models.CharField(max_length=100, blank=True)
    related_instrument_ids = models.CharField(max_length=200, blank=True)
    sources = models.TextField(blank=True)
    verification_note = models.TextField(blank=True)

    class Meta:
        ordering = ["seq"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        """The short name in the user's language (from the translation catalogues)."""
        return gettext(self.short_name)

    @property
    def full_title_translated(self) -> str:
        return gettext(self.full_title)


class Coverage(models.Model):
    """What the held participation list for an instrument is known to cover (from the
    depositary lists' READMEs): the depositary's own party count and the alphabetical ranges of
    participants known to be complete as at a date."""

    class Scope(models.TextChoices):
        ALL = "all", _("whole list")
        RANGE = "range", _("alphabetical range")
        NONE = "none", _("no part known complete")

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="coverage")
    depositary_party_count = models.PositiveIntegerField(null=True, blank=True)
    depositary_count_as_at = models.DateField(null=True, blank=True)
    complete_scope = models.CharField(max_length=10, choices=Scope.choices)
    complete_from = models.CharField(max_length=100, blank=True)
    complete_to = models.CharField(max_length=100, blank=True)
    complete_as_at = models.DateField(null=True, blank=True)
    missing_note = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["instrument__seq", "id"]

    def __str__(self) -> str:
        return f"{self.instrument.code}: {self.complete_scope}"


class ParticipationAction(VersionedModel):
    """One treaty action by a State (or organisation) on an instrument, with its source."""

    class Kind(models.TextChoices):
        SIGNATURE = "signature", _("signature")
        SUCCESSION_TO_SIGNATURE = "succession_to_signature", _("succession to signature")
        RATIFICATION = "ratification", _("ratification")
        ACCESSION = "accession", _("accession")
        SUCCESSION = "succession", _("succession")
        ACCEPTANCE = "acceptance", _("acceptance")
        APPROVAL = "approval", _("approval")
        ADHERENCE = "adherence", _("adherence")
        CONSENT = "consent", _("consent to be bound (kind not stated)")
        DENUNCIATION = "denunciation", _("denunciation")

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="actions")
    state = models.ForeignKey("geo.State", on_delete=models.PROTECT, related_name="treaty_actions")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    date = models.DateField(null=True, blank=True, help_text=_("signature or deposit date"))
    effective_date = models.DateField(
        null=True, blank=True, help_text=_("date it took effect for the State, as published")
    )
    participant_name = models.CharField(max_length=200, help_text=_("name as the source has it"))
    source_url = models.URLField(max_length=600, blank=True)
    status_as_at = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)

    audit_reads: ClassVar[bool] = False  # public reference data

    class Meta(VersionedModel.Meta):
        ordering = ["instrument__seq", "state__name_en", "date"]
        indexes = [models.Index(fields=["instrument", "state"], name="treaty_action_inst_state")]

    def __str__(self) -> str:
        return f"{self.instrument.code} {self.state.code} {self.kind} {self.date or '?'}"


def action_label(kind: str | None) -> str:
    """An action kind in the user's language ("ratification" → "ratification", "التصديق")."""
    labels = dict(ParticipationAction.Kind.choices)
    return str(labels.get(kind or "", kind or ""))
