"""The in-process name matcher for sanctions screening (issue 18, "Matching").

Build a `ScreeningIndex` from the entries of the current list versions, keep it in memory,
and `search` it with a `Query`; each `Match` says why it scored what it did (`Contribution`s
whose reason codes are listed, in English, in `REASONS`).

Pure Python on rigour (name symbols, org types, metaphone, typo cost), rapidfuzz (edit
distances) and anyascii (Arabic-script skeletons); no Django. Design and evaluation:
docs/adr/0020-screening-name-matcher.md, bench/screening_quality.py.

`DEFAULT_THRESHOLD` was chosen on the dev seed of the evaluation set built from the UN list
(bench/screening_evalset.py) and reported on the test seed: see the ADR for the figures.
"""

from ctassist.screening.matching.index import DEFAULT_THRESHOLD, ScreeningIndex
from ctassist.screening.matching.reasons import REASONS
from ctassist.screening.matching.types import Contribution, Match, Query

__all__ = ["DEFAULT_THRESHOLD", "REASONS", "Contribution", "Match", "Query", "ScreeningIndex"]
