"""UN editorial rules for numbers."""

from __future__ import annotations

from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from ctassist.reports.editorial import more_than, number_text, per_cent, rounded_down


def test_small_numbers_in_words_and_large_with_separators():
    with translation.override("en"):
        assert number_text(7) == "seven"
        assert number_text(1500) == "1,500"
        assert more_than(163) == "more than 150"
        assert more_than(3214) == "more than 3,200"
        assert more_than(150) == "more than 100"
        assert more_than(4) == "four"
        assert per_cent(26.6) == "27 per cent"
        assert per_cent(26.5) == "27 per cent"  # a half rounds up, not to the even 26
        assert per_cent(27.517) == "28 per cent"
    with translation.override("fr"):
        assert number_text(3) == "trois"


@given(st.integers(min_value=10, max_value=10_000_000))
def test_more_than_is_always_below_and_round(value):
    floor = rounded_down(value)
    assert 0 <= floor < value
    step = 10 if value < 100 else 50 if value < 1_000 else 100 if value < 10_000 else 1_000
    assert floor % step == 0 and value - floor <= step
