"""Score actor coding against PLOVER gold-standard records (`../shared/eval/plover-gsr/dev.json`).

Each record is one sentence with its gold source and target actors (`actorText`, `code`, `sector`).
We run the actor stage alone on the sentence (dated with the record's date), find the actor mention
that covers each gold `actorText`, and compare codes. Per field (source, target) a record counts as
correct when every gold actor of that field is found with the right country (root) code; sector
figures are over gold actors that have a plain three-letter sector.

Gold country codes are CAMEO-era in places; `CODE_ALIASES` maps the few that differ from ISO 3166
(JAP = JPN, ITL = ITA). Gold sectors are PLOVER's, ours CAMEO's: `SECTOR_ALIASES` maps them. Codes
are compared on the root: our UN is IGOUNO (root IGO, as the gold's IGO); the gold also puts the Red
Cross and Amnesty under IGO, where we (and CAMEO) have NGO, and those count as misses.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import click

from dyads.actors import ActorDictionary, find_actors, load_actor_dictionary
from dyads.eval.options import PLOVER_OLD_LABELS
from dyads.models import Actor, Article
from dyads.nlp import load_nlp

CODE_ALIASES = {"JAP": "JPN", "ITL": "ITA"}
"""CAMEO-era country codes in the gold -> ISO 3166-1 alpha-3."""

SECTOR_ALIASES = {"MED": "HLH", "JRN": "MED", "CIV": "CVL"}
"""The gold's PLOVER sector codes -> our CAMEO ones: PLOVER's MED is health (CAMEO HLH), its JRN is media
(CAMEO MED); CIV is a misspelling of CVL in the gold."""


@dataclass
class FieldScore:
    """Counts for one field (source or target) over the records that have gold for it."""

    records: int = 0
    country_correct: int = 0
    found: int = 0  # records where every gold actor overlaps some actor of ours
    actors: int = 0
    actors_country_correct: int = 0
    sectors: int = 0
    sectors_correct: int = 0

    @property
    def country_accuracy(self) -> float:
        return self.country_correct / self.records if self.records else 0.0

    @property
    def found_rate(self) -> float:
        return self.found / self.records if self.records else 0.0

    @property
    def sector_accuracy(self) -> float:
        return self.sectors_correct / self.sectors if self.sectors else 0.0


@dataclass
class Miss:
    """One gold actor we did not code right, for the error listing."""

    record_id: str
    field: str
    gold_text: str
    gold_code: str
    gold_sector: str | None
    ours: str | None
    our_text: str | None
    source: str | None


@dataclass
class Metrics:
    """Per-field figures of one run over a PLOVER file."""

    path: str
    records: int
    source: FieldScore = field(default_factory=FieldScore)
    target: FieldScore = field(default_factory=FieldScore)
    misses: list[Miss] = field(default_factory=list)


def _gold_actors(value: Any) -> list[dict[str, Any]]:
    """The gold actors of a field; the file has lists of dicts, but also null and bare strings."""
    if not isinstance(value, list):
        return []
    return [a for a in value if isinstance(a, dict) and a.get("code") and a.get("actorText", "").strip()]


def _gold_span(text: str, actor_text: str) -> tuple[int, int] | None:
    """Where the gold `actorText` is in the sentence; elided texts ("Sierra Leonean ... refugees") by parts."""
    actor_text = " ".join(actor_text.split())
    i = text.find(actor_text)
    if i >= 0:
        return i, i + len(actor_text)
    # elided ("Sierra Leonean ... refugees"): the first part names the actor
    parts = [p.strip(" .") for p in actor_text.replace("..", "\u2026").split("\u2026") if p.strip(" .")]
    if len(parts) > 1:
        first = text.find(parts[0])
        if first >= 0:
            return first, first + len(parts[0])
    # the first gold word found in the text as a word ("US forces" in "US and British forces"), else a text
    # word sharing its first four letters (the gold's "Ghanians" for the text's "Ghanaians")
    for w in actor_text.split():
        m = re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", text)
        if m:
            return m.start(), m.end()
    for w in actor_text.split():
        m = re.search(r"\b" + re.escape(w[:4]) + r"\w*", text) if len(w) >= 5 else None
        if m:
            return m.start(), m.end()
    return None


def _best_actor(actors: list[Actor], start: int, end: int) -> Actor | None:
    """Our actor for a gold span: among those that overlap it, the one sharing the most characters,
    preferring the shorter mention on ties (so "Romanian" in "Hungarian and Romanian officials")."""
    best: tuple[int, int] | None = None
    choice = None
    for a in actors:
        if not a.code or a.kind == "pronoun":
            continue
        overlap = min(end, a.end) - max(start, a.start)
        if overlap <= 0:
            continue
        key = (overlap, -(a.end - a.start))
        if best is None or key > best:
            best, choice = key, a
    return choice


def _norm_country(code: str | None) -> str | None:
    if not code:
        return None
    root = code[:3].upper()
    return CODE_ALIASES.get(root, root)


def score_plover(
    path: str | Path,
    dictionary: ActorDictionary | None = None,
    limit: int | None = None,
) -> Metrics:
    """Actor country and sector accuracy on a PLOVER gold-standard file."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    records = data["records"] if isinstance(data, dict) else data
    if limit:
        records = records[:limit]
    nlp = load_nlp()
    dictionary = dictionary or load_actor_dictionary()
    metrics = Metrics(path=str(path), records=len(records))
    texts = [r["text"] for r in records]
    for record, doc in zip(records, nlp.pipe(texts, batch_size=64), strict=True):
        day = None
        if record.get("date"):
            try:
                day = date.fromisoformat(record["date"][:10])
            except ValueError:
                day = None
        article = Article(id=record.get("id", ""), text=record["text"], publication_date=day)
        actors = find_actors(doc, article, dictionary)
        for name in ("source", "target"):
            gold = _gold_actors(record.get(name))
            if not gold:
                continue
            score: FieldScore = getattr(metrics, name)
            score.records += 1
            all_right, all_found = True, True
            for g in gold:
                score.actors += 1
                span = _gold_span(record["text"], g["actorText"])
                ours = _best_actor(actors, *span) if span else None
                if ours is None:
                    all_found = False
                right = ours is not None and _norm_country(ours.country) == _norm_country(g["code"])
                score.actors_country_correct += right
                gold_sector = (g.get("sector") or "")[:3].upper()
                if gold_sector and gold_sector.isalpha():
                    gold_sector = SECTOR_ALIASES.get(gold_sector, gold_sector)
                    score.sectors += 1
                    score.sectors_correct += ours is not None and (ours.sector or "") == gold_sector
                if not right:
                    all_right = False
                    metrics.misses.append(Miss(record.get("id", ""), name, g["actorText"], g["code"],
                                               g.get("sector"), ours.code if ours else None,
                                               ours.text if ours else None, ours.source if ours else None))
            score.country_correct += all_right
            score.found += all_found
    return metrics


@dataclass
class EventMetrics:
    """Per-field figures of the full coder's first event per record against the gold event."""

    records: int = 0
    with_event: int = 0
    source_records: int = 0
    source_country: int = 0
    target_records: int = 0
    target_country: int = 0
    event_type: int = 0


def score_plover_events(path: str | Path, limit: int | None = None) -> EventMetrics:
    """Run the whole Coder on each gold sentence and compare its first event with the gold record.

    Source (target) is right when the countries of the event's source (target) actors equal the
    gold's; the event type is right when the event's PLOVER type is the gold's (older names mapped).
    This measures actors and events together, so it is below the actor-only figures.
    """
    from dyads.pipeline import Coder

    data = json.loads(Path(path).read_text(encoding="utf-8"))
    records = data["records"] if isinstance(data, dict) else data
    if limit:
        records = records[:limit]
    coder = Coder()
    m = EventMetrics(records=len(records))
    for record in records:
        coded = coder.code(record["text"], date=(record.get("date") or None), id=record.get("id", "record"))
        event = coded.events[0] if coded.events else None
        m.with_event += event is not None
        gold_source = {_norm_country(a["code"]) for a in _gold_actors(record.get("source"))}
        gold_target = {_norm_country(a["code"]) for a in _gold_actors(record.get("target"))}
        if gold_source:
            m.source_records += 1
            m.source_country += event is not None and {_norm_country(a.country) for a in event.source} == gold_source
        if gold_target:
            m.target_records += 1
            m.target_country += event is not None and {_norm_country(a.country) for a in event.target} == gold_target
        gold_type = PLOVER_OLD_LABELS.get(record.get("event", ""), record.get("event", ""))
        m.event_type += event is not None and (event.plover or "") == gold_type
    return m


def format_event_report(m: EventMetrics) -> str:
    """The event-level table (whole pipeline)."""

    def pct(a: int, b: int) -> str:
        return f"{a / b:.1%}" if b else "n/a"

    return "\n".join([
        f"PLOVER events, whole pipeline, first event per record ({m.records} records)",
        f"  records with an event   {pct(m.with_event, m.records):>7}",
        f"  source countries        {pct(m.source_country, m.source_records):>7}  of {m.source_records}",
        f"  target countries        {pct(m.target_country, m.target_records):>7}  of {m.target_records}",
        f"  PLOVER event type       {pct(m.event_type, m.records):>7}  of {m.records}",
    ])


def format_report(metrics: Metrics, errors: bool = False) -> str:
    """The per-field table, and the misses when asked."""
    lines = [f"PLOVER actors: {metrics.path} ({metrics.records} records)",
             f"{'field':<8}{'records':>9}{'country':>10}{'found':>9}{'actors':>8}{'actor cty':>11}{'sector':>9}"]
    for name in ("source", "target"):
        s: FieldScore = getattr(metrics, name)
        actor_acc = s.actors_country_correct / s.actors if s.actors else 0.0
        lines.append(f"{name:<8}{s.records:>9}{s.country_accuracy:>10.1%}{s.found_rate:>9.1%}{s.actors:>8}"
                     f"{actor_acc:>11.1%}{s.sector_accuracy:>9.1%}")
    lines.append("country: records whose every gold actor has our country code; found: every gold actor overlaps"
                 " one of ours; sector: gold actors with a sector, coded with that sector")
    if errors:
        for m in metrics.misses:
            lines.append(f"  {m.record_id} {m.field}: {m.gold_text!r} gold {m.gold_code}{m.gold_sector or ''}"
                         f" ours {m.ours} {m.our_text!r} [{m.source}]")
    return "\n".join(lines)


@click.command("plover-actors")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--dict", "dict_dirs", multiple=True, type=click.Path(exists=True, file_okay=False),
              help="Extra dictionary directory (repeatable).")
@click.option("--limit", type=int, default=None, help="Score only the first N records.")
@click.option("--errors", is_flag=True, help="List every gold actor we coded wrong.")
@click.option("--events", is_flag=True, help="Also run the whole pipeline and score its first event per record.")
def command(file: str, dict_dirs: tuple[str, ...], limit: int | None, errors: bool, events: bool) -> None:
    """Actor country/sector accuracy on a PLOVER gold-standard FILE, per field (source, target)."""
    metrics = score_plover(file, load_actor_dictionary(dict_dirs), limit=limit)
    click.echo(format_report(metrics, errors=errors))
    if events:
        click.echo(format_event_report(score_plover_events(file, limit=limit)))
