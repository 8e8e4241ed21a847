"""Meaning: whether a coded predicate happened, is only intended or threatened, or is a figure of speech.

The rules of section 3 of `dyads.events.coder`'s docstring that read the parse around one predicate:
negation ("did not", "refused to", "has yet to"), modality (intent and future, threats under a
condition, hypotheticals, conditions and indirect questions) and word sense (an attack in words is
criticism). They are functions of tokens only; the coder applies their verdicts to a candidate.
"""

from __future__ import annotations

from itertools import islice

from spacy.tokens import Token

from dyads.events.lexicon import PERSONAL_PRONOUNS, POSSESSIVE_PRONOUNS
from dyads.models import Actor
from dyads.quotes import REPORT_VERBS

# "try"/"attempt"/"decide" are not here: an attempt or a decision is an act ("tried to hack", "the court
# decided to allow"; an attempted assassination is CAMEO 185); "would try to" is intent through its "would"
INTENT_VERBS = {
    "plan", "intend", "want", "seek", "aim", "expect", "promise", "pledge", "vow", "offer", "agree",
    "prepare", "propose", "hope", "wish", "threaten", "go", "mean", "resolve",
    # "are set to approve", "is due to travel", "is scheduled to meet": planned, not yet done
    "set", "due", "schedule", "slate", "poise",
}
INTENT_NOUNS = {"intention", "intent", "plan", "readiness", "willingness", "pledge", "promise", "offer", "bid"}
INTENT_AUX = {"will", "would", "shall", "'ll"}
# nouns whose `to`-clause says what something is for or allowed to do, not what was done
# ("the U.N. mandate to protect civilians", "NATO's mission to protect", "the right to strike")
PURPOSE_NOUNS = {"mandate", "mission", "authority", "authorization", "right", "power", "ability", "means", "tool",
                 "way", "chance", "opportunity", "need", "duty", "responsibility", "obligation", "capacity"}
# "decide what to bomb", "whether to attack": a question about an act, not the act
INDIRECT_QUESTION_WORDS = {"what", "whether", "how", "which", "who", "whom", "when", "where"}
# nouns whose "of" names what may happen ("fears of a strike", "the risk of war")
PROSPECT_NOUNS = {"fear", "risk", "prospect", "possibility", "danger", "spectre", "specter", "likelihood", "chance",
                  "threat", "rumor", "rumour", "speculation", "worry", "concern", "hope", "expectation"}
# verbs whose clause says what may happen ("fear that Russia will attack", "expect that Greece agrees")
PROSPECT_VERBS = {"hope", "fear", "worry", "expect", "predict", "forecast", "anticipate", "speculate", "wish"}
# "X is expected / tipped to do Y": what others think will happen, not an act nor X's intent
EXPECTATION_VERBS = {"expect", "tip", "predict", "forecast"}
MODAL_AUX = {"may", "might", "could", "can", "should", "must", "ought"}
# nouns whose "between" names options, none of them done ("a choice between agreeing to X or allowing Y")
CHOICE_NOUNS = {"choice", "option", "dilemma", "alternative"}
NEGATING_VERBS = {"refuse", "decline", "fail", "reject", "deny", "avoid", "stop", "cease", "halt",
                  "struggle"}  # "has been struggling to gain support": not gained
NEGATORS = {"not", "n't", "never", "no", "neither", "nor"}
# subjects that say no one did the act
NO_ONE = {"none", "nobody", "nothing", "neither", "noone"}
# verbs whose "from"/"of" phrase names what was kept from being done ("refrained from criticising", "steered
# clear of attacking", "shied away from condemning"), with the word some of them take before the preposition
AVOIDING_VERBS = {"refrain", "abstain", "desist", "shy", "steer", "stay", "keep", "hold"}
AVOIDING_WORDS = {"away", "clear", "back", "short"}
# verbs whose object event did not happen
PREVENTING_VERBS = {"avert", "prevent", "thwart", "foil", "forestall", "avoid"}
# verbs of force that politicians also use of words ("attacked the president for ...")
VERBAL_ATTACK_VERBS = {"attack", "hit", "assail", "fight", "battle", "target", "hammer", "savage", "lash", "strike",
                       "pound", "deal", "deliver"}  # ("dealt a blow to": by a court or a party, in words)
# words that make an attack physical
FORCE_WORDS = {"troop", "force", "soldier", "army", "militant", "rebel", "gunman", "police", "bomb", "missile",
               "rocket", "shell", "shelling", "gun", "gunfire", "fire", "airstrike", "strike", "tank", "artillery",
               "weapon", "kill", "wound", "injure", "dead", "die", "knife", "stone", "grenade", "explosive", "raid",
               "ambush", "military", "warplane", "drone", "jet", "offensive", "battle", "clash", "fighter", "attacker",
               "assault", "mortar", "casualty", "hostage", "insurgent", "war"}
ARMED_SECTORS = {"MIL", "REB", "COP", "SPY", "UAF", "INS", "IMG"}
POLITICAL_SECTORS = {"GOV", "PTY", "OPP", "LEG", "ELI", "JUD", "MED", "CVL", "NGO", "BUS", "LAB", "EDU"}


def negation(verb: Token, tok: Token) -> str | None:
    """Why the act of `tok` (in the clause of `verb`) is not done: a negator, "has yet to", or a verb that
    negates its complement ("refused to", "ruled out"); None when it is done."""
    # "offered no proof", "made no demands", "offered no new pledges": an object that says nothing was done (not
    # a refusal, as "there will be no talks" and "has no intention of seeking aid" are)
    for t in {verb, tok}:
        if t.lemma_.lower() == "have":
            continue
        objs = [c for c in t.children if c.dep_ in {"dobj", "obj"}]
        if t.dep_ in {"dobj", "obj"} and t.head.lemma_.lower() != "have":
            objs.append(t)
        if any(d.dep_ == "det" and d.lower_ == "no" for o in objs for d in o.children):
            return "negated by 'no' on its object: nothing was done"
    # "was not willing to give": the copula's negation is the adjective's
    for t in {verb, tok, *(x.head for x in (verb, tok) if x.dep_ == "acomp")}:
        for c in t.children:
            if c.i > t.i + 1 and any(x.is_punct for x in t.doc[t.i + 1: c.i]):
                continue  # "promising to lift regulations -- probably not what Graham had in mind": another phrase's
            if c.dep_ == "neg" or (c.lower_ in NEGATORS and c.dep_ in {"advmod", "det", "neg"}):
                return f"negated by '{c.text}'"
            if c.dep_ == "advmod" and c.i < t.i:  # "did not even ever clash": the negation hangs from an adverb
                for g in c.children:
                    if g.dep_ == "neg" or (g.lower_ in NEGATORS and g.dep_ == "advmod"):
                        return f"negated by '{g.text}'"
    # "None of the leading parties have been willing to ...", "no country has offered ...": no one did it
    # (also up the verbs it completes or is joined to: "none ... have been willing to stand up and oppose")
    chain = [verb]
    while chain[-1].dep_ in {"acomp", "xcomp", "conj"} and len(chain) < 5 and not any(
            c.dep_ in {"nsubj", "nsubjpass"} for c in chain[-1].children):
        chain.append(chain[-1].head)
    for t in {tok, *chain}:
        for c in t.children:
            if c.dep_ in {"nsubj", "nsubjpass"} and (c.lower_ in NO_ONE or any(
                    d.dep_ == "det" and d.lower_ == "no" for d in c.children)):
                return f"negated by '{c.text}': no one did it"
    # "neither admitted nor denied the allegations": both verbs are negated, the first by its "neither"
    for t in {verb, tok}:
        if any(c.dep_ == "preconj" and c.lower_ == "neither" for c in t.children):
            return "negated by 'neither'"
        if t.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ == "nor" and c.i < t.i for c in t.head.children):
            return "negated by 'nor'"
    # "averted a war", "a war was averted", "thwarted an attack": an event noun that was prevented
    if tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ in {"dobj", "obj", "nsubjpass"} \
            and tok.head.lemma_.lower() in PREVENTING_VERBS:
        return f"under '{tok.head.text}'"
    # "stopped short of urging a boycott": not done
    for a in list(verb.ancestors)[:4]:
        if a.lemma_.lower() == "stop" and any(c.lower_ == "short" for c in a.children):
            return f"under '{a.text} short of'"
    # "refrained from criticising", "is steering clear of criticizing Trump": kept from being done
    if verb.dep_ == "pcomp" and verb.head.lower_ in {"from", "of"}:
        host = verb.head.head
        word = host if host.lower_ in AVOIDING_WORDS else None
        host = host.head if word is not None else host
        word = word or next((c for c in host.children if c.lower_ in AVOIDING_WORDS), None)
        if host.lemma_.lower() in AVOIDING_VERBS and (verb.head.lower_ == "from" or word is not None):
            return f"under '{host.text}{' ' + word.text if word is not None else ''} {verb.head.text}'"
    # "has yet to ratify", "is yet to decide": not done (yet)
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in {"have", "be"} and any(
            c.lower_ == "yet" for c in verb.head.children):
        return "under 'yet to'"
    # "did not want to give traders the impression": what was not wanted, planned or sought is not done
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in INTENT_VERBS and any(
            c.dep_ == "neg" for c in verb.head.children):
        return f"under negated '{verb.head.text}'"
    t = verb
    for _ in range(3):
        ruled_out = t.head.lemma_.lower() == "rule" and any(c.lower_ == "out" for c in t.head.children)
        if t.dep_ in {"xcomp", "ccomp"} and (t.head.lemma_.lower() in NEGATING_VERBS or ruled_out):
            return f"under '{t.head.text}'"
        if t.head is t:
            break
        t = t.head
    return None


def _auxiliaries(verb: Token) -> list[Token]:
    """The auxiliaries of a verb, or, for a conjunct with no subject or auxiliary of its own, those it
    shares with the verb it is joined to ("so it can make loans, rescue banks and help governments")."""
    t = verb
    for _ in range(6):
        own = [c for c in t.children if c.dep_ == "aux"]
        if own or t.dep_ != "conj" or any(c.dep_ in {"nsubj", "nsubjpass", "auxpass"} for c in t.children):
            return own
        if t.tag_ == "VBG" and t.head.tag_ == "VB":
            return []  # a participle is not the base form its auxiliaries go with: "... would be X, and winning Y"
        t = t.head
    return []


def modality(verb: Token) -> tuple[str | None, str | None]:
    """('intent', word) for future/intent, ('threat', word) for "will X unless/if Y", ('modal', word)
    for hypotheticals and conditions ("if Y", "unless Y"), indirect questions ("deciding what to bomb",
    "whether to attack") and purposes ("the mandate to protect civilians"), else (None, None)."""
    if verb.pos_ == "NOUN" and verb.dep_ == "pobj" and verb.head.lower_ == "of" \
            and verb.head.head.lemma_.lower() in PROSPECT_NOUNS:
        return "modal", verb.head.head.text  # "fears of a U.S. military strike": feared, not done
    if verb.dep_ in {"acl", "ccomp"} and verb.head.pos_ == "NOUN" and verb.head.lemma_.lower() in PROSPECT_NOUNS \
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in verb.children):
        return "modal", verb.head.text  # "hopes that G20 officials would agree": hoped for, not done
    if verb.dep_ == "ccomp" and verb.head.pos_ in {"VERB", "AUX"} and {  # (the lemmatiser reads "Hopes" as "hop")
            verb.head.lemma_.lower(), verb.head.lower_, verb.head.lower_.removesuffix("s")} & PROSPECT_VERBS:
        return "modal", verb.head.text  # "markets hope that G20 officials would agree": hoped for, not done
    if verb.dep_ == "pcomp" and verb.head.lower_ == "of" and verb.head.head.lemma_.lower() in {"capable", "incapable"}:
        return "modal", verb.head.head.text  # "is capable of delivering warheads": could, not did
    wh = next((c for c in verb.subtree if c.i < verb.i and c.lower_ in INDIRECT_QUESTION_WORDS
               and c.tag_ in {"WP", "WDT", "WRB", "IN"} and (c.head.i == verb.i or c.head.head.i == verb.i)), None)
    if wh is not None and (any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) or wh.lower_ == "whether"):
        return "modal", wh.text
    # "an answer about how he would combat the Islamic State": a question of what may be done, not a deed
    if wh is not None and verb.dep_ in {"pcomp", "ccomp", "advcl"} and any(
            c.dep_ == "aux" and c.lower_ in INTENT_AUX | MODAL_AUX for c in verb.children):
        return "modal", wh.text
    for t in [verb, *islice(verb.ancestors, 8)]:
        if t.dep_ in {"pcomp", "pobj"} and t.head.lower_ == "between" and t.head.head.lemma_.lower() in CHOICE_NOUNS:
            return "modal", t.head.head.text  # "may face a choice between agreeing ... or allowing ...": an option
    t = verb
    for _ in range(4):  # inside a condition: not (yet) an act
        if t.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in t.children):
            return "modal", next(m.text for m in t.children if m.dep_ == "mark")
        if t.head is t:
            break
        t = t.head
    cond = next((m.text for c in verb.children if c.dep_ == "advcl" for m in c.children
                 if m.dep_ == "mark" and m.lower_ in {"if", "unless"}), None)
    for c in verb.children:
        if c.dep_ == "aux" and c.lower_ in INTENT_AUX and cond:
            return "threat", cond
        if c.dep_ == "aux" and c.lower_ == "to" and cond and verb.dep_ != "xcomp":  # ("threatened to X if Y")
            return "modal", cond  # "authority to call a walkout if an agreement cannot be reached": not called
    auxes = _auxiliaries(verb)
    if verb.tag_ == "VBN" and any(a.lower_ == "have" for a in auxes) and any(
            a.lower_ in INTENT_AUX | MODAL_AUX for a in auxes):
        return "modal", "would have"  # "the proposal would have funded the government": it did not
    for c in auxes:
        if c.lower_ in INTENT_AUX:
            return "intent", c.text
        if c.lower_ in MODAL_AUX:
            return "modal", c.text
    t = verb
    for _ in range(4):
        if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.head.pos_ in {"VERB", "AUX"}:
            t = t.head.head  # "ways to seek enforcement by asking prosecutors": the means of what it is under
            continue
        if t.dep_ in {"acl", "relcl"} and t.head.lemma_.lower() in PURPOSE_NOUNS:
            return "modal", t.head.text
        noun = t.doc[t.i - 2] if t.i >= 2 and t.doc[t.i - 1].lower_ == "to" and t.doc[t.i - 1].head.i == t.i else None
        if noun is not None and noun.pos_ == "NOUN" and noun.lemma_.lower() in PURPOSE_NOUNS:
            return "modal", noun.text  # "as part of NATO's mission to protect civilians", parsed as a clause of its own
        purpose = t.dep_ == "advcl" and t.head.pos_ in {"VERB", "AUX"} and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
        if (t.dep_ == "xcomp" and t.head.pos_ in {"VERB", "AUX"}) or purpose:
            # "could try to attack Israel", "might use the fund to help Greece": an act tried or served
            # under a modal verb is only possible, not done
            word = next((a.text for a in _auxiliaries(t.head) if a.lower_ in MODAL_AUX), None)
            if word is not None:
                return "modal", word
        if t.dep_ in {"xcomp", "acl", "ccomp"} or purpose:  # "would need money to help": planned
            head = t.head
            if head.lemma_.lower() in EXPECTATION_VERBS and any(c.dep_ == "auxpass" for c in head.children):
                return "modal", head.text  # "are expected to deliver their verdict": others expect it, not done
            if head.lemma_.lower() in INTENT_VERBS or head.lower_ in INTENT_NOUNS:
                return "intent", head.text
            t = head
            for c in t.children:
                if c.dep_ == "aux" and c.lower_ in INTENT_AUX:
                    return "intent", c.text
        else:
            break
    return None, None


# verbs of admitting, whose clause may be a state of affairs rather than the speaker's own deed
ADMITTING_VERBS = {"admit", "acknowledge", "concede"}
# the subject of an admitted clause that is the speaker's own: a pronoun for a speaker, or a thing with a
# possessive pronoun
OWN_SUBJECTS = PERSONAL_PRONOUNS - {"it"}
OWN_POSSESSIVES = POSSESSIVE_PRONOUNS | {"my", "our"}


def admitted_fact(tok: Token) -> str | None:
    """ "She acknowledged it was unlikely to work", "acknowledged that there are still some people who feel that
    way": what is admitted is a state of affairs, an opinion about things, no admission of responsibility (015),
    which is for the speaker's own deed ("admitted he had lied", "acknowledged that its forces had fired",
    "acknowledged arming the rebels")."""
    if tok.lemma_.lower() not in ADMITTING_VERBS:
        return None
    clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    subj = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}), None) \
        if clause is not None else None
    if subj is None or subj.lower_ in OWN_SUBJECTS or any(
            c.dep_ == "poss" and c.lower_ in OWN_POSSESSIVES for c in subj.children):
        return None
    return f"what '{tok.text}' admits is a state of affairs ('{subj.text} {clause.text}'), no deed of the speaker's"


# gatherings that are also where someone speaks ("said at a rally in Michigan")
GATHERING_NOUNS = {"rally", "protest", "demonstration", "march", "vigil", "gathering"}
# verbs of speaking to people: those of reported speech and a few that are not ("Speaking at a rally")
SPEAKING_VERBS = REPORT_VERBS | {"speak", "talk", "address", "question", "encourage", "mock", "joke"}


def occasion(tok: Token) -> str | None:
    """ "Trump said during a rally in Michigan", "Speaking at a rally, Clinton questioned ...": a gathering named
    only as where someone spoke is the occasion of what was said, not a protest the article reports (a
    candidate's campaign rally is no dissent). A gathering with a side of its own ("a rally against the war",
    "a protest by teachers", "the opposition's rally", "an anti-government rally") is still one."""
    prep = tok.head
    if tok.pos_ != "NOUN" or tok.dep_ != "pobj" or prep.lower_ not in {"at", "during"} \
            or tok.lemma_.lower() not in GATHERING_NOUNS:
        return None
    if any(c.dep_ in {"poss", "acl", "relcl"} or c.lower_.startswith(("anti", "pro-"))
           or (c.dep_ == "prep" and c.lower_ in {"against", "by", "for", "over", "of"}) for c in tok.children):
        return None
    host = prep.head
    if host.pos_ in {"NOUN", "PROPN"} and host.dep_ in {"dobj", "obj"}:
        host = host.head  # "tells his supporters at a rally"
    if host.pos_ not in {"VERB", "AUX"}:
        return None
    if host.lemma_.lower() in SPEAKING_VERBS:
        return f"where '{host.text}' was said: the occasion, not a protest"
    # "At a rally, Trump likened the refugees to a snake": one person's act at a rally is hers, not the crowd's
    person = next((c for c in host.children if c.dep_ == "nsubj" and (c.lower_ in {"he", "she"} or (
        c.pos_ == "PROPN" and c.ent_type_ not in {"NORP", "GPE", "LOC"}))), None)
    return f"where '{person.text}' acted: the occasion, not a protest" if person is not None else None


# verbs of asking that put a question when their clause is one ("asked if Britain had not had enough war")
QUESTION_VERBS = {"ask", "wonder", "inquire", "enquire", "query"}


def question(tok: Token) -> bool:
    """ "Rogozin asked if Britain had not had enough war", "asked whether the talks would go on": asking a
    question, whose answer is sought, is no appeal for an act (CAMEO 02); "asked Britain to stop" is one."""
    if tok.lemma_.lower() not in QUESTION_VERBS:
        return False
    asks = {"if", "whether", "why"} | INDIRECT_QUESTION_WORDS
    for c in tok.children:
        if c.dep_ in {"ccomp", "advcl"} and any(m.dep_ in {"mark", "advmod", "nsubj", "dobj", "attr"}
                                                and m.lower_ in asks and m.i < c.i for m in c.children):
            return True
    return False


def armed(actors: list[Actor]) -> bool:
    """Whether any of the actors bears arms (an armed sector, or an alliance such as NATO)."""
    return any((a.sector or (a.code or "")[3:6] or "") in ARMED_SECTORS or "NAT" in (a.code or "")[3:]
               for a in actors)


# sectors of people who bear no arms and command none (a reporter's "retreat" is no military one)
CIVILIAN_SECTORS = {"MED", "CVL", "BUS", "EDU", "HLH", "LAB", "REL", "HRI", "REF", "AGR", "ENV", "NGO"}


# sectors whose journeys are no visits in CAMEO's sense (042, 043)
TRAVELLER_SECTORS = {"CVL", "REF", "MED", "HLH", "EDU", "BUS"}


def travellers(actors: list[Actor]) -> bool:
    """Whether there are actors and all of them are people on the move or at work (civilians, refugees,
    reporters, companies) of a state, whose journeys are no visits; an international body's are."""
    return bool(actors) and all((a.sector or (a.code or "")[3:6]) in TRAVELLER_SECTORS
                                and (a.code or "")[:3] not in {"IGO", "NGO"} for a in actors)


def civilians(actors: list[Actor]) -> bool:
    """Whether there are actors and all of them are civilians, who neither bear arms nor command those who
    do (`armed` asks whether any bears them)."""
    return bool(actors) and all((a.sector or (a.code or "")[3:6]) in CIVILIAN_SECTORS for a in actors)


def _civilian_body(code: str) -> bool:
    """An international body with no arms of its own (the EU, the UN; not NATO)."""
    return code[:3] == "IGO" and not any(x in code for x in ("NAT", "MIL", "PKO"))


def verbal_attack(tok: Token, source: list[Actor], target: list[Actor]) -> bool:
    """ "The Socialists attacked Sarkozy for seeking Chinese help": an attack in words, not with force.

    A material reading needs force: a weapon or armed actor in the sentence, or an armed source or
    target. Without one, an attack, hit or fight by a political actor on a person or political actor,
    or one given a reason ("for seeking"), is criticism (CAMEO 111)."""
    if tok.lemma_.lower() not in VERBAL_ATTACK_VERBS:
        return False
    # a politician named as a person (a candidate, a party leader, a legislator) attacks in words whomever she
    # attacks, whatever else the sentence tells ("after she attacked law enforcement officers nationwide and
    # blamed police shootings on ...")
    if target and source and all((a.kind == "person" or a.kind == "pronoun" and a.text.lower() in {"he", "she"})
                                 and (a.sector or "") in {"ELI", "PTY", "OPP", "LEG"} for a in source):
        return True
    sent = tok.sent
    own = {c.i for c in tok.children if c.dep_ in {"dobj", "obj"}}  # "fighting an uphill battle": a figure
    # what the target is attacked for or called ("attacked Clinton for her support of military action",
    # "pounding Trump as a con artist"): a reason or a name, whose words of force are not the attack's
    reasons = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"for", "as"}
               and any(g.tag_ == "VBG" or g.pos_ == "NOUN" for g in c.children)]
    said = {t.i for c in reasons for t in c.subtree}
    if any(t.lemma_.lower() in FORCE_WORDS for t in sent if t.i != tok.i and t.i not in own | said):
        return False
    sectors = {(a.sector or (a.code or "")[3:6] or "") for a in source + target}
    if sectors & ARMED_SECTORS:
        return False
    reason = bool(reasons)
    political = all((a.kind == "person" or (a.sector or "")[:3] in POLITICAL_SECTORS
                     or _civilian_body(a.code or "")) for a in target) and bool(target)
    return reason or political
