"""Code events from the dependency parse: predicate, source (agent), target (object)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from dyads.models import Actor, CodedArticle, Event, NoEvent
from dyads.models import Span as TextSpan

if TYPE_CHECKING:
    from dyads.pipeline import Resources

_LIGHT_VERBS = {"issue", "make", "hold", "launch", "renew", "repeat", "have"}
_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}


def _actor_tokens(doc: Doc, actors: list[Actor]) -> dict[int, Actor]:
    index: dict[int, Actor] = {}
    for actor in actors:
        span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if span is None or not actor.code:
            continue
        for tok in span:
            index[tok.i] = actor
    return index


def _actors_in(tokens, index: dict[int, Actor]) -> list[Actor]:
    seen: list[Actor] = []
    for tok in tokens:
        a = index.get(tok.i)
        if a is not None and a not in seen:
            seen.append(a)
    return seen


_ARG_DEPS = {"dobj", "dative", "attr", "oprd", "prep", "pobj", "obj", "iobj", "agent"}


def _match(tok: Token, res: Resources) -> tuple[object, list[Token]] | None:
    """The pattern a predicate matches and the tokens that head its target arguments."""
    sent_end = tok.sent.end
    for p in res.verbs.patterns.get(tok.lemma_.lower(), []):
        if p.prep is None:
            return p, [c for c in tok.children if c.dep_ in _ARG_DEPS]
        for c in tok.doc[tok.i + 1 : min(tok.i + 6, sent_end)]:
            if c.lower_ == p.prep:
                return p, [c]
    return None


def _subject_of(pred: Token) -> Token | None:
    verb = pred
    if pred.pos_ == "NOUN" and pred.dep_ in {"dobj", "attr"}:
        verb = pred.head
    for child in verb.children:
        if child.dep_ in _SUBJECTS:
            return child
    if verb.dep_ in {"xcomp", "advcl", "conj"} and verb.head is not verb:
        return _subject_of(verb.head)
    return None


def code_events(doc: Doc, coded: CodedArticle, res: Resources) -> tuple[list[Event], list[NoEvent]]:
    article = coded.article
    index = _actor_tokens(doc, coded.actors)
    events: list[Event] = []
    no_events: list[NoEvent] = []
    pub = article.publication_date.isoformat() if article.publication_date else None
    for s_i, sent in enumerate(doc.sents):
        found = 0
        reasons = []
        for tok in sent:
            if tok.pos_ not in {"VERB", "NOUN"}:
                continue
            matched = _match(tok, res)
            if matched is None:
                continue
            pattern, arg_heads = matched
            subj = _subject_of(tok)
            if subj is None:
                reasons.append(f"'{tok.text}' ({pattern.code}) has no subject")
                continue
            sources = _actors_in(subj.subtree, index)
            subj_ids = {t.i for t in subj.subtree}
            arg_tokens = [t for h in arg_heads for t in h.subtree if t.i not in subj_ids]
            targets = [a for a in _actors_in(arg_tokens, index) if a not in sources]
            if not sources:
                reasons.append(f"'{tok.text}' ({pattern.code}): subject '{subj.text}' is not a known actor")
                continue
            if tok.pos_ == "NOUN" and tok.head.lemma_ in _LIGHT_VERBS:
                first, last = tok.head, tok
            else:
                first, last = tok, tok
            trig: Span = doc[first.i : last.i + 1]
            neg = any(c.dep_ == "neg" for c in (tok.head if tok.pos_ == "NOUN" else tok).children)
            c = res.ontology.get(pattern.code)
            found += 1
            events.append(
                Event(
                    id=f"{article.id}:s{s_i}:e{found}",
                    article_id=article.id,
                    sentence_index=s_i,
                    date=pub,
                    date_precision="day" if pub else None,
                    date_text=None,
                    source=sources,
                    target=targets[:4],
                    cameo=pattern.code,
                    cameo_root=pattern.code[:2],
                    cameo_name=c.name,
                    plover=c.plover,
                    plover_mode=c.plover_mode,
                    goldstein=c.goldstein,
                    quad_class=c.quad_class,
                    trigger=TextSpan(trig.text, trig.start_char, trig.end_char),
                    location=None,
                    sentence=sent.text.strip(),
                    negated=neg,
                    confidence=0.5,
                    sentence_start=sent.start_char,
                    sentence_end=sent.end_char,
                    rule=f"{pattern.source}:{pattern.lemma} {pattern.prep or ''}".strip(),
                )
            )
        if not found and sent.text.strip():
            reason = "; ".join(reasons) if reasons else "no predicate in the verb dictionary"
            no_events.append(NoEvent(s_i, sent.start_char, sent.end_char, reason))
    return events, no_events
