"""The date of an event: which time expression of the text dates it, else the publication date.

Why by the parse: a sentence often holds several times that belong to different clauses ("Lavrov
said the goal agreed ... last month should ..." - the statement is today, the agreement last
month). An event takes the time that governs its own clause; a time higher up in the sentence
(the clause it is reported in) or in a verbless caption or dateline ("..., in Moscow, June 25,
2013.") applies to everything under it; otherwise the publication date. Durations, sets and
vague references (P3D, P1W, PAST_REF) never date an event; a week already begun or past ("last
week", "earlier this week") dates it by its month. Joined clauses share a time only when written in
the same tense ("met the envoys on Friday and plans to visit the capital soon").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice

from spacy.tokens import Doc, Span, Token

from dyads.models import Actor, Article, Quote, TimeExpr
from dyads.syntax import misread_progressive
from dyads.time import _ARRANGE, _FORWARD, before_complement, clause_tense, section_date, section_dates
from dyads.time.normalize import FUTURE
from dyads.wire import STORY_TAG

_CALENDAR = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$")
_INHERIT_DEPS = {"ccomp", "xcomp", "conj", "advcl", "parataxis"}
"""Clauses that take the time of the clause they hang from ("said on May 7 they would try")."""


@dataclass
class EventDate:
    """An event's date: ISO day, month or year, its precision, and the text that gave it (None: the DCT)."""

    date: str | None
    precision: str | None  # day, month, year
    text: str | None


def calendar_date(value: str) -> tuple[str, str] | None:
    """(ISO date, precision) of a TIMEX3 value that names a calendar day, month or year; else None."""
    m = _CALENDAR.match(value)
    if not m:
        return None
    year, month, day = m.groups()
    if day:
        return f"{year}-{month}-{day}", "day"
    if month:
        return f"{year}-{month}", "month"
    return year, "year"


_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")


def week_month(value: str, dct: date | None) -> tuple[str, str] | None:
    """(YYYY-MM, "month") for a week no later than the DCT's ("last week", "earlier this week", "this
    weekend"): the month that holds most of its days up to the DCT, the nearer one on a tie.

    Why a month: an event "earlier this week" happened on one day of a span that a day would misstate;
    the references write such events by their month, and the contract's precisions are day, month and
    year. A week after the DCT's never dates an event: "will travel next week" is an intent said today.
    """
    m = _WEEK.match(value)
    if m is None or dct is None:
        return None
    try:
        monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
    except ValueError:
        return None
    days = [monday + timedelta(days=i) for i in (range(5, 7) if m.group(3) else range(7))]
    days = [d for d in days if d <= dct]
    if not days:
        return None
    counts = Counter(f"{d.year}-{d.month:02d}" for d in days)
    month = max(counts, key=lambda k: (counts[k], k))
    return month, "month"


def _points_forward(span: Span, names: frozenset[int] = frozenset()) -> bool:
    """The time's clause, or one it hangs from, looks ahead: a future tense, a modal or an infinitive
    ("would not be rushed into signing the accord this week", "supposed to come into force this week")."""
    tok = _time_head(span, names)
    read = _time_head(span)
    if (read is None or read.i not in names) and clause_tense(span) == FUTURE:
        return True  # (the tense of a name read as a verb, "a proposal to SaS earlier this week", is none)
    for _ in range(8):
        if tok is None:
            return False
        if any(c.dep_ in ("aux", "auxpass") and (c.tag_ == "MD" or c.tag_ == "TO") for c in tok.children):
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _clause_head(tok: Token) -> Token | None:
    """The verb heading the clause `tok` is in (the token itself when it is one); for a verb the parser read
    as an adjective ("its troops were patrolling fuel stations"), the clause it heads in truth."""
    misread = misread_progressive(tok)
    tok = misread[0] if misread is not None else tok
    for _ in range(12):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _time_head(span: Span, names: frozenset[int] = frozenset()) -> Token | None:
    """The verb a time expression modifies: the first verb above it, outside it (`names`: tokens of
    actors' names the parser read as verbs, which are none)."""
    tok = span.root
    for _ in range(12):
        if tok.pos_ in ("VERB", "AUX") and not span.start <= tok.i < span.end and tok.i not in names:
            return before_complement(span, tok)  # "said on Monday it would ...": the saying's Monday
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


_RESULT_VERBS = {"order", "have", "get", "want", "see", "keep", "leave", "declare"}
"""Verbs whose object takes a participle of the state they bring about ("ordered him released")."""


def _result_clause(head: Token, verb: Token) -> bool:
    """`head` is the participle of a state `verb` brings about ("ordered the consulate closed", "had them
    arrested"): no auxiliary or "that" of its own, so not a report ("said the consulate closed")."""
    return head.head.i == verb.i and head.dep_ in ("ccomp", "xcomp", "oprd") and verb.lemma_ in _RESULT_VERBS \
        and head.tag_ in ("VBN", "VBD") and not any(c.dep_ in ("aux", "auxpass", "mark") for c in head.children)


_PERMIT_VERBS = {"allow", "permit", "let"}
"""Verbs of giving leave, whose act is dated by the act they let happen."""


def _permitted(head: Token, verb: Token) -> bool:
    """`head` is the act a past leave lets happen ("allowed the journalists to call their families Thursday
    evening", "let them leave on Friday"): leave given in the past is given for the time it names, whereas
    a plan or a request ("planned to visit on Friday") looks ahead to a time that is not its own."""
    return head.head.i == verb.i and head.dep_ in ("xcomp", "ccomp") and verb.lemma_ in _PERMIT_VERBS \
        and _tense(verb) == "VBD"


def _misjoined(doc: Doc, span: Span, noun: Token) -> bool:
    """A day the parser joined to the name after it: "said on Friday Spain should ..." ("Friday Spain"
    as one name, the object of "on"); the day is the verb's, not the name's."""
    return span.start > 0 and doc[span.start - 1].lower_ == "on" and noun.pos_ == "PROPN" \
        and noun.dep_ == "pobj" and noun.head.i == span.start - 1


def _noun_of(span: Span) -> Token | None:
    """The noun a time expression modifies ("the raid on Sunday", "Friday's attack"), if any."""
    root = span.root
    if root.dep_ == "pobj" and root.head.dep_ == "prep":
        root = root.head
    head = root.head
    if root.dep_ in ("prep", "poss", "compound", "nmod", "amod", "nummod", "npadvmod") \
            and head.pos_ in ("NOUN", "PROPN"):
        return head
    return None


def _inherits(verb: Token, ancestor: Token) -> int | None:
    """How many clause links up from `verb` `ancestor` is, through clauses that share its time; None if not."""
    tok, steps = verb, 0
    while tok.i != ancestor.i:
        if tok.head.i == tok.i or tok.dep_ not in _INHERIT_DEPS and tok.pos_ in ("VERB", "AUX"):
            return None
        if tok.dep_ == "conj" and _tense(tok) and _tense(tok.head) and _tense(tok) != _tense(tok.head):
            return None  # "met the envoys on Friday and plans to visit soon": the plan is not Friday's
        tok = tok.head
        steps += tok.pos_ in ("VERB", "AUX")
        if steps > 6:
            return None
    return steps


def _tense(verb: Token) -> str | None:
    """The tense a finite verb is written in (its first auxiliary's, else its own): VBD, VBZ/VBP as
    "present", MD; None for a non-finite verb."""
    aux = next((c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i), None)
    tag = (aux or verb).tag_
    return "present" if tag in ("VBZ", "VBP") else tag if tag in ("VBD", "MD") else None


def _is_caption_date(article: Article, t: TimeExpr, sent: Span) -> bool:
    """A full date closing a caption or dateline: ', in Moscow, June 25, 2013.' (then only credits)."""
    before = article.text[max(sent.start_char, t.start - 2) : t.start]
    after = article.text[t.end : sent.end_char]
    return before.endswith(", ") and re.match(r"^\s*[.;]?\s*(?:[A-Z]+/.*)?$", after, re.S) is not None


_DATELINE_TAIL = re.compile(r"^\s*(?:\(\s*(?:Reuters|AP|AFP|Xinhua|UPI|dpa|Bloomberg)\s*\)\s*)?[-\u2013\u2014_]+\s")


def _is_dateline_date(article: Article, t: TimeExpr, sent: Span) -> bool:
    """A date in the dateline that opens a story: 'MOSCOW, June 25 (Reuters) - ...'."""
    return t.start - sent.start_char < 40 and _DATELINE_TAIL.match(article.text[t.end : t.end + 30]) is not None


def _with_preposition(doc: Doc, article: Article, span: Span, t: TimeExpr) -> str:
    """'on Monday' rather than 'Monday' when a preposition introduces the time."""
    if span.start > 0:
        prev = doc[span.start - 1]
        if prev.tag_ == "IN" and (span.root.head.i == prev.i or prev.head.i == span.root.head.i):
            return article.text[prev.idx : t.end]
    return t.text


def _names_read_as_verbs(sent: Span, actors: Sequence[Actor]) -> frozenset[int]:
    """Capitalised words inside an actor's name that the parser read as verbs: "made a proposal to SaS earlier
    this week" parsed as an infinitive "to SaS", whose time would then be a plan's, not the proposal's."""
    return frozenset(t.i for t in sent if t.pos_ in ("VERB", "AUX") and t.text[:1].isupper() and t.i > sent.start
                     and any(a.start <= t.idx < a.end for a in actors))


def resolve_event_date(
    doc: Doc,
    trigger_start_char: int,
    trigger_end_char: int,
    times: list[TimeExpr],
    article: Article,
    quotes: Sequence[Quote] = (),
    actors: Sequence[Actor] = (),
) -> EventDate:
    """Date the event whose trigger spans the given characters.

    Order: the time governing the trigger's own clause (or the noun a relative clause hangs from);
    a time of a clause the trigger's clause is embedded in (nearest first), or of the participle of
    the state it brings about; a caption/dateline date or a time in a verbless sentence; for a past
    clause with none of these, the cue of its subject's quotation that follows at once (`quotes`,
    `actors`: `_elaborated`), else the day the story's lead reports (`story_date`); the
    publication date (text None). Only times naming a calendar day, month or year count, and a week
    not after the DCT's in a clause that does not point forward, as its month (`week_month`).
    """
    trigger = doc.char_span(trigger_start_char, trigger_end_char, alignment_mode="expand")
    section = section_date(section_dates(article.text, article.publication_date), trigger_start_char)
    day = section or article.publication_date
    fallback = EventDate(day.isoformat(), "day", None) if day else EventDate(None, None, None)
    if trigger is None or not len(trigger):
        return fallback
    sent = trigger.sent
    verb = _clause_head(trigger.root)
    names = _names_read_as_verbs(sent, actors)
    best: tuple[int, EventDate] | None = None
    for t in times:
        if not (sent.start_char <= t.start and t.end <= sent.end_char):
            continue
        cal = calendar_date(t.value) if t.type in ("DATE", "TIME") else None
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if cal is None and t.type == "DATE" and span is not None and not _points_forward(span, names):
            cal = week_month(t.value, day)  # "earlier this week": its month; never a week still to come
        if cal is None or span is None:
            continue
        if span.start > 0 and doc[span.start - 1].lower_ == "since":
            continue  # "has killed ... since March 2011": the start of a stretch, not the event's date
        head = _time_head(span, names)
        rank: int | None = None
        noun = span.root.head
        if _is_dateline_date(article, t, sent):
            rank = 70  # "WASHINGTON, Jan 5 (Reuters) -": the filing date, weaker than any time in the story
        elif _is_caption_date(article, t, sent):
            rank = 50
        elif verb is not None and verb.dep_ == "relcl" and (span.start <= verb.head.i < span.end
                                                             or _noun_of(span) == verb.head):
            rank = 0  # "a rally Sunday night in which police beat ...": the noun's time is its clause's
        elif span.root.dep_ in ("poss", "compound", "nmod", "amod", "nummod") and noun.pos_ in ("NOUN", "PROPN") \
                and not _misjoined(doc, span, noun):
            # "Friday's attack", "the May 7 meeting", "Obama's 2012 budget": the date of that noun's event only
            if trigger.start <= noun.i < trigger.end:
                best = (-1, EventDate(cal[0], cal[1], t.text)) if best is None or best[0] > -1 else best
            continue
        elif head is None:
            rank = 60  # verbless sentence: the time is the sentence's
        elif verb is not None:
            steps = _inherits(verb, head)
            rank = steps if steps is not None else None
            if rank is None and head.dep_ == "conj" and head.head.i == verb.i and span.start > verb.i \
                    and head.tag_ == verb.tag_ and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass")
                                                           for c in head.children):
                rank = 3  # "was kidnapped by the Taliban and rescued ... in 2009": joined verbs share a closing time
            if rank is None and head.dep_ == "advcl" and head.head.i == verb.i and head.tag_ in ("VBG", "VBN") \
                    and not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
                rank = 1  # "Speaking to journalists on Tuesday, Ibrahim accused": the participle is its subject's act
            if rank is None and _result_clause(head, verb):
                rank = 2  # "had ordered the consulate closed in May": the order is dated by the state it brought about
            if rank is None and _permitted(head, verb):
                rank = 2  # "allowed the journalists to call their families Thursday evening": the leave is that day's
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, EventDate(cal[0], cal[1], _with_preposition(doc, article, span, t)))
    if best:
        return best[1]
    framed = _document_date(doc, sent, times, day, names)
    if framed is not None:
        return framed
    if verb is not None and quotes and _past(verb):
        told = _elaborated(doc, verb, quotes, actors, times, article)
        if told is not None:
            return told
    if verb is None or not _past(verb):
        return fallback
    lead = _story(doc, times, article) if section is None else None  # a later section is a story of its own
    if lead is None and _simple_past(verb):  # a story whose lead names no day: its narration dates it
        told = _narrated(doc, sent, times, article, day)
        if told is not None:
            return told
    if lead is not None and lead[0].date != fallback.date and lead[1] < sent.start_char:
        return lead[0]  # a lead is not dated by a day named after it
    return fallback


def _elaborated(doc: Doc, verb: Token, quotes: Sequence[Quote], actors: Sequence[Actor], times: list[TimeExpr],
                article: Article) -> EventDate | None:
    """The day of a quotation that goes on with what the clause's subject said: "Novak has accused the
    prime minister of weakness. \"We are dependent on others,\" he said in a radio interview on Friday." A report
    with no time of its own, followed at once by its speaker's own words, is dated by their cue."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    who = next((a for a in actors if subj is not None and a.start <= subj.idx < a.end), None)
    if who is None or not who.name:
        return None
    sent = verb.sent
    nxt = next((s for s in islice(doc[sent.end:].sents, 2) if s.text.strip()), None) if sent.end < len(doc) else None
    if nxt is None:
        return None
    for q in quotes:
        if q.speaker is None or q.cue is None or q.speaker.name != who.name \
                or not nxt.start_char <= q.start < nxt.end_char:
            continue
        cue = doc.char_span(q.cue.start, q.cue.end, alignment_mode="expand")
        if cue is None or not len(cue):
            continue
        said = cue.root.sent
        for t in times:
            cal = calendar_date(t.value) if t.type in ("DATE", "TIME") else None
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if cal is None or span is None or not said.start <= span.start < said.end:
                continue
            if _time_head(span) == cue.root:
                return EventDate(cal[0], cal[1], _with_preposition(doc, article, span, t))
    return None


DOCUMENT_NOUNS = frozenset(
    """report interview statement letter video speech message article memo document broadcast editorial column
    testimony transcript tweet recording tape footage communique declaration ruling filing complaint post
    blog essay book""".split())
"""Nouns of a text or recording someone made, which a later sentence goes into ("In the report, it said ...")."""


def _document_date(doc: Doc, sent: Span, times: list[TimeExpr], dct: date | None,
                   names: frozenset[int] = frozenset()) -> EventDate | None:
    """The date of the document a sentence opens by going into: "The administration, in a report last week,
    declined to name China. In the report, it said ...", "The Times cited an interview given late Thursday.
    In it, Gadhafi says ...". What a report or an interview says was said when it was made, whatever tense
    the narration tells it in, so an undated sentence framed by "In the report," / "In it," takes the time
    of the clause that named that document in the two sentences before ("it": the one before), or of a
    clause hanging from its noun ("an interview given ... late Thursday")."""
    first = next((t for t in sent if not t.is_punct and not t.is_space), None)
    if first is None or first.lower_ != "in" or first.dep_ != "prep":
        return None
    obj = next((c for c in first.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    if obj.lower_ == "it":
        lemmas, back = DOCUMENT_NOUNS, 1
    elif obj.lemma_.lower() in DOCUMENT_NOUNS and any(
            c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "his", "her", "its", "their")
            for c in obj.children):
        lemmas, back = frozenset({obj.lemma_.lower()}), 2
    else:
        return None
    prev = [s for s in doc[: sent.start].sents if s.text.strip()] if sent.start else []
    for s in reversed(prev[-back:]):
        nouns = [t for t in reversed(s) if t.pos_ == "NOUN" and t.lemma_.lower() in lemmas]
        if not nouns:
            continue
        dated: list[tuple[Token, EventDate]] = []
        for t in times:
            if not (s.start_char <= t.start and t.end <= s.end_char) or t.type not in ("DATE", "TIME"):
                continue
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is None:
                continue
            cal = calendar_date(t.value)
            if cal is None and t.type == "DATE" and not _points_forward(span, names):
                cal = week_month(t.value, dct)
            if cal is not None:
                dated.append((span, EventDate(cal[0], cal[1], t.text)))
        for noun in nouns:  # nearest first ("an interview given late Thursday, a transcript of which ...")
            clause = _clause_head(noun)
            for span, when in dated:
                head = _time_head(span, names)
                if _noun_of(span) == noun or head is not None and (
                        clause is not None and head.i == clause.i
                        or head.dep_ in ("acl", "relcl") and head.head.i == noun.i):
                    return when
        return None  # the document is named there, undated: nothing older dates it
    return None


_MAIN_DEPS = {"ccomp", "conj", "parataxis"}
"""How a clause that carries a sentence's news hangs from its root ("14 rebels were killed Wednesday,
said Ibrahim"); an adverbial clause ("As he did on Friday, the minister ...") is background."""


def _narrated(doc: Doc, sent: Span, times: list[TimeExpr], article: Article, dct: date | None) -> EventDate | None:
    """The day the sentence before tells of, for a past clause with no time of its own: "Rebels
    claimed advances on Wednesday. Fighting engulfed the port. Three civilians died in the
    shelling" - a narration goes on in the day it is at until a sentence names another time.

    Looks back at most two sentences; only a day within the week before `dct` that dates the
    sentence's main clause counts, and a sentence with any other time ends the search."""
    if dct is None:
        return None
    prev: list[Span] = []
    for s in doc.sents:
        if s.start >= sent.start:
            break
        if s.text.strip():
            prev.append(s)
    for s in reversed(prev[-2:]):
        found = [t for t in times if s.start_char <= t.start < s.end_char and t.type in ("DATE", "TIME")
                 and t.value != "PRESENT_REF"]  # "now" moves no narration; "last week" does
        if not found:
            continue
        for t in found:
            cal = calendar_date(t.value)
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if cal is None or cal[1] != "day" or span is None or _is_dateline_date(article, t, s) \
                    or _is_caption_date(article, t, s) or _quoted(article.text[s.start_char:t.start]):
                continue
            head = _time_head(span)
            root = s.root
            if head is None or not (head.i == root.i or head.dep_ in _MAIN_DEPS and head.head.i == root.i):
                continue
            try:
                day = date.fromisoformat(cal[0])
            except ValueError:
                continue
            if day == dct:  # the narration is at the publication day: dated so, as undated clauses are
                return EventDate(cal[0], "day", None)
            if 0 < (dct - day).days <= 7:
                return EventDate(cal[0], "day", _with_preposition(doc, article, span, t))
        return None  # the sentence before names another time: the narration has moved
    return None


def _quoted(before: str) -> bool:
    """A position inside a quotation, by the quote marks before it in its sentence ("replied: \"We
    meet again on Friday.\"" tells no day of the narration)."""
    return before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")


def _finite(verb: Token) -> Token:
    """The finite verb whose tense a clause has: itself, or the one above a participle or purpose
    clause ("shells fired by ...", "protesters gathering ... to decry ...", "while appearing to criticize")."""
    tok = verb
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX"):
            if tok.tag_ == "VBD" or _tense(tok):
                return tok
            if tok.dep_ not in ("acl", "advcl", "pcomp", "xcomp"):
                return verb
        if tok.head.i == tok.i:
            return verb
        tok = tok.head
    return verb


def _simple_past(verb: Token) -> bool:
    """A clause in the simple past ("died", "were killed"), not a perfect, and not a plan that still
    holds ("planned to address the assembly on Thursday"): a narration's next step."""
    verb = _finite(verb)
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lemma_ == "have" for a in auxes) or verb.lemma_ in _FORWARD | _ARRANGE:
        return False
    return verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes)


def _past(verb: Token) -> bool:
    """A clause in the past tense, or a present perfect ("has said"): a report of something done."""
    verb = _finite(verb)
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have"
                                                             for c in verb.children))


_CAPITALS = re.compile(r"^[A-Z]{3,}[A-Z'.-]*\b")
"""A dateline's opening place ("AJDABIYAH, Libya | Fri Aug 12, 2011 ... (Reuters) -"), which story highlights
above an agency tag ("He says female photographer ... (CNN) --") never start with."""


def _in_lead(sent: Span, times: list[TimeExpr], article: Article) -> bool:
    """A sentence that may open a story: not blank, not a dateline of its own ("OSLO (Reuters) -",
    "MOSCOW"), not a credit line ("REUTERS/Sergei Karpukhin"), not a photo caption (its closing
    date: "..., in Moscow, June 25, 2013.")."""
    text = sent.text.strip()
    if not text or not any(c.islower() for c in text) or STORY_TAG.search(text) and (
            len(text.split()) <= 8 or not _CAPITALS.match(text)):
        return False  # a dateline of its own, or the story highlights above the agency tag
    return not any(sent.start_char <= t.start < sent.end_char and _is_caption_date(article, t, sent) for t in times)


def story_date(doc: Doc, times: list[TimeExpr], article: Article) -> EventDate | None:
    """The day before publication a news story reports on (`_story`), or None (none, or the publication
    day itself: a day the lead names after it is then not the story's)."""
    found = _story(doc, times, article)
    return found[0] if found and found[0].date != (article.publication_date or date.min).isoformat() else None


def _story(doc: Doc, times: list[TimeExpr], article: Article) -> tuple[EventDate, int] | None:
    """The day a news story reports on, and where the lead names it: the first day named in its first
    two sentences (the lead), when it falls within the week up to publication. A later past-tense
    clause with no time of its own continues that story ("Mubarak opened the door Sunday to talks ...
    The president urged ...") rather than taking the publication date (a wire story filed the next
    morning); a lead that names the publication day first ("clashes broke out on Monday", on a Monday)
    makes the story that day's, whatever earlier day it names next."""
    pub = article.publication_date
    if pub is None:
        return None
    sents = list(islice((s for s in doc.sents if _in_lead(s, times, article)), 2))
    if not sents:
        return None
    end = sents[-1].end_char
    for t in times:
        if t.start >= end:
            break
        if not any(s.start_char <= t.start < s.end_char for s in sents):
            continue  # a day named in a sentence that is not the lead (the highlights above the agency tag)
        cal = calendar_date(t.value) if t.type in ("DATE", "TIME") else None
        if cal is None or cal[1] != "day" or any(
                _is_dateline_date(article, t, s) or _is_caption_date(article, t, s) for s in sents):
            continue  # the filing date of a dateline is not the story's
        try:
            day = date.fromisoformat(cal[0])
        except ValueError:
            continue
        if 0 <= (pub - day).days <= 7:  # "clashes broke out on Monday" on a Monday: that day's story
            return EventDate(cal[0], "day", t.text), t.start
    return None
