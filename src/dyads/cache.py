"""The user cache directory: what is compiled from our data files once and read back by later processes.

Why one module: the gazetteer (`geo.gazetteer`) and the actor dictionaries' phrase tokens
(`actors.recognize`) are both compiled from data files at first use and kept on disk so that the
next `dyads code` starts faster. Both name their file by a hash of everything that went into it, so
an edited data file or an upgraded library is a new file (a stale one is never read); both write
atomically and treat an unreadable file as absent (it is compiled again and rewritten), so a
corrupt, truncated or unwritable cache costs time, never a wrong result.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from contextlib import suppress
from pathlib import Path
from typing import Any


def cache_dir() -> Path:
    """$DYADS_CACHE_DIR, else $XDG_CACHE_HOME/dyads, else ~/.cache/dyads."""
    if os.environ.get("DYADS_CACHE_DIR"):
        return Path(os.environ["DYADS_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "dyads"


def write_pickle(obj: Any, path: Path) -> Path:
    """Pickle `obj` to `path` atomically (a half-written cache file must never be read)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    return path


def read_pickle(path: Path) -> Any | None:
    """The object pickled at `path`, or None when the file is missing or unreadable (the caller rebuilds)."""
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except Exception:  # truncated, corrupt, or pickled by code that no longer exists: not a cache
        return None

