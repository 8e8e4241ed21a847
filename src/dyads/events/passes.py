"""The named passes over a sentence's candidates, in order, after each predicate was matched, given roles and
meaning: `SENTENCE_PASSES`. Each pass may drop candidates (the coder records its name in
`Candidate.dropped_by`, so that `dyads explain` says which pass dropped what) or refine their codes.

Why named: a sentence's events come out of several rules over the whole sentence (a slot of another
pattern is no act, a statement verb yields to what was said, what is asked for refines the asking);
naming each makes the explanation of an event say which rule decided it. The passes of the events
table (one-sided statements, media, settings, sectors, business) are `dyads.events.filters`'s.
"""

from __future__ import annotations

from spacy.tokens import Span as DocSpan
from spacy.tokens import Token

from dyads.events.candidate import Candidate
from dyads.events.evaluation import NAMING_VERBS, naming_content, naming_target, quoted_judgement, speech_target
from dyads.events.lexicon import _SUBJECTS, SPEECH_VERBS
from dyads.events.meaning import (
    INTENT_AUX,
    MODAL_AUX,
)
from dyads.events.roles import _actors_in
from dyads.events.verbs import VerbPattern
from dyads.models import Actor, Quote


def _speech_acts(cands: list[Candidate], index: dict[int, Actor]) -> None:
    """ "X said Y must/should do Z": the speaker's demand (10) or appeal (02) to Y, not a statement."""
    for c in cands:
        if c.dropped or c.pattern is None or c.token.lemma_.lower() not in SPEECH_VERBS or c.code != "010":
            continue
        for v in c.token.children:
            if v.dep_ != "ccomp":
                continue
            modal = next((a.lower_ for a in v.children if a.dep_ == "aux" and a.lower_ in {"must", "should", "ought"}),
                         None)
            if modal is None and v.lemma_.lower() == "need" and any(x.dep_ == "xcomp" for x in v.children) \
                    and not any(x.dep_ == "aux" and x.lower_ in INTENT_AUX | MODAL_AUX for x in v.children):
                modal = "should"  # "Japan needs to enact reforms"
            if modal is None:
                continue
            subj = [s for s in v.children if s.dep_ in {"nsubj", "nsubjpass"}]
            target = [a for a in _actors_in(subj, index) if a not in c.source]
            if not target:
                continue
            c.code = "100" if modal == "must" else "020"
            if modal in {"should", "ought"} and any(a.dep_ == "aux" and a.lemma_ == "have" for a in v.children):
                c.code = "111"  # "X should never have given him the job": blame for what was done, no appeal
            c.target = target
            c.content = v
            c.modifiers.append(f"reported '{modal}' -> {c.code}")
            break


def _shared_targets(cands: list[Candidate]) -> None:
    """ "Qatar recognised the opposition and donated $100 million": a cooperative act joined to another
    with no recipient of its own goes to the same side (the subject is shared by the parse already)."""
    by_token = {c.token.i: c for c in cands if c.pattern is not None and not c.dropped}
    for c in cands:
        if c.dropped or c.target or not c.source or not ("03" <= (c.code or "")[:2] <= "08"):
            continue
        if c.token.dep_ != "conj" or any(s.dep_ in _SUBJECTS for s in c.token.children):
            continue
        first = by_token.get(c.token.head.i)
        if first is not None and first.target and first.source == c.source \
                and "03" <= (first.code or "")[:2] <= "08":
            c.target = list(first.target)
            c.modifiers.append(f"recipient shared with '{first.token.text}'")


def _judged_statements(cands: list[Candidate], index: dict[int, Actor]) -> None:
    """ "X said Y was wrong": X's criticism of Y (111), or praise (051); see dyads.events.evaluation.
    After `_speech_acts`: a demand or appeal in what was said ("Y must ...") says more."""
    for c in cands:
        if c.dropped or c.pattern is None or c.token.lemma_.lower() not in SPEECH_VERBS or c.code != "010" \
                or c.target:
            continue
        subj = {t.i for s in c.token.children if s.dep_ in _SUBJECTS for t in s.subtree}
        judged = speech_target(c.token, c.source, index, subj)
        if judged is not None:
            c.code, c.target = judged
            c.modifiers.append(f"what was said judges '{judged[1][0].text}' -> {judged[0]}")


def _namings(cands: list[Candidate], index: dict[int, Actor]) -> None:
    """ "X called Y a liar", "described Y as a disgrace": criticism or praise of Y when the name judges;
    a naming that judges nothing is no event, and "X called Y" with no name is a telephone call (041)."""
    for c in cands:
        if c.dropped or c.pattern is None or c.token.lemma_.lower() not in NAMING_VERBS or not c.source:
            continue
        if c.token.lemma_.lower() == "call" and c.code != "041":
            continue  # "call for", "call on": appeals of their own
        if not naming_content(c.token):
            if c.code != "041":
                c.dropped = "naming verb without a name"
            continue
        judged = naming_target(c.token, c.source, index)
        if judged is None:
            c.dropped = "a naming that judges nothing"
            continue
        c.code, c.target = judged
        c.modifiers.append(f"the name judges '{judged[1][0].text}' -> {judged[0]}")


def _np_comma(comma: Token) -> bool:
    """A comma inside a noun phrase ("Lions, tigers and X", "X, the state's foe", "complete, full ties"):
    the words on both sides meet at a noun without a verb between, so the comma delimits no clause."""
    doc = comma.doc
    if comma.i == 0 or comma.i + 1 >= len(doc):
        return False
    left, right = doc[comma.i - 1], doc[comma.i + 1]
    up = [right, *right.ancestors]
    left_up = {t.i for t in [left, *left.ancestors]}
    meet = next((t for t in up if t.i in left_up), None)
    if meet is None or meet.pos_ not in {"NOUN", "PROPN", "PRON", "NUM"}:
        return False
    return not any(t.pos_ in {"VERB", "AUX"} for t in up[: up.index(meet)])


def comma_clauses(sent: DocSpan, limits: tuple[int, int, int, int, int, int]) -> set[int]:
    """The tokens PETRARCH-1 deletes as comma-delimited clauses (initial, terminal, then internal ones whose
    length in words is within `limits`); commas inside noun phrases delimit none.

    Why: PETRARCH-1, like TABARI, drops short asides ("..., it seems, ...") and attributions at the end
    ("..., a senior official said.") before coding; its validation records expect it.
    """
    cmin, cmax, bmin, bmax, emin, emax = limits
    commas = [t.i for t in sent if t.text == "," and not _np_comma(t)]
    if not commas:
        return set()

    def words(lo: int, hi: int) -> int:
        return sum(1 for t in sent.doc[lo:hi] if t.text[:1].isalpha())

    end = sent.end - 1 if sent.doc[sent.end - 1].is_punct else sent.end
    out: set[int] = set()
    if bmax and bmin <= words(sent.start, commas[0]) <= bmax:
        out.update(range(sent.start, commas[0]))
    if emax and emin <= words(commas[-1] + 1, end) <= emax:
        out.update(range(commas[-1] + 1, end))
    if cmax:
        for a, b in zip(commas, commas[1:], strict=False):
            if cmin <= words(a + 1, b) <= cmax:
                out.update(range(a + 1, b))
    return out


def _inside_clause_of(tok: Token, verb: Token) -> bool:
    """Whether `tok` lies in the clause of `verb` ("is about to restore ... after crowds burned ...": the
    clause of "restore" is that of "is", whose complement chain it ends), not in a coordinated one."""
    top = verb
    while top.dep_ in {"xcomp", "acomp", "aux", "auxpass"} and top.head is not top:
        top = top.head
    if tok.i == top.i or not top.is_ancestor(tok):
        return False
    path = [tok, *(a for a in tok.ancestors if top.is_ancestor(a))]
    return not any(t.dep_ == "conj" for t in path)


def _quoted_judgement(sent: DocSpan, cands: list[Candidate], quotes: list[Quote], index: dict[int, Actor]
                      ) -> list[Candidate]:
    """A sentence of a direct quotation with no verb of saying of its own that judges an actor ("Donald
    Trump is a disgusting fraud.") is its speaker's criticism or praise (dyads.events.evaluation)."""
    if any(not c.dropped and c.target for c in cands) or any(
            c.token.lemma_.lower() in SPEECH_VERBS for c in cands if c.pattern is not None):
        return []
    quote = next((q for q in quotes if q.kind == "direct" and q.speaker is not None and q.speaker.code
                  and q.start - 2 <= sent.start_char and sent.end_char <= q.end + 2), None)
    if quote is None or quote.speaker is None:
        return []
    span = sent.doc.char_span(quote.speaker.start, quote.speaker.end, alignment_mode="expand")
    speaker = index.get(span.root.i) if span is not None else None
    if speaker is None:
        return []
    judged = quoted_judgement(sent, [speaker], index)
    if judged is None:
        return []
    code, target, head = judged
    pattern = VerbPattern(lemma=head.lemma_.lower(), prep=None, code=code, source="evaluation.tsv",
                          text="a judgement in a quotation")
    return [Candidate(head, pattern=pattern, code=code, source=[speaker], target=target,
                      trigger=(head.i, head.i + 1), confidence=0.6,
                      modifiers=[f"said in a quotation by '{quote.speaker.text}', judges '{target[0].text}'"])]
