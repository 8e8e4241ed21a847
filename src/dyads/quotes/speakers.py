"""Who is speaking: the subject of a speech verb, its noun phrase, its name and its actor code.

Why a resolver object per document: a speaker is often "he" or a bare surname, and naming it needs
the whole article read so far (the earlier "Syrian Deputy Prime Minister ... Qadri Jamil" makes a
later "Jamil" and "he" into Qadri Jamil, coded SYRGOV). The resolver indexes the document's
person names and actor mentions once and answers each speaker question from that index.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dyads.models import Actor
from dyads.quotes.marks import Quoted, inside

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
"""Dependency labels that make a noun the subject of its verb."""

PRONOUNS: dict[str, str] = {
    "he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f",
    "they": "p", "them": "p", "their": "p", "it": "n", "its": "n",
}
"""Third-person pronouns a speaker can be, with the agreement class they need (m, f, plural, neuter)."""

_HONORIFIC_GENDER = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f"}

PERSON_NOUNS = frozenset(
    """spokesman spokeswoman spokesperson minister president official senator governor secretary leader
    candidate nominee chairman chairwoman chair director ambassador envoy general commander officer aide
    adviser advisor analyst expert mayor lawmaker representative congressman congresswoman premier
    chancellor king queen prince emir sheikh prosecutor judge attorney lawyer economist strategist
    manager executive founder professor doctor activist organizer pastor cleric priest negotiator
    diplomat deputy chief head man woman father mother""".split()
)
"""Role nouns that name a person (a "he"/"she" can refer back to "the spokesman")."""


@dataclass
class Mention:
    """A noun phrase that a later pronoun or speaker may refer back to."""

    head: Token
    start: int  # character offsets of the phrase
    end: int
    subject: bool
    agreement: str  # m, f, p, n, or "?" for a person of unknown gender
    person: bool


def np_bounds(head: Token) -> tuple[int, int]:
    """Token bounds of the noun phrase a head stands for: its left modifiers, not its clauses.

    The left edge of the subtree is kept unless a comma separates it from the head; right-hand
    material (relative clauses, appositions, conjuncts) is left out so "Russia, the backer of ...,
    and the United States" gives "Russia".
    """
    left = head.left_edge.i
    for t in head.doc[left : head.i]:
        if t.text in {",", "(", "\u2014", "\u2013", "--"} or t.is_space:
            left = t.i + 1
    right = head.i
    while right + 1 < len(head.doc):
        nxt = head.doc[right + 1]
        if nxt.head.i == head.i and nxt.dep_ in {"flat", "compound"}:
            right += 1
            continue
        break
    return left, right + 1


class SpeakerResolver:
    """Name and code the subject of a speech verb, resolving pronouns and surnames.

    Built once per document from the parse, the quoted stretches (mentions inside quotations are
    not antecedents: "our" in a quote is not the speaker) and the actor layer.
    """

    def __init__(self, doc: Doc, actors: list[Actor], quoted: list[Quoted]):
        self.doc = doc
        self.actors = [a for a in actors if a.code]
        self.quoted = quoted
        self.full_names: dict[str, str] = {}  # lowercased surname or full name -> full name
        self.gender: dict[str, str] = {}  # full name -> m / f
        self.name_codes: dict[str, Actor] = {}  # full name -> an actor record naming it
        self._memo: dict[int, tuple[str | None, str | None]] = {}
        self._sent_index: tuple[list[int], list[int]] | None = None
        self._ent_of: dict[int, Span] = {i: e for e in doc.ents for i in range(e.start, e.end)}
        self._index_people()
        self.mentions = self._collect_mentions()

    # -- people --------------------------------------------------------------------------

    def _person_ents(self) -> list[Span]:
        ents = [e for e in self._ent_of.values() if e.label_ == "PERSON"]
        ents = list({e.start: e for e in ents}.values())
        for a in self.actors:
            if a.name:  # the actor layer knows this mention names a person
                span = self.doc.char_span(a.start, a.end, alignment_mode="expand")
                if span is not None:
                    ents.append(span)
        return ents

    @staticmethod
    def _clean(text: str) -> str:
        text = " ".join(text.split())
        for suffix in ("'s", "’s"):
            if text.endswith(suffix):
                text = text[: -len(suffix)]
        return text.strip(" ,.")

    def _index_people(self) -> None:
        for ent in sorted(self._person_ents(), key=lambda e: e.start):
            tokens = [t for t in ent if t.ent_type_ == "PERSON" or t.pos_ == "PROPN"]
            name = self._clean(" ".join(t.text for t in tokens if t.ent_type_ == "PERSON") or "")
            if not name or not name[0].isupper():
                continue
            words = name.split()
            if len(words) > 1:
                full = self.full_names.get(name.lower(), name)
                self.full_names.setdefault(name.lower(), full)
                self.full_names.setdefault(words[-1].lower(), full)
            else:
                full = self.full_names.setdefault(name.lower(), name)
            before = ent.doc[ent.start - 1] if ent.start > 0 else None
            if before is not None and before.lower_ in _HONORIFIC_GENDER:
                self.gender.setdefault(full, _HONORIFIC_GENDER[before.lower_])
            actor = self._actor_for_name_at(ent)
            if actor is not None:
                self.name_codes.setdefault(full, actor)

    def _actor_for_name_at(self, ent: Span) -> Actor | None:
        """The coded actor a person mention belongs to: overlapping it, its title or its apposition."""
        start, end = ent.start_char, ent.end_char
        for a in self.actors:
            if a.start < end and start < a.end:
                return a
        # a title just before the name: "Syrian Deputy Prime Minister for Economic Affairs Qadri Jamil"
        i = ent.start - 1
        doc = ent.doc
        while i >= 0 and ent.start - i <= 6 and (doc[i].pos_ in {"PROPN", "ADP", "ADJ"} and doc[i].text != ","):
            for a in self.actors:
                if a.end == doc[i].idx + len(doc[i].text):
                    return a
            i -= 1
        # an apposition after it: "Qadri Jamil, Syria's deputy prime minister,"
        head = ent.root
        for child in head.children:
            if child.dep_ == "appos":
                lo, hi = child.left_edge.idx, child.right_edge.idx + len(child.right_edge.text)
                for a in self.actors:
                    if lo <= a.start < hi:
                        return a
        return None

    def full_name(self, token: Token) -> str | None:
        """The full name a proper-noun head stands for, if it names a known person."""
        if token.ent_type_ == "PERSON":
            ent = self._ent_of.get(token.i)
            if ent is not None:
                name = self._clean(ent.text)
                return self.full_names.get(name.lower(), self.full_names.get(name.split()[-1].lower(), name))
        if token.pos_ == "PROPN":
            return self.full_names.get(self._clean(token.text).lower())
        return None

    # -- mentions ------------------------------------------------------------------------

    def _agreement(self, head: Token) -> tuple[str, bool]:
        lower = head.lower_
        if lower in PRONOUNS:
            agr = PRONOUNS[lower]
            return agr, agr in {"m", "f"}
        name = self.full_name(head)
        if name is not None:
            return self.gender.get(name, "?"), True
        if head.pos_ == "NOUN" and head.lemma_.lower() in PERSON_NOUNS:
            return ("p" if head.tag_ == "NNS" else "?"), True
        if head.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in head.children):
            return "p", False
        if head.pos_ in {"PROPN", "NOUN"}:
            return "n", False
        return "", False

    def _collect_mentions(self) -> list[Mention]:
        out: list[Mention] = []
        for t in self.doc:
            if t.pos_ not in {"PROPN", "NOUN", "PRON"}:
                continue
            if t.dep_ in {"compound", "flat"} or t.is_space:
                continue
            if inside(self.quoted, t.idx, t.idx + len(t.text)) is not None:
                continue
            agr, person = self._agreement(t)
            if not agr:
                continue
            lo, hi = np_bounds(t)
            span = self.doc[lo:hi]
            out.append(Mention(t, span.start_char, span.end_char, t.dep_ in SUBJECT_DEPS, agr, person))
        return out

    @staticmethod
    def _compatible(pronoun: str, m: Mention) -> bool:
        if pronoun in {"m", "f"}:
            return m.person and m.agreement in {pronoun, "?"}
        if pronoun == "p":
            return m.agreement == "p"
        return m.agreement == "n" and not m.person

    def antecedent(self, pronoun: Token, max_sentences: int = 4) -> Mention | None:
        """The mention a third-person pronoun refers to: the nearest compatible subject.

        Scans the pronoun's own sentence (before it), then up to `max_sentences` earlier ones;
        in each, a subject beats other roles and the main clause's subject beats subordinate
        ones. If no subject fits anywhere, the nearest compatible mention of any role is used.
        """
        agr = PRONOUNS.get(pronoun.lower_)
        if agr is None:
            return None
        sent_starts, sent_of = self._sentences()
        here = sent_of[pronoun.i]
        fallback: Mention | None = None
        for k in range(here, max(-1, here - max_sentences - 1), -1):
            lo = sent_starts[k]
            cands = [
                m for m in self.mentions
                if sent_of[m.head.i] == k and m.head.i < pronoun.i and m.head.i >= lo
                and m.head.i != pronoun.i and self._compatible(agr, m)
            ]
            if not cands:
                continue
            subjects = [m for m in cands if m.subject]
            if subjects:
                if k == here:
                    return subjects[-1]
                return min(subjects, key=lambda m: (self._depth(m.head), m.head.i))
            if fallback is None:
                fallback = cands[-1]
        return fallback

    def _sentences(self) -> tuple[list[int], list[int]]:
        """Sentence start tokens and each token's sentence number, computed once."""
        if self._sent_index is None:
            starts: list[int] = []
            of: list[int] = [0] * len(self.doc)
            for k, s in enumerate(self.doc.sents):
                starts.append(s.start)
                for i in range(s.start, s.end):
                    of[i] = k
            self._sent_index = (starts, of)
        return self._sent_index

    @staticmethod
    def _depth(t: Token) -> int:
        d = 0
        while t.head.i != t.i and d < 50:
            t = t.head
            d += 1
        return d

    # -- naming and coding ---------------------------------------------------------------

    def _actor_overlapping(self, start: int, end: int, head: Token) -> Actor | None:
        best = None
        for a in self.actors:
            if a.start < end and start < a.end:
                if a.start <= head.idx < a.end:
                    return a
                best = best or a
        return best

    def name_and_code(self, head: Token, depth: int = 0) -> tuple[str | None, str | None]:
        """The name and actor code of the speaker whose noun phrase is headed by `head`."""
        if head.i in self._memo:
            return self._memo[head.i]
        result: tuple[str | None, str | None] = (None, None)
        if head.lower_ in PRONOUNS:
            if depth < 6:
                ante = self.antecedent(head)
                if ante is not None:
                    result = self.name_and_code(ante.head, depth + 1)
        else:
            lo, hi = np_bounds(head)
            span = self.doc[lo:hi]
            name = self.full_name(head)
            actor = self._actor_overlapping(span.start_char, span.end_char, head)
            if actor is None and name is not None:
                actor = self.name_codes.get(name)
            if name is None and actor is not None and actor.name:
                name = actor.name
            if name is None and head.ent_type_ in {"ORG", "GPE", "NORP"}:
                ent = self._ent_of.get(head.i)
                name = self._clean(ent.text) if ent is not None else None
            result = (name, actor.code if actor is not None else None)
        self._memo[head.i] = result
        return result
