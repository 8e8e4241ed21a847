"""`dyads eval petrarch FILE.xml`: run a PETRARCH validation suite with its own dictionaries.

Why: PETRARCH2 and UD-PETRARCH are measured on these functional-test records (stylised sentences
with Tolkien-named actors, each naming its expected events), so running them lets us compare.
The `<Environment>` block names the verb, actor, agent and discard files beside the XML; they are
imported with `dyads.dictionaries.petrarch` and used instead of our own dictionaries.

Scoring follows UD-PETRARCH's validation table, per category and in total: every expected event
(code, source, target) that is coded is `correct`, every one that is not is `uncoded`, every coded
source-target-code triple that is not expected is `extra`; a record marked `noevents` counts one
`correct` when nothing is coded. recall = correct / (correct + uncoded); extra-event rate =
extra / records. Records with `evaluate="false"` and categories left out of `<Include>` are skipped.

PETRARCH conventions the scorer follows, because the files rely on them:

- a record whose `<EventCoding error="...">` names an input error (a discarded story or sentence,
  a bad parse, a dateline) expects nothing to be coded, like `noevents`;
- `<Config option="require_dyad" value="false"/>` between records switches one-sided events on for
  the records that follow (when the suite's verb file is PETRARCH-1's, or with `--one-sided`; never
  with `--dyads-only`): an event without a target actor is then coded with target `---`;
- `<Config option="comma_min" value="4"/>` and the other comma_* options (with a PETRARCH-1 verb file):
  comma-delimited clauses of those lengths (PETRARCH-1's defaults, 2-8 words internal and terminal,
  none initial, until a record changes them) are deleted before coding, as PETRARCH-1 did;
- `<Config option="new_actor_length" value="N"/>` does the same for PETRARCH's new actors: an uncoded
  subject or object phrase of at most N words is coded by its words (`"THE MINISTRY OF MAGIC"`);
- PETRARCH's discard file names phrases that stop a sentence (`+`: the whole story) from being coded;
- `_` between two words of a record's text ("Dol_Amroth") is read as a space, as the record's parse
  (which PETRARCH codes) splits it;
- an actor code `A/B/C` (one phrase standing for several actors) is compared as written when the
  gold writes it so, else as the separate actors A, B and C (the older unit-test file's convention).
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import click

from dyads.actors.dictionary import DictionaryError
from dyads.dictionaries.petrarch import (
    check_readable,
    read_petrarch_actor_dir,
    read_petrarch_negations,
    read_petrarch_verbs,
)
from dyads.eval.options import MODEL_OPTION
from dyads.events.coder import format_explanation
from dyads.events.dialect import DIALECTS, Dialect, dialect_named
from dyads.models import Actor, Article


@dataclass
class Record:
    """One validation sentence with its expected (code, source, target) triples."""

    id: str
    category: str
    text: str
    day: date | None
    expected: list[tuple[str, str, str]]
    noevents: bool
    require_dyad: bool = True  # PETRARCH's `require_dyad` option in force for this record
    new_actor_length: int = 0  # PETRARCH's `new_actor_length` option in force for this record
    comma: tuple[int, int, int, int, int, int] | None = None  # PETRARCH-1's comma_* options in force, if any


@dataclass
class CategoryScore:
    records: int = 0
    correct: int = 0
    uncoded: int = 0
    extra: int = 0

    @property
    def recall(self) -> float:
        n = self.correct + self.uncoded
        return self.correct / n if n else 0.0

    @property
    def extra_rate(self) -> float:
        return self.extra / self.records if self.records else 0.0


@dataclass
class PetrarchMetrics:
    path: str
    categories: dict[str, CategoryScore] = field(default_factory=dict)
    total: CategoryScore = field(default_factory=CategoryScore)
    misses: list[str] = field(default_factory=list)  # one line per record that was not fully right


def _attrs(text: str) -> dict[str, str]:
    """Attributes in double or single quotes (`sourcecode='"INJURY TOLL"'` occurs)."""
    return {m.group(1): html.unescape(m.group(2) if m.group(2) is not None else m.group(3))
            for m in re.finditer(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)')""", text)}


def read_validation(path: str | Path) -> tuple[dict[str, list[Path]], set[str], list[Record]]:
    """The dictionary files named by `<Environment>`, the included categories and the records.

    Read with regular expressions: the files are not well-formed XML (comments hold `--` and
    nested comment markers), so an XML parser rejects them.
    """
    path = Path(path)
    raw = re.sub(r"<!--.*?-->", " ", path.read_text(encoding="utf-8", errors="replace"), flags=re.S)
    files: dict[str, list[Path]] = {}
    include: set[str] = set()
    env = re.search(r"<Environment>(.*?)</Environment>", raw, re.S)
    if env:
        for tag, kind in (("Verbfile", "verbs"), ("Actorfile", "actors"), ("Agentfile", "agents"),
                          ("Discardfile", "discards"), ("PICOfile", "pico")):
            for name in re.findall(rf"<{tag}>(.*?)</{tag}>", env.group(1), re.S):
                named = path.parent / name.strip()
                check_readable(named, f"{path}: <Environment> <{tag}>{name.strip()}</{tag}>")
                files.setdefault(kind, []).append(named)
        inc = re.search(r"<Include>(.*?)</Include>", env.group(1), re.S)
        if inc:
            include = set(inc.group(1).split())
    records = []
    require_dyad, new_actor_length = True, 0
    # a file that sets comma_* options is a PETRARCH-1 file: its defaults (2-8, 0-0, 2-8 words) hold until changed
    comma_names = ("comma_min", "comma_max", "comma_bmin", "comma_bmax", "comma_emin", "comma_emax")
    comma: list[int] | None = [2, 8, 0, 0, 2, 8] if re.search(r"<Config\b[^>]*comma_", raw) else None
    for m in re.finditer(r"<Config\b([^>]*)>|<Sentence\b([^>]*)>(.*?)</Sentence>", raw, re.S):
        if m.group(1) is not None:
            opt = _attrs(m.group(1))
            if opt.get("option", "").lower() == "require_dyad":
                require_dyad = opt.get("value", "true").strip().lower() != "false"
            elif opt.get("option", "").lower() == "new_actor_length" and opt.get("value", "").strip().isdigit():
                new_actor_length = int(opt["value"])
            elif comma is not None and opt.get("option", "").lower() in comma_names \
                    and opt.get("value", "").strip().isdigit():
                comma[comma_names.index(opt["option"].lower())] = int(opt["value"])
            continue
        attrs, body = m.group(2), m.group(3)
        a = _attrs(attrs)
        if a.get("evaluate", "true").lower() == "false":
            continue
        cat = a.get("category", "")
        if include and cat not in include:
            continue
        t = re.search(r"<Text>(.*?)</Text>", body, re.S)
        text = re.sub(r"\s+", " ", html.unescape(t.group(1))).strip() if t else ""
        # PETRARCH codes the record's <Parse>, whose tokens split a text's "Dol_Amroth" ((NNP Dol) (NNP Amroth)):
        # `_` is PETRARCH's word joiner, not part of a word, so we code the text the parse was made of
        text = re.sub(r"(?<=[^\W_])_(?=[^\W_])", " ", text)
        d = a.get("date", "")
        day = date(int(d[:4]), int(d[4:6]), int(d[6:8])) if re.fullmatch(r"\d{8}", d) else None
        expected, noevents = [], False
        for ev_text in re.findall(r"<EventCoding\b([^>]*)>", body):
            ev = _attrs(ev_text)
            if ev.get("noevents", "").lower() == "true" or ev.get("error"):
                noevents = True
            elif ev.get("eventcode"):
                expected.append((ev.get("eventcode", ""), ev.get("sourcecode", ""), ev.get("targetcode", "")))
        records.append(Record(a.get("id", ""), cat, text, day, expected, noevents and not expected, require_dyad,
                              new_actor_length, tuple(comma) if comma is not None else None))  # type: ignore[arg-type]
    return files, include, records


def _code(actor: Actor) -> str:
    """PETRARCH's spelling of an actor code: a sector without a country is `---SECTOR`."""
    if not actor.country and actor.sector:
        return "---" + actor.sector
    return actor.code or "---"


def _triples(events: list, literal: set[str]) -> set[tuple[str, str, str]]:
    """(code, source, target) of coded events; a missing side is `---` (only one-sided events
    have one); compound codes `A/B/C` are split unless the gold writes them whole (`literal`)."""
    out = set()
    for e in events:
        for s in e.source or [None]:
            for t in e.target or [None]:
                sc, tc = (_code(s) if s else "---"), (_code(t) if t else "---")
                if s is not None and t is not None and s.code == t.code:
                    continue
                for a in ([sc] if sc in literal else sc.split("/")):
                    for b in ([tc] if tc in literal else tc.split("/")):
                        out.add((e.cameo, a, b))
    return out


def record_dialect(base: Dialect, rec: Record, honour: bool) -> Dialect:
    """The dialect a record is coded under: `base` with the suite's `<Config>` options in force at the record
    (a new object per set of options; `honour`: whether its `require_dyad=false` sections count)."""
    return replace(base, require_target=rec.require_dyad or not honour, new_actor_length=rec.new_actor_length,
                   comma_clauses=rec.comma if base.comma_clauses is not None else None)


def _explained(coder, records: list[Record], dialects: list[Dialect]) -> Iterator:
    """`coder.explain` of every record, each under its own dialect: runs of records with one dialect are
    coded together (a parse batch does not cross a change of options)."""
    runs = itertools.groupby(zip(records, dialects, strict=True), key=lambda x: x[1])
    for dialect, run in runs:
        yield from coder.with_dialect(dialect).explain(
            Article(id=r.id, text=r.text, publication_date=r.day) for r, _ in run)


def score_petrarch(path: str | Path, limit: int | None = None, model: str | None = None,
                   dump: str | Path | None = None, one_sided: bool | None = None,
                   dialect: str | None = None) -> PetrarchMetrics:
    """Code every record of the suite with its own dictionaries and count as UD-PETRARCH does.

    `dump` names a file to write every record not coded exactly into, with the coder's `explain`
    output (actors seen, each predicate with its pattern or why it was dropped), for error analysis.
    `one_sided` honours the files' `require_dyad=false` sections (events without a target), with
    PETRARCH-1's reading of them (`Dialect.petrarch_one_sided`) and its deletion of
    comma-delimited clauses where the file sets the comma_* options; False codes dyads only. None (the
    default) honours them when the suite's verb file is PETRARCH-1's (TABARI format, as the unit tests'):
    the one-sided reading implemented is PETRARCH-1's, and the 2.02 file's gold (UD-PETRARCH's, with a
    CAMEO.2.0 verb file) ignores the <Config> options, so there it would add only extras.
    `dialect` names the dialect to code in (`dyads.events.dialect.DIALECTS`); None: the one the suite's
    verb file was written for (`VerbDictionary.wanted_dialect`).
    """
    from dyads.actors.dictionary import ActorDictionary
    from dyads.events.verbs import VerbDictionary
    from dyads.geo import load_gazetteer
    from dyads.ontology import load_ontology
    from dyads.pipeline import Coder, Resources

    files, _, records = read_validation(path)
    records = records[:limit] if limit else records
    actors: ActorDictionary = read_petrarch_actor_dir(Path(path).parent, files)
    verbs = VerbDictionary()
    for f in files.get("verbs", []):
        verbs.extend(read_petrarch_verbs(f))
    for f in files.get("pico", []):
        verbs.negations.update(read_petrarch_negations(f))
    base = dialect_named(dialect or verbs.wanted_dialect())
    # the <Config> options are PETRARCH-1's: with a PETRARCH2 (CAMEO.2.0) verb file the gold comes from a
    # coder that ignores them (UD-PETRARCH's validator: "PETR-1 code ... hasn't been implemented")
    honour = one_sided if one_sided is not None else base.petrarch_one_sided
    discards = [re.compile(r"(?<!\w)" + re.escape(d) + r"(?!\w)", re.I) for d in actors.discards if d]
    res = Resources(ontology=load_ontology(), actors=actors, verbs=verbs, gazetteer=load_gazetteer())
    coder = Coder(resources=res, stages=("actors", "coref", "events"), **({"model": model} if model else {}))
    metrics = PetrarchMetrics(str(path))
    blocks: list[str] = []
    explained = _explained(coder, records, [record_dialect(base, r, honour) for r in records])
    for rec in records:
        coded, why = next(explained)
        events = [] if any(d.search(rec.text) for d in discards) else coded.events
        got = _triples(events, {c for e in rec.expected for c in e[1:]})
        cat = metrics.categories.setdefault(rec.category, CategoryScore())
        for sc in (cat, metrics.total):
            sc.records += 1
        if rec.noevents:
            ok = not got
            for sc in (cat, metrics.total):
                sc.correct += ok
                sc.extra += len(got)
        else:
            exp = set(rec.expected)
            hit, miss, extra = len(exp & got), len(exp - got), len(got - exp)
            ok = not miss and not extra
            for sc in (cat, metrics.total):
                sc.correct += hit
                sc.uncoded += miss
                sc.extra += extra
        if not ok:
            want = "none" if rec.noevents else " ".join("/".join(x) for x in sorted(set(rec.expected)))
            have = " ".join("/".join(x) for x in sorted(got)) or "none"
            metrics.misses.append(f"{rec.id}: expected {want}; coded {have}")
            if dump:
                blocks.append(f"=== {rec.id}\n{rec.text}\nexpected: {want}\ncoded:    {have}\n"
                              + format_explanation(why))
    if dump:
        Path(dump).write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    return metrics


def format_report(m: PetrarchMetrics, misses: bool = False) -> str:
    lines = [f"PETRARCH validation: {m.path}", f"{'category':<10} {'records':>7} {'correct':>7} {'uncoded':>7} "
             f"{'extra':>6} {'recall':>7} {'extra/rec':>9}"]
    for name, c in sorted(m.categories.items()) + [("TOTAL", m.total)]:
        lines.append(f"{name:<10} {c.records:>7} {c.correct:>7} {c.uncoded:>7} {c.extra:>6} "
                     f"{c.recall:>7.1%} {c.extra_rate:>9.1%}")
    if misses:
        lines += ["", "records not coded exactly:"] + m.misses
    return "\n".join(lines)


@click.command("petrarch")
@MODEL_OPTION
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", type=int, default=None, help="Score only the first N records (the parse is slow).")
@click.option("--misses", is_flag=True, help="List every record not coded exactly.")
@click.option("--dump", type=click.Path(dir_okay=False), default=None,
              help="Write every record not coded exactly, with the coder's explanation, to this file.")
@click.option("--one-sided/--dyads-only", default=None,
              help="Honour the file's require_dyad=false sections (events without a target coded as ---), or "
                   "code dyads only throughout. Default: honour them when the suite's verb file is PETRARCH-1's "
                   "(TABARI format).")
@click.option("--dialect", type=click.Choice(list(DIALECTS)), default=None,
              help="Code in this dialect (dyads.events.dialect). Default: the one the suite's verb file was written "
                   "for (petrarch1 for TABARI-format files, petrarch2 for CAMEO.2.0-format ones).")
def command(model: str | None, file: str, limit: int | None, misses: bool, dump: str | None,
            one_sided: bool | None, dialect: str | None) -> None:
    """Run a PETRARCH validation FILE.xml with the dictionaries its <Environment> names."""
    try:
        metrics = score_petrarch(file, limit, model=model, dump=dump, one_sided=one_sided, dialect=dialect)
    except DictionaryError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(format_report(metrics, misses))
