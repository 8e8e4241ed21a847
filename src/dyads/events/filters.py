"""What makes a coded predicate an event users can count: the named passes that keep or drop it.

The coder (`dyads.events.coder`) finds predicates and their roles; these passes decide, with our
coding conventions (`docs/evaluation.md`, whole-article coding), which of them are events of the
events table. Each pass sets `Candidate.dropped` to a reason that starts with its name, so `dyads
explain` and the `no_events` layer say which pass dropped what, and nothing is dropped silently.

Why each pass exists (error classes measured on whole articles, not on single sentences):

- `one_sided`: "X said ..." with no one it is said to or about is a statement, not an event; it
  lives in the quotes layer. Only acts that have no target by nature stay one-sided (protests,
  strikes, force posture, bombings). `EventPolicy(one_sided=True)` keeps every one-sided event,
  for users who want GDELT-style 010 rows.
- `medium`: whom a statement is made to through the press ("told the newspaper Bild", "told
  reporters") is the channel, not a target.
- `bare_sector`: a sector with no country ("police", "protesters", "investors") takes the country
  where the event happened when the text says it (the place of its sentence, else the country the
  article's text is about; never the dateline alone); when the text does not, it is no actor of a
  political event and the event is dropped. Beside a named actor on the same side the bare sector
  adds nothing and is removed.
- `same_actor`: a "reciprocal" event between two mentions of one actor (a name and its apposition)
  is no dyad; travelling to one's own country is going home, not a visit.
- `setting`: a country or city named as where talks, a meeting or a statement took place ("held
  talks in Tunisia", "in Tripoli, officials said") is the event's place, not its target, unless the
  pattern names it.
- `business`: deals and quarrels between companies, and what companies or investors do to people,
  the press, a bare country or other non-governing actors, are market news, not political events; a
  company acting on a government, legislature, regulator or force ("sued the government") and a state
  acting on a company ("fined the bank") stay.
- `background`: an act dated more than a year before publication is background, not news.
- `highlights`: the bullet points a news site puts above a story ("Protestors demonstrate in Amman ...
  Demonstrators urge reforms ... Protesters express solidarity ... (CNN) --") summarise the story below,
  run together with no full stops, so that the parser reads one clause into the next; the story tells
  each of their events again, in sentences of its own.
- `poll`: "52 percent of voters agreed that ..." is a share of a public answering a poll, a finding
  and not an act of anyone's.
- `learned` (off unless `EventPolicy(learned=True)`, `--learned-filter`): a logistic regression over what
  the coder knows about a kept candidate (`dyads.events.learned`) gives the probability that its
  event is right; below the shipped threshold it is dropped, the probability in the reason.
- `topic`: a gerund that is what another, uncoded verb is about ("believes the resolution justifies
  killing Gaddafi", "risks sliding into a ground war", "is considering signing up") names an act
  as a topic; it did not happen. After a verb of phase ("began shelling", "continued bombing") it did.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from dyads.actors.dictionary import foreign_mission, several_states
from dyads.events.lexicon import HOSTILE_ACT_NOUNS
from dyads.models import Actor, Location, Place
from dyads.wire import STORY_TAG

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from dyads.events.coder import Candidate
    from dyads.events.learned import EventFilterModel

# roots (and codes) of acts that have no target by nature: protest (14), force posture (15),
# bombings and explosions (183, 1831-1834)
ONE_SIDED_CODES = ("14", "15", "183")
# sectors that are the press: a statement made through them has no target in them
MEDIA_SECTORS = {"MED"}
# words for journalists that are not actors when spoken to ("told reporters")
MEDIA_WORDS = {"reporter", "reporters", "journalist", "journalists", "press", "media", "newspaper", "paper",
               "agency", "television", "radio", "broadcaster", "crowd", "audience", "interviewer", "host",
               "twitter", "facebook", "youtube", "instagram", "blog", "website"}  # "added on Twitter"
# actor kinds that are places when they stand in a setting phrase
PLACE_KINDS = {"country", "capital", "place", "region", "seat"}
SETTING_PREPS = {"in", "at", "inside", "near", "across", "throughout", "around"}
BUSINESS_SECTORS = {"BUS", "MNC"}
# what a company's act must be directed at to be a political event ("sued the government", "lobbied Congress"):
# those who govern, legislate, regulate or police; not a court (a company asking a judge or suing in court is
# litigation, the court its forum), a bare country ("agreed to ship goods to the United States") or a former official
GOVERNING_SECTORS = {"GOV", "LEG", "MIL", "COP", "SPY"}
# an act more than this many days before publication is background
BACKGROUND_DAYS = 366
# head words of a share of a public ("52 percent of voters", "a majority of Egyptians")
SHARE_WORDS = {"percent", "%", "majority", "minority", "plurality", "half", "third", "quarter", "share",
               "proportion", "fraction"}
# verbs of phase: a gerund after them happened ("began shelling", "stepped up bombing")
PHASE_VERBS = {"begin", "start", "continue", "keep", "resume", "stop", "end", "finish", "intensify", "step",
               "escalate", "halt", "cease", "suspend", "go", "carry", "spend", "quit", "avoid"}
# how a gerund hangs from the verb it is the topic of
_TOPIC_DEPS = {"xcomp", "ccomp", "dobj", "obj"}


@dataclass(frozen=True)
class EventPolicy:
    """Which coded predicates become rows of the events table (passed explicitly to the coder)."""

    one_sided: bool = False  # keep events without a target (GDELT-style 010 rows)
    background: bool = False  # keep acts dated more than a year before publication
    bare_sectors: bool = False  # keep events whose source or target is a sector word with no country
    learned: bool = False  # drop events the learned filter scores below its threshold (dyads.events.learned)


DEFAULT_POLICY = EventPolicy()

PASSES: tuple[tuple[str, str], ...] = (
    ("highlights", "not in the story highlights above the story"),
    ("poll", "not a share of a public answering a poll"),
    ("topic", "not a gerund that another verb is about"),
    ("medium", "whom it was said through is no target"),
    ("setting", "a place where it happened is no target"),
    ("bare_sector", "a sector word takes the country the text gives it, else the event is dropped"),
    ("same_actor", "source and target are not one actor"),
    ("business", "not market news between companies"),
    ("one_sided", "it has a target, or is an act without one by nature"),
    ("background", "dated within a year before publication"),
    ("learned", "the learned filter scores it likely right"),
)
"""The named passes in the order they look at a candidate, with what keeping it means."""


def passes_run(policy: EventPolicy = DEFAULT_POLICY) -> list[tuple[str, str]]:
    """The passes a kept event went through under `policy` (those the policy switches off left out): what
    the event page and `dyads explain --format json` list as the passes that kept it."""
    off = {"one_sided": policy.one_sided, "background": policy.background, "bare_sector": policy.bare_sectors,
           "learned": not policy.learned}
    return [(name, why) for name, why in PASSES if not off.get(name)]


def _speechlike(cand: Candidate) -> bool:
    return (cand.code or "")[:2] in {"01", "02", "10"} or (cand.pattern is not None and cand.pattern.code[:2] == "01")


def is_bare(actor: Actor) -> bool:
    """A sector word with no country or organisation of its own ("officials", "investors")."""
    return not actor.country and (actor.code or "")[:3] in {"GOV", "BUS", "MIL", "COP", "CVL", "PTY", "OPP", "REB",
                                                          "MED", "LEG", "JUD", "ELI", "EDU", "LAB", "HLH", "REF",
                                                          "SPY", "AGR", "ENV", "CRM", "UAF", "INS", "RAD"}


# heads of a name that make it a channel or paper ("France 2 TV", "the Kyiv Post daily")
_MEDIA_HEADS = MEDIA_WORDS | {"tv", "channel", "daily", "weekly", "magazine", "station"}


def _is_medium(actor: Actor, doc: Doc | None = None) -> bool:
    """The press, or a name of one: "told France 2 TV" (the actor is France, the phrase a channel)."""
    if (actor.sector or "")[-3:] in MEDIA_SECTORS or (actor.code or "")[-3:] in MEDIA_SECTORS or any(
            w in MEDIA_WORDS for w in (actor.text or "").lower().split()[-1:]):
        return True
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand") if doc is not None else None
    if span is None or not len(span):
        return False
    head = span.root
    while head.dep_ in {"compound", "nmod", "nummod"} and head.head is not head:
        head = head.head
    names = [e for e in span.doc.ents if e.start <= span.start and span.end <= e.end and e.end > span.end]
    return head.lower_ in _MEDIA_HEADS or any(e[-1].lower_ in _MEDIA_HEADS for e in names)


def _setting_place(cand: Candidate, actor: Actor, of_verb: bool = False) -> bool:
    """The actor is a place in a setting phrase ("in Tunisia") that the pattern does not name (with `of_verb`, a
    phrase of the trigger itself)."""
    if actor.kind not in PLACE_KINDS:
        return False
    doc = cand.token.doc
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    head = span.root
    while head.dep_ in {"compound", "conj", "appos"} and head.head is not head:
        head = head.head
    prep = head.head if head.dep_ == "pobj" else None
    own = {cand.token.i} | {o.i for o in cand.token.children if o.dep_ in {"dobj", "obj"}}
    if prep is None or prep.lower_ not in SETTING_PREPS or (of_verb and prep.head.i not in own):
        return False
    named = cand.pattern.preps if cand.pattern is not None else ()
    return prep.lower_ not in {p.lower() for p in named if isinstance(p, str)}


# the regions whose name is also a political body's (Europe for the EU, the West): the others are continents
POLITICAL_REGIONS = {"EUR", "WST"}


def _continent(actor: Actor) -> bool:
    """A continent or world region named as a place ("Asia", "Africa"), which no one acts for."""
    return actor.kind == "region" and (actor.code or "")[:3] not in POLITICAL_REGIONS and len(actor.code or "") <= 3


def _business(actor: Actor) -> bool:
    """A company or investors, and a company's own people ("UBS lawyers", CHEBUSJUD); an international
    organisation of trade or finance (APEC, the IMF) is not."""
    code = actor.code or ""
    if code[:3] in {"IGO", "NGO"}:
        return False
    return (actor.sector or code)[-3:] in BUSINESS_SECTORS or code[:3] == "MNC" or (
        len(code) > 6 and code[3:6] in BUSINESS_SECTORS)


def _governing(actor: Actor) -> bool:
    """Whether a company acting on this actor is a political event (GOVERNING_SECTORS, or an
    international organisation): "talks between Boeing and the Indian government", not "Boeing is
    considering Qatar"."""
    code = actor.code or ""
    sector = actor.sector or code[3:6]
    return sector[:3] in GOVERNING_SECTORS or code[:3] in {"IGO"}


def _identity(actor: Actor) -> tuple[str, ...]:
    """The words that name an actor: its canonical name where known, else its text."""
    return tuple((actor.name or actor.text or "").lower().replace(",", " ").split())


def _distinct_names(names: Iterable[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Names that are not a word-for-word beginning of another ("Jual Oram" within "Jual Oram, a former
    minister"; word for word, not letters: "it" is not in "security")."""
    distinct: list[tuple[str, ...]] = []
    for n in sorted(set(names), key=len):
        if not any(d and n[: len(d)] == d for d in distinct):
            distinct.append(n)
    return distinct


def _same_actor(source: list[Actor], target: list[Actor]) -> bool:
    """Every mention on both sides names one actor: a name and its apposition ("Jual Oram" and "Jual Oram,
    a former minister"), the same person twice."""
    return len(_distinct_names(_identity(a) for a in [*source, *target])) <= 1


# kinds of mention that name one actor of their own: a person, a party or group, an organisation, a company;
# a pronoun counts when coreference named its antecedent. Not a country, a seat ("the White House"), a sector
# word or a description ("the president" may be the source himself)
NAMED_KINDS = {"person", "group", "igo", "ngo", "company"}


PLURAL_BODIES = {"PTY", "OPP", "LEG"}
"""Sectors of which a country has many bodies (parties, the opposition, chambers and their members)."""


def _many(x: Actor) -> bool:
    """A sector word for many people ("government leaders", "ministers", "officials"), none of them named."""
    last = x.text.split()[-1].lower() if x.text else ""
    return x.kind == "sector" and last.endswith("s") and not last.endswith("ss")


def distinct_actors(a: Actor, b: Actor) -> bool:
    """Whether two mentions with the same code are two actors: "Democrats criticized Republicans" (USAPTY,
    USAPTY), "Trump attacked Clinton" (two US politicians). Domestic politics is mostly such events;
    PETRARCH drops every target coded like its source. Two people, or two organisations, with different
    names; a person and an organisation only of a plural body (a party, a chamber), not "Shirakawa" and
    "the Bank of Japan" (he heads it)."""
    def named(x: Actor) -> str | None:  # a person, or an organisation: a person and the body he leads are one
        if x.kind == "person" or (x.kind == "pronoun" and x.name):
            return "person"
        return "organisation" if x.kind in NAMED_KINDS else None
    kind, other = named(a), named(b)
    if {kind, other} & {"person"} and (_many(a) if other == "person" else _many(b) if kind == "person" else False):
        return True  # "Mubarak called on new government leaders to ...": one man and many others of his state
    if kind is None or other is None or len(_distinct_names([_identity(a), _identity(b)])) != 2:
        return False
    # a country has many parties and its legislators are many: a politician and a party or chamber coded
    # alike are two ("Bugar, head of Most-Hid, accused SaS"); a minister and a ministry or bank are one
    return kind == other or (a.code or "")[3:6] in PLURAL_BODIES


def _self_state(source: list[Actor], target: list[Actor]) -> bool:
    """ "Japan hoped Tokyo's contribution ...", "The government plans ... in Malaysia": a country named as
    itself (its name or capital) on one side and that country, or its government, on the other."""
    countries = {a.country for a in source} | {a.country for a in target}
    if len(countries) != 1 or None in countries:
        return False
    state = {"country", "capital"}

    def itself(xs: list[Actor]) -> bool:  # the bare name ("Japan", "Tokyo"), not "Slovakia's commissioner"
        return all(a.kind in state and not a.sector and "'" not in a.text and "’" not in a.text
                   and len(a.text.split()) <= 3 for a in xs)

    def rulers(xs: list[Actor]) -> bool:  # its government; one of its ministers speaking of it ("Osborne said
        # Britain should not be involved") speaks for it, a person named only by the country does not
        return all((a.sector or (a.code or "")[3:6]) in {"", "GOV"} and (a.kind != "person" or a.sector == "GOV")
                   for a in xs)

    return (itself(source) and rulers(target)) or (itself(target) and rulers(source))


# more words than a dateline has before the tag: highlights, not "CAIRO, Egypt (CNN) --"
_DATELINE_WORDS = 8


def _in_highlights(cand: Candidate) -> bool:
    """The trigger's sentence is the run of story highlights that ends at the story's agency tag
    (nlp.paragraph_sentences starts the story proper after the tag)."""
    sent = cand.token.sent
    text = sent.text.rstrip()
    m = STORY_TAG.search(text)
    return m is not None and len(text[: m.start()].split()) > _DATELINE_WORDS


def _poll_share(cand: Candidate) -> bool:
    """Whether the source is a share of a public ("52 percent of registered voters", not "a third of
    the guerrillas": a share of an armed group still acts)."""
    doc = cand.token.doc
    for a in cand.source:
        span = doc.char_span(a.start, a.end, alignment_mode="expand")
        if span is None:
            continue
        h = span.root
        public = a.kind == "demonym" or (a.sector or "") == "CVL"  # voters, Americans: not guerrillas
        if public and h.dep_ == "pobj" and h.head.lower_ == "of" and h.head.head.lemma_.lower() in SHARE_WORDS:
            return True
    return False


def _gerund_topic(cand: Candidate, triggers: set[int]) -> str | None:
    """The verb a gerund trigger is the topic of, when that verb is no coded predicate and no verb of phase."""
    tok = cand.token
    head = tok.head
    if tok.tag_ != "VBG" or tok.dep_ not in _TOPIC_DEPS or head.i == tok.i or head.pos_ not in {"VERB", "AUX"}:
        return None
    if any(c.dep_ in {"aux", "auxpass", "nsubj"} for c in tok.children):
        return None  # "has been sharing": a progressive verb of its own clause, not a gerund
    if head.i in triggers or head.lemma_.lower() in PHASE_VERBS:
        return None
    return head.text


def filter_candidates(cands: list[Candidate], policy: EventPolicy = DEFAULT_POLICY) -> None:
    """Run the role passes over a sentence's coded candidates (our dialect only); sets `dropped`."""
    triggers = {c.token.i for c in cands if c.pattern is not None}
    for c in cands:
        if c.dropped or c.code is None:
            continue
        if _in_highlights(c):
            c.dropped = "highlights: a summary above the story, whose sentences tell its events"
            continue
        if _poll_share(c):
            c.dropped = "poll: a share of a public answering a poll is a finding, not an act"
            continue
        topic = _gerund_topic(c, triggers)
        if topic is not None:
            c.dropped = f"topic: what '{topic}' is about, not an act that happened"
            continue
        if _speechlike(c) and c.target:
            kept = [a for a in c.target if not _is_medium(a, c.token.doc)]
            if len(kept) < len(c.target):
                c.modifiers.append("medium: whom it was said through is no target")
                c.target = kept
        if c.target and ((c.code or "")[:2] == "04" and (c.code or "")[:3] not in {"042", "043"}
                         or (c.code or "")[:2] == "01" or (c.code or "")[:3] == "036"):
            # talks or a meeting in a country, or an intent to meet there: where they met (a visit to it, or a
            # protest in it, is towards it); a comment other than a plain statement loses only a place it was
            # made in ("voiced concern in Washington", not "concerned by reports of casualties in Libya")
            kept = [a for a in c.target if not _setting_place(c, a, of_verb=(c.code or "")[:2] == "01"
                                                                  and c.code != "010")]
            if len(kept) < len(c.target):
                c.modifiers.append("setting: a place where it happened is no target")
                c.target = kept
                if not kept and (c.code or "")[:2] == "04" and len({a.code for a in c.source}) > 1:
                    # "Libyan and American officials engaged in talks in Tunisia": with each other
                    c.target = list(c.source)
                    c.modifiers.append("reciprocal")
        if c.target and any(_continent(a) for a in c.target):
            # "during his trip to Asia", "flex its muscle in Africa": a continent is where, not whom
            c.target = [a for a in c.target if not _continent(a)]
            c.modifiers.append("setting: a continent is where it happened, no target")
        if not policy.bare_sectors:
            for side in ("source", "target"):
                actors: list[Actor] = getattr(c, side)
                if actors and any(is_bare(a) for a in actors) and not all(is_bare(a) for a in actors):
                    setattr(c, side, [a for a in actors if not is_bare(a)])
        if (c.code or "").startswith("011") and c.target:  # declining to comment is directed at no one
            c.target = []
        if c.target and _self_state(c.source, c.target):  # "Japan hoped Tokyo's contribution": no other side
            c.modifiers.append("same_actor: the target is the source's own state")
            c.target = []
        if (c.code or "")[:3] == "042" and c.target and all(
                a.kind in PLACE_KINDS and a.country and a.country in {s.country for s in c.source} for a in c.target):
            c.dropped = "same_actor: travelling to one's own country is going home, not a visit"
            continue
        if c.target and _same_actor(c.source, c.target):
            c.dropped = "same_actor: source and target are one actor"
            continue
        if c.target and all(_business(a) for a in c.source + c.target):
            c.dropped = "business: between companies, market news and no political event"
            continue
        # a lawsuit, complaint or accusation against a state named as itself is against its government ("a Saudi
        # businessman is suing the United States"); anything else a company does to a country is its market
        legal = (c.code or "")[:3] in {"112", "114", "115"} and any(a.kind in {"country", "capital"} for a in c.target)
        if c.target and all(_business(a) for a in c.source) and not any(_governing(a) for a in c.target) \
                and not legal:
            c.dropped = "business: a company or investors acting on no government, legislature, regulator or force"
            continue
        if c.source and all(_business(a) for a in c.source) and (c.code or "")[:2] == "09":
            c.dropped = "business: what a company examines or studies is its research, not an investigation"
            continue
        if c.source and all(_business(a) for a in c.source) and (c.code or "")[:3] in {"012", "013", "014"}:
            c.dropped = "business: what investors or companies worry, hope or think is market comment"
            continue
        if not c.target and not policy.one_sided and not (c.code or "").startswith(ONE_SIDED_CODES) \
                and (c.code or "")[:2] not in FORCE_ROOTS and not _state_aid(c) \
                and not condemns_unclaimed_act(c):  # force and aid: the story may name the target (below)
            c.dropped = ONE_SIDED_REASON
            continue
        if (c.code or "").startswith(GOVERNED_CODES) and not policy.bare_sectors:
            governed = [a if a in c.source else _government(a) for a in c.target]  # not "X and Y met"
            if governed != c.target:
                c.target = governed
                c.modifiers.append("a visit or protest to a country or its capital is to its government")


# what a visit, talks or a protest is directed at when it names a country or its capital: its government
GOVERNED_CODES = ("04", "036", "140", "141", "142", "144", "145")  # not strikes (143): at an employer


def _government(actor: Actor) -> Actor:
    """A state named as a place ("travel to China", "protests in Cairo") standing for its government."""
    if actor.kind not in {"country", "capital"} or actor.sector or len(actor.code or "") != 3:
        return actor
    return replace(actor, code=(actor.code or "") + "GOV", sector="GOV",
                   source=f"{actor.source or actor.code}; its government (visited, protested, named by its own)")


# a country's own people, parties, rebels (not its companies: "Raytheon ... violations of U.S. export controls"
# is a company and its market's rules, the same-state filter's to drop)
_NON_STATE_SECTORS = {"CVL", "OPP", "REB", "PTY", "LAB", "EDU", "HRI", "MED", "REL", "REF", "INS", "RAD", "UAF",
                      "ELI", "NGO"}


def own_state(target: Actor, sources: list[Actor]) -> Actor:
    """What a country's own people, parties or rebels act on when they name their country is its state:
    "protesters demanded change in Yemen", "the opposition accused Syria" (YEMGOV, SYRGOV)."""
    if not target.country or not sources or not all(
            s.country == target.country and s.sector in _NON_STATE_SECTORS for s in sources):
        return target
    return _government(target)


ONE_SIDED_REASON = ("one_sided: no target, a statement or act without anyone it is directed at "
                    "(kept with the one-sided option)")
# acts of force, whose target may be the country of the place they hit ("airstrikes on sites around Zlitan")
FORCE_ROOTS = {"18", "19", "20"}


def condemns_unclaimed_act(cand: Candidate) -> bool:
    """Disapproval of an act whose doer is not named ("We condemn this vicious attack", "denounced the
    bombing"): an event with no target by nature, since the text does not know whom it is aimed at; a
    condemnation of a policy or a statement with no one named stays no event."""
    return (cand.code or "")[:2] == "11" and any(
        o.dep_ in {"dobj", "obj"} and o.lemma_.lower() in HOSTILE_ACT_NOUNS for o in cand.token.children)


def fights_no_actor(cand: Candidate) -> bool:
    """An act of force whose other side is named and is no actor: "fought irritably with mosquitoes" hit no
    country, not the place it happened in."""
    return not cand.target and (cand.code or "")[:2] in FORCE_ROOTS and any(
        c.dep_ == "prep" and c.lower_ in {"with", "against"} and any(
            o.pos_ in {"NOUN", "PROPN"} for o in c.children if o.dep_ == "pobj") for c in cand.token.children)


# nouns of a fight itself as a verb's object ("fought a fierce battle", "waged war"): no one it hit
FIGHT_OBJECT_NOUNS = {"battle", "war", "fight", "offensive", "campaign", "skirmish", "clash", "assault", "attack",
                      "blow", "counterattack", "counteroffensive", "insurgency", "operation", "raid", "fire"}


def _hits_named_people(cand: Candidate) -> bool:
    """Whether an act of force names whom it hit by a noun that is no actor ("killed 17 guards")."""
    return any(o.dep_ in {"dobj", "obj"} and o.pos_ in {"NOUN", "PROPN", "NUM"}
               and o.lemma_.lower() not in FIGHT_OBJECT_NOUNS for o in cand.token.children)


def place_force_target(cand: Candidate, location: Location | None, policy: EventPolicy = DEFAULT_POLICY) -> str | None:
    """An act of force with no target named hits the country of the place in its own clause or sentence
    ("British aircraft carried out airstrikes on sites around Zlitan": GBRMIL -> LBY), when that is not
    the attacker's own country; the target is marked `kind="implied"` with the place as its evidence.
    Returns the one-sided reason when there is still no target."""
    if cand.target or (cand.code or "")[:2] not in FORCE_ROOTS or (cand.code or "").startswith(ONE_SIDED_CODES):
        return None
    own = {a.country for a in cand.source}
    if location is not None and location.basis in {"clause", "sentence"} and location.country \
            and not fights_no_actor(cand) \
            and location.country not in own and location.start is not None and location.end is not None:
        cand.target = [Actor(text=location.text or location.name, start=location.start, end=location.end,
                             code=location.country, country=location.country, kind="implied",
                             source=f"the country of the place it hit ('{location.text}')")]
        cand.modifiers.append(f"target: the country of its place ({location.country})")
        return None
    rebels = {a.country for a in cand.source if a.sector == "REB" and a.country and len(a.country) == 3}
    if (cand.code or "")[:2] == "19" and len(rebels) == 1 and all(a.sector == "REB" for a in cand.source) \
            and not fights_no_actor(cand) and not _hits_named_people(cand) \
            and not any(c.dep_ == "neg" for t in [cand.token, *cand.token.ancestors] for c in t.children):
        # (not under a denial: "have not enabled the rebels to deliver a knockout blow" tells of no fight; not where
        # the text names whom it hit, though no actor: "militia killed 17 guards at the refinery")
        # "Misrata was liberated by rebels after a fierce three-month battle": an insurgency's other side, where
        # the text names none, is the state it rises against, the armed forces of the rebels' own country
        (country,) = rebels
        first = cand.source[0]
        cand.target = [Actor(text=first.text, start=first.start, end=first.end, code=country + "MIL",
                             country=country, sector="MIL", kind="implied",
                             source=f"the forces of the state its rebels fight ({country})")]
        cand.modifiers.append(f"target: the state the rebels fight ({country}MIL)")
        return None
    return None if policy.one_sided else ONE_SIDED_REASON


# kinds of actor that name a state
_STATE_KINDS = {"country", "capital", "demonym"}


def _state_aid(cand: Candidate) -> bool:
    """Aid (07) given by states (named as states or their governments), whose receiver the story may say."""
    return (cand.code or "")[:2] == "07" and bool(cand.source) and all(
        a.country and (a.kind in _STATE_KINDS or a.sector == "GOV") for a in cand.source)


def place_aid_recipient(cand: Candidate, main_country: str | None, policy: EventPolicy = DEFAULT_POLICY) -> str | None:
    """Aid by other states with no receiver named goes to the country the article is about: "further donations were
    made from Bahrain and Kuwait" in a story about Libya's finances (-> LBY, `kind="implied"`). Returns the one-sided
    reason when there is no such country, or it is the giver's own (a state funding its own is no aid between two).

    Why: a story about one country's war or crisis names the givers of its aid and leaves the receiver to the story."""
    if cand.target or not _state_aid(cand):
        return None
    from dyads.syntax import lost_subject  # (spaCy's: the read-only commands import this module without it)

    tok = cand.token
    # only a giving the text tells as done by its own giver: a verb with a subject of its own, or a passive with the
    # givers in its "from" phrase; not a noun ("Beijing's help with the debt crisis" is not said to be to this
    # country) nor a verb whose giver was taken from another clause ("Spain would be too expensive to rescue")
    passive = any(x.dep_ == "auxpass" for x in tok.children)
    told = tok.pos_ in {"VERB", "AUX"} and (lost_subject(tok) is not None or any(
        c.dep_ == "nsubj" or (passive and c.dep_ == "prep" and c.lower_ == "from") for c in tok.children))
    if told and main_country and all(a.country != main_country for a in cand.source):
        first = cand.source[0]
        cand.target = [Actor(text=first.text, start=first.start, end=first.end, code=main_country, country=main_country,
                             kind="implied", source=f"the country the article is about ({main_country}), given aid")]
        cand.modifiers.append(f"target: the country the article is about ({main_country}), given aid")
        return None
    return None if policy.one_sided else ONE_SIDED_REASON


def place_bare_sectors(cand: Candidate, location: Location | None, main_country: str | None,
                       policy: EventPolicy = DEFAULT_POLICY) -> str | None:
    """Give sector words with no country ("police", "protesters") the country where the event happened,
    when the text says where: the place of its clause or sentence, else the country the article's text is
    about (`main_country`: never the dateline alone). Returns why the event is dropped when it cannot."""
    if policy.bare_sectors:
        return None
    where, how = None, ""
    if location is not None and location.basis in {"clause", "sentence"} and location.country:
        where, how = location.country, f"the event's place '{location.text}'"
    elif main_country:
        where, how = main_country, "the country the article is about"
    for side in ("source", "target"):
        actors: list[Actor] = getattr(cand, side)
        if not actors or not all(is_bare(a) for a in actors):
            continue
        if where is None or any(foreign_mission(a) or several_states(a) for a in actors):
            # (an embassy stands in a country that is not its own: "crowds ransacked empty embassies in Tripoli";
            # "ministers from the world's 20 biggest economies" meet in Paris)
            return f"bare_sector: the {side} is a sector word with no country (the text does not say whose)"
        if side == "source" and any(o.country == where and o.kind in {"country", "capital"} and not o.sector
                                    for o in cand.target or ()):
            # "coalition forces continue to attack Libya": forces acting on a state are not that state's
            return f"bare_sector: the {side} acts on {where} itself, so it is not {where}'s and the text says no other"
        setattr(cand, side, [replace(a, code=where + (a.code or ""), country=where,
                                     source=f"{a.source or a.code}; country from {how}") for a in actors])
        cand.modifiers.append(f"{side} placed in {where} by {how}")
    return None


# sectors that are a country's own insurgents or opposition ("the rebels", "the opposition")
BACKED_SECTORS = {"REB", "OPP", "INS"}


def place_backed_sector(cand: Candidate, main_country: str | None, states: Iterable[Actor] = ()) -> None:
    """"Qatar recognised the opposition", "the rebels say they received arms from Qatar": a rebel or
    opposition sector whose country was only a guess from the one country of its sentence, when that
    country is a state acting in the sentence (not where it happens), is the opposition of the country
    the article is about; a foreign state backing or arming them crosses a border."""
    from dyads.actors.recognize import SENTENCE_COUNTRY

    if not main_country:
        return
    acting = {a.country for a in states if a.kind in {"country", "capital", "demonym"}}
    for side in ("source", "target"):
        actors: list[Actor] = getattr(cand, side)
        for i, a in enumerate(actors):
            if a.sector in BACKED_SECTORS and SENTENCE_COUNTRY in (a.source or "") and a.country in acting \
                    and main_country != a.country:
                actors[i] = replace(a, code=main_country + (a.sector or ""), country=main_country,
                                    source=f"{a.source}; not that state's own: the country the article is about")
                cand.modifiers.append(f"{side} placed in {main_country}: rebels or opposition of the story's country")


def main_country(actors: Iterable[Actor], places: Iterable[Place], dateline: Place | None) -> str | None:
    """The country an article's text is about: the most named country among its places and actors (the
    dateline's own mention not counted), when it is named at least twice and twice as often as the next."""
    from dyads.actors.recognize import OUTLET

    counts: Counter[str] = Counter()
    for p in places:
        if p.country and not (dateline is not None and p.start == dateline.start):
            counts[p.country] += 1
    for a in actors:
        if a.country and len(a.country) == 3 and a.kind in {"country", "demonym", "capital", "person"} and not (
                a.sector == "MED" and OUTLET in (a.source or "")):  # a foreign outlet's reporter is not the story
            counts[a.country] += 1
    top = counts.most_common(2)
    if not top or top[0][1] < 2 or (len(top) > 1 and top[0][1] < 2 * top[1][1]):
        return None
    return top[0][0]


def background_reason(event_date: str | None, precision: str | None, published: date | None,
                      policy: EventPolicy = DEFAULT_POLICY) -> str | None:
    """Why an event dated long before publication is background (None when it is news)."""
    if policy.background or not event_date or not published:
        return None
    try:
        y = int(event_date[:4])
        m = int(event_date[5:7]) if len(event_date) >= 7 else 12
        d = int(event_date[8:10]) if len(event_date) >= 10 else 28
        when = date(y, m, d)
    except ValueError:
        return None
    if (published - when).days > BACKGROUND_DAYS:
        return f"background: dated {event_date}, more than a year before publication ({published.isoformat()})"
    return None


def since_reason(cand: Candidate, policy: EventPolicy = DEFAULT_POLICY) -> str | None:
    """An act told as the start of a stretch is background, whatever its date: "Christie, who has campaigned
    for Trump since he suspended his own campaign in February", "the worst violence since the uprising"."""
    if policy.background:
        return None
    for t in [cand.token, *cand.token.ancestors]:
        # "since" of time takes a past clause; "since the bank would probably give in" gives a reason
        if t.dep_ == "pobj" and t.head.lower_ == "since" or t.dep_ == "advcl" and t.tag_ in {"VBD", "VBN"} and any(
                c.lower_ == "since" and c.dep_ in {"mark", "advmod", "prep"} and c.i < t.i for c in t.children) \
                and not any(c.dep_ == "aux" and c.tag_ == "MD" for c in t.children):
            return "background: the start of a stretch ('since ...'), not news of its own"
        if t.dep_ in {"ROOT", "relcl", "ccomp"}:
            return None
    return None


def learned_reason(cand: Candidate, model: EventFilterModel | None, policy: EventPolicy = DEFAULT_POLICY) -> str | None:
    """The `learned` pass, last: why a candidate every rule kept is dropped by the learned filter (its
    probability of being right below the model's threshold), None when it is kept or the pass is off."""
    if not policy.learned or model is None:
        return None
    return model.reason(cand)
