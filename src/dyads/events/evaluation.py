"""What a statement says of an actor it names: criticism (111) or praise (051), and whom it is about.

Most of what politicians do in the news is talk about each other: "Aubry said Sarkozy would be
remembered as the president of the downgrade", "'He is wrong,' Giscard said". Coded by the verb
alone these are "X said" (010) with no target, which is no event. A statement is an event when its
content names an actor other than the speaker and judges it: the judgement words are data
(`dictionaries/default/evaluation.tsv`), the actor is the subject of what was said (else the first
actor in it). A neutral statement about someone stays 010 with no target: who it is "about" is too
loose a target to count (the one-sided filter then keeps it out of the events table).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from spacy.tokens import Span, Token

from dyads.actors.dictionary import DEFAULT_DICT_DIR
from dyads.events.filters import PLACE_KINDS, distinct_actors
from dyads.events.lexicon import _SETTING_PREPS, HOSTILE_ACT_NOUNS
from dyads.models import Actor

CRITICIZE = "111"
PRAISE = "051"
NEGATORS = {"not", "n't", "never", "no"}
# clauses that are what a statement verb reports
CONTENT_DEPS = {"ccomp", "parataxis", "xcomp", "oprd", "dobj", "obj"}


@cache
def load_evaluation(path: Path = DEFAULT_DICT_DIR / "evaluation.tsv") -> dict[str, int]:
    """word -> polarity (-1 critical, +1 approving)."""
    out: dict[str, int] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, polarity = line.split("\t")[:2]
        out[word.strip().lower()] = int(polarity)
    return out


# verbs that judge whoever does them ("he should not be meddling"); other verbs report facts ("failed to agree")
JUDGING_VERBS = {"lie", "betray", "meddle", "deceive", "mislead", "discriminate", "undermine", "sabotage",
                 "sleepwalk", "destabilize", "destabilise", "interfere"}


# letting or leading others to believe something is deceiving them ("allowed the public to think that ..."), said
# of whoever does it; the belief verbs are what they are let to do
LETTING_VERBS = {"allow", "let", "lead"}
BELIEF_VERBS = {"think", "believe", "assume"}


# what makes blame a part of it, half an excuse ("banks were only partly to blame")
PARTLY = {"partly", "partially", "only", "somewhat"}


# verbs of achieving, which judge whoever never does them ("has never accomplished a real job")
ACHIEVING_VERBS = {"accomplish", "achieve"}


# what is committed that charges whoever commits it ("committed war crimes"; not "committed troops")
MISDEEDS = {"crime", "atrocity", "abuse", "violation", "massacre", "murder", "fraud", "offence", "offense", "genocide",
            "breach"}


def judgement(tokens: Iterable[Token], words: dict[str, int]) -> int:
    """The sign of what the words say: approving words under a negator count as critical ("not fit").
    Judging words are adjectives and nouns ("wrong", "a disgrace"), a few verbs of misconduct, committing a
    misdeed ("committed war crimes"), letting others believe ("allowed the public to think"), never achieving
    ("has never accomplished"), and "too" before an adjective or adverb ("acted too slowly")."""
    total = 0
    for t in tokens:
        if t.lower_ == "too" and t.dep_ == "advmod" and t.head.pos_ in {"ADJ", "ADV"} and t.head.lower_ not in {
                "much", "many"}:
            total -= 1  # "had acted too slowly", "too weak to lead": more or less than it should, a fault
            continue
        if t.lemma_.lower() == "commit" and any(  # ("a vast array of possible war crimes")
                x.lemma_.lower() in MISDEEDS for o in t.children if o.dep_ in {"dobj", "obj"}
                for x in [o, *(g for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children)]):
            total -= 1  # "forces committed war crimes": whoever commits them is charged
            continue
        if t.lemma_.lower() in LETTING_VERBS and t.pos_ == "VERB" and any(
                x.dep_ in {"xcomp", "ccomp"} and x.lemma_.lower() in BELIEF_VERBS for x in t.children):
            total -= 1  # "allowed her staff and the public to think that ...": deceit, whoever let them
            continue
        if t.lemma_.lower() == "blame" and t.dep_ == "xcomp" and t.head.lemma_.lower() == "be":
            if not any(c.lower_ in PARTLY for c in [*t.children, *t.head.children] if c.dep_ == "advmod"):
                total -= 1  # "the West was to blame for the crisis"; "only partly to blame" half excuses
            continue
        if t.lemma_.lower() in ACHIEVING_VERBS and t.pos_ == "VERB":
            if any(c.lower_ in NEGATORS for c in t.children if c.dep_ in {"neg", "advmod"}):
                total -= 1  # "has never accomplished a real job": a failure; achieving something judges no one
            continue
        if t.pos_ in {"VERB", "AUX"} and t.lemma_.lower() not in JUDGING_VERBS and not (
                t.tag_ == "VBN" and t.lower_ in words):  # "was misguided": a participle used as an adjective
            continue
        p = words.get(t.lower_, words.get(t.lemma_.lower(), 0))
        if not p:
            continue
        kids = [*t.children, *t.head.children]
        negated = any(c.lower_ in NEGATORS for c in kids if c.dep_ in {"neg", "advmod", "det"})
        total += -p if negated else p
    return (total > 0) - (total < 0)


def content_of(verb: Token, exclude: set[int]) -> list[Token]:
    """The words a statement verb reports: its clausal complement, or the clause it is a parenthetical
    of ("'He is wrong,' Giscard said"), without the speaker's own phrase."""
    region: set[int] = set()
    for c in verb.children:
        if c.dep_ in CONTENT_DEPS:
            region |= {t.i for t in c.subtree}
    if verb.dep_ in {"parataxis", "ccomp"} and verb.head.i != verb.i:  # the quote is the head
        host = verb.head
        region |= {t.i for t in host.subtree} - {t.i for t in verb.subtree}
    region -= exclude
    region.discard(verb.i)
    doc = verb.doc
    return [doc[i] for i in sorted(region)]


NAMING_VERBS = {"call", "describe", "brand", "label", "dub", "term"}


def naming_content(verb: Token) -> list[Token]:
    """What a naming verb calls its object ("called it evidence that ...", "described Y as a disgrace"), or []
    when the verb names nothing ("called Mubarak": a telephone call)."""
    parts = [c for c in verb.children if c.dep_ in {"oprd", "xcomp", "ccomp"}
             or (c.dep_ == "prep" and c.lower_ == "as")]
    return [t for c in parts for t in c.subtree]


def naming_target(verb: Token, sources: list[Actor], index: dict[int, Actor]) -> tuple[str, list[Actor]] | None:
    """(code, target) for "X called Y a Z" whose name judges Y (the object, else an actor in the name)."""
    content = naming_content(verb)
    sign = judgement(content, load_evaluation()) if content else 0
    if not sign:
        return None
    objects = [t for c in verb.children if c.dep_ in {"dobj", "obj"} for t in _named_or_owner(c)]
    # whom the name's own clauses act on is not who is named: "a ploy aimed at embarrassing Clinton" judges the
    # ploy's authors, not Clinton
    acted_on = {x.i for t in content if t.dep_ in {"acl", "relcl", "xcomp", "pcomp"} and t.pos_ == "VERB"
                for c in t.children if c.dep_ in {"dobj", "obj", "dative"} for x in c.subtree}
    return _first_actor(objects + [t for t in content if t.i not in acted_on], sign, sources, index)


def _named_or_owner(obj: Token) -> list[Token]:
    """The words of a naming's object that can stand for whom it names: the object and what is joined to it, and
    whose it is (its possessive, "by" or "from" whom); not what it is about ("the demand for Pagliano's
    appearance" names a demand, not Pagliano)."""
    heads = [obj, *(c for c in obj.subtree if c.dep_ == "conj" and c.head.i == obj.i)]
    out: list[Token] = []
    for h in heads:
        out.append(h)
        for c in h.children:
            if c.dep_ in {"poss", "compound", "amod", "det", "appos"}:
                out.extend(c.subtree)
            elif c.dep_ == "prep" and c.lower_ in {"by", "from"}:
                out.extend(c.subtree)
    return sorted(out, key=lambda t: t.i)


# words of a subject that say no one of it did what its verb says ("Neither Google nor the U.S. has said")
NONE_WORDS = {"neither", "nor", "nobody", "none"}


def unsaid(verb: Token) -> bool:
    """Whether a statement verb's subject says that none of it said it ("Neither Google nor the U.S. government
    has said ..."): what was not said charges and judges no one."""
    return any(t.lower_ in NONE_WORDS for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}
               for t in c.subtree)


# words that open an indirect question ("asked if", "asked whether", "asked why")
QUESTION_MARKS = {"if", "whether", "why"}
# a question put with one of these asks what someone will or may do, an answer really sought
OPEN_MODALS = {"will", "would", "shall", "should", "can", "could", "may", "might"}


def rhetorical_clause(verb: Token) -> Token | None:
    """The clause of a question that answers itself: a negated question of what someone did or is ("asked if
    Britain had not had enough war", "asked why Europe had not acted"), whose answer the asker puts forward
    as a reproach. A question of what someone will or may do ("asked whether he would not resign") and a plain
    one ("asked if the talks had ended") seek an answer."""
    for c in verb.children:
        if c.dep_ not in {"ccomp", "advcl"} or not any(
                m.dep_ in {"mark", "advmod"} and m.lower_ in QUESTION_MARKS and m.i < c.i for m in c.children):
            continue
        if any(x.dep_ == "neg" for x in c.children) and not any(
                x.dep_ == "aux" and x.lower_ in OPEN_MODALS for x in c.children):
            return c
    return None


def rhetorical_target(verb: Token, sources: list[Actor], index: dict[int, Actor]) -> tuple[str, list[Actor]] | None:
    """(111, target) for a rhetorical question (`rhetorical_clause`) whose subject is an actor other than the
    asker: the reproach is of that actor."""
    clause = rhetorical_clause(verb)
    if clause is None:
        return None
    subj = [t for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree]
    return _first_actor(subj, -1, sources, index)


# nouns that, "of" someone, put an act down to him ("the work of al Qaeda", "the hallmarks of")
WORK_NOUNS = {"work", "handiwork", "hallmark", "hallmarks", "doing"}


def attributed_agent(verb: Token, sources: list[Actor], index: dict[int, Actor], exclude: set[int]
                     ) -> tuple[Actor, Token] | None:
    """(actor, the act's noun or the clause) when what a statement verb reports puts a violent act down to a named
    actor: "said the attack appeared to be the work of al Qaeda", "said al Qaeda was behind the bombing", "in an
    attack a source said bore the hallmarks of al Qaeda" (the relative clause's noun). Naming who did an attack
    is the speaker's accusation of that actor (112); a statement that names no actor accuses no one."""
    content = content_of(verb, exclude)
    ids = {t.i for t in content}

    def hostile(t: Token | None) -> bool:
        return t is not None and (t.lemma_.lower() in HOSTILE_ACT_NOUNS or t.lower_ in HOSTILE_ACT_NOUNS)

    for t in content:
        if t.lemma_.lower() == "be":  # "al Qaeda was behind the bombing", "was responsible for the killings"
            preps = [p for p in t.children if p.dep_ == "prep" and p.lower_ == "behind"]
            preps += [p for a in t.children if a.dep_ == "acomp" and a.lower_ in {"responsible", "culpable"}
                      for p in a.children if p.dep_ == "prep" and p.lower_ == "for"]
            acts = [o for p in preps for o in p.children if o.dep_ == "pobj" and hostile(o)]
            subj = [x for c in t.children if c.dep_ in {"nsubj", "nsubjpass"} for x in c.subtree]
            found = _first_actor(subj, -1, sources, index) if acts else None
            if found is not None:
                return found[1][0], acts[0]
        if t.lemma_.lower() in WORK_NOUNS and t.dep_ in {"attr", "dobj", "obj"} and t.head.i in ids | {verb.i}:
            agent = [x for p in t.children if p.dep_ == "prep" and p.lower_ == "of" for x in p.subtree]
            # what was the work: the clause's subject ("the attack was", "the attack appeared to be"), or the noun
            # a relative clause of the statement hangs on ("an attack a source said appeared to be the work of")
            clause = [t.head, *(a for a in t.head.ancestors if a.i in ids)]
            subj = next((c for v in clause for c in v.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            act = subj if subj is not None else (verb.head if verb.dep_ == "relcl" else None)
            found = _first_actor(agent, -1, sources, index) if hostile(act) else None
            if found is not None:
                return found[1][0], act
    return None


def speech_target(verb: Token, sources: list[Actor], index: dict[int, Actor], exclude: set[int]
                  ) -> tuple[str, list[Actor]] | None:
    """(code, target) for a statement that judges an actor other than the speaker: the actor is the
    subject of a clause of what was said, and the judgement is what that clause says of it ("said
    Sarkozy was not fit", "'He is wrong,' Giscard said"); words elsewhere in the content (the facts
    reported: "were charged in a sweep of fraud") judge no one."""
    content = content_of(verb, exclude)
    if not content:
        return None
    ids = {t.i for t in content}
    words = load_evaluation()
    for subj in (t for t in content if t.dep_ in {"nsubj", "nsubjpass"} and t.head.i in ids):
        if subj.dep_ == "nsubjpass" and subj.head.lower_ not in words:
            continue  # what was done to it is a fact, not a judgement of it ("was misguided" is one)
        found = _subject_judged(subj, [t for t in subj.head.subtree if t.i in ids], sources, index, words)
        if found is not None:
            return found
    return _blamed_in_reason(verb, content, sources, index, words)


def _blamed_in_reason(verb: Token, content: list[Token], sources: list[Actor], index: dict[int, Actor],
                      words: dict[str, int]) -> tuple[str, list[Actor]] | None:
    """(111, target) when what was said condemns a thing and a "because" clause of it, or of the statement verb,
    says which actor is at fault: "Ryan said the bill smacked of hypocrisy, because Democrats had blocked the same
    plan" (the parser may hang the reason on the statement verb). Only criticism: a reason for a fault puts the
    fault on whoever the reason names; a reason for approval names no one praised."""
    ids = {t.i for t in content}
    reasons = [c for c in [*verb.children, *content] if c.dep_ == "advcl" and (c.head.i == verb.i or c.i in ids)
               and any(m.dep_ == "mark" and m.lower_ == "because" for m in c.children)]
    for r in reasons:
        inside = {t.i for t in r.subtree}
        if judgement([t for t in content if t.i not in inside], words) >= 0:
            continue
        subj = [x for c in r.children if c.dep_ in {"nsubj", "nsubjpass"} for x in c.subtree]
        found = _first_actor(subj, -1, sources, index)
        if found is not None:
            return found
    return None


def _subject_judged(subj: Token, clause: list[Token], sources: list[Actor], index: dict[int, Actor],
                    words: dict[str, int]) -> tuple[str, list[Actor]] | None:
    """(code, target) when what `clause` says of its subject `subj` judges it and the subject names an
    actor other than the speaker (`sources`); an extraposed "it" stands for its to-clause, which names whom
    it judges (`_extraposed`)."""
    extraposed = _extraposed(subj)
    if extraposed is not None:
        to_clause, judged = extraposed
        inside = {x.i for x in to_clause.subtree}
        sign = judgement([t for t in clause if t.i not in inside and t.i != subj.i], words)
        if not sign and subj.head.tag_ == "VBG":  # "it was demoralizing to ...", parsed as a verb
            sign = words.get(subj.head.lower_, 0)
        return _first_actor(judged, sign, sources, index) if sign and judged else None
    own = {x.i for x in subj.subtree}
    # what the clause says of the subject, not what it says of the things it names: "still had tremendous
    # vulnerabilities to increasingly destructive attacks" judges the attacks, not the United States
    said_of_others = {x.i for t in clause if t.dep_ == "prep" and t.head.pos_ in {"NOUN", "PROPN"}
                      and t.head.i not in own for x in t.subtree}
    # a clause of its own with its own subject judges that subject: "If the initiative is successful, Rousseff
    # will use ..." says nothing of Rousseff; unless that subject stands for the same actor: "the Europeans are
    # showing they are weak", "Trump proved he is unfit" say it of the subject
    others = {x.i for t in clause if t.i != subj.head.i and t.i not in own and not _said_of_attribute(t, subj)
              and any(c.dep_ in {"nsubj", "nsubjpass"} and c.i != subj.i and not _same_actor(c, subj, index)
                      for c in t.children) for x in t.subtree}
    sign = judgement([t for t in clause if t.i not in own | said_of_others | others], words)
    return _first_actor(list(subj.subtree), sign, sources, index) if sign else None


RELATIVE_PRONOUNS = {"who", "that", "which"}


def _said_of_attribute(t: Token, subj: Token) -> bool:
    """Whether `t` is a relative clause of what the subject is said to be, so that what it says is said of the
    subject: "Obama was the one who started the controversy", "he is a man who lies" (its subject is the
    relative pronoun, which stands for the subject itself)."""
    return t.dep_ == "relcl" and t.head.dep_ == "attr" and t.head.head.i == subj.head.i and any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in RELATIVE_PRONOUNS for c in t.children)


def _same_actor(a: Token, b: Token, index: dict[int, Actor]) -> bool:
    """Whether two subjects stand for one actor: a pronoun resolved to the other's code ("the Europeans ...
    they"), or the same actor."""
    x, y = index.get(a.i), index.get(b.i)
    return x is not None and y is not None and (x is y or (
        bool(x.code) and x.code == y.code and "pronoun" in {x.kind, y.kind}))


def _extraposed(subj: Token) -> tuple[Token, list[Token]] | None:
    """(the to-clause, the words of whom it judges) for an "it" that stands for a to-clause after its verb:
    "it is unacceptable for Israel to build settlements" judges Israel (the clause's own subject), "it was
    demoralizing to work for Obama" judges Obama (whom the clause serves: "for", "under"); None when `subj` is
    no such "it"."""
    if subj.lower_ != "it" or subj.dep_ != "nsubj":
        return None
    to_clause = next((c for c in subj.head.children if c.dep_ in {"xcomp", "ccomp", "advcl"} and c.i > subj.head.i
                      and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    if to_clause is None:
        return None
    own = [x for c in to_clause.children if c.dep_ in {"nsubj", "nsubjpass"} for x in c.subtree]
    if own:
        return to_clause, own
    # whose doing it is: "it was wrong of NATO to bomb ...", "it is not right on the part of the government to ..."
    judging = [subj.head, *(c for c in subj.head.children if c.dep_ in {"acomp", "attr"})]
    doer = [x for j in judging for p in j.children if p.dep_ == "prep" and p.i < to_clause.i
            for o in p.children if o.dep_ == "pobj"
            for owner in ([o] if p.lower_ == "of" and j is not subj.head else
                          [g for q in o.children if q.dep_ == "prep" and q.lower_ == "of" for g in q.children
                           if g.dep_ == "pobj"] if p.lower_ == "on" and o.lower_ == "part" else [])
            for x in owner.subtree]
    if doer:
        return to_clause, doer
    # whom one serves ("to work for Obama", "to serve under him"); a partner ("a mistake to negotiate with Israel")
    # is not judged: the negotiating is
    return to_clause, [x for p in to_clause.children if p.dep_ == "prep" and p.lower_ in {"for", "under"}
                       for o in p.children if o.dep_ == "pobj" for x in o.subtree]


def _first_actor(content: list[Token], sign: int, sources: list[Actor], index: dict[int, Actor]
                 ) -> tuple[str, list[Actor]] | None:
    """The first actor of `content` that is not the speaker, with the code of the judgement's sign."""
    src = {a.code for a in sources} | {(a.name or a.text or "").lower() for a in sources}
    for t in content:
        a = index.get(t.i)
        if a is None or a in sources or (a.name or a.text or "").lower() in src:
            continue
        # one code on both sides is one actor, unless both are named and two ("Trump said Hillary Clinton
        # was weak": USA -> USA, domestic politics)
        if a.code in src and not all(distinct_actors(s, a) for s in sources if s.code == a.code):
            continue
        if a.kind in PLACE_KINDS and t.dep_ == "pobj" and t.head.lower_ in _SETTING_PREPS \
                and t.head.head.pos_ == "NOUN":
            continue  # "the military intervention in Libya was very dangerous": where it happened is not judged
        if a.kind == "pronoun" and (a.name or "").lower() in src:
            continue
        if _names_a_thing(t, index):
            continue  # "No, it's an excellent grade": "it" is the grade, not the agency that gave it
        return (CRITICIZE if sign < 0 else PRAISE), [a]
    return None


NEUTER_PRONOUNS = {"it", "this", "that"}


def _names_a_thing(t: Token, index: dict[int, Actor]) -> bool:
    """A neuter pronoun whose own clause says what it is, and that is no actor: "it's an excellent grade",
    "this is a bad deal" judge a thing, whatever the pronoun would otherwise be resolved to."""
    if t.lower_ not in NEUTER_PRONOUNS or t.dep_ not in {"nsubj", "nsubjpass"} or t.head.lemma_ != "be":
        return False
    attrs = [c for c in t.head.children if c.dep_ == "attr" and c.pos_ in {"NOUN", "PROPN"}]
    return bool(attrs) and not any(c.i in index for c in attrs)


def quoted_judgement(sent: Span, speaker: list[Actor], index: dict[int, Actor]
                     ) -> tuple[str, list[Actor], Token] | None:
    """(code, target, the judging clause's head) for a sentence of a quotation that judges an actor
    ('"Donald Trump is a disgusting fraud. ..." said X'): the quotation's speaker judges the subject of
    the sentence's main clause, as if the sentence were the content of "X said"."""
    root = sent.root
    subjects = [c for c in root.children if c.dep_ == "nsubj"]
    if not subjects or root.pos_ not in {"VERB", "AUX"}:
        return None
    found = _subject_judged(subjects[0], list(root.subtree), speaker, index, load_evaluation())
    return (found[0], found[1], root) if found is not None else None
