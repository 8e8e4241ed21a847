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
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from dyads.models import Article


def _rss_bytes() -> int:
    """Current resident set size of this process and its children, from /proc (Linux)."""
    total = 0
    pids = [os.getpid()]
    try:
        children = Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


class PeakRSS:
    """Samples RSS (process + children) every 50 ms in a thread; `.peak` is the maximum seen."""

    def __init__(self, interval: float = 0.05):
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _rss_bytes())
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRSS:
        self.peak = _rss_bytes()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss_bytes())


@dataclass
class RunStats:
    name: str
    articles: int
    words: int
    seconds: float
    peak_rss: int
    stages: dict[str, float] = field(default_factory=dict)
    events: int = 0

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


def load_articles(corpus: Sequence[str], n: int) -> list[Article]:
    from dyads.ingest import read_inputs

    return list(islice((a for a in read_inputs(corpus) if isinstance(a, Article)), n))


def bench(corpus: Sequence[str], n_articles: int = 500, n_process: int = 1, batch_size: int = 32,
          cold: bool = False, rounds: int = 5) -> BenchReport:
    """Bare spaCy and the full pipeline into a fresh DuckDB file, on the first `n_articles`, in rounds.

    The articles are cut into `rounds` consecutive slices; each slice is parsed by bare spaCy and
    then coded by dyads, one right after the other, and the times are summed over the slices. On a
    shared or virtual machine the speed of the CPU drifts by 20-30% over minutes (bare spaCy alone
    took 24 s and 33 s on the same 200 articles within five minutes): two long runs one after the
    other then measure the drift, not dyads. Interleaving puts both sides in the same minutes. A
    first bare pass over one slice warms the model and is not counted.
    """
    import spacy

    from dyads.nlp import SPACY_MODEL
    from dyads.pipeline import Coder
    from dyads.runner import code_into_store
    from dyads.store import Store

    articles = load_articles(corpus, n_articles)
    words = sum(len(a.text.split()) for a in articles)
    rounds = max(1, min(rounds, len(articles) or 1))
    size = -(-len(articles) // rounds) if articles else 0
    slices = [articles[i:i + size] for i in range(0, len(articles), size)] if size else []

    nlp = spacy.load(SPACY_MODEL)
    nlp.max_length = 2_000_000
    coder = Coder(model=SPACY_MODEL)

    def bare_pass(part: list[Article]) -> float:
        t0 = time.perf_counter()
        for _ in nlp.pipe((a.text for a in part), batch_size=batch_size, n_process=n_process):
            pass
        return time.perf_counter() - t0

    if slices:
        bare_pass(slices[0])  # warm-up, not counted
    bare_rounds: list[float] = []
    full_rounds: list[float] = []
    bare_peak = full_peak = 0
    coded = events = 0
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        for part in slices:
            with PeakRSS() as mem:
                bare_rounds.append(bare_pass(part))
            bare_peak = max(bare_peak, mem.peak)
            with PeakRSS() as mem:
                t0 = time.perf_counter()
                report = code_into_store(iter(part), store, coder, batch_size=64, force=True)
                full_rounds.append(time.perf_counter() - t0)
            full_peak = max(full_peak, mem.peak)
            coded += report.coded
            events += report.events
    total = sum(full_rounds)
    stages = dict(coder.timer.seconds)
    # the runner's own time beyond the coder's stages is reading, writing and merging
    stages["store+io"] = max(0.0, total - sum(stages.values()))
    bare = RunStats("bare spaCy", len(articles), words, sum(bare_rounds), bare_peak,
                    {f"parse (round {i + 1})": s for i, s in enumerate(bare_rounds)})
    full = RunStats("dyads", coded, words, total, full_peak, stages, events)
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
            f"{x['words_per_s']:>9.0f} words/s  peak RSS {x['peak_rss_mb']:>7.1f} MB"
        )
    lines.append(f"interleaved in {len(r.round_ratios)} rounds (bare spaCy, then dyads, on each slice); "
                 f"ratio per round: {', '.join(f'{x:.3f}' for x in d['round_ratios'])}")
    lines.append(f"ratio dyads / bare spaCy (articles/s): {d['ratio']:.3f}")
    total = sum(d["dyads"]["stage_seconds"].values()) or 1.0
    lines.append("dyads time per stage:")
    for stage, s in d["dyads"]["stage_seconds"].items():
        lines.append(f"  {stage:<10} {s:>8.2f} s  {100 * s / total:5.1f}%")
    if d["cold_single_article_s"] is not None:
        lines.append(f"cold `dyads code` of one short article: {d['cold_single_article_s']:.2f} s")
    lines.append(f"max RSS (getrusage, self): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return "\n".join(lines)
