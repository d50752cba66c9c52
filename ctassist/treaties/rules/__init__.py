"""Entry-into-force and party-status rules for the 19 instruments. Pure Python: no Django, no I/O.

Conventions (from ``shared/data/treaties/README.md``):

- "the Nth day after deposit" and "N days after deposit" are ``deposit + N`` calendar days;
- "first day of the second month following the deposit": any deposit in November gives 1 January;
- a succession is never computed from its deposit date: its published effective date is used;
- a denunciation ends party status on its published effective date (the day itself is no longer
  covered). ``instruments.csv`` gives no denunciation rule, so without a published effective date
  the end of party status is unknown and the functions answer ``None``.

Every function answers ``None`` ("unknown") rather than guessing when a needed fact is missing.

The modules: what the rules speak of (``definitions``: action kinds, offsets, thresholds,
``EifRule``, ``Action``), entry into force (``entry_into_force``: the threshold deposit, the
general date, each State's date) and party status (``party_status``: party on a date, periods,
Nth party, counts over time, party to all). Every public name is re-exported here, so callers
import from ``ctassist.treaties.rules``.
"""

from ctassist.treaties.rules.definitions import (
    CONSENT_KINDS,
    RATIFICATION_CLASS,
    SIGNATURE_KINDS,
    UNTYPED_CONSENT_KINDS,
    Action,
    ActionKind,
    Basis,
    Crossing,
    EifRule,
    GeneralOffset,
    GeneralOffsetKind,
    InstrumentParticipation,
    LaterStateOffset,
    LaterStateOffsetKind,
    PartyPeriod,
    ThresholdTerms,
    first_day_of_second_month,
    parse_threshold,
)
from ctassist.treaties.rules.entry_into_force import (
    general_eif_or_published,
    general_entry_into_force,
    state_effective_date,
    threshold_reached_by,
)
from ctassist.treaties.rules.party_status import (
    is_party,
    nth_party,
    parties_over_time,
    party_periods,
    party_to_all_order,
)

__all__ = [
    "CONSENT_KINDS",
    "RATIFICATION_CLASS",
    "SIGNATURE_KINDS",
    "UNTYPED_CONSENT_KINDS",
    "Action",
    "ActionKind",
    "Basis",
    "Crossing",
    "EifRule",
    "GeneralOffset",
    "GeneralOffsetKind",
    "InstrumentParticipation",
    "LaterStateOffset",
    "LaterStateOffsetKind",
    "PartyPeriod",
    "ThresholdTerms",
    "first_day_of_second_month",
    "general_eif_or_published",
    "general_entry_into_force",
    "is_party",
    "nth_party",
    "parse_threshold",
    "parties_over_time",
    "party_periods",
    "party_to_all_order",
    "state_effective_date",
    "threshold_reached_by",
]
