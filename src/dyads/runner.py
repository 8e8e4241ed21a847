"""Coding runs: a stream of inputs -> Coder -> the store, in batches, with rejects kept.

This is the Python API behind `dyads code`: it reads, skips what is already coded with the same
content, codes the rest, writes each batch atomically and reports every rejected record. Memory
stays flat: nothing holds more than one batch.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING

from dyads import __version__
from dyads.aggregate import pending_articles, update_events
from dyads.heap import trim_heap
from dyads.ingest.readers import describe_error
from dyads.models import Article, CodedArticle, Reject
from dyads.store import Store, StoreFull, content_hash, out_of_space

if TYPE_CHECKING:  # the writer of a multi-process run never imports spaCy: only the workers parse
    from concurrent.futures import Future

    from dyads.events.dialect import Dialect
    from dyads.events.filters import EventPolicy
    from dyads.pipeline import Coder, StageTimer

PARSE_CHUNK = 32
"""Articles a worker process codes at a time (a multiple of the spaCy batch size, `nlp.BATCH_SIZE`,
so that a run with worker processes parses exactly the batches a one-process run parses)."""


@dataclass
class RunReport:
    read: int = 0
    coded: int = 0
    skipped: int = 0
    rejected: int = 0
    events: int = 0
    store_seconds: float = 0.0  # writing batches and merging them into events (what the writer does)
    rejects_path: str | None = None
    reject_reasons: list[str] = field(default_factory=list)


def rejects_path_for(db_path: str | Path) -> Path:
    """Rejected input is kept beside the database: `dyads.duckdb` -> `dyads.rejects.jsonl`."""
    p = Path(db_path)
    return p.with_name(p.stem + ".rejects.jsonl")


def format_reject(r: Reject) -> str:
    return f"rejected: {r.origin}: {r.record}: {r.reason}"


def _chunks(it: Iterable, n: int) -> Iterator[list]:
    it = iter(it)
    while chunk := list(islice(it, n)):
        yield chunk


def _line_key(line: str) -> bytes:
    return hashlib.blake2b(line.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _kept_rejects(path: Path) -> set[bytes]:
    """Keys of the rejects already in the file (a digest per line, so memory stays small)."""
    if not path.exists():
        return set()
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        return {_line_key(line.rstrip("\n")) for line in f if line.strip()}


def _reject_line(r: Reject) -> str:
    line = json.dumps(r.to_dict(), ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate in the raw record: escaped, so the file stays UTF-8
        line = json.dumps(r.to_dict())
    return line


def code_safely(
    coder: Coder, articles: Iterable[Article], on_failure: Callable[[Reject], None]
) -> Iterator[CodedArticle]:
    """`coder.pipe(articles)`, except that an article whose parse or coding raises becomes a reject.

    Why: one record must never stop a run (a lone surrogate inside spaCy, a recursion limit in a
    stage). One stream goes to the parser as usual; when it raises, the articles it had taken but
    not yet given back are coded one by one (the culprit becomes a reject, the others are coded),
    and a new stream takes the rest. An error of the input itself (the store, while skipping) is
    not an article's: it is raised.
    """
    source = iter(articles)
    taken: deque[Article] = deque()  # given to the parser, not yet given back
    source_failed = False

    def feed() -> Iterator[Article]:
        nonlocal source_failed
        while True:
            try:
                a = next(source)
            except StopIteration:
                return
            except BaseException:
                source_failed = True
                raise
            taken.append(a)
            yield a

    while True:
        try:
            for coded in coder.pipe(feed()):
                taken.popleft()  # results come back in input order
                yield coded
            return
        except Exception:  # noqa: BLE001 -- narrowed down article by article below
            if source_failed:
                raise
            stuck = list(taken)
            taken.clear()
        for a in stuck:
            try:
                coded = coder.code_article(a)
            except Exception as exc:  # noqa: BLE001 -- this article's reject, and the run goes on
                where = a.origin or a.id
                f, rec = where.rsplit(":", 1) if ":" in where else (where, "file")
                on_failure(Reject(f, rec, f"coding failed: {describe_error(exc)}", a.text[:2000]))
                continue
            yield coded


def default_processes() -> int:
    """The CPUs this process may run on (its affinity mask, which containers and `taskset` narrow)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class CoderSpec:
    """The arguments of `Coder(...)`: what a worker process needs to build the same Coder itself.

    A loaded Coder (spaCy model, compiled matchers) is not sent between processes: each worker
    builds its own from this, once, when it starts.
    """

    dict_dirs: tuple[str, ...] = ()
    default_dict: bool = True
    stages: tuple[str, ...] | None = None  # None: every stage
    model: str | None = None  # None: dyads' default model
    policy: EventPolicy | None = None  # which coded predicates are events (dyads.events.filters); None: the default
    selective_ner: bool | None = None  # entities only where an event may be (dyads.events.prefilter); None: default
    dialect: Dialect | None = None  # how sentences are read with the dictionaries (dyads.events.dialect); None: ours

    @classmethod
    def of(cls, coder: Coder) -> CoderSpec | None:
        """The spec that rebuilds `coder`, or None if it was given resources no argument can rebuild."""
        return None if coder.options is None else cls(**coder.options)

    def build(self) -> Coder:
        from dyads.pipeline import STAGES, Coder

        kwargs: dict = {"dict_dirs": self.dict_dirs, "default_dict": self.default_dict,
                        "stages": self.stages if self.stages is not None else STAGES}
        if self.model is not None:
            kwargs["model"] = self.model
        if self.policy is not None:
            kwargs["policy"] = self.policy
        if self.selective_ner is not None:
            kwargs["selective_ner"] = self.selective_ner
        if self.dialect is not None:
            kwargs["dialect"] = self.dialect
        return Coder(**kwargs)


_worker_coder: Coder | None = None
"""The Coder of this worker process (set once by `_init_worker`; unused in the writer process)."""


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the process that started it dies (kill -9 included).

    Otherwise a killed `dyads code` would leave its workers, each holding a spaCy model, waiting on
    a queue nobody writes to. Elsewhere a worker outlives a killed parent until its queue breaks.
    """
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the request was made
        os._exit(1)


def _init_worker(spec: CoderSpec) -> None:
    global _worker_coder
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the writer's to handle; it stops the pool
    _worker_coder = spec.build()


def _code_chunk(articles: list[Article]) -> tuple[list[CodedArticle], dict[str, float], list[Reject]]:
    """Code one chunk in a worker; also return the seconds per stage it took (for `dyads bench`) and the
    rejects of articles the coder failed on (`code_safely`: one record never stops a run)."""
    coder = _worker_coder
    assert coder is not None, "_init_worker did not run"
    coder.timer.seconds.clear()
    failures: list[Reject] = []
    coded = list(code_safely(coder, articles, failures.append))
    trim_heap()  # as the one-process runner does after each batch: freed parser arrays back to the OS
    return coded, dict(coder.timer.seconds), failures


class CodingPool:
    """Worker processes that each hold a Coder; `pipe` codes a stream in chunks, in input order.

    Only the workers import spaCy and parse; the process that owns the pool reads the input and
    writes the database. At most two chunks per worker are in flight, so memory does not grow with
    the input and the reader does not run far ahead of the writer. Use as a context manager.
    """

    def __init__(self, spec: CoderSpec, processes: int, chunk_size: int = PARSE_CHUNK):
        if processes < 1:
            raise ValueError(f"processes must be at least 1, not {processes}")
        self.spec = spec
        self.processes = processes
        self.chunk_size = chunk_size
        self.stage_seconds: dict[str, float] = defaultdict(float)  # summed over the workers (for `dyads bench`)
        import multiprocessing  # here, not at the top: a one-process run (and its cold start) needs neither
        from concurrent.futures import ProcessPoolExecutor

        # spawn, not fork: the writer holds DuckDB's threads and open files, which a forked child
        # would inherit mid-flight
        self._pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=_init_worker, initargs=(spec,))

    def __enter__(self) -> CodingPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def pids(self) -> set[int]:
        """The worker processes started so far (for measuring them apart)."""
        return set(self._pool._processes or ())

    def pipe(self, articles: Iterable[Article], timer: StageTimer | None = None,
             on_failure: Callable[[Reject], None] | None = None) -> Iterator[CodedArticle]:
        """Code `articles` in the workers; yields results in input order; stage seconds go to `timer`;
        an article a worker failed on goes to `on_failure` as a reject, in input order."""
        pending: deque[Future] = deque()
        for chunk in _chunks(articles, self.chunk_size):
            pending.append(self._pool.submit(_code_chunk, chunk))
            if len(pending) > 2 * self.processes:
                yield from self._result(pending.popleft(), timer, on_failure)
        while pending:
            yield from self._result(pending.popleft(), timer, on_failure)

    def _result(self, future: Future, timer: StageTimer | None,
                on_failure: Callable[[Reject], None] | None) -> list[CodedArticle]:
        from concurrent.futures.process import BrokenProcessPool

        try:
            coded, seconds, failures = future.result()
        except BrokenProcessPool as exc:
            raise RuntimeError(
                "a coding worker process died (killed, or out of memory); the batches stored so far "
                "are kept, and running the same command again resumes after them"
            ) from exc
        for stage, s in seconds.items():
            self.stage_seconds[stage] += s
            if timer is not None:
                timer.seconds[stage] += s
        for r in failures:
            if on_failure is not None:
                on_failure(r)
        return coded


def _coded_stream(articles: Iterator[Article], coder: Coder | CoderSpec, processes: int,
                  pool: CodingPool | None, on_failure: Callable[[Reject], None]) -> Iterator[CodedArticle]:
    """Articles -> coded articles in input order: in this process, or in worker processes.

    An input that fits in one chunk is coded here: starting workers (each loads the model) would
    only make a short run slower.
    """
    given_spec = isinstance(coder, CoderSpec)  # (not isinstance(coder, Coder): that would import spaCy here)
    timer = None if given_spec else coder.timer
    if pool is not None:
        yield from pool.pipe(articles, timer, on_failure)
        return
    spec = coder if given_spec else CoderSpec.of(coder)
    head = list(islice(articles, PARSE_CHUNK + 1))
    if processes > 1 and spec is not None and len(head) > PARSE_CHUNK:
        with CodingPool(spec, processes) as own:
            yield from own.pipe(chain(head, articles), timer, on_failure)
        return
    local = coder.build() if given_spec else coder
    yield from code_safely(local, chain(head, articles), on_failure)


def code_into_store(
    items: Iterable[Article | Reject],
    store: Store,
    coder: Coder | CoderSpec,
    *,
    batch_size: int = 64,
    processes: int = 1,
    pool: CodingPool | None = None,
    force: bool = False,
    rejects_path: str | Path | None = None,
    on_reject: Callable[[Reject], None] | None = None,
    on_article: Callable[[CodedArticle | None], None] | None = None,
    on_batch: Callable[[list[CodedArticle]], None] | None = None,
    on_skip: Callable[[Article], None] | None = None,
) -> RunReport:
    """Code every article of `items` into `store`; rejects are reported and appended to `rejects_path`.

    Articles whose id and content hash are already stored are skipped unless `force`.
    `on_article` is called once per article read (None for a skipped one), for progress bars;
    `on_skip` with each skipped article (`dyads code -o -` prints its stored events).
    With `processes` > 1 (or a `pool`), worker processes parse and code while this process reads,
    skips, keeps rejects and writes: the same batches and the same rows as with one process.
    `coder` may be a `CoderSpec`, so that a multi-process run never loads spaCy here.
    """
    report = RunReport(rejects_path=str(rejects_path) if rejects_path else None)
    rejects_file = None
    kept: set[bytes] = set()

    def keep(x: Reject) -> None:
        nonlocal rejects_file, kept
        report.rejected += 1
        if len(report.reject_reasons) < 1000:
            report.reject_reasons.append(format_reject(x))
        if on_reject:
            on_reject(x)
        if rejects_path:
            if rejects_file is None:
                kept = _kept_rejects(Path(rejects_path))
                rejects_file = open(rejects_path, "a", encoding="utf-8")  # noqa: SIM115
            line = _reject_line(x)
            key = _line_key(line)
            if key not in kept:  # a rerun over the same input keeps each reject once
                kept.add(key)
                rejects_file.write(line + "\n")
                rejects_file.flush()

    def to_code() -> Iterator[Article]:
        for chunk in _chunks(items, 256):
            articles = [x for x in chunk if isinstance(x, Article)]
            for x in chunk:
                if isinstance(x, Reject):
                    keep(x)
            report.read += len(articles)
            stored = {} if force else store.coded_hashes([a.id for a in articles])
            for a in articles:  # two records with one id: both are coded, the later one's rows win
                if stored.get(a.id) == content_hash(a.text, a.publication_date):
                    report.skipped += 1
                    if on_skip:
                        on_skip(a)
                    if on_article:
                        on_article(None)
                    continue
                yield a

    # a shared store (`dyads code`) holds the file only for each step below, so that `dyads serve`
    # can read it while the next batch is coded (dyads.store.sharing)
    if not store.empty:  # (a database this run created holds nothing to merge)
        with store.held():
            if pending_articles(store):  # a run killed between a batch's write and its merge: merge that batch first
                update_events(store)
    try:
        for batch in _chunks(_coded_stream(to_code(), coder, processes, pool, keep), batch_size):
            t0 = time.perf_counter()
            with store.held():
                report.events += store.write(batch, coder_version=__version__)
                # mentions -> cross-article events, for the articles of this batch only
                try:
                    update_events(store, [coded.article.id for coded in batch])
                except Exception as exc:
                    if out_of_space(exc):  # the next run merges the batch first (pending_articles above)
                        raise StoreFull(f"no space left on device: {store.path}; the current batch was stored but "
                                        "not merged into events; rerun to go on") from exc
                    raise
            trim_heap()  # the parser's freed arrays: back to the OS, so RSS does not creep up batch by batch
            report.store_seconds += time.perf_counter() - t0
            report.coded += len(batch)
            if on_batch:
                on_batch(batch)
            if on_article:
                for coded in batch:
                    on_article(coded)
    finally:
        if rejects_file is not None:
            rejects_file.close()
    return report
