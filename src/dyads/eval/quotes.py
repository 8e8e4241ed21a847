"""`dyads eval quotes DIR`: score quotation finding against brat standoff attributions.

The gold format is PolNeAR's (Newell et al. 2018): beside each `text/NAME.txt` there is one or
more `attributions/NAME_XXXX.ann` (XXXX is the annotator), holding text-bound spans labelled
Source, Cue, Content (and Content2 for a second stretch) and event lines `E1 Attribution:T4
Content:T3 Cue:T2 Source:T1` tying them into one attribution; a span may be discontinuous
("315 448;463 553"). Files may also sit side by side in one directory.

What is measured, per the issue: gold attributions are split by whether their content is a direct
quotation (the whole content inside quote marks), mixed (paraphrase with quoted words) or
indirect (no quote marks). For each group: the share found (a predicted quote's content overlaps
the gold content) and, of those found, the share whose predicted speaker span overlaps the gold
source. Precision is the share of predicted quotes whose content overlaps some gold content.
Where several annotators marked one text, the first annotation file in name order is used, so
each text counts once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import click

from dyads.models import Actor, Quote

Ranges = tuple[tuple[int, int], ...]

_OPEN = "\"\u201c"
_CLOSE = "\"\u201d"
_ANNOTATOR = re.compile(r"_[0-9a-f]{4}$")


@dataclass(frozen=True)
class GoldAttribution:
    """One gold attribution: its content (possibly in pieces), source and cue spans."""

    content: Ranges
    source: Ranges
    cue: Ranges
    kind: str  # direct, mixed, indirect


@dataclass
class GroupScore:
    """Recall and speaker accuracy for one kind of gold content."""

    gold: int = 0
    found: int = 0
    with_source: int = 0  # found attributions whose gold has a source span
    speaker_right: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.with_source if self.with_source else 0.0


@dataclass
class QuoteMetrics:
    """The figures `dyads eval quotes` reports."""

    documents: int = 0
    skipped_annotations: int = 0  # extra annotators' files for an already scored text
    groups: dict[str, GroupScore] = field(default_factory=dict)
    predicted: int = 0
    predicted_correct: int = 0
    predicted_by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind -> [predicted, correct]

    @property
    def precision(self) -> float:
        return self.predicted_correct / self.predicted if self.predicted else 0.0


def _ranges(spec: str) -> Ranges:
    return tuple((int(a), int(b)) for a, b in (piece.split() for piece in spec.split(";")))


def content_kind(text: str, content: Ranges) -> str:
    """Direct if the content starts and ends at quote marks, mixed if it holds any, else indirect.

    Deliberately independent of the extractor's own mark pairing: it looks only at the characters
    at and next to the gold span's edges, allowing the spaces and the attribution comma that sit
    between a quotation's words and its marks. `read_ann` passes text where '' is already "".
    """
    a, b = content[0][0], content[-1][1]
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if a >= b:
        return "indirect"
    j = a - 1
    while j >= 0 and text[j] in " \t\n\xa0":
        j -= 1
    starts = text[a] in _OPEN or (j >= 0 and text[j] in _OPEN)
    k = b
    while k < len(text) and text[k] in " ,.?!;:\u2014\u2013-\xa0":
        k += 1
    ends = text[b - 1] in _CLOSE or (k < len(text) and text[k] in _CLOSE)
    if starts and ends:
        return "direct"
    if starts or ends or any(text[x] in _OPEN + _CLOSE for r in content for x in range(*r)):
        return "mixed"
    return "indirect"


def read_ann(path: Path, text: str) -> list[GoldAttribution]:
    """The attributions of one brat .ann file (events without content are dropped)."""
    spans: dict[str, Ranges] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, _, spec = parts[1].partition(" ")
            spans[parts[0]] = _ranges(spec)
        elif parts[0].startswith("E"):
            roles = dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg)
            events.append(roles)
    text = text.replace("''", '""')  # two apostrophes are one quote mark in some papers' copy
    out = []
    for roles in events:
        if "Content" not in roles or roles["Content"] not in spans:
            continue
        content = spans[roles["Content"]] + spans.get(roles.get("Content2", ""), ())
        out.append(
            GoldAttribution(
                content=content,
                source=spans.get(roles.get("Source", ""), ()),
                cue=spans.get(roles.get("Cue", ""), ()),
                kind=content_kind(text, spans[roles["Content"]]),
            )
        )
    return out


def pairs(directory: Path) -> Iterable[tuple[Path, Path, int]]:
    """(text file, annotation file, number of other annotators' files skipped) for each text."""
    anns = sorted(directory.rglob("*.ann"))
    texts = {p.stem: p for p in directory.rglob("*.txt")}
    by_stem: dict[str, list[Path]] = {}
    for ann in anns:
        stem = ann.stem if ann.stem in texts else _ANNOTATOR.sub("", ann.stem)
        if stem in texts:
            by_stem.setdefault(stem, []).append(ann)
    for stem, files in sorted(by_stem.items()):
        yield texts[stem], files[0], len(files) - 1


def _overlaps(a: Ranges, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in a)


def score_document(text: str, gold: list[GoldAttribution], quotes: list[Quote], metrics: QuoteMetrics) -> None:
    """Add one document's figures to `metrics`."""
    for g in gold:
        group = metrics.groups.setdefault(g.kind, GroupScore())
        group.gold += 1
        hits = [q for q in quotes if _overlaps(g.content, q.start, q.end)]
        if not hits:
            continue
        group.found += 1
        if g.source:
            group.with_source += 1
            if any(q.speaker is not None and _overlaps(g.source, q.speaker.start, q.speaker.end) for q in hits):
                group.speaker_right += 1
    for q in quotes:
        ok = any(_overlaps(g.content, q.start, q.end) for g in gold)
        metrics.predicted += 1
        metrics.predicted_correct += ok
        counts = metrics.predicted_by_kind.setdefault(q.kind, [0, 0])
        counts[0] += 1
        counts[1] += ok


def score_quotes(directory: str | Path, with_actors: bool = True) -> QuoteMetrics:
    """Run the quote finder over every text in `directory` and score it against the .ann files.

    `with_actors` runs the actor stage first (as the pipeline does), so speakers get codes; the
    figures measured here do not depend on codes, only on spans.
    """
    from dyads.actors import find_actors, load_actor_dictionary
    from dyads.models import Article
    from dyads.nlp import load_nlp
    from dyads.quotes import find_quotes

    directory = Path(directory)
    nlp = load_nlp()
    actor_dict = load_actor_dictionary() if with_actors else None
    metrics = QuoteMetrics()
    for text_path, ann_path, skipped in pairs(directory):
        text = text_path.read_text(encoding="utf-8")
        gold = read_ann(ann_path, text)
        doc = nlp(text)
        actors: list[Actor] = []
        if actor_dict is not None:
            actors = find_actors(doc, Article(id=text_path.stem, text=text), actor_dict)
        quotes = find_quotes(doc, actors)
        score_document(text, gold, quotes, metrics)
        metrics.documents += 1
        metrics.skipped_annotations += skipped
    return metrics


def format_report(m: QuoteMetrics) -> str:
    """A plain-text table of the figures."""
    lines = [
        f"documents: {m.documents} (other annotators' files not scored: {m.skipped_annotations})",
        f"{'gold content':<14}{'gold':>6}{'found':>7}{'found %':>9}{'w/source':>10}{'speaker %':>11}",
    ]
    order = ["direct", "mixed", "indirect"]
    total = GroupScore()
    for kind in order + sorted(set(m.groups) - set(order)):
        g = m.groups.get(kind)
        if g is None:
            continue
        total.gold += g.gold
        total.found += g.found
        total.with_source += g.with_source
        total.speaker_right += g.speaker_right
        lines.append(
            f"{kind:<14}{g.gold:>6}{g.found:>7}{100 * g.recall:>8.1f}%{g.with_source:>10}"
            f"{100 * g.speaker_accuracy:>10.1f}%"
        )
    lines.append(
        f"{'all':<14}{total.gold:>6}{total.found:>7}{100 * total.recall:>8.1f}%{total.with_source:>10}"
        f"{100 * total.speaker_accuracy:>10.1f}%"
    )
    lines.append(
        f"precision: {m.predicted_correct}/{m.predicted} = {100 * m.precision:.1f}%"
        " of predicted quotes overlap a gold content"
    )
    for kind, (n, ok) in sorted(m.predicted_by_kind.items()):
        lines.append(f"  {kind:<10} {ok}/{n} = {100 * ok / n if n else 0:.1f}%")
    return "\n".join(lines)


@click.command("quotes")
@click.argument("directory", metavar="DIR", type=click.Path(exists=True, file_okay=False, path_type=Path))
def command(directory: Path) -> None:
    """Score quotation finding against brat standoff attributions (Source, Cue, Content) in DIR."""
    click.echo(format_report(score_quotes(directory)))
