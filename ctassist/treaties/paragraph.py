"""The report paragraph on treaty adherence (¶7 of the 2020 report) for any two dates, written
in the active language through the translation catalogues."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.lists import format_list
from django.utils.translation import get_language, gettext, ngettext, pgettext

from ctassist.treaties.selectors import PeriodChanges

BABEL_LOCALE = {"en": "en_GB", "fr": "fr", "es": "es", "ru": "ru", "ar": "ar", "zh-hans": "zh_Hans"}


def babel_locale() -> str:
    return BABEL_LOCALE.get((get_language() or "en").lower(), "en_GB")


def long_date(day: dt.date) -> str:
    return format_date(day, format="long", locale=babel_locale())


def _list(items: list[str]) -> str:
    return format_list(items, locale=babel_locale()) if items else ""


def ordinal(n: int) -> str:
    """UN editorial style spells ordinals in words ("third", "fourth")."""
    words = {
        1: pgettext("ordinal", "first"),
        2: pgettext("ordinal", "second"),
        3: pgettext("ordinal", "third"),
        4: pgettext("ordinal", "fourth"),
        5: pgettext("ordinal", "fifth"),
        6: pgettext("ordinal", "sixth"),
        7: pgettext("ordinal", "seventh"),
        8: pgettext("ordinal", "eighth"),
        9: pgettext("ordinal", "ninth"),
        10: pgettext("ordinal", "tenth"),
    }
    return words.get(n, f"{n}.")


def period_paragraph(changes: PeriodChanges, *, instruments_total: int = 19) -> list[str]:
    """Sentences of the paragraph, first the findings, then what the data's coverage limits."""
    findings, caveats = period_paragraph_parts(changes, instruments_total=instruments_total)
    return findings + caveats


def period_paragraph_parts(
    changes: PeriodChanges, *, instruments_total: int = 19
) -> tuple[list[str], list[str]]:
    """(the findings, what the records' coverage limits): the report prints the findings and
    puts the caveats in a note for its editor; the period page shows both."""
    caveats: list[str] = []
    sentences: list[str] = []
    names = [item.state.name for item in changes.states]
    period = {"start": long_date(changes.start), "end": long_date(changes.end)}
    if names:
        sentences.append(
            ngettext(
                "From %(start)s to %(end)s, the following State became party to one or more "
                "international legal instruments related to terrorism: %(states)s.",
                "From %(start)s to %(end)s, the following States became party to one or more "
                "international legal instruments related to terrorism: %(states)s.",
                len(names),
            )
            % {**period, "states": _list(names)}
        )
    else:
        sentences.append(
            gettext(
                "The records held show no State becoming party to an international legal "
                "instrument related to terrorism from %(start)s to %(end)s."
            )
            % period
        )
    possible = [item.state.name for item in changes.possible]
    if possible:
        caveats.append(
            ngettext(
                "For %(states)s, an instrument took effect in the period, but the date of deposit "
                "is not held, so whether the deposit fell in the period cannot be confirmed.",
                "For %(states)s, an instrument took effect in the period, but the dates of deposit "
                "are not held, so whether the deposits fell in the period cannot be confirmed.",
                len(possible),
            )
            % {"states": _list(possible)}
        )
    completed = changes.full_adherence
    if len(completed) == 1:
        entry = completed[0]
        sentences.append(
            gettext(
                "%(state)s became the %(ordinal)s State in the world to become party to all "
                "%(total)s international legal instruments against terrorism."
            )
            % {
                "state": entry.state.name,
                "ordinal": ordinal(entry.rank or 0),
                "total": instruments_total,
            }
        )
    elif completed:
        sentences.append(
            gettext(
                "%(states)s became, respectively, the %(ordinals)s States in the world to become "
                "party to all %(total)s international legal instruments against terrorism."
            )
            % {
                "states": _list([e.state.name for e in completed]),
                "ordinals": _list([ordinal(e.rank or 0) for e in completed]),
                "total": instruments_total,
            }
        )
    else:
        caveats.append(
            gettext(
                "The records held do not show any State completing all %(total)s instruments in "
                "the period; because the participation records are incomplete, this is not "
                "evidence that none did."
            )
            % {"total": instruments_total}
        )
    for status in changes.thresholds:
        count = status.parties_at_entry_into_force or status.threshold_count
        by = status.threshold.state if status.threshold else None
        last = status.last_dated_deposit_at_eif
        state_name = (last.state.name if last else by) or "?"
        sentences.append(
            gettext(
                "With the ratification by %(state)s of the %(instrument)s, the instrument has been "
                "ratified by %(count)s States parties, the number required for it to enter into "
                "force."
            )
            % {"state": state_name, "instrument": status.instrument.title, "count": count}
        )
    caveats.append(
        gettext(
            "These findings rest on the participation records held, which cover only part of the "
            "depositaries' lists; see the coverage of each instrument."
        )
    )
    return sentences, caveats


def _named(names: list[str], limit: int = 5) -> str:
    """Up to `limit` names, then "and N others"."""
    if len(names) <= limit:
        return _list(names)
    rest = len(names) - limit
    more = ngettext("%(n)s other", "%(n)s others", rest) % {"n": rest}
    return _list([*names[:limit], more])


def basis_explanation(changes: PeriodChanges, other: PeriodChanges) -> list[str]:
    """Why the paragraph names the States it does, for the reader beside it (not in it): a
    State counts on a basis only when its date on that basis is held, and the other basis may
    count others. `other` is the same period on the other basis."""
    deposit, effective = (changes, other) if changes.basis == "deposit" else (other, changes)
    undated = sorted(
        item.state.name
        for item in effective.states
        if any(a.date is None for a in item.actions)
        and item.state.code not in {s.state.code for s in deposit.states}
    )
    sentences = [
        ngettext(
            "Counted on the date of deposit, the records name %(n)s State: a deposit counts only "
            "when its date is held.",
            "Counted on the date of deposit, the records name %(n)s States: a deposit counts "
            "only when its date is held.",
            len(deposit.states),
        )
        % {"n": len(deposit.states)},
        ngettext(
            "Counted on the date an instrument took effect, they name %(n)s State.",
            "Counted on the date an instrument took effect, they name %(n)s States.",
            len(effective.states),
        )
        % {"n": len(effective.states)},
    ]
    if undated:
        sentences.append(
            ngettext(
                "The difference: for %(states)s the records give only the date the instrument "
                "took effect (a depositary's list of parties at its entry into force, for "
                "example), not the date of deposit, so that State counts on the second basis "
                "and not on the first.",
                "The difference: for %(states)s the records give only the date the instrument "
                "took effect (a depositary's list of parties at its entry into force, for "
                "example), not the dates of deposit, so these States count on the second basis "
                "and not on the first.",
                len(undated),
            )
            % {"states": _named(undated)}
        )
    return sentences
