"""The treaty snapshot: instruments, coverage and every held action loaded in three queries,
with the dates the rule engine (`ctassist.treaties.rules`) derives from them, cached until the
data change. Every question in this package is answered from it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Max

from ctassist.core.errors import NotFound
from ctassist.geo.models import State
from ctassist.geo.selectors import normalize_name
from ctassist.treaties.models import Coverage, Instrument, ParticipationAction
from ctassist.treaties.records import InstrumentRecord, eif_rule_from_record
from ctassist.treaties.rules import (
    CONSENT_KINDS,
    Action,
    ActionKind,
    Crossing,
    EifRule,
    GeneralOffsetKind,
    InstrumentParticipation,
    LaterStateOffsetKind,
    state_effective_date,
    threshold_reached_by,
)


def eif_rule_for(instrument: Instrument) -> EifRule:
    """The instrument's rule, built by the same function that reads instruments.csv."""
    record = InstrumentRecord(
        filename="database",
        line=0,
        seq=instrument.seq,
        id=instrument.code,
        short_name=instrument.short_name,
        full_title=instrument.full_title,
        adoption_date=instrument.adoption_date,
        adoption_place=instrument.adoption_place,
        adopted_by=instrument.adopted_by or None,
        depositary=instrument.depositary,
        untc_mtdsg_no=instrument.untc_mtdsg_no or None,
        unts_registration_no=instrument.unts_registration_no or None,
        eif_article=instrument.eif_article or None,
        eif_threshold=instrument.eif_threshold or None,
        eif_general_rule=instrument.eif_general_rule or None,
        eif_general_offset_kind=(
            GeneralOffsetKind(instrument.eif_general_offset_kind)
            if instrument.eif_general_offset_kind
            else None
        ),
        eif_general_offset_days=instrument.eif_general_offset_days,
        eif_later_state_rule=instrument.eif_later_state_rule or None,
        eif_later_state_offset_kind=(
            LaterStateOffsetKind(instrument.eif_later_state_offset_kind)
            if instrument.eif_later_state_offset_kind
            else None
        ),
        eif_later_state_offset_days=instrument.eif_later_state_offset_days,
        eif_later_state_floor_is_general_eif=instrument.eif_later_state_floor_is_general_eif,
        entry_into_force_date=instrument.entry_into_force_date,
        relation=instrument.relation or None,
        related_instrument_ids=tuple(filter(None, instrument.related_instrument_ids.split(";"))),
        sources=tuple(filter(None, instrument.sources.split(" | "))),
        verification_note=instrument.verification_note or None,
    )
    return eif_rule_from_record(record)


@dataclass(frozen=True)
class HeldAction:
    """A stored action with what the engine derives from it."""

    state: str
    kind: str
    date: dt.date | None
    effective_date: dt.date | None  # published, else computed, else None
    effective_published: bool
    source_url: str
    note: str
    consent: bool  # an expression of consent to be bound (not a signature)


@dataclass
class InstrumentData:
    instrument: Instrument
    rule: EifRule
    coverage: list[Coverage]
    actions: list[Action]
    held: dict[str, list[HeldAction]]
    general_eif_published: dt.date | None
    general_eif_computed: dt.date | None
    threshold: Crossing | None

    @property
    def held_parties(self) -> int:
        """How many States the records held show as having consented to be bound."""
        return sum(1 for held in self.held.values() if any(h.consent for h in held))

    @property
    def depositary_coverage(self) -> Coverage | None:
        """The coverage row with the depositary's own count of parties, if one is recorded."""
        return next((c for c in self.coverage if c.depositary_party_count), None)

    @property
    def complete_coverage(self) -> Coverage | None:
        """The coverage row saying the list held is complete for every participant, if any."""
        return next((c for c in self.coverage if c.complete_scope == "all"), None)

    @property
    def general_eif(self) -> dt.date | None:
        return self.general_eif_published or self.general_eif_computed

    @property
    def general_eif_observed(self) -> dt.date | None:
        """The earliest published date on which the instrument took effect for any State:
        evidence of the general entry into force from the records themselves."""
        dates = [
            h.effective_date
            for held in self.held.values()
            for h in held
            if h.effective_published and h.effective_date and h.consent
        ]
        return min(dates, default=None)

    @property
    def participation(self) -> InstrumentParticipation:
        return InstrumentParticipation(
            rule=self.rule,
            actions=tuple(self.actions),
            general_eif=self.general_eif,
            threshold_date=self.threshold_date,
        )

    @property
    def threshold_date(self) -> dt.date | None:
        """The date the threshold was reached, when the held deposits show it: not when they
        give a general entry into force other than the published one (the list held is partial,
        so its Nth deposit is not the real Nth, and deposits before it are not all "early")."""
        if self.threshold is None:
            return None
        published, computed = self.general_eif_published, self.general_eif_computed
        if published is not None and computed is not None and computed != published:
            return None
        return self.threshold.date

    def known_complete_for(self, state: State, as_of: dt.date) -> dt.date | None:
        """The date as at which the held list is complete for this State, if one covers
        `as_of`; else None (absence of a record then proves nothing)."""
        key = normalize_name(state.name_en)
        if state.kind in (State.Kind.FORMER, State.Kind.ORGANISATION):
            return None  # depositaries record former States and organisations in footnotes
        for item in self.coverage:
            if item.complete_as_at is None or as_of > item.complete_as_at:
                continue
            if item.complete_scope == Coverage.Scope.ALL:
                return item.complete_as_at
            if item.complete_scope == Coverage.Scope.RANGE:
                low = normalize_name(item.complete_from)
                high = normalize_name(item.complete_to) + "\uffff"
                if low <= key <= high:
                    return item.complete_as_at
        return None


@dataclass
class TreatySnapshot:
    instruments: list[InstrumentData]
    states: dict[str, State]

    def instrument(self, code: str) -> InstrumentData:
        for item in self.instruments:
            if item.instrument.code == code.upper():
                return item
        raise NotFound(
            f"No instrument {code!r}; use one of "
            f"{', '.join(i.instrument.code for i in self.instruments)}"
        )


_SNAPSHOT_CACHE: dict[str, tuple[tuple[object, ...], TreatySnapshot]] = {}


def _data_stamp() -> tuple[object, ...]:
    """What identifies the treaty data: counts and latest changes of the tables a snapshot
    reads. Any create, update or delete (and a rollback of one) changes or restores it."""
    return (
        connection.alias,
        connection.settings_dict["NAME"],
        *ParticipationAction.objects.aggregate(
            n=Count("id"), last=Max("updated_at"), top=Max("id")
        ).values(),
        *Coverage.objects.aggregate(n=Count("id"), top=Max("id")).values(),
        *Instrument.objects.aggregate(n=Count("id"), top=Max("id")).values(),
        *State.objects.aggregate(n=Count("id"), last=Max("updated_at")).values(),
    )


def treaty_snapshot() -> TreatySnapshot:
    """The snapshot for the current data, rebuilt only when the data changed (one aggregate
    query per table to check), so pages and API calls reuse the derived dates."""
    stamp = _data_stamp()
    cached = _SNAPSHOT_CACHE.get("snapshot")
    if cached is not None and cached[0] == stamp:
        return cached[1]
    snapshot = _treaty_snapshot_build()
    _SNAPSHOT_CACHE["snapshot"] = (stamp, snapshot)
    return snapshot


def _treaty_snapshot_build() -> TreatySnapshot:
    """Load instruments, coverage and every action (three queries) and derive dates."""
    instruments = list(Instrument.objects.order_by("seq"))
    coverage: dict[int, list[Coverage]] = defaultdict(list)
    for fact in Coverage.objects.order_by("id"):
        coverage[fact.instrument_id].append(fact)
    rows = ParticipationAction.objects.values_list(
        "instrument_id", "state__code", "kind", "date", "effective_date", "source_url", "note"
    )
    raw: dict[int, list[tuple[str, str, dt.date | None, dt.date | None, str, str]]] = defaultdict(
        list
    )
    for instrument_id, code, kind, date, effective, source, note in rows:
        raw[instrument_id].append((code, kind, date, effective, source, note))
    states = {s.code: s for s in State.objects.all()}
    data = []
    for instrument in instruments:
        rule = eif_rule_for(instrument)
        actions = [
            Action(state=code, kind=ActionKind(kind), date=date, effective_date=effective)
            for code, kind, date, effective, _source, _note in raw[instrument.pk]
        ]
        threshold = threshold_reached_by(rule=rule, actions=actions)
        computed = None
        if rule.general_eif_computable and threshold and rule.general_offset:
            computed = rule.general_offset.apply(threshold.date)
        item = InstrumentData(
            instrument=instrument,
            rule=rule,
            coverage=coverage[instrument.pk],
            actions=actions,
            held={},
            general_eif_published=instrument.entry_into_force_date,
            general_eif_computed=computed,
            threshold=threshold,
        )
        for action, (code, kind, date, effective, source, note) in zip(
            actions, raw[instrument.pk], strict=True
        ):
            derived = effective
            if derived is None and action.kind in CONSENT_KINDS:
                derived = state_effective_date(
                    rule=rule,
                    action=action,
                    general_eif=item.general_eif,
                    threshold_date=item.threshold_date,
                )
            item.held.setdefault(code, []).append(
                HeldAction(
                    state=code,
                    kind=kind,
                    date=date,
                    effective_date=derived,
                    effective_published=effective is not None,
                    source_url=source,
                    note=note,
                    consent=action.kind in CONSENT_KINDS,
                )
            )
        data.append(item)
    return TreatySnapshot(instruments=data, states=states)
