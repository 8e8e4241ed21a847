"""Score the times layer against TimeML gold (TimeBank, AQUAINT), TempEval-3 style.

Reads `.tml` files (the text of `<TEXT>`, the DCT from the `<DCT>` TIMEX3), runs the parser and
`find_times`, and compares with the gold TIMEX3s of `<TEXT>` (the creation time is not counted):
strict span P/R/F1 (identical offsets), relaxed span P/R/F1 (any overlap, one-to-one), value F1
(relaxed match with identical value, as TempEval-3's "value" score), and value and type accuracy
over the relaxed matches. Why a scorer of our own: TempEval-3's script needs the Java toolkit.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import click
from spacy.tokens import Doc

from dyads.ingest.dates import parse_date
from dyads.models import Article, TimeExpr
from dyads.nlp import load_nlp, parse_pipe
from dyads.time import find_times


@dataclass
class GoldTimex:
    """One gold TIMEX3 with offsets into the `<TEXT>` string."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class TimeMLDoc:
    """A TimeML document read for scoring: its article (text + DCT) and gold TIMEX3s."""

    article: Article
    gold: list[GoldTimex]


def read_tml(path: str | Path) -> TimeMLDoc:
    """Text of `<TEXT>` (all inner markup dropped), DCT from `<DCT><TIMEX3 value=...>`, gold TIMEX3s."""
    path = Path(path)
    root = ET.parse(path).getroot()
    text_el = root.find(".//TEXT")
    if text_el is None:
        raise ValueError(f"{path}: no <TEXT> element")
    parts: list[str] = []
    gold: list[GoldTimex] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        start = pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        if el.tag == "TIMEX3" and el is not text_el:
            gold.append(GoldTimex(start, pos, "".join(parts)[start:pos], el.get("type", ""), el.get("value", "")))

    walk(text_el)
    text = "".join(parts)
    dct_el = root.find(".//DCT/TIMEX3")
    dct = parse_date(dct_el.get("value", "")[:10]) if dct_el is not None and dct_el.get("value") else None
    article = Article(id=path.stem, text=text, publication_date=dct, origin=str(path))
    return TimeMLDoc(article=article, gold=sorted(gold, key=lambda g: g.start))


@dataclass
class PRF:
    """Precision, recall and F1 from counts."""

    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Metrics:
    """TimeML scores over a set of documents, with the errors kept for inspection."""

    documents: int = 0
    strict: PRF = field(default_factory=PRF)
    relaxed: PRF = field(default_factory=PRF)
    value: PRF = field(default_factory=PRF)
    matched: int = 0
    value_correct: int = 0
    type_correct: int = 0
    missed: Counter[str] = field(default_factory=Counter)
    spurious: Counter[str] = field(default_factory=Counter)
    wrong_value: list[tuple[str, str, str, str]] = field(default_factory=list)  # doc, text, gold, ours

    def wrong_value_groups(self) -> Counter[tuple[str, str]]:
        """Wrong values grouped by the gold phrase (digits as 9) and the kind of mistake, to fix the
        largest groups first: ('a year earlier', 'Y -> Y-Q3')."""
        groups: Counter[tuple[str, str]] = Counter()
        for _, text, gold, ours in self.wrong_value:
            phrase = re.sub(r"\d", "9", text.split(" / ")[0].lower())
            groups[(phrase, _mistake(gold, ours))] += 1
        return groups

    @property
    def value_accuracy(self) -> float:
        return self.value_correct / self.matched if self.matched else 0.0

    @property
    def type_accuracy(self) -> float:
        return self.type_correct / self.matched if self.matched else 0.0


def _mistake(gold: str, ours: str) -> str:
    """The kind of a wrong value, with years relative to the gold year and days masked, so mistakes of
    one kind group together: 1989-01 vs 1990-01 -> 'Y-01 -> Y[+1]-01', 1988 vs 1988-Q3 -> 'Y -> Y-Q3'."""

    def shape(value: str, year: int | None) -> str:
        m = re.match(r"^(\d{4})", value)
        if m is None:
            return value
        offset = int(m.group(1)) - year if year is not None else 0
        head = "Y" if offset == 0 else f"Y[{offset:+d}]"
        return re.sub(r"^(-\d\d)-\d\d", r"\1-DD", value[4:]).join([head, ""])

    g = re.match(r"^(\d{4})", gold)
    year = int(g.group(1)) if g else None
    return f"{shape(gold, year)} -> {shape(ours, year)}"


def score_document(metrics: Metrics, doc_id: str, gold: Sequence[GoldTimex], pred: Sequence[TimeExpr]) -> None:
    """Add one document's comparison to `metrics` (relaxed matching is one-to-one, by largest overlap)."""
    metrics.documents += 1
    for prf in (metrics.strict, metrics.relaxed, metrics.value):
        prf.n_gold += len(gold)
        prf.n_pred += len(pred)
    exact = {(g.start, g.end) for g in gold}
    metrics.strict.tp += sum((p.start, p.end) in exact for p in pred)
    used: set[int] = set()
    for g in gold:
        best, best_overlap = None, 0
        for i, p in enumerate(pred):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if i not in used and overlap > best_overlap:
                best, best_overlap = i, overlap
        if best is None:
            metrics.missed[g.text.lower()] += 1
            continue
        used.add(best)
        p = pred[best]
        metrics.relaxed.tp += 1
        metrics.matched += 1
        if p.value == g.value:
            metrics.value.tp += 1
            metrics.value_correct += 1
        else:
            metrics.wrong_value.append((doc_id, f"{g.text} / {p.text}", g.value, p.value))
        metrics.type_correct += p.type == g.type
    for i, p in enumerate(pred):
        if i not in used:
            metrics.spurious[p.text.lower()] += 1


def score_parsed(items: Iterable[tuple[Doc, TimeMLDoc]]) -> Metrics:
    """Score already parsed documents (lets a caller reuse parses across runs)."""
    metrics = Metrics()
    for doc, tml in items:
        score_document(metrics, tml.article.id, tml.gold, find_times(doc, tml.article))
    return metrics


def tml_files(paths: Iterable[str | Path]) -> list[Path]:
    """The `.tml` files of the given files and directories, sorted."""
    files: list[Path] = []
    for p in map(Path, paths):
        files.extend(sorted(p.rglob("*.tml")) if p.is_dir() else [p])
    return files


def score_timeml(paths: Iterable[str | Path], limit: int | None = None) -> Metrics:
    """Parse and score every `.tml` file under `paths` (the first `limit` only, if given)."""
    files = tml_files(paths)[:limit] if limit else tml_files(paths)
    docs = [read_tml(f) for f in files]
    nlp = load_nlp()
    return score_parsed(parse_pipe(nlp, ((d.article.text, d) for d in docs)))


def format_report(m: Metrics, errors: int = 0) -> str:
    """Human-readable scores; with `errors` > 0, the most frequent misses, false hits and wrong values."""
    lines = [
        f"documents {m.documents}, gold TIMEX3 {m.strict.n_gold}, predicted {m.strict.n_pred}",
        f"strict span   P {m.strict.precision:.3f}  R {m.strict.recall:.3f}  F1 {m.strict.f1:.3f}",
        f"relaxed span  P {m.relaxed.precision:.3f}  R {m.relaxed.recall:.3f}  F1 {m.relaxed.f1:.3f}",
        f"value         P {m.value.precision:.3f}  R {m.value.recall:.3f}  F1 {m.value.f1:.3f}",
        f"on matched: value accuracy {m.value_accuracy:.3f}, type accuracy {m.type_accuracy:.3f}",
    ]
    if errors:
        lines.append("missed: " + ", ".join(f"{t!r} {n}" for t, n in m.missed.most_common(errors)))
        lines.append("spurious: " + ", ".join(f"{t!r} {n}" for t, n in m.spurious.most_common(errors)))
        lines.append("wrong values by phrase and kind:")
        lines.extend(f"  {n} {p!r}: {k}" for (p, k), n in m.wrong_value_groups().most_common(errors))
        lines.append("wrong values:")
        lines.extend(f"  {d}: {t!r} gold {g} ours {o}" for d, t, g, o in m.wrong_value[:errors])
    return "\n".join(lines)


@click.command("timeml")
@click.argument("dirs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--limit", type=int, default=None, help="Score only the first N documents.")
@click.option("--errors", type=int, default=0, help="List the N most frequent errors of each kind.")
def command(dirs: tuple[str, ...], limit: int | None, errors: int) -> None:
    """Score the times layer against TimeML gold TIMEX3s in DIRS (TimeBank, AQUAINT)."""
    click.echo(format_report(score_timeml(dirs, limit=limit), errors=errors))
