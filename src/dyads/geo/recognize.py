"""Place recognition: find place mentions in a parsed article and resolve each to one gazetteer entry.

Why this way: GeoNames knows 34,000 cities of 15,000+ people and a name often denotes several
("Paris", "Georgia", "Homs" is also an alternate name of Al Khums in Libya). spaCy's named entities
say *where* place names are; the gazetteer says *what* they may be; the article decides *which*:

1. Mentions: GPE/LOC/FAC entities; ORG/PERSON entities only where the context says place (after
   "in", "near", ... or before "province", "peninsula", ..., or an exact country/region name that
   the tagger mislabelled, or a one-word city of 500,000+ in a country the article names: "Homs"
   tagged ORG in a Syria story; smaller ones are too often firms, "Toyota", "Delta"). A bare city
   name that is also a surname or firm name in the same article ("Haruhiko Kuroda" ... "Kuroda")
   is taken for the person or firm.; capitalised words after "in"/"near" that the tagger missed. NORP
   entities (demonyms: "Syrian", "Bosnian") are not places: they are actor words; only a NORP that
   is a gazetteer name in a place slot ("near the town of Samarra") is taken.
2. The dateline ("MOSCOW (Reuters) -", "MOSCOW " at the start of an early paragraph) is the
   article's location.
3. Each mention's candidates are scored: a prior (countries over states over cities, bigger cities
   over smaller ones, own names over alternate names) plus the article's context (other places in
   the same country, the dateline's country, a "City, State" qualifier). "Homs" in a Syria story is
   in Syria; "Paris, Texas" is not France; "Georgia" is the country unless the story has other US
   states or cities (a mere "United States" or "Washington" does not make it the US state).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dyads.geo.gazetteer import GazEntry, Gazetteer, normalize
from dyads.models import Article, Place
from dyads.nlp import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

PLACE_LABELS = {"GPE", "LOC", "FAC"}
MAYBE_PLACE_LABELS = {"ORG", "PERSON", "NORP"}

LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "across", "throughout", "around", "into", "from",
                  "within", "to", "towards", "toward", "through"}
"""Prepositions after which a capitalised name is taken as a place even when the tagger says otherwise."""
_STRONG_PREPS = {"in", "near", "outside", "inside", "across", "throughout", "into", "within"}

PLACE_NOUNS = {"province", "provinces", "region", "regions", "peninsula", "district", "districts", "governorate",
               "city", "town", "village", "state", "county", "area", "valley", "enclave", "island", "islands",
               "border", "coast", "capital", "outskirts", "suburb", "suburbs", "territory", "oblast", "prefecture"}
"""Nouns that follow a place name ("the Jaffna peninsula", "Helmand province"), stripped for look-up."""

_CORPORATE = {"corp", "inc", "co", "ltd", "llc", "plc", "group", "holdings", "ag", "sa", "nv", "energy", "motor",
              "motors", "financial", "partners", "capital", "airlines", "bancorp", "industries", "technologies"}
"""Last words of firm names: "Chesapeake Energy Corp" makes a later bare "Chesapeake" the firm."""

_DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
               "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
               "southeastern", "southwestern", "upper", "lower", "greater", "mid"}
_LEADING = {"the", "a", "an", "of"}

# Priors (see module docstring): log-population weight for cities, flat priors for the others.
_PRIOR = {"country": 4.0, "admin1": 2.75, "region": 2.5}
_POP_WEIGHT = 0.5
_ALTERNATE_PENALTY = 0.75
_CAPITAL_BONUS = 0.5
_LOCAL_BONUS = 1.5  # another sub-national place of the same country in the article
_NATIONAL_BONUS = 0.75  # the country itself (or its capital) named elsewhere in the article
_DATELINE_BONUS = 1.0
_ADMIN1_BONUS = 1.5  # the candidate's state/province is named in the article
_CONFIDENT_MARGIN = 0.75
_WEAK_MIN_POPULATION = 500_000
_DOMINANCE = 5  # a city 5 times bigger than a namesake keeps its name unless the state is named

_DATELINE = re.compile(
    r"(?P<city>[A-Z][A-Z'.\-]+(?:[ ][A-Z][A-Z'.\-]+){0,3})"  # MOSCOW, NEW YORK, RIO DE JANEIRO
    r"(?:,\s*(?P<qual>[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*){0,2})|\s+\((?P<qual2>[A-Z][a-z]+)\))?"  # , Italy / (Slovenia)
    r"(?:\s*/[^\n()]*?)?"  # NEW YORK/LONDON, CHARLOTTE, N.C./WILMINGTON, Delaware: the first place is the dateline
    r"(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?"  # , April 30
    r"(?P<tail>\s*\([^()\n]{2,40}\)\s*[-\u2013\u2014]+\s*"  # (Reuters) -, (Reuters/IFR) -
    r"|\s*\(Reuters\s*[-\u2013\u2014]+\s*"  # a missing parenthesis
    r"|\s*[-\u2013\u2014]+\s+|[ \t]+(?=[A-Z\"\u201c]))"  # BEIRUT - ..., MOSCOW Russian ...
)
_PARAGRAPH_START = re.compile(r"(?:^|\n)[ \t]*(?=\S)")
_DATELINE_PARAGRAPHS = 3


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    candidates: list[tuple[GazEntry, bool]]
    qualifier: _Mention | None = None
    qualified: bool = False  # this mention is the qualifier of the one before ("Texas" in "Paris, Texas")
    choice: GazEntry | None = None
    confident: bool = False
    dateline: bool = False
    weak: bool = False  # an ORG/PERSON entity kept only if its country is otherwise named ("Homs" tagged ORG)
    scores: list[float] = field(default_factory=list)


def _prior(entry: GazEntry, alternate: bool) -> float:
    if entry.feature == "city":
        p = _POP_WEIGHT * math.log10(max(entry.population, 10)) + (_CAPITAL_BONUS if entry.capital else 0.0)
    else:
        p = _PRIOR.get(entry.feature, 2.0)
    return p - (_ALTERNATE_PENALTY if alternate else 0.0)


def _lookup_variants(gaz: Gazetteer, words: list[tuple[int, int, str]]) -> tuple[int, int, list] | None:
    """Look up a word sequence, then shorter forms: without "the", compass words, trailing place nouns.

    `words` are (start, end, text) in article offsets; returns (start, end, candidates) of the part
    that matched, so the Place's offsets cover exactly the name ("Bosnia" in "east Bosnia").
    """
    while words and words[0][2].lower() in _LEADING:
        words = words[1:]
    while words and words[-1][2] in {"'s", "\u2019s", "'", ",", "."}:
        words = words[:-1]
    tried: list[list[tuple[int, int, str]]] = [words]
    w = words
    while w and w[0][2].lower() in _DIRECTIONS and len(w) > 1:
        w = w[1:]
        tried.append(w)
    if w and w[-1][2].lower() in PLACE_NOUNS and len(w) > 1:
        tried.append(w[:-1])
    for ws in tried:
        if not ws:
            continue
        text = _join(ws)
        cands = gaz.lookup(text)
        if cands:
            return ws[0][0], ws[-1][1], cands
    return None


def _join(words: list[tuple[int, int, str]]) -> str:
    out = words[0][2]
    for (_, prev_end, _), (start, _, text) in zip(words, words[1:], strict=False):
        out += (" " if start > prev_end else "") + text
    return out


def _words(span: Span) -> list[tuple[int, int, str]]:
    return [(t.idx, t.idx + len(t.text), t.text) for t in span if not t.is_space]


def _preceded_by_locative(span: Span, strong: bool = False) -> bool:
    """After "in", "near", ... or "the town of", "the province of" (adjectives and "the" skipped)."""
    i = span.start - 1
    doc = span.doc
    if i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in PLACE_NOUNS:
        return True
    while i >= 0 and (doc[i].lower_ in _LEADING or doc[i].lower_ in _DIRECTIONS or doc[i].pos_ == "ADJ"):
        i -= 1
    return i >= 0 and doc[i].lower_ in (_STRONG_PREPS if strong else LOCATIVE_PREPS)


def _followed_by_place_noun(span: Span) -> bool:
    doc = span.doc
    return span.end < len(doc) and doc[span.end].lower_ in PLACE_NOUNS


def _exact_big(cands: list[tuple[GazEntry, bool]]) -> bool:
    """An own-name match of a country, state or region: safe to take even from a mislabelled entity."""
    return any(not alt and e.feature in ("country", "admin1", "region") for e, alt in cands)


def _find_dateline(text: str, gaz: Gazetteer) -> _Mention | None:
    """The dateline of the article: an all-capitals place at the start of one of its first paragraphs."""
    for n, m in enumerate(_PARAGRAPH_START.finditer(text)):
        if n >= _DATELINE_PARAGRAPHS:
            break
        d = _DATELINE.match(text, m.end())
        if not d:
            continue
        city = d.group("city").rstrip(".-' ")
        if len(city.replace(" ", "")) < 3 or (not d.group("tail").strip() and len(city) < 4):
            continue
        start = d.start("city")
        cands = [(e, alt) for e, alt in gaz.lookup(city.title()) if e.feature in ("city", "country", "region")]
        qual = None
        qgroup = "qual" if d.group("qual") else "qual2" if d.group("qual2") else None
        if qgroup:
            q = d.group(qgroup).rstrip(".") if d.group(qgroup).count(".") == 1 else d.group(qgroup)
            qcands = [(e, alt) for e, alt in gaz.lookup(q) if not alt and e.feature in ("country", "admin1")]
            if qcands:
                qual = _Mention(d.start(qgroup), d.start(qgroup) + len(q), q, qcands, qualified=True)
        if not cands and qual is None:
            continue
        if not cands and qual is not None:
            qual.dateline = True
            return qual
        mention = _Mention(start, start + len(city), text[start : start + len(city)], cands, qualifier=qual,
                           dateline=True)
        return mention
    return None


def _plausible(cands: list[tuple[GazEntry, bool]], text: str, label: str, doc: Doc) -> list[tuple[GazEntry, bool]]:
    """Drop candidates the surface form cannot mean.

    Alternate names (GeoNames lists translations and old names: "White House" for Casablanca,
    "North" for North Salt Lake) count only for GPE entities; short all-capitals words ("IPO",
    "US") need an own name, and a capitalised function word ("Us" in a headline) is no place.
    """
    letters = text.replace(".", "")
    if label != "GPE" or (letters.isupper() and len(letters) <= 4):
        cands = [(e, alt) for e, alt in cands if not alt]
    if len(letters) <= 3 and not letters.isupper() and doc.vocab[letters.lower()].is_stop:
        return []
    return cands


def _names_of_people_and_firms(doc: Doc) -> set[str]:
    """Surnames of PERSON entities and first words of firm names, as spelled in this document.

    The tagger often calls a later bare "Kuroda" or "Borges" a GPE after "Haruhiko Kuroda"; a city
    of that name is then far less likely than the person.
    """
    names: set[str] = set()
    for ent in doc.ents:
        words = [t.text for t in ent if not t.is_punct and t.text not in ("'s", "’s")]
        if ent.label_ == "PERSON" and len(words) >= 2:
            names.add(words[-1])
        elif ent.label_ == "ORG" and len(words) >= 2 and words[-1].lower().rstrip(".") in _CORPORATE:
            names.add(words[0])
    return names


def _mentions(doc: Doc, gaz: Gazetteer, skip: tuple[int, int] | None) -> list[_Mention]:
    """Candidate place mentions in document order (see module docstring, step 1)."""
    text = doc_text(doc)
    people_and_firms = _names_of_people_and_firms(doc)
    out: list[_Mention] = []
    taken: set[int] = set()

    def overlaps(start: int, end: int) -> bool:
        return skip is not None and start < skip[1] and end > skip[0]

    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS and ent.label_ not in MAYBE_PLACE_LABELS:
            continue
        if overlaps(ent.start_char, ent.end_char):
            continue
        parts = [ent]
        # "Paris, Texas" tagged as one entity: the part after the comma qualifies the part before.
        commas = [t.i for t in ent if t.text == ","]
        if commas and ent.label_ in PLACE_LABELS:
            c = commas[0]
            parts = [doc[ent.start : c], doc[c + 1 : ent.end]]
        found = []
        for part in parts:
            if len(part) == 0:
                continue
            hit = _lookup_variants(gaz, _words(part))
            if hit is None:
                continue
            start, end, cands = hit
            cands = _plausible(cands, text[start:end], ent.label_, doc)
            if not cands:
                continue
            if text[start:end] in people_and_firms and not _exact_big(cands):
                continue
            weak = False
            if ent.label_ == "NORP":
                # Demonyms ("Syrian") are never gazetteer names; a NORP that is one is a mislabelled
                # place only in a place slot ("near the town of Samarra").
                if not _preceded_by_locative(part, strong=True):
                    continue
            elif ent.label_ in MAYBE_PLACE_LABELS:
                ok = (
                    _exact_big(cands) and ent.label_ == "ORG"
                    or _preceded_by_locative(part, strong=True)
                    or _followed_by_place_noun(part)
                )
                if not ok:
                    weak = ent.label_ == "ORG" and len(part) == 1 and any(
                        not alt and e.feature == "city" and e.population >= _WEAK_MIN_POPULATION for e, alt in cands
                    )
                    if not weak:
                        continue
            found.append(_Mention(start, end, text[start:end], cands, weak=weak))
        if len(found) == 2:
            _link(found[0], found[1])
        out.extend(found)
        taken.update(range(ent.start, ent.end))

    # Capitalised names after "in"/"near" that the tagger did not mark at all.
    for tok in doc:
        if tok.i in taken or tok.pos_ != "PROPN" or not tok.is_title:
            continue
        if tok.i > 0 and doc[tok.i - 1].pos_ == "PROPN":
            continue  # only the start of a name run
        j = tok.i
        while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].i not in taken and not doc[j].is_punct:
            j += 1
        span = doc[tok.i : j]
        if overlaps(span.start_char, span.end_char) or not _preceded_by_locative(span, strong=True):
            continue
        hit = _lookup_variants(gaz, _words(span))
        if hit is None:
            continue
        start, end, cands = hit
        cands = _plausible(cands, text[start:end], "PROPN", doc)
        if not any(e.feature != "city" or e.population >= 50_000 for e, alt in cands):
            continue
        out.append(_Mention(start, end, text[start:end], cands))
    out.sort(key=lambda m: m.start)
    # A "City, State" written as two entities: the second qualifies the first.
    for a, b in zip(out, out[1:], strict=False):
        if a.qualifier is None and not a.qualified and re.fullmatch(r",\s*", text[a.end : b.start] or "x"):
            _link(a, b)
    return out


def _link(a: _Mention, b: _Mention) -> None:
    """Make `b` the qualifier of `a` ("Paris, Texas") when it narrows `a` down, not in "Brazil, Russia"."""
    if a.qualified or not any(e.feature in ("country", "admin1") and not alt for e, alt in b.candidates):
        return
    a.qualifier = b
    if _qualified(a, a.candidates):
        b.qualified = True
    else:
        a.qualifier = None


def _qualified(m: _Mention, cands: list[tuple[GazEntry, bool]]) -> list[tuple[GazEntry, bool]]:
    """Candidates of `m` that lie inside its qualifier ("Paris, Texas": only Texan Parises)."""
    if m.qualifier is None:
        return cands
    keep = []
    for q, q_alt in m.qualifier.candidates:
        if q_alt:
            continue
        for e, alt in cands:
            if q.feature == "country" and e.country == q.country and e.feature != "country":
                keep.append((e, alt))
            elif q.feature == "admin1" and e.admin1 == q.admin1 and e.feature == "city":
                keep.append((e, alt))
    return keep


@dataclass
class _Context:
    local: Counter  # country -> sub-national (non-capital) places resolved there
    national: Counter  # country -> the country or its capital named
    admin1: Counter  # admin1 key -> places named in it (states, cities)
    by_text: dict[str, Counter]  # normalized mention text -> its own contributions (excluded for itself)
    dateline_country: str | None


def _contribution(e: GazEntry) -> tuple[str | None, str | None, str | None]:
    """(local country, national country, admin1) that a resolved place adds to the context."""
    if e.country is None:
        return None, None, None
    if e.feature == "country" or (e.feature == "city" and e.capital):
        return None, e.country, e.admin1 if e.feature == "city" else None
    return e.country, None, e.admin1


def _build_context(mentions: list[_Mention], dateline: _Mention | None) -> _Context:
    ctx = _Context(Counter(), Counter(), Counter(), {}, None)
    for m in mentions:
        if not (m.confident and m.choice):
            continue
        local, national, admin1 = _contribution(m.choice)
        own = ctx.by_text.setdefault(normalize(m.text), Counter())
        for kind, key in (("local", local), ("national", national), ("admin1", admin1)):
            if key:
                getattr(ctx, kind)[key] += 1
                own[(kind, key)] += 1
    if dateline is not None and dateline.choice is not None:
        ctx.dateline_country = dateline.choice.country
    return ctx


def _score(e: GazEntry, alt: bool, m: _Mention, ctx: _Context | None, biggest: int) -> float:
    s = _prior(e, alt)
    if ctx is None or e.country is None:
        return s
    own = ctx.by_text.get(normalize(m.text), Counter())
    if e.feature != "admin1" and e.admin1 and ctx.admin1[e.admin1] - own[("admin1", e.admin1)] > 0:
        s += _ADMIN1_BONUS
    if e.feature == "city" and e.population * _DOMINANCE < biggest:
        # A namesake far smaller than the famous city (Geneva, Illinois; Paris, Texas) takes no
        # country-level context: only its own state named in the article, or a qualifier, can win.
        return s
    if ctx.local[e.country] - own[("local", e.country)] > 0:
        s += _LOCAL_BONUS
    if ctx.national[e.country] - own[("national", e.country)] > 0:
        s += _NATIONAL_BONUS
    if e.country == ctx.dateline_country:
        s += _DATELINE_BONUS
    return s


def _choose(m: _Mention, ctx: _Context | None) -> None:
    cands = m.candidates
    if m.qualifier is not None:
        inside = _qualified(m, cands)
        if inside:
            cands = inside
    biggest = max((e.population for e, alt in cands if e.feature == "city" and not alt), default=0)
    scored = sorted(((_score(e, alt, m, ctx, biggest), i) for i, (e, alt) in enumerate(cands)), reverse=True)
    best, bi = scored[0]
    m.choice = cands[bi][0]
    m.scores = [s for s, _ in scored]
    m.confident = len(scored) == 1 or best - scored[1][0] >= _CONFIDENT_MARGIN


def _place(m: _Mention, text: str) -> Place:
    e = m.choice
    assert e is not None
    return Place(text=text[m.start : m.end], start=m.start, end=m.end, name=e.name, country=e.country,
                 admin1=e.admin1, lat=e.lat, lon=e.lon, geonameid=e.geonameid, feature=e.feature)


def find_places(doc: Doc, article: Article, gazetteer: Gazetteer) -> tuple[list[Place], Place | None]:
    """Place mentions of the article, resolved in its context, and the dateline place (or None).

    Offsets are into `article.text` (the text `doc` was parsed from). The dateline place, when
    there is one, is also in the list.
    """
    text = article.text
    dateline = _find_dateline(text, gazetteer)
    skip = (dateline.start, dateline.qualifier.end if dateline.qualifier else dateline.end) if dateline else None
    mentions = _mentions(doc, gazetteer, skip)
    everything = ([dateline] if dateline else []) + ([dateline.qualifier] if dateline and dateline.qualifier else [])
    everything += mentions
    # Qualifiers first ("Texas" decides which "Paris"), then everything with the dateline only,
    # then everything again with the context the confident choices give.
    for m in everything:
        if m.qualified:
            _choose(m, None)
    if dateline is not None:
        _choose(dateline, None)
    base = _Context(Counter(), Counter(), Counter(), {}, dateline.choice.country if dateline and dateline.choice
                    else None)
    for m in everything:
        _choose(m, base)
    # Mislabelled city names ("Homs" tagged ORG) count only where the article names their country.
    named = {m.choice.country for m in everything if not m.weak and m.choice is not None}
    everything = [m for m in everything
                  if not m.weak or any(not alt and e.country in named for e, alt in m.candidates)]
    for m in everything:
        if m.weak:
            m.candidates = [(e, alt) for e, alt in m.candidates if not alt and e.country in named]
            _choose(m, base)
    ctx = _build_context(everything, dateline)
    for m in everything:
        _choose(m, ctx)
    places = [_place(m, text) for m in sorted(everything, key=lambda m: m.start) if m.choice is not None]
    dateline_place = next((p for p in places if dateline and p.start == dateline.start), None)
    return places, dateline_place
