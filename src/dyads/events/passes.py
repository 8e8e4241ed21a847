"""The named passes over a sentence's candidates, in order, after each predicate was matched, given roles and
meaning: `SENTENCE_PASSES`. Each pass may drop candidates (the coder records its name in
`Candidate.dropped_by`, so that `dyads explain` says which pass dropped what) or refine their codes.

Why named: a sentence's events come out of several rules over the whole sentence (a slot of another
pattern is no act, a statement verb yields to what was said, what is asked for refines the asking);
naming each makes the explanation of an event say which rule decided it. The passes of the events
table (one-sided statements, media, settings, sectors, business) are `dyads.events.filters`'s.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span as DocSpan
from spacy.tokens import Token

from dyads.events.candidate import Candidate
from dyads.events.codes import GENERIC_CODES, protest_purpose, protest_purpose_from_words, refine_code
from dyads.events.dialect import Dialect
from dyads.events.evaluation import (
    NAMING_VERBS,
    attributed_agent,
    content_of,
    naming_content,
    naming_target,
    quoted_judgement,
    rhetorical_clause,
    rhetorical_target,
    speech_target,
    unsaid,
)
from dyads.events.filters import (
    FORCE_ROOTS,
    ONE_SIDED_CODES,
    EventPolicy,
    distinct_actors,
    fights_no_actor,
    filter_candidates,
)
from dyads.events.filters import PASSES as FILTER_PASS_LIST
from dyads.events.lexicon import (
    _SUBJECTS,
    CONTENT_ROOTS,
    DOCUMENT_NOUNS,
    ORDER_VERBS,
    PRONOUN_ANSWERS,
    RESPONDED_WORDS,
    SPEECH_VERBS,
)
from dyads.events.matching import _light_verb
from dyads.events.meaning import (
    INTENT_AUX,
    MODAL_AUX,
    QUESTION_VERBS,
)
from dyads.events.roles import _actors_in, _subordinate_clause
from dyads.events.verbs import NO_EVENT, VerbPattern
from dyads.models import Actor, Quote

# nouns of what is said whose "that" clause is what they say ("a message that he must go")
MESSAGE_NOUNS = {"message", "statement", "letter", "warning", "note", "word", "ultimatum"}


def _speech_acts(cands: list[Candidate], index: dict[int, Actor]) -> None:
    """ "X said Y must/should do Z": the speaker's demand (10) or appeal (02) to Y, not a statement. A verb of
    saying coded as a demand ("insisted that Greece must cut", "insisted that Greece cut") demands it of Y."""
    for c in cands:
        # a demand by a verb of saying, with no one it is made of yet: whom it is made of is in what was said
        demand = (c.code or "")[:2] == "10" and not c.target and c.token.lemma_.lower() in SPEECH_VERBS
        if c.dropped or c.pattern is None or (c.code != "010" and not demand):
            continue
        # "delivered a message that the Libyan leader must go": what a message says is said (its "that" clause
        # hung on the noun, or on the verb when a phrase comes between)
        messages = [o for o in c.token.children if o.dep_ in {"dobj", "obj"} and o.lemma_.lower() in MESSAGE_NOUNS]
        said = [v for v in c.token.children if v.dep_ == "ccomp"] \
            if c.token.lemma_.lower() in SPEECH_VERBS or messages else []
        said += [v for o in messages for v in o.children if v.dep_ in {"acl", "ccomp"}
                 and any(m.dep_ == "mark" and m.lower_ == "that" for m in v.children)]
        # a clause joined to what was said is said too ("said the talks had failed and Iran must now accept ...")
        said += [x for v in list(said) for x in v.subtree if x.dep_ == "conj" and x.pos_ in {"VERB", "AUX"}
                 and _conj_chain(x, v)]
        for v in said:
            modal = next((a.lower_ for a in v.children if a.dep_ == "aux" and a.lower_ in {"must", "should", "ought"}),
                         None)
            if modal is None and v.lemma_.lower() == "need" and any(x.dep_ == "xcomp" for x in v.children) \
                    and not any(x.dep_ == "aux" and x.lower_ in INTENT_AUX | MODAL_AUX for x in v.children):
                modal = "should"  # "Japan needs to enact reforms"
            if modal is None and v.lemma_.lower() == "have" and any(
                    x.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in x.children)
                    for x in v.children) and not any(x.dep_ == "neg" for x in v.children) \
                    and not any(x.dep_ == "aux" and x.lower_ in MODAL_AUX for x in v.children):
                modal = "must"  # "the coalition will have to reallocate posts", "Greece has to cut its deficit"
            if modal is None and demand and v.tag_ == "VB" and not any(
                    a.dep_ in {"aux", "auxpass"} for a in v.children):
                modal = "subjunctive"  # of a demand: "insisted that Greece reduce its deficit"
            if modal is None:
                continue
            # not the speaker's own side: "an Italian government source insisted Rome must keep a veto" states
            # its stance; one code on both sides is two actors only when both are named and two ("Trump said
            # Clinton must ...")
            target = [a for a in _actors_in(_modal_subject(v), index) if a not in c.source and not any(
                s.code == a.code and not distinct_actors(s, a) for s in c.source)]
            if not target:
                continue
            c.code = c.code if demand else "100" if modal == "must" else "020"
            if modal in {"should", "ought"} and any(a.dep_ == "aux" and a.lemma_ == "have" for a in v.children):
                c.code = "111"  # "X should never have given him the job": blame for what was done, no appeal
            c.target = target
            c.content = v
            c.modifiers.append(f"reported '{modal}' -> {c.code}")
            break


def _conj_chain(x: Token, v: Token) -> bool:
    """Whether `x` is joined to `v` through conjuncts alone ("A, and B, so C": C is joined to A)."""
    while x.dep_ == "conj" and x.i != v.i:
        x = x.head
    return x.i == v.i


def _modal_subject(v: Token) -> list[Token]:
    """The subject of a clause of what was said: its own, else that of a participle aside right before it, which
    the parser gave the subject to when the aside came between them ("said that NATO commanders at their talks
    ..., widely expected to review the campaign, must stop ...": "commanders" parsed as the subject of
    "expected")."""
    own = [s for s in v.children if s.dep_ in {"nsubj", "nsubjpass"}]
    aside = _participle_aside(v) if not own else None
    return own or [s for s in (aside.children if aside is not None else []) if s.dep_ in {"nsubj", "nsubjpass"}]


def _participle_aside(v: Token) -> Token | None:
    """A participle set off by a comma right before the subjectless clause `v` ("..., widely expected to review
    the campaign, must stop"), its sibling or its own clause in the parse, holding the subject `v` lacks. A
    participle with a subject and no auxiliary is no clause of its own ("were seen" would be)."""
    asides = [p for p in [*v.children, *(v.head.children if v.dep_ == "ccomp" else [])]
              if p.i < v.i and p.tag_ in {"VBN", "VBG"} and p.dep_ in {"advcl", "ccomp"}
              and not any(a.dep_ in {"aux", "auxpass"} for a in p.children)
              and any(s.dep_ in {"nsubj", "nsubjpass"} and s.i < p.i for s in p.children)
              and any(t.text == "," for t in v.doc[p.i:v.i])]
    return asides[-1] if asides else None


def _shared_targets(cands: list[Candidate]) -> None:
    """ "Qatar recognised the opposition and donated $100 million": a cooperative act or an appeal joined to
    another with no recipient of its own goes to the same side (the subject is shared by the parse already),
    also where the first act is the noun of a light verb ("made a visit to Libya ..., offer aid")."""
    by_token = {c.token.i: c for c in cands if c.pattern is not None and not c.dropped}
    for c in cands:
        if c.dropped or c.target or not c.source or not ("02" <= (c.code or "")[:2] <= "08"):
            continue
        if c.token.dep_ != "conj" or any(s.dep_ in _SUBJECTS for s in c.token.children):
            continue
        first = by_token.get(c.token.head.i)
        if first is None:  # "made a visit to Libya ..., offered aid and encouraged them": the light verb's noun
            first = next((by_token[o.i] for o in c.token.head.children if o.dep_ in {"dobj", "obj"}
                          and o.i in by_token), None)
        if first is not None and first.target and first.source == c.source \
                and "02" <= (first.code or "")[:2] <= "08":
            c.target = list(first.target)
            c.modifiers.append(f"recipient shared with '{first.token.text}'")


def _framing_visits(cands: list[Candidate]) -> None:
    """ "Putin pledged support for Belarus on Thursday in his first foreign visit": a visit named as the frame
    of an act ("in", "during", "on" its visit) with nowhere named is to whom that act is aimed at."""
    by_token = {c.token.i: c for c in cands if c.pattern is not None and not c.dropped}
    for c in cands:
        if c.dropped or c.target or not c.source or (c.code or "")[:3] not in {"042", "043"} \
                or c.token.pos_ != "NOUN" or c.token.dep_ != "pobj" \
                or c.token.head.lower_ not in {"in", "during", "on", "at"}:
            continue
        act = by_token.get(c.token.head.head.i)
        same_side = act is not None and {a.code for a in act.source} == {a.code for a in c.source}
        if act is not None and act is not c and act.target and same_side \
                and all(a.country and a.country not in {s.country for s in c.source} for a in act.target):
            c.target = list(act.target)
            c.modifiers.append(f"to whom '{act.token.text}', done on the visit, is aimed")


def _plain_statement(c: Candidate) -> bool:
    """A kept "X said ..." (010 of a verb of saying, said at all: not "declined to say") whose content the speech
    passes read for a judgement or a charge."""
    return not c.dropped and c.pattern is not None and c.code == "010" \
        and c.token.lemma_.lower() in SPEECH_VERBS and not unsaid(c.token)


def _subject_ids(tok: Token) -> set[int]:
    """The tokens of a verb's subjects, which are the speaker, not what was said."""
    return {t.i for s in tok.children if s.dep_ in _SUBJECTS for t in s.subtree}


def _judged_statements(cands: list[Candidate], index: dict[int, Actor]) -> None:
    """ "X said Y was wrong": X's criticism of Y (111), or praise (051); see dyads.events.evaluation.
    After `_speech_acts`: a demand or appeal in what was said ("Y must ...") says more."""
    for c in cands:
        if not _plain_statement(c):
            continue  # with an addressee too: "wrote in a letter to Ban that NATO's bombing was inappropriate"
        judged = speech_target(c.token, c.source, index, _subject_ids(c.token))
        if judged is not None:
            c.code, c.target = judged
            c.modifiers.append(f"what was said judges '{judged[1][0].text}' -> {judged[0]}")


def _rhetorical_questions(cands: list[Candidate], index: dict[int, Actor]) -> None:
    """ "Rogozin asked if Britain had not had enough war": a negated question of what someone did or is
    reproaches that actor (111, see dyads.events.evaluation.rhetorical_clause); the coder kept it from the
    rule that a question is no appeal. With no other actor as its subject it is still no appeal."""
    for c in cands:
        if c.dropped or c.pattern is None or c.token.lemma_.lower() not in QUESTION_VERBS \
                or (c.code or "")[:2] != "02" or rhetorical_clause(c.token) is None:
            continue
        judged = rhetorical_target(c.token, c.source, index)
        if judged is None:
            c.dropped = "a question ('asked if ...') is no appeal, and its reproach names no other actor"
            continue
        c.code, c.target = judged
        c.modifiers.append(f"speech: a negated question reproaches '{judged[1][0].text}' -> {judged[0]}")


# verbs that answer what someone else said, offered or asked ("Chaffetz declined", "the spokesman denied that")
RESPONSE_VERBS = {"decline", "refuse", "reject", "deny", "dispute", "dismiss", "rebuff", "turn"}
# verbs whose subject puts something forward that another may answer
PROPOSING_VERBS = SPEECH_VERBS | {"offer", "propose", "ask", "urge", "request", "demand", "suggest", "invite",
                                  "allege", "accuse", "suspect", "appeal", "call"}


def _answered(tok: Token) -> bool:
    """Whether `tok` answers something put to it rather than refusing an act of its own: no object, or an
    object that stands for what was said ("denied that", "rejected the claims", "declined to do so")."""
    for c in tok.children:
        if c.dep_ in {"dobj", "obj", "ccomp", "xcomp"}:
            if c.dep_ == "xcomp" and c.lemma_ == "do" and any(o.lower_ == "so" for o in c.children):
                continue  # "declined to do so"
            if c.lemma_.lower() not in RESPONDED_WORDS:
                return False
    return not (tok.lemma_.lower() == "turn" and not any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children))


def _subject_actors(v: Token, source: list[Actor], index: dict[int, Actor]) -> list[Actor]:
    """The actors of `v`'s subject, other than `source`'s codes: who, besides the speaker, did or said `v`."""
    subj = [t for t in v.children if t.dep_ in {"nsubj", "nsubjpass"}]
    return [a for a in _actors_in(subj, index) if a.code not in {s.code for s in source}]


def _proposer(tok: Token, source: list[Actor], index: dict[int, Actor]) -> list[Actor]:
    """Who put forward what `tok` answers: the subject of the nearest verb of saying, offering or asking before
    it in its sentence ("his attorney offered ..., but Chaffetz declined"; "Rebels said ... -- claims that the
    government disputed"), else that of the previous sentence's main verb ("He said he urged police to give back
    the camera. He said the security forces declined to do so.")."""
    def reports(v: Token) -> bool:  # "X said Y rejected ...": X tells of the answer, he is not answered
        path = [tok, *tok.ancestors]
        if v not in path:
            return False
        between = path[:path.index(v)]
        if any(t.lemma_.lower() in RESPONDED_WORDS - PRONOUN_ANSWERS and not any(
                c.dep_ in {"nsubj", "nsubjpass"} for c in t.children) for t in between[1:]):
            return False  # "Rebels said ... -- claims that the government disputed": it answers the claims
        return between[-1].dep_ in {"ccomp", "xcomp", "parataxis"}

    sent = tok.sent
    for v in reversed(sent[: tok.i - sent.start]):
        if v.pos_ == "VERB" and v.lemma_.lower() in PROPOSING_VERBS and not reports(v):
            found = _subject_actors(v, source, index)
            if found:
                return found
    if sent.start == 0:
        return []
    prev = tok.doc[sent.start - 1].sent
    root = prev.root
    if root.lemma_.lower() in PROPOSING_VERBS and all(v.lemma_.lower() not in RESPONSE_VERBS for v in prev):
        return _subject_actors(root, source, index)
    return []


def _responses(cands: list[Candidate], index: dict[int, Actor]) -> None:
    """ "His attorney offered to have him appear, but Chaffetz declined", "Al-Anesi said ..., but the
    government spokesman denied that": a refusal or denial with no one named answers whoever put forward
    what it answers, in its sentence or the one before (a rejection, 12, or a denial, 01)."""
    for c in cands:
        if c.dropped or c.pattern is None or c.target or not c.source \
                or c.token.lemma_.lower() not in RESPONSE_VERBS or not _answered(c.token):
            continue
        found = _proposer(c.token, c.source, index)
        if found:
            c.target = found
            c.modifiers.append(f"answers '{found[0].text}', who put forward what it answers")


# verbs of taking up what another put forward; negated in what a speaker says of himself, a refusal of it
ACCEPTING_VERBS = {"accept", "support", "back", "endorse", "tolerate", "approve", "agree"}


def _refused_clause(said: Token, speaker: list[Actor], index: dict[int, Actor]) -> Token | None:
    """The clause of what `said` reports in which the speaker refuses what was put forward before, named by a
    pronoun: "said it would not accept that", "said they would never agree to that"; the subject is the speaker
    (a pronoun resolved to its code, or none); None for a refusal of something named ("will not accept any
    delays" names no one, "would not back a Rutte cabinet" is coded from its object) or of a thing the speaker
    does not refuse ("said the Netherlands will not accept that": the Netherlands' refusal, told)."""
    codes = {a.code for a in speaker}
    for v in said.children:
        if v.dep_ != "ccomp" or v.lemma_.lower() not in ACCEPTING_VERBS or not any(
                x.dep_ == "neg" or (x.dep_ == "advmod" and x.lower_ == "never") for x in v.children):
            continue
        subj = [s for s in v.children if s.dep_ in {"nsubj", "nsubjpass"}]
        if subj and not all(index.get(s.i) is not None and index[s.i].code in codes for s in subj):
            continue
        objects = [o for o in v.children if o.dep_ in {"dobj", "obj"}]
        objects += [o for p in v.children if p.dep_ == "prep" and p.lower_ == "to" for o in p.children
                    if o.dep_ == "pobj"]
        if objects and all(o.lower_ in PRONOUN_ANSWERS - {"so"} and not list(o.children) for o in objects):
            return v
    return None


def _refusals(cands: list[Candidate], index: dict[int, Actor]) -> None:
    """ "Rutte offered to form a minority cabinet. The Dutch opposition said it would not accept that": a speaker
    saying he refuses what was put forward before, by a pronoun, rejects (120) whoever put it forward: the
    proposer of `_proposer`, else the subject of the sentence before, whose plan "that" is. What is refused by
    name has an event of its own (the accepting verb's pattern, negated)."""
    for c in cands:
        if not _plain_statement(c) or not c.source:
            continue
        v = _refused_clause(c.token, c.source, index)
        if v is None:
            continue
        found = _proposer(v, c.source, index) or _previous_subject(v, c.source, index)
        if found:
            c.code, c.target = "120", found
            c.modifiers.append(f"speech: refuses ('{v.text}' negated) what '{found[0].text}' put forward -> 120")


def _previous_subject(tok: Token, source: list[Actor], index: dict[int, Actor]) -> list[Actor]:
    """The actors of the subject of the previous sentence's main verb, other than `source`'s codes: whose plan,
    offer or stance a pronoun that opens the next sentence's refusal points back to."""
    sent = tok.sent
    return _subject_actors(tok.doc[sent.start - 1].sent.root, source, index) if sent.start else []


# verbs of saying that put forward a charge against someone ("argued that France had violated ...")
CONTENTION_VERBS = {"argue", "contend", "assert", "insist", "allege", "charge"}
# roots of what, alleged of someone, is a charge against him: coercion, threats, protest, force
CHARGE_ROOTS = {"12", "13", "15", "16", "17", "18", "19", "20"}


def _contentions(cands: list[Candidate]) -> None:
    """ "Russia argued that France had violated the resolution": Russia accuses France (112); what is
    argued is the charge, not an act the story reports as done. After `_judged_statements`, before the
    content of an accusation refines its code."""
    for c in cands:
        if c.dropped or c.pattern is None or c.token.lemma_.lower() not in CONTENTION_VERBS \
                or (c.code or "")[:2] not in {"01", "11"}:
            continue
        said = {t.i for x in c.token.children if x.dep_ == "ccomp" for t in x.subtree}
        addressed = {t.idx for x in c.token.children if x.dep_ in {"dative", "dobj", "obj"} or (
            x.dep_ == "prep" and x.lower_ in {"to", "with", "against", "about"}) for t in x.subtree}
        if any(a.start in addressed for a in c.target):
            continue  # argued to, with or about someone: that is its target
        charged = [o for o in cands if o is not c and not o.dropped and o.token.i in said and o.code
                   and o.code[:2] in CHARGE_ROOTS and not o.negated]
        accused = [a for o in charged[:1] for a in o.source if a.code not in {s.code for s in c.source}]
        if accused:
            o = charged[0]
            c.code, c.target = "112", accused
            c.modifiers.append(f"argues that '{accused[0].text}' did '{o.token.text}' ({o.code}): an accusation")
            # what is charged then refines the accusation (1123 for an attack) and is no act of its own


# roots of acts of force that, suspected of someone rather than told as done, charge him (CAMEO 112)
FORCE_CHARGE_ROOTS = {"17", "18", "19", "20"}
# verbs whose present tense imputes an aim to their subject ("is trying to kill its leader")
ATTEMPT_VERBS = {"try", "attempt", "seek", "plot", "scheme", "conspire"}
# verbs that give what follows as an impression ("appeared to have fired")
SEEMING_VERBS = {"appear", "seem"}
# modals of supposition, with a perfect or progressive after them ("may have attacked", "may be planning")
SUSPICION_MODALS = {"may", "might", "could", "must"}
_PRESENT_BE = {"is", "are", "am", "'s", "'re"}


def suspicion(act: Token, top: Token) -> str | None:
    """How the clause from `act` up to the statement verb `top` puts the act as suspected rather than done:
    a modal of supposition with a perfect or progressive ("may have attacked", "may be planning to attack"),
    an impression ("appeared to have fired"), or an aim imputed in the present ("is trying to kill"); None for
    an act told as done, a past attempt ("tried to storm": news), a prediction ("would attack") or a negation."""
    path = [act]
    for a in act.ancestors:
        if a.i == top.i:
            break
        path.append(a)
    auxes = {t.i: {x.lower_ for x in t.children if x.dep_ in {"aux", "auxpass"}} for t in path}
    if any(auxes[t.i] & {"will", "would", "'ll", "shall", "'d"} or any(x.dep_ == "neg" for x in t.children)
           for t in path):
        return None
    for t in path:
        modal = auxes[t.i] & SUSPICION_MODALS
        if modal and auxes[t.i] & {"have", "'ve", "be"}:
            return f"'{sorted(modal)[0]}' of a supposition"
        if t.lemma_.lower() in SEEMING_VERBS:
            return f"'{t.text}': an impression"
        if t.lemma_.lower() in ATTEMPT_VERBS and (t.tag_ in {"VBZ", "VBP"} or (
                t.tag_ == "VBG" and auxes[t.i] & _PRESENT_BE)):
            return f"'{t.text}': an aim imputed"
    return None


def _suspected_acts(cands: list[Candidate]) -> None:
    """ "Russia's ambassador said NATO is trying to kill Gaddafi", "said NATO may have attacked the convoy": an
    act of force the speaker puts as suspected of someone (`suspicion`) is the speaker's accusation of its agent
    (112), not an act the story tells as done; "said NATO attacked the convoy" is news and stays the attack."""
    for c in cands:
        if not _plain_statement(c) or not c.source:
            continue
        said = {t.i for t in content_of(c.token, _subject_ids(c.token))}
        speaker = {a.code for a in c.source}
        for o in sorted(cands, key=lambda o: o.token.i):
            # the act's own root: "may be planning to attack" made the attack an intent (138) already
            if o is c or o.token.i not in said or o.negated or o.pattern is None \
                    or o.pattern.code[:2] not in FORCE_CHARGE_ROOTS:
                continue
            if o.dropped and not (o.dropped_by == "meaning" and o.dropped.startswith("hypothetical")):
                continue
            accused = [a for a in o.source if a.code not in speaker]
            how = suspicion(o.token, c.token) if accused else None
            if how is None:
                continue
            c.code, c.target = "112", accused
            c.modifiers.append(f"speech: suspects '{accused[0].text}' of '{o.token.text}' ({o.pattern.code}; {how}): "
                               "an accusation")
            if not o.dropped:
                o.dropped = f"content of '{c.token.text}' (112): suspected, not told as done"
            break


def _attributions(cands: list[Candidate], index: dict[int, Actor]) -> None:
    """ "A security source said the attack appeared to be the work of al Qaeda", "said al Qaeda was behind the
    bombing": putting a violent act down to a named actor is the speaker's accusation of it (112); see
    dyads.events.evaluation.attributed_agent."""
    for c in cands:
        if not _plain_statement(c) or not c.source:
            continue
        found = attributed_agent(c.token, c.source, index, _subject_ids(c.token))
        if found is not None:
            c.code, c.target = "112", [found[0]]
            c.modifiers.append(f"speech: puts '{found[1].text}' down to '{found[0].text}': an accusation")


def _blamed_on(cands: list[Candidate], index: dict[int, Actor]) -> None:
    """ "The government blamed the attack on al Qaeda": what is blamed "on" someone is blamed on him, though the
    parser hangs the phrase on the act's noun ("the attack on al Qaeda"); only when the verb has no "on" or "for"
    of its own ("blamed the attack on the embassy on al Qaeda", "blamed X for the attack on Y")."""
    for c in cands:
        if c.dropped or c.pattern is None or c.target or c.token.lemma_.lower() != "blame" \
                or any(p.dep_ == "prep" and p.lower_ in {"on", "for"} for p in c.token.children):
            continue
        # the last "on" of the object's phrase: "the attack on the embassy on al Qaeda" is blamed on al Qaeda
        on = [o for x in c.token.children if x.dep_ in {"dobj", "obj"} for p in x.subtree
              if p.dep_ == "prep" and p.lower_ == "on" for o in p.children if o.dep_ == "pobj"][-1:]
        found = [a for o in on for a in _actors_in([o], index) if a not in c.source]
        if found:
            c.target = found[:1]
            c.modifiers.append(f"speech: blamed on '{found[0].text}'")


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
            c.dropped = "a naming that judges nothing, or no actor it names"
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
    Trump is a disgusting fraud.") is its speaker's criticism or praise (dyads.events.evaluation); so is a
    sentence told "according to" someone ("Forces committed war crimes, according to Amnesty")."""
    if any(c.token.lemma_.lower() in SPEECH_VERBS for c in cands if c.pattern is not None):
        return []
    quote = next((q for q in quotes if q.kind == "direct" and q.speaker is not None and q.speaker.code
                  and q.start - 2 <= sent.start_char and sent.end_char <= q.end + 2), None)
    if quote is not None and any(not c.dropped and c.target for c in cands):
        return []  # a quotation's sentence whose act is coded says no more
    if quote is None:
        # "Forces loyal to Gaddafi committed war crimes ..., according to a report by a human rights group": the
        # sentence before "according to" is what its source says, judging the subject whatever else it tells
        quote = next((q for q in quotes if q.kind == "indirect" and q.cue is not None and q.speaker is not None
                      and q.speaker.code and q.cue.text.lower().startswith("according")
                      and sent.start_char - 2 <= q.start and q.end <= sent.end_char
                      and q.start <= sent.root.idx < q.end), None)
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


FILTER_PASSES = frozenset(name for name, _ in FILTER_PASS_LIST)


# ---------------------------------------------------------------------------- the sentence passes, in order


def _slot_pass(out: list[Candidate], index: dict[int, Actor], dialect: Dialect, policy: EventPolicy) -> None:
    """A noun that fills a slot of another pattern is part of that act, not one of its own."""
    # a noun that fills a slot of another pattern is part of that act ("lodged a protest with")
    # (with PETRARCH's dictionaries even when that pattern found no actors: "allowed to leave" is one phrase)
    # ("wire" in "wire tap" and "tap" in "wire * TAP" claim each other: neither is dropped for the other)
    for c in out:
        if not c.dropped and any(o is not c and (not o.dropped or (not dialect.modality and o.pattern is not None))
                                 and c.token.i in o.slot_ids and o.token.i not in c.slot_ids for o in out):
            c.dropped = "part of the pattern of another predicate"


def _speech_pass(out: list[Candidate], index: dict[int, Actor], dialect: Dialect, policy: EventPolicy) -> None:
    """Our reading of what a statement says: its addressee, what someone must do, a judgement of an actor, a
    rhetorical question, a charge (argued, suspected or an act put down to someone), a naming; whom a refusal or
    denial answers, and whose proposal a speaker refuses; where a visit framing an act went."""
    _speech_acts(out, index)
    _rhetorical_questions(out, index)
    _responses(out, index)
    _refusals(out, index)
    _framing_visits(out)
    _judged_statements(out, index)
    _blamed_on(out, index)
    _contentions(out)
    _suspected_acts(out)
    _attributions(out, index)
    _namings(out, index)


def _statement_pass(out: list[Candidate], index: dict[int, Actor], dialect: Dialect, policy: EventPolicy) -> None:
    """A statement verb is coded only when nothing was coded from what was said."""
    # reported speech: the statement verb is coded only when nothing was coded from what was said (our rule;
    # PETRARCH codes both)
    coded = [c for c in out if not c.dropped] if dialect.modality else []
    for c in coded:
        if c.pattern is not None and c.pattern.specificity[0] == 0 and c.code == "010" and (
                c.token.lemma_.lower() in SPEECH_VERBS or c.token.lemma_.lower() in DOCUMENT_NOUNS):
            # not when what was said made it a demand or appeal; a statement "calling on X to" is that appeal
            inner = {t.i for t in c.token.subtree} - {c.token.i}
            # content with no one it is aimed at, and not one-sided by nature, will be no event: the
            # statement stays ("'I am very grateful', Lukashenko told Putin as he fought with mosquitoes")
            if any(o is not c and not o.dropped and o.token.i in inner and (
                    o.target or (o.code or "").startswith(ONE_SIDED_CODES)
                    or (o.code or "")[:2] in FORCE_ROOTS and not fights_no_actor(o))
                   for o in coded):
                c.dropped = "statement verb: the reported content was coded instead"


def _said_pass(out: list[Candidate], index: dict[int, Actor], dialect: Dialect, policy: EventPolicy) -> None:
    """PETRARCH: a statement coded with its target from what was said is the event, what was said its content."""
    # PETRARCH: a statement coded with its target from what was said is the event; what was said is its content
    for c in out:
        if not c.dropped and "target from what was said" in c.modifiers:
            said = {t.i for x in c.token.children if x.dep_ == "ccomp" and x.i > c.token.i for t in x.subtree}
            for o in out:
                if o is not c and not o.dropped and o.token.i in said:
                    o.dropped = f"content of the statement '{c.token.text}'"


def _content_pass(out: list[Candidate], index: dict[int, Actor], dialect: Dialect, policy: EventPolicy) -> None:
    """What is appealed for, demanded, intended, threatened or refused refines the code, and is no act."""
    # what is appealed for, demanded, intended, threatened or refused is not itself an act;
    # it refines the code ("urged X to release" -> 0253, "agreed to resign" -> 0341)
    coded = [c for c in out if not c.dropped]
    for c in coded:
        if c.dropped:
            continue  # made the content of an act before it in this loop: it takes none of its own
        # an accusation's content is what is alleged ("accused X of shelling"); an accord (019) what is
        # agreed ("agreed that they should cooperate"); both with our meaning rules only
        takes_content = (c.code or "")[:2] in CONTENT_ROOTS or (
            (c.code or "")[:3] in {"112", "019"} and dialect.modality)
        if not takes_content or (c.token.lemma_.lower() in SPEECH_VERBS and not c.modifiers):
            continue
        head = _light_verb(c.token) or c.token
        # not the subject, nor a coordinated act ("condemned the attack and promised aid")
        subj = {t.i for s in head.children if s.dep_ in _SUBJECTS | {"conj"} for t in s.subtree}
        if c.content is not None:  # nor who is to do what was said ("said leaders at their talks must stop X")
            aside = _participle_aside(c.content)
            subj |= {t.i for s in _modal_subject(c.content) for t in s.subtree}
            subj |= {t.i for t in aside.subtree} if aside is not None else set()
        # nor what happened when, while or because it was said ("called on leaders to stop the violence, while
        # appearing to criticize the Brotherhood": the criticism is an act of its own)
        aside = {t.i for x in (c.content or head).subtree if x.i != c.token.i and _subordinate_clause(x)
                 for t in x.subtree}
        # a clause with its own subject before the verb and no quotation marks is another clause the parser
        # hung on it ("his allies are telling him to go, Italy's bond yields threaten to spiral"), not its content
        aside |= {t.i for x in head.children if x.dep_ == "ccomp" and x.i < head.i and _unquoted_clause(x)
                  for t in x.subtree}
        # nor an act joined to it by "and" ("called new walkouts and protests": two acts, neither the other's aim)
        joined = {t.i for x in c.token.children if x.dep_ == "conj" for t in x.subtree} | (
            {t.i for t in c.token.head.subtree} - {t.i for t in c.token.subtree} if c.token.dep_ == "conj" else set())
        region = {t.i for t in (c.content or head).subtree} - subj - aside - joined - {c.token.i}
        inner = [o for o in out if o is not c and o.token.i in region and o.pattern is not None
                 and o.pattern.code != NO_EVENT and not (o.dropped or "").startswith("content of")]
        if c.code == "019" and not any("04" <= o.pattern.code[:2] <= "08" for o in inner if o.pattern
                                       and o.token.pos_ == "VERB"):
            continue  # agreeing that something is so: an opinion, and what it is about stays its own event
        ordered_act = next((o for o in sorted(inner, key=lambda o: o.token.i) if o.pattern and (
            "06" <= o.pattern.code[:2] <= "08" or "14" <= o.pattern.code[:2] <= "20")), None)
        if (dialect.modality and ordered_act is not None and c.code == "100" and ordered_act.pattern is not None
                and c.token.lemma_.lower() in ORDER_VERBS):
            # an order for a material act is that act, done by whoever gave the order
            c.code = ordered_act.code if ordered_act.code and not ordered_act.negated else ordered_act.pattern.code
            c.modifiers.append(f"ordered '{ordered_act.token.text}' -> {c.code}")
            if ordered_act.target:
                c.target = [a for a in ordered_act.target if a not in c.source] or c.target
        elif inner and dialect.modality and c.code in GENERIC_CODES and (c.pattern is None or
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
                    if o.negated and (c.code or "")[:2] == "03" and (o.code or "")[:2] == "12" \
                            and o.token.pos_ == "VERB":
                        cand_code = o.code or cand_code  # "vowed not to return the land": a refusal
                        # ("offered no new pledges" promises nothing and refuses no one)
                    if cand_code != c.code and (new == c.code or (cand_code.startswith(new) and cand_code != new)):
                        first, new = o, cand_code
            if new != c.code:
                c.modifiers.append(f"content '{first.token.text}' ({first.pattern.code if first.pattern else ''})"
                                   f" -> {new}")
                c.code = new
            nothing = next((o for o in inner if o.negated and o.token.pos_ == "NOUN" and o.token.head.i == c.token.i
                            and o.token.dep_ in {"dobj", "obj"}), None)
            if (c.code or "")[:2] == "03" and nothing is not None:  # "offered no new pledges": nothing offered
                c.dropped, c.dropped_by = f"what it offers is negated ('{nothing.token.text}')", "meaning"
        if dialect.modality and c.code in {"141", "142", "143", "144", "145"} and (c.pattern is None or
                                                                          c.pattern.specificity[0] <= 1):
            new = protest_purpose_from_words(c.code, [c.token.doc[i].lemma_.lower() for i in sorted(region)])
            if new != c.code:
                c.modifiers.append(f"purpose words -> {new}")
                c.code = new
        # an allegation is aimed at who did what it alleges, never at whom that hit: "allegations that a NATO
        # airstrike killed civilians" (NATO), "an airstrike that the government alleges killed 15 people" (no one)
        allegation = dialect.modality and (c.code or "")[:3] == "112"
        if allegation and c.target:
            acts = [o.token for o in inner if o.token.pos_ == "VERB"]
            hit = {t.idx for v in acts for x in v.children if x.dep_ in {"dobj", "obj", "nsubjpass", "dative"}
                   for t in x.subtree}
            c.target = [a for a in c.target if not any(a.start <= i < a.end for i in hit)]
        for o in inner:
            if not o.dropped and dialect.modality and _protest_demand(c, o):
                # "marched in Amman, demanding reforms": the marchers' demand on whom they march against, an
                # act of its own beside the protest it made specific
                o.source = o.source or list(c.source)
                o.target = [a for a in c.target if a not in o.source] or o.target  # not whom the reforms help
                o.modifiers.append(f"the demand of the protest '{c.token.text}': its protesters' on its target")
                if not c.target:
                    c.target = [a for a in o.target if a not in c.source]
                continue
            if not o.dropped:
                o.dropped = f"content of '{c.token.text}' ({c.code}), not an act of its own"
                if allegation:
                    if not c.target or all(a in o.target for a in c.target):
                        c.target = [a for a in o.source if a not in c.source]
                elif not c.target:  # "an intention to send arms to X": the target is X
                    c.target = [a for a in o.target if a not in c.source]


def _protest_demand(protest: Candidate, o: Candidate) -> bool:
    """`o` is a demand the protest's marchers make as they protest: a participle of its own clause, with no
    subject of its own ("marched Friday in Amman, demanding reforms"), not a noun or a to-clause of what the
    protest is for ("rallied to demand ..."). An appeal ("hit the streets calling for his ouster") stays what
    the protest is for: the references code such a protest once, as a protest or a demand."""
    return (protest.code or "")[:2] == "14" and (o.code or "")[:2] == "10" and o.token.tag_ == "VBG" \
        and o.token.dep_ in {"advcl", "xcomp", "conj"} and o.token.head.i == protest.token.i \
        and not any(c.dep_ in {"nsubj", "nsubjpass", "aux", "mark"} for c in o.token.children)


def _petrarch1_clause_pass(out: list[Candidate], index: dict[int, Actor], dialect: Dialect,
                           policy: EventPolicy) -> None:
    """PETRARCH-1: a verb inside the clause of a coded verb is coded only with a target."""
    for c in sorted(out, key=lambda c: len(list(c.token.ancestors))):
        if c.dropped or c.target:
            continue
        over = next((o for o in out if o is not c and not o.dropped and o.token.i != c.token.i
                     and _inside_clause_of(c.token, o.token)), None)
        if over is not None:
            c.dropped = f"no target, inside the clause of the coded '{over.token.text}' (PETRARCH-1)"


def _table_pass(out: list[Candidate], index: dict[int, Actor], dialect: Dialect, policy: EventPolicy) -> None:
    """Our conventions for the events table (shared targets, then `dyads.events.filters`' passes)."""
    _shared_targets(out)
    filter_candidates(out, policy)


def _duplicate_pass(out: list[Candidate], index: dict[int, Actor], dialect: Dialect, policy: EventPolicy) -> None:
    """One event per act: the same code and dyad twice in a sentence is one event."""
    # one event per act: the same code and dyad twice in a sentence is one event
    seen: set[tuple] = set()
    for c in out:
        if c.dropped or c.trigger is None:
            continue
        key = (c.code, tuple(a.code for a in c.source), tuple(a.code for a in c.target))
        if key in seen:
            c.dropped = "duplicate of an event already coded in this sentence"
        seen.add(key)
    if not dialect.modality:
        return
    # our rule: a plain statement between the two sides of a more telling act of the same sentence is part of
    # it ("met Gaddafi's representatives to deliver a message": the meeting)
    acts = {(tuple(a.code for a in c.source), tuple(a.code for a in c.target)) for c in out
            if not c.dropped and c.trigger is not None and c.target and not (c.code or "").startswith("01")}
    for c in out:
        if not c.dropped and c.code == "010" and c.target and (
                tuple(a.code for a in c.source), tuple(a.code for a in c.target)) in acts:
            c.dropped = "duplicate: a statement between the two sides of a more telling act in this sentence"
    # "demanded change in Yemen and called for the fall of the regime": an appeal joined to a demand of the same
    # side to the same side is that demand said twice (the demand says more)
    demands = {(tuple(a.code for a in c.source), tuple(a.code for a in c.target), c.token.i) for c in out
               if not c.dropped and c.trigger is not None and c.target and (c.code or "")[:2] == "10"}
    for c in out:
        if not c.dropped and (c.code or "")[:2] == "02" and c.target and any(
                (s, t) == (tuple(a.code for a in c.source), tuple(a.code for a in c.target))
                and _coordinated_with(c.token, c.token.doc[i]) for s, t, i in demands):
            c.dropped = "duplicate: an appeal joined to a demand between the same sides is that demand"


def _unquoted_clause(clause: Token) -> bool:
    """A clause with a subject of its own and no quotation mark in or right around it."""
    toks = list(clause.subtree)
    doc = clause.doc
    around = [doc[i] for i in (toks[0].i - 1, toks[-1].i + 1) if 0 <= i < len(doc)]
    return any(t.dep_ in {"nsubj", "nsubjpass"} for t in clause.children) and not any(
        t.is_quote for t in toks + around)  # spaCy's is_quote: straight, curly and doubled marks


def _coordinated_with(a: Token, b: Token) -> bool:
    """Whether two predicates are joined by "and" (either way round, through one more conjunct at most)."""
    return a.dep_ == "conj" and (a.head.i == b.i or a.head.head.i == b.i and a.head.dep_ == "conj") or \
        b.dep_ == "conj" and (b.head.i == a.i or b.head.head.i == a.i and b.head.dep_ == "conj")


def _ours(dialect: Dialect) -> bool:
    return dialect.modality


def _always(dialect: Dialect) -> bool:
    return True


def _petrarch1_one_sided(dialect: Dialect) -> bool:
    return dialect.petrarch_one_sided and not dialect.require_target


SentencePass = Callable[[list[Candidate], dict[int, Actor], Dialect, EventPolicy], None]

SENTENCE_PASSES: tuple[tuple[str, str, SentencePass, Callable[[Dialect], bool]], ...] = (
    ("slot", "not a word that fills a slot of another predicate's pattern", _slot_pass, _always),
    ("speech", "what a statement says of whom: its addressee, what someone must do, a judgement, a rhetorical "
     "question, a charge (an act suspected of or put down to someone), a naming, whom a refusal answers or what "
     "it refuses, where a framing visit went (ours)", _speech_pass, _ours),
    ("statement", "a statement verb yields to the acts coded from what was said (ours)", _statement_pass, _ours),
    ("said", "not the content of a statement coded with its target (PETRARCH)", _said_pass, _always),
    ("content", "not the content of an appeal, demand, intent, threat or refusal, which it refines", _content_pass,
     _always),
    ("petrarch1_clause", "a verb with no target is not inside the clause of a coded verb (PETRARCH-1)",
     _petrarch1_clause_pass, _petrarch1_one_sided),
    ("table", "the events table's passes (dyads.events.filters.PASSES; ours)", _table_pass, _ours),
    ("duplicate", "not the same code and dyad as an event already coded in the sentence", _duplicate_pass, _always),
)
"""The passes over a sentence's candidates in the order they run: name, what keeping a candidate means, the
pass, and in which dialects it runs."""


def pass_named(reason: str, default: str) -> str:
    """The pass a drop reason names: one of `dyads.events.filters.PASSES` when the reason starts with its name
    ("poll: ..."), else `default` (the pass that ran)."""
    name = reason.split(":", 1)[0]
    return name if name in FILTER_PASSES else default


def run_sentence_passes(out: list[Candidate], index: dict[int, Actor], dialect: Dialect,
                        policy: EventPolicy) -> None:
    """Run `SENTENCE_PASSES` that `dialect` has over a sentence's candidates; each candidate a pass drops
    gets the pass's name in `dropped_by`."""
    for name, _, run, runs_in in SENTENCE_PASSES:
        if not runs_in(dialect):
            continue
        live = [c for c in out if not c.dropped]
        run(out, index, dialect, policy)
        for c in live:
            if c.dropped:
                c.dropped_by = pass_named(c.dropped, name)
