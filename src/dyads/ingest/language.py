"""A cheap English check, so non-English articles are rejected with a reason instead of mis-coded.

The model, the dictionaries and the patterns are English; coding French or Arabic text with them
yields noise that looks like data. The check counts common English function words among the
first words of the text; it needs no model and runs in microseconds.
"""

from __future__ import annotations

import re

_FUNCTION_WORDS = frozenset(
    "the of and to in a is that for on with as by at from was were be has have had it its said "
    "this are an or not but which will would who their they he she his her after over more than".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def english_share(text: str, sample_words: int = 400) -> tuple[float, int]:
    """(share of English function words, number of words looked at) in the first words of `text`."""
    words = [w.lower() for w, _ in zip(_WORD.findall(text[:20000]), range(sample_words), strict=False)]
    if not words:
        return 0.0, 0
    return sum(w in _FUNCTION_WORDS for w in words) / len(words), len(words)


def not_english_reason(text: str, min_words: int = 25, min_share: float = 0.08) -> str | None:
    """A reason to reject `text` as not English, or None. Short texts are given the benefit of the doubt."""
    share, n = english_share(text)
    if n < min_words:
        return None
    if share < min_share:
        return f"not English: {share:.0%} English function words among the first {n} words (need {min_share:.0%})"
    return None
