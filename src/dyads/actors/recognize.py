"""Find actor mentions in a parsed document and give each a CAMEO-style code.

Dictionary phrases (countries, named actors, role words) are matched with spaCy's PhraseMatcher;
matches are grouped by the noun phrase they modify, so "Russian Foreign Minister Sergei Lavrov"
is one actor RUS + GOV. A bare role word coordinated with a coded phrase inherits its country
("the Syrian government and opposition" -> SYRGOV, SYROPP).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from weakref import WeakKeyDictionary

from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from dyads.actors.dictionary import ActorDictionary, ActorEntry
from dyads.models import Actor, Article

_NP_MODIFIERS = {"compound", "amod", "poss", "nmod", "det", "case", "flat", "nummod"}


@dataclass
class _Compiled:
    matcher: PhraseMatcher
    actors: dict[str, list[ActorEntry]]
    agents: dict[str, str]
    discards: set[str]


_CACHE: WeakKeyDictionary = WeakKeyDictionary()


class _Key:
    """Weak-referenceable handle so the compiled matcher lives as long as its dictionary."""


def _compile(dictionary: ActorDictionary, doc: Doc) -> _Compiled:
    key = getattr(dictionary, "_compiled_key", None)
    if key is None:
        key = _Key()
        dictionary._compiled_key = key  # type: ignore[attr-defined]
    compiled = _CACHE.get(key)
    if compiled is not None and compiled.matcher.vocab is doc.vocab:
        return compiled
    matcher = PhraseMatcher(doc.vocab, attr="LOWER")
    actors: dict[str, list[ActorEntry]] = {}
    for entry in dictionary.actors:
        actors.setdefault(entry.phrase.lower(), []).append(entry)
    agents = {a.phrase.lower(): a.sector for a in dictionary.agents}
    discards = {d.lower() for d in dictionary.discards}
    tokenizer = English(vocab=doc.vocab).tokenizer

    def tok(phrase: str) -> Doc:
        # a trailing word keeps "U.S." whole, as it is inside a sentence
        return tokenizer(phrase + " x")[:-1].as_doc()

    matcher.add("ACTOR", [tok(p) for p in actors])
    matcher.add("AGENT", [tok(p) for p in agents])
    matcher.add("DISCARD", [tok(p) for p in discards])
    compiled = _Compiled(matcher, actors, agents, discards)
    _CACHE[key] = compiled
    return compiled


def _np_head(token: Token) -> Token:
    """Climb from a modifier to the noun it modifies ("Russian" -> "Lavrov")."""
    while token.dep_ in _NP_MODIFIERS and token.head is not token and token.head.pos_ in {"NOUN", "PROPN"}:
        token = token.head
    return token


def _entry_for(entries: list[ActorEntry], day: date | None) -> ActorEntry:
    for e in entries:
        if e.holds_on(day):
            return e
    return entries[0]


def find_actors(doc: Doc, article: Article, dictionary: ActorDictionary) -> list[Actor]:
    """Every actor mention in `doc`, coded, in text order."""
    compiled = _compile(dictionary, doc)
    matches = compiled.matcher(doc)
    # keep the longest match at each position
    matches = sorted(matches, key=lambda m: (m[1], -(m[2] - m[1])))
    taken: set[int] = set()
    groups: dict[int, dict] = {}
    label_of = doc.vocab.strings
    for match_id, start, end in matches:
        if any(i in taken for i in range(start, end)):
            continue
        taken.update(range(start, end))
        label = label_of[match_id]
        phrase = doc[start:end].text.lower()
        head = _np_head(doc[end - 1])
        g = groups.setdefault(head.i, {"start": start, "end": end, "country": None, "sector": None,
                                       "entry": None, "discard": False})
        g["start"] = min(g["start"], start)
        g["end"] = max(g["end"], end, head.i + 1)
        if label == "DISCARD":
            g["discard"] = True
        elif label == "ACTOR":
            entry = _entry_for(compiled.actors[phrase], article.publication_date)
            g["entry"] = entry
            g["country"] = g["country"] or entry.code[:3]
            if len(entry.code) > 3:
                g["sector"] = g["sector"] or entry.code[3:6]
        else:
            g["sector"] = g["sector"] or compiled.agents[phrase]
    actors: list[Actor] = []
    heads = {}
    for head_i, g in sorted(groups.items(), key=lambda kv: kv[1]["start"]):
        if g["discard"]:
            continue
        head = doc[head_i]
        # extend over a determiner and a person's name that the phrase modifies
        start = g["start"]
        if start > 0 and doc[start - 1].dep_ == "det" and doc[start - 1].head.i == head_i:
            start -= 1
        country, sector = g["country"], g["sector"]
        heads[head_i] = (country, sector)
        name = None
        if head.ent_type_ == "PERSON":
            name = " ".join(t.text for t in doc[start : head_i + 1] if t.ent_type_ == "PERSON")
        span = doc[start : g["end"]]
        actors.append(
            Actor(
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                code=None,
                country=country,
                sector=sector,
                name=name,
                kind=g["entry"].kind if g["entry"] else "sector",
                source=g["entry"].source if g["entry"] else "agents",
            )
        )
    # a bare role word takes the country of the phrase it is coordinated with
    for actor in actors:
        if actor.country is None:
            tok = doc.char_span(actor.start, actor.end, alignment_mode="expand")
            head = _np_head(tok[-1]) if tok is not None else None
            while head is not None and head.dep_ == "conj" and head.head.i != head.i:
                head = head.head
                if head.i in heads and heads[head.i][0]:
                    actor.country = heads[head.i][0]
                    break
        actor.code = (actor.country or "") + (actor.sector or "") or None
    return actors
