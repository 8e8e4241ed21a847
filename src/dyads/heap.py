"""The process's heap: hand freed memory back to the OS (glibc only).

Why a module of its own: the parser's worker processes and the writer process of `dyads code`
both trim their heaps, and the writer must not import spaCy (it only stores rows), so this cannot
live in `nlp.py`, which loads spaCy on import.
"""

from __future__ import annotations

import ctypes
import os
import sys
from functools import lru_cache

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
