"""Coreference: which earlier mention a pronoun ("he", "she", "they", "it") or a definite description
("the ministry", "the kingdom", "the party") stands for, and so which actor.

Why one module: events, quotes and the actor layer all need to know who "he" is, and when each had
its own rule the same "he" could be two people in one sentence (the events' nearest person, the
quotes' nearest subject). Every reader now asks `Coreference`, and the pipeline stage
`resolve_coreference` writes the answers into the actor layer as actors of kind "pronoun" or
"description", which the event coder reads like any other actor.

The rules, in order:

1. Agreement: "he"/"she" need a person of that gender or of unknown gender ("Mr." and "Mrs.",
   gendered role words like "spokeswoman", and given names listed in `first-names.gender.tsv` say
   which); "they" a plural (a plural noun, a coordination,
   a collective actor like "rebels"); "it" a singular non-person (a country, a ministry, a company).
2. Distance: the pronoun's own sentence before it, then at most `MAX_SENTENCES` earlier sentences.
3. Salience: in its own sentence the nearest earlier subject ("Lavrov said he would go"), but for a
   possessive the nearest agreeing mention ("accused the coalition of exceeding its mandate"), and
   for the subject of an obligation told to someone, that someone ("told Mubarak he must act"); in
   an earlier sentence the subject of the main clause; if no subject agrees, the nearest agreeing
   mention of any role.
4. Mentions inside a quotation are antecedents only for pronouns inside the same quotation, and a
   third-person pronoun inside a quotation is not its own speaker ("Giscard said: 'He is wrong'"): not
   the speaker of its sentence nor an earlier mention of the speaker's name; a person named in the
   speaker's sentence outside the quotation comes first ("Asked about Sarkozy's assertion, ...").
5. "I" and "we" in a clause reported by a speech verb ("we will not allow it," the party said) stand
   for that verb's subject.
   A plural pronoun for a coordination ("Russia and the U.S. said they") gets no single actor here: the
   event coder reads all of them from the subject of the clause the pronoun's clause reports.
6. The antecedent is any noun phrase, not only actors: "it" may be the plan, and then the pronoun
   gets no actor (better no actor than the wrong one).
7. A definite description ("the ministry", "the kingdom") that the dictionaries left without a
   country refers back to the nearest earlier actor with the same head word ("the Foreign Ministry"),
   or, for words naming a state ("the kingdom", "the country"), to the nearest earlier state; a sector word
   right before such a description ("protesters in that north African country") is that state's. One
   guessed country does not replace another ("military officials" placed by their sentence do not make
   "the military" of an Egyptian story American).
8. A person first named as the speaker right after a sentence whose speaker was only a role ("...,
   Russia's ambassador said. Dmitry Rogozin also said") is that role; the speaker is the noun phrase
   between the last comma and the closing speech verb, whatever the parser made of it, and the role
   replaces a country the recogniser only guessed for the name.
9. "The group", "the organisation", "the alliance", "the bloc", "the agency", "the movement": a
   description no dictionary codes refers back to the nearest earlier organisation of a fitting kind
   ("a report by Physicians for Human Rights ... The group says" -> NGOHLH; "NATO ... the alliance");
   "the coalition" only to an actor with that head word ("Slovakia's ruling coalition" -> SVKGOV); "the bloc"
   with no organisation before it, in a story that just named the euro zone, is that union (IGOEUREEC).
10. "His closest allies", "her aides": a person's followers are of the person's country (aides and
   loyalists of the person's office too).
11. Binding: an object pronoun ("the police threatened to beat them") is not the subject of its verb or of
   the verb whose infinitive it sits in, nor another mention of that subject's actor ("themselves" would be).
12. "..., said John Kirby, his spokesman": a spokesman whose country the recogniser only guessed speaks for
   the subject of the sentence the possessive agrees with (else the possessive's antecedent) and is coded as
   that actor; later mentions of the name follow.
13. An epithet of trade or wealth ("the billionaire estate mogul", "the tycoon", "the media magnate"), definite,
   singular and without a name of its own, is the nearest person named earlier in its sentence, else in the
   sentence before: news writes it for someone just named, never to introduce someone.
14. "His client" is the coded person a lawyer named in its sentence or the one before represents ("a lawyer
   for Hosni Mubarak said his client ...", "a lawyer representing X", "X's lawyer"), when only one is.
15. "The four" (a count word with "the", heading its phrase) is a plural mention a later "they" may refer to
   ("if the four had been detained by the military, they would be released": not the military), and is the
   nearest earlier subject counted with that number ("The four journalists entered ... the four").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from dyads.models import Actor
from dyads.nlp import doc_text

if TYPE_CHECKING:
    from dyads.quotes.marks import Quoted

MAX_SENTENCES = 4
"""How many sentences before its own a pronoun may look for its antecedent."""

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
"""Dependency labels that make a noun the subject of its verb."""

PRONOUNS: dict[str, str] = {
    "he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f",
    "they": "p", "them": "p", "their": "p", "themselves": "p", "it": "n", "its": "n", "itself": "n",
}
"""Third-person pronouns with the agreement class they need (m, f, plural, neuter)."""

_HONORIFIC_GENDER = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f",
                     "sir": "m", "lord": "m", "lady": "f", "madame": "f", "dame": "f"}
_GENDERED_ROLES = {
    "lady": "f", "actress": "f", "grandmother": "f", "aunt": "f", "niece": "f", "girlfriend": "f", "duchess": "f",
    "grandfather": "m", "uncle": "m", "nephew": "m", "boyfriend": "m", "duke": "m",
    "spokeswoman": "f", "chairwoman": "f", "congresswoman": "f", "businesswoman": "f", "queen": "f",
    "princess": "f", "woman": "f", "mother": "f", "wife": "f", "daughter": "f", "sister": "f", "widow": "f",
    "spokesman": "m", "chairman": "m", "congressman": "m", "businessman": "m", "king": "m", "prince": "m",
    "emir": "m", "sheikh": "m", "man": "m", "father": "m", "husband": "m", "son": "m", "brother": "m",
}

FIRST_NAMES_FILE = Path(__file__).parent / "dictionaries" / "default" / "first-names.gender.tsv"


@cache
def first_name_gender() -> dict[str, str]:
    """Given names that say a person's gender ("Hillary" f, "Barack" m), read once per process.

    Why: titles ("Mr.", "spokeswoman") are rare in news, so most named people had no gender and a "she"
    could go to the man who is the subject of her sentence ("Gov. Chris Christie described nominee Hillary
    Clinton as a disgrace after she attacked ..."). Data, not code: `first-names.gender.tsv`.
    """
    out: dict[str, str] = {}
    for line in FIRST_NAMES_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, gender = line.split("\t")[:2]
            out[name.strip()] = gender.strip()
    return out


def name_gender(name: str | None) -> str | None:
    """The gender a full name's given name says ("Hillary Clinton" -> f); None for one word or an unlisted name."""
    words = (name or "").split()
    if len(words) < 2:
        return None
    return first_name_gender().get(words[0].rstrip("."))


PERSON_NOUNS = frozenset(
    """spokesman spokeswoman spokesperson minister president official senator governor secretary leader
    candidate nominee chairman chairwoman chair director ambassador envoy general commander officer aide
    adviser advisor analyst expert mayor lawmaker representative congressman congresswoman premier
    chancellor king queen prince emir sheikh prosecutor judge attorney lawyer economist strategist
    manager executive founder professor doctor activist organizer pastor cleric priest negotiator
    diplomat deputy chief head man woman father mother""".split()
)
"""Role nouns that name a person (a "he"/"she" can refer back to "the spokesman")."""

FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "ours", "myself", "ourselves"})
"""Pronouns that stand for the speaker of the reported speech they sit in."""

SPEECH_LEMMAS = frozenset(
    """say tell add state announce declare note stress report reiterate insist warn claim argue explain write
    reply respond vow promise deny affirm confirm assert acknowledge admit indicate suggest complain""".split()
)
"""Verbs whose content clause is someone's speech: "we" in it is the speaker."""

ORGANISATION_WORDS: dict[str, frozenset[str]] = {
    "group": frozenset({"ngo", "group"}),
    "organisation": frozenset({"ngo", "igo", "group"}),
    "organization": frozenset({"ngo", "igo", "group"}),
    "movement": frozenset({"group"}),
    "alliance": frozenset({"igo"}),
    "bloc": frozenset({"igo"}),
    "agency": frozenset({"igo", "ngo"}),
    "watchdog": frozenset({"igo", "ngo"}),
}
"""Head words of a description that refers back to an organisation, with the actor kinds each may name."""

SAME_HEAD_WORDS = frozenset({"coalition"})
"""Head words of a description that refers back only to an actor with the same head word ("Slovakia's ruling
coalition ... the coalition"): a coalition may be of parties, of states or of armies, and the text said which."""

STATE_WORDS = frozenset({"country", "kingdom", "nation", "state", "republic", "emirate", "sultanate", "island"})
"""Head words of a definite description that refers back to a state ("the kingdom")."""

_POSSESSIVES = {"his", "her", "its", "their"}
# entity types of noun phrases no pronoun refers back to: times, amounts, counts
_NOT_REFERRED = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL"}
_OBLIGATION = {"must", "should", "ought", "needs", "need"}
_NON_STATE_ROOTS = {"IGO", "NGO", "IMG", "MNC", "ISM", "WST", "UNO", "EUR"}


@dataclass
class Mention:
    """A noun phrase that a later pronoun may refer back to."""

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
    doc, at = head.doc, head.i  # (tokens by index: no Span object per call; this runs for every mention)
    left = head.left_edge.i
    for i in range(left, at):
        t = doc[i]
        if t.text in {",", "(", "\u2014", "\u2013", "--"} or t.is_space:
            left = i + 1
    right = at
    n = len(doc)
    while right + 1 < n:
        nxt = doc[right + 1]
        if nxt.head.i == at and nxt.dep_ in {"flat", "compound"}:
            right += 1
            continue
        break
    return left, right + 1


def clean_name(text: str) -> str:
    """A name as written without spacing, possessive ending or trailing punctuation."""
    text = " ".join(text.split())
    for suffix in ("'s", "\u2019s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.strip(" ,.")


class Coreference:
    """One document's coreference: people's names, the mentions, and each pronoun's antecedent.

    Built once per document from the parse, the actor layer and the quoted stretches (found from
    the text when not given).
    """

    def __init__(self, doc: Doc, actors: list[Actor], quoted: list[Quoted] | None = None,
                 guessed: tuple[str, ...] = (), like: Coreference | None = None):
        """`like`: a Coreference of the same document from other actors (the stage's, before it changed
        them); its mentions are taken when the people's names and genders come out the same, since the
        mentions are a function of those and the parse alone."""
        from dyads.quotes.marks import find_quoted  # here: the quotes package itself reads this module

        self.doc = doc
        self.guessed = guessed  # the `source` notes of a country guessed from context
        self.actors = sorted((a for a in actors if a.code), key=lambda a: a.start)
        self.quoted = quoted if quoted is not None else find_quoted(doc_text(doc))
        self.full_names: dict[str, str] = {}  # lowercased surname or full name -> full name
        self.gender: dict[str, str] = {}  # full name -> m / f
        self.name_codes: dict[str, Actor] = {}  # full name -> an actor record naming it
        self._memo: dict[int, Actor | None] = {}
        self._sent_index: tuple[list[int], list[int]] | None = None
        self._by_sent: dict[int, list[Mention]] | None = None
        self._ent_of: dict[int, Span] = {i: e for e in doc.ents for i in range(e.start, e.end)}
        self._index_people()
        if like is not None and like.doc is doc and like.full_names == self.full_names and like.gender == self.gender:
            self.mentions = like.mentions  # (read only, as are the sentence indexes)
            self._sent_index, self._by_sent = like._sent_index, like._by_sent
        else:
            self.mentions = self._collect_mentions()

    # -- people --------------------------------------------------------------------------

    def _person_ents(self) -> list[Span]:
        ents = [e for e in self._ent_of.values() if e.label_ == "PERSON"]
        ents = list({e.start: e for e in ents}.values())
        for a in self.actors:
            if a.name and a.kind != "pronoun":  # the actor layer knows this mention names a person
                span = self.doc.char_span(a.start, a.end, alignment_mode="expand")
                if span is not None:
                    ents.append(span)
        return ents

    def _index_people(self) -> None:
        for ent in sorted(self._person_ents(), key=lambda e: e.start):
            tokens = [t for t in ent if t.ent_type_ == "PERSON" or t.pos_ == "PROPN"]
            name = clean_name(" ".join(t.text for t in tokens if t.ent_type_ == "PERSON") or "")
            if not name or not name[0].isupper():
                continue
            words = name.split()
            if len(words) > 1:
                full = self.full_names.get(name.lower(), name)
                self.full_names.setdefault(name.lower(), full)
                self.full_names.setdefault(words[-1].lower(), full)
            else:
                full = self.full_names.setdefault(name.lower(), name)
            actor = self._actor_for_name_at(ent)
            # a title or role next to the name, else its given name, or the dictionary's full name's ("Clinton")
            gender = self._gender_near(ent) or name_gender(name) or name_gender(actor.name if actor else None)
            if gender:
                self.gender.setdefault(full, gender)
            if actor is not None:
                self.name_codes.setdefault(full, actor)

    def _gender_near(self, ent: Span) -> str | None:
        """The gender an honorific or a gendered role word next to a name gives ("Mrs. May", "spokeswoman X")."""
        doc = ent.doc
        for i in range(max(0, ent.start - 4), ent.end):
            if doc[i].lower_ in _HONORIFIC_GENDER and (i == ent.start - 1 or i >= ent.start):
                return _HONORIFIC_GENDER[doc[i].lower_]
            if doc[i].lower_ in _GENDERED_ROLES and i < ent.start:
                return _GENDERED_ROLES[doc[i].lower_]
        for child in ent.root.children:  # "Jen Psaki, a State Department spokeswoman"
            if child.dep_ == "appos" and child.lower_ in _GENDERED_ROLES:
                return _GENDERED_ROLES[child.lower_]
        if ent.root.dep_ == "appos" and ent.root.head.lower_ in _GENDERED_ROLES:
            return _GENDERED_ROLES[ent.root.head.lower_]
        return None

    def _actor_for_name_at(self, ent: Span) -> Actor | None:
        """The coded actor a person mention belongs to: overlapping it, its title or its apposition."""
        start, end = ent.start_char, ent.end_char
        for a in self.actors:
            if a.start < end and start < a.end and a.kind != "pronoun":
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
                # the actor of the apposition's own head: in "Susanna Camusso, head of the CGIL, Italy's largest
                # union federation" Italy, deeper in it, is not what she is
                for a in self.actors:
                    if a.start <= child.idx < a.end and a.kind != "pronoun":
                        return a
        return None

    def full_name(self, token: Token) -> str | None:
        """The full name a proper-noun head stands for, if it names a known person."""
        if token.ent_type_ == "PERSON":
            ent = self._ent_of.get(token.i)
            if ent is not None:
                name = clean_name(ent.text)
                return self.full_names.get(name.lower(), self.full_names.get(name.split()[-1].lower(), name))
        if token.pos_ == "PROPN":
            return self.full_names.get(clean_name(token.text).lower())
        return None

    # -- mentions ------------------------------------------------------------------------

    def _agreement(self, head: Token) -> tuple[str, bool]:
        lower = head.lower_
        joined = any(c.dep_ == "conj" for c in head.children)
        if lower in PRONOUNS:
            agr = PRONOUNS[lower]
            if agr in {"m", "f"} and joined:
                return "p", True  # "he and photojournalist Mary Rogers": two people
            return agr, agr in {"m", "f"}
        name = self.full_name(head)
        if name is not None:
            return ("p" if joined else self.gender.get(name, "?")), True  # "Weidmann and Stark ... they"
        if head.pos_ == "NOUN" and head.lemma_.lower() in PERSON_NOUNS:
            if head.tag_ == "NNS" or joined:
                return "p", True
            return _GENDERED_ROLES.get(lower, "?"), True
        if head.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in head.children) or (
            lower.endswith("s") and not lower.endswith(("ss", "us", "is")) and head.i == head.sent.start
        ):  # a plural capitalised at the start of a sentence is tagged as a name ("Rebels claimed"); the
            # sentence (Token.sent walks the parse) only for a word that ends like a plural
            return "p", False
        if head.pos_ in {"PROPN", "NOUN"}:
            return "n", False
        return "", False

    def _collect_mentions(self) -> list[Mention]:
        out: list[Mention] = []
        for t in self.doc:
            if counted_group(t):  # "if the four had been detained ..., they would be released": the four
                lo, hi = np_bounds(t)
                span = self.doc[lo:hi]
                out.append(Mention(t, span.start_char, span.end_char, t.dep_ in SUBJECT_DEPS, "p", False))
                continue
            if t.pos_ not in {"PROPN", "NOUN", "PRON"}:
                continue
            if t.dep_ in {"compound", "flat"} or t.is_space or t.ent_type_ in _NOT_REFERRED:
                continue  # "Tunisia said on Thursday its troops ...": "its" is not Thursday's
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

    def antecedent(self, pronoun: Token, max_sentences: int = MAX_SENTENCES) -> Mention | None:
        """The mention a third-person pronoun refers to (rules 1-4 of the module docstring)."""
        from dyads.quotes.marks import inside

        agr = PRONOUNS.get(pronoun.lower_)
        if agr is None or pleonastic(pronoun):
            return None
        addressee = self._addressee(pronoun, agr)
        if addressee is not None:
            return addressee
        sent_starts, sent_of = self._sentences()
        here = sent_of[pronoun.i]
        own_quote = inside(self.quoted, pronoun.idx, pronoun.idx + len(pronoun.text))
        fallback: Mention | None = None
        by_sent = self._mentions_by_sentence()
        barred, barred_codes = self._bound_subjects(pronoun)
        # in a quotation, its speaker says "I" of himself: neither the speaker nor an earlier mention of the
        # speaker's name is a "he" inside it (Giscard said: "He is wrong" is about Sarkozy, not Giscard)
        speakers: set[str] = set()
        if own_quote is not None:
            speakers = {w for m in by_sent.get(here, ()) if _speaker_mention(m) and m.head.pos_ != "PRON"
                        for w in self._who(m.head)}
        for k in range(here, max(-1, here - max_sentences - 1), -1):
            lo = sent_starts[k]
            cands = [
                m for m in by_sent.get(k, ())
                if lo <= m.head.i < pronoun.i and self._compatible(agr, m)
                and inside(self.quoted, m.head.idx, m.head.idx + len(m.head.text)) in {None, own_quote}
                and not (own_quote is not None and k == here and _speaker_mention(m))
                and not (speakers and m.head.pos_ != "PRON" and self._who(m.head) & speakers)
                and m.head.i not in barred and not (barred_codes and self._codes_of(m.head) & barred_codes)
            ]
            if not cands:
                continue
            if k == here and pronoun.lower_ in _POSSESSIVES:  # "accused the coalition of exceeding its mandate"
                return cands[-1]
            if k == here and speakers and agr in {"m", "f"}:
                return cands[-1]  # "Asked about Sarkozy's assertion, Giscard said: 'He is wrong'": Sarkozy
            subjects = [m for m in cands if m.subject]
            if subjects:
                if k == here:
                    return subjects[-1]
                return min(subjects, key=lambda m: (self._depth(m.head), m.head.i))
            if fallback is None:
                fallback = cands[-1]
        return fallback

    def _bound_subjects(self, pronoun: Token) -> tuple[set[int], set[str]]:
        """The subjects an object pronoun cannot stand for, and their actors' codes (rule 11).

        "The police threatened to beat them": a plain "him", "her", "them" or "it" as the object of a verb
        (or of a preposition on it) is not that verb's subject, nor the subject of the verb whose infinitive
        it is ("threatened to beat"); for that one would write "themselves". Nor is it an earlier mention of
        the same actor ("Plainclothes police arrived ... the police threatened to beat them")."""
        if pronoun.dep_ in {"dobj", "dative", "obj", "iobj"}:
            verb = pronoun.head
        elif pronoun.dep_ == "pobj" and pronoun.head.dep_ == "prep" and pronoun.head.head.pos_ in {"VERB", "AUX"}:
            verb = pronoun.head.head
        else:
            return set(), set()
        heads: set[int] = set()
        for _ in range(4):
            heads.update(c.i for c in verb.children if c.dep_ in SUBJECT_DEPS)
            if verb.dep_ != "xcomp" or verb.head is verb:
                break
            verb = verb.head  # "threatened to beat them": the one who threatened would beat
        subjects = (self.actor_of(self.doc[i]) for i in heads if i < pronoun.i)
        codes = {a.code for a in subjects if a is not None and a.code}
        # the same word is the same group though one mention lacks a country ("Turkish police ... police")
        codes.update(f"word:{self.doc[i].lemma_.lower()}" for i in heads if self.doc[i].pos_ == "NOUN")
        return heads, codes

    def _codes_of(self, head: Token) -> set[str]:
        """The codes of the actors a noun phrase and the phrases coordinated with it name, and their nouns'
        lemmas (as "word:police")."""
        parts, todo = [], [head]
        while todo:
            t = todo.pop()
            parts.append(t)
            todo.extend(c for c in t.children if c.dep_ == "conj")
        codes = {a.code for a in map(self.actor_of, parts) if a is not None and a.code}
        nouns = [t for t in parts if t.pos_ == "NOUN"]
        for t in parts:  # an earlier pronoun for the same group ("The police said they ...")
            ante = self.antecedent(t) if t.lower_ in PRONOUNS else None
            if ante is not None and ante.head.pos_ == "NOUN":
                nouns.append(ante.head)
        return codes | {f"word:{t.lemma_.lower()}" for t in nouns}

    def _who(self, head: Token) -> set[str]:
        """The names a proper-noun mention goes by: its full name in the text and its actor's name."""
        names = {self.full_name(head)}
        if head.pos_ == "PROPN":
            lo, hi = np_bounds(head)
            actor = self.actor_overlapping(self.doc[lo].idx, self.doc[hi - 1].idx + len(self.doc[hi - 1]), head)
            if actor is not None and actor.kind == "person":
                names.add(actor.name)
        return names - {None}

    def _addressee(self, pronoun: Token, agr: str) -> Mention | None:
        """"Obama told Mubarak that he must act": the subject of an obligation told to someone is
        the one it was told to (the speaker's own intent would say "would" or "will")."""
        clause = pronoun.head
        if pronoun.dep_ not in SUBJECT_DEPS or clause.dep_ != "ccomp":
            return None
        if not any(c.dep_ == "aux" and c.lower_ in _OBLIGATION for c in clause.children):
            return None
        for obj in clause.head.children:
            if obj.dep_ in {"dobj", "dative", "obj"}:
                return next((m for m in self.mentions if m.head.i == obj.i and self._compatible(agr, m)), None)
        return None

    def _mentions_by_sentence(self) -> dict[int, list[Mention]]:
        """The mentions of each sentence, in text order, computed once (a pronoun looks at a few sentences)."""
        if self._by_sent is None:
            _, sent_of = self._sentences()
            self._by_sent = {}
            for m in self.mentions:
                self._by_sent.setdefault(sent_of[m.head.i], []).append(m)
        return self._by_sent

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

    # -- actors --------------------------------------------------------------------------

    def actor_overlapping(self, start: int, end: int, head: Token) -> Actor | None:
        """The coded actor of a phrase: the one holding its head, else any overlapping it."""
        best = None
        for a in self.actors:
            if a.start >= end:
                break
            if a.start < end and start < a.end:
                if a.start <= head.idx < a.end:
                    return a
                best = best or a
        return best

    def actor_of(self, head: Token, depth: int = 0) -> Actor | None:
        """The actor the noun phrase headed by `head` names; for a pronoun, its antecedent's actor."""
        if head.i in self._memo:
            return self._memo[head.i]
        actor: Actor | None = None
        if head.lower_ in PRONOUNS:
            if depth < 6:
                ante = self.antecedent(head)
                if ante is not None:
                    actor = self.actor_of(ante.head, depth + 1)
        else:
            lo, hi = np_bounds(head)
            span = self.doc[lo:hi]
            actor = self.actor_overlapping(span.start_char, span.end_char, head)
            if actor is not None and not actor.start <= head.idx < actor.end:
                actor = None  # "Western statements": the antecedent is the statements, not the West
            name = self.full_name(head)
            if actor is None and name is not None:
                actor = self.name_codes.get(name)
        self._memo[head.i] = actor
        return actor

    def coordinated(self, pronoun: Token) -> bool:
        """Whether a pronoun's antecedent is a coordination of several phrases ("Russia and the U.S.")."""
        ante = self.antecedent(pronoun) if pronoun.lower_ in PRONOUNS else None
        return ante is not None and any(c.dep_ == "conj" for c in ante.head.children)

    def main_subject(self, pronoun: Token, outside: tuple[int, int]) -> Actor | None:
        """The actor of the shallowest subject before `pronoun` in its sentence that agrees with it and lies
        outside the character range `outside` ("Mullen ... expressed his appreciation ..., said John Kirby, his
        spokesman": Mullen, whom the sentence is about, not the nearer Enan)."""
        agr = PRONOUNS.get(pronoun.lower_)
        _, sent_of = self._sentences()
        here = sent_of[pronoun.i]
        subjects = [m for m in self._mentions_by_sentence().get(here, ())
                    if m.subject and m.head.i < pronoun.i and agr and self._compatible(agr, m)
                    and not outside[0] <= m.head.idx < outside[1]]
        if not subjects:
            return None
        return self.actor_of(min(subjects, key=lambda m: (self._depth(m.head), m.head.i)).head)

    def joint_actor(self, pronoun: Token) -> Actor | None:
        """The one actor a coordination of people a plural pronoun refers to stands for, when all of them are of
        one code ("he and photojournalist Mary Rogers ... them": two journalists of one outlet), else None.
        Organisations are left out: "the Commission and Council President Van Rompuy" are two actors."""
        ante = self.antecedent(pronoun)
        if ante is None:
            return None
        parts, todo = [], [ante.head]
        while todo:
            t = todo.pop()
            parts.append(t)
            todo.extend(c for c in t.children if c.dep_ == "conj")
        actors = [self.actor_of(t) for t in parts]
        if any(a is None or not a.code or a.kind != "person" for a in actors) or len(  # type: ignore[union-attr]
                {a.code for a in actors}) != 1 or len({a.start for a in actors}) < 2:  # type: ignore[union-attr]
            return None  # several codes; organisations; or one name the parser split ("Standard & Poor's")
        return actors[0]

    def speaker_of(self, pronoun: Token) -> Actor | None:
        """The actor "I"/"we" stands for: the subject of the speech verb whose content holds it (rule 5)."""
        t = pronoun.head
        for _ in range(5):
            if t.dep_ in {"ccomp", "parataxis"} and t.head.lemma_.lower() in SPEECH_LEMMAS:
                subj = [c for c in t.head.children if c.dep_ in SUBJECT_DEPS]
                return self.actor_of(subj[0]) if subj and subj[0].lower_ not in FIRST_PERSON else None
            if t.head is t:
                return None
            t = t.head
        return None

    def describe(self, actor: Actor, head: Token) -> Actor | None:
        """The earlier actor a definite description without a country refers back to (rule 7)."""
        sent_starts, sent_of = self._sentences()
        here = sent_of[head.i]
        word = head.lemma_.lower()
        state_word = word in STATE_WORDS
        same_sector: Actor | None = None  # "Russian Foreign Minister Lavrov ... the ministry"
        same_sector_sent = -1
        for a in reversed(self.actors):
            if a.start >= actor.start or not a.country or a.kind == "pronoun" or a.country in _NON_STATE_ROOTS:
                continue
            span = self.doc.char_span(a.start, a.end, alignment_mode="expand")
            if span is None:
                continue
            if here - sent_of[span.root.i] > MAX_SENTENCES:
                break
            if state_word and a.kind in {"country", "capital", "demonym"} and not a.sector:
                return a
            if not state_word and a.sector == actor.sector and any(t.lemma_.lower() == word for t in span) and not (
                    actor.country and any(r in (a.source or "") for r in self.guessed)):
                # "State Department spokeswoman Victoria Nuland ... the spokeswoman"; but one guess ("military
                # officials", placed by their sentence) does not replace another ("the military" of the story)
                return a
            if a.sector == actor.sector and word not in PERSON_NOUNS and not any(
                r in (a.source or "") for r in self.guessed
            ):
                # in the nearest sentence with one, the subject ("Lavrov met Kerry. The ministry said")
                if same_sector is None or (sent_of[span.root.i] == same_sector_sent and span.root.dep_ in SUBJECT_DEPS):
                    same_sector, same_sector_sent = a, sent_of[span.root.i]
        return None if state_word else same_sector


# verbs a pleonastic "it" is the subject of ("it is up to", "it seems that", "it remains to be seen")
_RAISING = {"be", "seem", "appear", "remain", "look", "sound", "become"}
# adjectives whose subject is someone ("it is willing to talk": the country is)
_PERSONAL_ADJ = {"willing", "unwilling", "ready", "prepared", "determined", "able", "unable", "eager", "keen",
                 "reluctant", "likely", "unlikely", "happy", "sure", "confident", "right", "wrong"}
_EMPTY_ATTRS = {"time", "matter", "question", "shame", "pity", "mistake"}


def pleonastic(token: Token) -> bool:
    """An "it" that refers to nothing: "it's up to the companies to ...", "it is clear that ...", "it seems
    that ...", "it was reported that ...", "it is time to ...". Resolved, it would make the last country or
    organisation the agent of the clause's acts."""
    if token.lower_ != "it":
        return False
    if token.dep_ == "expl":
        return True
    if token.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    head = token.head
    deps = {c.dep_ for c in head.children}
    if "auxpass" in deps:
        return "ccomp" in deps  # "it was reported that"; not "it is expected to announce" (the ministry may be)
    if head.lemma_ not in _RAISING:
        return False
    if any(c.dep_ == "prep" and c.lower_ == "up" for c in head.children) or any(
            c.dep_ == "attr" and c.lemma_ in _EMPTY_ATTRS for c in head.children):
        return True
    acomp = [c for c in head.children if c.dep_ == "acomp"]
    if acomp and acomp[0].lower_ in _PERSONAL_ADJ:
        return False
    if acomp and any(c.dep_ == "advcl" and any(m.lower_ in {"if", "when"} for m in c.children if m.dep_ == "mark")
                     for c in head.children):
        return True  # "it would be disastrous if one country left"
    return bool(deps & {"ccomp", "xcomp", "csubj"}) or any(
        c.dep_ in {"ccomp", "xcomp"} for a in acomp for c in a.children)


def _speaker_mention(m: Mention) -> bool:
    """Whether a mention is the subject of a verb of saying: a "he" inside what it says is someone else
    (Giscard said: "He is wrong" - a speaker says "I" of himself)."""
    return m.head.dep_ in SUBJECT_DEPS and m.head.head.lemma_.lower() in SPEECH_LEMMAS


def _organisations_described(doc: Doc, actors: list[Actor], covered: set[int]) -> list[Actor]:
    """Rule 9: "the group", "the alliance" ... with no actor of its own is the nearest earlier organisation of
    a fitting kind within `MAX_SENTENCES`."""
    found: list[Actor] = []
    words = [tok for tok in doc if tok.lower_ in ORGANISATION_WORDS or tok.lower_ in SAME_HEAD_WORDS]
    if not words:  # most articles: no per-token work below (Token.sent is slow)
        return found
    sent_no: dict[int, int] = {}
    for k, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            sent_no[i] = k
    spans = [(a, doc.char_span(a.start, a.end, alignment_mode="expand")) for a in actors]
    for tok in words:
        kinds = ORGANISATION_WORDS.get(tok.lower_)
        if tok.i in covered or tok.pos_ != "NOUN" or tok.tag_ == "NNS":
            continue
        if not any(c.dep_ == "det" and c.lower_ in {"the", "this"} for c in tok.children) or any(
                c.dep_ in {"amod", "compound", "nmod", "poss"} for c in tok.children):
            continue  # "a group", "the rebel group", "the opposition bloc": not a reference back
        ante = None
        for a, span in reversed(spans):
            if span is None or a.end > tok.idx or not a.code or (
                    a.kind not in kinds if kinds is not None else span.root.lemma_.lower() != tok.lower_):
                continue
            if sent_no[tok.i] - sent_no[span.root.i] > MAX_SENTENCES:
                break
            ante = a
            break
        start = min([c.idx for c in tok.children if c.dep_ == "det"] + [tok.idx])
        if ante is None and tok.lower_ == "bloc":
            union = _currency_union_before(doc, tok, sent_no)
            if union is not None:
                found.append(Actor(text=doc_text(doc)[start:tok.idx + len(tok.text)], start=start,
                                   end=tok.idx + len(tok.text), code=CURRENCY_UNION[0], country=CURRENCY_UNION[0][:3],
                                   sector=None, name=CURRENCY_UNION[1], kind="description",
                                   source=f"'{tok.text}' refers back to '{union[0]}' at {union[1]}"))
            continue
        if ante is None:
            continue
        found.append(Actor(text=doc_text(doc)[start:tok.idx + len(tok.text)], start=start,
                           end=tok.idx + len(tok.text), code=ante.code, country=ante.country, sector=ante.sector,
                           name=ante.name, kind="description",
                           source=f"'{tok.text}' refers back to '{ante.text}' at {ante.start}"))
    return found


CURRENCY_UNION = ("IGOEUREEC", "European Union")
"""What "the bloc" of a story about the euro zone is: the union whose members share the euro (the EU's code)."""

_EURO_ZONE = re.compile(r"\b(?:euro[ -]?zone|euro area)\b", re.I)


def _currency_union_before(doc: Doc, tok: Token, sent_no: dict[int, int]) -> tuple[str, int] | None:
    """"S&P downgraded a swathe of euro zone countries, blaming ... the bloc's leaders": "the bloc" with no
    organisation before it is the euro zone a sentence up to `MAX_SENTENCES` before named (the words, last
    first). Why not code "euro zone" itself: as a phrase ("the euro zone's debt crisis", "euro zone bond
    yields") it names a market far more often than an actor; "the bloc" written for it is the actor."""
    first = next((t.i for t in doc if sent_no.get(t.i, -1) >= sent_no[tok.i] - MAX_SENTENCES), 0)
    text = doc_text(doc)
    found = list(_EURO_ZONE.finditer(text, doc[first].idx, tok.idx))
    return (found[-1].group(0), found[-1].start()) if found else None


_COUNT_WORDS = frozenset("two three four five six seven eight nine ten eleven twelve".split())


def counted_group(tok: Token) -> bool:
    """A number standing for a group counted before ("Four journalists are missing ... the four", "the two
    were arrested"): "the" and a count word, heading its phrase (not "the four journalists", not a date)."""
    return tok.pos_ == "NUM" and tok.lower_ in _COUNT_WORDS and tok.dep_ not in {"nummod", "compound"} \
        and tok.ent_type_ not in {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"} \
        and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)


def _counted_described(doc: Doc, actors: list[Actor], covered: set[int]) -> list[Actor]:
    """Rule 15: "The four journalists entered Libya ... the four": "the four" is the nearest earlier subject
    counted with the same number (within `MAX_SENTENCES`), when an actor names it. Why: news names a group
    once with its count and then by the count alone, and a "they" after it is that group, not whoever else
    the sentence names ("if the four had been detained by the military, they would be released"). Only a
    subject: "for two officials who worked for his sons. After the two were sentenced" counts others."""
    found: list[Actor] = []
    words = [t for t in doc if t.i not in covered and counted_group(t)]
    if not words:
        return found
    sents = list(doc.sents)
    for tok in words:
        k = next(i for i, sent in enumerate(sents) if sent.start <= tok.i < sent.end)
        lo = sents[max(0, k - MAX_SENTENCES)].start
        counted = [t for t in doc[lo:tok.i] if t.lower_ == tok.lower_ and t.dep_ == "nummod"
                   and t.head.pos_ in {"NOUN", "PROPN"} and t.head.dep_ in SUBJECT_DEPS]
        if not counted:
            continue
        noun = counted[-1].head
        ante = next((a for a in actors if a.code and a.start <= noun.idx < a.end), None)
        if ante is None:
            continue
        start = min([c.idx for c in tok.children if c.dep_ == "det"] + [tok.idx])
        found.append(Actor(text=doc_text(doc)[start:tok.idx + len(tok.text)], start=start,
                           end=tok.idx + len(tok.text), code=ante.code, country=ante.country, sector=ante.sector,
                           name=ante.name, kind="description",
                           source=f"'the {tok.text}' refers back to '{ante.text}' at {ante.start}"))
        covered.add(tok.i)
    return found


FOLLOWER_NOUNS: dict[str, bool] = {"ally": False, "supporter": False, "loyalist": True, "aide": True,
                                   "adviser": True, "advisor": True}
"""Nouns of the people who side with or work for someone ("his closest allies", "her aides"), and whether
they share the person's sector as well as the country (an aide of a minister works in government; an
ally of a prime minister may be in his party, parliament or government)."""


def _followers_of(doc: Doc, coref: Coreference, covered: set[int]) -> list[Actor]:
    """"Even his closest allies are telling him to go": the allies, aides or loyalists of a person a
    possessive pronoun stands for are of that person's country (and, for aides and loyalists, sector).
    Why: no dictionary codes "allies", and "Russia's ally Belarus" (a state's ally) is another state; a
    person's followers are on that person's side at home."""
    found: list[Actor] = []
    for tok in doc:
        if tok.i in covered or tok.pos_ != "NOUN" or tok.lemma_.lower() not in FOLLOWER_NOUNS:
            continue
        poss = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in {"his", "her"}), None)
        if poss is None or any(c.dep_ == "compound" or c.ent_type_ for c in tok.children):
            continue  # "his Syrian allies" say whose they are
        owner = coref.actor_of(poss)
        if owner is None or not owner.country or owner.country in _NON_STATE_ROOTS or not (
                owner.kind == "person" or owner.name):
            continue  # a person's followers, not an organisation's
        same_sector = FOLLOWER_NOUNS[tok.lemma_.lower()]
        code = owner.code if same_sector and owner.code else owner.country
        lo = min([c.i for c in tok.children if c.dep_ in {"poss", "amod", "det"} and c.i < tok.i] + [tok.i])
        hi = tok.i + 1
        span = doc[lo:hi]
        found.append(Actor(text=span.text, start=span.start_char, end=span.end_char, code=code,
                           country=owner.country, sector=(owner.sector if same_sector else None), name=None,
                           kind="description", source=f"'{poss.text} {tok.text}' -> '{owner.text}' at {owner.start}"
                                                      f" -> {code}"))
        covered.update(range(lo, hi))
    return found


LAWYER_NOUNS = frozenset({"lawyer", "attorney", "counsel", "solicitor", "barrister"})
"""Nouns of someone who speaks for a client in court (rule 14)."""


def _represented(tok: Token) -> Token | None:
    """Whom a lawyer noun represents: "a lawyer for Mubarak", "a lawyer representing Gruss", "Mubarak's lawyer"."""
    for c in tok.children:
        if c.dep_ == "poss" and c.pos_ == "PROPN":
            return c
        if c.dep_ == "prep" and c.lower_ == "for":
            return next((p for p in c.children if p.dep_ == "pobj"), None)
        if c.dep_ == "acl" and c.lemma_ == "represent":
            return next((o for o in c.children if o.dep_ in {"dobj", "obj"}), None)
    return None


def _clients_of(doc: Doc, coref: Coreference, covered: set[int]) -> list[Actor]:
    """Rule 14: "Farid el-Deeb, a lawyer for Hosni Mubarak, said his client would appeal": "his client" is the
    person the lawyer named in its sentence, or the sentence before, represents, when that person is coded
    and no other lawyer there represents someone else. Why: court news speaks of the accused through their
    lawyers, and "his client" is otherwise nobody (or, read as the lawyer, the wrong side of the case)."""
    found: list[Actor] = []
    clients = [t for t in doc if t.lemma_.lower() == "client" and t.tag_ == "NN" and t.i not in covered
               and any(c.dep_ == "poss" and c.lower_ in {"his", "her"} for c in t.children)]
    if not clients:
        return found
    sents = list(doc.sents)
    for tok in clients:
        k = next(i for i, s_ in enumerate(sents) if s_.start <= tok.i < s_.end)
        represented = [r for t in doc[sents[k].start:tok.i] if t.lemma_.lower() in LAWYER_NOUNS
                       for r in [_represented(t)] if r is not None]
        if not represented and k:  # the lawyer named in the sentence before
            represented = [r for t in sents[k - 1] if t.lemma_.lower() in LAWYER_NOUNS
                           for r in [_represented(t)] if r is not None]
        people = {id(a): a for r in represented for a in [coref.actor_of(r)] if a is not None}
        if len(people) != 1 or len(represented) != len([r for r in represented if coref.actor_of(r) is not None]):
            continue
        person = next(iter(people.values()))
        if not person.code or not (person.kind == "person" or person.name):
            continue
        poss = next(c for c in tok.children if c.dep_ == "poss")
        span = doc[poss.i:tok.i + 1]
        found.append(Actor(text=span.text, start=span.start_char, end=span.end_char, code=person.code,
                           country=person.country, sector=person.sector, name=person.name, kind="description",
                           source=f"'{span.text}': whom the lawyer represents, '{person.text}' at {person.start}"))
        covered.update(range(span.start, span.end))
    return found


def _definite(doc: Doc, actor: Actor) -> Token | None:
    """The head of a bare definite description ("the ministry", "the kingdom"), else None."""
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None or len(span) > 3:
        return None
    head = span.root
    if head.pos_ != "NOUN" or head.tag_ == "NNS":
        return None
    if not any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in head.children):
        return None
    if any(c.dep_ in {"amod", "compound", "poss", "nmod"} and c.ent_type_ for c in head.children):
        return None  # "the Syrian ministry" says whose it is
    return head


EPITHETS = frozenset({"tycoon", "magnate", "mogul", "billionaire"})
"""Words of trade or wealth news uses for a person it has just named (rule 13)."""


def _epithet(doc: Doc, actor: Actor) -> Token | None:
    """The head of "the billionaire estate mogul" (rule 13): definite, singular, no name in or right after it."""
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None or actor.country or actor.name:
        return None
    head = span.root
    if head.lemma_.lower() not in EPITHETS or head.tag_ in {"NNS", "NNPS"} or head.dep_ == "appos" or any(
            t.ent_type_ == "PERSON" for t in span):
        return None
    if not any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in head.children):
        return None  # "a self-made magnate", "shipping tycoon John Fredriksen"
    if any(c.dep_ == "appos" or c.ent_type_ == "PERSON" for c in head.children) or (
            span.end < len(doc) and doc[span.end].ent_type_ == "PERSON"):
        return None  # "the tycoon Li Ka-shing": the name says who
    return head


def _person_before(doc: Doc, actor: Actor, coref: Coreference) -> Actor | None:
    """The one person named before `actor` in its sentence, else the one named in the sentence before, when
    that person is coded (rule 13). Two or more names there and it could be either ("Brooks is a friend of
    Cameron. ... the media mogul" is Murdoch): no antecedent."""
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None:
        return None
    sents = list(doc.sents)
    k = next(i for i, s_ in enumerate(sents) if s_.start <= span.start < s_.end)
    for lo, hi in ((sents[k].start, span.start), (sents[k - 1].start, sents[k - 1].end) if k else (0, 0)):
        names = [e for e in doc.ents if e.label_ == "PERSON" and lo <= e.start and e.end <= hi]
        lo_c, hi_c = doc[lo].idx if lo < len(doc) else 0, doc[hi - 1].idx if hi else 0
        people = [a for a in coref.actors if a.kind == "person" and a.name and a.code and lo_c <= a.start <= hi_c]
        if not names and not people:
            continue
        who = {e.text.split()[-1] for e in names if not any(a.start < e.end_char and e.start_char < a.end
                                                             for a in people)} | {a.name for a in people}
        if len(who) != 1 or not people:
            return None  # two people, or one the text does not code
        return people[-1]
    return None


def _state_described_after(doc: Doc, actor: Actor) -> Token | None:
    """The head of a definite description of a state that says where a sector word is from ("protesters in
    that north African country", "officials of the kingdom"), else None."""
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None:
        return None
    after = span.root.right_edge.i + 1  # the parser may hang the phrase on the verb: written right after is enough
    preps = [c for c in span.root.children if c.dep_ == "prep"]
    if after < len(doc) and doc[after].dep_ == "prep":
        preps.append(doc[after])
    for prep in preps:
        if prep.lower_ not in {"in", "of", "from"}:
            continue
        for pobj in prep.children:
            if pobj.dep_ == "pobj" and pobj.lemma_.lower() in STATE_WORDS and pobj.tag_ != "NNS" and any(
                    c.dep_ == "det" and c.lower_ in {"the", "that", "this"} for c in pobj.children):
                return pobj
    return None


def _speech_subject(sent: Span) -> Token | None:
    """The subject of a sentence's main verb when that verb reports speech ("..., the ambassador said").

    A noun phrase between the last comma and the closing speech verb is its speaker whatever the parser
    made of it: in "... to kill its leader, Muammar Gaddafi, Russia's ambassador to the alliance said" it
    hangs the role on the name before it and takes a word of the reported clause as the subject."""
    root = sent.root
    if root.lemma_.lower() not in SPEECH_LEMMAS:
        return None
    subject = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
    comma = next((t.i for t in reversed(sent[: root.i - sent.start]) if t.text == ","), None)
    if comma is None or (subject is not None and subject.i > comma):
        return subject
    words = sent.doc[comma + 1 : root.i]
    if not words or any(t.pos_ in {"VERB", "AUX"} or t.dep_ == "advmod" for t in words):
        return subject
    heads = [t for t in words if not (comma < t.head.i < root.i)]
    if len(heads) == 1 and heads[0].pos_ in {"NOUN", "PROPN"}:
        return heads[0]
    return subject


def _names_after_roles(doc: Doc, coref: Coreference, covered: set[int]) -> list[Actor]:
    """A person first named as the speaker of the sentence after one whose speaker was only a role:
    "..., Russia's ambassador to the alliance said on Wednesday. Dmitry Rogozin also said ..." (the news
    lede names the role first and the person next). The name takes the role's code."""
    out: list[Actor] = []
    sents = list(doc.sents)
    seen: set[str] = set()
    for prev, sent in zip(sents, sents[1:], strict=False):
        role_tok, name_tok = _speech_subject(prev), _speech_subject(sent)
        if role_tok is None or name_tok is None or name_tok.ent_type_ != "PERSON" or name_tok.i in covered:
            continue
        ent = coref._ent_of.get(name_tok.i)
        if ent is None or len(ent) < 2 or ent.text.lower() in seen:
            continue
        if any(t.ent_type_ == "PERSON" and t.text == ent[-1].text for t in doc[: ent.start]):
            continue  # named before: not introduced here
        lo, hi = np_bounds(role_tok)
        role = coref.actor_overlapping(doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1]), role_tok)
        if role is None or role.name or role.kind == "pronoun" or not role.sector or role_tok.tag_ == "NNS" or (
            role_tok.lemma_.lower() not in PERSON_NOUNS or not role.start <= role_tok.idx < role.end
        ) or any(r in (role.source or "") for r in coref.guessed):
            continue
        own_lo, own_hi = np_bounds(name_tok)
        if any(t.pos_ == "NOUN" and t.lemma_.lower() != role_tok.lemma_.lower() and not ent.start <= t.i < ent.end
               for t in doc[own_lo:own_hi]):
            continue  # described otherwise in its own phrase ("said economist Platon Petrou at Alpha Bank")
        seen.add(ent.text.lower())
        covered.update(range(ent.start, ent.end))
        first = Actor(text=ent.text, start=ent.start_char, end=ent.end_char, code=role.code, country=role.country,
                      sector=role.sector, name=clean_name(ent.text), kind="person",
                      source=f"named after '{role.text}' at {role.start} -> {role.code}")
        out.append(first)
        for tok in doc[ent.end :]:  # "Rogozin" again later
            if tok.text == ent[-1].text and tok.pos_ == "PROPN" and tok.i not in covered:
                covered.add(tok.i)
                out.append(Actor(text=tok.text, start=tok.idx, end=tok.idx + len(tok.text), code=first.code,
                                 country=first.country, sector=first.sector, name=first.name, kind="person",
                                 source=f"named earlier: '{first.text}' at {first.start}"))
    return out


SPOKES_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "spokeswomen"})
"""Role nouns of those who speak for someone: "his spokesman" speaks for the person, "its spokeswoman" for the
organisation, and is coded as them."""


def _spokespeople(doc: Doc, actors: list[Actor], coref: Coreference, weak: tuple[str, ...]) -> bool:
    """"..., said Capt. John Kirby, his spokesman": a spokesman whose country the recogniser only guessed (or
    could not tell) speaks for the one the possessive stands for and takes that actor's code (Mullen's
    USAMIL, not the GOV of the story's Egypt); later mentions of the same name follow. Whether anything
    changed."""
    changed = False
    for actor in actors:
        if actor.kind == "pronoun" or (actor.country and not any(r in (actor.source or "") for r in weak)):
            continue
        span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            if tok.lower_ not in SPOKES_NOUNS:
                continue
            poss = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in _POSSESSIVES), None)
            if poss is None:
                continue
            owner = coref.main_subject(poss, outside=(actor.start, actor.end)) or coref.actor_of(poss)
            if owner is None or not owner.code or owner is actor or owner.start == actor.start:
                continue
            named_here = f"named earlier: '{actor.text}' at {actor.start}"
            actor.code, actor.country, actor.sector = owner.code, owner.country, owner.sector
            actor.source = (f"{actor.source} + '{poss.text} {tok.text}' -> '{owner.text}' at {owner.start}"
                            f" -> {owner.code}")
            for later in actors:  # "Kirby added": the same person named again
                if later.kind == "person" and (later.source or "").startswith(named_here):
                    later.code, later.country, later.sector = owner.code, owner.country, owner.sector
            changed = True
            break
    return changed


def _possessive_owner(doc: Doc, actor: Actor, coref: Coreference) -> tuple[Token, Actor] | None:
    """Whose a sector word is when a possessive pronoun says it ("its troops", "their fighters", "his
    government"): the pronoun's antecedent with a country."""
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None:
        return None
    for c in span.root.children:
        if c.dep_ == "poss" and c.lower_ in _POSSESSIVES:
            ante = coref.actor_of(c)
            if ante is not None and ante.country and ante is not actor:
                return c, ante
    return None


def resolve_coreference(doc: Doc, actors: list[Actor], fallback_reasons: Iterable[str] = ()) -> list[Actor]:
    """The actor layer with pronouns and definite descriptions resolved.

    Pronouns (not possessives: "its embassy" is no actor) get an actor of kind "pronoun" carrying
    their antecedent's code; a definite description whose country came only from a guess (`fallback_reasons`: the
    reasons the actor recogniser writes when it takes a country from the sentence or the article)
    or that has none takes its antecedent's country. Every added or changed actor says why in its
    `source`.
    """
    return coreference_stage(doc, actors, fallback_reasons)[0]


def coreference_stage(doc: Doc, actors: list[Actor], fallback_reasons: Iterable[str] = ()
                      ) -> tuple[list[Actor], Coreference | None]:
    """`resolve_coreference`, and the `Coreference` of its result for the quotes to read.

    Why: the speakers of quotations are resolved through a `Coreference` of the final actor layer
    (pronoun actors left out). The one this stage used for the pronouns is exactly that when it was
    built after the last change to the actors (names added after roles, descriptions given a
    country), so `find_quotes` takes it instead of building it a second time; else a new one is
    built here from the final actors, taking the mentions of the stage's own where the people's
    names are the same (`Coreference(like=...)`: the mentions are a third of the stage's time).
    """
    weak = tuple(fallback_reasons)
    coref = Coreference(doc, actors, guessed=weak)
    covered: set[int] = set()
    for a in actors:
        span = doc.char_span(a.start, a.end, alignment_mode="expand")
        if span is not None:
            covered.update(range(span.start, span.end))
    out = list(actors)
    changed = False  # whether an actor `coref` was built from has changed since
    for actor in actors:
        if actor.kind != "sector" or not actor.sector or (
            actor.country and not any(r in (actor.source or "") for r in weak)
        ):
            continue
        owned = _possessive_owner(doc, actor, coref)
        if owned is not None:  # "Tunisia said its troops were patrolling": Tunisia's troops
            pronoun, owner = owned
            actor.country = owner.country
            actor.code = (owner.country or "") + actor.sector
            actor.source = f"{actor.source} + '{pronoun.text}' -> '{owner.text}' at {owner.start} -> {actor.code}"
            changed = True
            continue
        state = _state_described_after(doc, actor)
        if state is not None:  # "the thousands of protesters in that north African country"
            ante = coref.describe(actor, state)
            if ante is not None and ante.country != actor.country:
                actor.country = ante.country
                actor.code = (ante.country or "") + actor.sector
                actor.source = (f"{actor.source} + 'in {state.text}' refers back to '{ante.text}' at {ante.start}"
                                f" -> {actor.code}")
                changed = True
                continue
        epithet = _epithet(doc, actor)
        if epithet is not None:  # "... unendorse Trump after the billionaire estate mogul claimed"
            person = _person_before(doc, actor, coref)
            if person is not None:
                actor.country, actor.sector, actor.code, actor.name = (person.country, person.sector, person.code,
                                                                      person.name)
                actor.kind = "description"
                actor.source = f"{actor.source} + '{epithet.text}' describes '{person.text}' at {person.start}" \
                               f" -> {actor.code}"
                changed = True
            continue
        head = _definite(doc, actor)
        if head is None:
            continue
        ante = coref.describe(actor, head)
        if ante is None or ante.country == actor.country:
            continue
        actor.country = ante.country
        actor.code = (ante.code if head.lemma_.lower() in STATE_WORDS else ante.country + (actor.sector or ""))
        actor.kind = "description"
        actor.source = f"{actor.source} + refers back to '{ante.text}' at {ante.start} -> {actor.code}"
        changed = True
    changed = _spokespeople(doc, actors, coref, weak) or changed
    counted = _counted_described(doc, out, covered)
    described = (_organisations_described(doc, out, covered) + _followers_of(doc, coref, covered)
                 + _clients_of(doc, coref, covered) + counted)
    if described:  # actors `coref` was not built from: the quotes build their own
        out.extend(described)
        changed = True
    if counted:  # "the four" is the antecedent of a later "they": its actor must be known to `coref`
        coref = Coreference(doc, out, guessed=weak, like=coref)
    # a person the recogniser placed only by the article's main state yields to the role the text gives
    guessed_people = [a for a in out
                      if a.kind == "person" and not a.sector and any(r in (a.source or "") for r in weak)]
    free = set(covered)
    for a in guessed_people:
        span = doc.char_span(a.start, a.end, alignment_mode="expand")
        if span is not None:
            free.difference_update(range(span.start, span.end))
    named = _names_after_roles(doc, coref, free)
    if named:
        replaced = {id(a) for a in guessed_people for n in named if a.start < n.end and n.start < a.end}
        out = [a for a in out if id(a) not in replaced]
        covered |= free
        out.extend(named)
        coref = Coreference(doc, out, guessed=weak, like=coref)  # the names are antecedents of later pronouns too
        changed = False
    shared = None if changed or any(a.kind == "pronoun" for a in out) else coref
    previous = coref
    for tok in doc:
        if tok.i in covered or tok.pos_ != "PRON" or (tok.lower_ not in PRONOUNS and tok.lower_ not in FIRST_PERSON):
            continue
        possessive = tok.dep_ == "poss" or tok.lower_ in _POSSESSIVES | {"my", "our"}
        if possessive and (tok.lower_ not in {"his", "her"} or tok.head.pos_ != "NOUN"):
            continue  # a person's "his calls", "her visit" (their agent); "its", "their" are too often things'
        if tok.lower_ not in FIRST_PERSON and coref.coordinated(tok):
            # "Russia and the United States said they ...": several actors, left to the clause's subject;
            # but "he and photojournalist Mary Rogers" of one outlet are one actor
            ante = coref.joint_actor(tok)
        else:
            ante = coref.speaker_of(tok) if tok.lower_ in FIRST_PERSON else coref.actor_of(tok)
        if ante is None or not ante.code:
            continue
        guess = next((r for r in weak if r in (ante.source or "")), None)  # a guessed country stays a guess
        out.append(Actor(text=tok.text, start=tok.idx, end=tok.idx + len(tok.text), code=ante.code,
                         country=ante.country, sector=ante.sector, name=ante.name, kind="pronoun",
                         source=f"{'possessive ' if possessive else ''}pronoun -> '{ante.text}' at {ante.start}"
                                + (f" (its country: {guess})" if guess else "")))
    out = sorted(out, key=lambda a: a.start)
    if shared is None:  # the quotes' Coreference of the final actors, as `find_quotes` would build it
        shared = Coreference(doc, [a for a in out if a.kind != "pronoun"], like=previous)
    return out, shared
