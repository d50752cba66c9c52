"""Reads for treaties: the questions officials ask, answered from the held records by the rule
engine (`ctassist.treaties.rules`), with the coverage of the data stated beside every conclusion.

Everything is computed from one snapshot of the database (three queries), so a whole matrix or a
period query costs the same few queries whatever its size. The modules: the snapshot
(`snapshot`), one State and instrument on a date (`cells`), what the States adhere to
(`adherence`: a State's profile, party to all, the regional matrix), an instrument's status
(`instruments`) and the changes in a period (`changes`). Every public name is re-exported
here, so callers import from `ctassist.treaties.selectors`.
"""

from ctassist.treaties.selectors.adherence import (
    FullAdherence,
    FullAdherenceResult,
    Matrix,
    StateProfile,
    adherence_matrix,
    full_adherence,
    state_profile,
)
from ctassist.treaties.selectors.bindings import bindings_on, records_as_at
from ctassist.treaties.selectors.cells import (
    STATUS_ORDER,
    Binding,
    Cell,
    Status,
    binding,
    cell_status,
    status_label,
)
from ctassist.treaties.selectors.changes import (
    PeriodAction,
    PeriodChanges,
    PeriodState,
    period_changes,
)
from ctassist.treaties.selectors.instruments import (
    InstrumentStatus,
    PartyRow,
    instrument_status,
)

# The snapshot cache is re-exported as well: tests and bench/ clear it to measure a cold start.
from ctassist.treaties.selectors.snapshot import _SNAPSHOT_CACHE as _SNAPSHOT_CACHE
from ctassist.treaties.selectors.snapshot import (
    HeldAction,
    InstrumentData,
    TreatySnapshot,
    eif_rule_for,
    treaty_snapshot,
)

__all__ = [
    "STATUS_ORDER",
    "Binding",
    "Cell",
    "FullAdherence",
    "FullAdherenceResult",
    "HeldAction",
    "InstrumentData",
    "InstrumentStatus",
    "Matrix",
    "PartyRow",
    "PeriodAction",
    "PeriodChanges",
    "PeriodState",
    "StateProfile",
    "Status",
    "TreatySnapshot",
    "adherence_matrix",
    "binding",
    "bindings_on",
    "cell_status",
    "eif_rule_for",
    "full_adherence",
    "instrument_status",
    "period_changes",
    "records_as_at",
    "state_profile",
    "status_label",
    "treaty_snapshot",
]
