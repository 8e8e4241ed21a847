"""`dyads eval plover PATH`: event type and actor accuracy on PLOVER gold-standard records.

Why: the PLOVER GSR sentences (one hand-coded event each, with source and target actors) measure
our own dictionaries on real news wording. Each record is coded alone with its date; the system's
answer for the record is its most confident event that has a PLOVER type (CAMEO 01 statements have
none). Measured:

- event type correct: that event's PLOVER type equals the gold type (older gold labels are read
  as the current ones: DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT);
- any-event type: some coded event of the record has the gold type;
- source / target match: among records whose gold names that role, the answer's actors include a
  gold actor's country (CAMEO's legacy country codes are read as ISO 3166 alpha-3).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import click

from dyads.eval.options import MODEL_OPTION, PLOVER_OLD_LABELS
from dyads.events.filters import EventPolicy
from dyads.ingest.dates import parse_date
from dyads.models import Actor, Article, Event

# CAMEO country codes that differ from ISO 3166-1 alpha-3 (CAMEO manual, country list)
CAMEO_TO_ISO = {"JAP": "JPN", "ROM": "ROU", "UKG": "GBR", "DRC": "COD", "GMW": "DEU", "SER": "SRB", "TMP": "TLS",
                "ZAR": "COD", "BUL": "BGR", "LEB": "LBN", "UAE": "ARE", "ZAM": "ZMB", "ZBW": "ZWE"}

ONE_SIDED = EventPolicy(one_sided=True, bare_sectors=True)


@dataclass
class PloverMetrics:
    records: int = 0
    type_correct: int = 0
    type_any: int = 0
    no_event: int = 0
    source_total: int = 0
    source_match: int = 0
    target_total: int = 0
    target_match: int = 0
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)  # gold -> predicted -> count
    misses: list[str] = field(default_factory=list)


def _country(code: str | None) -> str:
    c = (code or "")[:3].upper()
    return CAMEO_TO_ISO.get(c, c)


def _answer(events: list[Event]) -> Event | None:
    typed = [e for e in events if e.plover]
    return max(typed, key=lambda e: e.confidence) if typed else None


def _matches(actors: list[Actor], gold: list[dict]) -> bool:
    gold = gold if isinstance(gold, list) else [gold]
    want = {_country(g.get("code") if isinstance(g, dict) else str(g)) for g in gold}
    return any(_country(a.country or a.code) in want for a in actors)


def score_plover(
    path: str | Path, limit: int | None = None, actor_dirs: tuple[str, ...] = (), model: str | None = None
) -> PloverMetrics:
    """Code each gold sentence with our default dictionaries and compare with its gold event.

    `actor_dirs` adds actor dictionaries (ours or PETRARCH's) without adding their verb patterns,
    so the event patterns measured stay our own.
    """
    from dyads.pipeline import Coder, Resources, load_actors

    res = Resources.load()
    if actor_dirs:
        res.actors = load_actors(actor_dirs)
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    records = data["records"] if isinstance(data, dict) else data
    records = records[:limit] if limit else records
    # this gold codes acts without a target too (one event per example, GDELT-style): keep them
    coder = Coder(stages=("times", "actors", "coref", "events"), resources=res, policy=ONE_SIDED,
                  **({"model": model} if model else {}))
    articles = [Article(id=r["id"], text=r["text"], publication_date=parse_date(r.get("date") or "") or None)
                for r in records]
    m = PloverMetrics()
    for rec, coded in zip(records, coder.pipe(articles), strict=True):
        gold = PLOVER_OLD_LABELS.get(rec["event"], rec["event"])
        best = _answer(coded.events)
        got = best.plover if best else None
        m.records += 1
        m.type_correct += got == gold
        m.type_any += any(e.plover == gold for e in coded.events)
        m.no_event += best is None
        m.confusion.setdefault(gold, {}).setdefault(got or "-", 0)
        m.confusion[gold][got or "-"] += 1
        if rec.get("source"):
            m.source_total += 1
            m.source_match += bool(best and _matches(best.source, rec["source"]))
        if rec.get("target"):
            m.target_total += 1
            m.target_match += bool(best and _matches(best.target, rec["target"]))
        if got != gold:
            m.misses.append(f"{rec['id']}: gold {gold}, got {got} ({best.rule if best else 'no event'}): {rec['text']}")
    return m


def _pct(a: int, b: int) -> str:
    return f"{a / b:.1%} ({a}/{b})" if b else "n/a"


def format_report(m: PloverMetrics, misses: bool = False) -> str:
    lines = [
        f"PLOVER GSR records: {m.records}",
        f"event type correct:   {_pct(m.type_correct, m.records)}",
        f"type among any event: {_pct(m.type_any, m.records)}",
        f"no typed event:       {_pct(m.no_event, m.records)}",
        f"source actor match:   {_pct(m.source_match, m.source_total)}",
        f"target actor match:   {_pct(m.target_match, m.target_total)}",
        "",
        "gold type: predicted counts",
    ]
    for gold, row in sorted(m.confusion.items()):
        lines.append(f"  {gold:<10} " + ", ".join(f"{k} {v}" for k, v in sorted(row.items(), key=lambda kv: -kv[1])))
    if misses:
        lines += ["", "misses:"] + m.misses
    return "\n".join(lines)




@click.command("plover")
@MODEL_OPTION
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", type=int, default=None, help="Score only the first N records.")
@click.option("--misses", is_flag=True, help="List every record whose type was missed.")
@click.option("--actors", "actor_dirs", multiple=True, type=click.Path(exists=True, file_okay=False),
              help="Add an actor dictionary directory (ours or PETRARCH's); verb patterns stay ours.")
def command(model: str | None, path: str, limit: int | None, misses: bool, actor_dirs: tuple[str, ...]) -> None:
    """Score event types and actors on PLOVER gold-standard records (PATH: dev.json)."""
    click.echo(format_report(score_plover(path, limit, actor_dirs, model=model), misses))
