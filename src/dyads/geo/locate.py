"""Event location: which of the article's places is where a given event happened.

Why from the parse and not from proximity: in "Russia criticised the United States in Geneva" both
countries are actors, and only the place governed by a locative preposition of the event's clause
is its location. The order of preference (issue 6):

1. a place governed by a locative preposition ("in Geneva", "near Aleppo", "from the town of
   Gorazde") inside the clause of the trigger, without crossing into a reported or relative clause;
   "from"/"to"/"into" only when they attach to the trigger itself, and "to" only for verbs of motion
   ("return to Geneva", "extradited to Britain"; not "appealed to Britain", not "expel from Syria"
   in a clause below "issued a call");
2. the same looser: inside the trigger's subtree across clause boundaries, or a city/region that
   is the trigger's direct object ("shut down Kathmandu");
3. the sentence's place: any place after "in", "at", "near", ... in the trigger's sentence;
4. the dateline.

Bare country mentions as subjects or objects ("Moscow has criticised ...") are actors, not locations.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyads.models import Location, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_AT_PREPS = {"in", "at", "near", "outside", "inside", "across", "throughout", "around", "within", "off",
             "along", "outskirts"}
_TO_PREPS = {"to", "into", "towards", "toward"}
_FROM_PREPS = {"from", "through", "out"}
_MOTION = {"advance", "airlift", "arrive", "bring", "come", "cross", "deploy", "deployment", "deport", "dispatch",
           "drive", "enter", "escort", "evacuate", "extradite", "flee", "fly", "go", "head", "infiltrate",
           "journey", "lead", "march", "move", "pull", "push", "retreat", "return", "sail", "send", "ship",
           "smuggle", "transfer", "transport", "travel", "trip", "visit", "withdraw"}
_PLACE_HEADS = {"town", "city", "village", "province", "region", "enclave", "area", "outskirts", "suburb",
                "suburbs", "capital", "district", "state", "part", "parts", "sector", "peninsula", "zone", "zones",
                "border", "heart", "centre", "center", "streets", "north", "south", "east", "west", "governorate",
                "coast", "island", "valley", "camp", "port", "county", "territory", "neighbourhood", "neighborhood",
                "battle", "outpost", "base"}
_CLAUSE_BOUNDARIES = {"ccomp", "relcl", "parataxis", "advcl", "csubj"}
_FEATURE_RANK = {"city": 0, "admin1": 1, "region": 2, "country": 3}


def _governor(tok: Token) -> tuple[Token | None, int]:
    """The preposition governing a place token, climbing "the town of X", "X, Iran", "east X".

    Returns (preposition or None, number of steps climbed).
    """
    t = tok
    for steps in range(8):
        if t.dep_ in {"compound", "amod", "nmod", "appos", "conj", "npadvmod", "poss"} and t.head.i != t.i:
            t = t.head
            continue
        if t.dep_ == "pobj" and t.head.i != t.i:
            prep = t.head
            if prep.lower_ == "of" and prep.head.lower_ in _PLACE_HEADS:
                t = prep.head
                continue
            if prep.lower_ == "of" and prep.head.lower_ == "out":
                return prep.head, steps  # "shipped out of Gorazde": "out of" is "from"
            return prep, steps
        return None, steps
    return None, 8


def _path_to(tok: Token, target: Token) -> tuple[bool, bool, int]:
    """Whether `target` is an ancestor of (or is) `tok`, whether a clause boundary lies between, depth."""
    crossed = False
    depth = 0
    t = tok
    while True:
        if t.i == target.i:
            return True, crossed, depth
        if t.head.i == t.i:
            return False, crossed, depth
        if t.dep_ in _CLAUSE_BOUNDARIES:
            crossed = True
        t = t.head
        depth += 1


def _location(p: Place, basis: str) -> Location:
    return Location(name=p.name or p.text, country=p.country, lat=p.lat, lon=p.lon, geonameid=p.geonameid,
                    admin1=p.admin1, feature=p.feature, text=p.text, start=p.start, end=p.end, basis=basis)


def _argument_of(noun: Token, span: Span) -> bool:
    """Is `noun` a direct argument of the trigger: its object, subject, or a prepositional object on it?"""
    if noun.dep_ in {"dobj", "attr", "nsubj", "nsubjpass", "dative"} and noun.head in span:
        return True
    return noun.dep_ == "pobj" and noun.head.dep_ in {"prep", "dative", "agent"} and noun.head.head in span


def resolve_event_location(
    doc: Doc,
    trigger_start_char: int,
    trigger_end_char: int,
    places: list[Place],
    dateline: Place | None,
) -> Location | None:
    """The location of the event whose trigger spans the given characters (see module docstring)."""
    span = doc.char_span(trigger_start_char, trigger_end_char, alignment_mode="expand")
    if span is None or len(span) == 0:
        return _location(dateline, "dateline") if dateline is not None else None
    head = span.root
    sent = head.sent
    trigger_lemmas = {t.lemma_.lower() for t in span} | {head.head.lemma_.lower()}
    motion = bool(trigger_lemmas & _MOTION)
    best: tuple[tuple, Place] | None = None
    for place in places:
        if place.start < sent.start_char or place.end > sent.end_char:
            continue
        if dateline is not None and place.start == dateline.start:
            continue
        pspan = doc.char_span(place.start, place.end, alignment_mode="expand")
        if pspan is None:
            continue
        ptok = pspan.root
        prep, climbed = _governor(ptok)
        under, crossed, depth = _path_to(ptok, head)
        feature_rank = _FEATURE_RANK.get(place.feature or "", 4)
        if prep is not None:
            word = prep.lower_
            # "... to end the conflict in eastern Ukraine": where that noun is, not surely where the
            # event happened (at best the sentence's place); a direct argument of the trigger keeps
            # it ("handed ... to the Red Crescent in Bam")
            noun_only = prep.head.pos_ in {"NOUN", "PROPN"} and prep.head not in span
            noun_only = noun_only and not _argument_of(prep.head, span)
            near_trigger = prep.head.i == head.i or prep.head in span or prep.head.head in span
            if word in _AT_PREPS:
                prep_rank = 0
            elif word in _FROM_PREPS | _TO_PREPS:
                # "evacuated ... from Gorazde", "return to Geneva": only on the trigger itself, and for
                # "to" only with verbs of motion ("appealed to Britain" is a recipient, not a place).
                head_moves = prep.head.lemma_.lower() in _MOTION
                motion_ok = word in _FROM_PREPS or motion or head_moves
                # "lines leading into Kabul" below "blew up": a destination of motion in the clause.
                into_clause = word in _TO_PREPS and head_moves and under and not crossed
                prep_rank = 1 if (near_trigger and motion_ok) or into_clause else None
            else:
                prep_rank = None
            if prep_rank is None:
                continue
            if under and not crossed and not noun_only:
                tier = 0
            elif under or prep.head.i == head.head.i:
                tier = 1
            elif prep_rank == 0:
                tier = 2
            else:
                continue
            key = (tier, prep_rank, depth, feature_rank, place.start)
        elif under and ptok.dep_ in {"dobj", "pobj"} and place.feature in {"city", "region", "admin1"}:
            key = (1, 2, depth, feature_rank, place.start)
        else:
            continue
        if best is None or key < best[0]:
            best = (key, place)
    if best is not None:
        return _location(best[1], "clause" if best[0][0] == 0 else "sentence")
    return _location(dateline, "dateline") if dateline is not None else None
