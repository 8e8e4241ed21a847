"""`dyads eval seed [PATH]`: score the coder on the hand-coded example article.

Why: the seed article (Reuters, 2013-07-22) is the project's end-to-end reference; its gold file
lists required events (a good coder must find them) and optional ones (defensible extras that are
not false positives). The matching rule is the one in the gold file's `about` field: a system
event matches a gold event when a source and a target match the gold country and sector lists
(a null list matches anything; either direction when `either_direction`), its CAMEO root is one
of the gold roots, and its date equals the gold date (a null gold date matches any date).

Reported: required events found (recall), and the share of printed events that match some gold
event, required or optional (precision; optional matches are not false positives).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import click

from dyads.eval.options import MODEL_OPTION
from dyads.models import Actor, Event

DEFAULT_GOLD = Path("../shared/seed/lavrov-2013-07-22.gold.json")


@dataclass
class SeedMetrics:
    required: int = 0
    required_found: int = 0
    events: int = 0
    events_matching: int = 0
    found_ids: list[str] = field(default_factory=list)
    missed_ids: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # printed events that match no gold event

    @property
    def recall(self) -> float:
        return self.required_found / self.required if self.required else 0.0

    @property
    def precision(self) -> float:
        return self.events_matching / self.events if self.events else 0.0


def _actor_ok(actors: list[Actor], countries: list[str] | None, sectors: list[str] | None) -> bool:
    if countries is None:
        return True
    for a in actors:
        code = a.code or ""
        country = a.country or code[:3]
        sector = a.sector if a.sector is not None else code[3:6]
        if country in countries and (sectors is None or (sector or "") in sectors):
            return True
    return False


def event_matches(e: Event, g: dict, check_date: bool = True) -> bool:
    """The gold file's matching rule for one system event and one gold event."""
    if g.get("cameo_root") and e.cameo_root not in g["cameo_root"]:
        return False
    if check_date and g.get("date") and e.date != g["date"]:
        return False

    def dyad(src: list[Actor], tgt: list[Actor]) -> bool:
        return _actor_ok(src, g.get("source"), g.get("source_sector")) and _actor_ok(
            tgt, g.get("target"), g.get("target_sector"))

    return dyad(e.source, e.target) or (bool(g.get("either_direction")) and dyad(e.target, e.source))


def score_seed(
    path: str | Path = DEFAULT_GOLD, check_date: bool = True, model: str | None = None, actor_dirs: tuple[str, ...] = ()
) -> SeedMetrics:
    """Code the seed article with the default resources and score it against its gold events.

    `actor_dirs` adds actor dictionaries (ours or PETRARCH's) to the default ones.
    """
    from dyads.ingest import read_inputs
    from dyads.models import Article
    from dyads.pipeline import Coder, Resources, load_actors

    path = Path(path)
    gold = json.loads(path.read_text(encoding="utf-8"))
    # read the article as `dyads code` does: the " date ..." marker is not text
    (article,) = [a for a in read_inputs([str(path.parent / gold["article"])]) if isinstance(a, Article)]
    res = Resources.load()
    if actor_dirs:
        res.actors = load_actors(actor_dirs)
    coder = Coder(resources=res, **({"model": model} if model else {}))
    coded = coder.code_article(article)
    m = SeedMetrics()
    for g in gold["events"]:
        if g.get("required"):
            m.required += 1
            if any(event_matches(e, g, check_date) for e in coded.events):
                m.required_found += 1
                m.found_ids.append(g["id"])
            else:
                m.missed_ids.append(g["id"])
    for e in coded.events:
        m.events += 1
        if any(event_matches(e, g, check_date) for g in gold["events"]):
            m.events_matching += 1
        else:
            src = ",".join(a.code or "?" for a in e.source)
            tgt = ",".join(a.code or "?" for a in e.target)
            m.unmatched.append(f"{e.cameo} {src} -> {tgt} '{e.trigger.text}' ({e.date})")
    return m


def format_report(m: SeedMetrics) -> str:
    return "\n".join([
        f"required events found: {m.required_found}/{m.required} ({m.recall:.0%}); found {' '.join(m.found_ids)}; "
        f"missed {' '.join(m.missed_ids) or 'none'}",
        f"printed events matching gold: {m.events_matching}/{m.events} ({m.precision:.0%})",
        *(f"  unmatched: {u}" for u in m.unmatched),
    ])




@click.command("seed")
@MODEL_OPTION
@click.argument("path", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--ignore-dates", is_flag=True, help="Match without comparing event dates.")
@click.option("--actors", "actor_dirs", multiple=True, type=click.Path(exists=True, file_okay=False),
              help="Add a PETRARCH actor dictionary directory to ours.")
def command(model: str | None, path: str | None, ignore_dates: bool, actor_dirs: tuple[str, ...]) -> None:
    """Score the coder on the seed article's gold events (PATH: the .gold.json file)."""
    click.echo(format_report(score_seed(path or DEFAULT_GOLD, check_date=not ignore_dates, model=model,
                                             actor_dirs=actor_dirs)))
