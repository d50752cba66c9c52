"""One cell: the status of a State for an instrument on a date, never claiming more than the
data show ("no record" is not "not party"), with the words for each status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, get_args

from django.utils import timezone
from django.utils.translation import gettext_lazy

from ctassist.core.errors import FieldProblem, InvalidInput
from ctassist.geo.models import State
from ctassist.treaties.rules import ActionKind, Basis
from ctassist.treaties.selectors.snapshot import HeldAction, InstrumentData

Status = Literal[
    "party",
    "party_undated",
    "effect_undated",
    "deposit_undated",
    "not_yet",
    "signatory",
    "denounced",
    "not_party",
    "no_record",
]

# The order of the legends, tables and map: the Literal above, read once.
STATUS_ORDER: tuple[Status, ...] = get_args(Status)


def _check_basis(basis: str) -> Basis:
    if basis not in ("deposit", "effective"):
        raise InvalidInput(
            f"Unknown basis {basis!r}: use 'deposit' or 'effective'",
            problems=[FieldProblem("basis", "must be deposit or effective")],
        )
    return basis  # type: ignore[return-value]


@dataclass(frozen=True)
class Cell:
    instrument: str
    status: Status
    action: str | None = None
    date: dt.date | None = None
    effective_date: dt.date | None = None
    complete_as_at: dt.date | None = None

    @property
    def party(self) -> bool | None:
        """True only when the records confirm it; "effect_undated" is unconfirmed (None)."""
        if self.status in ("party", "party_undated"):
            return True
        if self.status in ("not_yet", "denounced", "not_party"):
            return False
        if self.status == "signatory":
            return False if self.complete_as_at else None
        return None


def _start(held: HeldAction, basis: Basis) -> dt.date | None:
    if basis == "effective":
        return held.effective_date
    return held.date


def cell_status(item: InstrumentData, state: State, *, as_of: dt.date, basis: Basis) -> Cell:
    """Status of one State for one instrument on `as_of`, never claiming more than the data
    shows: no record reads "no record" unless the held list is known complete for the State."""
    code = item.instrument.code
    held = item.held.get(state.code, [])
    consents = [h for h in held if h.consent]
    denunciations = [h for h in held if h.kind == ActionKind.DENUNCIATION]
    if consents:
        consent = min(consents, key=lambda h: _start(h, basis) or dt.date.max)
        start = _start(consent, basis)
        ended = next(
            (
                d
                for d in denunciations
                if d.effective_date and start and start < d.effective_date <= as_of
            ),
            None,
        )
        if ended is not None:
            return Cell(code, "denounced", ended.kind, ended.date, ended.effective_date)
        if start is None and basis == "effective" and consent.date is not None:
            # The date of effect is not held. It never precedes the deposit: deposited after
            # `as_of`, not yet party then; deposited by then, party on a date of effect not
            # held — unconfirmed, never counted as bound.
            if consent.date > as_of:
                return Cell(code, "not_yet", consent.kind, consent.date, None)
            return Cell(code, "effect_undated", consent.kind, consent.date, None)
        if start is None:
            # Bound, but the date on this basis is not held (e.g. deposit date unknown).
            if consent.effective_date and consent.effective_date > as_of:
                # Took effect later; the deposit came before that, on a date not held, so
                # whether it had happened by `as_of` is unknown.
                return Cell(
                    code, "deposit_undated", consent.kind, consent.date, consent.effective_date
                )
            return Cell(code, "party_undated", consent.kind, consent.date, consent.effective_date)
        if start <= as_of:
            return Cell(code, "party", consent.kind, consent.date, consent.effective_date)
        return Cell(code, "not_yet", consent.kind, consent.date, consent.effective_date)
    signatures = [
        h
        for h in held
        if h.kind in ("signature", "succession_to_signature")
        and (h.date is None or h.date <= as_of)
    ]
    complete = item.known_complete_for(state, as_of)
    if signatures:
        return Cell(code, "signatory", signatures[0].kind, signatures[0].date, None, complete)
    if complete is not None:
        return Cell(code, "not_party", complete_as_at=complete)
    return Cell(code, "no_record")


def _today() -> dt.date:
    return timezone.localdate()


_STATUS_LABELS = {
    "party": gettext_lazy("party"),
    "party_undated": gettext_lazy("party (date not held)"),
    "effect_undated": gettext_lazy("party; date of effect not held"),
    "deposit_undated": gettext_lazy("deposited on a date not held (unknown on this date)"),
    "not_yet": gettext_lazy("not yet party on this date"),
    "signatory": gettext_lazy("signatory"),
    "denounced": gettext_lazy("denounced"),
    "not_party": gettext_lazy("not party"),
    "no_record": gettext_lazy("no record"),
}


def status_label(status: str) -> str:
    """Words for a status. "no record" is not "not party": the list held may be incomplete."""
    return str(_STATUS_LABELS[status])


Verdict = Literal["bound", "not_bound", "unconfirmed"]


@dataclass(frozen=True)
class Binding:
    """Whether an instrument bound each of some States on a date (effective basis): "bound" only
    when the records confirm it for every one, "not_bound" when they show one was not, else
    "unconfirmed" with each State's status to say why."""

    instrument: str
    title: str
    verdict: Verdict
    statuses: tuple[tuple[State, Status], ...]

    @property
    def reason(self) -> str:
        return "; ".join(
            f"{state.name}: {status_label(status)}"
            for state, status in self.statuses
            if status not in ("party", "party_undated")
        )


def binding(item: InstrumentData, states: list[State], *, on: dt.date) -> Binding:
    cells = [(state, cell_status(item, state, as_of=on, basis="effective")) for state in states]
    parties = [cell.party for _state, cell in cells]
    verdict: Verdict = (
        "bound"
        if all(party is True for party in parties)
        else "not_bound"
        if any(party is False for party in parties)
        else "unconfirmed"
    )
    return Binding(
        item.instrument.code,
        item.instrument.title,
        verdict,
        tuple((state, cell.status) for state, cell in cells),
    )
