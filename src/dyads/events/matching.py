"""Pattern matching: which pattern of the verb dictionary a word of the parse fills (`_match`).

A word is a candidate when its surface form, lemma or a crude stem heads a pattern (`_patterns_for`;
under a dialect with `listed_forms`, only in the forms the dictionary lists); the most specific pattern
whose words before the head, prepositions and slots are all in the parse wins. A noun that is the
object of a light verb ("held talks with") is matched with that verb's phrases. The pattern format is
`dyads.events.verbs`'s; reading the match into source and target is `dyads.events.roles`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from dyads.events.dialect import Dialect
from dyads.events.lexicon import (
    _CLAUSE_DEPS,
    _NOUN_SLOT_DEPS,
    _OBJ_DEPS,
    LIGHT_VERBS,
    PARTICIPATION_VERBS,
    QUANTITY_NOUNS,
    SPEECH_VERBS,
    STATIVE_PARTICIPLES,
)
from dyads.events.verbs import VerbDictionary, VerbPattern


def _stems(tok: Token) -> list[str]:
    """The lemma, the surface form and crude stems, for verbs the lemmatiser gets wrong ("staged" -> "stag")."""
    w = tok.lower_
    out = [tok.lemma_.lower(), w]
    if tok.pos_ in {"VERB", "AUX"}:
        if w.endswith(("ed", "es")):
            out += [w[:-2], w[:-1]]
        elif w.endswith("ing"):
            out += [w[:-3], w[:-3] + "e"]
        elif w.endswith("s"):
            out.append(w[:-1])
    return out


def _light_verb(tok: Token) -> Token | None:
    if tok.dep_ == "conj" and tok.pos_ == "NOUN" and tok.head.pos_ == "NOUN":  # "launched artillery and rocket fire"
        first = tok.head
        while first.dep_ == "conj" and first.head.pos_ == "NOUN":
            first = first.head
        tok = first
    adj = tok.head.head
    if tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ in {"for", "of"} and tok.head.dep_ == "prep" \
            and adj.lower_ in {"responsible", "guilty", "culpable"} and adj.head.pos_ in {"AUX", "VERB"}:
        return adj.head  # "is responsible for mass killings": the subject of "is" did them
    if tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ in {"dobj", "obj", "attr", "nsubjpass"}:
        if tok.head.pos_ in {"VERB", "AUX"} and any(s in LIGHT_VERBS for s in _stems(tok.head)):
            return tok.head
    if tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ == "into" and tok.head.head.lemma_ == "sign" \
            and any(c.lower_ == "law" for c in tok.children):
        return tok.head.head  # "signed into law new sanctions", parsed as one phrase "into law new sanctions"
    if tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.head.dep_ == "prep":
        verb = tok.head.head  # "were engaged in ethnic cleansing", "took part in the attack"
        if verb.pos_ in {"VERB", "AUX"} and (verb.lemma_.lower() in PARTICIPATION_VERBS or verb.lower_ in
                                             STATIVE_PARTICIPLES):
            return verb
        if verb.lower_ == "part" and verb.head.lemma_.lower() == "take":
            return verb.head
    return None


def _run_in(tok: Token, run: list[str]) -> bool:
    """Whether the words of `run` follow each other somewhere in `tok`'s phrase (TABARI's `{A B}`, `A_B`)."""
    doc = tok.doc
    lo, hi = tok.left_edge.i, tok.right_edge.i + 1
    for st in range(lo, hi - len(run) + 1):
        if all(run[k] in (doc[st + k].lower_, doc[st + k].lemma_.lower()) for k in range(len(run))):
            return True
    return False


# pronouns that stand for people, not things
PERSON_PRONOUNS = {"he", "she", "they", "him", "her", "them"}


def _word_in(tok: Token, words: frozenset[str], depth: int = 0) -> bool:
    if tok.lemma_.lower() in QUANTITY_NOUNS and depth < 2:  # "tons of food aid": the aid fills the slot
        if any(_word_in(o, words, depth + 1) for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
               for o in _prep_objects(c)):
            return True
    for w in (tok.lemma_.lower(), tok.lower_):
        if w in words:
            return True
    if tok.lower_ in PERSON_PRONOUNS and "people" in words:
        return True  # a slot of people (&PERSON) takes a pronoun for them: "after they were captured by the army"
    for w in words:
        if "~" in w and _run_in(tok, w.split("~")):
            return True
    for w in words:
        if "_" in w:
            *mods, last = w.split("_")
            if last in (tok.lemma_.lower(), tok.lower_) and all(any(c.lower_ == m for c in tok.children) for m in mods):
                return True
    return any(c.dep_ in {"compound", "amod"} and (c.lemma_.lower() in words or c.lower_ in words)
               for c in tok.children)


def _fits_pos(p: VerbPattern, tok: Token) -> bool:
    return not p.pos or tok.pos_ == p.pos or (p.pos == "VERB" and tok.pos_ == "AUX")


_VOWELS = set("aeiou")


def _undoubled(tok: Token) -> bool:
    """A past form whose lemma the lemmatiser cut one letter short: a one-syllable lemma ending in
    consonant-vowel-consonant doubles it before "-ed" ("rap" -> "rapped"), so "raped" is "rape", "staged" "stage"."""
    w, lemma = tok.lower_, tok.lemma_.lower()
    if tok.pos_ not in {"VERB", "AUX"} or not w.endswith("ed") or lemma != w[:-2] or len(lemma) < 3:
        return False
    groups = sum(1 for i, ch in enumerate(lemma) if ch in _VOWELS and (i == 0 or lemma[i - 1] not in _VOWELS))
    return groups == 1 and lemma[-1] not in _VOWELS | {"w", "x", "y"} and lemma[-2] in _VOWELS \
        and lemma[-3] not in _VOWELS


_BY_WORD_MAX = 200_000
"""Words remembered per verb dictionary (`VerbDictionary.by_word`) before it starts afresh: the memory of a
long run stays bounded (a few MB at most) whatever the vocabulary of its articles."""


def _patterns_for(tok: Token, vd: VerbDictionary, dialect: Dialect) -> list[VerbPattern]:
    """Patterns of the surface form first ("left" has its own PETRARCH block), then of the lemma,
    then of crude stems for verbs the lemmatiser got wrong ("cordoned" -> "cordone").

    Only patterns whose part of speech fits the token count: the verb "shelling" is not stopped
    at the noun pattern `shelling/n` but goes on to the verb `shell`.

    The answer depends only on the word's form, lemma and part of speech, so it is remembered per
    dictionary (the coder asks for about 40% of all tokens, most of which head no pattern); not
    under a dialect with `listed_forms`, where it also depends on the dictionary's listed forms.
    """
    if dialect.listed_forms:
        return _find_patterns(tok, vd, dialect)
    key = (tok.lower, tok.lemma, tok.pos)
    found = vd.by_word.get(key)
    if found is None:
        if len(vd.by_word) >= _BY_WORD_MAX:
            vd.by_word.clear()
        found = vd.by_word[key] = _find_patterns(tok, vd, dialect)
    return found


def _find_patterns(tok: Token, vd: VerbDictionary, dialect: Dialect) -> list[VerbPattern]:
    """`_patterns_for`, worked out."""
    keys = [tok.lower_, *_stems(tok)]
    if _undoubled(tok):  # "raped" is rape, not rap (which would be "rapped")
        keys.insert(1, tok.lower_[:-1])
    out: list[VerbPattern] = []
    for k in keys:
        if k and (not dialect.listed_forms or k not in vd.surface_forms or tok.lower_ in vd.surface_forms[k]):
            # one head's list holds each pattern once (`VerbDictionary.add`), and `out` is only ever one
            # head's: no test of `p in out` (dataclass equality over every field, per pair of patterns)
            out = [p for p in vd.get(k) if _fits_pos(p, tok)]
            if out:
                return out
    return out


def _is_time(prep: Token) -> bool:
    """A preposition whose object is a date or time ("on Monday"): never a pattern's preposition."""
    return any(o.ent_type_ in {"DATE", "TIME"} for o in _prep_objects(prep))


def _prep_child(hosts: list[Token], prep: str, after: int) -> Token | None:
    for h in hosts:
        for c in h.children:
            if c.lower_ == prep and c.dep_ in {"prep", "prt", "agent", "dative", "advmod", "advcl", "mark"}:
                if not _is_time(c) and not _fronted(c, h):
                    return c
    sent = hosts[0].sent
    for t in hosts[0].doc[after + 1 : min(after + 7, sent.end)]:
        if t.lower_ == prep and t.dep_ in {"prep", "prt", "agent", "mark", "advmod"} and not _is_time(t) \
                and t.doc[t.i - 1].lower_ not in COMPOUND_PREP_FIRSTS and not _later_verbs(t, hosts):
            return t
    return None


def _later_verbs(t: Token, hosts: list[Token]) -> bool:
    """The particle of a verb that comes after the host ("backing groups demanding he step down": "down" is
    "step"'s, not "backing"'s): a word the parser hung on a later verb, nowhere misattached."""
    return t.dep_ == "prt" and t.head.pos_ in {"VERB", "AUX"} and all(h.i < t.head.i < t.i for h in hosts)


def _fronted(prep: Token, host: Token) -> bool:
    """A phrase set before its verb and the verb's subject, with no question or relative word in it ("By
    Tuesday night, soldiers stood guard", "Against this backdrop, the minister warned", "For years, the
    group has called ..."): an adjunct of the whole clause, never the preposition of a phrasal pattern
    ("stand by", "warn against", "call for"), whose preposition follows its verb, or opens the clause
    only with "whom" or "which" ("the allies with whom he met")."""
    if prep.i > host.i or host.pos_ not in {"VERB", "AUX"}:
        return False
    subj = [c for c in host.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}]
    if not subj or prep.i > min(s.left_edge.i for s in subj):
        return False
    return not any(t.tag_ in {"WDT", "WP", "WP$", "WRB"} for t in prep.subtree)


# first words of prepositions of two words, whose second word is no preposition of a pattern nearby
# ("committed abuses, according to Amnesty" is not "committed to")
COMPOUND_PREP_FIRSTS = {"according", "due", "owing", "thanks", "prior", "contrary"}


def _to_clauses(hosts: list[Token]) -> list[Token]:
    """Verbs of `to`-clauses hanging from the hosts ("urged X to negotiate", "an intention to send")."""
    out = []
    for h in hosts:
        for c in h.children:
            if c.dep_ in {"xcomp", "ccomp", "acl", "advcl"} and c.pos_ in {"VERB", "AUX"}:
                out.append(c)
    return out


def _infinitives(hosts: list[Token]) -> list[Token]:
    """`to`-clauses proper (with their `to`): what a "to" in a pattern stands for."""
    return [c for c in _to_clauses(hosts) if any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]


def _prep_objects(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ in {"pobj", "pcomp", "obj"}]


@dataclass
class _Match:
    pattern: VerbPattern
    target_heads: list[Token]  # where the pattern says the target is
    slot_heads: list[Token]  # every slot filler (further targets are looked for below them)
    last: Token  # the right edge of the trigger
    named: list[Token] = field(default_factory=list)  # the prepositions the pattern named
    before: set[int] = field(default_factory=set)  # tokens of the words the pattern wants before the head
    source_heads: list[Token] = field(default_factory=list)  # where the pattern says the source is


def _before_match(tok: Token, p: VerbPattern) -> set[int] | None:
    """The tokens that fill a pattern's words-before-the-head, matched right to left in the sentence
    ("did n't" before "clash"), each within a few words of the next; None when they are not there."""
    sent = tok.sent
    if p.before_nouns:  # CAMEO.2.0: each item names the head of a noun phrase before the verb
        used: set[int] = set()
        heads = [t for t in tok.doc[sent.start : tok.i] if t.pos_ in {"NOUN", "PROPN"}
                 and t.dep_ not in {"compound", "amod", "nmod", "poss"}]
        for item in p.before:
            hit = next((h for h in heads for run in item if run[-1] in (h.lower_, h.lemma_.lower())
                        and all(any(w in (x.lower_, x.lemma_.lower()) for x in h.subtree) for w in run[:-1])), None)
            if hit is None:
                return None
            used.add(hit.i)
        return used
    words = [(t.lower_, t.lemma_.lower()) for t in tok.doc[sent.start : tok.i]]
    pos, used = len(words), set()
    for k in range(len(p.before) - 1, -1, -1):
        found = None
        lowest = pos if (p.before_adjacent and k == len(p.before) - 1) else max(0, pos - 6)
        for end in range(pos, lowest - 1, -1):
            for run in p.before[k]:
                st = end - len(run)
                if st >= 0 and all(run[q] in words[st + q] for q in range(len(run))):
                    found = (st, end)
                    break
            if found:
                break
        if found is None:
            return None
        used.update(sent.start + i for i in range(*found))
        pos = found[0]
    return used


def _after_verb(tok: Token, words: frozenset[str]) -> list[Token]:
    """A slot word further along the verb's own clause ("bargain for asylum" for `* FOR_ASYLUM`,
    "received by courier money" for `* MONEY`), as TABARI read the words after a verb; words inside
    clauses of their own are not the verb's."""
    for t in tok.subtree:
        if t.i <= tok.i or t.pos_ in {"VERB", "AUX"}:
            continue
        inner = [a for a in t.ancestors if a.i != tok.i and tok.is_ancestor(a)]
        # not inside a clause of its own, nor deep in the object ("adopt a set of resolutions": a set)
        if any(a.pos_ in {"VERB", "AUX"} or a.dep_ in _CLAUSE_DEPS | {"dobj", "obj"} for a in inner):
            continue
        if _word_in(t, words):
            return [t]
    return []


def _match(tok: Token, vd: VerbDictionary, dialect: Dialect,
           pats: list[VerbPattern] | None = None) -> _Match | None:
    """The most specific pattern of `tok`'s lemma whose prepositions and slots are in the parse
    (`pats`: `_patterns_for(tok, vd, dialect)` when the caller has it already)."""
    if pats is None:
        pats = _patterns_for(tok, vd, dialect)
    light = _light_verb(tok)
    hosts = [tok] + ([light] if light is not None else [])
    if tok.pos_ in {"VERB", "AUX"}:
        objs = [c for c in tok.children if c.dep_ in _OBJ_DEPS | {"xcomp", "ccomp"}]
        objs += [m for c in objs if c.dep_ == "ccomp" for m in c.children if m.dep_ == "mark"]
        # "allow candidate X to run" is often parsed allow -> ccomp(run) -> nsubj(X): X is what is allowed
        objs += [m for c in objs if c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                 for m in c.children if m.dep_ == "nsubj"]
        # a word right after the verb may be an adverb or complement ("act now", "responded angrily")
        objs += [c for c in tok.children if c.dep_ in {"advmod", "npadvmod", "acomp"} and c.i > tok.i]
        if not dialect.modality:  # PETRARCH's words after the verb run on into its complement ("vowed to wage war")
            objs += [o for c in tok.children if c.dep_ == "xcomp" for o in c.children if o.dep_ in {"dobj", "obj"}]
    else:
        objs = [c for c in tok.children if c.dep_ in _NOUN_SLOT_DEPS]
        objs += [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for o in _prep_objects(c)]
    hosts += [o for o in objs if o.dep_ in {"dobj", "obj"}]
    for p in pats:
        before = _before_match(tok, p) if p.before else set()
        if before is None:
            continue
        if p.obj is not None:
            filler = [o for o in objs if _word_in(o, p.obj)]
            if not filler and not dialect.modality:  # PETRARCH: the words after the verb, wherever the parse put them
                filler = _after_verb(tok, p.obj)
            if not filler:
                continue
        else:
            filler = []
        last: Token = filler[0] if filler else tok
        targets: list[Token] = []
        ok = True
        slot: list[Token] = list(filler)
        prev = tok.i
        named: list[Token] = []
        source_heads: list[Token] = []
        for k, prep in enumerate(p.preps):
            is_last = k == len(p.preps) - 1
            words = p.prep_slots[k] if p.prep_slots else (p.prep_obj if is_last else None)
            if prep == "to" and words is not None:
                clauses = [c for c in _infinitives(hosts) if _word_in(c, words)]
                pc = _prep_child(hosts, "to", prev)
                pobj = [o for o in (_prep_objects(pc) if pc is not None else []) if _word_in(o, words)]
                if not clauses and not pobj:
                    ok = False
                    break
                slot = clauses + pobj
                targets.extend(pobj)
                for c in clauses:  # the addressee of an appeal is the subject of its to-clause
                    targets.extend(s for s in c.children if s.dep_ in {"nsubj", "nsubjpass"})
                last = max([last, *slot], key=lambda t: t.i)
                continue
            if prep == "to" and tok.lemma_.lower() in SPEECH_VERBS:
                # "told X to resign": for a verb of saying, "to" is its to-clause, never a phrase nearby
                if not _infinitives(hosts):  # ("told Reuters that his opposition to France ...")
                    ok = False
                    break
                last = max(last, *_infinitives(hosts), key=lambda t: t.i) if is_last else last
                continue
            pc = _prep_child(hosts, prep, prev)
            if pc is None and prep == "to" and _infinitives(hosts):  # "willing to", "agreed to withdraw"
                last = max(last, *_infinitives(hosts), key=lambda t: t.i) if is_last else last
                continue
            if pc is None:
                ok = False
                break
            prev = pc.i
            named.append(pc)
            pobj = _prep_objects(pc)
            if not pobj and pc.dep_ == "prt":  # "clash over the efforts" parsed as particle + object
                pobj = [o for o in pc.head.children if o.dep_ in {"dobj", "obj"} and o.i > pc.i]
            if words is not None:
                pobj = [o for o in pobj if _word_in(o, words)]
                if not pobj:
                    ok = False
                    break
                slot = pobj
            if k == p.source_prep:
                source_heads.extend(_prep_objects(pc))
            elif pc.dep_ != "prt" and p.target_prep in (None, k):
                targets.extend(pobj)
            last = max(last, pc, key=lambda t: t.i)
            hosts = hosts + pobj
        if not ok:
            continue
        region = slot or [tok]  # no slot: the words may be anywhere below the predicate
        if p.extra and not all(any(_word_in(t, ws) for s in region for t in s.subtree) for ws in p.extra):
            continue
        if p.target_prep is not None and p.target_prep >= 0:  # the target is only where the pattern says
            targets = [t for t in targets if any(t.i in {x.i for x in _prep_objects(n)} for n in named
                                                 if p.preps.index(n.lower_) == p.target_prep)] or targets
        return _Match(p, targets, slot + filler, last, named if p.target_prep == -1 else [], before, source_heads)
    return None
