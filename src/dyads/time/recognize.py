"""Where the time expressions are: surface patterns over the text, checked against the parse.

Why patterns over the raw text rather than only spaCy's DATE/TIME entities: the entities miss
many TimeML expressions (durations as adjectives, "now", "recently", SETs) and their extents
follow OntoNotes, not TimeML ("the past two months" vs "two months"). The patterns give exact
character offsets; spaCy's entities are added where no pattern fired, and the parse vetoes
numbers that are not years ("1,990 troops", "2013 votes").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from dyads.nlp import doc_text

_MON = (
    r"(?-i:Jan(?:uary|\.)|January|Feb(?:ruary|\.)|March|Mar\.|April|Apr\.|May|June|Jun\.|July|Jul\.|"
    r"Aug(?:ust|\.)|Sept(?:ember|\.)|Sep\.|Oct(?:ober|\.)|Nov(?:ember|\.)|Dec(?:ember|\.)|"
    # wire style without the dot, only before a day ("Oct 18, 2011", "Jan 5 (Reuters)")
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?=\s+\d{1,2}\b))"
)
_WD = (r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
       r"(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)(?=,?\s+[A-Z][a-z]{2,}\.?\s+\d))")
# a four-digit number before a time zone is a clock time ("by 1633 GMT"), not a year
_NOT_CLOCK = r"(?!\s*(?:GMT|UTC|EDT|EST|CDT|CST|PDT|PST|BST|CET|CEST|ET|IST|JST|local time|hrs\b|hours\b))"
_PART = r"(?:morning|afternoon|evening|night)"
_NUM = (
    r"(?:\d+(?:\.\d+)?(?: 1/2)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|hundred|a hundred|(?:twenty|thirty|forty|fifty)[- ](?:one|two|three|four|five|six|seven|eight|nine)|"
    r"(?:one|two|three|four|five|six|\d+) and a half|half an?|a half|a dozen|dozen)"
)
_VAGUE = r"(?:several|a few|few|many|some|a couple of|a couple|couple of|numerous|a number of)"
_UNIT = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies))"  # noqa: E501
_MOD = (
    r"(?:(?:more|less|fewer) than|at least|at most|nearly|almost|about|around|approximately|roughly|over|"
    r"under|only|just|up to|barely|no more than|close to|the better part of)\s+"
)
_PRE = (
    r"(?:(?:early|late|mid|the end of|the beginning of|the start of|the middle of|the first half of|"
    r"the second half of|the last half of|the first two quarters of|the last two quarters of|the turn of|"
    r"the close of)[- ])?"
)
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(p, re.IGNORECASE))
    for name, p in [
        (
            "full_date",
            rf"\b(?:{_WD},?\s+)?{_PRE}{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+{_YEAR}\b)?(?:\s+{_PART})?",
        ),
        ("day_month", rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?:,?\s+{_YEAR}\b)?"),
        ("month_year", rf"\b{_PRE}{_MON},?\s+(?:of\s+)?{_YEAR}\b"),
        ("month", rf"\b(?:(?:this|last|next|past|coming|previous)\s+)?{_PRE}{_MON}(?!\w)"),
        ("iso", r"\b\d{4}-\d{2}-\d{2}\b"),
        ("slash", r"\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b"),
        ("decade", rf"(?:\bthe\s+)?{_PRE}(?:\b(?:1[6-9]|20)\d0'?s\b|'\d0s\b)"),
        ("year", rf"\b{_PRE}(?:the year\s+)?(?:(?:fiscal|calendar)\s+(?:year\s+)?)?{_YEAR}\b"
                 rf"(?![-/]\d|,\d|\.\d){_NOT_CLOCK}"),
        ("century", r"\b(?:the\s+)?(?:twentieth|nineteenth|twenty-first|20th|19th|21st)[- ]century\b"),
        ("deictic", rf"\b(?:(?:early|late|earlier|later)\s+)?(?:today|tonight|yesterday|tomorrow)(?:\s+{_PART})?\b"),
        ("part", rf"\b(?:this|last|tomorrow|yesterday)\s+{_PART}\b"),
        (
            "rel_unit",
            r"\b(?:(?:earlier|later|early|late)\s+|(?:the\s+)?(?:end|beginning|start|middle|rest|remainder) of\s+)?"
            r"(?:this|last|next|the past|the coming|the previous|the current|this past|the same)\s+(?:week|weekend|month|year|"  # noqa: E501
            r"quarter|decade|century|spring|summer|fall|autumn|winter)(?:'s)?\b",
        ),
        (
            "fiscal_year",
            r"\b(?:the\s+)?(?:(?:current|next|last|previous|latest|same|coming)\s+)?fiscal year\b(?!\s+\d)",
        ),
        (
            "end_of",
            r"\b(?:the\s+)?(?:end|beginning|start|middle|rest|remainder|balance) of (?:the|this) (?:year|month|week)\b",
        ),
        ("following", r"\bthe (?:following|previous|preceding|prior) (?:day|month|year)\b"),
        ("year_period", rf"\b(?:the )?{_YEAR} (?:fiscal )?(?:quarter|period)\b"),
        ("full_year", r"\bthe (?:full|whole|entire) year\b"),
        ("for_the_year", r"\bthe year\b(?!-| ago| earlier| before)"),
        (
            "weekday",
            rf"\b(?:(?:this|last|next|this past|this coming|the previous|the preceding|the following|the next)\s+)?"
            rf"{_WD}(?:\s+{_PART})?\b",
        ),
        ("weekday_set", rf"\b{_WD}s\b|\b{_WD}\s+{_PART}s\b"),
        ("week_of", rf"\bthe week of {_MON}\s+\d{{1,2}}\b"),
        (
            "ago",
            rf"\b(?:{_MOD})*(?:{_NUM}|{_VAGUE})\s+(?:more\s+)?{_UNIT}\s+(?:ago|earlier|from now|hence)\b",
        ),
        (
            "year_ago",
            r"\b(?:the\s+)?(?:(?:comparable|corresponding|same)\s+)?(?:year[- ](?:ago|earlier)|prior[- ]year)"
            r"(?:\s+(?:(?:first|second|third|fourth)[- ])?(?:fiscal\s+)?(?:quarter|period))?\b",
        ),
        (
            "quarter_year_ago",  # earnings copy: the quarter compared with, a year back
            r"\b(?:the\s+)?(?:(?:same|comparable|corresponding)\s+)?(?:(?:first|second|third|fourth)\s+)?"
            r"(?:quarter|period)\s+(?:of\s+)?(?:a year (?:ago|earlier)|last year|the (?:previous|prior) year)\b"
            r"|\blast year's\s+(?:(?:first|second|third|fourth)[- ])?(?:quarter|period)\b",
        ),
        ("year_end", r"\byear[- ]end\b|\byear's end\b"),
        (
            "anaphor",
            r"\b(?:(?:earlier|later)\s+)?(?:that same|the same|that)\s+(?:day|year)\b"
            r"|\b(?:earlier|later) in the (?:day|week|month|year)\b",
        ),
        (
            "quarter",
            rf"\b(?:(?:this|last|next)\s+year's\s+|{_YEAR}\s+)?(?:the\s+)?(?:fiscal\s+)?(?:first|second|third|fourth|"
            rf"1st|2nd|3rd|4th)(?:[- ]fiscal)?[- ](?:quarter|half)\b(?:(?:\s+of|,)?\s+(?:fiscal\s+)?{_YEAR}\b)?",
        ),
        (
            "quarter_ref",
            r"\b(?:the\s+)?(?:latest|most recent|current|same|just-ended|just-completed)\s+(?:fiscal\s+)?"
            r"(?:quarter|period)\b",
        ),
        ("the_quarter", r"\bthe quarter\b"),
        (
            "duration",
            rf"\b(?:the\s+)?(?:(?:past|last|next|previous|coming|first|final|following|preceding|entire|whole|full|"
            rf"latest|initial|remaining|prior)\s+)?(?:{_MOD})*(?:{_NUM}|{_VAGUE})[- ](?:more\s+|full\s+|"
            rf"consecutive\s+|straight\s+|additional\s+|extra\s+|trading\s+|business\s+|working\s+)?{_UNIT}\b"
            rf"(?!-old| old|-olds)(?:[- ]long\b)?",
        ),
        ("and_a_half", rf"\b(?:an?|one)\s+{_UNIT}\s+and\s+a\s+half\b"),
        (
            "unit_or_unit",
            r"\b(?:days|weeks|months|years|decades)\s+(?:or|to)\s+(?:weeks|months|years|decades|centuries)\b",
        ),
        (
            "range",
            rf"\b(?:the (?:past|last|next|coming|first) )?\d+\s*(?:-|to|or)\s*\d+[- ]{_UNIT}\b(?!-old| old)",
        ),
        (
            "bare_units",
            r"\b(?:years|months|weeks|decades|centuries|"
            r"days|hours)\b(?! of| to come| ago)",
        ),
        (
            "term",  # horizons with no number: "in the near term", "the weeks ahead", "future quarters"
            r"\bthe (?:near|short|long) term\b(?!-)|\bthe (?:days|weeks|months|years) ahead\b"
            r"|\bfuture (?:quarters|years|months|weeks)\b|\b(?:days|weeks|months|years|decades) ago\b",
        ),
        (
            "refs",
            r"\b(?:now|currently|recently|lately|nowadays|at present|the future|the near future|"
            r"the past|recent (?:years|months|weeks|days)|recent|current)\b",
        ),
        (
            "set",
            rf"\b(?:daily|weekly|monthly|annually|yearly|hourly|(?:every|each|per)\s+(?:other\s+)?"
            rf"(?:{_NUM}\s+)?(?:{_UNIT}|{_WD}(?:\s+{_PART})?|{_MON}))\b",
        ),
        (
            "clock_day",
            rf"\b(?:\d{{1,2}}(?::\d\d)?\s*(?:a\.m\.|p\.m\.)|noon|midnight)(?:\s+(?:EST|EDT|GMT|PST|PDT|CST|CDT|local time))?"  # noqa: E501
            rf",?\s+(?:(?:on\s+)?{_WD}|today|yesterday|tomorrow|(?:{_WD},?\s+)?{_MON}\s+\d{{1,2}}(?:,?\s+{_YEAR})?)\b",
        ),
        (
            "day_clock",
            rf"\b(?:{_WD}|today|yesterday|tomorrow)\s+(?:at\s+)?(?:\d{{1,2}}(?::\d\d)?\s*(?:a\.m\.|p\.m\.)|noon|midnight)",
        ),
        (
            "part_day",
            rf"\b(?:(?:early|late|mid)[- ]?)?(?:morning|afternoon|evening|night)\s+(?:{_WD}|today|yesterday|tomorrow)\b",  # noqa: E501
        ),
        ("month_rel_year", rf"\b{_PRE}{_MON}\s+(?:\d{{1,2}}\s+)?(?:this|last|next) year\b"),
        (
            "spelled_year",
            rf"\b(?:{_PRE}{_MON}\s+|the year\s+|(?:the\s+)?(?:spring|summer|fall|autumn|winter)\s+of\s+)?(?:nineteen|two thousand)[- ](?:(?:ten|eleven|twelve|thirteen|fourteen|fifteen|"  # noqa: E501
            rf"sixteen|seventeen|eighteen|nineteen)\b|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
            rf"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)\b)?|and\s+\w+|(?:one|two|three|four|five|six|seven|eight|nine)\b)",  # noqa: E501
        ),
        ("year_2000", r"\bthe year two thousand\b"),
        ("decade_word", rf"\bthe {_PRE}(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b"),
        (
            "holiday",
            r"\b(?:(?:this|last|next)\s+)?(?-i:Christmas(?: Eve| Day)?|New Year's(?: Eve| Day)?|Thanksgiving(?: Day)?|"
            r"Independence Day|Labor Day|Memorial Day|Election Day|Easter(?: Sunday)?|Mother's Day|Father's Day|"
            r"Valentine's Day|Halloween|Veterans Day|Presidents' Day|Columbus Day)(?!\w)",
        ),
        ("clock", r"\b\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock\b)|\bnoon\b|\bmidnight\b"),
        (
            "season",
            rf"\b(?:{_PRE})?(?:(?:this|last|next|the)\s+)?(?:spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?{_YEAR})?\b",
        ),
    ]
]
"""Ordered for readability only: overlaps are settled by length, not by order."""

_MONTH_GUARD = re.compile(r"^(?:May|March)$")
_MONTH_OK_BEFORE = re.compile(
    r"\b(?:in|since|until|till|by|of|from|through|during|early|late|mid|last|next|this|before|after|and|to|or|"
    r"between|on|for|past|coming|previous|end|beginning|start|middle)[- ]$",
    re.IGNORECASE,
)
_REF_NEEDS = {"current": re.compile(r"^\s+(?!account|affairs|events|issue|dollars\b)")}


_NEEDS_BEFORE = {
    "for_the_year": re.compile(r"\b(?:for|in|during|(?:months|half|quarter|part) of)\s$", re.IGNORECASE),
    "the_quarter": re.compile(r"\b(?:in|for|during|of)\s$", re.IGNORECASE),
    "bare_units": re.compile(r"\b(?:for|over|within|in|took|takes|take|lasted|last)\s$", re.IGNORECASE),
    "year_end": re.compile(r"\b(?:by|at|around|since|until|till|before|after|through|toward|towards|near)\s$", re.I),
}


_THAT_DAY_OK = re.compile(r"(?:\b(?:on|in|during|by|until|since|from)\s|^|[.;]\s*)$", re.IGNORECASE)

_SPACY_NOT = {
    "previously",
    "formerly",
    "quarterly",
    "once",
    "earlier",
    "recent",
    "later",
    "annual",
    "the day",
    "a day",
    "the night",
    "nightly",
    "the year-earlier",
    "the year-ago",
    "year",
    "a second",
    "noon",
}
"""spaCy DATE entities that TimeBank does not annotate more often than it does."""


@dataclass
class Candidate:
    """A stretch of text that may be a time expression, with what found it."""

    start: int
    end: int
    rule: str


_TITLE_WORDS = {
    "week", "weeks", "minute", "minutes", "hour", "hours", "noon", "today", "tonight", "now", "daily", "morning",
    "weekend", "century", "decade",
}  # fmt: skip
"""Time words that, capitalised mid-sentence, name a programme or a work. Not Day, Night, Year or Month:
"Mother's Day", "Election Night", "Chinese New Year", "Black History Month" are times."""


def _in_title(span: Span) -> bool:
    """A time word capitalised inside running text names something: ABC's "This Week", "60 Minutes", "High Noon".

    Not at a sentence start, and not in a headline (a sentence most of whose words are capitalised).
    """
    for tok in span:
        if tok.lower_ in _TITLE_WORDS and tok.text[:1].isupper() and tok.i > 0:
            sent = tok.sent  # looked up only for the rare capitalised time word: it walks the parse
            prev = tok.doc[tok.i - 1]
            if not any(t.is_alpha for t in tok.doc[sent.start : tok.i]):
                continue  # the first word of its sentence, after an opening quote
            if prev.is_punct and prev.text not in ('"', "`", "``", "''", "'"):
                continue  # after a colon or a dash: a new clause may start capitalised
            words = [t for t in sent if t.is_alpha]
            if sum(t.text[:1].isupper() for t in words) * 2 < len(words):
                return True
    return False


def _token_veto(doc: Doc, text: str, start: int, end: int, rule: str) -> bool:
    """Reject pattern hits the parse says are no time: bare 'fall'/'spring' as verbs, years as counts."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    if rule != "holiday" and _in_title(span):
        return True
    if rule == "year":
        for tok in span:
            if tok.like_num and tok.ent_type_ in ("CARDINAL", "MONEY", "QUANTITY", "PERCENT"):
                return True
            if tok.like_num and tok.i + 1 < len(doc) and doc[tok.i + 1].text in ("%", "percent"):
                return True
        prev = doc[span.start - 1] if span.start > 0 else None
        root = span.root
        if (
            len(span) == 1
            and root.dep_ == "nummod"
            and root.head.tag_ == "NNS"
            and root.head.i == root.i + 1
            and (prev is None or prev.pos_ not in ("DET", "ADP", "PRON", "PART"))
        ):  # "1990 troops": a count, while "the 1990 elections", "its 1990 earnings", "1990 BellSouth earnings"
            return True  # are years
        if prev is not None and prev.text in ("$", "#", "No.", "no.", "Flight", "flight", "Route", "Resolution"):
            return True
        if re.match(_NOT_CLOCK.replace("(?!", "(?=", 1), text[end:end + 12]):
            return True  # "by 1633 GMT": a clock time
    if rule == "season":
        root = span.root
        if root.pos_ == "VERB" or (root.lower_ == "fall" and root.tag_.startswith("V")):
            return True
        if len(span) == 1 or (len(span) == 2 and span[0].lower_ == "the"):
            return True  # a bare season word is too often something else ("the fall of the Berlin Wall")
    if rule == "month":
        word = span[-1].text
        if _MONTH_GUARD.match(word) and len(span) == 1:
            before = text[max(0, start - 12) : start]
            if not _MONTH_OK_BEFORE.search(before) or span[0].ent_type_ == "PERSON":
                return True
    if rule == "refs":
        word = span.text.lower()
        if word in _REF_NEEDS and not _REF_NEEDS[word].match(text[end : end + 40]):
            return True
        if word == "recent":
            return True  # bare "recent" is as often not annotated as annotated
        if word == "now" and span[0].i > 0 and doc[span[0].i - 1].lower_ in ("right", "just", "by", "until", "from"):
            return False
    before12 = text[max(0, start - 12) : start]
    if rule == "anaphor" and text[start:end].lower() == "that day" and not _THAT_DAY_OK.search(before12):
        return True  # "redemptions that day" is seldom annotated, "on that day" is
    if rule in _NEEDS_BEFORE and not _NEEDS_BEFORE[rule].search(text[max(0, start - 12) : start]):
        return True
    if rule in ("duration", "range"):
        nxt = text[end : end + 6]
        if re.match(r"[- ]?olds?\b", nxt):
            return True
        if re.search(r"quarters$", text[start:end], re.I) and re.match(
            r" of (?:the|its|his|her|their|our|a|an|all|this|that|these|those|\$|\d)", text[end : end + 12]
        ):
            return True  # "three quarters of its food", while "several quarters of losses" is time
        if text[start:end].lower() == "a second":
            return True
    return False


_UNIT_WORDS = (
    r"seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?|years?|decades?|"
    r"centur(?:y|ies)|spring|summer|fall|autumn|winter|daily|weekly|monthly|annually|yearly|hourly|period|term"
)
_ANCHORS: dict[str, re.Pattern[str]] = {
    "month": re.compile(_MON),
    "digits": re.compile(r"\d{4}|\d0'?s\b|'\d0s|\d/\d"),
    "day": re.compile(
        rf"{_WD}|\b[ap]\.m|\b(?:today|tonight|yesterday|tomorrow|morning|afternoon|evening|night|noon|midnight|"
        r"[ap]m|o'clock)\b",
        re.IGNORECASE,
    ),
    "unit": re.compile(rf"\b(?:{_UNIT_WORDS})\b", re.IGNORECASE),
    "ref": re.compile(r"\b(?:now|currently|recently|lately|nowadays|present|future|past|recent|current)\b", re.I),
    "holiday": re.compile(
        r"Christmas|New Year|Thanksgiving|Independence|Labor Day|Memorial Day|Election Day|Easter|Mother's Day|"
        r"Father's Day|Valentine's Day|Halloween|Veterans Day|Presidents' Day|Columbus Day"
    ),
    "spelled": re.compile(r"\b(?:nineteen|two thousand|\w+ties)\b", re.IGNORECASE),
    "quarter": re.compile(r"\b(?:quarter|period)s?\b|\byear[- ](?:ago|earlier)|\bprior[- ]year", re.IGNORECASE),
}
"""Cheap words every match of a pattern contains: the patterns run only in windows around them.

Why: the full patterns, tried at every word boundary of an article, cost more than the time layer
may (it should add under 5% to coding an article); the anchors cut the text searched to a fraction.
"""
_PATTERN_ANCHORS: dict[str, tuple[str, ...]] = {
    "full_date": ("month",), "day_month": ("month",), "month_year": ("month",), "month": ("month",),
    "month_rel_year": ("month",), "iso": ("digits",), "slash": ("digits",), "decade": ("digits",),
    "year": ("digits",), "century": ("unit",), "deictic": ("day",), "part": ("day",),
    "clock_day": ("day",), "day_clock": ("day",), "part_day": ("day",), "clock": ("day",), "weekday": ("day",),
    "refs": ("ref",), "holiday": ("holiday",), "spelled_year": ("spelled",), "year_2000": ("spelled",),
    "decade_word": ("spelled",), "set": ("unit", "day", "month"), "weekday_set": ("day",),
    "year_ago": ("quarter",), "quarter_year_ago": ("quarter",), "quarter": ("quarter",), "the_quarter": ("quarter",),
    "quarter_ref": ("quarter",), "year_period": ("quarter",), "week_of": ("month",),
}  # fmt: skip
"""Which anchor words each pattern needs; patterns not listed need a unit word (day, month, year ...)."""
_BEFORE, _AFTER = 90, 50


def _windows(text: str, anchor: re.Pattern[str]) -> list[tuple[int, int]]:
    """Merged stretches of text around the anchor's hits."""
    spans: list[tuple[int, int]] = []
    for m in anchor.finditer(text):
        s, e = max(0, m.start() - _BEFORE), min(len(text), m.end() + _AFTER)
        if spans and s <= spans[-1][1]:
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return spans


def _matches(text: str) -> list[tuple[str, int, int]]:
    """(rule, start, end) of every pattern hit, searched only near each pattern's anchor words."""
    windows = {name: _windows(text, a) for name, a in _ANCHORS.items()}
    hits: set[tuple[str, int, int]] = set()
    for name, pat in PATTERNS:
        for group in _PATTERN_ANCHORS.get(name, ("unit",)):
            for ws, we in windows[group]:
                hits.update((name, *m.span()) for m in pat.finditer(text, ws, we))
    return sorted(hits, key=lambda h: (h[1], h[2]))


def find_candidates(doc: Doc) -> list[Candidate]:
    """Non-overlapping candidate spans, the longest winning, in text order."""
    text = doc_text(doc)
    found: list[Candidate] = []
    for name, s, e in _matches(text):
        if text[s : s + 5].lower() == "last ":
            first = doc.char_span(s, s + 4)
            if first is not None and first.root.pos_ in ("VERB", "AUX"):
                s += 5  # "talks would last three days"
        if e > s and not _token_veto(doc, text, s, e, name):
            found.append(Candidate(s, e, name))
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME") and ent.text.lower() not in _SPACY_NOT:
            if re.fullmatch(r"\d{4}", ent.text) and _token_veto(doc, text, ent.start_char, ent.end_char, "year"):
                continue
            if re.search(r"\bold$|-olds?$", ent.text) or _in_title(ent):
                continue
            found.append(Candidate(ent.start_char, ent.end_char, "spacy_" + ent.label_))
    return [trim(doc, text, c) for c in select(found)]


_LEAD_ADVERB = re.compile(
    r"^(?:about|only|nearly|almost|just|barely|over|around|roughly|approximately|some|fully|merely|"
    r"little more than)\s+(?=\S)",
    re.IGNORECASE,
)


def trim(doc: Doc, text: str, cand: Candidate) -> Candidate:
    """TimeBank's extents: no possessive 's, no hedging adverb in front ("about five hours"), no
    article before a modifier ("the two-week trip")."""
    start, end = cand.start, cand.end
    if text[start:end].endswith(("'s", "\u2019s")) and end - start > 2:
        end -= 2
    m = _LEAD_ADVERB.match(text[start:end])
    if m and cand.rule not in ("refs",):
        start += m.end()
    if text[start:end].lower().startswith("the "):
        span = doc.char_span(start, end, alignment_mode="expand")
        rest = text[start + 4 : end]
        if span is not None and (
            (span.root.dep_ in ("amod", "compound", "nmod") and "-" in rest)
            or re.fullmatch(r"(?:years|months|weeks|days|decades|hours)", rest, re.IGNORECASE)
        ):
            start += 4
    return Candidate(start, end, cand.rule) if (start, end) != (cand.start, cand.end) else cand


def select(cands: list[Candidate]) -> list[Candidate]:
    """Non-overlapping spans: pattern hits first (longest wins), then spaCy's entities where no pattern fired.

    spaCy's extents follow OntoNotes ("the last 24 hours of trading"), so they only fill gaps.
    """
    taken: list[Candidate] = []
    for spacy_round in (False, True):
        pool = [c for c in cands if c.rule.startswith("spacy_") == spacy_round]
        for c in sorted(pool, key=lambda c: (-(c.end - c.start), c.start)):
            if not any(c.start < t.end and t.start < c.end for t in taken):
                taken.append(c)
    return sorted(taken, key=lambda c: c.start)
