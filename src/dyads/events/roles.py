"""Role assignment: which actors of the sentence are the source and the target of a matched predicate.

The actor of each token (`_actor_tokens`), the noun phrase of a head without its clauses
(`_phrase_tokens`), the actors in phrases with coordination and composition ("soldiers from Gondor"),
the subject of a verb through relative pronouns, control verbs, passives and reported speech
(`_subject`), and the roles a PETRARCH pattern names itself (`_pattern_roles`). The order in which
the coder tries the places for a source and a target is in `coder._code_candidate`.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from dyads.actors.recognize import GUESSED_COUNTRY
from dyads.events.candidate import Candidate
from dyads.events.dialect import Dialect
from dyads.events.filters import (
    PLACE_KINDS,
)
from dyads.events.lexicon import (
    _CLAUSE_DEPS,
    _SETTING_PREPS,
    _SUBJECTS,
    _TOPIC_PREPS,
    DOCUMENT_NOUNS,
    LIGHT_VERBS,
    OBJECT_CONTROL,
    PLACE_NOUNS,
    RANK_WORDS,
    RELATIVE_PRONOUNS,
    SPEECH_VERBS,
    STATIVE_PARTICIPLES,
    SUBORDINATORS,
)
from dyads.events.matching import _is_time, _light_verb, _Match, _prep_objects, _stems
from dyads.events.meaning import (
    INTENT_NOUNS,
    armed,
)
from dyads.events.verbs import VerbDictionary
from dyads.models import Actor
from dyads.syntax import lost_clause, lost_subject, misread_progressive


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
    for tok, actor in _group_members(doc, index):
        index.setdefault(tok.i, actor)
    return index


# nouns of the people who belong to a group ("149 of its members were arrested"): the group itself, acted on
MEMBER_NOUNS = {"member", "activist", "supporter", "follower", "cadre"}
# sectors of groups whose members stand for them (not a state's or an alliance's "members", which are states)
_GROUP_SECTORS = {"OPP", "PTY", "REB", "LAB", "HRI", "NGO", "EDU", "REL", "RAD", "INS", "UAF"}


def _group_members(doc: Doc, index: ActorIndex) -> list[tuple[Token, Actor]]:
    """ "The Muslim Brotherhood said 149 of its members were arrested": the members an "its" or "their" names in
    the reported words of a group are that group (its code); each as (the member noun, the actor).

    Why: `dyads.coref` leaves "its" and "their" unresolved (they are too often things'), but in what a group
    says of "its members" the possessive is the speaker, which `_resolve_pronoun` reads from the speech verb; a
    group's members are the group (an opposition party's arrested members are the opposition arrested)."""
    out: list[tuple[Token, Actor]] = []
    for tok in doc:
        if tok.i in index or tok.pos_ != "NOUN" or tok.lemma_.lower() not in MEMBER_NOUNS:
            continue
        poss = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in {"its", "their"}), None)
        verb = next((a for a in tok.ancestors if a.pos_ in {"VERB", "AUX"}), None)
        if poss is None or verb is None or any(c.dep_ in {"amod", "compound"} and c.i in index for c in tok.children):
            continue
        owners = [a for a in _resolve_pronoun(poss, verb, index)
                  if a.sector in _GROUP_SECTORS or (a.code or "").startswith("NGO")]
        if len(owners) != 1:
            continue
        owner = owners[0]
        out.append((tok, Actor(text=f"{poss.text} {tok.text}", start=poss.idx, end=tok.idx + len(tok.text),
                               code=owner.code, country=owner.country, sector=owner.sector, name=owner.name,
                               kind="description", source=f"'{poss.text} {tok.text}': the members of '{owner.text}'")))
    return out


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
        stack.extend(c for c in t.children if c.dep_ not in _CLAUSE_DEPS and not _set_off_adjective(c)
                     and not (c.dep_ == "conj" and lost_clause(c) is not None)
                     and not (c.dep_ == "poss" and t.lemma_.lower() in SUCCESSION_NOUNS)
                     and not (c.dep_ == "prep" and ((c.lower_ in _SETTING_PREPS and not role_word)
                                                   or c.lower_ in _TOPIC_PREPS or t.dep_ == "appos")))


# "Saleh's successor": someone else than the one the possessive names
SUCCESSION_NOUNS = {"successor", "predecessor"}


def _set_off_adjective(t: Token) -> bool:
    """An adjective phrase set off by a comma after its noun ("Washington, wary of the growing power of al
    Qaeda, has ..."): what the actor feels about others, who are no part of it (unlike "forces loyal to X")."""
    return t.dep_ == "amod" and t.pos_ == "ADJ" and t.i > t.head.i and t.i > 0 and t.doc[t.i - 1].lower_ == "," \
        and any(c.dep_ == "prep" for c in t.children)


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


def _new_actor(head: Token, index: dict[int, Actor], dialect: Dialect) -> Actor | None:
    """PETRARCH's `new_actor_length`: an uncoded noun phrase of at most that many words as an actor named
    by its words ('"THE MINISTRY OF MAGIC"'); None when the option is off, the phrase too long or not a noun's.

    Why: PETRARCH lets users see the actors its dictionaries miss in the events themselves; its words are
    the phrase's, without punctuation and possessive endings, in capitals as PETRARCH writes its codes.
    """
    if dialect.new_actor_length <= 0 or head.pos_ not in {"NOUN", "PROPN"} or head.i in index:
        return None
    if head.ent_type_ in {"DATE", "TIME"}:  # "on Monday" says when, it names no one
        return None
    toks = sorted(_phrase_tokens(head, index=index), key=lambda t: t.i)
    if any(t.i in index for t in toks):
        return None
    words = [t.text.upper() for t in toks if not t.is_punct and t.tag_ != "POS" and not t.is_space]
    if not words or len(words) > dialect.new_actor_length:
        return None
    first, last = toks[0], toks[-1]
    return Actor(text=head.doc[first.i:last.i + 1].text, start=first.idx, end=last.idx + len(last.text),
                 code='"' + " ".join(words) + '"', kind="new", source="new_actor_length: the phrase's own words")


def _placed(toks: list[Token], head: Token, below: set[int]) -> bool:
    """Whether a mention hangs from `head` through a place preposition ("in Eriador", "envoys on Tunisian soil"),
    or a topic's ("experts on Iran"): where they are or what they know of, not whose they are."""
    return any(a.dep_ == "prep" and (a.lower_ in _SETTING_PREPS or a.lower_ == "on") and a.i > head.i
               for t in toks[:1] for a in t.ancestors if a.i in below)


def _named_country(role: Actor, toks: list[Token]) -> bool:
    """Whether a role word's country is named in its own mention ("U.S. envoys", "the leaders of Germany"),
    not guessed from its sentence or article nor given by a dictionary's reading of a bare word."""
    return bool(role.country) and not any(g in (role.source or "") for g in GUESSED_COUNTRY) and any(
        t.pos_ == "PROPN" or t.ent_type_ in {"GPE", "NORP"} for t in toks)


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
    # role words whose country their own mention names ("U.S. envoys", "the leaders of Germany")
    named = {id(s) for s in sectors if _named_country(s, by_actor.get(id(s), []))}
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
        if id(s) in named:
            # "U.S. envoys ... on Tunisian soil": where a role word whose country the text gives is does not make
            # it that place's, nor does an actor joined to it; its own "of" phrase does ("leaders of X and Y")
            placed, conj = [], []
            strong = below_mods = [c for c in strong if any(
                a.dep_ == "prep" and a.lower_ in {"of", "from"} and a.head.i == head.i
                for a in by_actor.get(id(c), [])[0].ancestors)]
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
        # "the leaders of Germany and France": the role word keeps the country the text gave it, and takes the others
        out = [a for a in out if (a is not s or id(s) in named) and a not in mods and a not in below_mods]
        for c in mods:
            start, end = min(c.start, s.start), max(c.end, s.end)
            out.append(Actor(text=f"{c.text} {s.text}" if c.start < s.start else f"{s.text} {c.text}", start=start,
                             end=end, code=(c.country or "") + (s.sector or ""), country=c.country, sector=s.sector,
                             name=s.name or c.name, kind=s.kind, source="coder: role word + country"))
    return out


# prepositions whose gerund is done by the governing verb's subject, whatever its object
_SUBJECTS_OWN_PREPS = {"by", "after", "before", "while", "since", "upon", "without", "despite", "following"}


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
    lost = lost_subject(verb)
    if lost is not None:  # "donations were made from Kuwait and Germany made a loan": Germany made it
        return [lost], False
    misread = misread_progressive(verb)
    if misread is not None:  # "its troops were patrolling fuel stations": the subject of "were"
        s, _ = _subject(misread[0], depth + 1)
        return s, True
    head = verb.head
    if verb.dep_ in {"acl", "relcl"} and head.dep_ == "attr" and head.head.lemma_ == "be" \
            and any(c.lower_ in RANK_WORDS for c in head.children):
        # "Qatar was the first Arab state to recognize": the subject of the copula did it
        return [c for c in head.head.children if c.dep_ == "nsubj"], True
    holder = held_for(verb)
    if holder is not None:  # "held a press conference to denounce X": whoever held it
        s, _ = _subject(holder, depth + 1)
        return s, True
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
        # "by striking it, NATO has reduced ...": the means are the subject's, and so is what it did before,
        # after or while ("Shimizu told reporters after meeting Edano": Shimizu met him)
        gov = head.head
        doer = [c for c in gov.children if c.dep_ in {"dobj", "obj", "nsubjpass"}]
        if doer and gov.lower_ not in STATIVE_PARTICIPLES and head.lower_ not in _SUBJECTS_OWN_PREPS:
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
    if verb.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"} and head.lemma_.lower() in DECISION_NOUNS | INTENT_NOUNS \
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        owner = [c for c in head.children if c.dep_ == "poss"]
        if owner:  # "France's decision to send troops", "Britain's move to expel": whose decision it is does it
            return owner, True
    if verb.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"} and head.lower_ not in INTENT_NOUNS:
        return [], False
    if verb.dep_ == "acl":  # "an intention to send": the one who has the intention
        lv = _light_verb(head)
        if lv is not None:
            s, _ = _subject(lv, depth + 1)
            return s, True
    return [], False


# nouns of a gathering, a speech or a trip one holds, gives or makes to an end ("held a news conference to
# denounce", "made a trip to Cairo to press"): the holder does what its infinitive says
PURPOSE_HOSTS = {"conference", "briefing", "meeting", "session", "summit", "rally", "march", "demonstration",
                 "protest", "vigil", "speech", "address", "visit", "trip", "tour", "mission", "call"}


def held_for(verb: Token) -> Token | None:
    """The verb that holds, gives or sends the gathering, speech or message whose purpose `verb` is: "held a press
    conference to denounce X", "organised a rally to demand" (held, organised), or None.

    Why: the infinitive says what the gathering or message is for, and the one who holds or sends it does that;
    the parser often reads it as a relative clause on the noun, which names no one."""
    head = verb.head
    if verb.dep_ not in {"relcl", "acl"} or head.pos_ != "NOUN" or head.lemma_.lower() not in PURPOSE_HOSTS | \
            DOCUMENT_NOUNS or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    return _light_verb(head) or (head.head if head.dep_ in {"dobj", "obj"} and head.head.pos_ in {"VERB", "AUX"}
                                 else None)


# nouns of backing: "with the backing of X", "with X's help": X backs the one who acts
BACKING_NOUNS = {"backing", "support", "help", "blessing", "assistance"}


def backing_phrase(noun: Token) -> tuple[list[Token], Token] | None:
    """ "Washington has stepped up drone strikes, with the backing of Yemen's president": a noun of backing
    in a "with" phrase says who backs the act of the clause it hangs from. Returns the backers (the noun's
    possessive, or its "of" or "from" object) and that clause's verb, or None.

    Why: the backer is the agent of the noun and the clause's subject the one backed (05x/07x X -> subject);
    the backer is no target of the clause's own act ("seized the capital with the help of NATO warplanes")."""
    if noun.lemma_.lower() not in BACKING_NOUNS or noun.dep_ != "pobj" or noun.head.lower_ != "with":
        return None
    backers = [c for c in noun.children if c.dep_ == "poss"]
    backers += [o for c in noun.children if c.dep_ == "prep" and c.lower_ in {"of", "from"} for o in _prep_objects(c)]
    # "with the backing of Saleh's successor, President Hadi": the parser hangs the apposition that renames the
    # backer on the noun of backing; it names the backer, after the "of" phrase
    backers += [c for c in noun.children if c.dep_ == "appos" and backers and c.i > backers[-1].i]
    verb = noun.head.head
    for _ in range(3):  # "stepped up drone strikes on militants, with the backing of": the verb of the phrase
        if verb.pos_ in {"VERB", "AUX"} or verb.head is verb:
            break
        verb = verb.head
    if not backers or verb.pos_ not in {"VERB", "AUX"}:
        return None
    return backers, verb


def backing_tokens(hosts: Iterable[Token]) -> set[int]:
    """The tokens of the "with the backing of X" phrases of `hosts` and their objects: who backs an act is
    not whom it is done to."""
    out: set[int] = set()
    for h in hosts:
        for c in list(h.children) + [x for o in h.children if o.dep_ in {"dobj", "obj"} for x in o.children]:
            if c.dep_ == "prep" and c.lower_ == "with" and any(backing_phrase(o) for o in _prep_objects(c)):
                out.update(t.i for t in c.subtree)
    return out


# nouns of deciding or setting out to act, whose `to`-clause is done by whose decision it is ("France's decision to
# send troops"); INTENT_NOUNS too ("Iran's offer to swap fuel"), whose meaning makes it intent
DECISION_NOUNS = {"decision", "move", "effort", "attempt", "bid", "drive", "push", "campaign", "initiative", "step",
                  "agreement", "resolve", "determination", "order"}


def givers(verb: Token, code: str, index: dict[int, Actor]) -> list[Token]:
    """Who gave what a passive of giving says was given "from" them: "further donations were made from Bahrain and
    Kuwait" (Bahrain, Kuwait); only actors, and only for aid (07): "was released from prison" names a place.

    Why: the agent of a passive is not only its "by" phrase; what comes from a state is given by it."""
    if code[:2] != "07":
        return []
    objects = [o for c in verb.children if c.dep_ == "prep" and c.lower_ == "from" for o in _prep_objects(c)]
    return [o for o in objects if any(a.kind not in PLACE_KINDS or a.kind in {"country", "capital"}
                                      for a in _actors_in([o], index))]


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
    ) or (  # "was shot and killed by a police officer", "were detained, then beaten": the later participle shares it
        verb.tag_ == "VBN" and verb.dep_ in {"conj", "dep"} and verb.head.tag_ == "VBN"
        and not any(c.dep_ in {"aux", "nsubj", "nsubjpass"} for c in verb.children) and _is_passive(verb.head)
    )


def first_conjunct(verb: Token) -> Token:
    """The first of the participles joined to `verb`: "were detained by X, then beaten and expelled" (detained, for
    "expelled", parsed as joined to "beaten", itself hung from "detained"). Its agent and patient are all of theirs."""
    t = verb
    while t.tag_ == "VBN" and t.dep_ in {"conj", "dep"} and t.head.tag_ == "VBN" and t.head.pos_ == "VERB":
        t = t.head
    return t


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
        # "it" stands for a speaking state or body ("Iran said it would retaliate"), never for a person: "Merkel
        # said default was not an option because it would destroy confidence" (it: the default)
        return [a for a in _actors_in(subj, index) if not (tok.lower_ in {"it", "its"} and a.kind == "person")]
    return []


# roots of acts an authority does by its own decision (intent, consultation, support, cooperation, aid, yielding,
# reducing relations and sanctions): told in the passive in its own words, they are its acts
SPEAKERS_OWN_ROOTS = {"03", "04", "05", "06", "07", "08", "16"}
# kinds and sectors of an actor that speaks for a state or a body of states, and so decides such acts
_AUTHORITY_KINDS = {"country", "capital", "demonym"}
_AUTHORITY_SECTORS = {"GOV", "MIL"}


def speakers_own_act(verb: Token, code: str, targets: list[Actor], index: dict[int, Actor]) -> list[Token]:
    """Who did an act told in the passive without an agent in the reported words of an authority: "Gadhafi's son
    says the photographer will be released", "EU diplomats said an agreement to ban imports had been reached"
    (the speaker's side). Returns the speaker's tokens, or nothing.

    Why: a government or its envoys announcing a release, an agreement or a sanction in the passive announce
    their own act. Only acts of decision (not harm or coercion, which a speaker reports of others: "the party
    said 149 of its members were arrested"), only a speaker of a state or of a body of states, and never one of
    the same country as the one acted on ("U.S. officials said the American was released": by whoever held him),
    who must be named as the passive's subject (`targets`)."""
    if code[:2] not in SPEAKERS_OWN_ROOTS or not targets:  # "the cut is intended to ...": no one acted on
        return []
    sp = verb.head if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SPEECH_VERBS else None
    if sp is None:
        return []
    subj, _ = _subject(sp)
    speakers = _actors_in(subj, index)
    if not speakers or not all(a.kind in _AUTHORITY_KINDS or (a.code or "").startswith("IGO")
                               or (a.sector or "") in _AUTHORITY_SECTORS for a in speakers):
        return []
    if any(t.country and t.country == a.country for t in targets for a in speakers):
        return []
    return subj


# verbs of speaking to a gathering: whoever speaks to a meeting takes part in it
ADDRESS_VERBS = {"tell", "address", "brief"}


def _clause_of(noun: Token) -> Token | None:
    """The verb a noun event hangs from through prepositions ("at the start of talks with X, he said"),
    or the light verb of the noun it modifies ("launched a mediation effort")."""
    t = noun
    for _ in range(6):
        if t.head is t:
            return None
        if t.dep_ in {"dobj", "obj", "attr"} and any(x in LIGHT_VERBS for x in _stems(t.head)):
            return t.head
        if t.dep_ in {"dobj", "obj", "dative"} and t.head.lemma_.lower() in ADDRESS_VERBS:
            return t.head  # "Abe told a meeting with business leaders": he met them
        if t.dep_ not in {"pobj", "prep", "nmod", "compound", "conj", "appos", "npadvmod"}:
            return None
        if t.dep_ == "prep" and (t.lower_ in CIRCUMSTANCE_PREPS or t.head.lower_ in CIRCUMSTANCE_NOUNS):
            return None  # "racing to approve the package despite daily protests": not the racers' protests
        t = t.head
        if t.pos_ in {"VERB", "AUX"}:
            return t
    return None


# prepositions of what goes on around an act, done by others ("despite daily protests", "amid talks")
CIRCUMSTANCE_PREPS = {"despite", "amid", "amidst", "notwithstanding"}
# nouns of such phrases ("in spite of", "against a backdrop of", "in the midst of")
CIRCUMSTANCE_NOUNS = {"spite", "backdrop", "background", "midst"}


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


def _carried(noun: Token, index: dict[int, Actor]) -> bool:
    """ "launched a mediation effort between X and Y": a verb with an actor as subject carries the noun."""
    carrier = _clause_of(noun)
    return carrier is not None and bool(_actors_in(_subject(carrier)[0], index))


def _places_under(tok: Token, index: dict[int, Actor], preps: set[str], conjuncts: bool = False) -> list[Actor]:
    """The places (with a country) named in `tok`'s phrases of those prepositions, in text order; with
    `conjuncts`, the places joined to them too ("in Algeria, Jordan and Yemen"). A bare country code counts
    as a place even when NER took the city for a person ("in Sanaa")."""
    out: list[Actor] = []
    for c in tok.children:
        if c.dep_ != "prep" or c.lower_ not in preps:
            continue
        objects = _prep_objects(c)
        if conjuncts:
            objects += [x for o in objects for x in o.conjuncts]
        for o in objects:
            a = index.get(o.i)
            if a is not None and a.country and (a.kind in PLACE_KINDS or a.code == a.country and not a.sector):
                out.append(a)
    return out


# where someone held by a state is released from ("freed from prison")
CUSTODY_NOUNS = {"prison", "jail", "custody", "detention", "captivity", "arrest", "camp", "cell"}
# words by which the text says a person it names is held by a state ("jailed opposition leader X")
HELD_WORDS = {"jailed", "imprisoned", "detained", "arrested", "incarcerated"}


def _implied_state(tok: Token, code: str, targets: list[Actor], index: dict[int, Actor]) -> Actor | None:
    """ "Four French journalists were arrested in Cairo": arrests, detentions, expulsions and releases are
    acts of the state where they happen (its police for coercion, its government for a release). The state
    is the country of a place named in the clause's setting ("in Cairo"). None named, the agent is the bare
    sector (police, government), which the events table places where the text says the event happened or
    in the country the whole article is about (`filters.place_bare_sectors`), and drops otherwise: "149 of
    its members were arrested during the protests" in a story about Egypt. A release from a hospital, or of
    a report, is no act of a state; one named person's sentence or arrest may be any state's ("Kerviel was
    sentenced" in a story about a Swiss bank), so that needs a place named, and so does a named person's release
    unless the text says a state held them ("jailed opposition leader X was released")."""
    if not targets or not (code[:2] == "17" or code[:3] in {"084"}):
        return None
    sector = "COP" if code[:2] == "17" else "GOV"
    for a in _places_under(tok, index, {"in", "at", "near", "outside", "inside"}):
        if all(t.country != a.country or t.sector for t in targets):
            return Actor(text=a.text, start=a.start, end=a.end, code=(a.country or "") + sector, country=a.country,
                         sector=sector, kind="implied",
                         source=f"the state where '{tok.text}' happened ('{a.text}'): {a.country}{sector}")
    held_from = [o.lemma_.lower() for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"
                 for o in _prep_objects(c)]
    # "jailed opposition leader X was released": the text says a state held the person it names
    held = code[:3] == "084" and any(t.lower_ in HELD_WORDS for c in tok.children if c.dep_ == "nsubjpass"
                                     for t in c.subtree)
    if code[:3] not in {"173", "174", "084"} or any(a.kind in PLACE_KINDS or (a.kind == "person" and not held)
                                                    for a in targets) or any(o not in CUSTODY_NOUNS for o in held_from):
        return None  # "Libya was released from sanctions", "released from hospital": no one held by a state
    return Actor(text=tok.text, start=tok.idx, end=tok.idx + len(tok.text), code=sector, kind="implied",
                 sector=sector, source=f"the state that did '{tok.text}' (not named: {sector})")


# verbs of unrest's happening, whose place phrase is the protest's: "protests broke out in Cairo" (not "the rally
# continued in Tokyo", a market's)
OCCURRENCE_VERBS = {"break", "erupt", "flare", "rage"}
# nouns of street unrest, which break out or erupt (not "calls for boycotts", whose boycott is only asked for)
UNREST_NOUNS = {"protest", "demonstration", "riot", "rally", "march", "unrest"}
# words of a crowd, the subject of a protest verb with no actor protesting ("thousands protested", "crowds rallied")
CROWD_WORDS = {"thousand", "hundred", "dozen", "ten", "million", "score", "people", "crowd", "protester",
               "demonstrator", "marcher", "resident", "citizen", "student", "worker", "youth", "villager", "activist"}
# acts a protest answers, whose doer it is against: "protested after police killed a man", "protests over the
# arrest of X by the security forces"
GRIEVANCE_VERBS = {"kill", "shoot", "arrest", "detain", "beat", "jail", "imprison", "sentence", "execute", "torture",
                   "attack", "assault", "raid", "abduct", "kidnap"}
GRIEVANCE_NOUNS = {"killing", "shooting", "arrest", "detention", "beating", "jailing", "imprisonment", "execution",
                   "torture", "attack", "assault", "raid", "abduction", "kidnapping", "death", "murder"}


def grievance_agents(hosts: list[Token]) -> list[Token]:
    """Who did the act a protest answers, told in a clause or phrase of time or cause on the protest: "thousands
    protested in Cairo after police killed a young man" (police), "protests broke out after a man was killed by
    police", "protests over the killing of a vendor by police" (police). Nothing when the act has no doer named.

    Why: a protest set off by a killing or an arrest is against whoever did it; the clause is one of its own, so
    the coder's search for a target after the predicate stops at it."""
    out: list[Token] = []
    for h in hosts:
        for c in h.children:
            verb = None
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in {"after", "following", "over"}
                                         for m in c.children):
                verb = c  # "after police killed a man", "after a man was killed by police"
            elif c.dep_ == "prep" and c.lower_ in {"after", "following", "over"}:
                for o in _prep_objects(c):
                    if o.tag_ == "VBG" and o.lemma_.lower() in GRIEVANCE_VERBS:
                        verb = o  # "after killing a man" has no doer of its own: none named
                    elif o.lemma_.lower() in GRIEVANCE_NOUNS:  # "over the killing of X by police"
                        out += [x for b in o.children if b.dep_ in {"prep", "agent"} and b.lower_ == "by"
                                for x in _prep_objects(b)]
            elif c.dep_ == "conj" and c.tag_ == "VBN" and any(x.dep_ == "auxpass" for x in c.children) \
                    and not any(x.dep_ in {"nsubj", "nsubjpass"} for x in c.children) \
                    and any(p.dep_ == "prep" and p.lower_ in {"after", "following"} and p.i < c.i for p in h.children):
                # "protests broke out after Keith Scott, 43, was killed by police": the parser read "after Keith
                # Scott" as a phrase and joined "was killed" to "broke out"; the clause is the one of "after"
                verb = c
            if verb is None or verb.lemma_.lower() not in GRIEVANCE_VERBS:
                continue
            if _is_passive(verb):
                out += [o for b in verb.children if b.dep_ == "agent" for o in _prep_objects(b)]
            else:
                out += [s for s in verb.children if s.dep_ == "nsubj"]
    return out


def _implied_public(tok: Token, index: dict[int, Actor]) -> list[Actor]:
    """ "mass protests in Charlotte broke out": a protest named with no one protesting is by the people of the
    places it is in (their countries' civilians: "protests in Algeria, Jordan and Yemen"), also where the verb
    it is joined or held by, or that says it happened, says ("joined protests against the government in Cairo",
    "protests broke out in Cairo"), and where a protest verb with no actor protesting says ("thousands protested
    in Cairo"); none named, none."""
    out: list[Actor] = []
    light = _light_verb(tok)  # "thousands joined protests against the government in Cairo": where they joined them
    hosts = [tok] + ([light] if light is not None and light.pos_ in {"VERB", "AUX"} else [])
    if light is None and tok.dep_ in {"dobj", "obj"} and any(c.dep_ == "aux" and c.lower_ == "to"
                                                              for c in tok.head.children):
        return []  # "police were preparing to handle big demonstrations in X": a protest to come, not one that was
    if tok.pos_ in {"VERB", "AUX"}:  # "thousands protested in Cairo": only a crowd ("shares rallied in Tokyo")
        if not any(c.dep_ == "nsubj" and (c.lemma_.lower() in CROWD_WORDS or c.tag_ == "CD") for c in tok.children):
            return []
    elif tok.dep_ == "nsubj" and tok.lemma_.lower() in UNREST_NOUNS and tok.head.lemma_.lower() in OCCURRENCE_VERBS \
            and (tok.head.lemma_.lower() != "break" or any(c.lower_ == "out" for c in tok.head.children)):
        hosts.append(tok.head)  # "protests broke out in Cairo", "protests erupted in Tunisia"
    preps = {"in", "across", "throughout", "around"}
    for a in (a for h in hosts for a in _places_under(h, index, preps, conjuncts=True)):
        if all(x.country != a.country for x in out):
            out.append(Actor(text=a.text, start=a.start, end=a.end, code=(a.country or "") + "CVL",
                             country=a.country, sector="CVL", kind="implied",
                             source=f"the people of the place of '{tok.text}' ('{a.text}'): {a.country}CVL"))
    if not out:
        # "mass protests in Charlotte, N.C., broke out": a town no dictionary codes as an actor is still a place;
        # its people are civilians whose country the events table takes from the event's place
        # (`filters.place_bare_sectors`), and drops the event where it cannot
        place = next((o for h in hosts for c in h.children if c.dep_ == "prep" and c.lower_ in preps
                      for o in _prep_objects(c) if o.i not in index and o.ent_type_ in {"GPE", "LOC", "FAC"}), None)
        if place is not None:
            span = next((e for e in tok.doc.ents if e.start <= place.i < e.end), tok.doc[place.i:place.i + 1])
            out.append(Actor(text=span.text, start=span.start_char, end=span.end_char, code="CVL", sector="CVL",
                             kind="implied", source=f"the people of the place of '{tok.text}' ('{span.text}')"))
    return out


def _destination_of_purpose(tok: Token) -> list[Token]:
    """Where the trip a purpose clause serves went: "flew to Beijing to sign ...", "made a visit to Libya to offer
    aid" (Beijing, Libya), for a verb in that clause with no target of its own."""
    t = tok
    while t.dep_ == "conj" and t.head is not t:
        t = t.head
    if t.pos_ != "VERB" or t.dep_ not in {"advcl", "xcomp", "acl"} or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
        return []
    head = t.head
    hosts = [head] + [o for o in head.children if o.dep_ in {"dobj", "obj"} and o.lemma_.lower() in TRIP_NOUNS]
    return [o for h in hosts for c in h.children if c.dep_ == "prep" and c.lower_ in {"to", "into"}
            for o in _prep_objects(c)] if head.lemma_.lower() in TRIP_VERBS or len(hosts) > 1 else []


TRIP_VERBS = {"travel", "fly", "go", "come", "arrive", "head", "visit", "return", "make", "pay", "jet", "rush"}
TRIP_NOUNS = {"visit", "trip", "tour", "journey", "mission"}


def _subordinate_clause(verb: Token) -> bool:
    """An adverbial clause opened by a subordinating conjunction ("as protesters clashed"), also where the
    parser hung it on a noun ("opposed the war, when there are radio clips of her ...": a relative clause
    opened by "when")."""
    return verb.dep_ in {"advcl", "relcl"} and any(
        c.dep_ in {"mark", "advmod"} and c.lower_ in SUBORDINATORS and c.i < verb.i
        and (c.dep_ == "mark" or verb.dep_ == "relcl") for c in verb.children)


def _own_clause(t: Token) -> bool:
    """A verb joined by "and" with a subject of its own: another clause ("India was concerned ... and Singh
    himself is monitoring"), or the subject of such a clause the parser joined to a list before it ("made from
    Kuwait and Germany made a loan": Germany)."""
    return t.dep_ == "conj" and (t.pos_ in {"VERB", "AUX"} and any(c.dep_ in {"nsubj", "nsubjpass"}
                                                                   for c in t.children) or lost_clause(t) is not None)


_PATIENT_PREPS = {"on", "against", "into", "at"}
ADVANCE_VERBS = {"push", "advance"}  # a military advance only when armed actors advance
_SUFFERING_NOUNS = {"death", "killing", "shooting", "murder", "injury", "funeral", "plight", "suffering", "abduction",
                    "kidnapping", "assassination", "beating", "torture", "execution", "detention", "imprisonment"}
_HOSTILE_ACT_ROOTS = {"13", "15", "16", "17", "18", "19", "20"}


def _patients_of_acts(heads: list[Token], trigger: Token, vd: VerbDictionary) -> set[int]:
    """Tokens of whom an act named inside a target phrase acts on: "criticism of sanctions on Iran" is aimed at
    those who impose the sanctions, not at Iran; "opposition to the U.S.-led push for sanctions" at the U.S.
    An act noun is a noun with a hostile noun pattern in the dictionary (threats, sanctions, arrests, attacks);
    its agent (possessive, modifiers) stays. Partners of talks and aid ("talks with the parties") are kept."""
    out: set[int] = set()
    for h in heads:
        for t in h.subtree:
            if t.i != trigger.i and t.lemma_.lower() in _SUFFERING_NOUNS:
                # "commented on Crutcher's death", "condemned the killing of his son": whom it befell is no target
                out.update(x.i for c in t.children if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of")
                           for x in c.subtree)
            if t.i == trigger.i or t.pos_ != "NOUN" or not any(
                    q.pos == "NOUN" and q.code[:2] in _HOSTILE_ACT_ROOTS for q in vd.get(t.lemma_.lower())):
                continue
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in _PATIENT_PREPS:
                    out.update(x.i for x in c.subtree)
    return out


# participles whose agent did the act of the noun they qualify ("attacks launched by X"); not "an attack
# condemned by X", "a protest backed by X" or "a report issued by X"
DOING_PARTICIPLES = {"launch", "carry", "conduct", "stage", "mount", "organise", "organize", "lead", "order",
                     "wage", "fire", "commit", "perpetrate", "plan", "initiate", "hold", "make", "deliver",
                     "unleash", "step"}
# verbs of the casualties of an act named in a phrase on them ("died in attacks by X", "were killed in an
# airstrike by X")
CASUALTY_VERBS = {"die", "kill", "wound", "injure", "hurt", "maim"}


def _casualties(noun: Token) -> list[Token]:
    """Who an event noun's act hit when the noun says how they died: "three civilians died in rocket attacks
    launched by Gadhafi's men" (the civilians)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in {"in", "by", "during", "from"}:
        return []
    verb = prep.head
    if verb.lemma_.lower() not in CASUALTY_VERBS or (verb.lemma_.lower() != "die" and not _is_passive(verb)):
        return []
    return [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]

# words a "when" clause names the harm by: the weapon whose firer did it
_WEAPON_NOUNS = {"rocket", "shell", "missile", "bomb", "mortar", "grenade", "bullet", "airstrike", "strike",
                 "shelling", "fire", "round", "drone", "jet", "tank", "sniper", "gunfire", "explosion", "blast"}


def _harm_agent(verb: Token, index: dict[int, Actor]) -> list[Token]:
    """Who did a harm told in the passive without an agent, from the clause saying how it happened: "one civilian
    was killed when a rocket fired by Gaddafi's forces hit a house" (Gaddafi's forces), "two were wounded when
    police opened fire" (police). Only a clause of time ("when", "as") whose subject is an actor or a weapon
    fired by one; "after" and "before" tell of another act."""
    for clause in verb.children:
        if clause.dep_ != "advcl" or not any(c.lower_ in {"when", "as"} and c.dep_ in {"advmod", "mark"}
                                             for c in clause.children):
            continue
        for subj in (c for c in clause.children if c.dep_ == "nsubj"):
            if _actors_in([subj], index) and subj.lemma_.lower() not in _WEAPON_NOUNS:
                return [subj]
            if subj.lemma_.lower() in _WEAPON_NOUNS:
                return [o for v in subj.children if v.dep_ == "acl" and v.tag_ == "VBN"
                        and v.lemma_.lower() in DOING_PARTICIPLES
                        for c in v.children if c.dep_ == "agent" for o in _prep_objects(c)]
    return []


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


# nouns counting acts: "a series of offensives", "a wave of attacks"
SERIES_NOUNS = {"series", "wave", "string", "spate", "round", "number", "succession"}
# prepositions that set a clause in or after a fight: "liberated by rebels after a fierce battle"
_FIGHT_SETTING_PREPS = {"after", "following", "during", "in", "amid"}


def fight_agents(noun: Token, index: dict[int, Actor]) -> tuple[list[Token], Token | None]:
    """Who fought a fight named with no agent in a phrase that sets the clause of an armed actor in it or after
    it: "Misrata was liberated by rebels after a fierce three-month battle" (the rebels), "they were gaining
    traction in a series of offensives" (they); the agent of a passive, else the subject. Not where the clause
    tells of casualties ("soldiers were killed in fighting"): whom a fight hit is not who fought it. Returns the
    agent's tokens and the verb of that clause (whose negation and modality are the fight's), or nothing."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in SERIES_NOUNS:
        noun = noun.head.head  # "gaining traction in a series of offensives": the series stands in the clause
    if noun.dep_ != "pobj" or noun.head.lower_ not in _FIGHT_SETTING_PREPS:
        return [], None
    verb = noun.head.head
    if verb.pos_ == "NOUN" and verb.dep_ in {"dobj", "obj"}:
        verb = verb.head  # "gaining traction in", "made gains in": the phrase hangs from the verb's object
    if verb.pos_ != "VERB" or verb.lemma_.lower() in CASUALTY_VERBS | {"lose", "suffer"}:
        return [], None
    if _is_passive(verb):
        heads = [o for c in verb.children if c.dep_ == "agent" for o in _prep_objects(c)]
    else:
        heads, _ = _subject(verb)
    return (heads, verb) if heads and armed(_actors_in(heads, index)) else ([], None)
