"""Actor and agent dictionaries: data files in, one compiled look-up out.

A dictionary directory holds tab-separated files (comments start with `#`):

- `*.actors.tsv`: `phrase  code  kind  name  from  until` — a named actor ("Russia" -> RUS,
  "Sergei Lavrov" -> RUSGOV from 2004-03-09). `from`/`until` (ISO dates, optional) bound the
  period in which the code holds; an entry may repeat with other periods.
- `*.agents.tsv`: `phrase  sector` — role words that give a sector ("foreign minister" -> GOV).
- `*.discards.tsv`: `phrase` — names that are never actors (bylines, news agencies).

Phrases are matched case-insensitively on token boundaries. Our own default dictionary lives in
`dyads/dictionaries/default/`; `--dict DIR` adds more, `--no-default-dict` leaves ours out.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

DEFAULT_DICT_DIR = Path(str(resources.files("dyads.dictionaries").joinpath("default")))


@dataclass(frozen=True)
class ActorEntry:
    phrase: str
    code: str
    kind: str = "country"
    name: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    source: str = ""

    def holds_on(self, day: date | None) -> bool:
        if day is None:
            return True
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_until and day > self.valid_until)


@dataclass(frozen=True)
class AgentEntry:
    phrase: str
    sector: str
    source: str = ""


@dataclass
class ActorDictionary:
    actors: list[ActorEntry] = field(default_factory=list)
    agents: list[AgentEntry] = field(default_factory=list)
    discards: list[str] = field(default_factory=list)
    sources: dict[str, int] = field(default_factory=dict)  # file -> entry count, for `dyads info`

    def extend(self, other: ActorDictionary) -> None:
        self.actors.extend(other.actors)
        self.agents.extend(other.agents)
        self.discards.extend(other.discards)
        self.sources.update(other.sources)


def _rows(path: Path) -> Iterable[list[str]]:
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.reader(f, delimiter="\t"):
            if not row or not row[0].strip() or row[0].lstrip().startswith("#"):
                continue
            yield [c.strip() for c in row]


def _opt_date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def read_dictionary_dir(directory: str | Path) -> ActorDictionary:
    """Read every actor/agent/discard file of one directory."""
    d = ActorDictionary()
    directory = Path(directory)
    for path in sorted(directory.glob("*.actors.tsv")):
        n = 0
        for row in _rows(path):
            row += [""] * (6 - len(row))
            phrase, code, kind, name, start, until = row[:6]
            d.actors.append(
                ActorEntry(phrase, code, kind or "country", name or None, _opt_date(start), _opt_date(until), path.name)
            )
            n += 1
        d.sources[str(path)] = n
    for path in sorted(directory.glob("*.agents.tsv")):
        n = 0
        for row in _rows(path):
            d.agents.append(AgentEntry(row[0], row[1], path.name))
            n += 1
        d.sources[str(path)] = n
    for path in sorted(directory.glob("*.discards.tsv")):
        rows = [r[0] for r in _rows(path)]
        d.discards.extend(rows)
        d.sources[str(path)] = len(rows)
    return d


def load_actor_dictionary(dirs: Sequence[str | Path] = (), default: bool = True) -> ActorDictionary:
    """Our default dictionary (unless `default=False`) plus every directory in `dirs`."""
    out = ActorDictionary()
    for directory in ([DEFAULT_DICT_DIR] if default else []) + [Path(p) for p in dirs]:
        out.extend(read_dictionary_dir(directory))
    return out
