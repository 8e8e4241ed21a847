"""`dyads eval cameo-examples`: code the example sentences of the CAMEO codebook.

Why: the codebook gives one example sentence for 277 of its codes; coding each and comparing with
the code it illustrates tests that our pattern dictionary reaches the whole codebook, code by code.
The system's answer for a sentence is its most confident event whose trigger is not a bare
statement verb (the examples illustrate the act, not the "said" around it), else its most
confident event. Measured: CAMEO root correct, full code correct, and whether the right root is
among any of the sentence's events. 46 examples carry the codebook authors' "Note: ..." on how
they were coded (who is the target, how many events); that commentary is not example text and is
cut before coding, else its own sentences ("... are coded with actors reversed") would be coded.

The sentences are read at run time from `cameo-codes.csv` (andybega/icews, MIT, from the CAMEO
manual); nothing of it is stored in the repository.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

import click

from dyads.eval.options import MODEL_OPTION
from dyads.events.filters import EventPolicy
from dyads.models import Article, Event

DEFAULT_CSV = Path("../shared/eval/cameo/cameo-codes.csv")

ONE_SIDED = EventPolicy(one_sided=True, bare_sectors=True)


@dataclass
class ExampleMetrics:
    examples: int = 0
    root_correct: int = 0
    code_correct: int = 0
    root_any: int = 0
    no_event: int = 0
    misses: list[str] = field(default_factory=list)


def example_text(example: str) -> str:
    """The example sentence without the codebook's trailing "Note: ..." commentary."""
    return re.split(r"\s*\bNote:", example, maxsplit=1)[0].strip()


def _answer(events: list[Event]) -> Event | None:
    acts = [e for e in events if e.cameo != "010"]
    pool = acts or events
    return max(pool, key=lambda e: e.confidence) if pool else None


def score_cameo_examples(
    path: str | Path = DEFAULT_CSV, actor_dirs: tuple[str, ...] = (), model: str | None = None
) -> ExampleMetrics:
    """Code every example sentence with our default dictionaries (plus `actor_dirs` actors)."""
    from dyads.pipeline import Coder, Resources, load_actors

    with open(path, encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r.get("example") and r["example"] != "NA"]
    res = Resources.load()
    if actor_dirs:
        res.actors = load_actors(actor_dirs)
    # this gold codes acts without a target too (one event per example, GDELT-style): keep them
    coder = Coder(stages=("actors", "coref", "events"), resources=res, policy=ONE_SIDED,
                  **({"model": model} if model else {}))
    articles = [Article(id=r["code"], text=example_text(r["example"])) for r in rows]
    m = ExampleMetrics()
    for row, coded in zip(rows, coder.pipe(articles), strict=True):
        code = row["code"].strip()
        best = _answer(coded.events)
        m.examples += 1
        m.no_event += best is None
        m.root_correct += bool(best and best.cameo_root == code[:2])
        m.code_correct += bool(best and best.cameo == code)
        m.root_any += any(e.cameo_root == code[:2] for e in coded.events)
        if not best or best.cameo != code:
            got = f"{best.cameo} ({best.rule})" if best else "no event"
            m.misses.append(f"{code}: got {got}: {example_text(row['example'])}")
    return m


def format_report(m: ExampleMetrics, misses: bool = False) -> str:
    def pct(a: int) -> str:
        return f"{a / m.examples:.1%} ({a}/{m.examples})" if m.examples else "n/a"

    lines = [f"CAMEO codebook examples: {m.examples}", f"root correct:    {pct(m.root_correct)}",
             f"code correct:    {pct(m.code_correct)}", f"root among any:  {pct(m.root_any)}",
             f"no event:        {pct(m.no_event)}"]
    return "\n".join(lines + (["", "misses:", *m.misses] if misses else []))


@click.command("cameo-examples")
@MODEL_OPTION
@click.argument("path", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--actors", "actor_dirs", multiple=True, type=click.Path(exists=True, file_okay=False),
              help="Add an actor dictionary directory (ours or PETRARCH's); verb patterns stay ours.")
@click.option("--misses", is_flag=True, help="List every example not coded with its own code.")
def command(model: str | None, path: str | None, actor_dirs: tuple[str, ...], misses: bool) -> None:
    """Code the CAMEO codebook's example sentences (PATH: cameo-codes.csv)."""
    click.echo(format_report(score_cameo_examples(path or DEFAULT_CSV, actor_dirs, model), misses))
