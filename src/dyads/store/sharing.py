"""Coding and browsing one DuckDB file at the same time: the writer takes the file per batch, readers give it up.

DuckDB lets one process write a database file or any number of processes read it, never both at
once (an operating-system lock on the file; checked with duckdb 2.0: a read-only connection keeps a
writer out and a writer keeps every reader out). A `dyads code` run used to hold the file for its
whole run and `dyads serve` for its whole life, so nobody could browse while coding went on.

Now they take turns through two lock files beside the database (advisory `flock` locks, released by
the kernel when a process dies, so a kill -9 never leaves one behind):

- `DB.coding.lock`: held by a writing `Store` for its whole life, so a second writer stops at once
  with a clear message instead of interleaving its batches with the first one's;
- `DB.writing.lock`: held by a shared writer (`Store(path, shared=True)`, what `dyads code` opens)
  from the moment it wants the file until it has stored a batch and closed its connection.

A `SharedReader` (the web app's) keeps one read-only connection open while no writer wants the
file; when one does, it lets the requests in flight finish, closes the connection and holds new
requests back until the writer is done, then opens the file again. If the file changed, its
`on_change` hook runs (the web app empties its response cache). So the server sees a batch as soon
as it is stored, and the writer waits only for the requests in flight.

A reader that knows nothing of this (`dyads query` in another shell, DuckDB's own CLI) still holds
the file; the writer then waits up to `WRITER_WAIT_SECONDS` and stops with a message naming the
file (what was stored stays; a rerun goes on).
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import duckdb

WRITER_WAIT_SECONDS = 60.0
"""How long a shared writer waits for readers to give the file up before it stops."""

READER_WAIT_SECONDS = 60.0
"""How long a request waits for a writer's batch before it is answered 'busy'."""

POLL_SECONDS = 0.02
"""How often a waiting reader or writer looks again, and how often an idle reader checks for a writer."""


class Busy(RuntimeError):
    """The database stayed taken by the other side for longer than allowed."""


def lock_path(db_path: str | Path, kind: str) -> Path:
    """The lock file of `kind` ('coding' or 'writing') beside the database."""
    return Path(f"{db_path}.{kind}.lock")


def is_lock_conflict(exc: BaseException) -> bool:
    """Whether DuckDB refused to open a file because another process holds its lock (or, within one
    process, because a connection of the other kind, read-only or writing, is open)."""
    text = str(exc).lower()
    return (isinstance(exc, duckdb.IOException) and "lock" in text
            or isinstance(exc, duckdb.ConnectionException) and "different configuration" in text)


class FileLock:
    """An exclusive `flock` on a lock file beside the database (created if missing, never removed).

    Never removed: a process that opened the old file would lock a different inode than the next
    one, and the two would not see each other.
    """

    def __init__(self, path: Path):
        self.path = path
        self.fd: int | None = None

    def acquire(self, blocking: bool) -> bool:
        """Take the lock; False if `blocking` is off and another holder has it."""
        if self.fd is None:
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            return False
        return True

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing the descriptor drops its flock
            self.fd = None

    def note(self, text: str) -> None:
        """Write who holds the lock into the file (for a person looking; the lock is what counts)."""
        if self.fd is not None:
            with suppress(OSError):
                os.ftruncate(self.fd, 0)
                os.pwrite(self.fd, text.encode(), 0)


def writer_wants(db_path: str | Path) -> bool:
    """Whether a shared writer wants or holds the file now (someone holds `DB.writing.lock`).

    Opened afresh each time (a few microseconds): the reader keeps no descriptor that could outlive
    the file, and never creates it (a reader writes nothing).
    """
    try:
        fd = os.open(lock_path(db_path, "writing"), os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # drops the shared lock if it was taken
    return False


def file_stamp(db_path: str | Path) -> tuple:
    """What changes when a writer stores something: size and modification time of the file and its WAL."""
    out: list = []
    for p in (Path(db_path), Path(f"{db_path}.wal")):
        try:
            st = p.stat()
            out.append((st.st_size, st.st_mtime_ns))
        except OSError:
            out.append(None)
    return tuple(out)


class SharedReader:
    """Read-only cursors on a store that a shared writer may take between its batches (see module doc).

    `open_store(path)` opens the store (a DuckDB file read-only, or a Parquet directory, which no
    writer ever asks for). Use `with reader.cursor() as cur:`; a cursor must be closed for the writer
    to get its turn, so it is never kept past the block.
    """

    def __init__(self, path: str | Path, open_store: Callable[[str], object],
                 on_change: Callable[[], None] | None = None, wait_seconds: float = READER_WAIT_SECONDS):
        self.path = str(path)
        self._open_store = open_store
        self.on_change = on_change
        self.wait_seconds = wait_seconds
        self._cond = threading.Condition()
        self._store = None
        self._users = 0
        self._stamp: tuple | None = None
        self._closed = False
        self.reopened = 0  # times the file was opened again after a writer's turn (for tests and logs)
        with self._cond:
            self._ensure_open(time.monotonic() + wait_seconds)
        self._watcher = threading.Thread(target=self._watch, name="dyads-reader-watch", daemon=True)
        self._watcher.start()

    @property
    def store(self):
        """The store open now (it changes after a writer's turn): for its path and schema version."""
        with self._cond:
            if self._store is None:
                self._ensure_open(time.monotonic() + self.wait_seconds)
            return self._store

    def _ensure_open(self, deadline: float) -> None:
        """Open the store if it is closed, waiting (lock held) while a writer wants or holds the file."""
        while self._store is None:
            if self._closed:
                raise Busy(f"{self.path}: the reader is closed")
            if not writer_wants(self.path):
                try:
                    stamp = file_stamp(self.path)
                    self._store = self._open_store(self.path)
                except Exception as exc:  # a writer that does not announce itself (an older dyads) holds it
                    if not is_lock_conflict(exc) and "in use by another" not in str(exc):
                        raise
                else:
                    if self._stamp is not None:
                        self.reopened += 1
                        if stamp != self._stamp and self.on_change is not None:
                            self.on_change()
                    self._stamp = stamp
                    return
            if time.monotonic() > deadline:
                raise Busy(f"database {self.path} is being written by `dyads code` and stayed busy for "
                           f"{self.wait_seconds:.0f} s; try again")
            self._cond.wait(POLL_SECONDS)

    def _close_store(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
            self._cond.notify_all()

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own (a DuckDB connection must not be shared between threads) for one request."""
        deadline = time.monotonic() + self.wait_seconds
        with self._cond:
            # a writer waiting: new requests wait too, or a steady stream of them would starve it
            while self._store is not None and self._users and writer_wants(self.path):
                if time.monotonic() > deadline:
                    raise Busy(f"database {self.path} is being written by `dyads code`; try again")
                self._cond.wait(POLL_SECONDS)
            if self._store is not None and not self._users and writer_wants(self.path):
                self._close_store()
            self._ensure_open(deadline)
            self._users += 1
            cur = self._store.con.cursor()
        try:
            yield cur
        finally:
            cur.close()
            with self._cond:
                self._users -= 1
                if not self._users and writer_wants(self.path):
                    self._close_store()
                self._cond.notify_all()

    def _watch(self) -> None:
        """Give the file up when a writer wants it and no request is using it (an idle server too)."""
        while True:
            time.sleep(POLL_SECONDS * 5)
            with self._cond:
                if self._closed:
                    return
                if self._store is not None and not self._users and writer_wants(self.path):
                    self._close_store()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._close_store()
