"""Coding runs: a stream of inputs -> Coder -> the store, in batches, with rejects kept.

This is the Python API behind `dyads code`: it reads, skips what is already coded with the same
content, codes the rest, writes each batch atomically and reports every rejected record. Memory
stays flat: nothing holds more than one batch.
"""

from __future__ import annotations

import hashlib
import json
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from dyads import __version__
from dyads.aggregate import pending_articles, update_events
from dyads.ingest.readers import describe_error
from dyads.models import Article, CodedArticle, Reject
from dyads.nlp import trim_heap
from dyads.pipeline import Coder
from dyads.store import Store, StoreFull, content_hash, out_of_space


@dataclass
class RunReport:
    read: int = 0
    coded: int = 0
    skipped: int = 0
    rejected: int = 0
    events: int = 0
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


def code_into_store(
    items: Iterable[Article | Reject],
    store: Store,
    coder: Coder,
    *,
    batch_size: int = 64,
    force: bool = False,
    rejects_path: str | Path | None = None,
    on_reject: Callable[[Reject], None] | None = None,
    on_article: Callable[[CodedArticle | None], None] | None = None,
    on_batch: Callable[[list[CodedArticle]], None] | None = None,
) -> RunReport:
    """Code every article of `items` into `store`; rejects are reported and appended to `rejects_path`.

    Articles whose id and content hash are already stored are skipped unless `force`.
    `on_article` is called once per article read (None for a skipped one), for progress bars.
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
                    if on_article:
                        on_article(None)
                    continue
                yield a

    if pending_articles(store):  # a run killed between a batch's write and its merge: merge that batch first
        update_events(store)
    try:
        for batch in _chunks(code_safely(coder, to_code(), keep), batch_size):
            report.events += store.write(batch, coder_version=__version__)
            # mentions -> cross-article events, for the articles of this batch only
            try:
                update_events(store, [coded.article.id for coded in batch])
            except Exception as exc:
                if out_of_space(exc):  # the next run merges the batch first (pending_articles above)
                    raise StoreFull(f"no space left on device: {store.path}; the current batch was stored but not "
                                    "merged into events; rerun to go on") from exc
                raise
            trim_heap()  # the parser's freed arrays: back to the OS, so RSS does not creep up batch by batch
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
