"""Read PETRARCH2 / UD-PETRARCH dictionaries into our VerbDictionary and ActorDictionary objects.

Why: PETRARCH's dictionaries (CAMEO.2.0 verbs, Phoenix actors, agents, discards) and its
validation suites are the field's shared test bed; reading them lets `--dict DIR` point at a
PETRARCH dictionary directory and lets `dyads eval petrarch` run those suites with our coder.

What is read, and how it maps:

- verbs (`CAMEO.2.0.txt`, `*verbs*.txt`): `&SYNSET` blocks (`+WORD` lines, may nest other sets),
  `--- VERB [CODE] ---` blocks whose lines list the verbs (`HURRY {HURRIES HURRIED}`: the forms it
  is recognised in; `+GO_BY` phrasal verbs; `WIRE_+TAP`: "tap" right after "wire"; `REPORT [---]`
  a verb's own code) and `- pattern [CODE]` lines. After `*`: the first bare word, `{MULTI WORD}`
  phrase or `&SET` is the object slot, `(PREP WORDS)` a preposition with its object slot, particles
  (`OUT`, `BACK`) prepositions, `A_B` a run of consecutive words. Before `*`: words that must come
  before the verb (TABARI format) or heads of noun phrases before it (CAMEO.2.0 format). `$` marks
  the source's phrase, `+` the target's (before `*`: the subject is the target), `%` before `*` a
  subject whose actors act on each other; `^` is dropped. `[---]` is kept as "not an event";
  `[A:B]` keeps A and B as the reverse code; a letter after the digits (test codes: `174K`)
  is kept, other codes with letters are skipped.
- coding ontology (`*Internal_Coding_Ontology*.txt`, PICO): what a negated code is.
- actors (`*actors*.txt`): `PHRASE [CODE] ...` (every bracket of the line) with `+SYNONYM` lines and
  indented date restrictions `[CODE <YYMMDD]`, `[CODE >YYMMDD]`, `[CODE YYMMDD-YYMMDD]` (6- or 8-digit
  dates) -> one `ActorEntry` per code and period, restricted entries before the open one so they win.
  `+++` (an actor of unknown code) is kept as a code; `[---]` (no actor) has no row.
- agents (`*agents*.txt`): `PHRASE {PLURALS} [~SECTOR]` (or `[PREFIX~]`, put before the actor's code),
  `!MACRO! = A, B` substitutions -> `AgentEntry`.
- discards (`*discards*.txt`): one phrase a line (`+` story-level) -> discards.

Underscores join words; a trailing `_` (TABARI's "exact word") is dropped.

Nothing is dropped silently: a record that cannot be used (an unreadable code or date, a period that
ends before it starts, which PETRARCH never applies, a phrase without a code, `[---]`, an agent
without a code, a pattern naming an undefined synonym set or a `/` alternative PETRARCH never matches)
goes to `left_out` (`ActorDictionary.left_out`, `VerbImportStats.left_out`) with its file, line and
reason; `dyads dict import-petrarch` prints them and keeps them in `NAME.left-out.tsv`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import click

from dyads.actors.dictionary import (
    ActorDictionary,
    ActorEntry,
    AgentEntry,
    DictionaryError,
    LeftOut,
    code_problem,
    period_problem,
)
from dyads.events.verbs import NO_EVENT, VerbDictionary, VerbPattern, format_pattern

PARTICLES = {"out", "back", "up", "down", "off", "away", "together", "over", "in", "on", "forward", "through"}
PREPOSITIONS = {"about", "against", "with", "to", "for", "into", "from", "at", "of", "upon", "toward", "towards", "by",
                "near", "between", "under", "during", "despite"}
PHRASE_PREPS = PREPOSITIONS | {"on", "in", "over"}  # a preposition inside a phrase ends its head noun
POSSESSIVES = {"their", "its", "his", "her", "our", "my", "your"}
FUNCTION_WORDS = {"the", "a", "an", "their", "its", "his", "her", "our", "my", "your", "this", "that", "these"}
_KINDS = ("verbs", "actors", "agents", "discards")


@dataclass
class VerbImportStats:
    """What an import kept and why it left the rest out (printed by `dyads dict import-petrarch`)."""

    verbs: int = 0
    patterns: int = 0
    skipped_subject_side: int = 0
    skipped_bad_code: int = 0
    left_out: list[LeftOut] = field(default_factory=list)  # each pattern or line not carried over, and why
    file: str = ""  # the file being read, for left_out

    def leave(self, line: int, reason: str, text: str = "") -> None:
        """Record a pattern or line of `file` that was not carried over."""
        item = LeftOut(self.file, line, reason, text.strip())
        if item not in self.left_out[-8:]:  # a pattern is read once per verb of its block: say it once
            self.left_out.append(item)


def check_readable(path: Path, named_by: str = "") -> None:
    """Raise DictionaryError naming `path` (and what named it) unless it can be opened for reading.

    Why: a dictionary that silently fails to load (a broken link, a typo in an `<Environment>`)
    leaves the coder running on whatever did load, and every figure after that is wrong unnoticed.
    """
    try:
        with open(path, "rb"):
            pass
    except OSError as exc:
        why = exc.strerror or str(exc)
        raise DictionaryError(f"{named_by + ': ' if named_by else ''}dictionary file {path} cannot be read: "
                              f"{why}") from None


def find_petrarch_files(directory: str | Path) -> dict[str, list[Path]]:
    """PETRARCH dictionary files of a directory by kind (a `.txt` file naming its kind); each must be readable."""
    out: dict[str, list[Path]] = {}
    d = Path(directory)
    if not d.is_dir():
        return out
    for path in sorted(d.glob("*.txt")):
        check_readable(path)
        name = path.name.lower()
        if "coding_ontology" in name.replace(".", "_"):  # PICO: what negated codes are
            out.setdefault("pico", []).append(path)
            continue
        if name.startswith("cameo") and "verbs" not in name:
            out.setdefault("verbs", []).append(path)
            continue
        for kind in _KINDS:
            if kind in name:
                out.setdefault(kind, []).append(path)
                break
    return out


def _strip_comment(line: str) -> str:
    line = re.sub(r"<!--.*?-->", "", line)
    if line.lstrip().startswith("<"):
        return ""
    return line.split("#", 1)[0].rstrip()


def _phrase(word: str) -> str:
    return " ".join(word.strip().rstrip("_").replace("_", " ").lower().split())


def _petr_date(text: str) -> date:
    text = text.strip()
    if len(text) == 6:
        yy = int(text[:2])
        text = f"{2000 + yy if yy <= 30 else 1900 + yy}{text[2:]}"
    return date(int(text[:4]), int(text[4:6]), int(text[6:8]))


# ---------------------------------------------------------------------------- verbs


def _read_synsets(lines: list[str]) -> dict[str, list[str]]:
    raw: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        s = _strip_comment(line).strip()
        if s.startswith("&"):
            current = s.split()[0].lower()
            raw[current] = []
        elif s.startswith("+") and current:
            raw[current].append(s[1:].strip().lower())
        elif (not s and not line.strip().startswith("#")) or s.startswith("---"):
            current = None  # a blank line or a verb block ends a set; a comment line inside it does not
    out: dict[str, list[str]] = {}

    def expand(name: str, depth: int = 0) -> list[str]:
        words: list[str] = []
        for w in raw.get(name, []):
            if w.startswith("&") and depth < 5:
                words.extend(expand(w, depth + 1))
            else:
                words.append(w)
        return words

    for name in raw:
        out[name] = expand(name)
    return out


def _entry_words(entry: str) -> list[str]:
    """One synset entry or pattern word as its words: "SWISS FRANCS", "CEASE_FIRE" -> two words."""
    return [w for w in re.split(r"[\s_]+", entry.strip().strip("()").lower()) if w]


def _slot_words(item: str, synsets: dict[str, list[str]]) -> frozenset[str]:
    """The words one of which fills a slot; a multi-word entry is a run of consecutive words (`swiss~francs`)."""
    item = item.lower()
    if item.startswith("&"):
        words = synsets.get(item) or synsets.get(item.rstrip("_")) or synsets.get(item + "_") or []
    elif item.startswith("{"):
        words = [item.strip("{}").split()[-1]] if item.strip("{}").split() else []
    else:
        words = [item]
    words = ["~".join(_entry_words(w)) for w in words]
    return frozenset(w for w in words if re.fullmatch(r"[a-z0-9][a-z0-9~'.-]*", w))


def _phrase_slot(text: str, synsets: dict[str, list[str]]) -> tuple[frozenset[str] | None, list[frozenset[str]]]:
    """The slot of a pattern phrase, and further words needed below it.

    TABARI's `_` joins words that follow each other: `NEW_&TIETYPES_RELATIONS` and `MEMOS_ON_&TIETYPES`
    are runs of consecutive words, one alternative per synset member (`new~economic~relations`, ...).
    Words apart (`{NEW &TIETYPES RELATIONS}`, `(TO PEACE &TREATY)`) may have others between them, as
    UD-PETRARCH reads them: the last is the slot, the others must be found below it.
    """
    text = text.strip()
    words = [w for w in re.split(r"\s+", text.strip("{}")) if w and w not in {"^", "$", "+", "%"}]
    if not words:
        return None, []
    if any(re.search(r"[^_]_[^_]", w) for w in words):
        runs: list[tuple[str, ...]] = [()]
        for piece in [p for w in words for p in re.split(r"(?<=[^_])_(?=[^_])", w)]:
            alts = [_entry_words(e) for e in (synsets.get(piece.lower()) or synsets.get(piece.lower().rstrip("_"))
                                              or synsets.get(piece.lower() + "_") or [])] if piece.startswith("&") \
                else [_entry_words(piece)]
            if not alts or not all(alts):
                return None, []
            runs = [r + tuple(a) for r in runs for a in alts]
        return frozenset("~".join(r) for r in runs if r), []
    sets = [_slot_words(w, synsets) for w in words]
    if any(not s for s in sets):
        return None, []
    return sets[-1], sets[:-1]


def _expand_prep_sets(body: str, synsets: dict[str, list[str]]) -> list[str]:
    """A bare synset of prepositions (`* &PREPOSIT1 RESOLUTION`, &PREPOSIT1 = AGAINST, IN, ON, ...)
    stands for each of them: one pattern body per preposition."""
    for m in re.finditer(r"(?<![({\w])&[A-Z0-9_]+", body):
        words = synsets.get(m.group(0).lower()) or synsets.get(m.group(0).lower() + "_") or []
        if words and all(w.strip("_") in PHRASE_PREPS | PARTICLES for w in words):
            return [out for w in words for out in
                    _expand_prep_sets(body[: m.start()] + w.strip("_").upper() + body[m.end():], synsets)]
    return [body]


_ITEM = re.compile(r"\([^)]*\)|\{[^}]*\}|\S+")


def _runs(item: str, synsets: dict[str, list[str]]) -> tuple[tuple[str, ...], ...] | None:
    """The word runs one pre-verb item stands for: `MOST_CERTAINLY_&NEG_EVER` with `&NEG` = {DID N'T,
    WO N'T} -> ("most", "certainly", "did", "n't", "ever"), (..., "wo", "n't", ...); None for an unknown set."""
    runs: list[tuple[str, ...]] = [()]
    for piece in item.lower().strip("{}()").replace(" ", "_").split("_"):
        if not piece or piece in {"$", "+", "^", "%"}:
            continue
        if piece.startswith("&"):
            alts = synsets.get(piece) or synsets.get(piece.rstrip("_"))
            if not alts:
                return None
            words = [tuple(w for w in re.split(r"[\s_]+", a.strip("()")) if w) for a in alts]
        else:
            words = [(piece,)]
        runs = [r + w for r in runs for w in words if w]
    return tuple(sorted({r for r in runs if r})) or None  # sorted: one spelling of the item, as our format reads it


def _before(pre: str, synsets: dict[str, list[str]]) -> tuple[list[tuple[tuple[str, ...], ...]], str] | None:
    """PETRARCH's words before `*`: the runs that must precede the verb and what the subject is
    (`+` before `*`: the target; `%`: source and target at once); None if a set is unknown."""
    items: list[tuple[tuple[str, ...], ...]] = []
    marks = set(re.findall(r"[$+%]", pre))
    role = "both" if "%" in marks else "target" if "+" in marks and "$" not in marks else "source"
    for raw in _ITEM.findall(pre):
        if raw.strip() in {"$", "+", "%", "^", "~"}:
            continue
        runs = _runs(raw, synsets)
        if runs is None:
            return None
        items.append(runs)
    return items, role


def _regular_forms(verb: str) -> set[str]:
    """The forms PETRARCH generates for a verb listed without its forms: -s/-es/-ies, -ed/-d/-ied, -ing."""
    forms = {verb, verb + "s", verb + "ed", verb + "ing"}
    if verb.endswith("e"):
        forms |= {verb + "d", verb[:-1] + "ing"}
    if verb.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(verb + "es")
    if verb.endswith("y"):
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    return forms


def _verb_parts(verb: str) -> tuple[str, list[str], tuple[str, ...]]:
    """`tap`, [], ("wire",) for TABARI's `WIRE_+TAP` (the `+` word is the verb); `go`, ["by"], () for `GO_BY`."""
    before: tuple[str, ...] = ()
    if "_+" in verb:
        head, rest = verb.split("_+", 1)
        before, verb = tuple(head.split("_")), rest
    lemma, *particles = verb.split("_")
    return lemma, particles, before


def _convert(lemma: str, body: str, code: str, synsets: dict[str, list[str]], where: str, order: int,
             stats: VerbImportStats) -> VerbPattern | None:
    marked = body
    slash = re.search(r"[A-Za-z']+(?:/[A-Za-z']+)+", body)
    if slash:  # "(BY/WITH SANCTIONS)": PETRARCH reads `BY/WITH` as one word, which no text has
        stats.skipped_bad_code += 1
        stats.leave(order, f"{slash.group(0)!r}: PETRARCH has no `/` alternatives (the word never matches); "
                    "write one pattern per word", marked)
        return None
    body = re.sub(r"[$+^%~]", " ", body)
    if "*" not in body:
        stats.skipped_subject_side += 1
        stats.leave(order, "no `*` (the verb's place) in the pattern", marked)
        return None
    pre_marked, post_marked = marked.split("*", 1)
    post = body.split("*", 1)[1]
    adjacent = pre_marked.endswith("_")
    parsed = _before(pre_marked.rstrip("_"), synsets)
    if parsed is None:
        stats.skipped_bad_code += 1
        stats.leave(order, "a synonym set before `*` is not defined", marked)
        return None
    before, subject_role = parsed
    lemma, particles, verb_before = _verb_parts(lemma)
    if verb_before:  # the verb's own words come right before it ("wire tap")
        before, adjacent = before + [(verb_before,)], True
    marked = "*" + post_marked.lstrip("_")
    preps: list[str] = list(particles)
    n_part = len(particles)
    obj: frozenset[str] | None = None
    extra: list[frozenset[str]] = []
    slots: list[frozenset[str] | None] = []
    bare_open = False
    target_prep: int | None = None
    source_prep: int | None = None
    after_group = False
    marked_post = marked.split("*", 1)[1]
    skipped = False  # a `^` after a bare preposition: its phrase is passed over ("IFTAR IN ^ +")
    carets = 0  # `^` in a row not after a bare preposition: phrases passed over before a `$` ("TABASKI ^ $")
    source_skip = 0
    for raw in _ITEM.findall(marked_post):
        if raw == "^":
            skipped = skipped or bare_open
            carets += 0 if bare_open else 1
            continue
        if raw == "$" and not bare_open:
            source_skip = carets
        carets = 0 if raw != "$" else carets
        if raw == "+":  # after a bare preposition: its object; after "(...)" groups or a skip: none of them
            if bare_open and not skipped:
                target_prep = len(preps) - 1
            elif after_group or skipped:
                target_prep = -1
            continue
        if raw == "$":  # the source: a bare preposition's object, else somewhere in the verb's phrases
            source_prep = len(preps) - 1 if bare_open else -1
            continue
        after_group = raw.startswith("(")
        item = re.sub(r"[$+^%~]", " ", raw).strip()
        if not item or item == "()":
            continue
        if item.startswith("("):
            words = item.strip("()").split()
            if not words:
                continue
            if "+" in raw:
                target_prep = len(preps)
            if "$" in raw:
                source_prep = len(preps)
            preps.append(words[0].lower())
            slot, mods = _phrase_slot(" ".join(w for w in words[1:] if w != "^"), synsets)
            if slot is None and words[1:]:
                stats.skipped_bad_code += 1
                stats.leave(order, f"{item!r}: a synonym set in it is not defined", marked)
                return None
            slots += [None] * (len(preps) - n_part - 1 - len(slots)) + [slot]
            bare_open = False
            extra.extend(mods)
            continue
        low = item.lower()
        if low in POSSESSIVES:  # "WARN * THEIR ^ ABOUT +": their own people, a word the sentence must have
            extra.append(frozenset({low}))
            continue
        if low in FUNCTION_WORDS:
            continue
        if len(preps) == n_part and obj is None and low in PARTICLES:
            preps.append(low)
            slots += [None] * (len(preps) - n_part - len(slots))
            bare_open, skipped = True, False
            continue
        # a bare preposition: "WARN * THEIR ^ ABOUT +", "&TIETYPES_MEMOS FROM", "WAS * DEAD IN $"
        if low in PREPOSITIONS or (obj is not None and low in PHRASE_PREPS):
            preps.append(low)
            slots += [None] * (len(preps) - n_part - len(slots))
            bare_open, skipped = True, False
            continue
        slot, mods = _phrase_slot(item, synsets)
        if slot is None:  # an undefined synset: the pattern cannot be read faithfully
            stats.skipped_bad_code += 1
            stats.leave(order, f"{item!r}: a synonym set in it is not defined", marked)
            return None
        if len(preps) == n_part and obj is None:
            obj = slot
        elif bare_open and slots and slots[-1] is None:
            slots[-1] = slot
        else:
            extra.append(slot)
        bare_open = False
        extra.extend(mods)
    slots = [None] * n_part + slots + [None] * (len(preps) - n_part - len(slots))
    if not preps and obj is None and not extra and not before and subject_role == "source" and source_prep is None:
        return None  # nothing around "*": the block's own code already stands for this
    if source_prep is not None and subject_role == "source":
        subject_role = "target"  # the source is named elsewhere: the subject is what the act is done to
    text = " ".join(x for x in (re.sub(r"\s+", " ", body.split("*", 1)[0]).strip(), "*", post.strip()) if x)
    return VerbPattern(
        lemma=lemma, prep=preps[-1] if preps else None, code=code, source=where, preps=tuple(preps), obj=obj,
        prep_obj=slots[-1] if slots else None, pos="VERB", text=f"{lemma}: {text}",
        extra=tuple(extra), order=order, prep_slots=tuple(slots) if any(x is not None for x in slots) else (),
        particles=n_part, target_prep=target_prep, before=tuple(before), before_adjacent=adjacent,
        subject_role=subject_role, source_prep=source_prep,
        target_before_words=subject_role == "target" and bool(before) and pre_marked.lstrip().startswith("+"),
        source_skip=source_skip,
    )


def _reverse(text: str) -> str | None:
    parts = text.strip().split(":")
    return parts[1].strip() if len(parts) > 1 and re.fullmatch(r"\d{2,4}", parts[1].strip()) else None


def _code(text: str) -> str | None:
    text = text.strip().split(":")[0].strip()
    if text == NO_EVENT:
        return NO_EVENT
    return text if re.fullmatch(r"\d{2,4}[A-Za-z]?", text) else None  # PETRARCH test codes: 174K


def read_petrarch_verbs(path: str | Path, stats: VerbImportStats | None = None) -> VerbDictionary:
    """A PETRARCH (CAMEO.2.0-format) verb dictionary as our VerbDictionary."""
    path = Path(path)
    stats = stats or VerbImportStats()
    stats.file = str(path)
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    synsets = _read_synsets(lines)
    # PETRARCH2's CAMEO.2.0 format (a "VERB PATTERNS" section, "VERSION: 2.x"): words before `*` are the
    # heads of noun phrases; TABARI's older format: any words before the verb
    cameo2 = any("####### VERB PATTERNS" in x or re.search(r"VERSION:\s*[2-9]", x) for x in lines[:800])
    # PETRARCH-1's dialect (its one-sided reading, comma clauses) goes with its (TABARI-format) dictionaries;
    # PETRARCH2 codes its CAMEO.2.0 ones differently (dyads.events.dialect)
    vd = VerbDictionary(dialects={str(path): "petrarch2" if cameo2 else "petrarch1"})
    verbs: list[str] = []
    block_code: str | None = None
    block_rev: str | None = None
    in_block = False
    n_pat = 0
    for n, line in enumerate(lines, 1):
        raw = _strip_comment(line)
        s = raw.strip()
        where = f"{path.name}:{n}"
        m = re.match(r"^---\s*(\S+)\s*\[([^\]]*)\]", s)
        if m:
            verbs, block_code, block_rev, in_block = [], _code(m.group(2)), _reverse(m.group(2)), True
            continue
        if not s:
            continue
        if s.startswith("&") or (s.startswith("+") and not in_block):
            in_block = False if s.startswith("&") else in_block
            continue
        if not in_block:
            continue
        if s.startswith("*") and "[" in s:  # a pattern written without its leading "-" ("* (TO QUESTION) [110]")
            s = "- " + s
        if s.startswith("-"):
            pm = re.match(r"^-\s*(.*?)\[([^\]]*)\]", s)
            if not pm:
                stats.leave(n, "a pattern needs a [CODE]", raw)
                continue
            code = _code(pm.group(2))
            if code is None:
                stats.skipped_bad_code += 1
                stats.leave(n, f"[{pm.group(2).strip()}] is not a CAMEO code", raw)
                continue
            for v in verbs:
                for body in _expand_prep_sets(pm.group(1), synsets):
                    p = _convert(v, body, code, synsets, where, n, stats)
                    if p is not None:
                        vd.add(replace(p, reverse=_reverse(pm.group(2)), before_nouns=cameo2 and bool(p.before)
                                       and not (p.before_adjacent and "_+" in v)))
                        n_pat += 1
            continue
        # a verb line: WORD {FORMS}; the first verb of a block repeats the block name
        words = re.sub(r"\{[^}]*\}", " ", s).split()
        if not words:
            continue
        verb = words[0].lstrip("+").lower().rstrip("_")
        if not re.fullmatch(r"[a-z][a-z_+'-]*", verb):
            stats.leave(n, f"{verb!r} is not a verb", raw)
            continue
        verbs.append(verb)
        stats.verbs += 1
        head, _, _ = _verb_parts(verb)
        listed = re.search(r"\{([^}]*)\}", s)
        forms = {head} | ({_verb_parts(f.lstrip("+").lower().rstrip("_"))[0] for f in listed.group(1).split()}
                          if listed and listed.group(1).strip() else _regular_forms(head))
        vd.surface_forms[head] = vd.surface_forms.get(head, frozenset()) | frozenset(forms)
        own = re.search(r"\[([^\]]*)\]", s)  # "REPORT [---]" inside a block: this verb's own code
        verb_code = _code(own.group(1)) if own else block_code
        if verb_code is not None:
            lemma, particles, before = _verb_parts(verb)
            vd.add(VerbPattern(lemma=lemma, prep=particles[-1] if particles else None, code=verb_code,
                               source=where, preps=tuple(particles), pos="VERB", text=verb.replace("_+", " ")
                               .replace("_", " "), reverse=block_rev, order=n, particles=len(particles),
                               before=((before,),) if before else (), before_adjacent=bool(before)))
            n_pat += 1
    stats.patterns += n_pat
    vd.sources[str(path)] = n_pat
    return vd


def read_petrarch_negations(path: str | Path) -> dict[str, str]:
    """What a negated event is, from PETRARCH's internal coding ontology (PICO) file.

    PICO gives each CAMEO code a number; negation adds or takes away 0xFFFF ("110:0x1007f#0xFFFF+0x0080":
    disapprove is negated diplomatic cooperation 050, so "did not disapprove" is 050 and "did not cooperate"
    110). Values with a further mask (`+0x300`) mean "a thing of its own" and are not negation targets.
    """
    values: dict[str, int] = {}
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        m = re.match(r"^\s*(\d{2,4})\s*:\s*([-+0-9xXa-fA-F]+)", line)
        if not m or "+0x300" in line:
            continue
        try:
            values[m.group(1)] = eval_hex(m.group(2))
        except ValueError:
            continue
    by_value: dict[int, str] = {}
    for code, v in values.items():
        by_value.setdefault(v, code)
    out: dict[str, str] = {}
    for code, v in values.items():
        for w in (v + 0xFFFF, v - 0xFFFF):
            if w in by_value and by_value[w] != code:
                out[code] = by_value[w]
                break
    return out


def eval_hex(text: str) -> int:
    """`-0xFFFF+0x0070` -> -65465: a sum of signed hexadecimal terms."""
    total = 0
    for sign, num in re.findall(r"([-+]?)\s*(0[xX][0-9a-fA-F]+|\d+)", text):
        total += (-1 if sign == "-" else 1) * int(num, 16 if num.lower().startswith("0x") else 10)
    if not re.fullmatch(r"\s*([-+]?\s*(0[xX][0-9a-fA-F]+|\d+)\s*)+", text):
        raise ValueError(text)
    return total


# ---------------------------------------------------------------------------- actors, agents, discards


_BRACKET = re.compile(r"\[([^\]]*)\]")


def _restriction(text: str) -> tuple[tuple[str, date | None, date | None] | None, str | None]:
    """`CODE`, `CODE <D`, `CODE >D`, `CODE D1-D2` -> ((code, from, until), None), or (None, why it cannot be used).

    PETRARCH's dates are YYMMDD (00-30: 20YY) or YYYYMMDD; `<D` holds before D, `>D` from D on, `D1-D2`
    between them. A period that ends before it starts never holds: PETRARCH-1 skips it with a warning,
    PETRARCH2 never applies it; so it is left out, and said so.
    """
    # "FRO/BIL/SAM": several actors
    m = re.match(r"^\s*([A-Za-z+#\-][A-Za-z0-9+#\-]{2,}[A-Za-z0-9/+]*)\s*(.*)$", text.strip())
    if not m:
        return None, f"unreadable code {text.strip()!r}"
    code, rest = m.group(1).upper(), m.group(2).replace(" ", "")
    valid_from = valid_until = None
    try:
        if rest.startswith("<"):
            valid_until = _petr_date(rest[1:])
        elif rest.startswith(">"):
            valid_from = _petr_date(rest[1:])
        elif "-" in rest:
            a, b = rest.split("-", 1)
            valid_from, valid_until = _petr_date(a), _petr_date(b)
        elif rest:
            return None, f"unreadable date restriction {rest!r}"
    except ValueError:
        return None, f"unreadable date in {rest!r} (YYMMDD or YYYYMMDD)"
    if code != NULL_ACTOR:
        problem = code_problem(code) or period_problem(valid_from, valid_until)
        if problem:
            return None, problem + (": PETRARCH never applies it" if "period" in problem else "")
    return (code, valid_from, valid_until), None


NULL_ACTOR = "---"  # PETRARCH: the phrase is no actor (TABARI's null code)


def read_petrarch_actors(path: str | Path) -> ActorDictionary:
    """A PETRARCH actor dictionary: phrases with synonyms and dated codes.

    A record is a phrase line (`PHRASE [CODE] [CODE DATES] ...`, any number of codes), `+SYNONYM` lines
    and indented `[CODE DATES]` lines. Every code or record that cannot be used is in `left_out` with
    its file, line and reason; so is `[---]` (no actor), which has no row in our format.
    """
    path = Path(path)
    d = ActorDictionary()
    names: list[str] = []
    codes: list[tuple[str, date | None, date | None]] = []
    head: tuple[int, str] = (0, "")
    tried = [0]  # codes seen in the current record, usable or not

    def leave(lineno: int, reason: str, text: str) -> None:
        d.left_out.append(LeftOut(str(path), lineno, f"{names[0] if names else '?'}: {reason}", text.strip()))

    def read_codes(lineno: int, text: str) -> None:
        for inner in _BRACKET.findall(text):
            tried[0] += 1
            r, problem = _restriction(inner)
            if r is None:
                leave(lineno, f"[{inner.strip()}] {problem}", text)
            else:
                codes.append(r)

    def flush() -> None:
        if not names:
            return
        if not codes:
            leave(head[0], "none of its codes is usable: no row" if tried[0] else
                  "no code: PETRARCH reads it as no actor (a synonym needs a leading '+')", head[1])
            return
        null = next((k for k, c in enumerate(codes) if c[0] == NULL_ACTOR), None)
        if null is not None:
            undated_before = any(c[1] is None and c[2] is None for c in codes[:null])
            leave(head[0], "[---] is never reached: an undated code before it always holds" if undated_before
                  else "[---] (no actor) has no row in our format" + (
                      "; outside the periods of its other codes the nearest one's root applies"
                      if len(codes) > 1 else ""), head[1])
        # PETRARCH takes the first dated code that holds, we the last read: dated codes go in reverse,
        # then the open one
        dated = [c for c in codes if c[1] is not None or c[2] is not None]
        ordered = dated[::-1] + [c for c in codes if c[1] is None and c[2] is None]
        for phrase in names:
            for code, start, until in ordered:
                if code == NULL_ACTOR:
                    continue
                d.actors.append(ActorEntry(phrase, code, "actor", names[0].title(), start, until, path.name))

    for lineno, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        s = _strip_comment(line)
        if not s.strip():
            continue
        if s[0] in " \t" and s.strip().startswith("["):
            read_codes(lineno, s)
            continue
        if s.strip().startswith("+"):
            names.append(_phrase(s.strip()[1:].split("[")[0]))
            if "[" in s:
                leave(lineno, "a code on a synonym line (+NAME) is not read: the record's codes apply", line)
            continue
        flush()
        names, codes, head, tried[0] = [], [], (lineno, line), 0
        phrase = _phrase(s.split("[", 1)[0])
        if not phrase:
            d.left_out.append(LeftOut(str(path), lineno, "a code without a phrase", line.strip()))
            continue
        names = [phrase]
        read_codes(lineno, s)
    flush()
    d.sources[str(path)] = len(d.actors)
    return d


def read_petrarch_agents(path: str | Path) -> ActorDictionary:
    """A PETRARCH agents dictionary: role words giving a sector code."""
    path = Path(path)
    d = ActorDictionary()
    macros: dict[str, list[str]] = {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        s = _strip_comment(line).strip()
        if not s:
            continue
        mm = re.match(r"^(![A-Z]+!)\s*=\s*(.*)$", s)
        if mm:
            macros[mm.group(1)] = [w.strip() for w in mm.group(2).split(",") if w.strip()]
            continue
        m = re.match(r"^(.*?)\s*(\{[^}]*\})?\s*\[([^\]]*)\]", s)
        # "~GOV": appended after the actor's code; "NGO~": put before it ("MSF Arnor" -> NGOARN)
        sector = m.group(3).strip().upper().lstrip("~").strip() if m else ""
        if not m or not sector:
            d.left_out.append(LeftOut(str(path), lineno, "an agent needs a code ([~SECTOR] or [SECTOR~])",
                                      line.strip()))
            continue
        phrases = [m.group(1)]
        for macro, subs in macros.items():
            phrases = [p.replace(macro, sub) for p in phrases for sub in (subs if macro in p else [""])]
        plurals = m.group(2)
        forms = []
        for p in phrases:
            forms.append(p)
            if plurals is None:
                forms.append(p + ("ES" if p.endswith(("S", "X", "CH", "SH")) else "S"))
        if plurals:
            forms.extend(plurals.strip("{}").split())
        for f in forms:
            phrase = _phrase(f)
            if "!" in phrase:
                d.left_out.append(LeftOut(str(path), lineno, f"{phrase!r}: substitution marker not defined above it",
                                          line.strip()))
            elif phrase:
                d.agents.append(AgentEntry(phrase, sector, path.name))
    d.sources[str(path)] = len(d.agents)
    return d


def read_petrarch_discards(path: str | Path) -> ActorDictionary:
    path = Path(path)
    d = ActorDictionary()
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        s = _strip_comment(line).strip().lstrip("+").strip()
        if s:
            d.discards.append(_phrase(s))
    d.sources[str(path)] = len(d.discards)
    return d


def read_petrarch_actor_dir(directory: str | Path, files: dict[str, list[Path]] | None = None) -> ActorDictionary:
    """Every PETRARCH actor, agent and discard file of a directory (or the given files)."""
    files = files if files is not None else find_petrarch_files(directory)
    out = ActorDictionary()
    if files.get("actors") or files.get("agents"):  # PETRARCH's conventions, only when its files are in use
        out.anti_prefix = out.auto_plurals = out.country_from_context = False
        out.agent_modifiers = True
    for path in files.get("actors", []):
        out.extend(read_petrarch_actors(path))
    for path in files.get("agents", []):
        out.extend(read_petrarch_agents(path))
    for path in files.get("discards", []):
        out.extend(read_petrarch_discards(path))
    return out


# ---------------------------------------------------------------------------- conversion to our files


def write_verbs_tsv(vd: VerbDictionary, out: Path, sources: list[Path]) -> int:
    """Write imported verb patterns in our `verbs.tsv` format; returns the number of lines."""
    lines = [f"# Converted by `dyads dict import-petrarch` from {', '.join(p.name for p in sources)}.",
             "# PETRARCH verb dictionaries: openeventdata/petrarch2 (MIT). Format: dyads/events/verbs.py.",
             f"# dialect: {vd.wanted_dialect()}"]
    pats = sorted((p for ps in vd.patterns.values() for p in ps), key=lambda p: (p.lemma, p.order))
    lines += [format_pattern(p) for p in pats]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(pats)


def write_actors_tsv(d: ActorDictionary, out_dir: Path, stem: str) -> dict[str, int]:
    """Write imported actors, agents and discards as our `*.actors.tsv`, `*.agents.tsv`, `*.discards.tsv`."""
    counts: dict[str, int] = {}
    head = f"# Converted by `dyads dict import-petrarch` from PETRARCH dictionaries ({stem}); openeventdata (MIT).\n"
    if d.actors:
        rows = ["\t".join([a.phrase, a.code, a.kind, a.name or "", a.valid_from.isoformat() if a.valid_from else "",
                           a.valid_until.isoformat() if a.valid_until else ""]) for a in d.actors]
        (out_dir / f"{stem}.actors.tsv").write_text(head + "\n".join(rows) + "\n", encoding="utf-8")
        counts["actors"] = len(rows)
    if d.agents:
        rows = [f"{a.phrase}\t{a.sector}" for a in d.agents]
        (out_dir / f"{stem}.agents.tsv").write_text(head + "\n".join(rows) + "\n", encoding="utf-8")
        counts["agents"] = len(rows)
    if d.discards:
        (out_dir / f"{stem}.discards.tsv").write_text(head + "\n".join(d.discards) + "\n", encoding="utf-8")
        counts["discards"] = len(d.discards)
    return counts


def write_left_out(left_out: list[LeftOut], path: Path) -> int:
    """Keep every record an import did not carry over, with its file, line and reason (a TSV the user can read)."""
    if not left_out:
        path.unlink(missing_ok=True)  # no stale list from an earlier import
        return 0
    rows = ["# Records of the PETRARCH dictionaries that `dyads dict import-petrarch` did not carry over.",
            "# file\tline\treason\ttext"]
    rows += ["\t".join([x.file, str(x.line), x.reason, " ".join(x.text.split())]) for x in left_out]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return len(left_out)


def check_written(out: Path, name: str) -> dict[str, int]:
    """Read back what an import wrote, as `--dict DIR` will: counts by kind; DictionaryError if a row is refused."""
    from dyads.actors.dictionary import read_dictionary_dir
    from dyads.events.verbs import read_verbs

    d = read_dictionary_dir(out)
    counts = {"actors": len(d.actors), "agents": len(d.agents), "discards": len(d.discards)}
    verbs = out / f"{name}.verbs.tsv"
    if verbs.exists():
        counts["verb patterns"] = len(read_verbs(verbs))
    return counts


@click.command("import-petrarch")
@click.option("--verbs", "verb_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A PETRARCH verb dictionary (CAMEO.2.0 format).")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--agents", "agent_files", multiple=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--discards", "discard_files", multiple=True, type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Directory to write our dictionary files into (usable with --dict).")
@click.option("--name", default="petrarch", show_default=True, help="Stem of the written file names.")
@click.option("--show", default=10, show_default=True, help="How many left-out records to print (all are kept).")
def command(verb_files: tuple[str, ...], actor_files: tuple[str, ...], agent_files: tuple[str, ...],
            discard_files: tuple[str, ...], out_dir: str, name: str, show: int) -> None:
    """Convert PETRARCH dictionaries into dyads dictionary files.

    Every record that cannot be carried over (an unreadable code or date, a period that ends before it
    starts, a pattern naming an undefined synonym set, `[---]`, ...) is printed with its file, line and
    reason and kept in OUT/NAME.left-out.tsv; the written files are read back as `--dict OUT` reads them.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    left_out: list[LeftOut] = []
    vd = VerbDictionary()
    if verb_files:
        stats = VerbImportStats()
        for f in verb_files:
            vd.extend(read_petrarch_verbs(f, stats))
        n = write_verbs_tsv(vd, out / f"{name}.verbs.tsv", [Path(f) for f in verb_files])
        left_out += stats.left_out
        click.echo(f"verbs: {stats.verbs} verbs, {n} patterns written; {len(stats.left_out)} pattern lines left out")
    d = ActorDictionary()
    for f in actor_files:
        d.extend(read_petrarch_actors(f))
    for f in agent_files:
        d.extend(read_petrarch_agents(f))
    for f in discard_files:
        d.extend(read_petrarch_discards(f))
    for kind, n in write_actors_tsv(d, out, name).items():
        click.echo(f"{kind}: {n} written")
    left_out += d.left_out
    kept = write_left_out(left_out, out / f"{name}.left-out.tsv")
    if kept:
        click.echo(f"left out: {kept} records (file:line: reason), all kept in {out / (name + '.left-out.tsv')}:",
                   err=True)
        for x in left_out[:show]:
            click.echo(f"  {x}", err=True)
        if kept > show:
            click.echo(f"  ... and {kept - show} more", err=True)
    from dyads.actors.dictionary import DictionaryError

    try:
        counts = check_written(out, name)
    except (DictionaryError, ValueError) as exc:  # a row we wrote and cannot read: the importer's bug, not the user's
        raise click.ClickException(f"the written files do not read back: {exc}") from None
    # PETRARCH's patterns coded by our rules lose what PETRARCH's reading gives them (dyads.events.dialect)
    dialect = f" --dialect {vd.wanted_dialect()}" if verb_files else ""
    click.echo(f"read back: {', '.join(f'{n} {k}' for k, n in counts.items())}; use them with `--dict {out}{dialect}`")
    if verb_files:
        click.echo(f"dialect: the verb patterns were written for {vd.wanted_dialect()} (written into "
                   f"{name}.verbs.tsv); without --dialect they are coded by our rules")
