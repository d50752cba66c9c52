"""What the rules speak of: the kinds of treaty action, the entry-into-force offsets, the
threshold clause as read from ``eif_threshold``, an instrument's ``EifRule``, and the
``Action``, ``Crossing``, ``PartyPeriod`` and ``InstrumentParticipation`` the calculations take
and give. Pure Python: no Django, no I/O."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal


class ActionKind(StrEnum):
    SIGNATURE = "signature"
    SUCCESSION_TO_SIGNATURE = "succession_to_signature"
    RATIFICATION = "ratification"
    ACCESSION = "accession"
    SUCCESSION = "succession"
    ACCEPTANCE = "acceptance"
    APPROVAL = "approval"
    ADHERENCE = "adherence"
    DENUNCIATION = "denunciation"
    CONSENT = "consent"


SIGNATURE_KINDS: frozenset[ActionKind] = frozenset(
    {ActionKind.SIGNATURE, ActionKind.SUCCESSION_TO_SIGNATURE}
)
#: Kinds by which a State becomes bound. Signatures are not consent to be bound.
CONSENT_KINDS: frozenset[ActionKind] = frozenset(
    {
        ActionKind.RATIFICATION,
        ActionKind.ACCESSION,
        ActionKind.SUCCESSION,
        ActionKind.ACCEPTANCE,
        ActionKind.APPROVAL,
        ActionKind.ADHERENCE,
        ActionKind.CONSENT,
    }
)
#: Acceptance and approval have the legal effect of ratification (UNTC glossary).
RATIFICATION_CLASS: frozenset[ActionKind] = frozenset(
    {ActionKind.RATIFICATION, ActionKind.ACCEPTANCE, ActionKind.APPROVAL}
)
#: Consents whose instrument type is not known (or, for succession, not named by a threshold
#: clause that lists instrument types): they may or may not count toward such a threshold.
UNTYPED_CONSENT_KINDS: frozenset[ActionKind] = frozenset(
    {ActionKind.CONSENT, ActionKind.ADHERENCE, ActionKind.SUCCESSION}
)

Basis = Literal["deposit", "effective"]


class GeneralOffsetKind(StrEnum):
    DAYS_AFTER_DEPOSIT = "days_after_deposit"
    DAYS_AFTER_THRESHOLD = "days_after_threshold"
    FIRST_DAY_OF_SECOND_MONTH = "first_day_of_second_month"


class LaterStateOffsetKind(StrEnum):
    DAYS_AFTER_DEPOSIT = "days_after_deposit"
    FIRST_DAY_OF_SECOND_MONTH = "first_day_of_second_month"
    SAME_DAY = "same_day"


def first_day_of_second_month(day: dt.date) -> dt.date:
    """First day of the second month following ``day`` (any day of November -> 1 January)."""
    month_index = day.year * 12 + (day.month - 1) + 2
    return dt.date(month_index // 12, month_index % 12 + 1, 1)


@dataclass(frozen=True)
class GeneralOffset:
    """When the instrument enters into force, counted from the threshold-reaching deposit."""

    kind: GeneralOffsetKind
    days: int | None = None

    def __post_init__(self) -> None:
        _check_days(self.kind == GeneralOffsetKind.FIRST_DAY_OF_SECOND_MONTH, self.days)

    def apply(self, threshold_date: dt.date) -> dt.date:
        if self.kind == GeneralOffsetKind.FIRST_DAY_OF_SECOND_MONTH:
            return first_day_of_second_month(threshold_date)
        assert self.days is not None  # checked in __post_init__
        return threshold_date + dt.timedelta(days=self.days)


@dataclass(frozen=True)
class LaterStateOffset:
    """When the instrument takes effect for a State, counted from that State's deposit."""

    kind: LaterStateOffsetKind
    days: int | None = None

    def __post_init__(self) -> None:
        if self.kind == LaterStateOffsetKind.SAME_DAY:
            if self.days not in (None, 0):
                raise ValueError("same_day takes no day count (or 0)")
            return
        _check_days(self.kind == LaterStateOffsetKind.FIRST_DAY_OF_SECOND_MONTH, self.days)

    def apply(self, deposit: dt.date) -> dt.date:
        if self.kind == LaterStateOffsetKind.SAME_DAY:
            return deposit
        if self.kind == LaterStateOffsetKind.FIRST_DAY_OF_SECOND_MONTH:
            return first_day_of_second_month(deposit)
        assert self.days is not None  # checked in __post_init__
        return deposit + dt.timedelta(days=self.days)


def _check_days(calendar_month_kind: bool, days: int | None) -> None:
    if calendar_month_kind:
        if days is not None:
            raise ValueError("first_day_of_second_month takes no day count")
    elif days is None or days < 0:
        raise ValueError("a day-count offset needs a non-negative number of days")


@dataclass(frozen=True)
class ThresholdTerms:
    """What ``eif_threshold`` says, as far as it can be computed from a count of deposits."""

    count: int | None
    qualifying_kinds: frozenset[ActionKind]
    conditions: tuple[str, ...]


_SIMPLE_THRESHOLD = re.compile(
    r"(?P<count>\d+) instruments(?: of (?P<kinds>[a-z ,]+?))?(?P<signatories> by signatory States)?"
)
_KIND_WORDS: Mapping[str, frozenset[ActionKind]] = {
    "ratification": RATIFICATION_CLASS,
    "acceptance": frozenset({ActionKind.ACCEPTANCE}),
    "approval": frozenset({ActionKind.APPROVAL}),
    "accession": frozenset({ActionKind.ACCESSION}),
}
_LEADING_COUNT = re.compile(r"(\d+) ")
_SIGNATORY_COUNT = re.compile(r"\bof (\d+) signatory States\b")


def parse_threshold(text: str | None) -> ThresholdTerms:
    """Read ``eif_threshold``. Only "N instruments [of <kinds>] [by signatory States]" is fully
    computable; any other wording becomes a condition (kept verbatim) that blocks computation.

    "ratification" includes acceptance and approval (same legal effect). With no kinds named, every
    consent kind counts.
    """
    text = (text or "").strip()
    if not text:
        return ThresholdTerms(count=None, qualifying_kinds=frozenset(), conditions=())
    simple = _SIMPLE_THRESHOLD.fullmatch(text)
    if simple is not None:
        kinds = _threshold_kinds(simple.group("kinds"))
        if kinds is not None:
            return ThresholdTerms(int(simple.group("count")), kinds, conditions=())
    count_match = _LEADING_COUNT.match(text) or _SIGNATORY_COUNT.search(text)
    count = int(count_match.group(1)) if count_match else None
    return ThresholdTerms(count=count, qualifying_kinds=frozenset(), conditions=(text,))


def _threshold_kinds(words: str | None) -> frozenset[ActionKind] | None:
    if words is None:
        return CONSENT_KINDS
    kinds: set[ActionKind] = set()
    for word in re.split(r", | or ", words):
        known = _KIND_WORDS.get(word.strip())
        if known is None:
            return None
        kinds |= known
    return frozenset(kinds)


@dataclass(frozen=True)
class EifRule:
    """An instrument's entry-into-force rule. ``None`` parts were not verified.

    ``conditions`` holds threshold terms that cannot be computed from a count of deposits (e.g.
    "two thirds of the CPPNM parties", "5 producer States", "not before SUA 1988 is in force").
    When there are any, the general entry into force is known only from ``published_general_eif``.
    """

    instrument_id: str
    threshold_count: int | None = None
    qualifying_kinds: frozenset[ActionKind] = CONSENT_KINDS
    general_offset: GeneralOffset | None = None
    later_state_offset: LaterStateOffset | None = None
    floor_is_general_eif: bool | None = None
    conditions: tuple[str, ...] = ()
    published_general_eif: dt.date | None = None

    def __post_init__(self) -> None:
        if self.threshold_count is not None and self.threshold_count < 1:
            raise ValueError("threshold_count must be at least 1")
        if not self.qualifying_kinds <= CONSENT_KINDS:
            raise ValueError("qualifying_kinds must be consent kinds")

    @property
    def general_eif_computable(self) -> bool:
        """True when the general entry into force follows from deposit dates alone."""
        return (
            self.threshold_count is not None
            and self.general_offset is not None
            and not self.conditions
            and bool(self.qualifying_kinds)
        )


@dataclass(frozen=True)
class Action:
    """One treaty action. ``state`` is the ISO3 code, or the name for an organisation."""

    state: str
    kind: ActionKind
    date: dt.date | None = None
    effective_date: dt.date | None = None  # as published; never computed


@dataclass(frozen=True)
class Crossing:
    """The Nth State in an ordering and the date it got there.

    ``tied_states`` are all States on that date that could be the Nth; ``state`` is ``None`` when
    there is more than one (the sources give no time of day).
    """

    state: str | None
    date: dt.date
    tied_states: tuple[str, ...]


@dataclass(frozen=True)
class PartyPeriod:
    """A State is a party from ``start`` (inclusive) until ``end`` (exclusive; ``None``: open)."""

    start: dt.date
    end: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class InstrumentParticipation:
    """Everything needed to place States on one instrument's timeline."""

    rule: EifRule
    actions: tuple[Action, ...]
    general_eif: dt.date | None
    threshold_date: dt.date | None = None
