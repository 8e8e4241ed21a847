"""`dyads bench`: bare spaCy parsing vs the full dyads pipeline into DuckDB, on the same articles.

Speed and memory claims are made here and nowhere else (never in timed unit tests). Both runs use
the same model, the same batch size and the same number of processes, in one process tree and one
run; the report gives articles/s and words/s of each, their ratio, time per stage, and peak RSS.
"""

from __future__ import annotations

import os
import resource
import tempfile
import threading
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from dyads.models import Article


def _tree(pid: int, skip: Collection[int] = ()) -> list[int]:
    """`pid` and all its descendants (worker processes and theirs) but `skip`'s, from /proc (Linux)."""
    pids, i = [pid], 0
    while i < len(pids):
        try:
            children = Path(f"/proc/{pids[i]}/task/{pids[i]}/children").read_text().split()
            pids += [c for c in map(int, children) if c not in skip]
        except OSError:
            pass
        i += 1
    return pids


def _cpu_seconds(pid: int | None = None, skip: Collection[int] = ()) -> float:
    """CPU time (user + system) used so far by a process (default: this one) and its live descendants.

    On a machine shared with other work, wall time measures the neighbours too; CPU time much less.
    """
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for p in _tree(os.getpid() if pid is None else pid, skip):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def _rss_bytes(pid: int | None = None, skip: Collection[int] = ()) -> int:
    """Current resident set size of a process (default: this one) and its descendants but `skip`'s, from /proc."""
    total = 0
    for p in _tree(os.getpid() if pid is None else pid, skip):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


class PeakRSS:
    """Samples RSS (a process and all its descendants) every 50 ms in a thread; `.peak` is the maximum seen."""

    def __init__(self, interval: float = 0.05, pid: int | None = None, skip: Collection[int] = ()):
        self.interval = interval
        self.pid = pid
        self.skip = skip
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _rss_bytes(self.pid, self.skip))
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRSS:
        self.peak = _rss_bytes(self.pid, self.skip)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss_bytes(self.pid, self.skip))


@dataclass
class RunStats:
    name: str
    articles: int
    words: int
    seconds: float
    peak_rss: int
    stages: dict[str, float] = field(default_factory=dict)
    events: int = 0
    cpu_seconds: float = 0.0  # user + system, this process and its workers

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


@dataclass
class BenchReport:
    corpus: str
    n_process: int
    batch_size: int
    bare: RunStats
    full: RunStats
    cold_seconds: float | None = None
    round_ratios: list[float] = field(default_factory=list)  # bare / dyads seconds, per interleaved round

    @property
    def ratio(self) -> float:
        return self.full.articles_per_s / self.bare.articles_per_s if self.bare.articles_per_s else 0.0

    def to_dict(self) -> dict:
        def run(r: RunStats) -> dict:
            return {
                "articles": r.articles,
                "words": r.words,
                "seconds": round(r.seconds, 3),
                "articles_per_s": round(r.articles_per_s, 3),
                "words_per_s": round(r.words_per_s, 1),
                "peak_rss_mb": round(r.peak_rss / 2**20, 1),
                "stage_seconds": {k: round(v, 3) for k, v in r.stages.items()},
                "events": r.events,
                "cpu_seconds": round(r.cpu_seconds, 2),
            }

        return {
            "corpus": self.corpus,
            "n_process": self.n_process,
            "batch_size": self.batch_size,
            "bare_spacy": run(self.bare),
            "dyads": run(self.full),
            "ratio": round(self.ratio, 3),
            "round_ratios": [round(x, 3) for x in self.round_ratios],
            "cold_single_article_s": None if self.cold_seconds is None else round(self.cold_seconds, 2),
        }


_bare_nlp = None
"""The spaCy pipeline of a bare-parsing worker process (`_BarePool`)."""


def _init_bare(model: str) -> None:
    global _bare_nlp
    import spacy

    from dyads.runner import _die_with_parent

    _die_with_parent()
    _bare_nlp = spacy.load(model)
    _bare_nlp.max_length = 2_000_000


def _parse_texts(texts: list[str], batch_size: int) -> int:
    for _ in _bare_nlp.pipe(texts, batch_size=batch_size):
        pass
    return len(texts)


class _BarePool:
    """Bare spaCy in worker processes, fed exactly as `runner.CodingPool` feeds the coders.

    Same chunks, same number of chunks in flight, workers started once: the comparison with dyads
    then measures the pipeline, not two ways of using processes (spaCy's own `n_process` starts
    new processes on every call and sends every Doc back).
    """

    def __init__(self, model: str, processes: int, batch_size: int):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from dyads.runner import PARSE_CHUNK

        self.processes, self.batch_size, self.chunk = processes, batch_size, PARSE_CHUNK
        self._pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=_init_bare, initargs=(model,))

    def pids(self) -> set[int]:
        return set(self._pool._processes or ())

    def parse(self, texts: list[str]) -> int:
        from collections import deque

        pending: deque = deque()
        done = 0
        for i in range(0, len(texts), self.chunk):
            pending.append(self._pool.submit(_parse_texts, texts[i:i + self.chunk], self.batch_size))
            if len(pending) > 2 * self.processes:
                done += pending.popleft().result()
        while pending:
            done += pending.popleft().result()
        return done

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def load_articles(corpus: Sequence[str], n: int) -> list[Article]:
    from dyads.ingest import read_inputs

    return list(islice((a for a in read_inputs(corpus) if isinstance(a, Article)), n))


def bench(corpus: Sequence[str], n_articles: int = 500, n_process: int = 1, batch_size: int = 8,
          cold: bool = False, rounds: int = 5, selective_ner: bool | None = None) -> BenchReport:
    """Bare spaCy and the full pipeline into a fresh DuckDB file, on the first `n_articles`, in rounds.

    The articles are cut into `rounds` consecutive slices; each slice is parsed by bare spaCy and
    then coded by dyads, one right after the other, and the times are summed over the slices. On a
    shared or virtual machine the speed of the CPU drifts by 20-30% over minutes (bare spaCy alone
    took 24 s and 33 s on the same 200 articles within five minutes): two long runs one after the
    other then measure the drift, not dyads. Interleaving puts both sides in the same minutes. A
    first bare pass over one slice warms the model and is not counted. `selective_ner` is the
    Coder's (None: its default).
    """
    import spacy

    from dyads.nlp import SPACY_MODEL
    from dyads.pipeline import Coder
    from dyads.runner import CoderSpec, CodingPool, code_into_store
    from dyads.store import Store

    articles = load_articles(corpus, n_articles)
    words = sum(len(a.text.split()) for a in articles)
    rounds = max(1, min(rounds, len(articles) or 1))
    size = -(-len(articles) // rounds) if articles else 0
    slices = [articles[i:i + size] for i in range(0, len(articles), size)] if size else []

    coder: Coder | None = None
    if n_process > 1:  # both sides in worker processes, started once and warmed up before the clock runs
        bare_pool: _BarePool | None = _BarePool(SPACY_MODEL, n_process, batch_size)
        spec = CoderSpec(model=SPACY_MODEL, selective_ner=selective_ner)
        pool: CodingPool | None = CodingPool(spec, n_process)
        stage_seconds = pool.stage_seconds
    else:
        nlp = spacy.load(SPACY_MODEL)
        nlp.max_length = 2_000_000
        coder = Coder(model=SPACY_MODEL, selective_ner=selective_ner)
        spec = CoderSpec(model=SPACY_MODEL, selective_ner=selective_ner)
        bare_pool = pool = None
        stage_seconds = coder.timer.seconds

    def bare_pass(part: list[Article]) -> float:
        t0 = time.perf_counter()
        if bare_pool is not None:
            bare_pool.parse([a.text for a in part])
        else:
            for _ in nlp.pipe((a.text for a in part), batch_size=batch_size):
                pass
        return time.perf_counter() - t0

    bare_rounds: list[float] = []
    full_rounds: list[float] = []
    bare_cpu = full_cpu = 0.0
    bare_peak = full_peak = 0
    coded = events = 0
    store_seconds = 0.0
    try:
        if slices:
            bare_pass(slices[0])  # warm-up, not counted
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
            if pool is not None and slices:  # the workers load their models: not counted either
                with Store(Path(tmp) / "warm.duckdb") as warm:
                    code_into_store(iter(slices[0]), warm, spec, pool=pool, force=True)
                stage_seconds.clear()
            # each side's figures leave out the other side's (idle) workers
            bare_skip = pool.pids() if pool is not None else set()
            full_skip = bare_pool.pids() if bare_pool is not None else set()
            for part in slices:
                cpu0 = _cpu_seconds(skip=bare_skip)
                with PeakRSS(skip=bare_skip) as mem:
                    bare_rounds.append(bare_pass(part))
                bare_cpu += _cpu_seconds(skip=bare_skip) - cpu0
                bare_peak = max(bare_peak, mem.peak)
                cpu0 = _cpu_seconds(skip=full_skip)
                with PeakRSS(skip=full_skip) as mem:
                    t0 = time.perf_counter()
                    report = code_into_store(iter(part), store, coder or spec, batch_size=64, force=True,
                                             pool=pool)
                    full_rounds.append(time.perf_counter() - t0)
                full_cpu += _cpu_seconds(skip=full_skip) - cpu0
                full_peak = max(full_peak, mem.peak)
                coded += report.coded
                events += report.events
                store_seconds += report.store_seconds
    finally:
        if pool is not None:
            pool.close()
        if bare_pool is not None:
            bare_pool.close()
    total = sum(full_rounds)
    stages = dict(stage_seconds)
    if pool is None:  # the runner's own time beyond the coder's stages is reading, writing and merging
        stages["store+io"] = max(0.0, total - sum(stages.values()))
    else:  # the stages ran in the workers, side by side with the writer: its own time, measured
        stages["store+io"] = store_seconds
    bare = RunStats("bare spaCy", len(articles), words, sum(bare_rounds), bare_peak,
                    {f"parse (round {i + 1})": s for i, s in enumerate(bare_rounds)}, cpu_seconds=bare_cpu)
    full = RunStats("dyads", coded, words, total, full_peak, stages, events, cpu_seconds=full_cpu)
    cold_s = _cold_run(articles[0]) if cold and articles else None
    ratios = [b / f if f else 0.0 for b, f in zip(bare_rounds, full_rounds, strict=True)]
    return BenchReport(", ".join(corpus), n_process, batch_size, bare, full, cold_s, ratios)


def _cold_run(article: Article) -> float:
    """Wall time of `dyads code` on one short article in a fresh interpreter (imports + model load)."""
    import json
    import subprocess
    import sys

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "one.jsonl"
        record = {"id": article.id, "date": str(article.publication_date), "text": article.text[:1500]}
        src.write_text(json.dumps(record))
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "dyads.cli", "code", str(src), "--db", str(Path(tmp) / "c.duckdb"),
                        "-q"], check=True, capture_output=True)
        return time.perf_counter() - t0


def format_report(r: BenchReport) -> str:
    d = r.to_dict()
    lines = [f"corpus: {d['corpus']}  (n_process={r.n_process}, batch_size={r.batch_size})"]
    for key in ("bare_spacy", "dyads"):
        x = d[key]
        lines.append(
            f"{key:<11} {x['articles']:>6} articles {x['seconds']:>8.1f} s  {x['articles_per_s']:>7.2f} articles/s  "
            f"{x['words_per_s']:>9.0f} words/s  peak RSS {x['peak_rss_mb']:>7.1f} MB  CPU {x['cpu_seconds']:>7.1f} s"
        )
    lines.append(f"interleaved in {len(r.round_ratios)} rounds (bare spaCy, then dyads, on each slice); "
                 f"ratio per round: {', '.join(f'{x:.3f}' for x in d['round_ratios'])}")
    lines.append(f"ratio dyads / bare spaCy (articles/s): {d['ratio']:.3f}")
    total = sum(d["dyads"]["stage_seconds"].values()) or 1.0
    lines.append("dyads time per stage:" if r.n_process == 1 else
                 f"dyads time per stage (summed over {r.n_process} worker processes; store+io in the writer):")
    for stage, s in d["dyads"]["stage_seconds"].items():
        lines.append(f"  {stage:<10} {s:>8.2f} s  {100 * s / total:5.1f}%")
    if d["cold_single_article_s"] is not None:
        lines.append(f"cold `dyads code` of one short article: {d['cold_single_article_s']:.2f} s")
    lines.append(f"max RSS (getrusage, self): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return "\n".join(lines)


@dataclass
class StoreTiming:
    """One batch stored into a database that already held `events_before` events."""

    events_before: int
    articles: int
    events: int
    write_seconds: float  # Store.write: rows, summaries, word index
    merge_seconds: float  # aggregate.update_events: mentions merged into cross-article events
    duckdb_mb: float  # DuckDB's own accounting after the batch (duckdb_memory())
    rss_mb: float
    cpu_seconds: float = 0.0  # of write and merge, all threads (DuckDB's too): less noisy on a shared machine

    @property
    def seconds(self) -> float:
        return self.write_seconds + self.merge_seconds


def bench_store(db: str | Path, corpus: Sequence[str], n_events: int, batches: int = 3,
                batch_size: int = 64, regenerate: bool = False,
                progress: Callable[[str], None] | None = None) -> list[StoreTiming]:
    """Store time of `batches` batches of coded articles into a database of `n_events` generated events.

    The articles are coded first (not timed); the database is generated as `dyads bench web` does
    (kept at `db` and reused if it already holds `n_events` events, unless `regenerate`); 0 events
    times a fresh database. Each batch is a transaction of its own, as in `dyads code`.
    """
    import duckdb

    from dyads import __version__
    from dyads.aggregate import update_events
    from dyads.pipeline import Coder
    from dyads.store import Store

    coded = list(Coder().pipe(load_articles(corpus, batches * batch_size)))
    db = Path(db)
    held = -1
    if db.exists() and not regenerate:
        try:
            con = duckdb.connect(str(db), read_only=True)
            held = con.execute("SELECT count(*) FROM events").fetchone()[0]
            con.close()
        except duckdb.Error:
            held = -1
    if held != n_events or n_events == 0:
        db.unlink(missing_ok=True)
        if n_events:
            from dyads.web.bench import generate_database

            generate_database(db, n_events, progress=progress)
    elif n_events and _unmerged(db):  # generated before the generator merged its mentions
        from dyads.web.bench import merge_generated

        with Store(db) as st:
            merge_generated(st, chunks=max(1, n_events // 1_000_000), progress=progress)
    work = db.with_name(db.stem + ".work" + db.suffix)  # the timed writes go into a copy: `db` stays reusable
    work.unlink(missing_ok=True)
    if db.exists():
        import shutil

        shutil.copyfile(db, work)
    out = []
    try:
        with Store(work) as st:
            for i in range(batches):
                batch = coded[i * batch_size:(i + 1) * batch_size]
                if not batch:
                    break
                before = st.con.execute("SELECT count(*) FROM events").fetchone()[0]
                c0 = time.process_time()
                t0 = time.perf_counter()
                n = st.write(batch, coder_version=__version__)
                t1 = time.perf_counter()
                update_events(st, [c.article.id for c in batch])
                t2 = time.perf_counter()
                cpu = time.process_time() - c0
                used = st.con.execute("SELECT sum(memory_usage_bytes) FROM duckdb_memory()").fetchone()[0] or 0
                out.append(StoreTiming(before, len(batch), n, t1 - t0, t2 - t1, used / 2**20, _rss_bytes() / 2**20,
                                       cpu))
    finally:
        work.unlink(missing_ok=True)
        Path(str(work) + ".wal").unlink(missing_ok=True)
    return out


def _unmerged(db: Path) -> bool:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM merged_events").fetchone()[0] == 0
    finally:
        con.close()


def format_store_report(timings: Sequence[StoreTiming]) -> str:
    lines = [f"{'events before':>14} {'articles':>8} {'events':>7} {'write s':>8} {'merge s':>8} {'total s':>8} "
             f"{'CPU s':>7} {'duckdb MB':>9} {'RSS MB':>7}"]
    lines += [f"{t.events_before:>14,} {t.articles:>8} {t.events:>7} {t.write_seconds:>8.3f} {t.merge_seconds:>8.3f} "
              f"{t.seconds:>8.3f} {t.cpu_seconds:>7.3f} {t.duckdb_mb:>9.1f} {t.rss_mb:>7.0f}" for t in timings]
    return "\n".join(lines)
