"""The event-pattern dictionary: readable lemma patterns -> CAMEO codes, read from `*verbs.tsv` files.

Why a format of our own: PETRARCH's CAMEO.2.0 dictionaries are written for constituency parses and
TABARI-style word lists; we match on a dependency parse, so a pattern names a head lemma and the
dependents that must hang from it. One pattern per line, tab-separated:

    PATTERN <TAB> CODE [<TAB> # comment]

PATTERN is a sequence of space-separated items:

- the head, first: a verb or event-noun lemma, `|` between alternatives (`meet|confer`) or a `&SET`.
  `/v`, `/n` or `/a` after the head restricts it to verbs, nouns or adjectives (`attack/n`); `_` joins a phrasal
  head (`step_up` = "step" with particle "up").
- a bare lowercase word after the head: a preposition or particle that must hang from the head
  (or from its light verb or object): `talk with`, `call on`. The object of the last such
  preposition is where the target is looked for first.
- `>` before a preposition: the target is that preposition's object (`celebrate {eid} at >with`);
  `>` alone: the target is in none of the named phrases (PETRARCH's `+` after them).
- `&SET` alone is short for `{&SET}`; `+{...}` (or a second `{...}` after a filled slot) needs one
  of its words anywhere below the last slot (`threaten to {cut} {aid}`, `abandon {relations} +{new}`).
- `{a|b|&SET}`: the words one of which must fill the slot before it: right after the head, the
  head's direct object or complement clause (`sign {agreement|treaty}`); after a preposition, that
  preposition's object or the verb of a `to`-clause (`call for {ceasefire}`, `call on to {release}`,
  `welcome {memo} on {trade} from`).
  A word joined by `_` (`martial_law`) needs its modifiers too; words joined by `~` (`swiss~francs`)
  must follow each other, in that order, inside the slot's phrase (PETRARCH's `{A B}` and `A_B`).

PETRARCH's patterns need four more items (`dyads dict import-petrarch` writes them):

- `<{word|two_words}`: a word (or run of words joined by `_`) somewhere before the head in the
  sentence, in order with the other `<` items (PETRARCH's words before `*`: "didn't", "heavily");
  `<<{...}`: the last such item sits right before the head; `<n:{death_toll}`: the head noun (last
  word, the others below it) of a noun phrase before the head, as PETRARCH2's CAMEO.2.0 format reads them.
- `$prep`: a preposition whose object is the source (PETRARCH's `(FROM $)`); `$` alone: the source
  is in the head's prepositional phrases; the subject is then the target.
- `subj=target` / `subj=both`: the subject is the target (PETRARCH's `+ *`), or source and target
  at once, each of its actors with the others (`% *`).

A line `&NAME<TAB>word word ...` defines a synonym set usable inside braces. Comments start with `#`.
The most specific pattern of a head wins (most constraints, then the later line), so a general line
(`call for 020`) and its refinements (`call for {aid} 023`) sit side by side. CODE `---` marks a
pattern that is known and is not an event (it blocks the general pattern of the same head).
`A:B` codes A from source to target and B the other way (visit 042 / host 043).

Patterns are matched by `dyads.events.coder`; `dyads.dictionaries.petrarch` converts PETRARCH
verb dictionaries into the same `VerbPattern` objects.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from dyads.actors.dictionary import DEFAULT_DICT_DIR

NO_EVENT = "---"


@dataclass(frozen=True)
class VerbPattern:
    """One compiled pattern: a head lemma with the dependents it needs and the code it gives."""

    lemma: str
    prep: str | None  # the last preposition/particle (where the target is looked for first)
    code: str
    source: str = ""  # "file:line" of the pattern, for traceability
    preps: tuple[str, ...] = ()  # every preposition/particle the pattern names, in order
    obj: frozenset[str] | None = None  # words one of which must be the head's object/complement
    prep_obj: frozenset[str] | None = None  # words one of which must be the last preposition's object
    pos: str | None = None  # "VERB", "NOUN" or "ADJ" to restrict the head
    text: str = ""  # the pattern as written
    extra: tuple[frozenset[str], ...] = ()  # further words each needed somewhere in the last slot's subtree
    prep_slots: tuple[frozenset[str] | None, ...] = ()  # a slot per preposition (PETRARCH's `(ON X) (FROM)`)
    reverse: str | None = None  # a second code for the reverse direction (PETRARCH `[042:043]`: visit/host)
    particles: int = 0  # how many of `preps` belong to a phrasal head (`step_down`)
    target_prep: int | None = None  # index into `preps` whose object is the target; -1: none of them
    order: int = 0  # position in its file: on equal constraints the later (more refined) line wins
    # words before the head, in order (PETRARCH's words before `*`): per item its alternatives, each a run of
    # consecutive words ("did n't"); `before_adjacent`: the last item sits right before the head (`IN_*`)
    before: tuple[tuple[tuple[str, ...], ...], ...] = ()
    before_adjacent: bool = False
    # PETRARCH2's CAMEO.2.0 format: the words before `*` are heads of noun phrases before the verb (its
    # subject: `{DEATH TOLL} *`), not any words there (TABARI's `HEAVILY *`, `DID N'T *`)
    before_nouns: bool = False
    subject_role: str = "source"  # what the subject is: "source", "target" (PETRARCH `+ *`), "both" (`% *`)
    source_prep: int | None = None  # index into `preps` whose object is the source (PETRARCH `(FROM $)`); -1: any
    # PETRARCH `+ HOSTING *`: the target comes before the words before the head (the subject of HOSTING), not
    # between them and the head (`NOTED + *`: the head's own subject)
    target_before_words: bool = False
    # PETRARCH `TABASKI ^ $`: the source is in the verb's phrases after passing over this many phrases with actors
    source_skip: int = 0

    @property
    def specificity(self) -> tuple[int, int]:
        """Constraints first, then length: the order in which patterns of one head are tried."""
        # each word before the head counts ("most certainly won't ever" is more than "won't ever"), and each
        # word of a run of words (`for~asylum` is more than `asylum`)
        n = len(self.preps) + (self.obj is not None) + len(self.extra)
        n += sum(min(len(run) for run in item) for item in self.before)
        slots = [self.obj, *self.extra, *(self.prep_slots or (self.prep_obj,))]
        n += sum(min(w.count("~") for w in ws) for ws in slots if ws)
        n += sum(x is not None for x in self.prep_slots) if self.prep_slots else (self.prep_obj is not None)
        return n, self.order


@dataclass
class VerbDictionary:
    """All patterns keyed by head lemma, with the data an imported dictionary brings beside them.

    Only data: how the coder reads a sentence with it is a `dyads.events.dialect.Dialect`, passed to the
    Coder apart, so that merging dictionaries (`extend`, `--dict`) never changes a rule.
    """

    patterns: dict[str, list[VerbPattern]] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)  # file -> pattern count, for `dyads info`
    # the word forms a verb is listed in (PETRARCH: the forms in {...} or the regular -s/-ed/-ing ones), lemma ->
    # forms; honoured only under a dialect with `listed_forms` ("departes" is no form of DEPART there)
    surface_forms: dict[str, frozenset[str]] = field(default_factory=dict)
    # the dictionary's negation table, code -> code (PETRARCH's coding ontology: "did not disapprove" 110 -> 050);
    # honoured only under a dialect with `dictionary_negations`
    negations: dict[str, str] = field(default_factory=dict)
    # file -> the name of the dialect its patterns were written for (`dyads.events.dialect.DIALECTS`), for the
    # files that say so: PETRARCH's verb files and what `dyads dict import-petrarch` writes
    dialects: dict[str, str] = field(default_factory=dict)
    _seen: set[VerbPattern] = field(default_factory=set, repr=False)
    _sorted: set[str] = field(default_factory=set, repr=False)
    # the patterns a word of the parse heads, by (lower-case form, lemma, part of speech) as spaCy's hashes:
    # `dyads.events.matching._patterns_for` fills it, and a new pattern empties it
    by_word: dict[tuple[int, int, int], list[VerbPattern]] = field(default_factory=dict, repr=False, compare=False)

    def add(self, p: VerbPattern) -> None:
        if p in self._seen:
            return
        self._seen.add(p)
        self.patterns.setdefault(p.lemma, []).append(p)
        self._sorted.discard(p.lemma)
        self.by_word.clear()

    def get(self, lemma: str) -> list[VerbPattern]:
        """The patterns of one head, most specific first."""
        lst = self.patterns.get(lemma)
        if not lst:
            return []
        if lemma not in self._sorted:
            lst.sort(key=lambda q: q.specificity, reverse=True)
            self._sorted.add(lemma)
        return lst

    def extend(self, other: VerbDictionary) -> None:
        """Add another dictionary's patterns and data (a union: no rule of the coder changes)."""
        for pats in other.patterns.values():
            for p in pats:
                self.add(p)
        self.sources.update(other.sources)
        for k, v in other.surface_forms.items():
            self.surface_forms[k] = self.surface_forms.get(k, frozenset()) | v
        self.negations.update(other.negations)
        self.dialects.update(other.dialects)

    def wanted_dialect(self) -> str:
        """The dialect the dictionary's files were written for: PETRARCH-1's when one of them is (its comma
        clauses and one-sided reading are what such a file's suites expect), else PETRARCH2's, else ours."""
        wanted = set(self.dialects.values())
        return next((d for d in ("petrarch1", "petrarch2") if d in wanted), "ours")

    def codes(self) -> set[str]:
        return {p.code for pats in self.patterns.values() for p in pats if p.code != NO_EVENT}

    def __len__(self) -> int:
        return sum(len(v) for v in self.patterns.values())


_BRACES = re.compile(r"\{([^}]*)\}")


def _words(spec: str, synsets: dict[str, list[str]], where: str) -> frozenset[str]:
    out: set[str] = set()
    for w in spec.split("|"):
        w = w.strip().lower()
        if not w:
            continue
        if w.startswith("&"):
            if w not in synsets:
                raise ValueError(f"{where}: unknown synonym set {w}")
            out.update(synsets[w])
        else:
            out.add(w)
    return frozenset(out)


def parse_pattern(
    pattern: str, code: str, synsets: dict[str, list[str]], where: str = "", order: int = 0
) -> list[VerbPattern]:
    """Compile one PATTERN column into one VerbPattern per head alternative."""
    text = _BRACES.sub(lambda m: "{" + m.group(1).replace(" ", "|") + "}", pattern.strip())
    items = text.split()
    if not items:
        raise ValueError(f"{where}: empty pattern")
    head, rest = items[0], items[1:]
    pos = None
    tags = {"/v": "VERB", "/n": "NOUN", "/a": "ADJ"}
    if head[-2:] in tags:
        pos = tags[head[-2:]]
        head = head[:-2]
    heads: list[str] = []
    for alt in head.split("|"):
        if alt[-2:] in tags:
            pos = tags[alt[-2:]]
            alt = alt[:-2]
        heads.extend(sorted(_words(alt, synsets, where)))
    preps: list[str] = []
    obj: frozenset[str] | None = None
    slots: list[frozenset[str] | None] = []
    extra: list[frozenset[str]] = []
    target_prep: int | None = None
    source_prep: int | None = None
    before: list[tuple[tuple[str, ...], ...]] = []
    before_adjacent = False
    before_nouns = False
    subject_role = "source"
    for item in rest:
        if item.startswith("&"):
            item = "{" + item + "}"
        if item.startswith("<"):  # a word before the head; `<<` the last one right before it; `<n:` a noun
            before_adjacent = item.startswith("<<")
            before_nouns = before_nouns or item.lstrip("<").startswith("n:")
            spec = item.lstrip("<").removeprefix("n:")
            spec = spec[1:-1] if spec.startswith("{") else spec
            before.append(tuple(tuple(w.split("_")) for w in sorted(_words(spec, synsets, where))))
        elif item in {"subj=target", "subj=both"}:
            subject_role = item.split("=")[1]
        elif item == "$":
            source_prep = -1
        elif re.fullmatch(r"\$[a-z'-]+", item):
            source_prep = len(preps)
            preps.append(item[1:])
            slots.append(None)
        elif item.startswith("+{"):
            extra.append(_words(item[2:-1], synsets, where))
        elif item.startswith("{"):
            words = _words(item[1:-1], synsets, where)
            if preps and slots[-1] is None:
                slots[-1] = words
            elif not preps and obj is None:
                obj = words
            else:
                extra.append(words)
        elif item == ">":
            target_prep = -1
        elif re.fullmatch(r">?[a-z'-]+", item):
            if extra:
                raise ValueError(f"{where}: a preposition after a further-word slot in {pattern!r}")
            if item.startswith(">"):
                item = item[1:]
                target_prep = len(preps)
            preps.append(item)
            slots.append(None)
        else:
            raise ValueError(f"{where}: cannot read pattern item {item!r}")
    out = []
    for alt in heads:
        lemma, *particles = alt.split("_")
        all_preps = tuple(particles + preps)
        out.append(
            VerbPattern(
                lemma=lemma,
                prep=all_preps[-1] if all_preps else None,
                code=code,
                source=where,
                preps=all_preps,
                obj=obj,
                prep_obj=slots[-1] if slots else None,
                pos=pos,
                text=pattern.strip(),
                extra=tuple(extra),
                order=order,
                prep_slots=tuple([None] * len(particles) + slots) if any(x is not None for x in slots) else (),
                particles=len(particles),
                target_prep=(target_prep + len(particles) if target_prep not in (None, -1) else target_prep),
                before=tuple(before),
                before_adjacent=before_adjacent,
                before_nouns=before_nouns,
                subject_role=subject_role,
                source_prep=(source_prep + len(particles) if source_prep not in (None, -1) else source_prep),
            )
        )
    return out


_DIALECT_LINE = re.compile(r"#\s*dialect:\s*(\S+)")


def declared_dialect(path: Path) -> str | None:
    """The dialect a `verbs.tsv` file says (in a `# dialect: NAME` line among its leading comments) it was
    written for: `dyads dict import-petrarch` writes one."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return None
        m = _DIALECT_LINE.match(line.strip())
        if m:
            return m.group(1).lower()
    return None


def read_verbs(path: Path) -> list[VerbPattern]:
    """Read one `verbs.tsv` file (format in the module docstring)."""
    out: list[VerbPattern] = []
    synsets: dict[str, list[str]] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        cols = [c.strip() for c in line.split("\t") if c.strip()]
        where = f"{path.name}:{n}"
        if len(cols) < 2:
            raise ValueError(f"{where}: expected PATTERN<TAB>CODE, got {line!r}")
        if cols[0].startswith("&"):
            synsets[cols[0].lower()] = cols[1].lower().split()
            continue
        code, _, reverse = cols[1].partition(":")
        bad_code = code != NO_EVENT and not re.fullmatch(r"\d{2,4}[A-Za-z]?", code)  # letters: PETRARCH test codes
        if bad_code or (reverse and not re.fullmatch(r"\d{2,4}", reverse)):
            raise ValueError(f"{where}: bad CAMEO code {cols[1]!r}")
        out.extend(replace(p, reverse=reverse or None) for p in parse_pattern(cols[0], code, synsets, where, order=n))
    return out


def load_verb_dictionary(dirs: Sequence[str | Path] = (), default: bool = True) -> VerbDictionary:
    """Our patterns (unless `default=False`) plus every `*verbs.tsv` and PETRARCH verb file in `dirs`."""
    from dyads.dictionaries.petrarch import find_petrarch_files, read_petrarch_negations, read_petrarch_verbs

    vd = VerbDictionary()
    for directory in ([DEFAULT_DICT_DIR] if default else []) + [Path(p) for p in dirs]:
        for path in sorted(Path(directory).glob("*verbs.tsv")):
            pats = read_verbs(path)
            for p in pats:
                vd.add(p)
            vd.sources[str(path)] = len(pats)
            wanted = declared_dialect(path)
            if wanted:
                vd.dialects[str(path)] = wanted
        found = find_petrarch_files(directory)
        for path in found.get("verbs", []):
            vd.extend(read_petrarch_verbs(path))
        for path in found.get("pico", []):
            vd.negations.update(read_petrarch_negations(path))
    return vd


def _fmt_words(words: frozenset[str]) -> str:
    return "{" + "|".join(sorted(words)) + "}"


def format_pattern(p: VerbPattern) -> str:
    """One pattern as a `verbs.tsv` line (what `dyads dict import-petrarch` writes)."""
    head = "_".join((p.lemma, *p.preps[: p.particles]))
    parts = [head + {"VERB": "/v", "NOUN": "/n", "ADJ": "/a"}.get(p.pos or "", "")]
    for k, item in enumerate(p.before):
        mark = ("<<" if p.before_adjacent and k == len(p.before) - 1 else "<") + ("n:" if p.before_nouns else "")
        parts.append(mark + _fmt_words(frozenset("_".join(alt) for alt in item)))
    if p.subject_role != "source":
        parts.append(f"subj={p.subject_role}")
    if p.obj is not None:
        parts.append(_fmt_words(p.obj))
    for k in range(p.particles, len(p.preps)):
        parts.append((">" if p.target_prep == k else "$" if p.source_prep == k else "") + p.preps[k])
        slot = p.prep_slots[k] if p.prep_slots else (p.prep_obj if k == len(p.preps) - 1 else None)
        if slot is not None:
            parts.append(_fmt_words(slot))
    parts += ["+" + _fmt_words(w) for w in p.extra]
    if p.target_prep == -1:
        parts.append(">")
    if p.source_prep == -1:
        parts.append("$")
    line = " ".join(parts) + "\t" + p.code + (f":{p.reverse}" if p.reverse else "")
    return line + (f"\t# {p.source}" if p.source else "")
