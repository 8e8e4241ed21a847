"""Pair quotation marks in raw article text into quoted stretches.

Why plain text and not tokens: quote marks are typography, and news typography has conventions the
parser knows nothing about. A quotation that runs over several paragraphs opens every paragraph
with a mark but closes only the last one; straight marks (") do not say whether they open or
close; some papers write them as two apostrophes (''); wire copy sometimes drops a closing mark.
Pairing is done here once, on characters, so every later step can ask "is this offset inside a
quotation?".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

OPENING = "\u201c"  # “
CLOSING = "\u201d"  # ”
STRAIGHT = '"'
DOUBLED = "''"
MARKS = OPENING + CLOSING + STRAIGHT

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n(?=\s*\S)")


@dataclass(frozen=True)
class Quoted:
    """One quoted stretch: `start`/`end` delimit the words between the marks.

    `open_at`/`close_at` are the offsets of the marks themselves (`close_at` is None when the
    quotation was never closed and ends at a paragraph end). `pieces` are the (start, end)
    stretches of each paragraph of a quotation that runs over several paragraphs.
    """

    start: int
    end: int
    open_at: int
    close_at: int | None
    pieces: tuple[tuple[int, int], ...]


def _opens(text: str, i: int) -> bool:
    """Whether a straight mark at `i` looks like an opening one (space or start before it)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or before in "([{\u2014\u2013-/":
        return True
    if after.isspace() or after in ",.;:!?)]}":
        return False
    return not before.isalnum()


def _paragraph_end(text: str, i: int) -> int:
    """Offset of the line break that ends the paragraph holding `i` (or the text end)."""
    j = text.find("\n", i)
    return len(text) if j < 0 else j


def _next_paragraph_opens(text: str, line_end: int) -> int | None:
    """Offset of the opening mark that starts the next paragraph after `line_end`, if any."""
    j = line_end
    while j < len(text) and text[j].isspace():
        j += 1
    if j < len(text) and (text[j] == OPENING or (text[j] == STRAIGHT and _opens(text, j))):
        return j
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop spaces and the attribution comma that the mark encloses ("...," he said)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


_DOUBLED_APOSTROPHES = re.compile(r"''")


def normalize_marks(text: str) -> str:
    """`text` with the two-apostrophe quote mark ('') of some newspapers' copy as one straight mark.

    Same length, so offsets carry over: an opening '' becomes ` "` and a closing one `" `.
    """
    if "''" not in text:
        return text

    def repl(m: re.Match[str]) -> str:
        after = text[m.end()] if m.end() < len(text) else " "
        return ' "' if after.isalnum() or after in "‘’'" else '" '

    return _DOUBLED_APOSTROPHES.sub(repl, text)


@lru_cache(maxsize=2)
def find_quoted(text: str) -> list[Quoted]:
    """Every quoted stretch of `text`, in order, continued across paragraphs by the news convention.

    Remembered for the last texts: the coreference stage and the quotes stage each read an article's
    quotations (callers must not change the list).
    """
    text = normalize_marks(text)
    out: list[Quoted] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch not in MARKS or (ch == STRAIGHT and not _opens(text, i)) or ch == CLOSING:
            i += 1
            continue
        open_at = i
        pieces: list[tuple[int, int]] = []
        piece_start = i + 1
        j = i + 1
        close_at: int | None = None
        while True:
            line_end = _paragraph_end(text, j)
            k = j
            found = None
            while k < line_end:
                c = text[k]
                if c in (CLOSING, STRAIGHT):
                    found = k
                    break
                if c == OPENING:
                    # a new opening mark before any closing one: the previous quotation lost its mark
                    found = -k
                    break
                k += 1
            if found is not None and found >= 0:
                pieces.append((piece_start, found))
                close_at = found
                j = found + 1
                break
            if found is not None:
                pieces.append((piece_start, -found))
                j = -found
                break
            nxt = _next_paragraph_opens(text, line_end)
            pieces.append((piece_start, line_end))
            if nxt is None:
                j = line_end
                break
            piece_start = nxt + 1
            j = nxt + 1
        trimmed = [_trim(text, a, b) for a, b in pieces]
        trimmed = [(a, b) for a, b in trimmed if b > a]
        if trimmed:
            out.append(Quoted(trimmed[0][0], trimmed[-1][1], open_at, close_at, tuple(trimmed)))
        i = j
    return out


def inside(quoted: list[Quoted], start: int, end: int) -> Quoted | None:
    """The quotation that contains the stretch start..end (by its middle character), if any.

    `quoted` is in text order and its quotations do not overlap (as `find_quoted` returns them),
    so a binary search finds the only candidate: the last one opened before the middle.
    """
    mid = (start + end - 1) // 2 if end > start else start
    k = bisect_right(quoted, mid, key=lambda q: q.open_at) - 1
    if k >= 0:
        q = quoted[k]
        if mid <= (q.close_at if q.close_at is not None else q.end):
            return q
    return None
