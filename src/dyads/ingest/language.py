"""The English check, so non-English articles are rejected with a reason instead of mis-coded.

The model, the dictionaries and the patterns are English; coding French or Arabic text with them
yields noise that looks like data. lingua (lingua-language-detector) decides; the older check, the
share of common English function words among the first words, stays as `rules_reason` (for the
comparison in `dyads eval ingest`, and if lingua cannot be imported). It missed every non-English
text under 25 words and half of the non-English paragraphs of the evaluation (docs/ingest.md).
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


def rules_reason(text: str, min_words: int = 25, min_share: float = 0.08) -> str | None:
    """A reason to reject `text` as not English by the function-word share, or None. Short texts are given
    the benefit of the doubt."""
    share, n = english_share(text)
    if n < min_words:
        return None
    if share < min_share:
        return f"not English: {share:.0%} English function words among the first {n} words (need {min_share:.0%})"
    return None


LINGUA_SAMPLE_CHARS = 2000
"""How much of a text lingua reads: the language of an article shows in its first paragraphs."""

LINGUA_MIN_CHARS = 60
"""Shorter texts (a headline) in the Latin script get the benefit of the doubt: lingua's low-accuracy mode
mistook 10 of 40 English headlines for another language (docs/ingest.md), and no English text of 60
characters or more. A short text mostly in another script (Cyrillic, Arabic, Chinese, ...) is looked at."""


def latin_share(text: str) -> float:
    """The share of the letters of `text` that are basic Latin (A-Z, a-z); 1.0 for a text without letters."""
    letters = [c for c in text if c.isalpha()]
    return sum(c.isascii() for c in letters) / len(letters) if letters else 1.0

_detector = None


def _lingua():
    """lingua's detector over every language it knows, low-accuracy mode, built once per process.

    Low accuracy: 124 MB of models instead of 1.1 GB, and as right as high accuracy on every text
    of at least a sentence in `dyads eval ingest` (the high mode helps only with headlines).
    """
    global _detector
    if _detector is None:
        from lingua import LanguageDetectorBuilder

        _detector = LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()
    return _detector


def lingua_reason(text: str) -> str | None:
    """A reason to reject `text` as not English by lingua, or None (English, too short to tell, or no
    language recognised)."""
    sample = text[:LINGUA_SAMPLE_CHARS].strip()
    if len(sample) < LINGUA_MIN_CHARS and latin_share(sample) >= 0.5:
        return None
    from lingua import Language

    found = _lingua().detect_language_of(sample)
    if found is None or found == Language.ENGLISH:
        return None
    return f"not English: the text reads as {found.name.title()} (lingua, first {len(sample):,} characters)"


PLAIN_ENGLISH_WORDS = 30
PLAIN_ENGLISH_SHARE = 0.20
"""A text of at least this many words of which at least this share are English function words is plainly
English and lingua is not asked: in `dyads eval ingest` every English text of 30 words or more has a share of
0.24 or more and no other-language text over 0.11. lingua's first detection in a process costs about
0.5 s of CPU (its models load), a sixth of a cold `dyads code` of one article."""


def not_english_reason(text: str) -> str | None:
    """A reason to reject `text` as not English, or None: plainly English by its function words, else
    lingua's verdict where it is installed (it is a dependency), else the function-word share alone.
    lingua rejected 45 of 48 non-English sentences and paragraphs of the evaluation, the function
    words 13 (docs/ingest.md)."""
    share, n = english_share(text)
    if n >= PLAIN_ENGLISH_WORDS and share >= PLAIN_ENGLISH_SHARE:
        return None
    try:
        return lingua_reason(text)
    except ImportError:
        return rules_reason(text)
