"""Code events from the dependency parse: predicate + pattern -> CAMEO code, agent -> source, patient -> target.

How a sentence is coded:

1. Every verb or noun whose lemma heads a pattern of the verb dictionary is a candidate predicate
   (`dyads.events.verbs` documents the pattern format). Its most specific pattern whose
   prepositions and word slots are all present in the parse wins; a noun that is the object of a
   light verb ("issued a new call for", "held talks with") takes that verb's subject, and a noun
   that fills another pattern's slot ("lodged a protest with") is part of that pattern.
2. Roles: the source is the agent: the subject (all coordinated subjects), or the `by` phrase in
   the passive ("Gondor was attacked by Mordor"); for an event noun its possessor or `by` phrase,
   or for meetings, talks and protests the subject of the clause the noun sits in ("at the start
   of talks with X, Lavrov said"). Relative pronouns stand for the noun they modify; infinitives
   take the object of control verbs ("urged X to" -> X) and otherwise the subject of their
   governing verb; a pronoun subject inside reported speech stands for the speaker. The target is
   the object of the pattern's preposition, else the addressee of an appeal, else the direct
   object (the recipient, not the thing, when the pattern names the thing: "send arms to X"),
   else the first prepositional phrase holding an actor, else the first actor after the predicate.
   All actors inside the chosen phrase are kept, so coordination gives compound sources and
   targets; an apposition renaming an actor adds nothing; a role word with its country as a
   modifier ("soldiers from Gondor") is one actor; "X and Y met" is reciprocal.
3. Meaning that changes the code: a negated cooperative act (roots 03-08) is coded as a rejection
   (120) and flagged `negated`; other negated acts, acts under "refuse/fail to", hypotheticals
   ("could", "might") and conditions ("if", "unless") are not coded and say so. Future and intent
   ("will meet", "would try to bring together", "plans to send") become the matching
   express-intent code (03x), or the matching threat (13x) for material conflict and for
   "will X unless Y" (a cooperative act under a condition stays intent: a conditional offer).
   Appeals, demands, intents, rejections, threats, accusations and protests swallow the acts of
   their complement, whose code refines theirs ("urged X to release" -> 0253, "accused X of
   shelling" -> 1123, a rally demanding a resignation -> 1411); an order for a material act is that
   act by whoever ordered it; "prepared to attack" is force posture (150); a promise not to do a
   cooperative act, or such an act negated, is the refusal of it ("vowed not to return" -> 1243).
4. Reported speech: "X said Y must ..." is X's demand to Y (10x), "... should ..." X's appeal
   (02x); a bare statement verb ("said") is coded 010 only when nothing was coded from what was said.

The meaning rules of 3 and 4 are ours; dictionaries imported from PETRARCH (whose patterns encode
such distinctions themselves) switch them off (`VerbDictionary.modality`) and bring PETRARCH's own:
words a pattern needs before its verb, a source named by the pattern (`$`) with the subject as
target, an agentless passive whose source is in the verb's phrases, negation through their coding
ontology, reciprocity only where a pattern marks it, verbs only in the forms the dictionary lists.
Modules beside this one: `dyads.events.meaning` (negation, modality, word sense of one predicate),
`dyads.events.evaluation` (what a statement or a naming says of an actor: 111/051), and
`dyads.events.filters` (the named passes, under an explicit `EventPolicy`, that decide which coded
predicates are events of the table: one-sided statements, media and setting targets, sector words
without a country, company news, background).
Every sentence without an event gets a `NoEvent` naming each candidate and why it was dropped; every event gets a
confidence in [0, 1] that drops for general patterns, inherited or pronoun sources, event nouns
and fallback targets.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from dyads.events.evaluation import NAMING_VERBS, naming_content, naming_target, quoted_judgement, speech_target
from dyads.events.filters import (
    DEFAULT_POLICY,
    PLACE_KINDS,
    EventPolicy,
    background_reason,
    filter_candidates,
    learned_reason,
    main_country,
    passes_run,
    place_backed_sector,
    place_bare_sectors,
    place_force_target,
)
from dyads.events.meaning import (
    INTENT_AUX,
    INTENT_NOUNS,
    MODAL_AUX,
    NEGATORS,
    armed,
    modality,
    negation,
    verbal_attack,
)
from dyads.events.verbs import NO_EVENT, VerbDictionary, VerbPattern
from dyads.geo.locate import resolve_event_location
from dyads.models import Actor, CodedArticle, Event, Location, NoEvent, Quote
from dyads.models import Span as TextSpan
from dyads.ontology import CameoCode
from dyads.time.dating import resolve_event_date

if TYPE_CHECKING:
    from dyads.pipeline import Resources

LIGHT_VERBS = {
    "issue", "make", "hold", "launch", "renew", "repeat", "have", "conduct", "carry", "stage", "mount",
    "give", "offer", "express", "voice", "extend", "deliver", "reach", "take", "begin", "start", "open",
    "resume", "continue", "lodge", "file", "wage", "unleash", "impose", "announce", "sign", "reiterate",
    "step", "intensify", "join", "lead", "pay", "attend", "host", "enter", "send", "organize", "organise",
    "speed", "accelerate", "complete", "order", "call", "declare", "undertake", "go", "tighten", "reimpose",
    "strengthen", "escalate", "submit", "present",
}
# verbs whose object, not subject, does what their to-clause says ("urged Syria to talk")
OBJECT_CONTROL = {
    "urge", "ask", "call", "force", "order", "persuade", "allow", "tell", "encourage", "invite", "request", "help",
    "require", "permit", "enable", "press", "pressure", "push", "warn", "advise", "compel", "instruct", "authorize",
    "want", "expect", "appeal", "implore", "beg", "demand", "remind", "convince", "get", "lead", "prompt",
}
SPEECH_VERBS = {"say", "said", "tell", "add", "state", "announce", "declare", "note", "stress", "report", "reiterate",
                "confirm", "claim", "insist", "assert", "reaffirm", "warn", "argue", "explain"}
# an order for a material act is that act done by whoever gave the order ("ordered troops to shell X")
ORDER_VERBS = {"order", "instruct", "command", "direct"}
# nouns that carry the event named by their modifier ("a mediation effort", "a rescue operation")
EVENT_CARRIERS = {"effort", "mission", "campaign", "operation", "bid", "drive", "initiative", "attempt"}
# "X wants Y to do Z" asks Y (an appeal); "X wants to do Z" is X's intent (see INTENT_VERBS)
WANT_VERBS = {"want"}
# "prepared to attack": more than a verbal threat, a force posture (CAMEO 138: "more active expressions
# of threat to use force are coded under category 15")
POSTURE_WORDS = {"prepare", "prepares", "prepared", "preparing", "poised"}
# participles that say a state of their subject, not an act done to it: "X is committed to",
# "Y were engaged in ethnic cleansing"; their grammatical subject is the actor
STATIVE_PARTICIPLES = {"committed", "engaged", "involved", "determined", "prepared", "resolved", "dedicated",
                       "opposed", "poised", "intent"}
# "engaged in X", "took part in X": the noun X is the act, the verb only carries its subject
PARTICIPATION_VERBS = {"engage", "involve", "participate", "join"}
# nouns of documents whose participle says what their issuer does ("issued a statement condemning")
DOCUMENT_NOUNS = {"statement", "declaration", "communique", "communiqué", "letter", "resolution", "message",
                  "petition", "note", "memorandum", "manifesto", "appeal", "report", "press", "release"}
# measure words whose "of"-object is the thing ("tons of food aid", "$5 million worth of arms")
QUANTITY_NOUNS = {"ton", "tonne", "kg", "kilogram", "kilo", "pound", "worth", "amount", "quantity", "shipment",
                  "consignment", "load", "batch", "package", "part", "million", "billion", "thousand", "hundred",
                  "dozen", "number", "lot", "dollar", "euro", "yen", "franc", "rouble", "ruble", "yuan", "sum",
                  "delivery", "cargo", "truckload", "planeload", "convoy", "supply", "portion", "share"}
# noun events whose agent may be the subject of the clause they sit in
CONSULT_NOUN_ROOTS = {"02", "03", "04", "05", "06", "14"}
# acts whose target may sit in their complement ("refused to help out the coalition")
CONTENT_TARGET_ROOTS = {"02", "03", "10", "12", "13"}
# their complements are what is asked, meant, refused or protested for, not acts of their own
CONTENT_ROOTS = {"02", "03", "10", "12", "13", "14"}
# acts two actors do with each other, so that "X and Y <act>" with no other target is X with Y and Y with X:
# intent to cooperate, consult, material cooperation, fight (CAMEO 03, 04, 06, 19, 20); of root 05 only
# cooperating and signing (050, 057): praise, support, recognition, apology and forgiveness have a direction
SYMMETRIC_ROOTS = {"03", "04", "06", "19", "20"}
SYMMETRIC_CODES = {"050", "057"}
# of force (19, 20), only fighting each other is mutual
MUTUAL_FIGHT_WORDS = {"fight", "fighting", "clash", "battle", "skirmish", "war", "exchange", "gunbattle", "duel"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom", "whose"}
# nouns of places: "who" does not refer to them
PLACE_NOUNS = {"country", "city", "town", "village", "state", "region", "province", "capital", "area", "square",
               "street", "district", "nation", "kingdom", "republic"}
# "the first/only state to recognize": a rank that makes the copula's subject the doer
RANK_WORDS = {"first", "last", "only", "second", "third", "latest"}
PERSONAL_PRONOUNS = {"he", "she", "they", "we", "i", "it"}

_SETTING_PREPS = {"in", "at", "during", "after", "before", "since", "until", "near", "inside", "outside"}
# what a phrase is about, never whose it is: "warned the population of Gondor about the Prince"
_TOPIC_PREPS = {"about", "regarding", "concerning", "over"}
_RECIPIENT_PREPS = {"to", "for", "with", "into", "against", "on", "toward", "towards"}
_SUBJECTS = {"nsubj", "csubj", "expl"}
_CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "csubj"}
_OBJ_DEPS = {"dobj", "obj", "attr", "oprd", "dative", "iobj", "nsubjpass"}
_NOUN_SLOT_DEPS = {"compound", "amod", "nmod", "poss"}

# express-intent (03x) or threat (13x) code for an act that is only announced; longest prefix wins
INTENT_CODES = {
    "04": "036", "045": "039", "046": "036",
    "05": "032", "057": "037",
    "06": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
    "07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334",
    "08": "035", "081": "0351", "082": "0352", "083": "034", "0831": "0341", "0832": "0342", "0833": "0343",
    "0834": "0344", "084": "0353", "085": "0354", "086": "0355", "087": "0356",
    "09": "030",
    "14": "133", "15": "138", "16": "131", "161": "1313", "162": "1311", "163": "1312", "164": "134", "165": "135",
    "166": "136", "17": "137", "172": "132", "1721": "1321", "1722": "1322", "1723": "1323", "1724": "1324",
    "18": "1383", "19": "138", "190": "1384", "191": "1381", "192": "1382", "195": "1384", "20": "1385",
}


def intent_code(code: str) -> str:
    """The express-intent / threat code for announcing `code`; verbal codes (01-03, 10-13) stay."""
    for n in range(len(code), 1, -1):
        if code[:n] in INTENT_CODES:
            return INTENT_CODES[code[:n]]
    return code


def negated_code(code: str) -> str | None:
    """What a negated act is: a rejection for cooperation (03-08), nothing codable otherwise.

    A material act not done (06-08: "will not accept refugees", "would not end the strike") is the
    refusal of that act (1223, 1242); a verbal one not done stays the general rejection (120).
    """
    if not "03" <= code[:2] <= "08":
        return None
    return (_longest(_REFUSED, code) or "120") if code[:2] in {"06", "07", "08"} else "120"


@dataclass
class Candidate:
    """One predicate found in a sentence and what became of it (for events and `dyads explain`)."""

    token: Token
    pattern: VerbPattern | None = None
    code: str | None = None
    source: list[Actor] = field(default_factory=list)
    target: list[Actor] = field(default_factory=list)
    trigger: tuple[int, int] | None = None  # token range
    negated: bool = False
    modifiers: list[str] = field(default_factory=list)
    confidence: float = 0.9
    dropped: str | None = None  # why no event came of it
    slot_ids: set[int] = field(default_factory=set)  # tokens the pattern used as its slots
    content: Token | None = None  # the clause that is what was said ("said Y must ..."): its acts are the content

    def describe(self) -> str:
        what = f"'{self.token.text}'"
        if self.pattern is not None:
            what += f" [{self.pattern.text} -> {self.pattern.code}]"
        return f"{what}: {self.dropped}" if self.dropped else what


# ---------------------------------------------------------------------------- actors over tokens


class ActorIndex(dict[int, Actor]):
    """The actor of each token. A possessive pronoun's actor ("his" -> Cameron) is kept apart in
    `possessive`: it is the agent of the event noun it qualifies ("his fight against"), and nothing
    else ("his gardener's licence" names no second actor)."""

    def __init__(self) -> None:
        super().__init__()
        self.possessive: dict[int, Actor] = {}


def _actor_tokens(doc: Doc, actors: list[Actor]) -> ActorIndex:
    index = ActorIndex()
    for actor in actors:
        span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if span is None or not actor.code:
            continue
        if actor.kind == "pronoun" and len(span) == 1 and span[0].dep_ == "poss":
            index.possessive[span[0].i] = actor
            continue
        for tok in span:
            index.setdefault(tok.i, actor)
    return index


def _phrase_tokens(head: Token, skip: set[int] | None = None, index: dict[int, Actor] | None = None) -> Iterable[Token]:
    """The noun phrase below `head` without its clauses (relative clauses are not the phrase).

    A place phrase ("in Moscow") belongs to the phrase only when it says whose a role word is
    ("lawmakers in Arnor"), not when it hangs from an actor that has its country already
    ("his Algerian counterpart ... in Moscow") or from an event ("talks in Geneva").
    """
    stack = [head]
    while stack:
        t = stack.pop()
        if skip and t.i in skip:
            continue
        yield t
        role_word = index is not None and t.i in index and not index[t.i].country
        stack.extend(c for c in t.children if c.dep_ not in _CLAUSE_DEPS
                     and not (c.dep_ == "prep" and ((c.lower_ in _SETTING_PREPS and not role_word)
                                                   or c.lower_ in _TOPIC_PREPS or t.dep_ == "appos")))


def _actors_in(heads: Iterable[Token], index: dict[int, Actor], skip: set[int] | None = None) -> list[Actor]:
    """Actors of the phrases below `heads`; an apposition renaming a coded actor adds nothing."""
    out: list[Actor] = []
    for h in heads:
        toks = list(_phrase_tokens(h, skip, index))
        renamed = {t.i for a in toks if a.dep_ == "appos" and a.head.i in index and a.i in index
                   and (index[a.i].code or "")[:3] == (index[a.head.i].code or "")[:3] for t in a.subtree}
        found: list[Actor] = []
        for t in sorted(toks, key=lambda x: x.i):
            a = index.get(t.i)
            if a is not None and a not in found and t.i not in renamed:
                found.append(a)
        for a in _compose(found, toks, index):
            if a not in out:
                out.append(a)
    return out


def _new_actor(head: Token, index: dict[int, Actor], vd: VerbDictionary) -> Actor | None:
    """PETRARCH's `new_actor_length`: an uncoded noun phrase of at most that many words as an actor named
    by its words ('"THE MINISTRY OF MAGIC"'); None when the option is off, the phrase too long or not a noun's.

    Why: PETRARCH lets users see the actors its dictionaries miss in the events themselves; its words are
    the phrase's, without punctuation and possessive endings, in capitals as PETRARCH writes its codes.
    """
    if vd.new_actor_length <= 0 or head.pos_ not in {"NOUN", "PROPN"} or head.i in index:
        return None
    if head.ent_type_ in {"DATE", "TIME"}:  # "on Monday" says when, it names no one
        return None
    toks = sorted(_phrase_tokens(head, index=index), key=lambda t: t.i)
    if any(t.i in index for t in toks):
        return None
    words = [t.text.upper() for t in toks if not t.is_punct and t.tag_ != "POS" and not t.is_space]
    if not words or len(words) > vd.new_actor_length:
        return None
    first, last = toks[0], toks[-1]
    return Actor(text=head.doc[first.i:last.i + 1].text, start=first.idx, end=last.idx + len(last.text),
                 code='"' + " ".join(words) + '"', kind="new", source="new_actor_length: the phrase's own words")


def _placed(toks: list[Token], head: Token, below: set[int]) -> bool:
    """Whether a mention hangs from `head` through a place preposition ("in Eriador")."""
    return any(a.dep_ == "prep" and a.lower_ in _SETTING_PREPS and a.i > head.i
               for t in toks[:1] for a in t.ancestors if a.i in below)


def _coordinated(a: Token, b: Token) -> bool:
    return (a.dep_ == "conj" and a.head.i == b.i) or (b.dep_ == "conj" and b.head.i == a.i)


def _compose(found: list[Actor], toks: list[Token], index: dict[int, Actor]) -> list[Actor]:
    """A role word with its countries as modifiers is one actor per country.

    "soldiers from Gondor" -> GONMIL, "Arnor and Gondor legislators" -> ARNLEG, GONLEG. The actor
    recogniser usually composes these itself; this only joins what reaches the coder in pieces.
    """
    sectors = [a for a in found if a.sector]
    countries = [a for a in found if a.country and not a.sector]
    if not sectors or not countries:
        return found
    by_actor: dict[int, list[Token]] = {}
    for t in toks:
        a = index.get(t.i)
        if a is not None:
            by_actor.setdefault(id(a), []).append(t)
    out = list(found)
    plan: list[tuple[Actor, Token, list[Actor], list[Actor]]] = []
    for s in sectors:
        s_toks = by_actor.get(id(s), [])
        if not s_toks:
            continue
        head = max(s_toks, key=lambda t: len(list(t.ancestors)) * -1)
        below = {t.i for t in head.subtree}
        mods = [c for c in countries if c.start < s.end and s.start < c.end]  # overlapping mentions
        below_mods = [c for c in countries if c not in mods
                      and any(t.i in below and t.i != head.i for t in by_actor.get(id(c), []))]

        # "the parliament of Gondor in Eriador": "of" says whose the role word is, "in" only where
        strong = [c for c in below_mods if not _placed(by_actor.get(id(c), []), head, below)]
        placed = [c for c in below_mods if c not in strong]
        # "Lawmakers in Fornost and Gondor" parsed with Gondor coordinated to the role word: it belongs
        # to the place phrase, as the parser's "in Fornost" does
        conj = [c for c in strong if placed and any(t.dep_ == "conj" and t.head.i == head.i
                                                    for t in by_actor.get(id(c), []))]
        mods += (placed + conj) if conj else (strong or below_mods)
        plan.append((s, head, mods, below_mods))
    # "lawmakers and officials in Arnor": a role word coordinated with one that has countries shares them
    for k, (s, head, mods, below_mods) in enumerate(plan):
        if not mods:
            shared = next((m for s2, h2, m, _ in plan if m and s2 is not s and _coordinated(head, h2)), None)
            if shared:
                plan[k] = (s, head, list(shared), below_mods)
    for s, _head, mods, below_mods in plan:
        if not mods:
            continue
        out = [a for a in out if a is not s and a not in mods and a not in below_mods]
        for c in mods:
            start, end = min(c.start, s.start), max(c.end, s.end)
            out.append(Actor(text=f"{c.text} {s.text}" if c.start < s.start else f"{s.text} {c.text}", start=start,
                             end=end, code=(c.country or "") + (s.sector or ""), country=c.country, sector=s.sector,
                             name=s.name or c.name, kind=s.kind, source="coder: role word + country"))
    return out


# ---------------------------------------------------------------------------- pattern matching


def _stems(tok: Token) -> list[str]:
    """The lemma, the surface form and crude stems, for verbs the lemmatiser gets wrong ("staged" -> "stag")."""
    w = tok.lower_
    out = [tok.lemma_.lower(), w]
    if tok.pos_ in {"VERB", "AUX"}:
        if w.endswith(("ed", "es")):
            out += [w[:-2], w[:-1]]
        elif w.endswith("ing"):
            out += [w[:-3], w[:-3] + "e"]
        elif w.endswith("s"):
            out.append(w[:-1])
    return out


def _light_verb(tok: Token) -> Token | None:
    if tok.dep_ == "conj" and tok.pos_ == "NOUN" and tok.head.pos_ == "NOUN":  # "launched artillery and rocket fire"
        first = tok.head
        while first.dep_ == "conj" and first.head.pos_ == "NOUN":
            first = first.head
        tok = first
    adj = tok.head.head
    if tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ in {"for", "of"} and tok.head.dep_ == "prep" \
            and adj.lower_ in {"responsible", "guilty", "culpable"} and adj.head.pos_ in {"AUX", "VERB"}:
        return adj.head  # "is responsible for mass killings": the subject of "is" did them
    if tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ in {"dobj", "obj", "attr", "nsubjpass"}:
        if tok.head.pos_ in {"VERB", "AUX"} and any(s in LIGHT_VERBS for s in _stems(tok.head)):
            return tok.head
    if tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.head.dep_ == "prep":
        verb = tok.head.head  # "were engaged in ethnic cleansing", "took part in the attack"
        if verb.pos_ in {"VERB", "AUX"} and (verb.lemma_.lower() in PARTICIPATION_VERBS or verb.lower_ in
                                             STATIVE_PARTICIPLES):
            return verb
        if verb.lower_ == "part" and verb.head.lemma_.lower() == "take":
            return verb.head
    return None


def _run_in(tok: Token, run: list[str]) -> bool:
    """Whether the words of `run` follow each other somewhere in `tok`'s phrase (TABARI's `{A B}`, `A_B`)."""
    doc = tok.doc
    lo, hi = tok.left_edge.i, tok.right_edge.i + 1
    for st in range(lo, hi - len(run) + 1):
        if all(run[k] in (doc[st + k].lower_, doc[st + k].lemma_.lower()) for k in range(len(run))):
            return True
    return False


def _word_in(tok: Token, words: frozenset[str], depth: int = 0) -> bool:
    if tok.lemma_.lower() in QUANTITY_NOUNS and depth < 2:  # "tons of food aid": the aid fills the slot
        if any(_word_in(o, words, depth + 1) for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
               for o in _prep_objects(c)):
            return True
    for w in (tok.lemma_.lower(), tok.lower_):
        if w in words:
            return True
    for w in words:
        if "~" in w and _run_in(tok, w.split("~")):
            return True
    for w in words:
        if "_" in w:
            *mods, last = w.split("_")
            if last in (tok.lemma_.lower(), tok.lower_) and all(any(c.lower_ == m for c in tok.children) for m in mods):
                return True
    return any(c.dep_ in {"compound", "amod"} and (c.lemma_.lower() in words or c.lower_ in words)
               for c in tok.children)


def _fits_pos(p: VerbPattern, tok: Token) -> bool:
    return not p.pos or tok.pos_ == p.pos or (p.pos == "VERB" and tok.pos_ == "AUX")


def _patterns_for(tok: Token, vd: VerbDictionary) -> list[VerbPattern]:
    """Patterns of the surface form first ("left" has its own PETRARCH block), then of the lemma,
    then of crude stems for verbs the lemmatiser got wrong ("cordoned" -> "cordone").

    Only patterns whose part of speech fits the token count: the verb "shelling" is not stopped
    at the noun pattern `shelling/n` but goes on to the verb `shell`.
    """
    keys = [tok.lower_, *_stems(tok)]
    out: list[VerbPattern] = []
    for k in keys:
        if k and (k not in vd.surface_forms or tok.lower_ in vd.surface_forms[k]):
            for p in vd.get(k):
                if p not in out and _fits_pos(p, tok):
                    out.append(p)
            if out:
                return out
    return out


def _is_time(prep: Token) -> bool:
    """A preposition whose object is a date or time ("on Monday"): never a pattern's preposition."""
    return any(o.ent_type_ in {"DATE", "TIME"} for o in _prep_objects(prep))


def _prep_child(hosts: list[Token], prep: str, after: int) -> Token | None:
    for h in hosts:
        for c in h.children:
            if c.lower_ == prep and c.dep_ in {"prep", "prt", "agent", "dative", "advmod", "advcl", "mark"}:
                if not _is_time(c):
                    return c
    sent = hosts[0].sent
    for t in hosts[0].doc[after + 1 : min(after + 7, sent.end)]:
        if t.lower_ == prep and t.dep_ in {"prep", "prt", "agent", "mark", "advmod"} and not _is_time(t):
            return t
    return None


def _to_clauses(hosts: list[Token]) -> list[Token]:
    """Verbs of `to`-clauses hanging from the hosts ("urged X to negotiate", "an intention to send")."""
    out = []
    for h in hosts:
        for c in h.children:
            if c.dep_ in {"xcomp", "ccomp", "acl", "advcl"} and c.pos_ in {"VERB", "AUX"}:
                out.append(c)
    return out


def _infinitives(hosts: list[Token]) -> list[Token]:
    """`to`-clauses proper (with their `to`): what a "to" in a pattern stands for."""
    return [c for c in _to_clauses(hosts) if any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]


def _prep_objects(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ in {"pobj", "pcomp", "obj"}]


@dataclass
class _Match:
    pattern: VerbPattern
    target_heads: list[Token]  # where the pattern says the target is
    slot_heads: list[Token]  # every slot filler (further targets are looked for below them)
    last: Token  # the right edge of the trigger
    named: list[Token] = field(default_factory=list)  # the prepositions the pattern named
    before: set[int] = field(default_factory=set)  # tokens of the words the pattern wants before the head
    source_heads: list[Token] = field(default_factory=list)  # where the pattern says the source is


def _before_match(tok: Token, p: VerbPattern) -> set[int] | None:
    """The tokens that fill a pattern's words-before-the-head, matched right to left in the sentence
    ("did n't" before "clash"), each within a few words of the next; None when they are not there."""
    sent = tok.sent
    if p.before_nouns:  # CAMEO.2.0: each item names the head of a noun phrase before the verb
        used: set[int] = set()
        heads = [t for t in tok.doc[sent.start : tok.i] if t.pos_ in {"NOUN", "PROPN"}
                 and t.dep_ not in {"compound", "amod", "nmod", "poss"}]
        for item in p.before:
            hit = next((h for h in heads for run in item if run[-1] in (h.lower_, h.lemma_.lower())
                        and all(any(w in (x.lower_, x.lemma_.lower()) for x in h.subtree) for w in run[:-1])), None)
            if hit is None:
                return None
            used.add(hit.i)
        return used
    words = [(t.lower_, t.lemma_.lower()) for t in tok.doc[sent.start : tok.i]]
    pos, used = len(words), set()
    for k in range(len(p.before) - 1, -1, -1):
        found = None
        lowest = pos if (p.before_adjacent and k == len(p.before) - 1) else max(0, pos - 6)
        for end in range(pos, lowest - 1, -1):
            for run in p.before[k]:
                st = end - len(run)
                if st >= 0 and all(run[q] in words[st + q] for q in range(len(run))):
                    found = (st, end)
                    break
            if found:
                break
        if found is None:
            return None
        used.update(sent.start + i for i in range(*found))
        pos = found[0]
    return used


def _after_verb(tok: Token, words: frozenset[str]) -> list[Token]:
    """A slot word further along the verb's own clause ("bargain for asylum" for `* FOR_ASYLUM`,
    "received by courier money" for `* MONEY`), as TABARI read the words after a verb; words inside
    clauses of their own are not the verb's."""
    for t in tok.subtree:
        if t.i <= tok.i or t.pos_ in {"VERB", "AUX"}:
            continue
        inner = [a for a in t.ancestors if a.i != tok.i and tok.is_ancestor(a)]
        # not inside a clause of its own, nor deep in the object ("adopt a set of resolutions": a set)
        if any(a.pos_ in {"VERB", "AUX"} or a.dep_ in _CLAUSE_DEPS | {"dobj", "obj"} for a in inner):
            continue
        if _word_in(t, words):
            return [t]
    return []


def _match(tok: Token, vd: VerbDictionary) -> _Match | None:
    """The most specific pattern of `tok`'s lemma whose prepositions and slots are in the parse."""
    pats = _patterns_for(tok, vd)
    light = _light_verb(tok)
    hosts = [tok] + ([light] if light is not None else [])
    if tok.pos_ in {"VERB", "AUX"}:
        objs = [c for c in tok.children if c.dep_ in _OBJ_DEPS | {"xcomp", "ccomp"}]
        objs += [m for c in objs if c.dep_ == "ccomp" for m in c.children if m.dep_ == "mark"]
        # "allow candidate X to run" is often parsed allow -> ccomp(run) -> nsubj(X): X is what is allowed
        objs += [m for c in objs if c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                 for m in c.children if m.dep_ == "nsubj"]
        # a word right after the verb may be an adverb or complement ("act now", "responded angrily")
        objs += [c for c in tok.children if c.dep_ in {"advmod", "npadvmod", "acomp"} and c.i > tok.i]
        if not vd.modality:  # PETRARCH's words after the verb run on into its complement ("vowed to wage war")
            objs += [o for c in tok.children if c.dep_ == "xcomp" for o in c.children if o.dep_ in {"dobj", "obj"}]
    else:
        objs = [c for c in tok.children if c.dep_ in _NOUN_SLOT_DEPS]
        objs += [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for o in _prep_objects(c)]
    hosts += [o for o in objs if o.dep_ in {"dobj", "obj"}]
    for p in pats:
        before = _before_match(tok, p) if p.before else set()
        if before is None:
            continue
        if p.obj is not None:
            filler = [o for o in objs if _word_in(o, p.obj)]
            if not filler and not vd.modality:  # PETRARCH: the words after the verb, wherever the parse put them
                filler = _after_verb(tok, p.obj)
            if not filler:
                continue
        else:
            filler = []
        last: Token = filler[0] if filler else tok
        targets: list[Token] = []
        ok = True
        slot: list[Token] = list(filler)
        prev = tok.i
        named: list[Token] = []
        source_heads: list[Token] = []
        for k, prep in enumerate(p.preps):
            is_last = k == len(p.preps) - 1
            words = p.prep_slots[k] if p.prep_slots else (p.prep_obj if is_last else None)
            if prep == "to" and words is not None:
                clauses = [c for c in _infinitives(hosts) if _word_in(c, words)]
                pc = _prep_child(hosts, "to", prev)
                pobj = [o for o in (_prep_objects(pc) if pc is not None else []) if _word_in(o, words)]
                if not clauses and not pobj:
                    ok = False
                    break
                slot = clauses + pobj
                targets.extend(pobj)
                for c in clauses:  # the addressee of an appeal is the subject of its to-clause
                    targets.extend(s for s in c.children if s.dep_ in {"nsubj", "nsubjpass"})
                last = max([last, *slot], key=lambda t: t.i)
                continue
            if prep == "to" and tok.lemma_.lower() in SPEECH_VERBS:
                # "told X to resign": for a verb of saying, "to" is its to-clause, never a phrase nearby
                if not _infinitives(hosts):  # ("told Reuters that his opposition to France ...")
                    ok = False
                    break
                last = max(last, *_infinitives(hosts), key=lambda t: t.i) if is_last else last
                continue
            pc = _prep_child(hosts, prep, prev)
            if pc is None and prep == "to" and _infinitives(hosts):  # "willing to", "agreed to withdraw"
                last = max(last, *_infinitives(hosts), key=lambda t: t.i) if is_last else last
                continue
            if pc is None:
                ok = False
                break
            prev = pc.i
            named.append(pc)
            pobj = _prep_objects(pc)
            if not pobj and pc.dep_ == "prt":  # "clash over the efforts" parsed as particle + object
                pobj = [o for o in pc.head.children if o.dep_ in {"dobj", "obj"} and o.i > pc.i]
            if words is not None:
                pobj = [o for o in pobj if _word_in(o, words)]
                if not pobj:
                    ok = False
                    break
                slot = pobj
            if k == p.source_prep:
                source_heads.extend(_prep_objects(pc))
            elif pc.dep_ != "prt" and p.target_prep in (None, k):
                targets.extend(pobj)
            last = max(last, pc, key=lambda t: t.i)
            hosts = hosts + pobj
        if not ok:
            continue
        region = slot or [tok]  # no slot: the words may be anywhere below the predicate
        if p.extra and not all(any(_word_in(t, ws) for s in region for t in s.subtree) for ws in p.extra):
            continue
        if p.target_prep is not None and p.target_prep >= 0:  # the target is only where the pattern says
            targets = [t for t in targets if any(t.i in {x.i for x in _prep_objects(n)} for n in named
                                                 if p.preps.index(n.lower_) == p.target_prep)] or targets
        return _Match(p, targets, slot + filler, last, named if p.target_prep == -1 else [], before, source_heads)
    return None


# ---------------------------------------------------------------------------- roles


def _subject(verb: Token, depth: int = 0) -> tuple[list[Token], bool]:
    """The subject tokens of `verb` and whether they were inherited from a governing clause."""
    subj = [c for c in verb.children if c.dep_ in _SUBJECTS]
    subj += [o for c in verb.children if c.dep_ == "mark" and c.lower_ == "for" for o in _prep_objects(c)]
    if not subj and verb.lower_ in STATIVE_PARTICIPLES:  # "Vietnam is committed to", "forces were engaged in"
        subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if subj:
        if subj[0].lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return [_relative_antecedent(verb.head, subj[0])], True
        return subj, False
    if depth > 4 or verb.head is verb:
        return [], False
    head = verb.head
    if verb.dep_ in {"acl", "relcl"} and head.dep_ == "attr" and head.head.lemma_ == "be" \
            and any(c.lower_ in RANK_WORDS for c in head.children):
        # "Qatar was the first Arab state to recognize": the subject of the copula did it
        return [c for c in head.head.children if c.dep_ == "nsubj"], True
    if verb.dep_ == "relcl":  # "the country which attacked" has its subject as a relative pronoun
        return [head], True
    if verb.dep_ == "xcomp":
        raised = [c for c in head.children if c.dep_ == "nsubjpass"]
        if raised:  # "Gollum was seen to break into": the raised subject
            return raised, True
        obj = [c for c in head.children if c.dep_ in {"dobj", "obj"}]
        if obj and head.lemma_.lower() in OBJECT_CONTROL:  # object control: "urged Syria to talk"
            return obj, True
        s, _ = _subject(head, depth + 1)
        return s, True
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in {"VERB", "AUX", "ADJ"}:
        # "resorted to throwing", "guilty of violating": the doer of the governing word; with an object
        # or a passive subject it is that one ("accused X of violating", "X was arrested for spying");
        # "by striking it, NATO has reduced ...": the means are the subject's
        gov = head.head
        doer = [c for c in gov.children if c.dep_ in {"dobj", "obj", "nsubjpass"}]
        if doer and gov.lower_ not in STATIVE_PARTICIPLES and head.lower_ != "by":
            return doer, True
        s, _ = _subject(gov, depth + 1)
        return s, True
    if verb.dep_ in {"conj", "advcl", "xcomp", "acl", "acomp", "pcomp"} and head.pos_ in {"VERB", "AUX", "ADJ"}:
        s, _ = _subject(head, depth + 1)
        if not s and verb.dep_ == "conj" and not _is_passive(verb):  # "was indicted ... and will resign"
            s = [c for c in head.children if c.dep_ == "nsubjpass"]
        return s, True
    if verb.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"} and head.lower_ in DOCUMENT_NOUNS:
        gov = _light_verb(head) or (head.head if head.dep_ in {"dobj", "obj"} else None)
        if gov is not None:  # "issued a declaration demanding": the issuer demands
            s, _ = _subject(gov, depth + 1)
            return s, True
        return [], False
    if verb.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"} and (verb.tag_ == "VBG" or _finite_acl(verb)):
        return [head], True  # "demonstrators protesting the results": the demonstrators protest
    if verb.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"} and head.lower_ not in INTENT_NOUNS:
        return [], False
    if verb.dep_ == "acl":  # "an intention to send": the one who has the intention
        lv = _light_verb(head)
        if lv is not None:
            s, _ = _subject(lv, depth + 1)
            return s, True
    return [], False


def _relative_antecedent(noun: Token, pronoun: Token) -> Token:
    """What "who" stands for: the noun the clause hangs from, unless that is a place the parser
    attached it to ("the protesters in that country, who hit the streets": the protesters)."""
    def place(t: Token) -> bool:
        return t.ent_type_ in {"GPE", "LOC", "FAC"} or t.lemma_.lower() in PLACE_NOUNS

    if pronoun.lower_ not in {"who", "whom"} or not place(noun):
        return noun
    for t in reversed(noun.sent[: noun.i - noun.sent.start]):  # the nearest phrase before it that is no place
        if t.pos_ in {"NOUN", "PROPN"} and t.dep_ in {"pobj", "nsubj", "dobj", "obj", "appos"} and not place(t):
            return t
    return noun


def _finite_acl(verb: Token) -> bool:
    """A past form parsed as a participle on a noun but coordinated with a finite past verb: the
    parser lost the clause ("Doctors from aid groups donated and delivered goods"), the noun is its
    subject, not its object."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and any(c.dep_ == "conj" and c.tag_ == "VBD"
                                                            for c in verb.children)


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ == "acl" and not _finite_acl(verb)
    ) or (  # "..., aided by coverage on Al-Jazeera", "Arrested in 2009, he ...": a participle clause
        verb.tag_ == "VBN" and verb.dep_ == "advcl" and not any(c.dep_ in {"aux", "nsubj"} for c in verb.children)
    ) or (  # "was shot and killed by a police officer": the second participle shares the passive
        verb.tag_ == "VBN" and verb.dep_ == "conj" and verb.head.tag_ == "VBN"
        and not any(c.dep_ in {"aux", "nsubj", "nsubjpass"} for c in verb.children)
        and any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.head.children)
    )


def _speech_governor(verb: Token) -> Token | None:
    """The speech verb whose reported content `verb` is ("Lavrov said they would ...")."""
    t = verb
    for _ in range(4):
        if t.dep_ in {"ccomp", "parataxis"} and t.head.lemma_.lower() in SPEECH_VERBS:
            return t.head
        if t.head is t:
            return None
        t = t.head
    return None


def _resolve_pronoun(tok: Token, verb: Token, index: dict[int, Actor]) -> list[Actor]:
    """A pronoun subject `dyads.coref` left to the clause: "Russia and the United States said they would":
    every actor of the subject of the verb whose content this clause is (coref names one actor per pronoun)."""
    sp = verb.head if verb.dep_ == "ccomp" and verb.head.pos_ in {"VERB", "AUX"} else _speech_governor(verb)
    if sp is not None:
        subj, _ = _subject(sp)
        return _actors_in(subj, index)
    return []


def _clause_of(noun: Token) -> Token | None:
    """The verb a noun event hangs from through prepositions ("at the start of talks with X, he said"),
    or the light verb of the noun it modifies ("launched a mediation effort")."""
    t = noun
    for _ in range(6):
        if t.head is t:
            return None
        if t.dep_ in {"dobj", "obj", "attr"} and any(x in LIGHT_VERBS for x in _stems(t.head)):
            return t.head
        if t.dep_ not in {"pobj", "prep", "nmod", "compound", "conj", "appos", "npadvmod"}:
            return None
        t = t.head
        if t.pos_ in {"VERB", "AUX"}:
            return t
    return None


# ---------------------------------------------------------------------------- the coder


def _phrase_actors(verb: Token, index: dict[int, Actor], skip: set[int], pass_over: int = 0) -> list[Actor]:
    """The actors of the first of a verb's objects and prepositional phrases (in text order) that has one,
    after `pass_over` such phrases (PETRARCH's `^ $`)."""
    heads = [c for c in verb.children if c.dep_ in {"dobj", "obj", "dative"}]
    heads += [o for c in sorted(verb.children, key=lambda c: c.i) if c.dep_ in {"prep", "agent", "dative"}
              and not _is_time(c) for o in _prep_objects(c)]
    heads += [o for h in list(heads) for c in h.children if c.dep_ == "prep" and not _is_time(c)
              for o in _prep_objects(c)]
    for h in heads:
        if h.i in skip:
            continue
        found = _actors_in([h], index, skip)
        if found and pass_over > 0:
            pass_over -= 1
        elif found:
            return found
    return []


def _pattern_roles(cand: Candidate, verb: Token, m: _Match, index: dict[int, Actor]) -> Candidate:
    """PETRARCH's roles when the subject is not the source: a pattern naming the source elsewhere
    ("X was freed from Y", `+ * (FROM $)`), a pattern making the subject the target (`+ *`), or an
    agentless passive ("X was shot dead in Y"): the subject is the target, the source is the named
    phrase, else the first of the verb's objects and prepositional phrases holding an actor."""
    p = m.pattern
    subj = [c for c in verb.children if c.dep_ in {"nsubjpass", "nsubj"}]
    # "The Philippines was heavily criticized", parsed with the subject on the auxiliary
    subj = subj or [c for a in verb.children if a.dep_ in {"aux", "auxpass"} for c in a.children
                    if c.dep_ in {"nsubjpass", "nsubj"}]
    if not subj and verb.dep_ == "acl":
        subj = [verb.head]
    # `+ HOSTING * ...`: the target precedes the pattern's words before the verb, so when one of them is a
    # verb of its own ("X will be hosting Y to celebrate ..."), the target is that verb's subject, X, even
    # when the parser makes Y the subject of the verb
    before_verbs = sorted((verb.doc[i] for i in m.before if verb.doc[i].pos_ in {"VERB", "AUX"}), key=lambda t: t.i)
    if p.target_before_words and before_verbs:
        subj = _subject(before_verbs[0])[0] or subj
    if not subj:
        subj, _ = _subject(verb)
    skip = {t.i for h in subj for t in h.subtree}
    cand.target = _actors_in(subj, index)
    sources = _actors_in(m.source_heads, index) if m.source_heads else []
    why = "source from the pattern's phrase"
    if not sources and p.before and p.source_prep is None:  # "NOTED + *": the one who noted acts on the subject
        gov = verb.head
        while gov is not verb and gov.head is not gov and gov.pos_ not in {"VERB", "AUX"}:
            gov = gov.head
        if gov is not verb and gov.pos_ in {"VERB", "AUX"}:
            sources = _actors_in(_subject(gov)[0], index)
            why = f"source: the subject of '{gov.text}'"
    if not sources:
        sources = _phrase_actors(verb, index, skip, p.source_skip)
        passive = p.source_prep is None and not p.before
        why = "source from the verb's phrases" + (" (agentless passive)" if passive else "")
    cand.modifiers.append(why)
    cand.source = [a for a in sources if a not in cand.target]
    if not cand.target:
        cand.dropped = "no target actor (the subject holds none)"
    elif not cand.source:
        cand.dropped = "no known actor as source in the verb's phrases"
    cand.target = [a for a in cand.target if a.code not in {s.code for s in cand.source}]
    if not cand.dropped and not cand.target:
        cand.dropped = "source and target are the same actor"
    cand.confidence -= 0.15
    return cand


def _code_candidate(tok: Token, m: _Match, index: dict[int, Actor], vd: VerbDictionary) -> Candidate:
    p = m.pattern
    cand = Candidate(tok, p, code=p.code, slot_ids={h.i for h in m.slot_heads} | m.before)
    light = _light_verb(tok)
    first = light if light is not None and light.i < tok.i else tok
    cand.trigger = (first.i, max(m.last.i, tok.i) + 1)
    if p.code == NO_EVENT:
        cand.dropped = "the pattern says this is not an event"
        return cand
    kids = {c.dep_ for c in tok.children}
    if tok.lemma_.lower() in WANT_VERBS and not (({"dobj", "obj"} & kids and "xcomp" in kids) or any(
            c.dep_ in {"ccomp", "xcomp"} and any(s.dep_ == "nsubj" for s in c.children) for c in tok.children)):
        cand.dropped = "wanting to act oneself is intent, not an appeal"
        return cand
    if vd.modality and p.lemma == "hope" and p.code[:2] == "01" and any(
            c.dep_ == "xcomp" and not any(s.dep_ == "nsubj" for s in c.children) for c in tok.children):
        cand.dropped = "hoping to act oneself is no comment on anyone"  # "rebels hoping to topple X"
        return cand
    if vd.modality and tok.lemma_.lower() == "add" and tok.pos_ == "VERB" and not any(
            c.dep_ in {"ccomp", "parataxis"} for c in tok.children) and tok.dep_ not in {"parataxis", "ccomp"}:
        cand.dropped = "'add' with nothing said: adding a thing is no statement"
        return cand
    if vd.modality and p.code[:2] == "14" and tok.lemma_.lower() in {"demonstrate", "rally", "march"} and any(
            c.dep_ in {"dobj", "obj", "ccomp"} and c.i not in index for c in tok.children) and not p.obj:
        cand.dropped = "a protest verb with an object is another sense ('demonstrated its commitment')"
        return cand
    if vd.modality and tok.lemma_.lower() == "help" and any(c.dep_ in {"xcomp", "ccomp"} for c in tok.children):
        cand.dropped = "help to do something: the act helped with is coded, not aid"
        return cand
    if not p.preps and p.obj is None:
        cand.confidence -= 0.15
    is_noun = tok.pos_ in {"NOUN", "PROPN"}
    verb: Token | None = tok if not is_noun else light
    subj_heads: list[Token] = []
    inherited = False
    extra_targets: list[Token] = []
    if verb is not None and verb is tok and (p.source_prep is not None or p.subject_role == "target"):
        return _pattern_roles(cand, tok, m, index)
    if verb is not None:
        stative = verb.lower_ in STATIVE_PARTICIPLES and not any(c.dep_ == "agent" for c in verb.children)
        if _is_passive(verb) and verb is tok and not stative:
            subj_heads = [o for c in verb.children if c.dep_ == "agent" for o in _prep_objects(c)]
            extra_targets = [c for c in verb.children if c.dep_ == "nsubjpass"]
            # "X was shot and killed by Y": the agent and the patient are shared by the joined participles
            joined = [verb.head] if verb.dep_ == "conj" and verb.head.tag_ == "VBN" else \
                [c for c in verb.children if c.dep_ == "conj" and c.tag_ == "VBN" and _is_passive(c)]
            for j in joined:
                subj_heads = subj_heads or [o for c in j.children if c.dep_ == "agent" for o in _prep_objects(c)]
                extra_targets = extra_targets or [c for c in j.children if c.dep_ == "nsubjpass"]
            if verb.dep_ == "acl" and not extra_targets:
                extra_targets = [verb.head]
            if verb.dep_ == "advcl" and not extra_targets:  # "Backed by NATO, the rebels ...": the rebels
                extra_targets = [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
            withdrawn = verb.lemma_.lower() in {"withdraw", "pull", "ship"} and p.code[:2] in {"08", "16"}
            if not subj_heads and (p.code.startswith("087") or withdrawn):
                # "guerrillas were demobilized", "peacekeepers were shipped out": they de-escalate, withdraw
                subj_heads, extra_targets = [c for c in verb.children if c.dep_ == "nsubjpass"], []
            if not subj_heads and vd.passive_source_in_phrase:
                return _pattern_roles(cand, tok, m, index)
            if not subj_heads and vd.modality:
                implied = _implied_state(tok, p.code, _actors_in(extra_targets, index), index)
                if implied is not None:
                    cand.source, cand.target = [implied], _actors_in(extra_targets, index)
                    cand.confidence -= 0.3
                    cand.modifiers.append(f"implied agent: the state where it happened ({implied.code})")
                    return _finish_meaning(cand, tok, verb, m, p, vd)
            if not subj_heads:
                cand.dropped = "passive without an agent"
                cand.target = _actors_in(extra_targets, index)
                return cand
        else:
            subj_heads, inherited = _subject(verb)
    else:
        subj_heads = [c for c in tok.children if c.dep_ == "poss"]
        subj_heads += [o for c in tok.children if c.dep_ in {"prep", "agent"} and c.lower_ == "by"
                       for o in _prep_objects(c)]
        own = [c for c in tok.children if c.dep_ in {"compound", "amod"} and c.i in index]
        subj_heads += own
        between = [c for h in (tok, tok.head) for c in h.children if c.dep_ == "prep" and c.lower_ == "between"]
        symmetric = p.code[:2] in SYMMETRIC_ROOTS or p.code[:3] in SYMMETRIC_CODES
        if not subj_heads and between and symmetric and vd.modality and p.code[:3] != "045" \
                and not _carried(tok, index):
            # "clashes between security forces and protesters", "talks between X and Y": the one with the others
            sides = _actors_in(_prep_objects(between[0]), index)
            if len({a.code for a in sides}) >= 2:
                cand.source, cand.target = sides[:1], sides[1:]
                cand.confidence -= 0.15
                cand.modifiers.append("between: the first with the others")
                return _finish_meaning(cand, tok, None, m, p, vd)
        if not subj_heads and p.code[:2] in CONSULT_NOUN_ROOTS:
            clause = _clause_of(tok)
            if clause is not None:
                verb = clause
                subj_heads, inherited = _subject(clause)
                inherited = True
        if not subj_heads:
            cand.dropped = "event noun without an agent"
            return cand
        cand.confidence -= 0.15
    if inherited:
        cand.confidence -= 0.1
    exclude = {t.i for h in m.slot_heads for t in h.subtree} if subj_heads and m.slot_heads else set()
    sources = _actors_in(subj_heads, index, skip=exclude - {t.i for h in subj_heads for t in h.subtree})
    possessive = getattr(index, "possessive", {})
    if not sources and verb is None and subj_heads and subj_heads[0].i in possessive:
        sources = [possessive[subj_heads[0].i]]  # "his calls for": the event noun's owner acts
    if not sources and subj_heads and subj_heads[0].lower_ in PERSONAL_PRONOUNS and verb is not None:
        sources = _resolve_pronoun(subj_heads[0], verb, index)
    if sources and subj_heads and (subj_heads[0].lower_ in PERSONAL_PRONOUNS or subj_heads[0].i in possessive):
        cand.modifiers.append("pronoun")
        cand.confidence -= 0.1
    if not sources and vd.new_actor_length:
        sources = [a for a in (_new_actor(h, index, vd) for h in subj_heads) if a is not None]
    if not sources:
        who = " ".join(t.text for t in subj_heads[:1]) or "none"
        cand.dropped = f"no known actor as source (subject: {who})"
        return cand
    cand.source = sources
    subj_ids = {t.i for h in subj_heads for t in _phrase_tokens(h)}
    levels: list[list[Token]] = [extra_targets, m.target_heads]
    # PETRARCH's `AT ^ +`: the phrase after "at" is passed over, the target is the one hanging from it
    levels.append([o for n in m.named for po in _prep_objects(n) for c in po.children
                   if c.dep_ == "prep" and not _is_time(c) for o in _prep_objects(c)])
    hosts = [tok] + ([light] if light is not None else [])
    # the object, except the thing a pattern names ("send military hardware to X": X, not the hardware)
    things = {f.i for f in m.slot_heads if p.obj is not None and f.dep_ in {"dobj", "obj"}}
    objects = [c for h in hosts for c in h.children if c.dep_ in {"dobj", "obj", "dative", "attr", "oprd"}]
    levels.append([o for c in objects for o in ([c] if c.i not in things else
                   [po for x in c.children if x.dep_ == "prep" and x.lower_ in _RECIPIENT_PREPS
                    for po in _prep_objects(x)])])
    speech = tok.lemma_.lower() in SPEECH_VERBS
    for c in [] if speech else _to_clauses(hosts):  # who is spoken about is not who is spoken to
        levels.append([s for s in c.children if s.dep_ in {"nsubj", "nsubjpass"}])
        levels.append([o for x in c.children if x.dep_ == "dative" or (x.dep_ == "prep" and x.lower_ in {"to", "into"})
                       for o in ([x] if x.dep_ == "dative" and x.pos_ != "ADP" else _prep_objects(x))])
        levels.append([s for s in c.children if s.dep_ in {"dobj", "obj"}])
    # each prepositional phrase on its own, in text order: the first with an actor is the target
    skip_named = {n.i for n in m.named}  # PETRARCH's "+" after the named phrases: the target is elsewhere
    preps = sorted((c for h in hosts for c in h.children if c.dep_ in {"prep", "dative"} and c.lower_ != "by"
                    and c.i not in skip_named), key=lambda c: c.i)
    levels.extend(_prep_objects(c) for c in preps)
    levels.append(m.slot_heads)
    # a slot filled inside the complement ("vowed to wage war on X"): that verb's phrases
    levels.extend(_prep_objects(c) for h in m.slot_heads if h.head.i != tok.i and h.head.dep_ == "xcomp"
                  for c in h.head.children if c.dep_ == "prep")
    # a pattern that says where the target is (PETRARCH's `ABOUT +`, our `>with`) has none elsewhere
    named_target = p.target_prep is not None and p.target_prep >= 0 and bool(m.target_heads)
    own_codes = {a.code for a in sources} if len({a.code for a in sources}) == 1 and not vd.modality else set()
    for heads in levels[:2] if named_target else levels:
        heads = [h for h in heads if h.i not in subj_ids]
        # the source again ("he" for Sam in "Sam began to question whether he ...") is no target: look further
        found = [a for a in _actors_in(heads, index) if a not in sources and a.code not in own_codes]
        if not found and vd.new_actor_length:  # PETRARCH: the first noun phrase in a target's place
            found = [a for a in (_new_actor(h, index, vd) for h in heads[:1]) if a is not None]
        if found:
            cand.target = found
            break
    src_codes = {a.code for a in sources}
    if not cand.target and not speech and not named_target:  # then the first actor after the predicate ("in Bree")
        after = sorted(t.i for h in hosts for t in h.subtree if t.i > tok.i and t.i not in subj_ids)
        for i in after:
            a = index.get(i)
            if a is not None and a not in sources:
                t = tok.doc[i]
                if any(x.dep_ in _CLAUSE_DEPS - {"acl"} for x in [t, *t.ancestors] if x.i > tok.i) and not (
                        vd.modality and p.code[:2] in CONTENT_TARGET_ROOTS):
                    break  # inside a clause of its own: not this predicate's target (unless that clause is what is
                    # asked, meant, refused or threatened: "threatened to pull the rug from under his government")
                cand.target = [a]
                cand.confidence -= 0.2
                break
    if not cand.target and not named_target:  # last resort: the first actor of a clause on the object
        objs = [c for h in hosts for c in h.children if c.dep_ in {"dobj", "obj"}]
        clauses = [c for o in objs for c in o.children if c.dep_ in {"acl", "relcl", "ccomp"}]
        # "X noted that Y ...", not "Y ..., X said": the clause follows the verb
        said = [c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i] if speech and not vd.modality else []
        if tok.lemma_.lower() not in SPEECH_VERBS:  # what is said is not whom it is said to (in our rules)
            clauses += [c for c in tok.children if c.dep_ == "ccomp"]
            # the clause of a pattern's slot verb: "began to question whether he has a future with X"
            clauses += [c for h in m.slot_heads if h.pos_ in {"VERB", "AUX"} for c in h.children if c.dep_ == "ccomp"]
        below = sorted({t.i for c in clauses + said for t in c.subtree} - subj_ids)
        for i in below:
            a = index.get(i)
            if a is not None and a not in sources and a.code not in src_codes:
                cand.target = [a]
                cand.confidence -= 0.15
                if said and any(i in {t.i for t in c.subtree} for c in said):
                    cand.modifiers.append("target from what was said")  # PETRARCH: X said Y ... -> X to Y
                break
    # a target is dropped when it is the source itself; "Arnor and Gondor ... reconciliation between
    # Calenardhon and Gondor" keeps Gondor as a target of Arnor (the scorer and exports skip Gondor -> Gondor)
    cand.target = [a for a in cand.target if a.code not in src_codes or len(src_codes) > 1]
    # "Gondor and Osgiliath met": each with the other
    if p.subject_role == "both" and len(src_codes) > 1:  # PETRARCH's `% *`: the subject's actors with each other
        cand.target = []
    # "X and Y met" is reciprocal, "X and Y said" is not; PETRARCH's dictionaries mark reciprocity (`% *`)
    # and only acts done together are ("X and Y met/signed/fought"): "X and Y support Z" or "... damaged" are not
    symmetric = p.code[:2] in SYMMETRIC_ROOTS or p.code[:3] in SYMMETRIC_CODES or not vd.modality
    if p.code[:2] == "03" and tok.lemma_.lower() not in {"agree"}:
        symmetric = False  # "X and Y agreed to cooperate" is mutual; "X and Y are willing to chip in" is not
    if p.code[:2] in {"19", "20"} and tok.lemma_.lower() not in MUTUAL_FIGHT_WORDS:
        symmetric = False  # "X and Y clashed" is mutual; "al Qaeda militants attacked" is not
    # a partner named in a phrase the actors do not cover ("signed deals with Cheniere") is the other side
    partner = any(c.dep_ == "prep" and c.lower_ in {"with", "against", "between"} for h in hosts for c in h.children)
    implicit = (vd.implicit_reciprocal and not speech and symmetric and not partner) or p.subject_role == "both"
    if not cand.target and len(src_codes) > 1 and not p.code.startswith("01") and implicit:
        cand.target = list(sources)
        cand.modifiers.append("reciprocal")
    if not cand.target:
        cand.confidence -= 0.1
        if vd.require_target:
            cand.dropped = "no target actor (this dictionary codes dyads only)"
            return cand
        if vd.petrarch_one_sided and not any(
                c.dep_ in {"dobj", "obj", "dative", "attr"} or (c.dep_ == "prep" and _prep_objects(c))
                for h in hosts for c in h.children):
            cand.dropped = "no target actor and no noun phrase after the verb to stand as '---' (PETRARCH-1)"
            return cand
    return _finish_meaning(cand, tok, verb, m, p, vd)


def _finish_meaning(cand: Candidate, tok: Token, verb: Token | None, m: _Match, p: VerbPattern,
                    vd: VerbDictionary) -> Candidate:
    """Negation, sense and modality of a candidate whose roles are set (section 3 of the module docstring)."""
    clause_verb = verb if verb is not None else tok
    # a pattern that names the negation itself ("&NEGATVAUXVRB * OVER EFFORTS") has coded it already
    consumed = any(tok.doc[i].lower_ in NEGATORS for i in m.before)
    neg = None if consumed else negation(clause_verb, tok)
    for i in [] if neg or consumed or p.before_nouns else sorted(m.before):  # "will not wire tap": on its first word
        neg = negation(tok.doc[i], tok.doc[i]) if tok.doc[i].pos_ in {"VERB", "AUX"} else None
        if neg:
            break
    if neg:
        cand.negated = True
        code = vd.negations.get(cand.code or "") if vd.negations else negated_code(cand.code or "")
        if code is None or neg.startswith("under"):
            cand.dropped = f"{neg}: not the positive event"
            return cand
        cand.modifiers.append(f"{neg} -> {code}")
        cand.code = code
    if vd.modality and (cand.code or "")[:2] in {"18", "19"} and verbal_attack(tok, cand.source, cand.target):
        cand.modifiers.append("verbal: no weapon, political actors -> 111")
        cand.code = "111"
    if vd.modality and (cand.code or "")[:3] == "143" and tok.pos_ == "NOUN" and armed(cand.source):
        cand.modifiers.append("a strike by armed forces is an attack -> 190")  # "a NATO strike in Majer"
        cand.code = "190"
    mode, word = modality(clause_verb)
    if mode == "modal" and vd.modality:
        cand.dropped = f"hypothetical ('{word}')"
        return cand
    cooperative = "03" <= (cand.code or "")[:2] <= "08"
    if mode == "threat" and not cand.negated and vd.modality:
        # "will boycott unless ..." is a threat; "would meet if ..." a conditional offer (intent)
        new = intent_code(cand.code or "")
        new = new if new[:2] == "13" or cooperative else "130"
        cand.modifiers.append(f"conditional ('{word}') -> {new}")
        cand.code = new
    if mode == "intent" and not cand.negated and vd.modality and (word or "").lower() in POSTURE_WORDS \
            and (cand.code or "")[:2] in {"18", "19", "20"}:
        cand.modifiers.append(f"prepared ('{word}') -> 150")  # readying force is posture, not a verbal threat
        cand.code = "150"
    elif mode == "intent" and not cand.negated and vd.modality:
        new = intent_code(cand.code or "")
        if new != cand.code:
            cand.modifiers.append(f"intent ('{word}') -> {new}")
            cand.code = new
    cand.confidence = max(0.05, min(1.0, cand.confidence))
    return cand


def _carried(noun: Token, index: dict[int, Actor]) -> bool:
    """ "launched a mediation effort between X and Y": a verb with an actor as subject carries the noun."""
    carrier = _clause_of(noun)
    return carrier is not None and bool(_actors_in(_subject(carrier)[0], index))


def _implied_state(tok: Token, code: str, targets: list[Actor], index: dict[int, Actor]) -> Actor | None:
    """ "Four French journalists were arrested in Cairo": arrests, detentions, expulsions and releases are
    acts of the state where they happen (its police for coercion, its government for a release). The state
    is the country of a place named in the clause's setting ("in Cairo"); none named, no event."""
    if not targets or not (code[:2] == "17" or code[:3] in {"084"}):
        return None
    for c in tok.children:
        if c.dep_ != "prep" or c.lower_ not in {"in", "at", "near", "outside", "inside"}:
            continue
        for o in _prep_objects(c):
            a = index.get(o.i)
            if a is not None and a.kind in PLACE_KINDS and a.country \
                    and all(t.country != a.country or t.sector for t in targets):
                sector = "COP" if code[:2] == "17" else "GOV"
                return Actor(text=a.text, start=a.start, end=a.end, code=a.country + sector, country=a.country,
                             sector=sector, kind="implied",
                             source=f"the state where '{tok.text}' happened ('{a.text}'): {a.country}{sector}")
    return None


def _date_and_place(
    doc: Doc, trigger: DocSpan, coded: CodedArticle
) -> tuple[str | None, str | None, str | None, Location | None]:
    """Date (ISO), its precision and text, and the location of an event.

    The one place where event dating and placing is decided: `resolve_event_date` (the governing
    time expression, else the publication date) and `resolve_event_location` (the clause's place, else
    the sentence's, else the dateline's).
    """
    article = coded.article
    date = precision = text = None
    found = resolve_event_date(doc, trigger.start_char, trigger.end_char, coded.times, article)
    if found is not None and found.date:
        date, precision, text = found.date, found.precision, found.text
    if date is None and article.publication_date:
        date, precision = article.publication_date.isoformat(), "day"
    location = resolve_event_location(doc, trigger.start_char, trigger.end_char, coded.places, coded.location)
    return date, precision, text, location


def _ontology_entry(res: Resources, code: str) -> CameoCode:
    """The codebook entry; codes outside CAMEO (PETRARCH's test dictionaries use WEIS-style
    codes) get a neutral entry rather than failing the article."""
    try:
        return res.ontology.get(code)
    except KeyError:
        root = code[:2]
        quad = 1 if root <= "05" else 2 if root <= "08" else 3 if root <= "13" else 4
        return CameoCode(code, root, f"code {code} (not in CAMEO)", 0.0, quad, None, None, None)


GENERIC_CODES = {"020", "100", "030", "120", "130", "131", "138", "112", "141", "142", "143", "144", "145",
                 "019", "036"}
# what an appeal (02) or demand (10) is for, by the code of the act asked for; longest prefix wins
_ASKED = {
    "04": "6", "045": "8", "05": "2", "057": "7", "037": "7",
    "06": "1", "061": "11", "062": "12", "063": "13", "064": "14",
    "07": "3", "071": "31", "072": "32", "073": "33", "074": "34",
    "08": "5", "081": "51", "082": "52", "083": "4", "0831": "41", "0832": "42", "0833": "43", "0834": "44",
    "084": "53", "085": "54", "086": "55", "087": "56",
}
# the act an appeal or demand asks for, by its last digits (0234 -> 074), for rejected appeals
_ASKED_ACT = {tail: act for act, tail in _ASKED.items() if len(tail) == 2}
# what a rejection (12) refuses, by the code of the act refused
_REFUSED = {
    "04": "125", "045": "126", "057": "127", "037": "127", "075": "1223",
    "06": "121", "061": "1211", "062": "1212", "063": "1213",
    "07": "122", "071": "1221", "072": "1222", "073": "1223", "074": "1224",
    "08": "124", "081": "1241", "082": "1242", "083": "123", "0831": "1231", "0832": "1232", "0833": "1233",
    "0834": "1234", "084": "1243", "085": "1244", "086": "1245", "087": "1246",
}


# what an accusation (112) is of, by the code of the act alleged ("accused X of violating the truce")
_ALLEGED = {
    "17": "1122", "171": "1121", "18": "1121", "182": "1122", "19": "1123", "196": "1123", "20": "1124",
}
# what a protest (14x) is for, by the code of what its protesters ask or what they demand be done:
# leadership change 1, policy change 2, rights 3, institutions or regime 4 (CAMEO 1411-1454)
# (general "reform" (024, 034, 083, 104) says nothing here: the words decide, "democratic reforms" 4,
# other reforms policy 2)
_PURPOSE = {
    "0241": "1", "0242": "2", "0243": "3", "0244": "4", "0252": "3",
    "0341": "1", "0342": "2", "0343": "3", "0344": "4",
    "0831": "1", "0832": "2", "0833": "3", "0834": "4",
    "1041": "1", "1042": "2", "1043": "3", "1044": "4", "1052": "3",
}


# the words that say what a protest is for when no coded content does (CAMEO 1411-1454 by what is
# demanded: leadership 1, policy 2, rights 3, institutions or regime 4)
_PURPOSE_WORDS = {
    "resignation": "1", "ouster": "1", "removal": "1", "overthrow": "1", "resign": "1", "dismissal": "1",
    "reinstate": "1", "reinstatement": "1", "impeachment": "1",
    "policy": "2", "law": "2", "bill": "2", "decision": "2", "tax": "2", "price": "2", "austerity": "2",
    "reform": "2", "democratic": "4",
    "right": "3", "freedom": "3", "liberty": "3",
    "democracy": "4", "constitution": "4", "independence": "4", "autonomy": "4", "referendum": "4", "regime": "4",
}


def protest_purpose_from_words(protest: str, lemmas: Iterable[str]) -> str:
    """A protest code made specific by the first word that says what it is for (143 + "bill" -> 1432)."""
    if len(protest) != 3 or protest[:2] != "14" or protest == "140":
        return protest
    for w in lemmas:
        if w in _PURPOSE_WORDS:
            return protest + _PURPOSE_WORDS[w]
    return protest


def protest_purpose(protest: str, contents: Iterable[str]) -> str:
    """A protest code made specific by the first content that says what it is for (141 + 1041 -> 1411)."""
    if len(protest) != 3 or protest[:2] != "14" or protest == "140":
        return protest
    for code in contents:
        digit = _longest(_PURPOSE, code)
        if digit:
            return protest + digit
    return protest


def _longest(table: dict[str, str], code: str) -> str | None:
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def refine_code(generic: str, content: str) -> str:
    """A general appeal, demand, intent, rejection or threat made specific by what it is about.

    refine_code("020", "0841") == "0253" (appeal for release); refine_code("030", "0831") == "0341".
    """
    root = generic[:2]
    if root == "02" and content[:3] in {"051", "052"}:  # "urged X to support Y": rallying support for Y (053)
        return "053"
    if root in {"02", "10"}:
        tail = _longest(_ASKED, content)
        if tail is None:
            return generic
        return ("02" if root == "02" else "10") + tail
    if generic == "019":  # "agreed that they should cooperate": intent to cooperate
        new = intent_code(content)
        return new if "04" <= content[:2] <= "08" and new[:2] == "03" else generic
    if generic == "036":  # "will visit X to mediate": mediation takes precedence over the visit
        return "039" if content[:3] == "045" else generic
    if root == "03" and content[:3] in {"055", "056"}:  # "willing to forgive": the forgiveness is said
        return content
    if root == "03":  # "plans to send aid" -> 0331; "plans to impose restrictions" -> 1321
        new = intent_code(content)
        return new if new[:2] in {"03", "13"} else generic
    if root == "12":
        if content[:2] in {"02", "10"} and len(content) > 3:  # "rejected a call for peacekeepers": refuse them
            act = _ASKED_ACT.get(content[2:])
            if act:
                return _longest(_REFUSED, act) or generic
        return _longest(_REFUSED, content) or generic
    if root == "13":
        new = intent_code(content)
        return new if new[:2] == "13" else generic
    if generic == "112":  # "accused X of shelling" -> accuse of aggression
        return _longest(_ALLEGED, content) or generic
    if root == "14":
        return protest_purpose(generic, [content])
    return generic


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


def find_candidates(sent: DocSpan, index: dict[int, Actor], vd: VerbDictionary,
                    policy: EventPolicy = DEFAULT_POLICY) -> list[Candidate]:
    """Every predicate of a sentence with its coding or the reason it was dropped."""
    out: list[Candidate] = []
    deleted = comma_clauses(sent, vd.comma_clauses) if vd.comma_clauses else set()
    if deleted:  # PETRARCH-1: a deleted clause holds neither predicates nor actors
        index = {i: a for i, a in index.items() if i not in deleted}
    for tok in sent:
        if tok.pos_ not in {"VERB", "NOUN", "AUX", "PROPN", "ADJ"}:
            continue
        if tok.i in deleted and _patterns_for(tok, vd):
            out.append(Candidate(tok, dropped="inside a comma-delimited clause (deleted, PETRARCH's comma_* options)"))
            continue
        if tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ == "compound" and tok.head.lemma_.lower() not in EVENT_CARRIERS:
            continue  # a modifier of another noun ("riot police", "aid groups", "bomb attack") is no event
        if not _patterns_for(tok, vd):
            continue
        m = _match(tok, vd)
        if m is None:
            out.append(Candidate(tok, dropped="no pattern of this word matches here"))
            continue
        out.append(_code_candidate(tok, m, index, vd))
    # a noun that fills a slot of another pattern is part of that act ("lodged a protest with")
    # (with PETRARCH's dictionaries even when that pattern found no actors: "allowed to leave" is one phrase)
    # ("wire" in "wire tap" and "tap" in "wire * TAP" claim each other: neither is dropped for the other)
    for c in out:
        if not c.dropped and any(o is not c and (not o.dropped or (not vd.modality and o.pattern is not None))
                                 and c.token.i in o.slot_ids and o.token.i not in c.slot_ids for o in out):
            c.dropped = "part of the pattern of another predicate"
    if vd.modality:
        _speech_acts(out, index)
        _judged_statements(out, index)
        _namings(out, index)
    # reported speech: the statement verb is coded only when nothing was coded from what was said (our rule;
    # PETRARCH codes both)
    coded = [c for c in out if not c.dropped] if vd.modality else []
    for c in coded:
        if c.pattern is not None and c.pattern.specificity[0] == 0 and c.code == "010" and (
                c.token.lemma_.lower() in SPEECH_VERBS or c.token.lemma_.lower() in DOCUMENT_NOUNS):
            # not when what was said made it a demand or appeal; a statement "calling on X to" is that appeal
            inner = {t.i for t in c.token.subtree} - {c.token.i}
            if any(o is not c and not o.dropped and o.token.i in inner for o in coded):
                c.dropped = "statement verb: the reported content was coded instead"
    # PETRARCH: a statement coded with its target from what was said is the event; what was said is its content
    for c in out:
        if not c.dropped and "target from what was said" in c.modifiers:
            said = {t.i for x in c.token.children if x.dep_ == "ccomp" and x.i > c.token.i for t in x.subtree}
            for o in out:
                if o is not c and not o.dropped and o.token.i in said:
                    o.dropped = f"content of the statement '{c.token.text}'"
    # what is appealed for, demanded, intended, threatened or refused is not itself an act;
    # it refines the code ("urged X to release" -> 0253, "agreed to resign" -> 0341)
    coded = [c for c in out if not c.dropped]
    for c in coded:
        # an accusation's content is what is alleged ("accused X of shelling"); an accord (019) what is
        # agreed ("agreed that they should cooperate"); both with our meaning rules only
        takes_content = (c.code or "")[:2] in CONTENT_ROOTS or ((c.code or "")[:3] in {"112", "019"} and vd.modality)
        if not takes_content or (c.token.lemma_.lower() in SPEECH_VERBS and not c.modifiers):
            continue
        head = _light_verb(c.token) or c.token
        # not the subject, nor a coordinated act ("condemned the attack and promised aid")
        subj = {t.i for s in head.children if s.dep_ in _SUBJECTS | {"conj"} for t in s.subtree}
        region = {t.i for t in (c.content or head).subtree} - subj - {c.token.i}
        inner = [o for o in out if o is not c and o.token.i in region and o.pattern is not None
                 and o.pattern.code != NO_EVENT and not (o.dropped or "").startswith("content of")]
        if c.code == "019" and not any("04" <= o.pattern.code[:2] <= "08" for o in inner if o.pattern
                                       and o.token.pos_ == "VERB"):
            continue  # agreeing that something is so: an opinion, and what it is about stays its own event
        ordered_act = next((o for o in sorted(inner, key=lambda o: o.token.i) if o.pattern and (
            "06" <= o.pattern.code[:2] <= "08" or "14" <= o.pattern.code[:2] <= "20")), None)
        if (vd.modality and ordered_act is not None and c.code == "100" and ordered_act.pattern is not None
                and c.token.lemma_.lower() in ORDER_VERBS):
            # an order for a material act is that act, done by whoever gave the order
            c.code = ordered_act.code if ordered_act.code and not ordered_act.negated else ordered_act.pattern.code
            c.modifiers.append(f"ordered '{ordered_act.token.text}' -> {c.code}")
            if ordered_act.target:
                c.target = [a for a in ordered_act.target if a not in c.source] or c.target
        elif inner and vd.modality and c.code in GENERIC_CODES and (c.pattern is None or
                                                                    c.pattern.specificity[0] <= 1):
            # the first content that says more (an intent inside it only when nothing else does)
            ordered = sorted(inner, key=lambda o: ((o.pattern.code[:2] == "03") if o.pattern else True, o.token.i))
            first, new = ordered[0], c.code or ""
            if (c.code or "")[:2] == "14":  # what the protest is for: any content that says it
                new = protest_purpose(new, [x for o in ordered for x in (o.code or "", o.pattern.code if o.pattern
                                                                            else "")])
            else:  # the first refinement, or a later one that narrows it ("ask to help finance": 023 -> 0231)
                for o in ordered:
                    if (o.dropped or "").lower().startswith(("hypothetical ('if", "hypothetical ('unless")):
                        continue  # "willing to send arms if it is attacked": the attack is not asked for
                    cand_code = refine_code(c.code or "", o.pattern.code if o.pattern else "")
                    if o.negated and (c.code or "")[:2] == "03" and (o.code or "")[:2] == "12":
                        cand_code = o.code or cand_code  # "vowed not to return the land": a refusal
                    if cand_code != c.code and (new == c.code or (cand_code.startswith(new) and cand_code != new)):
                        first, new = o, cand_code
            if new != c.code:
                c.modifiers.append(f"content '{first.token.text}' ({first.pattern.code if first.pattern else ''})"
                                   f" -> {new}")
                c.code = new
        if vd.modality and c.code in {"141", "142", "143", "144", "145"} and (c.pattern is None or
                                                                          c.pattern.specificity[0] <= 1):
            new = protest_purpose_from_words(c.code, [c.token.doc[i].lemma_.lower() for i in sorted(region)])
            if new != c.code:
                c.modifiers.append(f"purpose words -> {new}")
                c.code = new
        for o in inner:
            if not o.dropped:
                o.dropped = f"content of '{c.token.text}' ({c.code}), not an act of its own"
                if not c.target:  # "an intention to send arms to X": the target is X
                    c.target = [a for a in o.target if a not in c.source]
    # PETRARCH-1: a verb inside the clause of a verb coded in the sentence is coded only with a target
    if vd.petrarch_one_sided and not vd.require_target:
        for c in sorted(out, key=lambda c: len(list(c.token.ancestors))):
            if c.dropped or c.target:
                continue
            over = next((o for o in out if o is not c and not o.dropped and o.token.i != c.token.i
                         and _inside_clause_of(c.token, o.token)), None)
            if over is not None:
                c.dropped = f"no target, inside the clause of the coded '{over.token.text}' (PETRARCH-1)"
    if vd.modality:  # our conventions for the events table (dyads.events.filters); PETRARCH's have their own
        _shared_targets(out)
        filter_candidates(out, policy)
    # one event per act: the same code and dyad twice in a sentence is one event
    seen: set[tuple] = set()
    for c in out:
        if c.dropped or c.trigger is None:
            continue
        key = (c.code, tuple(a.code for a in c.source), tuple(a.code for a in c.target))
        if key in seen:
            c.dropped = "duplicate of an event already coded in this sentence"
        seen.add(key)
    return out


@dataclass
class _Placed:
    """A candidate kept after every pass, with the date and place its event gets."""

    cand: Candidate
    date: str | None
    precision: str | None
    date_text: str | None
    location: Location | None


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


def _sentence_states(sent: DocSpan, index: dict[int, Actor]) -> list[Actor]:
    """The actors of a sentence that name a state acting in it (not a place phrase: "in Syria")."""
    out: list[Actor] = []
    for t in sent:
        a = index.get(t.i)
        if a is None or a in out or a.kind not in {"country", "capital", "demonym"}:
            continue
        if t.dep_ == "pobj" and t.head.lower_ in _SETTING_PREPS:
            continue
        out.append(a)
    return out


def _coded_sentences(doc: Doc, coded: CodedArticle, res: Resources, policy: EventPolicy, index: dict[int, Actor]
                     ) -> Iterable[tuple[int, DocSpan, list[Candidate], list[_Placed]]]:
    """Per sentence: every candidate (dropped ones say by which pass) and the kept ones, dated and placed.
    The one path `code_events` and `explain` share, so an explanation is what coding did; `index` is
    the caller's `_actor_tokens` of the document."""
    article = coded.article
    home = main_country(coded.actors, coded.places, coded.location) if res.verbs.modality else None
    for s_i, sent in enumerate(doc.sents):
        if not sent.text.strip():
            continue
        cands = find_candidates(sent, index, res.verbs, policy)
        if res.verbs.modality and coded.quotes:
            cands.extend(_quoted_judgement(sent, cands, coded.quotes, index))
        kept: list[_Placed] = []
        states: list[Actor] | None = None  # the sentence's acting states, looked up once when needed
        for c in cands:
            if c.dropped or c.trigger is None or c.code is None or c.pattern is None:
                continue
            trig = doc[c.trigger[0] : c.trigger[1]]
            date, precision, date_text, location = _date_and_place(doc, trig, coded)
            if res.verbs.modality:  # the passes that need the event's date and place (dyads.events.filters)
                if states is None:
                    states = _sentence_states(sent, index) if home else []
                place_backed_sector(c, home, states)
                c.dropped = background_reason(date, precision, article.publication_date, policy) or \
                    place_bare_sectors(c, location, home, policy) or place_force_target(c, location, policy) or \
                    learned_reason(c, res.event_filter, policy)
                if c.dropped:
                    continue
            kept.append(_Placed(c, date, precision, date_text, location))
        yield s_i, sent, cands, kept


def code_events(doc: Doc, coded: CodedArticle, res: Resources,
                policy: EventPolicy = DEFAULT_POLICY) -> tuple[list[Event], list[NoEvent]]:
    """Events of one parsed article, and a reason for every sentence that has none."""
    article = coded.article
    index = _actor_tokens(doc, coded.actors)
    events: list[Event] = []
    no_events: list[NoEvent] = []
    for s_i, sent, cands, kept in _coded_sentences(doc, coded, res, policy, index):
        found = 0
        for placed in kept:
            c, date, precision, date_text, location = (placed.cand, placed.date, placed.precision,
                                                       placed.date_text, placed.location)
            assert c.trigger is not None and c.pattern is not None and c.code is not None
            trig = doc[c.trigger[0] : c.trigger[1]]
            rule = f"{c.pattern.source} {c.pattern.text} -> {c.pattern.code}"
            if c.modifiers:
                rule += " (" + "; ".join(c.modifiers) + ")"
            roles = [(c.code, c.source, c.target[:6], rule)]
            if c.pattern.reverse and c.code == c.pattern.code and c.target:  # visit [042] <-> host [043]
                roles.append((c.pattern.reverse, c.target[:6], c.source, rule + " reversed"))
            for code, source, target, why in roles:
                ont = _ontology_entry(res, code)
                found += 1
                events.append(
                    Event(
                        id=f"{article.id}:s{s_i}:e{found}",
                        article_id=article.id,
                        sentence_index=s_i,
                        date=date,
                        date_precision=precision,
                        date_text=date_text,
                        source=source,
                        target=target,
                        cameo=code,
                        cameo_root=code[:2],
                        cameo_name=ont.name,
                        plover=ont.plover,
                        plover_mode=ont.plover_mode,
                        goldstein=ont.goldstein,
                        quad_class=ont.quad_class,
                        trigger=TextSpan(trig.text, trig.start_char, trig.end_char),
                        location=location,
                        sentence=sent.text.strip(),
                        negated=c.negated,
                        confidence=round(c.confidence, 2),
                        sentence_start=sent.start_char,
                        sentence_end=sent.end_char,
                        rule=why,
                    )
                )
        if not found:
            if not cands:
                reason = "no predicate in the verb dictionary"
            else:
                reason = "; ".join(c.describe() for c in cands)
            if not any(t.i in index for t in sent):
                reason = "no known actor in the sentence; " + reason
            no_events.append(NoEvent(s_i, sent.start_char, sent.end_char, reason))
    return events, no_events


@dataclass
class PredicateExplanation:
    """One candidate predicate of a sentence: the pattern it matched and the code, or why it was dropped."""

    trigger: str
    start: int
    end: int
    pattern: str | None
    code: str | None
    source: list[str]
    target: list[str]
    notes: list[str]
    dropped: str | None
    passes: list[str] = field(default_factory=list)  # for a kept one: the named passes it went through


@dataclass
class SentenceExplanation:
    """What the coder saw in one sentence (for `dyads explain`)."""

    sentence_index: int
    text: str
    actors: list[str]
    predicates: list[PredicateExplanation]


def explain(doc: Doc, coded: CodedArticle, res: Resources,
            policy: EventPolicy = DEFAULT_POLICY) -> list[SentenceExplanation]:
    """Per sentence: the actors, every candidate predicate, the pattern that matched or why it was dropped."""
    index = _actor_tokens(doc, coded.actors)
    kept_by = [name for name, _ in passes_run(policy)]
    out = []
    for s_i, sent, cands, _ in _coded_sentences(doc, coded, res, policy, index):
        preds = []
        for c in cands:
            preds.append(PredicateExplanation(
                trigger=c.token.text, start=c.token.idx, end=c.token.idx + len(c.token.text),
                pattern=f"{c.pattern.source} {c.pattern.text} -> {c.pattern.code}" if c.pattern else None,
                code=c.code, source=[a.code or "" for a in c.source], target=[a.code or "" for a in c.target],
                notes=list(c.modifiers), dropped=c.dropped,
                passes=[] if c.dropped or c.code is None else kept_by,
            ))
        actors = sorted({f"{index[t.i].text} [{index[t.i].code}]" for t in sent if t.i in index})
        out.append(SentenceExplanation(s_i, sent.text.strip(), actors, preds))
    return out


def format_explanation(sentences: list[SentenceExplanation]) -> str:
    """Plain-text rendering of `explain` (one block per sentence)."""
    lines: list[str] = []
    for s in sentences:
        lines.append(f"[{s.sentence_index}] {s.text}")
        lines.append("    actors: " + ("; ".join(s.actors) or "none"))
        if not s.predicates:
            lines.append("    no predicate in the verb dictionary")
        for p in s.predicates:
            roles = f"{','.join(p.source) or '-'} -> {','.join(p.target) or '-'}"
            what = f"{p.code} {roles}" if not p.dropped else f"dropped: {p.dropped}"
            notes = f" ({'; '.join(p.notes)})" if p.notes else ""
            lines.append(f"    '{p.trigger}' {p.pattern or 'no matching pattern'}: {what}{notes}")
    return "\n".join(lines)
