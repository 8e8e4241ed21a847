"""Time expressions -> TimeML TIMEX3 values resolved against the publication date.

`find_times` finds DATE, TIME, DURATION and SET expressions (`recognize`), reads the tense of the
clause each one sits in from the dependency parse, and normalises each (`normalize`) against the
publication date, the document creation time (DCT) of TimeML. `dating.resolve_event_date` then
dates events from these.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date, datetime
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from dyads.models import Article, TimeExpr
from dyads.nlp import doc_text
from dyads.time.normalize import FUTURE, PAST, PRESENT, Context, normalize
from dyads.time.recognize import find_candidates

__all__ = ["find_times", "clause_tense", "governing_verb", "section_dates", "section_date"]

# a compilation's section stamp, "updated: Sat May 14 2011 18:10:00" (CNN's story pages)
_STAMP = re.compile(r"\bupdated:\s+(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+([A-Z][a-z]{2})[a-z]*\.?\s+(\d{1,2}),?\s+"
                    r"(\d{4})\b", re.IGNORECASE)


@lru_cache(maxsize=8)
def section_dates(text: str, published: date | None) -> tuple[tuple[int, date], ...]:
    """Where each dated section of a compilation starts and its date: a page that gathers stories of
    several days ("... updated: Sat May 14 2011 18:10:00 A few hundred people gathered ... Saturday")
    has "Saturday" mean the section's Saturday, not the one before the page was published. Stamps
    after the publication date are not believed. Remembered per text: every event of the article asks."""
    out = []
    for m in _STAMP.finditer(text):
        try:
            day = datetime.strptime(f"{m.group(1).title()} {m.group(2)} {m.group(3)}", "%b %d %Y").date()
        except ValueError:
            continue
        if published is None or day <= published:  # the section starts with its headline, on the stamp's line
            out.append((text.rfind("\n", 0, m.start()) + 1, day))
    return tuple(out)


def section_date(sections: tuple[tuple[int, date], ...], offset: int) -> date | None:
    """The date of the section `offset` lies in (None before the first stamp)."""
    i = bisect_right([s for s, _ in sections], offset)
    return sections[i - 1][1] if i else None

_FORWARD = {
    "plan",
    "expect",
    "schedule",
    "set",
    "hope",
    "intend",
    "want",
    "agree",
    "decide",
    "aim",
    "promise",
    "vow",
    "threaten",
    "seek",
    "prepare",
    "due",
    "likely",
    "go",
    "scheduled",
    "expected",
    "slated",
    "poised",
    "pledge",
}
_INTENT_NOUNS = {
    "agreement", "plan", "proposal", "offer", "bid", "deal", "pact", "decision", "intention", "promise", "pledge",
    "commitment", "invitation", "request", "order", "effort", "attempt", "option", "right", "deadline",
}  # fmt: skip
"""Nouns whose infinitive names something still to come ("a plan to vote in May")."""
_ARRANGE = {"plan", "schedule", "slate", "reschedule"}
"""Verbs of arranging: their time lies ahead of the arranging, so past tense does not point it back."""
# "could" is not here: in news it is as often the past of "can" ("could not be reached Wednesday")
_FUTURE_AUX = {"will", "shall", "'ll", "wo", "would", "'d", "gon", "might", "may", "can", "should", "must"}
_FORWARD_CUES = {
    "payable",
    "effective",
    "due",
    "starting",
    "beginning",
    "until",
    "till",
    "expires",
    "expiring",
    "deadline",
}
"""Words before a time that point it forward whatever the tense ("a dividend payable Dec. 7")."""


def governing_verb(span: Span) -> Span | None:
    """The verb whose clause the span sits in: up the dependency heads from the span's root."""
    tok = span.root
    for _ in range(12):
        if tok.pos_ in ("VERB", "AUX") and tok.i not in range(span.start, span.end):
            tok = before_complement(span, tok)
            return tok.doc[tok.i : tok.i + 1]
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def before_complement(span: Span, verb: Token) -> Token:
    """The verb a time written between a verb and the subject of its complement clause belongs to: "Russia
    said on Monday it would send troops" is Monday's saying, whichever clause the parser hung "on Monday"
    from (it often takes the complement's "send", and then its future: next Monday). A time after the
    complement's subject or its "that" is the complement's own ("said that on Monday it would ...")."""
    head = verb.head
    if verb.dep_ != "ccomp" or head.i == verb.i or head.pos_ not in ("VERB", "AUX") or not head.i < span.start:
        return verb
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i), None)
    if subj is None or span.end > subj.left_edge.i or any(
            c.dep_ == "mark" and head.i < c.i < span.start for c in verb.children):
        return verb
    if any(t.is_punct or t.pos_ in ("VERB", "AUX") for t in verb.doc[head.i + 1 : span.start]):
        return verb  # something else stands between: "said, as it did on Monday, ..." is not this
    return head


def clause_tense(span: Span) -> str | None:
    """PAST, FUTURE or PRESENT for the clause of `span`, None where no verb governs it.

    Direction for "Friday" or "in April": "said on Friday" is the Friday before the DCT, "will meet
    on Friday" the one after. Infinitives and modals point forward ("plans to meet Friday").
    """
    verb_span = governing_verb(span)
    if verb_span is None:
        return None
    verb = verb_span.root
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUX for a in auxes):
        if verb.tag_ == "VBN" and any(a.lower_ == "have" for a in auxes):
            return PAST  # "may have been": a guess about the past
        return FUTURE
    if any(a.lower_ == "to" and a.tag_ == "TO" for a in auxes) and verb.tag_ == "VB":
        if verb.head.pos_ == "NOUN" and verb.head.lemma_ in _INTENT_NOUNS:
            return FUTURE  # "an agreement to acquire the bank in January": the acquiring is still to come
        head = verb.head
        for _ in range(4):
            if head.pos_ in ("VERB", "AUX", "ADJ") or head.head.i == head.i:
                break
            head = head.head
        head_aux = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
        if "had" in head_aux or head.lower_ == "had":
            return PAST
        if head.lemma_ in _FORWARD:
            return FUTURE
        if head.tag_ == "VBD" or head_aux & {"was", "were", "did", "had"}:
            return PAST
        if head.tag_ == "VBN" and not head_aux & {"is", "are", "am", "'s", "'re", "has", "have", "been"}:
            return PAST  # "was asked to attend" is past, "are supposed to conclude by May" is not
        return FUTURE
    if any(a.lower_ in ("going", "gon") for a in auxes):
        return FUTURE
    if (
        verb.lemma_ in _ARRANGE
        and verb.tag_ in ("VBD", "VBN")
        and verb.dep_ != "acl"
        and verb.i < span.start
        and not any(a.lower_ == "had" for a in auxes)
    ):  # "planned a rally on Saturday", "has scheduled a news conference Thursday": still to come, while
        return FUTURE  # "On Friday, the government planned ..." dates the planning itself
    if verb.tag_ in ("VBD",) or any(a.tag_ == "VBD" for a in auxes):
        return PAST
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl") and not auxes and verb.lemma_ not in _ARRANGE | _FORWARD:
        return PAST  # "the record high reached on Aug. 6", "the agreement signed in June": done already
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return PAST
    if verb.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return FUTURE
    if verb.tag_ in ("VBZ", "VBP"):
        return PRESENT
    if verb.tag_ == "MD":
        return FUTURE if verb.lower_ in _FUTURE_AUX else None
    return None


def _past_perfect(span: Span) -> bool:
    """The clause of `span` is in the past perfect: its time lies before a past one, never ahead."""
    verb = governing_verb(span)
    return verb is not None and any(c.lower_ == "had" and c.dep_ == "aux" for c in verb.root.children)


def find_times(doc: Doc, article: Article) -> list[TimeExpr]:
    """Every time expression of the document with its TIMEX3 type and value.

    Offsets are into `article.text` (the parsed text). Expressions whose value cannot be read are
    dropped rather than guessed; ones that need a DCT the article lacks get X placeholders.
    """
    ctx = Context(dct=article.publication_date)
    out: list[TimeExpr] = []
    full = doc_text(doc)
    sections = section_dates(full, article.publication_date)
    for cand in find_candidates(doc):
        start, end = cand.start, cand.end
        if sections:  # the section's date is the creation time of its story
            dct = section_date(sections, start) or article.publication_date
            if dct != ctx.dct:
                ctx.dct, ctx.last = dct, None
        span = doc.char_span(start, end, alignment_mode="expand")
        tense = clause_tense(span) if span is not None and len(span) else None
        if span is not None and len(span):
            before = doc[span.start - 2 : span.start] if span.start >= 2 else doc[: span.start]
            lead = full[max(0, start - 13) : start].lower()
            if any(t.lower_ in _FORWARD_CUES for t in before) or lead.endswith(("as soon as ", "as early as ")):
                if not (tense == PAST and _past_perfect(span)):  # "Until Thursday, they had not called him"
                    tense = FUTURE
            elif any(t.lower_ == "since" for t in before):
                tense = PAST  # "since March": a time already past
            elif span.end < len(doc) and doc[span.end].tag_ == "POS" and cand.rule == "weekday":
                tense = PAST  # "Wednesday's ruling": a day already talked about
        text = full[start:end]
        value = normalize(text, ctx, tense, after=full[end : end + 24])
        if value is None:
            continue
        out.append(TimeExpr(text=text, start=start, end=end, type=value.type, value=value.value))
        if value.type in ("DATE", "TIME") and value.value[:4].isdigit() and "X" not in value.value:
            ctx.last = value.value.split("T")[0] if "-W" not in value.value and "-Q" not in value.value else ctx.last
    return out
