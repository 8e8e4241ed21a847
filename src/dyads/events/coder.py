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

The meaning rules of 3 and 4 are ours; PETRARCH's dialects (`dyads.events.dialect`, passed in
explicitly: the verb dictionary holds only data) switch them off, since PETRARCH's patterns encode
such distinctions themselves, and bring PETRARCH's own rules: an agentless passive whose source is
in the verb's phrases, negation through the dictionary's coding ontology, reciprocity only where a
pattern marks it, verbs only in the forms the dictionary lists, PETRARCH-1's comma clauses and
one-sided events. Words a pattern needs before its verb and a source named by the pattern (`$`)
with the subject as target are items of the patterns themselves.
This module runs those steps per sentence and makes events of what is kept (`code_events`, `explain`);
the steps live beside it, one responsibility each: `dyads.events.matching` (1: which pattern a word
fills), `dyads.events.roles` (2: actors of phrases, subjects, PETRARCH's named roles; the order in
which places for a source and a target are tried is `_code_candidate` here), `dyads.events.meaning`
(3: negation, modality, word sense of one predicate; `_finish_meaning` here applies it),
`dyads.events.codes` (the code arithmetic of 3: intent, negation, refinement by content),
`dyads.events.passes` (the named passes over a sentence's candidates: slots, speech, statements,
content, PETRARCH-1's clauses, the events table, duplicates), `dyads.events.evaluation` (what a
statement or a naming says of an actor: 111/051), `dyads.events.filters` (the passes of the events
table, under an explicit `EventPolicy`: one-sided statements, media and setting targets, sector
words without a country, company news, background), `dyads.events.lexicon` (the word lists they
share) and `dyads.events.candidate` (the record they fill in). Every dropped candidate names the
stage or pass that dropped it (`Candidate.dropped_by`: match, roles, meaning, a sentence pass, a
filters pass), which `dyads explain` prints.
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

from dyads.events.candidate import Candidate
from dyads.events.codes import (
    intent_code,
    negated_code,
)
from dyads.events.dialect import OURS, Dialect
from dyads.events.evaluation import rhetorical_clause
from dyads.events.filters import (
    DEFAULT_POLICY,
    SETTING_PREPS,
    EventPolicy,
    background_reason,
    distinct_actors,
    learned_reason,
    main_country,
    own_state,
    passes_run,
    place_aid_recipient,
    place_backed_sector,
    place_bare_sectors,
    place_force_target,
    since_reason,
)
from dyads.events.lexicon import (
    _CLAUSE_DEPS,
    _RECIPIENT_PREPS,
    _SUBJECTS,
    _TOPIC_PREPS,
    CONSULT_NOUN_ROOTS,
    CONTENT_TARGET_ROOTS,
    EVENT_CARRIERS,
    MUTUAL_FIGHT_WORDS,
    PERSONAL_PRONOUNS,
    POSSESSIVE_PRONOUNS,
    POSTURE_WORDS,
    RELATIVE_PRONOUNS,
    RESPONDED_WORDS,
    SPEECH_VERBS,
    STATIVE_PARTICIPLES,
    SYMMETRIC_CODES,
    SYMMETRIC_ROOTS,
    WANT_VERBS,
)
from dyads.events.matching import _is_time, _light_verb, _Match, _match, _patterns_for, _prep_objects, _to_clauses
from dyads.events.meaning import (
    NEGATORS,
    admitted_fact,
    armed,
    civilians,
    modality,
    negation,
    occasion,
    question,
    travellers,
    verbal_attack,
)
from dyads.events.passes import (
    _quoted_judgement,
    comma_clauses,
    pass_named,
    run_sentence_passes,
)
from dyads.events.roles import (
    ADVANCE_VERBS,
    CASUALTY_VERBS,
    DOING_PARTICIPLES,
    SERIES_NOUNS,
    _actor_tokens,
    _actors_in,
    _carried,
    _casualties,
    _clause_of,
    _destination_of_purpose,
    _harm_agent,
    _implied_public,
    _implied_state,
    _is_passive,
    _new_actor,
    _own_clause,
    _patients_of_acts,
    _pattern_roles,
    _phrase_tokens,
    _resolve_pronoun,
    _sentence_states,
    _subject,
    _subordinate_clause,
    backing_phrase,
    backing_tokens,
    fight_agents,
    first_conjunct,
    givers,
    grievance_agents,
    held_for,
    speakers_own_act,
)
from dyads.events.verbs import NO_EVENT, VerbDictionary, VerbPattern
from dyads.geo.locate import resolve_event_location
from dyads.models import Actor, CodedArticle, Event, Location, NoEvent
from dyads.models import Span as TextSpan
from dyads.nlp import doc_text
from dyads.ontology import CameoCode
from dyads.syntax import misread_progressive
from dyads.time.dating import resolve_event_date

if TYPE_CHECKING:
    from dyads.pipeline import Resources


def _between(cand: Candidate, tok: Token, p: VerbPattern, index: dict[int, Actor], dialect: Dialect) -> bool:
    """ "clashes between security forces and protesters", "talks between X and Y", "fighting between X and Y":
    a mutual act named with no agent is between the sides its "between" phrase names, the first with the
    others (sets the candidate's sides and says so)."""
    between = [c for h in (tok, tok.head) for c in h.children if c.dep_ == "prep" and c.lower_ == "between"]
    symmetric = p.code[:2] in SYMMETRIC_ROOTS or p.code[:3] in SYMMETRIC_CODES
    if not between or not symmetric or not dialect.modality or p.code[:3] == "045" or _carried(tok, index):
        return False
    sides = _actors_in(_prep_objects(between[0]), index)
    if len({a.code for a in sides}) < 2:
        return False
    cand.source, cand.target = sides[:1], sides[1:]
    cand.confidence -= 0.15
    cand.modifiers.append("between: the first with the others")
    return True


def _code_candidate(tok: Token, m: _Match, index: dict[int, Actor], vd: VerbDictionary, dialect: Dialect
                    ) -> Candidate:
    p = m.pattern
    cand = Candidate(tok, p, code=p.code, slot_ids={h.i for h in m.slot_heads} | m.before)
    light = _light_verb(tok)
    first = light if light is not None and light.i < tok.i else tok
    cand.trigger = (first.i, max(m.last.i, tok.i) + 1)
    if p.code == NO_EVENT:
        cand.dropped, cand.dropped_by = "the pattern says this is not an event", "match"
        return cand
    kids = {c.dep_ for c in tok.children}
    if tok.lemma_.lower() in WANT_VERBS and not (({"dobj", "obj"} & kids and "xcomp" in kids) or any(
            c.dep_ in {"ccomp", "xcomp"} and any(s.dep_ == "nsubj" for s in c.children) for c in tok.children)):
        cand.dropped, cand.dropped_by = "wanting to act oneself is intent, not an appeal", "meaning"
        return cand
    if dialect.modality and p.lemma == "hope" and p.code[:2] == "01" and any(
            c.dep_ in {"xcomp", "acl"} and not any(s.dep_ == "nsubj" for s in c.children)
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in tok.children):
        cand.dropped, cand.dropped_by = "hoping to act oneself is no comment on anyone", "meaning"  # "rebels hoping to"
        return cand
    if dialect.modality and tok.lemma_.lower() == "add" and tok.pos_ == "VERB" and not any(
            c.dep_ in {"ccomp", "parataxis"} for c in tok.children) and tok.dep_ not in {"parataxis", "ccomp"}:
        cand.dropped, cand.dropped_by = "'add' with nothing said: adding a thing is no statement", "meaning"
        return cand
    if dialect.modality and p.code[:2] == "14" and tok.lemma_.lower() in {"demonstrate", "rally", "march"} and any(
            c.dep_ in {"dobj", "obj", "ccomp"} and c.i not in index for c in tok.children) and not p.obj:
        cand.dropped = "a protest verb with an object is another sense ('demonstrated its commitment')"
        cand.dropped_by = "meaning"
        return cand
    if dialect.modality and p.code == "170" and tok.lemma_.lower() == "force" and any(
            c.dep_ in {"dobj", "obj"} and c.i not in index and c.lower_ not in PERSONAL_PRONOUNS
            for c in tok.children) and not any(c.dep_ in {"xcomp", "ccomp"} for c in tok.children):
        # "forcing losses on banks", "forced a vote": a thing brought about, no one coerced
        cand.dropped, cand.dropped_by = "forcing a thing (not an actor) to happen is no coercion of anyone", "meaning"
        return cand
    if dialect.modality and tok.lemma_.lower() == "help" and any(c.dep_ in {"xcomp", "ccomp"} for c in tok.children):
        cand.dropped, cand.dropped_by = "help to do something: the act helped with is coded, not aid", "meaning"
        return cand
    if not p.preps and p.obj is None:
        cand.confidence -= 0.15
    is_noun = tok.pos_ in {"NOUN", "PROPN"}
    verb: Token | None = tok if not is_noun else light
    subj_heads: list[Token] = []
    # a protest named with no one protesting is by the people of its places ("protests in Yemen", "thousands
    # joined protests in Yemen"): its agent when the text names no other
    public = _implied_public(tok, index) if dialect.modality and p.code[:2] == "14" else []
    inherited = False
    extra_targets: list[Token] = []
    backed: tuple[list[Token], Token] | None = None
    if verb is not None and verb is tok and (p.source_prep is not None or p.subject_role == "target"):
        cand = _pattern_roles(cand, tok, m, index)
        if dialect.modality and not cand.dropped:  # "it would be good if the President could get the support of"
            cand = _finish_meaning(cand, tok, verb, m, p, vd, dialect)
            if cand.negated and not cand.dropped:  # "did not receive aid from X": X refused nothing
                cand.dropped = "negated: not the positive event (the source did not act)"
        return cand
    if verb is not None:
        stative = verb.lower_ in STATIVE_PARTICIPLES and not any(c.dep_ == "agent" for c in verb.children)
        if _is_passive(verb) and verb is tok and not stative:
            subj_heads = [o for c in verb.children if c.dep_ == "agent" for o in _prep_objects(c)]
            extra_targets = [c for c in verb.children if c.dep_ == "nsubjpass"]
            # "X was shot and killed by Y": the agent and the patient are shared by the joined participles, the first
            # of which says where the patient is ("who were detained by X and later deported", "detained by X,
            # then beaten and expelled")
            first = first_conjunct(verb) if dialect.modality else \
                verb.head if verb.dep_ == "conj" and verb.head.tag_ == "VBN" else verb
            joined = [first] if first is not verb else \
                [c for c in verb.children if c.dep_ == "conj" and c.tag_ == "VBN" and _is_passive(c)]
            for j in joined:
                subj_heads = subj_heads or [o for c in j.children if c.dep_ == "agent" for o in _prep_objects(c)]
                extra_targets = extra_targets or [c for c in j.children if c.dep_ == "nsubjpass"]
            if first is not verb and subj_heads:
                cand.modifiers.append(f"roles: agent and patient shared with '{first.text}'")
            rel = first if dialect.modality else verb
            if rel.dep_ == "acl" and not extra_targets:
                extra_targets = [rel.head]
            if rel.dep_ == "relcl" and dialect.modality and extra_targets and all(
                    t.lower_ in RELATIVE_PRONOUNS for t in extra_targets):
                extra_targets = [rel.head]  # "a local businessman who was shot by Gaddafi troops": the businessman
            if rel.dep_ == "advcl" and not extra_targets:  # "Backed by NATO, the rebels ...": the rebels
                extra_targets = [c for c in rel.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if not subj_heads and dialect.modality:  # "further donations were made from Bahrain": Bahrain gave them
                subj_heads = givers(verb, p.code, index)
            withdrawn = verb.lemma_.lower() in {"withdraw", "pull", "ship"} and p.code[:2] in {"08", "16"}
            if not subj_heads and (p.code.startswith("087") or withdrawn):
                # "guerrillas were demobilized", "peacekeepers were shipped out": they de-escalate, withdraw
                subj_heads, extra_targets = [c for c in verb.children if c.dep_ == "nsubjpass"], []
            if not subj_heads and dialect.modality and p.code[:2] == "15" and armed(_actors_in(extra_targets, index)):
                # "the military, which were deployed Friday to patrol the streets": the forces take the posture
                subj_heads, extra_targets = extra_targets, []
            if not subj_heads and dialect.modality and verb.lemma_.lower() in CASUALTY_VERBS:
                subj_heads = _harm_agent(verb, index)  # "was killed when a rocket fired by X hit a house"
                if subj_heads:
                    cand.modifiers.append(f"agent from the clause of how it happened ('{subj_heads[0].text}')")
            if not subj_heads and dialect.passive_source_in_phrase:
                return _pattern_roles(cand, tok, m, index)
            if not subj_heads and dialect.modality:
                implied = _implied_state(tok, p.code, _actors_in(extra_targets, index), index)
                if implied is not None:
                    cand.source, cand.target = [implied], _actors_in(extra_targets, index)
                    cand.confidence -= 0.3
                    cand.modifiers.append(f"implied agent: {implied.source}")
                    return _finish_meaning(cand, tok, verb, m, p, vd, dialect)
            if not subj_heads and dialect.modality:  # "X says the photographer will be released": X's side
                subj_heads = speakers_own_act(verb, p.code, _actors_in(extra_targets, index), index)
                if subj_heads:
                    cand.modifiers.append(f"roles: agent: the authority whose words tell it ('{subj_heads[0].text}')")
            if not subj_heads:
                cand.dropped = "passive without an agent"
                cand.target = _actors_in(extra_targets, index)
                return cand
        else:
            subj_heads, inherited = _subject(verb)
            holder = held_for(verb) if dialect.modality and subj_heads else None
            if holder is not None:
                cand.modifiers.append(f"roles: what the object of '{holder.text}' is for, done by its subject")
            owner = [c for c in tok.children if c.dep_ == "poss"] if is_noun and dialect.modality else []
            if owner and not _actors_in(subj_heads, index) and (
                    owner[0].i in index or owner[0].i in getattr(index, "possessive", {})
                    or owner[0].lower_ in POSSESSIVE_PRONOUNS and _resolve_pronoun(owner[0], verb, index)):
                # "the point of the meeting was to repeat its demand that ...": whose demand it is makes it, where
                # the light verb's subject is no actor
                subj_heads, inherited = owner, False
            if not subj_heads and tok.tag_ == "VBG" and tok.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"} \
                    and _between(cand, tok, p, index, dialect):  # "fighting between X and Y continued"
                return _finish_meaning(cand, tok, None, m, p, vd, dialect)
    else:
        subj_heads = [c for c in tok.children if c.dep_ == "poss"]
        subj_heads += [o for c in tok.children if c.dep_ in {"prep", "agent"} and c.lower_ == "by"
                       for o in _prep_objects(c)]
        if dialect.modality:  # "rocket attacks launched by Gadhafi's men", "a protest organised by the Brotherhood"
            subj_heads += [o for v in tok.children if v.dep_ == "acl" and v.tag_ == "VBN"
                           and v.lemma_.lower() in DOING_PARTICIPLES
                           for c in v.children if c.dep_ == "agent" for o in _prep_objects(c)]
            extra_targets = _casualties(tok)
        own = [c for c in tok.children if c.dep_ in {"compound", "amod"} and c.i in index]
        subj_heads += own
        backed = backing_phrase(tok) if dialect.modality else None
        if backed is not None:  # "stepped up strikes, with the backing of X": X backs Washington
            subj_heads = subj_heads or backed[0]
            extra_targets = _subject(backed[1])[0]
            verb = backed[1]  # its negation and modality are the backed act's ("will have to do it with the help of")
            cand.modifiers.append(f"roles: backs the subject of '{backed[1].text}'")
        if not subj_heads and dialect.modality and p.code[:2] in {"19", "20"}:
            subj_heads, fought_in = fight_agents(tok, index)  # "was liberated by rebels after a fierce battle"
            if fought_in is not None:
                verb = fought_in
                cand.modifiers.append(f"roles: fought by the armed actor of '{fought_in.text}'")
        if not subj_heads and _between(cand, tok, p, index, dialect):
            return _finish_meaning(cand, tok, None, m, p, vd, dialect)
        if not subj_heads and p.code[:2] in CONSULT_NOUN_ROOTS:
            clause = _clause_of(tok)
            if clause is not None:
                verb = clause
                subj_heads, inherited = _subject(clause)
                inherited = True
        if not subj_heads and not public:
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
    if not sources and subj_heads and verb is not None and (subj_heads[0].lower_ in PERSONAL_PRONOUNS or (
            subj_heads[0].dep_ == "poss" and subj_heads[0].lower_ in POSSESSIVE_PRONOUNS)):
        sources = _resolve_pronoun(subj_heads[0], verb, index)
    if sources and subj_heads and (subj_heads[0].lower_ in PERSONAL_PRONOUNS or subj_heads[0].i in possessive):
        cand.modifiers.append("pronoun")
        cand.confidence -= 0.1
    if sources and is_noun and verb is not None and verb is not light and dialect.modality \
            and all((a.sector or (a.code or "")[3:6]) == "MED" for a in sources):
        # "This reporter was on the scene for a protest": who is at a protest, talks or a meeting to report it
        # takes no part in it (its agent is then the people of its place, when the text names one)
        sources = []
    if not sources and dialect.new_actor_length:
        sources = [a for a in (_new_actor(h, index, dialect) for h in subj_heads) if a is not None]
    if not sources and public and not any(h.lower_ in PERSONAL_PRONOUNS for h in subj_heads):
        sources = public
        cand.modifiers.append(f"implied agent: the people of its place ({', '.join(a.code or '' for a in public)})")
    if not sources:
        who = " ".join(t.text for t in subj_heads[:1]) or "none"
        cand.dropped = f"no known actor as source (subject: {who})"
        return cand
    cand.source = sources
    subj_ids = {t.i for h in subj_heads for t in _phrase_tokens(h)}
    for a in public if sources == public else []:  # "protests in Cairo": Cairo is where they are, not a target
        place = tok.doc.char_span(a.start, a.end, alignment_mode="expand")
        prep = next((t for t in place.root.ancestors if t.dep_ == "prep"), None) if place is not None else None
        subj_ids |= {t.i for t in (prep.subtree if prep is not None else place or [])}
    levels: list[list[Token]] = [extra_targets, m.target_heads]
    # PETRARCH's `AT ^ +`: the phrase after "at" is passed over, the target is the one hanging from it
    passed_over = [o for n in m.named for po in _prep_objects(n) for c in po.children
                   if c.dep_ == "prep" and not _is_time(c) for o in _prep_objects(c)]
    hosts = [tok] + ([light] if light is not None else [])
    if dialect.modality and is_noun and tok.dep_ == "pobj" and tok.head.lower_ == "of" \
            and tok.head.head.lemma_.lower() in SERIES_NOUNS:  # "a series of offensives in parts of Libya"
        hosts.append(tok.head.head)
    if dialect.modality:  # "seized the capital with the help of NATO warplanes": the helper is no target
        subj_ids |= backing_tokens(hosts)
    misread = misread_progressive(tok) if dialect.modality else None
    if misread is not None:  # "were patrolling fuel stations to curb ...": the clause of "were" is the verb's
        hosts += [misread[0]] if misread[0] is not misread[1] else []
        cand.modifiers.append(f"roles: '{tok.text}' parsed as an adjective on '{misread[1].text}', read as its verb")
    # the object, except the thing a pattern names ("send military hardware to X": X, not the hardware)
    things = {f.i for f in m.slot_heads if p.obj is not None and f.dep_ in {"dobj", "obj"}}
    objects = [c for h in hosts for c in h.children if c.dep_ in {"dobj", "obj", "dative", "attr", "oprd"}]
    if misread is not None:  # its object first
        objects = [misread[1]] + [o for o in objects if o is not misread[1]]
    direct = [o for c in objects for o in ([c] if c.i not in things else
              [po for x in c.children if x.dep_ == "prep" and x.lower_ in _RECIPIENT_PREPS
               for po in _prep_objects(x)])]
    if dialect.modality and tok.lemma_.lower() in SPEECH_VERBS:
        # what is announced is no one it is said to: "announced a government-led financing program"
        direct = [o for o in direct if o.i in index or o.dep_ == "dative" or o.lower_ in PERSONAL_PRONOUNS]
    # in our rules the one acted on comes first: "accused Sarkozy of playing second fiddle to Germany" is
    # aimed at Sarkozy, not at whom the charge names
    levels.extend([direct, passed_over] if dialect.modality else [passed_over, direct])
    if dialect.modality and p.code[:2] == "14":  # "protested after police killed a man": against the police
        levels.append(grievance_agents(hosts + ([tok.head] if is_noun and tok.dep_ == "nsubj" else [])))
    if dialect.modality and tok.dep_ == "advcl" and tok.tag_ == "VBG" and not any(
            c.dep_ in {"nsubj", "dobj", "dative"} for c in tok.children):
        # "spoke to a gathering of industry leaders, promising to lift regulations": said to them
        levels.append([o for c in tok.head.children if c.dep_ == "dative" or (c.dep_ == "prep" and c.lower_ == "to")
                       for o in ([c] if c.dep_ == "dative" and c.pos_ != "ADP" else _prep_objects(c))])
    if dialect.modality:  # "made a visit to Libya to cement relations, offer aid and encourage them": in Libya
        levels.append(_destination_of_purpose(tok))
    if dialect.modality and p.code[:3] == "171":  # "burned police stations": whose property it was is hit
        levels.insert(2, [f for f in m.slot_heads if f.i in things])
    # a statement named by a noun ("Western statements that the campaign will continue until Gadhafi ...") is,
    # like a verb of saying, not aimed at whom its content names
    speech = tok.lemma_.lower() in SPEECH_VERBS or (dialect.modality and is_noun and p.code == "010")
    # who is spoken about is not who is spoken to; a clause of its own that only says when or why ("approved
    # austerity measures as protesters clashed with police") has its own actors, not this predicate's target
    for c in [] if speech else [c for c in _to_clauses(hosts) if not _subordinate_clause(c)]:
        levels.append([s for s in c.children if s.dep_ in {"nsubj", "nsubjpass"}])
        levels.append([o for x in c.children if x.dep_ == "dative" or (x.dep_ == "prep" and x.lower_ in {"to", "into"})
                       for o in ([x] if x.dep_ == "dative" and x.pos_ != "ADP" else _prep_objects(x))])
        levels.append([s for s in c.children if s.dep_ in {"dobj", "obj"}])
    # each prepositional phrase on its own, in text order: the first with an actor is the target
    skip_named = {n.i for n in m.named}  # PETRARCH's "+" after the named phrases: the target is elsewhere
    # what talks or a meeting are on is their topic, not a party to them ("a conference call on efforts to avert
    # a Greek default")
    topic = _TOPIC_PREPS | {"on"} if dialect.modality and p.code[:2] == "04" else set()
    subj_ids |= {t.i for h in hosts for c in h.children if c.dep_ == "prep" and c.lower_ in topic for t in c.subtree}
    # who is left out is no party: "held discussions without the Germans", "all members except Britain"
    absent = {c.i for h in hosts + m.slot_heads for c in h.children if c.dep_ == "prep"
              and c.lower_ in ABSENCE_PREPS} if dialect.modality else set()
    subj_ids |= {t.i for i in absent for t in tok.doc[i].subtree}
    preps = sorted((c for h in hosts for c in h.children if c.dep_ in {"prep", "dative"} and c.lower_ != "by"
                    and c.i not in skip_named), key=lambda c: c.i)
    levels.extend(_prep_objects(c) for c in preps)
    levels.append(m.slot_heads)
    # a slot filled inside the complement ("vowed to wage war on X"): that verb's phrases
    levels.extend(_prep_objects(c) for h in m.slot_heads if h.head.i != tok.i and h.head.dep_ == "xcomp"
                  for c in h.head.children if c.dep_ == "prep")
    # a pattern that says where the target is (PETRARCH's `ABOUT +`, our `>with`) has none elsewhere
    named_target = p.target_prep is not None and p.target_prep >= 0 and bool(m.target_heads)
    own_codes = {a.code for a in sources} if len({a.code for a in sources}) == 1 and not dialect.modality else set()
    for heads in levels[:2] if named_target else levels:
        heads = [h for h in heads if h.i not in subj_ids]
        patients = _patients_of_acts(heads, tok, vd) if dialect.modality else set()
        # the source again ("he" for Sam in "Sam began to question whether he ...") is no target: look further
        found = [a for a in _actors_in(heads, index, skip=(patients | absent) or None)
                 if a not in sources and a.code not in own_codes]
        if not found and dialect.new_actor_length:  # PETRARCH: the first noun phrase in a target's place
            found = [a for a in (_new_actor(h, index, dialect) for h in heads[:1]) if a is not None]
        if found:
            cand.target = found
            break
    src_codes = {a.code for a in sources}
    # a statement's target is no state named only as where a thing is (`_place_in_passing`)
    passing_places = dialect.modality and p.code[:2] == "01"
    if not cand.target and not speech and not named_target:  # then the first actor after the predicate ("in Bree")
        patients = _patients_of_acts(hosts, tok, vd) if dialect.modality else set()
        after = sorted(t.i for h in hosts for t in h.subtree if t.i > tok.i and t.i not in subj_ids | patients)
        for i in after:
            a = index.get(i)
            if a is not None and a not in sources:
                t = tok.doc[i]
                clauses = [x for x in [t, *t.ancestors] if x.i > tok.i
                           and (x.dep_ in _CLAUSE_DEPS - {"acl"} or _own_clause(x))]
                if clauses and not (dialect.modality and p.code[:2] in CONTENT_TARGET_ROOTS
                                    and not _describes_rejected(clauses, p.code)):
                    break  # inside a clause of its own: not this predicate's target (unless that clause is what is
                    # asked, meant, refused or threatened: "threatened to pull the rug from under his government")
                if dialect.modality and any(x.dep_ == "agent" and x.head.dep_ in {"acl", "relcl"}
                                            for x in t.ancestors if x.i > tok.i):
                    continue  # who did what a phrase describes: "fines for the sale of software later used by China"
                if passing_places and _place_in_passing(t, index, vd, dialect):
                    continue  # "denied reports that a plant in China was crippled": where, not who
                cand.target = [a]
                cand.confidence -= 0.2
                break
    if not cand.target and not named_target:  # last resort: the first actor of a clause on the object
        # what is announced or stated is no one it is said to: "announced several measures intended to ease
        # citizens' hardships" is said to no one (in our rules; PETRARCH takes the clause's actor)
        objs = [c for h in hosts for c in h.children if c.dep_ in {"dobj", "obj"}
                and not (dialect.modality and speech and p.code[:2] == "01")]
        clauses = [c for o in objs for c in o.children if c.dep_ in {"acl", "relcl", "ccomp"}
                   and not _subordinate_clause(c) and not (dialect.modality and _describes_rejected([c], p.code))]
        # "X noted that Y ...", not "Y ..., X said": the clause follows the verb
        said = [c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i] if speech and not dialect.modality else []
        if tok.lemma_.lower() not in SPEECH_VERBS:  # what is said is not whom it is said to (in our rules)
            clauses += [c for c in tok.children if c.dep_ == "ccomp"]
            # the clause of a pattern's slot verb: "began to question whether he has a future with X"
            clauses += [c for h in m.slot_heads if h.pos_ in {"VERB", "AUX"} for c in h.children if c.dep_ == "ccomp"]
        below = sorted({t.i for c in clauses + said for t in c.subtree} - subj_ids)
        for i in below:
            a = index.get(i)
            if a is not None and a not in sources and a.code not in src_codes:
                if passing_places and _place_in_passing(tok.doc[i], index, vd, dialect):
                    continue  # "denied reports that a plant in China was crippled": where, not who
                cand.target = [a]
                cand.confidence -= 0.15
                if said and any(i in {t.i for t in c.subtree} for c in said):
                    cand.modifiers.append("target from what was said")  # PETRARCH: X said Y ... -> X to Y
                break
    # a target is dropped when it is the source itself; "Arnor and Gondor ... reconciliation between
    # Calenardhon and Gondor" keeps Gondor as a target of Arnor (the scorer and exports skip Gondor -> Gondor)
    # (our rules: unless both are named and two actors, "Democrats criticized Republicans")
    # (and a fight's other side, named in words of its own: "soldiers loyal to Saleh clashed with army units
    # backing the opposition" are two forces of one state)
    fight = (p.code or "")[:2] in {"18", "19"} and len(cand.target) == 1
    cand.target = [a for a in cand.target if a.code not in src_codes or len(src_codes) > 1 or (
        dialect.modality and all(distinct_actors(s, a) or (fight and s.kind == a.kind == "sector" and s.start != a.start
                                                           and s.text.lower() != a.text.lower())
                                 for s in sources if s.code == a.code))]
    # "Gondor and Osgiliath met": each with the other
    if p.subject_role == "both" and len(src_codes) > 1:  # PETRARCH's `% *`: the subject's actors with each other
        cand.target = []
    # "X and Y met" is reciprocal, "X and Y said" is not; PETRARCH's dictionaries mark reciprocity (`% *`)
    # and only acts done together are ("X and Y met/signed/fought"): "X and Y support Z" or "... damaged" are not
    symmetric = p.code[:2] in SYMMETRIC_ROOTS or p.code[:3] in SYMMETRIC_CODES or not dialect.modality
    if p.code[:2] == "03" and tok.lemma_.lower() not in {"agree"}:
        symmetric = False  # "X and Y agreed to cooperate" is mutual; "X and Y are willing to chip in" is not
    if p.code[:2] in {"19", "20"} and tok.lemma_.lower() not in MUTUAL_FIGHT_WORDS:
        symmetric = False  # "X and Y clashed" is mutual; "al Qaeda militants attacked" is not
    # a partner named in a phrase the actors do not cover ("signed deals with Cheniere") is the other side
    partner = any(c.dep_ == "prep" and c.lower_ in {"with", "against", "between"}
                  for h in hosts + [o for h in hosts for o in h.children if o.dep_ in {"dobj", "obj"}]
                  for c in h.children)  # "signed supply deals with Cheniere": Cheniere is the other side
    implicit = (dialect.implicit_reciprocal and not speech and symmetric and not partner) or p.subject_role == "both"
    if not cand.target and len(src_codes) > 1 and not p.code.startswith("01") and implicit:
        cand.target = list(sources)
        cand.modifiers.append("reciprocal")
    if not cand.target:
        cand.confidence -= 0.1
        if dialect.require_target:
            cand.dropped = "no target actor (this dictionary codes dyads only)"
            return cand
        if dialect.petrarch_one_sided and not any(
                c.dep_ in {"dobj", "obj", "dative", "attr"} or (c.dep_ == "prep" and _prep_objects(c))
                for h in hosts for c in h.children):
            cand.dropped = "no target actor and no noun phrase after the verb to stand as '---' (PETRARCH-1)"
            return cand
    if dialect.modality and p.lemma == "hope" and p.code[:2] == "01":
        # hoping that X will ... is a comment on X; on what X's clause mentions further down it is an opinion
        # (a clause whose subject is an act says nothing of an actor: "hope that capturing the port east of the
        # capital Tripoli will be a tipping point")
        hoped = {t.idx for c in tok.children if c.dep_ == "ccomp" and not any(x.dep_ == "csubj" for x in c.children)
                 for s in c.children if s.dep_ in _SUBJECTS for t in s.subtree}
        cand.target = [a for a in cand.target if any(a.start <= i < a.end for i in hoped)]
    if dialect.modality:
        cand.target = [own_state(a, sources) for a in cand.target]
    cand = _finish_meaning(cand, tok, verb, m, p, vd, dialect)
    if backed is not None and not cand.dropped and (cand.negated or (cand.code or "")[:2] != p.code[:2]):
        # "will have to make it with the help of the opposition": help to an act not done is no help given
        cand.dropped, cand.dropped_by = f"backing of '{verb.text if verb else tok.text}', an act not done", "meaning"
    return cand


ABSENCE_PREPS = {"without", "except", "excluding", "besides"}
# where a thing is: the setting filter's prepositions, less "at" (also whom anger is aimed at: "rage at the
# government"), and "outside" ("a plant outside Shanghai")
PLACE_PREPS = (SETTING_PREPS - {"at"}) | {"outside"}
# where these are is whose they are ("the conflict in Libya")
SITUATION_NOUNS = {"conflict", "war", "fighting", "violence", "crisis", "unrest", "uprising", "revolt", "rebellion",
                   "insurgency", "turmoil", "situation", "bloodshed", "crackdown", "election", "revolution"}


def _place_in_passing(t: Token, index: dict[int, Actor], vd: VerbDictionary, dialect: Dialect) -> bool:
    """A state named only as where a thing is ("a plant in China", "factories near Shanghai"): a place, not
    whom a statement or a denial is aimed at; unlike where an event is ("the conflict in Libya": its parties).
    (Asked for statements only: where a measure or protest is, is whom it is aimed at: "a curfew in Algiers",
    "reforms in Greece".)"""
    prep = t.head
    return t.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS \
        and prep.head.pos_ == "NOUN" and prep.head.i not in index and not _patterns_for(prep.head, vd, dialect) \
        and prep.head.lemma_.lower() not in SITUATION_NOUNS


def _finish_meaning(cand: Candidate, tok: Token, verb: Token | None, m: _Match, p: VerbPattern,
                    vd: VerbDictionary, dialect: Dialect) -> Candidate:
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
        table = vd.negations if dialect.dictionary_negations else None
        code = table.get(cand.code or "") if table else negated_code(cand.code or "")
        # no one refused either: "none of the parties have been willing to oppose aid" is no rejection
        if code is None or neg.startswith("under") or neg.endswith(("no one did it", "nothing was done")):
            cand.dropped, cand.dropped_by = f"{neg}: not the positive event", "meaning"
            return cand
        cand.modifiers.append(f"{neg} -> {code}")
        cand.code = code
    if dialect.modality and (cand.code or "")[:2] in {"18", "19"} and verbal_attack(tok, cand.source, cand.target):
        cand.modifiers.append("verbal: no weapon, political actors -> 111")
        cand.code = "111"
    if dialect.modality and (cand.code or "")[:2] == "19" and tok.lemma_.lower() in ADVANCE_VERBS \
            and not armed(cand.source):
        cand.dropped, cand.dropped_by = "an advance by no armed actor: another sense", "meaning"
        return cand
    if dialect.modality and cand.code == "015" and (why := admitted_fact(tok)):
        cand.dropped, cand.dropped_by = why, "meaning"
        return cand
    if dialect.modality and (cand.code or "")[:2] == "14" and (why := occasion(tok)):
        cand.dropped, cand.dropped_by = f"a gathering {why}", "meaning"
        return cand
    if dialect.modality and (cand.code or "")[:2] == "02" and question(tok) and rhetorical_clause(tok) is None:
        cand.dropped, cand.dropped_by = "a question ('asked if ...') is no appeal", "meaning"
        return cand
    if dialect.modality and (cand.code or "")[:3] in {"042", "043"} and travellers(cand.source):
        # "wounded civilians arriving in hospitals", "refugees arrived in Tunisia", "a reporter flew to Tripoli":
        # people on the move or at work; a visit is made by states, officials, forces, parties and bodies
        cand.dropped, cand.dropped_by = "a journey by civilians, reporters or companies is no visit", "meaning"
        return cand
    if dialect.modality and (cand.code or "")[:3] == "087" and civilians(cand.source):
        # "CNN's Ben Wedeman retreats to a rebel field hospital": states, forces and those who command them
        # retreat, demobilise or cease fire; reporters, civilians and companies do not
        cand.dropped, cand.dropped_by = "military de-escalation by civilians: another sense", "meaning"
        return cand
    if dialect.modality and (cand.code or "")[:3] == "143" and tok.pos_ == "NOUN" and armed(cand.source):
        cand.modifiers.append("a strike by armed forces is an attack -> 190")  # "a NATO strike in Majer"
        cand.code = "190"
    mode, word = modality(clause_verb)
    if mode == "modal" and dialect.modality:
        cand.dropped, cand.dropped_by = f"hypothetical ('{word}')", "meaning"
        return cand
    cooperative = "03" <= (cand.code or "")[:2] <= "08"
    if mode == "threat" and not cand.negated and dialect.modality:
        # "will boycott unless ..." is a threat; "would meet if ..." a conditional offer (intent)
        new = intent_code(cand.code or "")
        new = new if new[:2] == "13" or cooperative else "130"
        cand.modifiers.append(f"conditional ('{word}') -> {new}")
        cand.code = new
    if mode == "intent" and not cand.negated and dialect.modality and (word or "").lower() in POSTURE_WORDS \
            and (cand.code or "")[:2] in {"18", "19", "20"}:
        cand.modifiers.append(f"prepared ('{word}') -> 150")  # readying force is posture, not a verbal threat
        cand.code = "150"
    elif mode == "intent" and not cand.negated and dialect.modality:
        new = intent_code(cand.code or "")
        if new != cand.code:
            cand.modifiers.append(f"intent ('{word}') -> {new}")
            cand.code = new
    cand.confidence = max(0.05, min(1.0, cand.confidence))
    return cand


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
    found = resolve_event_date(doc, trigger.start_char, trigger.end_char, coded.times, article, coded.quotes,
                               coded.actors)
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


def find_candidates(sent: DocSpan, index: dict[int, Actor], vd: VerbDictionary,
                    policy: EventPolicy = DEFAULT_POLICY, dialect: Dialect = OURS) -> list[Candidate]:
    """Every predicate of a sentence with its coding or the reason it was dropped: each word's pattern
    (`matching`), roles and meaning (`_code_candidate`), then the sentence passes (`passes.SENTENCE_PASSES`)."""
    out: list[Candidate] = []
    deleted = comma_clauses(sent, dialect.comma_clauses) if dialect.comma_clauses else set()
    if deleted:  # PETRARCH-1: a deleted clause holds neither predicates nor actors
        index = {i: a for i, a in index.items() if i not in deleted}
    for tok in sent:
        if tok.pos_ not in {"VERB", "NOUN", "AUX", "PROPN", "ADJ"}:
            continue
        if tok.i in deleted and _patterns_for(tok, vd, dialect):
            out.append(Candidate(tok, dropped="inside a comma-delimited clause (deleted, PETRARCH's comma_* options)",
                                 dropped_by="comma_clauses"))
            continue
        if tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ == "compound" and tok.head.lemma_.lower() not in EVENT_CARRIERS:
            continue  # a modifier of another noun ("riot police", "aid groups", "bomb attack") is no event
        pats = _patterns_for(tok, vd, dialect)
        if not pats:
            continue
        m = _match(tok, vd, dialect, pats)
        if m is None:
            out.append(Candidate(tok, dropped="no pattern of this word matches here", dropped_by="match"))
            continue
        c = _code_candidate(tok, m, index, vd, dialect)
        if c.dropped and c.dropped_by is None:
            c.dropped_by = "roles"
        out.append(c)
    run_sentence_passes(out, index, dialect, policy)
    return out


@dataclass
class _Placed:
    """A candidate kept after every pass, with the date and place its event gets."""

    cand: Candidate
    date: str | None
    precision: str | None
    date_text: str | None
    location: Location | None


def _coded_sentences(doc: Doc, coded: CodedArticle, res: Resources, policy: EventPolicy, index: dict[int, Actor],
                     dialect: Dialect) -> Iterable[tuple[int, DocSpan, list[Candidate], list[_Placed]]]:
    """Per sentence: every candidate (dropped ones say by which pass) and the kept ones, dated and placed.
    The one path `code_events` and `explain` share, so an explanation is what coding did; `index` is
    the caller's `_actor_tokens` of the document."""
    article = coded.article
    home = main_country(coded.actors, coded.places, coded.location) if dialect.modality else None
    text = doc_text(doc)  # a sentence's text sliced from it: `Span.text` joins the tokens' texts each time
    for s_i, sent in enumerate(doc.sents):
        if not text[sent.start_char:sent.end_char].strip():
            continue
        cands = find_candidates(sent, index, res.verbs, policy, dialect)
        if dialect.modality and coded.quotes:
            cands.extend(_quoted_judgement(sent, cands, coded.quotes, index))
        kept: list[_Placed] = []
        states: list[Actor] | None = None  # the sentence's acting states, looked up once when needed
        for c in cands:
            if c.dropped or c.trigger is None or c.code is None or c.pattern is None:
                continue
            trig = doc[c.trigger[0] : c.trigger[1]]
            date, precision, date_text, location = _date_and_place(doc, trig, coded)
            if dialect.modality:  # the passes that need the event's date and place (dyads.events.filters)
                if states is None:
                    states = _sentence_states(sent, index) if home else []
                place_backed_sector(c, home, states)
                c.dropped = background_reason(date, precision, article.publication_date, policy) or \
                    since_reason(c, policy) or \
                    place_bare_sectors(c, location, home, policy) or place_force_target(c, location, policy) or \
                    place_aid_recipient(c, home, policy) or \
                    learned_reason(c, res.event_filter, policy)
                if c.dropped:
                    c.dropped_by = pass_named(c.dropped, "placing")
                    continue
            kept.append(_Placed(c, date, precision, date_text, location))
        yield s_i, sent, cands, kept


def _describes_rejected(clauses: list[Token], code: str) -> bool:
    """A rejection (12) is aimed at whoever put forward what it rejects ("rejected the offer Greece made"); a
    relative clause that describes anything else rejected names no one it is aimed at ("dismissing as unlikely
    any scenario in which Libya would descend into civil war")."""
    return code[:2] == "12" and any(x.dep_ == "relcl" and x.head.lemma_.lower() not in RESPONDED_WORDS
                                    for x in clauses)


def _one_per_code(actors: list[Actor]) -> list[Actor]:
    """The first mention of each code on one side: "Gaddafi, the leader of Libya" and "Gaddafi" are one target,
    and a dyad counted once per pair of codes (exports make one row per pair)."""
    seen: set[str | None] = set()
    out = []
    for a in actors:
        if a.code not in seen:
            seen.add(a.code)
            out.append(a)
    return out


def code_events(doc: Doc, coded: CodedArticle, res: Resources, policy: EventPolicy = DEFAULT_POLICY,
                dialect: Dialect = OURS) -> tuple[list[Event], list[NoEvent]]:
    """Events of one parsed article, and a reason for every sentence that has none."""
    article = coded.article
    index = _actor_tokens(doc, coded.actors)
    text = doc_text(doc)
    events: list[Event] = []
    no_events: list[NoEvent] = []
    for s_i, sent, cands, kept in _coded_sentences(doc, coded, res, policy, index, dialect):
        found = 0
        for placed in kept:
            c, date, precision, date_text, location = (placed.cand, placed.date, placed.precision,
                                                       placed.date_text, placed.location)
            assert c.trigger is not None and c.pattern is not None and c.code is not None
            trig = doc[c.trigger[0] : c.trigger[1]]
            rule = f"{c.pattern.source} {c.pattern.text} -> {c.pattern.code}"
            if c.modifiers:
                rule += " (" + "; ".join(c.modifiers) + ")"
            roles = [(c.code, _one_per_code(c.source), _one_per_code(c.target)[:6], rule)]
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
                        sentence=text[sent.start_char:sent.end_char].strip(),
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
    dropped_by: str | None = None  # for a dropped one: the stage or named pass that dropped it


@dataclass
class SentenceExplanation:
    """What the coder saw in one sentence (for `dyads explain`)."""

    sentence_index: int
    text: str
    actors: list[str]
    predicates: list[PredicateExplanation]


def explain(doc: Doc, coded: CodedArticle, res: Resources, policy: EventPolicy = DEFAULT_POLICY,
            dialect: Dialect = OURS) -> list[SentenceExplanation]:
    """Per sentence: the actors, every candidate predicate, the pattern that matched or why it was dropped."""
    index = _actor_tokens(doc, coded.actors)
    kept_by = [name for name, _ in passes_run(policy)]
    out = []
    for s_i, sent, cands, _ in _coded_sentences(doc, coded, res, policy, index, dialect):
        preds = []
        for c in cands:
            preds.append(PredicateExplanation(
                trigger=c.token.text, start=c.token.idx, end=c.token.idx + len(c.token.text),
                pattern=f"{c.pattern.source} {c.pattern.text} -> {c.pattern.code}" if c.pattern else None,
                code=c.code, source=[a.code or "" for a in c.source], target=[a.code or "" for a in c.target],
                notes=list(c.modifiers), dropped=c.dropped,
                passes=[] if c.dropped or c.code is None else kept_by, dropped_by=c.dropped_by if c.dropped else None,
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
            by = f" by {p.dropped_by}" if p.dropped_by and not p.dropped.startswith(f"{p.dropped_by}:") else ""
            what = f"{p.code} {roles}" if not p.dropped else f"dropped{by}: {p.dropped}"
            notes = f" ({'; '.join(p.notes)})" if p.notes else ""
            lines.append(f"    '{p.trigger}' {p.pattern or 'no matching pattern'}: {what}{notes}")
    return "\n".join(lines)
