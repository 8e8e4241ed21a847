"""Actor and agent dictionaries: data files in, one compiled look-up out.

A dictionary directory holds tab-separated files (comments start with `#`):

- `*.actors.tsv`: `phrase  code  kind  name  from  until` — a named actor ("Russia" -> RUS,
  "Sergei Lavrov" -> RUSGOV from 2004-03-09). `code` is a CAMEO-style string: a three-letter root
  (ISO 3166-1 alpha-3 country, or IGO/NGO/IMG/WST/... for non-state actors) followed by three-letter
  parts, of which the first that is a sector code (GOV, MIL, REB, ...) is the actor's sector
  (IGOUNOREF: root IGO, sector REF); `+++` is PETRARCH's actor of unknown code, `A/B` one phrase for
  several actors. `kind` says what the phrase is: country, demonym, capital (a
  capital as metonym), seat (a seat of power or institution of one state: "the Kremlin", "the
  Treasury Department"), title (an office of one state before a name: "Treasury Secretary", "Sen."),
  person, igo, ngo, group, company (a business with its home country: "POSCO" KORBUS), region, pre.
  `name` is the canonical name. `from`/`until` (ISO dates, inclusive, optional) bound the period in
  which the code holds; a phrase may repeat with other periods. On a given day the coder takes a row
  whose period holds, else an undated row, else (a person out of office) the nearest row's code
  without its sector.
- `*.agents.tsv`: `phrase  sector` — role words that give a sector ("foreign minister" -> GOV).
  Regular plurals are matched too ("rebel" matches "rebels", "militiaman" "militiamen").
- `*.discards.tsv`: `phrase  code` — names that are never actors (news agencies and outlets). The
  optional `code` is an outlet's home country and sector ("CNN" USAMED): the outlet itself stays no
  actor (it reports), but its people are ("CNN's Ben Wedeman", "New York Times journalists" -> USAMED).

Matching is case-insensitive on token boundaries, with one guard: a capitalised word in the
dictionary needs a capital in the text ("Amnesty", not "amnesty"), and an all-capitals word needs
all capitals ("US", "WHO", not "us", "who"). Our own default dictionary lives in
`dyads/dictionaries/default/`; `--dict DIR` adds more, `--no-default-dict` leaves ours out. Entries
read later take precedence for the same phrase, so a user directory can override ours.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

from dyads.models import Actor

DEFAULT_DICT_DIR = Path(str(resources.files("dyads.dictionaries").joinpath("default")))


SECTORS: frozenset[str] = frozenset(
    "GOV MIL COP OPP REB INS JUD LEG PTY BUS MED REF CVL REL EDU HLH LAB NGO IGO SPY UAF CRM AGR ELI PRE "
    "PRM SOC JRN UNK HRI ENV DEV SEP MNC".split()
)
"""Sector codes (CAMEO agents and PLOVER sectors): a code part that is one of these is a sector."""


def split_code(code: str) -> tuple[str | None, str | None]:
    """(root, sector) of a CAMEO-style code: "RUSGOV" -> ("RUS", "GOV"), "IGOUNOREF" -> ("IGO", "REF")."""
    if not code:
        return None, None
    root = code[:3]
    for i in range(3, len(code) - 2, 3):
        if code[i : i + 3] in SECTORS:
            return root, code[i : i + 3]
    return root, None


UNKNOWN_ACTOR = "+++"
"""PETRARCH's (and TABARI's) code for a phrase that is an actor whose code is not known: it is coded as
such ("+++" is the source of "The Nasgul said ..." in PETRARCH's validation suite), unlike "---", no actor."""


@dataclass(frozen=True)
class LeftOut:
    """A dictionary record that was read and not used: where it is, why, and its text (kept for the user)."""

    file: str
    line: int
    reason: str
    text: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


def code_problem(code: str) -> str | None:
    """Why `code` cannot be an actor code, or None when it can.

    A code is a three-character root (a letter and letters or digits: RUS, G77; or UNKNOWN_ACTOR) and
    further letters or digits; `A/B/C`
    (PETRARCH: one phrase for several actors) is several such codes.
    """
    for part in code.split("/"):
        root, rest = part[:3], part[3:]
        if len(root) < 3 or not ((root[0].isalpha() and root.isalnum()) or root == UNKNOWN_ACTOR) or (
                rest and not rest.isalnum()):
            return f"needs a code of three letters or more (or {UNKNOWN_ACTOR}), got {code!r}"
    return None


def period_problem(valid_from: date | None, valid_until: date | None) -> str | None:
    """Why a validity period cannot hold on any day, or None when it can."""
    if valid_from and valid_until and valid_from > valid_until:
        return f"period {valid_from}..{valid_until} ends before it starts"
    return None


@dataclass(frozen=True)
class ActorEntry:
    """One row of an actors file: a phrase that names an actor, with its code and validity period."""

    phrase: str
    code: str
    kind: str = "country"
    name: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    source: str = ""

    def holds_on(self, day: date | None) -> bool:
        """True when the code is valid on `day` (always, when the day is unknown)."""
        if day is None:
            return True
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_until and day > self.valid_until)


@dataclass(frozen=True)
class AgentEntry:
    """One row of an agents file: a role word and the sector it gives."""

    phrase: str
    sector: str
    source: str = ""


@dataclass
class ActorDictionary:
    """All entries of the dictionary directories in use, in reading order."""

    actors: list[ActorEntry] = field(default_factory=list)
    agents: list[AgentEntry] = field(default_factory=list)
    discards: list[str] = field(default_factory=list)
    # lower-cased discarded outlet -> its home country and sector ("cnn" -> "USAMED"), for its journalists
    outlets: dict[str, str] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)  # file -> entry count, for `dyads info`
    left_out: list[LeftOut] = field(default_factory=list)  # records read and not used, each with its reason
    # "anti-Assad insurgents" -> SYRREB is our dictionaries' rule; PETRARCH's code "an anti- Gondor parade" GON
    anti_prefix: bool = True
    # role words get a regular plural ("minister" -> "ministers"); PETRARCH's agent files list their plurals
    # themselves and `{}` says there is none ("police", not "polices")
    auto_plurals: bool = True
    # a bare role word takes the country its sentence or article is about ("the government" -> SYRGOV); PETRARCH
    # codes it as it reads, without a country ("students" -> ---EDU)
    country_from_context: bool = True
    # a role word that only modifies another noun ("the official news agency") codes the phrase: PETRARCH
    # looks for agent words anywhere in a noun phrase; ours need the role word to be the noun ("officials")
    agent_modifiers: bool = False

    def extend(self, other: ActorDictionary) -> None:
        self.anti_prefix = self.anti_prefix and other.anti_prefix
        self.auto_plurals = self.auto_plurals and other.auto_plurals
        self.country_from_context = self.country_from_context and other.country_from_context
        self.agent_modifiers = self.agent_modifiers or other.agent_modifiers
        self.actors.extend(other.actors)
        self.agents.extend(other.agents)
        self.discards.extend(other.discards)
        self.outlets.update(other.outlets)
        self.sources.update(other.sources)
        self.left_out.extend(other.left_out)


class DictionaryError(ValueError):
    """A dictionary file row that cannot be read, with its file and line."""


def _rows(path: Path) -> Iterable[tuple[int, list[str]]]:
    with open(path, encoding="utf-8", newline="") as f:
        for lineno, row in enumerate(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
            if not row or not row[0].strip() or row[0].lstrip().startswith("#"):
                continue
            yield lineno, [c.strip() for c in row]


def _opt_date(value: str, where: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise DictionaryError(f"{where}: {value!r} is not an ISO date (YYYY-MM-DD)") from None


def read_dictionary_dir(directory: str | Path) -> ActorDictionary:
    """Read every actor/agent/discard file of one directory; a malformed row raises DictionaryError."""
    d = ActorDictionary()
    directory = Path(directory)
    if not directory.is_dir():
        raise DictionaryError(f"{directory}: not a directory")
    for path in sorted(directory.glob("*.actors.tsv")):
        n = 0
        for lineno, row in _rows(path):
            where = f"{path}:{lineno}"
            row += [""] * (6 - len(row))
            phrase, code, kind, name, start, until = row[:6]
            problem = code_problem(code.upper())
            if problem:
                raise DictionaryError(f"{where}: {phrase!r} {problem}")
            entry = ActorEntry(phrase, code.upper(), kind or "country", name or None, _opt_date(start, where),
                               _opt_date(until, where), path.name)
            problem = period_problem(entry.valid_from, entry.valid_until)
            if problem:
                raise DictionaryError(f"{where}: {phrase!r} {problem}")
            d.actors.append(entry)
            n += 1
        d.sources[str(path)] = n
    for path in sorted(directory.glob("*.agents.tsv")):
        n = 0
        for lineno, row in _rows(path):
            if len(row) < 2 or not row[1]:
                raise DictionaryError(f"{path}:{lineno}: {row[0]!r} needs a sector")
            d.agents.append(AgentEntry(row[0], row[1].upper(), path.name))
            n += 1
        d.sources[str(path)] = n
    for path in sorted(directory.glob("*.discards.tsv")):
        n = 0
        for lineno, row in _rows(path):
            d.discards.append(row[0])
            n += 1
            if len(row) > 1 and row[1]:
                problem = code_problem(row[1].upper())
                if problem:
                    raise DictionaryError(f"{path}:{lineno}: {row[0]!r} {problem}")
                d.outlets[row[0].lower()] = row[1].upper()
        d.sources[str(path)] = n
    return d


def load_actor_dictionary(dirs: Sequence[str | Path] = (), default: bool = True) -> ActorDictionary:
    """Our default dictionary (unless `default=False`) plus every directory in `dirs`."""
    out = ActorDictionary()
    for directory in ([DEFAULT_DICT_DIR] if default else []) + [Path(p) for p in dirs]:
        out.extend(read_dictionary_dir(directory))
    return out


def choose_entry(entries: Sequence[ActorEntry], day: date | None) -> tuple[ActorEntry, str]:
    """The row of one phrase that holds on `day`, with its code on that day.

    Dated rows whose period holds win (later-read rows first, so user dictionaries override ours),
    then undated rows; when neither exists (a person out of office) the nearest row's code without its
    sector: Sergei Lavrov in 2003 is RUS, not RUSGOV; Jean-Claude Trichet in 2013 IGOEUREEC.
    """
    holding = [e for e in entries if (e.valid_from or e.valid_until) and e.holds_on(day)]
    if holding:
        return holding[-1], holding[-1].code
    undated = [e for e in entries if not (e.valid_from or e.valid_until)]
    if undated:
        return undated[-1], undated[-1].code
    if day is None:
        return entries[-1], entries[-1].code

    def distance(e: ActorEntry) -> int:
        if e.valid_from and day < e.valid_from:
            return (e.valid_from - day).days
        if e.valid_until and day > e.valid_until:
            return (day - e.valid_until).days
        return 0

    nearest = min(entries, key=distance)
    return nearest, _without_sector(nearest.code)


def _without_sector(code: str) -> str:
    """A code up to its first sector: "RUSGOV" -> "RUS", "IGOEUREECGOV" -> "IGOEUREEC" (a former ECB president
    is still of the ECB's bloc, not only "IGO")."""
    for i in range(3, len(code) - 2, 3):
        if code[i : i + 3] in SECTORS:
            return code[:i]
    return code[:3]


@dataclass
class Lookup:
    """What the dictionary says about one phrase on one day (for `dyads dict lookup`)."""

    phrase: str
    day: date | None
    code: str | None
    entry: ActorEntry | None
    candidates: list[ActorEntry]
    sector_words: list[AgentEntry]

    def explain(self) -> str:
        """One line per fact: the code chosen and every row that was considered."""
        lines = [f"{self.phrase!r} on {self.day.isoformat() if self.day else 'any date'}: {self.code or 'no code'}"]
        for e in self.candidates:
            period = f"{e.valid_from or ''}..{e.valid_until or ''}" if (e.valid_from or e.valid_until) else "always"
            mark = "*" if e is self.entry else " "
            lines.append(f" {mark} {e.code:<10} {e.kind:<8} {period:<23} {e.name or ''} ({e.source})")
        for a in self.sector_words:
            lines.append(f"   sector {a.sector} from role word {a.phrase!r} ({a.source})")
        return "\n".join(lines)


def lookup(dictionary: ActorDictionary, phrase: str, day: date | None = None) -> Lookup:
    """The code `phrase` gets on `day` and why (exact phrase, case-insensitive)."""
    key = phrase.strip().lower()
    candidates = [e for e in dictionary.actors if e.phrase.lower() == key]
    agents = [a for a in dictionary.agents if a.phrase.lower() == key]
    if candidates:
        entry, code = choose_entry(candidates, day)
        return Lookup(phrase, day, code, entry, candidates, agents)
    return Lookup(phrase, day, agents[-1].sector if agents else None, None, [], agents)


# a state's missions abroad: an embassy named with no state of its own is not of the country it stands in
MISSION_WORDS = {"embassy", "embassies", "consulate", "consulates"}


SEVERAL_STATES = "of several states"


def several_states(actor: Actor) -> bool:
    """A role the text says is of several states ("ministers from the world's 20 biggest economies"): no one
    country of its sentence, story or place is theirs (`actors.recognize` notes it in the actor's source)."""
    return not actor.country and SEVERAL_STATES in (actor.source or "")


def foreign_mission(actor: Actor) -> bool:
    """An embassy or consulate the text gives no state ("crowds ransacked empty embassies in Tripoli"): whose
    it is, is not said, and the country it stands in (of its sentence, place or story) is not it."""
    words = (actor.text or "").lower().split()
    return not actor.country and bool(words) and words[-1] in MISSION_WORDS
