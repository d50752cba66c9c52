"""`ScreeningIndex`: every name of every entry, folded once, behind an inverted index of
blocking keys, so a query is scored against a few candidates, never the whole list.

Blocking keys per token (`names.Token.blocking_keys`): its Latin form, its consonant skeleton
(three letters or more) and its rigour name symbols. A query token also reaches the index
tokens within its typo budget (a rapidfuzz scan of the index's vocabulary of distinct tokens,
a few thousand strings even for a million names), and two adjacent query tokens reach the
token they make together. A name is a candidate when it shares keys with at least two query
tokens (one when the query or the name has only one); past `MAX_CANDIDATES`, the names
sharing the most query tokens, then the shortest, are kept.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import OSA

from ctassist.screening.entries import Entry, NameKind, Schema
from ctassist.screening.matching.names import Token, fold_name, token_info
from ctassist.screening.matching.scoring import (
    COMMON_WEIGHT,
    WEAK_EXACT,
    WEAK_FACTOR,
    NameScore,
    Weights,
    evidence,
    name_score,
)
from ctassist.screening.matching.types import Contribution, Match, Query

# Chosen on the evaluation set's dev seed (bench/screening_quality.py; docs/adr/0020).
DEFAULT_THRESHOLD = 0.75
MAX_CANDIDATES = 300
_Ids = npt.NDArray[np.int32]


def _typo_budget(length: int) -> int:
    return 0 if length <= 3 else 1 if length <= 6 else 2 if length <= 10 else 3


def _token_weights(names: list[tuple[Token, ...]]) -> Weights:
    """Inverse document frequency over the indexed names, scaled to [COMMON_WEIGHT, 1]: a
    part found in one name in 200 or rarer weighs 1.0; only the common ones are stored."""
    counts: Counter[str] = Counter(t.form for tokens in names for t in set(tokens))
    total = max(len(names), 1)
    rare = math.log(200.0)
    weights: Weights = {}
    for form, count in counts.items():
        idf = math.log(total / count)
        if idf < rare:
            weights[form] = COMMON_WEIGHT + (1.0 - COMMON_WEIGHT) * max(idf, 0.0) / rare
    return weights


class ScreeningIndex:
    """The names of a set of list entries, ready to search. Build once, search many times;
    safe to share between threads (searching changes nothing)."""

    def __init__(self) -> None:
        self._entries: list[Entry] = []
        self._name_entry: list[int] = []
        self._name_position: list[int] = []
        self._name_tokens: list[tuple[Token, ...]] = []
        self._postings: dict[str, _Ids] = {}
        self._vocabulary: list[str] = []
        self._token_counts: npt.NDArray[np.int16] = np.zeros(0, dtype=np.int16)
        self._weights: Weights = {}

    def __len__(self) -> int:
        return len(self._entries)

    @classmethod
    def build(cls, entries: Iterable[Entry]) -> ScreeningIndex:
        index = cls()
        postings: dict[str, list[int]] = defaultdict(list)
        token_counts: list[int] = []
        for entry in entries:
            entry_number = len(index._entries)
            index._entries.append(entry)
            organisation = entry.schema is Schema.ORGANIZATION
            seen: set[tuple[str, ...]] = set()
            for position, name in enumerate(entry.names):
                folded = fold_name(name.text, organisation=organisation)
                if not folded or folded in seen:
                    continue
                seen.add(folded)
                name_id = len(index._name_tokens)
                tokens = tuple(token_info(form) for form in folded)
                index._name_entry.append(entry_number)
                index._name_position.append(position)
                index._name_tokens.append(tokens)
                token_counts.append(len(tokens))
                keys = {key for token in tokens for key in token.blocking_keys}
                for key in keys:
                    postings[key].append(name_id)
        index._postings = {key: np.asarray(ids, dtype=np.int32) for key, ids in postings.items()}
        index._vocabulary = [key[2:] for key in index._postings if key.startswith("t:")]
        index._token_counts = np.asarray(token_counts, dtype=np.int16)
        index._weights = _token_weights(index._name_tokens)
        return index

    @property
    def names(self) -> int:
        """How many distinct name strings are indexed."""
        return len(self._name_tokens)

    def _token_arrays(self, token: Token) -> list[_Ids]:
        """The posting lists a query token reaches: its own keys and, within its typo budget,
        the vocabulary tokens near it."""
        arrays = [self._postings[key] for key in token.blocking_keys if key in self._postings]
        latin = token.latin
        budget = _typo_budget(len(latin))
        if budget and self._vocabulary:
            for found, _distance, _ in process.extract_iter(
                latin, self._vocabulary, scorer=OSA.distance, score_cutoff=budget
            ):
                if found != latin:
                    arrays.append(self._postings["t:" + found])
        return arrays

    def _candidates(self, tokens: tuple[Token, ...]) -> _Ids:
        groups = [arrays for token in tokens if (arrays := self._token_arrays(token))]
        for first, second in itertools.pairwise(tokens):
            joined = self._postings.get("t:" + first.latin + second.latin)
            if joined is not None:  # counts for both tokens
                groups += [[joined], [joined]]
        if not groups:
            return np.zeros(0, dtype=np.int32)
        total = sum(len(a) for arrays in groups for a in arrays)
        if total * 20 < len(self._name_tokens):
            # Few postings: each token's names once (np.unique), then count.
            merged = [np.unique(np.concatenate(arrays)) if len(arrays) > 1 else arrays[0]
                      for arrays in groups]  # fmt: skip
            hits = np.bincount(np.concatenate(merged))
        else:
            # Many (a common part in a million names): one flag array per token, summed.
            hits = np.zeros(len(self._name_tokens), dtype=np.uint8)
            for arrays in groups:
                seen = np.zeros(len(self._name_tokens), dtype=np.bool_)
                for array in arrays:
                    seen[array] = True
                hits += seen
        touched = np.flatnonzero(hits).astype(np.int32)
        counts = hits[touched]
        need = np.minimum(np.minimum(self._token_counts[touched], len(tokens)), 2)
        keep = counts >= need
        touched, counts = touched[keep], counts[keep]
        if len(touched) > MAX_CANDIDATES:
            order = np.lexsort((self._token_counts[touched], -counts.astype(np.int16)))
            touched = touched[order[:MAX_CANDIDATES]]
        return touched

    def search(
        self, query: Query, *, threshold: float = DEFAULT_THRESHOLD, limit: int = 10
    ) -> list[Match]:
        """The entries whose names match the query, best first, each scoring at least
        `threshold`, at most `limit` of them, with the explanation of every score."""
        folds: dict[Schema, tuple[Token, ...]] = {}
        for schema in (Schema.PERSON, Schema.ORGANIZATION):
            if query.schema in (None, schema):
                folded = fold_name(query.name, organisation=schema is Schema.ORGANIZATION)
                folds[schema] = tuple(token_info(form) for form in folded)
        tokens = {t.form: t for fold in folds.values() for t in fold}
        if not tokens or limit <= 0:
            return []
        listed = {form for form, t in tokens.items() if "t:" + (t.latin or form) in self._postings}
        best: dict[int, tuple[NameScore, float, int]] = {}
        for name_id in self._candidates(tuple(tokens.values())).tolist():
            entry_number = self._name_entry[name_id]
            entry = self._entries[entry_number]
            fold = folds.get(entry.schema)
            if fold is None:
                continue
            scored = name_score(fold, self._name_tokens[name_id], self._weights, listed)
            score = scored.score
            kind = entry.names[self._name_position[name_id]].kind
            if kind is NameKind.WEAK:
                score = min(score, WEAK_EXACT) if scored.exact else score * WEAK_FACTOR
            known = best.get(entry_number)
            if known is None or score > known[1]:
                best[entry_number] = (scored, score, name_id)
        matches: list[Match] = []
        for entry_number, (scored, score, name_id) in best.items():
            entry = self._entries[entry_number]
            final, found = evidence(query, entry, score)
            if final < threshold:
                continue
            name = entry.names[self._name_position[name_id]]
            explanation = _explain(query, name.text, name.kind, scored, score, found)
            matches.append(Match(entry, round(final, 4), name.text, explanation))
        matches.sort(key=lambda m: (-m.score, m.entry.ref))
        return matches[:limit]


def _explain(
    query: Query,
    entry_name: str,
    kind: NameKind,
    scored: NameScore,
    score: float,
    found: list[Contribution],
) -> tuple[Contribution, ...]:
    pairs = "; ".join(
        f"{q}={e}" if sim >= 1.0 else f"{q}≈{e} {sim:.2f}" for q, e, sim, _ in scored.pairs
    )
    parts = [
        Contribution(
            "name",
            round(scored.score, 4),
            "name_exact" if scored.exact else "name_parts",
            {"query": query.name, "entry": entry_name, "kind": kind.value, "pairs": pairs},
        )
    ]
    parts += [
        Contribution("name", round(sim, 4), reason, {"query": q, "entry": e})
        for q, e, sim, reason in scored.pairs
    ]
    if scored.order:
        parts.append(Contribution("name", round(scored.order, 4), "name_order", {"pairs": pairs}))
    parts += [Contribution("name", 0.0, "part_query_only", {"query": q}) for q in scored.query_only]
    parts += [Contribution("name", 0.0, "part_entry_only", {"entry": e}) for e in scored.entry_only]
    if score != scored.score:
        parts.append(
            Contribution(
                "name_quality", round(score - scored.score, 4), "weak_alias", {"entry": entry_name}
            )
        )
    return (*parts, *found)
