"""`dyads eval articles DIR`: score whole news articles against their reference events.

Why: the curated suites score one sentence at a time, but users meet whole articles, with
datelines, bylines, quotes, pronouns and stories that hold no political event. DIR holds
`ID.jsonl` (the article) beside `ID.gold.json` (its reference events, coded by the conventions
of `../shared/spec/article-gold.md`). The articles are coded in-process with the same `Coder`
`dyads code` uses, or the events are read from a JSON-lines file (`--events`).

The rules, from the spec:

- A system event matches a gold event when its CAMEO root is one of the gold roots, its date
  fits the gold date (equal; a gold `YYYY-MM` or `YYYY` takes any day inside it; a null gold
  date takes any date), and its source and target fit the gold sides. With `either_direction`
  (and a gold target) source and target may also be swapped.
- A side fits when one of its actors has an acceptable country or root and one acceptable sector
  (`""` takes an actor with no sector; a sector given as a prefix takes its sub-sectors; `null`
  takes any sector). For a non-state root (any root that is not an ISO 3166 country: IGO, NGO,
  MNC, regions such as WST or EUR) the root alone must match. A gold side `null` takes any actor
  but needs one; a gold target `[]` (one-sided) takes only an event with no target, so an
  "X said" event with no target counts against precision unless the gold has a one-sided event.
- Required recall: required gold events matched by at least one system event. Precision: system
  events that match some gold event, required or optional (optional ones are never penalised).
- Byline leaks: system actors whose text holds one of the gold's `not_actors` (bylines, the wire
  agency). Any leak fails the run, as a threshold does.

On top of the figures, every miss and every wrong event gets an error class, so that what is
still wrong can be counted by kind (`ArticlesReport.miss_classes`, `.wrong_classes`): a missed
required event is compared with the system events of the sentence(s) its evidence lies in, a
wrong event with the gold events whose evidence lies in its sentence; the closest pair names the
class by what differs (root, source, target, date).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dyads.eval.options import MODEL_OPTION
from dyads.events.filters import DEFAULT_POLICY

if TYPE_CHECKING:
    from dyads.pipeline import Coder

GOLD_SUFFIX = ".gold.json"
ARTICLE_SUFFIX = ".jsonl"

# error classes, in the order their parts are written in a combined class ("wrong root + no target")
NO_EVENT_IN_SENTENCE = "no event in the evidence's sentence"
EVIDENCE_NOT_FOUND = "evidence not found in the article"
NO_GOLD_IN_SENTENCE = "no gold event in the sentence"
NO_SENTENCE = "sentence not known"
_MISS_PARTS = ("wrong root", "wrong source", "wrong target", "no target", "wrong date")
_WRONG_PARTS = ("one-sided", "wrong root", "wrong actors", "wrong date")

_GOLD_KEYS = ("id", "required", "source", "target", "cameo_root")


@lru_cache(maxsize=512)
def is_non_state_root(root: str) -> bool:
    """True for a root that names no country (IGO, NGO, MNC, WST, EUR, ...): it takes no sector."""
    from dyads.export.codes import is_country

    return bool(root) and not is_country(root)


def actors_of(event: dict, side: str) -> list[dict]:
    """The actors on one side of an event record (a lone actor dict counts as a list of one)."""
    xs = event.get(side) or []
    return [xs] if isinstance(xs, dict) else list(xs)


def event_root(event: dict) -> str:
    return event.get("cameo_root") or (event.get("cameo") or "")[:2]


def actor_matches(actor: dict, countries: Sequence[str], sectors: Sequence[str] | None) -> bool:
    """One system actor against a gold side's acceptable countries/roots and sectors."""
    code = (actor.get("code") or "").upper()
    root = code[:3]
    country = (actor.get("country") or root).upper()
    wanted = {c.upper() for c in countries}
    matched = {r for r in (country, root) if r and r in wanted}
    if not matched:
        return False
    if sectors is None or any(is_non_state_root(r) for r in matched):
        return True
    sector = (actor.get("sector") or "").upper()
    if not sector and "" in sectors:
        return True
    return any(k and (sector.startswith(k.upper()) or code[3:].startswith(k.upper())) for k in sectors)


def side_matches(event: dict, side: str, countries: Sequence[str] | None, sectors: Sequence[str] | None) -> bool:
    """A side of a system event against a gold side: null takes any actor, [] takes none."""
    xs = actors_of(event, side)
    if countries is None:
        return bool(xs)
    if not countries:
        return not xs
    return any(actor_matches(x, countries, sectors) for x in xs)


def date_matches(event_date: str | None, gold_date: str | None) -> bool:
    """Equal dates; a gold month or year takes any day inside it; a null gold date takes anything."""
    if not gold_date:
        return True
    d = event_date or ""
    return d == gold_date or (len(gold_date) < 10 and d.startswith(gold_date))


def mismatches(event: dict, gold: dict) -> tuple[str, ...]:
    """What keeps `event` from matching `gold`: a subset of ("root", "source", "target", "date").

    Source and target are judged in the orientation that fits best (the swapped one only for
    `either_direction` with a gold target); empty means the event matches.
    """
    out = []
    if event_root(event) not in (gold.get("cameo_root") or []):
        out.append("root")

    def sides(src_side: str, tgt_side: str) -> list[str]:
        bad = []
        if not side_matches(event, src_side, gold["source"], gold.get("source_sector")):
            bad.append("source")
        if not side_matches(event, tgt_side, gold["target"], gold.get("target_sector")):
            bad.append("target")
        return bad

    bad = sides("source", "target")
    if bad and gold.get("either_direction") and gold["target"]:
        swapped = sides("target", "source")
        if len(swapped) < len(bad):
            bad = swapped
    out.extend(bad)
    if not date_matches(event.get("date"), gold.get("date")):
        out.append("date")
    return tuple(out)


def event_matches(event: dict, gold: dict) -> bool:
    """The spec's matching rule for one system event record and one gold event."""
    return not mismatches(event, gold)


def locate(text: str, phrase: str) -> tuple[int, int] | None:
    """Where `phrase` (gold evidence) is in `text`: exact, else tolerant of spacing and quote marks."""
    if not phrase:
        return None
    i = text.find(phrase)
    if i >= 0:
        return i, i + len(phrase)
    dq, sq = "[\"\u201c\u201d\u201e]", "['\u2018\u2019]"
    parts = []
    for token in phrase.split():
        parts.append("".join(dq if ch in "\"\u201c\u201d\u201e" else sq if ch in "'\u2018\u2019" else re.escape(ch)
                             for ch in token))
    m = re.search(r"\s+".join(parts), text) if parts else None
    return (m.start(), m.end()) if m else None


def sentence_span(event: dict, text: str) -> tuple[int, int] | None:
    """The character span of an event's sentence: its offsets, else its sentence text found in the article."""
    start, end = event.get("sentence_start"), event.get("sentence_end")
    if isinstance(start, int) and isinstance(end, int) and end > start:
        return start, end
    return locate(text, event.get("sentence") or "")


def _overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _combine(parts: Iterable[str], order: Sequence[str]) -> str:
    return " + ".join(sorted(set(parts), key=order.index))


def _closest(labels: Iterable[str], order: Sequence[str]) -> str | None:
    """The class with the fewest parts (ties: the one whose parts come first in `order`)."""
    ranked = [(len(c.split(" + ")), [order.index(p) for p in c.split(" + ")], c) for c in labels]
    return min(ranked)[2] if ranked else None


def classify_miss(gold: dict, events: Sequence[dict], text: str) -> str:
    """Why a required gold event was not matched, judged from the system events of its evidence's sentence."""
    where = locate(text, gold.get("evidence") or "")
    if where is None:
        return EVIDENCE_NOT_FOUND
    labels = []
    for e in events:
        if not _overlaps(sentence_span(e, text), where):
            continue
        parts = []
        for m in mismatches(e, gold):
            if m == "target":
                parts.append("no target" if not actors_of(e, "target") else "wrong target")
            else:
                parts.append(f"wrong {m}")
        labels.append(_combine(parts, _MISS_PARTS))
    return _closest(labels, _MISS_PARTS) or NO_EVENT_IN_SENTENCE


def classify_wrong(event: dict, golds: Sequence[dict], text: str) -> str:
    """Why a system event matches no gold event, judged against the gold events of its sentence."""
    span = sentence_span(event, text)
    one_sided = not actors_of(event, "target")
    if span is None:
        return NO_SENTENCE
    labels = []
    for g in golds:
        if not _overlaps(span, locate(text, g.get("evidence") or "")):
            continue
        parts = []
        for m in mismatches(event, g):
            if m == "target" and one_sided:
                parts.append("one-sided")
            elif m in ("source", "target"):
                parts.append("wrong actors")
            else:
                parts.append(f"wrong {m}")
        labels.append(_combine(parts, _WRONG_PARTS))
    best = _closest(labels, _WRONG_PARTS)
    if best is not None:
        return best
    return f"one-sided + {NO_GOLD_IN_SENTENCE}" if one_sided else NO_GOLD_IN_SENTENCE


def describe_event(e: dict) -> str:
    src = ",".join(x.get("code") or "?" for x in actors_of(e, "source")) or "-"
    tgt = ",".join(x.get("code") or "?" for x in actors_of(e, "target")) or "-"
    return f"{e.get('cameo')} {src} -> {tgt} {e.get('date')} | {(e.get('sentence') or '')[:90]}"


def describe_gold(g: dict) -> str:
    return (f"{g['id']} {'/'.join(g['cameo_root'])} {g['source']} -> {g['target']} {g.get('date')} | "
            f"{(g.get('evidence') or '')[:90]}")


@dataclass
class ArticleScore:
    """One article's figures, with each miss and wrong event and its error class."""

    article_id: str
    required: int = 0
    found: int = 0
    events: int = 0
    correct: int = 0
    one_sided: int = 0
    leaks: list[str] = field(default_factory=list)  # actor texts that hold a byline/not_actors name
    missed: list[tuple[dict, str]] = field(default_factory=list)  # (required gold event, class)
    wrong: list[tuple[dict, str]] = field(default_factory=list)  # (system event, class)


def score_article(article_id: str, gold: dict, events: Sequence[dict], text: str) -> ArticleScore:
    """Score one article's system events against its gold file's events (see the module docstring)."""
    golds = gold.get("events") or []
    s = ArticleScore(article_id, events=len(events))
    for g in golds:
        if not g.get("required"):
            continue
        s.required += 1
        if any(event_matches(e, g) for e in events):
            s.found += 1
        else:
            s.missed.append((g, classify_miss(g, events, text)))
    for e in events:
        if not actors_of(e, "target"):
            s.one_sided += 1
        if any(event_matches(e, g) for g in golds):
            s.correct += 1
        else:
            s.wrong.append((e, classify_wrong(e, golds, text)))
    names = [n.lower() for n in gold.get("not_actors") or [] if n]
    s.leaks = [x.get("text") or "" for e in events for side in ("source", "target") for x in actors_of(e, side)
               if any(n in (x.get("text") or "").lower() for n in names)]
    return s


@dataclass
class ArticlesReport:
    """The figures `dyads eval articles` prints, per article and in total."""

    name: str
    articles: list[ArticleScore] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # unreadable gold, rejected articles, bad event lines
    events: list[dict] = field(default_factory=list)  # the system events scored, as records

    def _sum(self, attr: str) -> int:
        return sum(getattr(a, attr) for a in self.articles)

    @property
    def required(self) -> int:
        return self._sum("required")

    @property
    def found(self) -> int:
        return self._sum("found")

    @property
    def n_events(self) -> int:
        return self._sum("events")

    @property
    def correct(self) -> int:
        return self._sum("correct")

    @property
    def one_sided(self) -> int:
        return self._sum("one_sided")

    @property
    def leaks(self) -> int:
        return sum(len(a.leaks) for a in self.articles)

    @property
    def recall(self) -> float:
        return self.found / max(1, self.required)

    @property
    def precision(self) -> float:
        return self.correct / max(1, self.n_events)

    @property
    def f1(self) -> float:
        r, p = self.recall, self.precision
        return 2 * r * p / max(1e-9, r + p)

    @property
    def miss_classes(self) -> Counter[str]:
        return Counter(c for a in self.articles for _, c in a.missed)

    @property
    def wrong_classes(self) -> Counter[str]:
        return Counter(c for a in self.articles for _, c in a.wrong)

    def passes(self, min_recall: float = 0.0, min_precision: float = 0.0) -> bool:
        """Both thresholds met and no byline leaks."""
        return self.recall >= min_recall and self.precision >= min_precision and not self.leaks


def read_gold(path: Path) -> dict:
    """One gold file, checked for the keys scoring needs (ValueError says which is missing where)."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(gold, dict) or not isinstance(gold.get("events"), list):
        raise ValueError("no 'events' list")
    for i, g in enumerate(gold["events"]):
        missing = [k for k in _GOLD_KEYS if k not in g]
        if missing:
            raise ValueError(f"event {i + 1} ({g.get('id', '?')}) lacks {', '.join(missing)}")
    return gold


def read_event_lines(path: Path, problems: list[str]) -> list[dict]:
    """Event records from a JSON-lines file; a bad line is named in `problems` and the rest are read."""
    events = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{path}: line {n}: not JSON ({exc.msg}); not scored")
                continue
            if not isinstance(rec, dict):
                problems.append(f"{path}: line {n}: not a JSON object; not scored")
                continue
            events.append(rec)
    return events


def score_articles(
    directory: str | Path,
    events: str | Path | None = None,
    coder: Coder | None = None,
    dict_dirs: Sequence[str] = (),
    default_dict: bool = True,
    model: str | None = None,
    learned: bool = DEFAULT_POLICY.learned,
) -> ArticlesReport:
    """Score the articles of `directory` against their gold files.

    With `events` (a JSON-lines file of event records with `article_id`) those events are scored;
    otherwise every `ID.jsonl` is coded with `coder` (by default a new `Coder` with `dict_dirs`,
    `default_dict`, `model` and the learned filter's pass on or off by `learned`), as `dyads code`
    would, and its events are attributed to `ID`.
    """
    from dyads.ingest import read_inputs
    from dyads.models import Article
    from dyads.runner import format_reject

    directory = Path(directory)
    report = ArticlesReport(name=directory.resolve().name)
    golds: dict[str, dict] = {}
    texts: dict[str, str] = {}
    articles: list[tuple[str, Article]] = []
    for path in sorted(directory.glob(f"*{GOLD_SUFFIX}")):
        aid = path.name[: -len(GOLD_SUFFIX)]
        try:
            gold = read_gold(path)
        except (OSError, ValueError) as exc:  # JSONDecodeError is a ValueError
            report.problems.append(f"{path}: {exc}; article not scored")
            continue
        found = []
        for item in read_inputs([str(directory / f"{aid}{ARTICLE_SUFFIX}")]):
            if isinstance(item, Article):
                found.append(item)
            else:
                report.problems.append(format_reject(item))
        if not found:
            report.problems.append(f"{path}: no readable article {aid}{ARTICLE_SUFFIX} beside it; article not scored")
            continue
        if len(found) > 1:
            report.problems.append(f"{directory / (aid + ARTICLE_SUFFIX)}: {len(found)} records; evidence is looked "
                                   "for in the first, events of all are scored")
        golds[aid], texts[aid] = gold, found[0].text
        articles.extend((aid, a) for a in found)

    by_article: dict[str, list[dict]] = {aid: [] for aid in golds}
    if events is not None:
        records = read_event_lines(Path(events), report.problems)
        stray = Counter(str(r.get("article_id")) for r in records if r.get("article_id") not in by_article)
        for r in records:
            if r.get("article_id") in by_article:
                by_article[r["article_id"]].append(r)
        if stray:
            report.problems.append(f"{events}: {sum(stray.values())} events of {len(stray)} articles with no gold "
                                   f"file in {directory} not scored (e.g. {min(stray)})")
    else:
        if coder is None:
            from dyads.events.filters import EventPolicy
            from dyads.pipeline import Coder

            coder = Coder(dict_dirs=dict_dirs, default_dict=default_dict, policy=EventPolicy(learned=learned),
                          **({"model": model} if model else {}))
        coded = coder.pipe(a for _, a in articles)
        for (aid, _), result in zip(articles, coded, strict=True):
            by_article[aid].extend(e.to_dict() for e in result.events)
    for aid, gold in golds.items():
        report.events.extend(by_article[aid])
        report.articles.append(score_article(aid, gold, by_article[aid], texts[aid]))
    return report


def _classes_table(title: str, counts: Counter[str], total: int) -> list[str]:
    lines = [f"{title} ({sum(counts.values())} of {total}):"]
    lines += [f"  {n:5d}  {c}" for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    parts: Counter[str] = Counter()
    for c, n in counts.items():
        for p in c.split(" + "):
            parts[p] += n
    if any(" + " in c for c in counts):  # classes combine parts: count each part wherever it occurs
        lines.append("  by part: " + ", ".join(f"{p} {n}" for p, n in sorted(parts.items(), key=lambda kv: -kv[1])))
    return lines


def format_report(report: ArticlesReport, verbose: bool = False) -> str:
    """Per-article lines, the error classes, and the totals line (last, as the shared scorer prints it)."""
    lines = [f"  {'article':42s} {'found':>9s} {'correct':>9s} {'one-sided':>9s}"]
    for a in report.articles:
        if verbose:
            lines += [f"    missed {describe_gold(g)}  [{c}]" for g, c in a.missed]
            lines += [f"    wrong  {describe_event(e)}  [{c}]" for e, c in a.wrong]
            lines += [f"    leak   {t}" for t in a.leaks]
        lines.append(f"  {a.article_id[:42]:42s} {a.found:4d}/{a.required:<4d} {a.correct:4d}/{a.events:<4d} "
                     f"{a.one_sided:9d}")
    lines += _classes_table("missed required events by class", report.miss_classes, report.required)
    lines += _classes_table("wrong system events by class", report.wrong_classes, report.n_events)
    lines.append(
        f"articles {report.name}: {len(report.articles)} articles, required recall {report.recall:.1%} "
        f"({report.found}/{report.required}), precision {report.precision:.1%} ({report.correct}/{report.n_events}), "
        f"F1 {report.f1:.1%}, one-sided {report.one_sided}, byline leaks {report.leaks}")
    return "\n".join(lines)


@click.command("articles")
@MODEL_OPTION
@click.argument("directory", metavar="DIR", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--events", "events", default=None, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Score these JSON-lines event records (with article_id) instead of coding DIR's articles.")
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the scored events here as JSON lines (to rescore with --events).")
@click.option("--dict", "dict_dirs", multiple=True, type=click.Path(exists=True, file_okay=False),
              help="Extra dictionary directory (ours or PETRARCH's) to code with; repeatable.")
@click.option("--no-default-dict", is_flag=True, help="Code without dyads' own dictionaries.")
@click.option("-v", "--verbose", is_flag=True,
              help="Per article: missed required events and wrong events, with their class.")
@click.option("--min-recall", default=0.0, type=click.FloatRange(0, 1), show_default=True,
              help="Exit 1 when required recall is below this fraction.")
@click.option("--min-precision", default=0.0, type=click.FloatRange(0, 1), show_default=True,
              help="Exit 1 when precision is below this fraction.")
@click.option("--learned-filter/--no-learned-filter", "learned", default=DEFAULT_POLICY.learned, show_default=True,
              help="Code with the learned event filter's pass on or off (docs/learned.md).")
def command(model: str | None, directory: Path, events: Path | None, output: Path | None, dict_dirs: tuple[str, ...],
            no_default_dict: bool, verbose: bool, min_recall: float, min_precision: float, learned: bool) -> None:
    """Score coded events of whole articles (DIR/ID.jsonl) against reference events (DIR/ID.gold.json).

    Exit status: 1 when a threshold is not met or a byline leaks into an actor, 3 when some input
    was unreadable (named on stderr; the rest is scored), 2 when DIR holds no gold file.
    """
    if not any(directory.glob(f"*{GOLD_SUFFIX}")):
        raise click.UsageError(f"no *{GOLD_SUFFIX} in {directory}")
    report = score_articles(directory, events=events, dict_dirs=dict_dirs, default_dict=not no_default_dict,
                            model=model, learned=learned)
    for p in report.problems:
        click.echo(f"dyads eval articles: {p}", err=True)
    if output is not None:
        from dyads.export.records import EventWriter

        with open(output, "w", encoding="utf-8") as f:
            EventWriter(f, "jsonl").write(report.events)
    click.echo(format_report(report, verbose=verbose))
    if not report.passes(min_recall, min_precision):
        raise SystemExit(1)
    if report.problems:
        raise SystemExit(3)
