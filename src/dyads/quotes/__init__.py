"""Quotations and their speakers: who said what, in their own words or reported.

Rules over the spaCy parse, no other model. Three kinds of quotation come out:

- "direct": a quotation in quote marks that stands as the speaker's own sentence(s),
  `"To our regret, ...," he said` or `He said: "..."`, also when it runs over paragraphs;
- "partial": quoted words woven into the writer's sentence, `what he called the "siege"`;
- "indirect": reported speech without quote marks, `Lavrov said the goal ... should ...`,
  `..., according to officials`.

Each carries its content span, the cue ("said", "was quoted as saying", "according to") and a
speaker whose span is the words in the text ("he") while its name and actor code are those of the
person it refers to (Qadri Jamil, SYRGOV). Offsets are exact into `doc.text`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Token

from dyads.coref import Coreference
from dyads.models import Actor, Event, Quote, Span, Speaker
from dyads.nlp import doc_text
from dyads.quotes.marks import DOUBLED, OPENING, STRAIGHT, Quoted, find_quoted, inside
from dyads.quotes.speakers import SUBJECT_DEPS, SpeakerResolver, np_bounds

__all__ = ["find_quotes", "find_quoted", "link_events_to_quotes", "SPEECH_VERBS", "REPORT_VERBS"]

REPORT_VERBS = frozenset(
    """say tell add state declare announce explain note warn insist argue claim contend write tweet
    ask reply respond answer acknowledge admit concede confirm deny suggest predict report recall remark
    urge complain stress emphasize emphasise caution vow promise pledge maintain assert allege reiterate
    repeat testify comment conclude recount observe counter retort quip joke boast lament exclaim
    proclaim demand yell scream plead beg wonder muse scold
    reveal disclose estimate indicate signal hint charge accuse contend caution advise inform
    assure reassure notify remind mention point""".split()
)
"""Lemmas of verbs that report speech: their clausal complement is what was said."""

SPEECH_VERBS = REPORT_VERBS | frozenset("quote call describe label dub read continue shout chant".split())
"""Lemmas that can introduce quoted words (a superset: `called it "a siege"`, `the letter read`)."""

SPEECH_ACTS = frozenset(
    """issue urge criticize criticise accuse blame condemn praise welcome dismiss reject appeal attack slam
    blast liken compare chant type decry denounce mock ridicule hail applaud""".split()
)
"""Verbs of acts done in words: quoted words under them are the act's subject's (`attacked "the ..."`)."""

_LISTENERS = frozenset(
    "reporters journalists us me him her them audience crowd supporters lawmakers parliament".split()
)
"""Objects folded into the cue ("told reporters"), so the cue reads as the journalist wrote it."""

_SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019']?\s+(?=[\"\u201c'A-Z])")


def _span(doc: Doc, tokens: list[Token]) -> Span:
    lo = min(t.i for t in tokens)
    hi = max(t.i for t in tokens)
    start = doc[lo].idx
    end = doc[hi].idx + len(doc[hi].text)
    return Span(doc[lo : hi + 1].text, start, end)


def _subject(verb: Token, outside: Callable[[Token], bool]) -> tuple[Token | None, list[Token]]:
    """The speaker of a speech verb and the verbs climbed to find it.

    Climbs from a verb without a subject of its own through the constructions news copy uses:
    "he was quoted as saying" (saying -> as -> quoted), "..., saying" (participle -> main verb),
    "and said" (conjunct -> first verb), "who said" (relative clause -> the noun it modifies).
    Subjects inside the quotation itself (the parser often makes the quote's own subject a
    subject of "said") are passed over with `outside`.
    """
    chain = [verb]
    t = verb
    for _ in range(5):
        subjects = [c for c in t.children if c.dep_ in SUBJECT_DEPS and outside(c)]
        if subjects:
            c = min(subjects, key=lambda c: abs(c.i - t.i))
            if c.tag_ in {"WP", "WDT"} and t.dep_ == "relcl":
                return t.head, chain
            return c, chain
        if t.dep_ == "relcl" and t.head.pos_ in {"NOUN", "PROPN"}:
            return t.head, chain
        if t.dep_ in {"pcomp", "pobj", "prep", "xcomp", "advcl", "conj"} and t.head.i != t.i:
            t = t.head
            chain.append(t)
            continue
        break
    for c in verb.children:
        if c.dep_ == "agent":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return objs[0], chain
    # a parse without a subject: the name just before the verb ("Chief Chuck Jordan said Monday")
    # or just after it ("said Leslie Wimes"), never a date
    doc = verb.doc
    for k in (verb.i - 1, verb.i + 1):
        if not 0 <= k < len(doc):
            continue
        cand = doc[k]
        if cand.pos_ in {"PROPN", "PRON"} and cand.ent_type_ not in {"DATE", "TIME"} and outside(cand):
            if k > verb.i:
                while cand.dep_ in {"compound", "flat"} and cand.head.i > cand.i:
                    cand = cand.head
            return cand, chain
    return None, chain


def _cue(verb: Token, chain: list[Token], exclude: tuple[int, int] | None) -> Span:
    """The cue span: the verb with its auxiliaries, particle and a listener ("told reporters")."""
    tokens = [t for t in chain if t.i >= verb.i - 4 or t is verb]
    # keep the climbed chain only where it is contiguous wording ("was quoted as saying")
    tokens = [t for t in tokens if abs(t.i - verb.i) <= 4]
    top = tokens[-1]
    for c in top.children:
        if c.dep_ in {"aux", "auxpass", "neg"} and c.i < top.i and top.i - c.i <= 3:
            tokens.append(c)
    for c in verb.children:
        if c.dep_ == "prt":
            tokens.append(c)
        if c.dep_ in {"dobj", "dative"} and c.i == verb.i + 1 and (
            c.lower_ in _LISTENERS or (verb.lemma_ == "tell" and c.pos_ in {"PROPN", "PRON"})
        ):
            tokens.append(c)
        if c.dep_ == "prep" and c.lower_ == "as" and verb.lemma_ == "quote":
            tokens.extend(g for g in c.children if g.dep_ in {"pcomp", "pobj"} and g.i - c.i <= 2)
    lo = min(t.i for t in tokens)
    hi = max(t.i for t in tokens)
    doc = verb.doc
    # the cue must not swallow the speaker or the quotation ("said Lavrov" stays "said")
    kept = [doc[i] for i in range(lo, hi + 1) if doc[i].dep_ not in SUBJECT_DEPS]
    if exclude is not None:
        kept = [t for t in kept if not (exclude[0] <= t.idx < exclude[1])]
    return _span(doc, kept or [verb])


def _according_to(tok: Token) -> Token | None:
    """The source noun of "according to X" when `tok` is "according"; for a report its author ("according to a
    report issued by a U.S.-based human rights group": the group)."""
    if tok.lower_ != "according":
        return None
    for c in tok.children:
        if c.lower_ == "to":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return _author(objs[0])
    if tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
        return _author(tok.doc[tok.i + 2])
    return None


# what is written and issued by someone, who says what it says
_WRITINGS = {"report", "study", "statement", "survey", "document", "analysis", "letter", "assessment", "investigation",
             "inquiry", "probe", "audit", "review"}


def _author(noun: Token) -> Token:
    """Who issued a report ("a report issued on Tuesday by X", "a report by X"), else the noun itself."""
    if noun.lemma_.lower() not in _WRITINGS:
        return noun
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "by":
            return next((g for g in c.children if g.dep_ == "pobj"), noun)
        if c.dep_ == "acl":
            for a in c.children:
                if a.dep_ == "agent":
                    return next((g for g in a.children if g.dep_ == "pobj"), noun)
    return noun


_TITLE_SMALL_WORDS = frozenset("a an and at by for in of on or the to with".split())


def _is_title(words: str) -> bool:
    """Whether quoted words look like a title ("Face the Nation", "Fox News Sunday"), not speech."""
    tokens = re.findall(r"[\w'’-]+", words)
    if not tokens or len(tokens) > 6:
        return False
    return all(t[0].isupper() or t.lower() in _TITLE_SMALL_WORDS for t in tokens) and tokens[0][0].isupper()


class _Finder:
    """One document's quotations: pairs marks, attributes each, then reads reported speech."""

    def __init__(self, doc: Doc, actors: list[Actor], coref: Coreference | None = None):
        self.doc = doc
        self.text = doc_text(doc)
        self.quoted = find_quoted(self.text)
        self.resolver = SpeakerResolver(doc, actors, self.quoted, coref)

    # -- helpers ---------------------------------------------------------------------------

    def _tokens(self, start: int, end: int) -> list[Token]:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return list(span) if span is not None else []

    def _in_quote(self, t: Token) -> bool:
        return inside(self.quoted, t.idx, t.idx + len(t.text)) is not None

    def _speaker(self, head: Token) -> Speaker:
        lo, hi = np_bounds(head)
        span = self.doc[lo:hi]
        name, code = self.resolver.name_and_code(head)
        return Speaker(text=span.text, start=span.start_char, end=span.end_char, name=name, code=code)

    def _attribution(self, verb: Token, exclude: tuple[int, int] | None) -> tuple[Speaker | None, Span] | None:
        """Speaker and cue of a speech verb or of "according to"."""
        source = _according_to(verb)
        if source is not None:
            to = verb.doc[verb.i + 1]
            return self._speaker(source), _span(verb.doc, [verb, to])
        def outside(t: Token) -> bool:
            return not self._in_quote(t) and not (exclude is not None and exclude[0] <= t.idx < exclude[1])

        subject, chain = _subject(verb, outside)
        cue = _cue(verb, chain, exclude)
        if subject is None or subject.lower_ in {"you", "there"}:
            return None
        return self._speaker(subject), cue

    def _is_cue_word(self, t: Token, lemmas: frozenset[str]) -> bool:
        if t.lower_ == "according":
            return _according_to(t) is not None
        if t.dep_ in {"acl", "amod"} and t.tag_ == "VBN":
            return False  # "the goal agreed at a meeting": a participle describing a noun
        return t.pos_ in {"VERB", "AUX"} and t.lemma_.lower() in lemmas and not self._in_quote(t)

    def _sentence_prefix(self, q: Quoted) -> str:
        line_start = self.text.rfind("\n", 0, q.open_at) + 1
        prefix = self.text[line_start : q.open_at]
        # match with the opening mark in view so "went well. " ends a sentence before it
        ends = list(_SENTENCE_END.finditer(self.text[line_start : q.open_at + 1]))
        ends = [m for m in ends if m.end() <= len(prefix)]
        return prefix[ends[-1].end() :] if ends else prefix

    def _trailing_window(self, q: Quoted) -> list[Token]:
        """Tokens after the closing mark up to the sentence end: where `, he said.` sits.

        Read on tokens, not characters, so "Rep. Elijah E. Cummings (D-Md.) said" is not cut at
        the abbreviations' full stops.
        """
        after = (q.close_at + 1) if q.close_at is not None else q.end
        last = self.text[q.end - 1] if q.end > q.start else ""
        if last == "." or q.close_at is None:
            return []  # `... neighborhood." Russia insisted`: the full stop ended the sentence
        line_end = self.text.find("\n", after)
        line_end = len(self.text) if line_end < 0 else line_end
        out: list[Token] = []
        line = self.doc.char_span(after, line_end, alignment_mode="expand")
        for t in line if line is not None else ():  # (not made a list: the loop stops within 25 words)
            if t.idx < after or t.is_space:
                continue
            if not out and last in "!?" and t.text[:1].isupper() and t.pos_ != "PROPN":
                break  # `"... yet?" Then the ...`: a new sentence, not `"...?" Vitter demanded`
            if t.text in {".", "!", "?", OPENING} or (t.text in {STRAIGHT, DOUBLED} and out) or len(out) >= 25:
                break
            out.append(t)
        return out

    def _dash_source(self, q: Quoted) -> Token | None:
        """The name after a dash that signs a quotation: `"..." ― Jorge Falcon`."""
        if q.close_at is None:
            return None
        rest = self.text[q.close_at + 1 : q.close_at + 6]
        m = re.match(r"[\s\xa0]*[―—–-]+[\s\xa0]*", rest)
        if not m:
            return None
        start = q.close_at + 1 + m.end()
        tokens = [t for t in self._tokens(start, min(len(self.text), start + 60)) if not t.is_space]
        names = []
        for t in tokens:
            if t.pos_ != "PROPN" and not (t.text[:1].isupper() and t.is_alpha):
                break
            names.append(t)
        if not names:
            return None
        heads = [t for t in names if t.head.i == t.i or not (names[0].i <= t.head.i <= names[-1].i)]
        return heads[0] if heads else names[-1]

    # -- direct and partial quotations ---------------------------------------------------------

    def _kind(self, q: Quoted) -> str:
        prefix = self._sentence_prefix(q).rstrip()
        if len(q.pieces) > 1 or not prefix or prefix.endswith((":", ",")):
            return "direct"
        inner = self.text[q.start : q.end]
        if _SENTENCE_END.search(inner + " A"):
            if len(inner.split()) > 8 and inner[:1].isupper():
                return "direct"
        return "partial"

    def _attribute(self, q: Quoted) -> tuple[Speaker | None, Span | None]:
        exclude = (q.open_at, (q.close_at + 1) if q.close_at is not None else q.end)
        tokens = [t for t in self._tokens(q.start, q.end) if not t.is_space]
        signed = self._dash_source(q)
        if signed is not None:
            return self._speaker(signed), None
        # 1. the parse hangs the quotation under a speech verb: `"...," he said` or `said the "siege"`
        for t in tokens:
            if exclude[0] <= t.head.idx < exclude[1]:
                continue
            a = t.head
            for _ in range(12):
                if self._is_cue_word(a, SPEECH_VERBS | SPEECH_ACTS):
                    found = self._attribution(a, exclude)
                    if found is not None and found[0] is not None:
                        return found
                    break
                if a.head.i == a.i:
                    break
                a = a.head
        # 2. `, he said.` / `, said Lavrov.` / `, according to X.` after the closing mark
        window = self._trailing_window(q)
        for t in window:
            if self._is_cue_word(t, SPEECH_VERBS):
                found = self._attribution(t, exclude)
                if found is not None and found[0] is not None:
                    return found
        # 3. `He said: "..."` before the opening mark
        prefix = self._sentence_prefix(q)
        if prefix.rstrip().endswith((":", ",")) or not prefix.strip():
            lo = q.open_at - len(prefix)
            before = [t for t in self._tokens(lo, q.open_at) if not t.is_space]
            if not prefix.strip():
                before = self._previous_line_tokens(q.open_at)
            for t in reversed(before):
                if self._is_cue_word(t, SPEECH_VERBS):
                    found = self._attribution(t, exclude)
                    if found is not None and found[0] is not None:
                        return found
            # 4. `McCaskill scolded him: "..."`: any verb whose clause the colon hands over to the quote
            if before and before[-1].text == ":":
                for t in reversed(before):
                    if t.pos_ == "VERB" and t.dep_ in {"ROOT", "conj", "ccomp"} and not self._in_quote(t):
                        found = self._attribution(t, exclude)
                        if found is not None and found[0] is not None:
                            return found
                        break
        return None, None

    def _previous_line_tokens(self, at: int) -> list[Token]:
        """The last sentence of the previous paragraph, when it ends with a colon (`He said:`)."""
        line_start = self.text.rfind("\n", 0, at)
        if line_start < 0:
            return []
        prev = self.text[:line_start].rstrip()
        if not prev.endswith(":"):
            return []
        para_start = prev.rfind("\n") + 1
        return [t for t in self._tokens(para_start, len(prev)) if not t.is_space]

    def direct(self) -> list[Quote]:
        out: list[Quote] = []
        last: Quote | None = None
        last_any: Quote | None = None
        last_end = 0  # where the last direct quotation's sentence, with its attribution, ends
        for q in self.quoted:
            kind = self._kind(q)
            speaker, cue = self._attribute(q)
            if speaker is None and kind == "direct" and last_any is not None and last_any.speaker is not None:
                if "\n" not in self.text[last_any.end : q.open_at]:
                    speaker = last_any.speaker  # `... "loop-hole," she said. "We have no context ..."`
            if speaker is None and kind == "direct" and last is not None and last.speaker is not None:
                # a quotation continued in the next paragraph keeps its speaker
                # (or goes on in the same paragraph after its attribution: `"A," he said. "B."`)
                gap = self.text[last_end : q.open_at]
                if "\n" not in self.text[last.end : q.open_at] or (
                    gap.count("\n") <= 2 and not re.search(r"\w", gap)
                ):
                    speaker = last.speaker
            if kind == "partial" and (speaker is None or _is_title(self.text[q.start : q.end])):
                continue  # scare quotes and titles: quoted words that nobody in the text says
            quote = Quote(self.text[q.start : q.end], q.start, q.end, speaker=speaker, cue=cue, kind=kind)
            out.append(quote)
            last_any = quote
            if kind == "direct":
                last = quote
                window = self._trailing_window(q)
                last_end = window[-1].idx + len(window[-1].text) if window else (q.close_at or q.end) + 1
        return out

    # -- reported speech --------------------------------------------------------------------

    def _quoted_share(self, start: int, end: int) -> float:
        covered = 0
        for q in self.quoted:
            for a, b in q.pieces:
                covered += max(0, min(b, end) - max(a, start))
        return covered / max(1, end - start)

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        while start < end and (self.text[start].isspace() or self.text[start] in ",;:\u2014-"):
            start += 1
        while end > start and (self.text[end - 1].isspace() or self.text[end - 1] in ",;:\u2014-"):
            end -= 1
        return start, end

    def indirect(self) -> list[Quote]:
        out: list[Quote] = []
        for t in self.doc:
            according = t.lower_ == "according"
            # the cheap tests of the word first: few words are cues, and most are outside quotations
            if not according and not (t.pos_ == "VERB" and t.lemma_.lower() in REPORT_VERBS) or self._in_quote(t):
                continue
            if according:
                src = _according_to(t)
                if src is None:
                    continue
                content = self._according_content(t)
            elif t.pos_ == "VERB" and t.lemma_.lower() in REPORT_VERBS:
                comp = next((c for c in t.children if c.dep_ == "ccomp"), None)
                if comp is not None:
                    lo = comp.left_edge.idx
                    hi = comp.right_edge.idx + len(comp.right_edge.text)
                    content = self._trim(lo, hi)
                elif t.dep_ == "parataxis" and t.i > t.sent.start + 1:
                    # "The latest test, North Korea said, was its biggest yet": the whole sentence
                    sent = t.sent
                    content = self._trim(sent.start_char, sent.end_char)
                    content = (content[0], content[1] - 1) if self.text[content[1] - 1] in ".!?" else content
                else:
                    continue
            else:
                continue
            if content is None:
                continue
            start, end = content
            if end - start < 12 or len(self.text[start:end].split()) < 3:
                continue
            if self._quoted_share(start, end) > 0.5:
                continue  # the quotation itself, already read as direct
            inner = t.left_edge.idx >= start and t.right_edge.idx < end  # "X, he said, Y": the cue sits inside
            found = self._attribution(t, None if inner else (start, end))
            if found is None:
                continue
            speaker, cue = found
            out.append(Quote(self.text[start:end], start, end, speaker=speaker, cue=cue, kind="indirect"))
        return out

    def _according_content(self, according: Token) -> tuple[int, int] | None:
        """The clause "according to X" is attached to, without that phrase."""
        clause = according.head
        while clause.pos_ not in {"VERB", "AUX"} and clause.head.i != clause.i:
            clause = clause.head
        sent = clause.sent
        phrase_lo = according.left_edge.idx
        phrase_hi = according.right_edge.idx + len(according.right_edge.text)
        lo, hi = sent.start_char, sent.end_char
        if phrase_lo - lo < hi - phrase_hi:
            return self._trim(phrase_hi, hi)
        return self._trim(lo, phrase_lo)


def find_quotes(doc: Doc, actors: list[Actor], coref: Coreference | None = None) -> list[Quote]:
    """Every direct, partial and indirect quotation in `doc`, in text order, with cue and speaker.

    `actors` is the actor layer of the same document; a speaker takes the code of the actor its
    noun phrase overlaps, or for a pronoun or a bare surname, that of the person it refers to.
    `coref`, if given, is the `Coreference` of these actors without their pronoun actors (as
    `coref.coreference_stage` hands it on); else one is built here.
    """
    finder = _Finder(doc, actors, coref)
    quotes = finder.direct() + finder.indirect()
    seen: set[tuple[int, int]] = set()
    out: list[Quote] = []
    for q in sorted(quotes, key=lambda q: (q.start, q.end)):
        if (q.start, q.end) in seen:
            continue
        seen.add((q.start, q.end))
        out.append(q)
    return out


def link_events_to_quotes(events: list[Event], quotes: list[Quote]) -> None:
    """Set `quote_index` on each event whose trigger lies inside a quotation's content.

    Direct and partial quotations win over indirect speech that contains them, so an event inside
    a direct quote points at the words in quote marks.
    """
    ranked = sorted(range(len(quotes)), key=lambda i: (quotes[i].kind == "indirect", quotes[i].end - quotes[i].start))
    for event in events:
        for i in ranked:
            q = quotes[i]
            if q.start <= event.trigger.start and event.trigger.end <= q.end:
                event.quote_index = i
                break
