"""Find actor mentions in a parsed document and give each a CAMEO-style code that explains itself.

How a mention is coded, in order:

1. Dictionary phrases (countries, seats of power, organisations, groups, people with dated offices,
   role words) are matched with spaCy's PhraseMatcher, compiled once per dictionary. Matches that
   fail the case guard, fall inside a byline or photo credit, or are a trap (the US state Georgia,
   Michael Jordan, a dateline "MOSCOW", a capital as a mere place "in Moscow") are dropped.
2. Matches are grouped by the noun phrase they modify, so "Russian Foreign Minister Sergei Lavrov"
   is one actor RUS + GOV; "the government of Syria" and "rebels in Darfur" join over the
   preposition; a person in apposition ("Mourad Medelci, Algeria's foreign minister") joins the role.
   The head's own role wins over a modifier's ("government troops" -> MIL) unless it is a generic
   function ("rebel leaders" -> REB); a person modifying a role gives only the country ("the Obama
   administration" -> USAGOV, "Assad's forces" -> SYRMIL); a possessor of anything but a role is an
   actor of its own ("President Reagan's statement"); attributes are not actors ("government bonds").
   "anti-Assad insurgents" take Assad's country and an opposition sector (SYRREB), "pro-"/"-backed"
   modifiers are ignored, "former" turns GOV into ELI, "ethnic Albanians" are CVL of the country
   their sentence is about. A capital is its government as subject or possessor ("Moscow has
   criticised" -> RUSGOV) and a place after a locative preposition ("in Moscow" -> RUS, kind place).
3. A bare role word coordinated with a coded phrase inherits its country ("the Syrian government and
   opposition" -> SYRGOV, SYROPP); "Hungarian and Romanian officials" share the sector; a bare role
   word in a sentence that names a single state takes that state.
   A person the dictionaries do not know takes the code of the organisation the text says they belong
   to: an apposition ("Bela Bugar, head of junior coalition party Most-Hid" -> SVKPTY), a relative
   clause ("Klaus Regling, who heads Europe's bailout fund"), "of" ("Horst Seehofer of Germany's CSU").
   Titles and institutions of one state carry it under any dateline ("Deputy Energy Secretary Daniel
   Poneman" -> USAGOV, "Rep." -> USALEG); an ally or neighbour of a state, a former Soviet republic and
   a nationality said of someone ("she is American") are not that state.
   Journalists are their outlet's ("CNN's Ben Wedeman" -> USAMED, the outlet itself staying no actor); an
   organisation written before a title and a name is the person's ("ICRC President Jakob Kellenberger"); a
   relative clause says what someone is or was ("who was the White House physician" -> ELI); "armed men"
   are UAF. A sector word takes no country its own verb acts on ("coalition forces continue to attack
   Libya").
4. People learned from the text: a named person coded by their role ("Syrian Deputy Prime Minister
   Qadri Jamil") keeps that code for the rest of the article when named again ("Jamil"). Pronouns and
   definite descriptions are resolved after this stage, by `dyads.coref`.
5. News agencies and outlets that merely report ("Russian news agencies reported") are not actors (a
   press-freedom NGO that reports is).
6. Business role words ("investors", "the company") and companies take no country from their sentence
   or article and count for neither: a company's country is its own (the dictionary, "the German
   carmaker"). Rebels or opposition that a state named as subject acts on ("France armed the rebels")
   are not that state's.

Every Actor's `source` says which dictionary rows and rules produced its code.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from weakref import WeakKeyDictionary

import spacy
from spacy.attrs import LOWER
from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from dyads.actors.dictionary import (
    SEVERAL_STATES,
    ActorDictionary,
    ActorEntry,
    AgentEntry,
    choose_entry,
    foreign_mission,
    several_states,
    split_code,
)
from dyads.cache import cache_dir, read_pickle, write_pickle
from dyads.models import Actor, Article
from dyads.nlp import doc_text

_NP_MODIFIERS = {"compound", "amod", "poss", "nmod", "det", "case", "flat", "nummod", "npadvmod"}
_JOINING_PREPS = {"of", "in", "from"}
_LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "around", "across", "throughout", "to", "into", "via",
                   "toward", "towards", "from", "between", "within"}
_REPORTING_VERBS = {"report", "say", "quote", "cite", "tell", "write", "broadcast", "carry"}
_PLACE_KINDS = {"country", "demonym", "capital", "region", "pre", "place"}
_NON_NOUN_AGENTS = {"displaced", "internally displaced"}
# heads that make a modifying actor word a mere attribute: "government bonds", "U.S. stocks", "bank shares"
_NON_ACTOR_HEADS = {"debt", "bond", "security", "share", "stock", "equity", "spending", "budget", "revenue", "price",
                    "yield", "deficit", "sale", "profit", "earning", "stake", "asset", "data", "figure", "statistic",
                    "index", "economy", "dollar", "currency", "market", "rate", "inflation", "growth", "output",
                    "export", "import", "investment", "subsidy", "tax", "fund", "note", "bill", "future", "treasury",
                    "time", "dinar", "yuan", "yen", "riyal", "rupee", "ruble", "rouble", "peso", "lira", "franc",
                    "pound", "euro", "shekel", "rupiah", "ringgit", "baht", "dirham", "krone", "krona", "zloty",
                    "overcapacity", "capacity", "product", "goods",
                    # features of the map named after a country ("the East China Sea"): places, not actors
                    "sea", "ocean", "gulf", "strait", "bay", "river", "lake", "coast", "island", "peninsula", "border",
                    "war",  # "the Iraq War": a war's name, not Iraq
                    # what the media make ("radio clips of her supporting it", "the campaign ad"): things
                    "clip", "footage", "video", "broadcast", "interview", "transcript", "coverage", "ad",
                    "advertisement",
                    # where and how a campaign is run ("at a campaign stop", "on the campaign trail"): not its people
                    "stop", "trail", "speech", "season", "rhetoric", "message", "slogan", "platform"}
# currencies named after their state ("Swiss franc", "U.S. dollar"): the state's name is part of the currency's
_CURRENCIES = {"franc", "francs", "dollar", "dollars", "yen", "yuan", "renminbi", "euro", "euros", "pound", "pounds",
               "sterling", "rupee", "rupees", "ruble", "rubles", "rouble", "roubles", "peso", "pesos", "lira", "real",
               "won", "dinar", "dinars", "riyal", "riyals", "shekel", "shekels", "rupiah", "ringgit", "baht", "dirham",
               "krone", "krona", "kronor", "zloty", "forint", "hryvnia", "currency"}
# role words that name a person by function: the modifier's sector wins ("rebel leaders" -> REB)
_GENERIC_ROLES = {"leader", "leaders", "spokesman", "spokesmen", "spokeswoman", "spokesperson", "official", "officials",
                  "representative", "representatives", "member", "members", "chief", "chiefs", "head", "commander",
                  "commanders", "envoy", "envoys", "delegation", "negotiator", "negotiators", "counterpart", "officer",
                  "officers", "leadership", "candidate", "candidates", "nominee", "nominees", "hopeful", "hopefuls"}
# military equipment: an actor only when a state's ("British aircraft killed ...", not "Boeing's jets")
_EQUIPMENT = {"aircraft", "jet", "jets", "helicopter", "helicopters", "tank", "tanks", "warplane", "warplanes",
              "gunship", "gunships", "artillery"}
_NON_STATE_KINDS = {"igo", "ngo", "region"}
# modifiers that make a "campaign" a military one ("a bombing campaign"), not a party's
_MILITARY_CAMPAIGN = {"bombing", "air", "aerial", "military", "ground", "naval", "missile", "drone", "artillery",
                      "counterinsurgency", "counter-insurgency", "counterterrorism", "counter-terrorism", "war",
                      "shelling", "strike", "strikes"}
# nouns of a relation to a state: "Russia's ally", "its Soviet-era neighbour" name another actor
_RELATIONAL_NOUNS = {"ally", "neighbour", "neighbor", "partner", "rival", "foe", "enemy", "adversary", "satellite"}
# sectors whose actors have a country of their own, never the one their sentence or article is about:
# "investors", "the company", "banks" in a story from New York or about India are not American or Indian
_OWN_COUNTRY_SECTORS = {"BUS"}
# sectors of organisations whose home is where the text says they are based ("a U.S.-based rights group");
# not a state's people ("a Beijing-based diplomat" may be anyone's)
_BASED_SECTORS = {"BUS", "NGO", "HRI", "MED", "EDU", "HLH", "LAB", "MNC"}
_ARMED_OPPOSITION = {"REB", "OPP", "UAF"}
_STANCE_NOUNS = {"opposition"}
"""Agent words that also name a stance: someone's "opposition to" something is what they think, not a group."""
_NON_STATE_ROOTS = {"IGO", "NGO", "IMG", "MNC", "ISM", "WST", "UNO", "EUR"}
_NAME_ENT_LABELS = {"ORG", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT", "LAW"}
_NAME_ENTS = {"PERSON", "", "ORG", "GPE", "NORP"}  # how the tagger may label a bare surname
_FORMER = {"former", "ex", "ex-", "exiled", "ousted", "deposed"}
_INSTITUTIONS = {"regime", "government", "administration", "cabinet", "ministry", "junta", "authority", "leadership",
                 "army", "military", "force", "party", "state"}
_GEORGIA_US_CUES = {"atlanta", "savannah", "augusta", "macon", "alabama", "florida", "tennessee", "carolina",
                    "county", "governor", "gov.", "senator", "sen.", "republican", "republicans", "democrat",
                    "democrats", "peach", "tech", "bulldogs"}
_GEORGIA_COUNTRY_CUES = {"tbilisi", "saakashvili", "shevardnadze", "abkhazia", "ossetia", "georgian", "georgians",
                         "caucasus", "ivanishvili", "kobakhidze", "batumi"}

_TICKER = re.compile(r"[0-9A-Z]{1,8}\.[A-Z]{1,3}")  # Reuters instrument codes: "005490.KS", "APD.N"

SENTENCE_COUNTRY = "only country in its sentence"
ARTICLE_COUNTRY = "the article's main state"
GUESSED_COUNTRY = (SENTENCE_COUNTRY, ARTICLE_COUNTRY)
UNKNOWN_PERSON = "a person named with no role:"
"""How an actor's `source` says it is a person the dictionaries and the text's roles do not code."""
OUTLET = "a news outlet of"
"""How an actor's `source` says it is a journalist of a news outlet, whose country is the outlet's home."""
"""How an actor's `source` says its country is a guess from context, which coreference may correct."""

# "(Writing by ...; Editing by ...)", "Reporting by ...", "REUTERS/Sergei Karpukhin", "AFP PHOTO/...", "By Jane Doe"
_CREDIT_PATTERNS = [
    re.compile(r"\([^()]*\b(?:[Ww]riting|[Rr]eporting|[Ee]diting|[Cc]ompiled|[Tt]ranslated|[Ff]iling|[Ww]ritten)"
               r"\s+by\b[^()]*\)"),
    re.compile(r"(?m)^[ \t]*(?:Additional reporting|Reporting|Writing|Editing|Compiled|Written)\s+by\b[^\n]*$"),
    re.compile(r"(?m)^[ \t]*By[ \t]+[A-Z][\w.'-]+(?:[ \t]+[A-Z][\w.'-]+){0,3}"
               r"(?:[ \t]+and[ \t]+[A-Z][\w.'-]+(?:[ \t]+[A-Z][\w.'-]+){0,3})?[ \t]*$"),
    # "By Amy Hybels, For CNN Thousands demonstrated ...": a byline run into the story's first line
    re.compile(r"(?m)^[ \t]*By[ \t]+[A-Z][\w.'-]+(?:[ \t]+[A-Z][\w.'-]+){1,3},[ \t]+[Ff]or[ \t]+[A-Z][\w.'-]*"),
    # the credit line that closes a story: "CNN's Jomana Karadsheh and Kareem Khadder contributed to this report."
    re.compile(r"(?m)^[^\n]*\bcontributed to this (?:report|story|article)\.?[ \t]*$"),
    # a byline after a date stamp: "January 31, 2011 | By Ashley Hayes, CNN"
    re.compile(r"\|[ \t]*By[ \t]+[A-Z][\w.'-]+(?:[ \t]+[A-Z][\w.'-]+){0,3}"
               r"(?:[ \t]+and[ \t]+[A-Z][\w.'-]+(?:[ \t]+[A-Z][\w.'-]+){0,3})?"),
    re.compile(r"\b[A-Z]{2,}(?:[ \t]+PHOTO)?[ \t]*/[ \t]*[A-Z][a-z][\w.'-]*(?:[ \t]+[A-Z][\w.'-]*){1,3}"),
    re.compile(r"\b(?:[Pp]hoto(?:graph)?|[Pp]icture|[Ff]ile photo)[ \t]*(?::|by)[ \t]*(?:[A-Z][\w.'-]*[ \t]?){1,4}"),
    # datelines: "BERLIN/PARIS (Reuters) -", "LONDON | Wed Jun 15, 2011 3:36 pm EDT", "CAIRO, Egypt (AP) --"
    re.compile(r"(?m)^[ \t]*[A-Z][A-Z.'/ -]*[A-Z.](?:,[ \t]+[A-Z][\w.' -]*)?[ \t]*(?:\([A-Za-z.' ]{2,30}\)[ \t]*)?"
               r"(?:-{1,2}|\u2013|\u2014)(?=[ \t])"),
    re.compile(r"(?m)^[ \t]*[A-Z][A-Z.'/ -]*[ \t]*\|[^\n]*?\b\d{1,2}:\d\d[ \t]*(?:[ap]m|[AP]M)(?:[ \t]+[A-Z]{2,4}\b)?"),
    # headlines and kickers written all in capitals: "RUSSIA STALLS ON SYRIA"
    re.compile(r"(?m)^[ \t]*[A-Z][A-Z0-9.,:;'/&$% -]*[A-Z.][ \t]+[A-Z][A-Z0-9.,:;'/&$% -]*[A-Z][.!?\u2026]*[ \t]*$"),
]


@dataclass
class _Compiled:
    """The dictionary as matchers and look-up tables, built once per dictionary and vocabulary."""

    matcher: PhraseMatcher
    actors: dict[str, list[ActorEntry]]
    agents: dict[str, AgentEntry]
    discards: set[str]
    forms: dict[str, list[tuple[str, ...]]]  # lower-cased phrase -> its spellings, tokenised (case guard)
    anti_prefix: bool = True  # whether "anti-X" makes X's opposition (ActorDictionary.anti_prefix)
    agent_modifiers: bool = False  # ActorDictionary.agent_modifiers
    outlets: dict[str, str] = field(default_factory=dict)  # ActorDictionary.outlets: "cnn" -> "USAMED"


_CACHE: WeakKeyDictionary = WeakKeyDictionary()


class _Key:
    """Weak-referenceable handle so the compiled matcher lives as long as its dictionary."""


def _plural(phrase: str) -> str:
    """Regular English plural of a role phrase's last word ("militiaman" -> "militiamen")."""
    head, _, last = phrase.rpartition(" ")
    if last.isupper():
        return _plural(f"{head} {last.lower()}".strip()).upper()
    low = last.lower()
    if low.endswith("man"):
        last = last[:-3] + "men"
    elif low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        last = last[:-1] + "ies"
    elif low.endswith(("s", "x", "ch", "sh")):
        last = last + "es"
    else:
        last = last + "s"
    return f"{head} {last}" if head else last


def _compile(dictionary: ActorDictionary, doc: Doc) -> _Compiled:
    key = getattr(dictionary, "_compiled_key", None)
    if key is None:
        key = _Key()
        dictionary._compiled_key = key  # type: ignore[attr-defined]
    compiled = _CACHE.get(key)
    if compiled is not None and compiled.matcher.vocab is doc.vocab:
        return compiled
    actors: dict[str, list[ActorEntry]] = {}
    forms: dict[str, list[tuple[str, ...]]] = {}
    for entry in dictionary.actors:
        actors.setdefault(entry.phrase.lower(), []).append(entry)
    agents: dict[str, AgentEntry] = {}
    for agent in dictionary.agents:
        # PETRARCH writes agent codes as "~GOV" (after the actor's code, "~GOVFRM" for a foreign minister)
        # or "NGO~" (before it)
        sector = agent.sector.lstrip("~").upper()
        agents[agent.phrase.lower()] = AgentEntry(agent.phrase, sector, agent.source)
    for agent in list(agents.values()) if dictionary.auto_plurals else []:
        plural = _plural(agent.phrase)
        if plural.lower() not in agents:
            agents[plural.lower()] = AgentEntry(plural, agent.sector, agent.source)
    discards = {d.lower() for d in dictionary.discards}
    # files written all in capitals (PETRARCH's style) carry no case information: no case guard for them
    pairs = [(e.phrase, e.source) for e in dictionary.actors] + [(a.phrase, a.source) for a in dictionary.agents]
    cased = {src for phrase, src in pairs if any(c.islower() for c in phrase)}
    pairs = [(e.phrase, e.source) for e in dictionary.actors] + [(a.phrase, a.source) for a in agents.values()]
    pairs += [(d, "") for d in dictionary.discards]
    words = _phrase_tokens(doc.vocab, [phrase for phrase, _ in pairs])
    # each phrase as the LOWER values of its tokens, which is what PhraseMatcher.add takes from a Doc:
    # handing it the values themselves saves a Doc and a lexeme per phrase (a tenth of a second, once
    # per process; the same matches on 100 Reuters articles)
    strings, lower = doc.vocab.strings, doc.vocab.lex_attr_getters.get(LOWER, str.lower)
    keys: dict[str, tuple[int, ...]] = {}
    for (phrase, src), toks in zip(pairs, words, strict=True):
        lowered = phrase.lower()
        forms.setdefault(lowered, []).append(tuple(toks) if src in cased or not src else tuple(t.lower() for t in toks))
        if lowered not in keys:
            keys[lowered] = tuple(strings.add(lower(t)) for t in toks)
    matcher = PhraseMatcher(doc.vocab, attr="LOWER")
    matcher.add("ACTOR", [keys[p] for p in actors])
    matcher.add("AGENT", [keys[p] for p in agents])
    matcher.add("DISCARD", [keys[p] for p in discards])
    compiled = _Compiled(matcher, actors, agents, discards, forms, dictionary.anti_prefix, dictionary.agent_modifiers,
                         dict(dictionary.outlets))
    _CACHE[key] = compiled
    return compiled


PHRASE_TOKENS_VERSION = 1
"""Bump when `_tokenize_phrases` changes, so that token lists cached by the old code are not read."""


def _phrase_tokens(vocab, phrases: list[str]) -> list[list[str]]:
    """`_tokenize_phrases` of the dictionaries' phrases, kept in the user cache between processes.

    Why: building spaCy's English tokenizer and running it over the dictionaries' ~5,000 phrases was
    about half of the actor matcher's compile time, and a fifth of a second of every `dyads code`'s
    cold start (docs/performance.md). The tokens depend only on the phrases and spaCy's tokenizer
    rules, so the file is named by a hash of the phrases, spaCy's version and PHRASE_TOKENS_VERSION:
    an edited dictionary or another spaCy is another file. A cache file that cannot be read or does
    not hold one token list per phrase is ignored and written again (`dyads.cache`).
    """
    h = hashlib.sha256(f"{PHRASE_TOKENS_VERSION}:{spacy.__version__}\n".encode())
    h.update("\n".join(phrases).encode("utf-8", "surrogatepass"))
    path = cache_dir() / f"phrase-tokens-{h.hexdigest()[:16]}.pickle"
    cached = read_pickle(path) if path.exists() else None
    if (isinstance(cached, list) and len(cached) == len(phrases)
            and all(isinstance(toks, list) and all(isinstance(t, str) for t in toks) for toks in cached)):
        return cached
    words = _tokenize_phrases(English(vocab=vocab).tokenizer, phrases)
    try:
        write_pickle(words, path)
    except OSError:
        pass  # read-only home: work from memory
    return words


def _tokenize_phrases(tokenizer, phrases: list[str]) -> list[list[str]]:
    """Token texts of every phrase, tokenised in one pass as they would be inside a sentence ("U.S." whole).

    One long text with a line break between phrases is much faster than one tokenizer call per phrase
    (PETRARCH dictionaries have tens of thousands of phrases).
    """
    out: list[list[str]] = []
    current: list[str] = []
    for tok in tokenizer("\n".join(p.replace("\n", " ") for p in phrases) + "\nx"):
        if tok.is_space or "\n" in tok.text:
            continue
        current.append(tok.text)
        if tok.whitespace_ == "" and tok.i + 1 < len(tok.doc) and "\n" in tok.doc[tok.i + 1].text:
            out.append(current)
            current = []
    if len(out) != len(phrases):  # a phrase the joint text tokenised oddly: fall back to one call each
        out = [[t.text for t in tokenizer(p + " x")[:-1]] for p in phrases]
    return out


def _case_ok(forms: list[tuple[str, ...]], tokens: list[Token]) -> bool:
    """The case guard: capitals in the dictionary need capitals in the text ("US" is not "us")."""
    for form in forms:
        if len(form) != len(tokens):
            continue
        ok = True
        for want, got in zip(form, tokens, strict=True):
            letters = [c for c in want if c.isalpha()]
            if len(letters) >= 2 and all(c.isupper() for c in letters):
                if not all(c.isupper() for c in got.text if c.isalpha()):
                    ok = False
                    break
            elif letters and want[0].isupper() and not got.text[:1].isupper():
                ok = False
                break
        if ok:
            return True
    return False


def credit_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of bylines, editor lines, photo credits, datelines and all-capitals headlines:
    names there are never actors."""
    spans = []
    for pattern in _CREDIT_PATTERNS:
        spans.extend((m.start(), m.end()) for m in pattern.finditer(text))
    return sorted(spans)


def _in_spans(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _np_head(token: Token, roles: dict | None = None) -> Token:
    """Climb from a modifier to the noun it modifies ("Russian" -> "Lavrov").

    With `roles` (the role words), a possessor stays an actor of its own unless it possesses a role or a
    person: "Russia's foreign minister" is one actor, "President Reagan's statement" is Reagan.
    """
    while token.dep_ in _NP_MODIFIERS and token.head is not token and token.head.pos_ in {"NOUN", "PROPN"}:
        if _TICKER.fullmatch(token.head.text) or token.head.text.isdigit():
            break  # "POSCO's ( 005490.KS )": a stock ticker is no head of the company's name
        if roles is not None and token.dep_ == "poss" and token.head.lower_ not in roles and (
            token.head.ent_type_ != "PERSON"
        ):
            break
        token = token.head
    return token


# ("all parties", "both parties", "two parties" are as often a parliament's or Congress's: not enough alone)
_SIDES_MODIFIERS = {"warring", "conflicting", "opposing", "feuding", "belligerent", "fighting"}
_SIDES_OF = {"conflict", "war", "fighting", "talks", "negotiations", "dispute", "agreement", "accord", "deal",
             "ceasefire", "truce", "treaty", "convention", "crisis"}


def _sides_not_parties(token: Token) -> bool:
    """"the warring parties", "the parties to the conflict": the sides of a conflict or an agreement,
    whoever they are, not political parties (PTY)."""
    if token.lower_ != "parties":
        return False
    for child in token.children:
        if child.dep_ in {"det", "predet", "amod", "nummod"} and child.lower_ in _SIDES_MODIFIERS:
            return True
    if any(c.dep_ in {"det", "predet"} and c.lower_ == "all" for c in token.children) and not any(
            c.lower_ in {"political", "opposition", "ruling", "main", "major"} or c.dep_ == "prep"
            for c in token.children):
        return True  # "urged all Libyan parties to engage": whoever takes part, not "all parties in parliament"
        if child.dep_ == "prep" and child.lower_ in {"to", "in"} and any(
                p.dep_ == "pobj" and p.lemma_.lower() in _SIDES_OF for p in child.children):
            return True
    return False


def _has_state_modifier(doc: Doc, token: Token, compiled: _Compiled) -> bool:
    """A country or military word modifies `token` ("Russian aircraft", "military helicopters")."""
    for child in token.children:
        if child.dep_ in {"amod", "compound", "poss", "nmod"}:
            word = child.text.lower()
            if word in {"military", "army", "air", "navy", "naval", "enemy", "government"}:
                return True
            if any(e.kind in {"country", "demonym", "igo", "group"} for e in compiled.actors.get(word, [])):
                return True
    return False


def _prefix(doc: Doc, start: int) -> str:
    """'anti' / 'pro' when the match is the second half of "anti-Assad" / "pro-Iranian", else ''."""
    if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in {"anti", "pro"}:
        return doc[start - 2].lower_
    if start >= 1 and doc[start - 1].lower_ in {"anti-", "pro-"}:
        return doc[start - 1].lower_[:-1]
    return ""


def _suffix(doc: Doc, end: int) -> str:
    """'backed' / 'led' / ... when the match is the first half of "Syrian-backed", else ''."""
    if end + 1 < len(doc) and doc[end].text == "-":
        return doc[end + 1].lower_
    return ""


def _is_dateline(doc: Doc, start: int, end: int) -> bool:
    """An all-capitals place at the start of a paragraph ("MOSCOW Russian Foreign Minister ...")."""
    tokens = doc[start:end]
    words = [t for t in tokens if t.is_alpha]
    if not words or not all(t.text.isupper() and len(t.text) > 2 for t in words):
        return False
    return start == 0 or "\n" in doc[start - 1].text or "\n" in doc[start - 1].whitespace_ or (
        start >= 1 and doc[start - 1].is_space
    )


def _inside_longer_person(ent_at: dict[int, Span], start: int, end: int) -> bool:
    """The match is part of a longer personal name ("Michael Jordan", "Paris Hilton")."""
    ent = ent_at.get(start)
    return ent is not None and ent.label_ == "PERSON" and ent.start <= start and end <= ent.end and (
        ent.end - ent.start > end - start
    )


def _georgia_is_us(doc: Doc, start: int, country_cues: bool) -> bool:
    """'Georgia' the US state: US cues in its sentence and no cue of the country in the article."""
    if country_cues:
        return False
    sent = doc[start].sent
    words = {t.lower_ for t in sent}
    if words & _GEORGIA_US_CUES:
        return True
    prev = doc[start - 2 : start] if start >= 2 else None
    return bool(prev is not None and prev[-1].text == "," and prev[0].ent_type_ == "GPE")


@dataclass
class _Group:
    """The matches that modify one noun-phrase head, and what they say about it."""

    head: int
    start: int
    end: int
    country: str | None = None
    sector: str | None = None
    entry: ActorEntry | None = None
    entry_code: str | None = None
    kind: str | None = None
    anti: bool = False
    former: bool = False
    discard: bool = False
    reasons: list[str] = field(default_factory=list)
    name: str | None = None
    prefix: str = ""  # a code that goes before the actor's ("NGO" from PETRARCH's "NGO~" agents)
    sector_word: str | None = None  # the role word that gave `sector` ("leader")


def _row(entry: ActorEntry, code: str) -> str:
    period = ""
    if entry.valid_from or entry.valid_until:
        period = f" {entry.valid_from or ''}..{entry.valid_until or ''}"
    note = "" if code == entry.code else f" (out of office: {code})"
    return f"{entry.source}: '{entry.phrase}' {entry.code}{period}{note}"


def _person_name(doc: Doc, head: Token, start: int, end: int, ent_at: dict[int, Span]) -> str | None:
    """The personal name the actor's noun phrase is headed by, if any: not an organisation's head word the
    tagger took for a name ("the EU General Secretariat")."""
    if head.lower_ in _NOT_COMPANIES:
        return None
    ent = ent_at.get(head.i)
    if ent is not None and ent.label_ == "PERSON" and start <= ent.start and ent.end <= end:
        return ent.text
    if head.ent_type_ == "PERSON":
        return " ".join(t.text for t in doc[start:end] if t.ent_type_ == "PERSON") or None
    return None


def find_actors(doc: Doc, article: Article, dictionary: ActorDictionary) -> list[Actor]:
    """Every actor mention in `doc`, coded for the article's publication date, in text order."""
    compiled = _compile(dictionary, doc)
    day: date | None = article.publication_date
    credits = credit_spans(doc_text(doc))
    ents = list(doc.ents)
    ent_at = {i: e for e in ents for i in range(e.start, e.end)}
    # words of the article's multi-word personal names ("Michael Jordan"): never a country on their own here
    person_words = {t.lower_ for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
    label_of = doc.vocab.strings
    # longest matches win overlaps ("the U.S. Virgin Islands" over "the U.S."), then are read in text order
    chosen: list[tuple[int, int, int]] = []
    occupied: set[int] = set()
    for m in sorted(compiled.matcher(doc), key=lambda m: (-(m[2] - m[1]), m[1], label_of[m[0]] != "ACTOR")):
        if not occupied.intersection(range(m[1], m[2])) and _case_ok(
            compiled.forms.get(doc[m[1] : m[2]].text.lower(), []), list(doc[m[1] : m[2]])
        ):
            chosen.append(m)
            occupied.update(range(m[1], m[2]))
    matches = sorted(chosen, key=lambda m: m[1])
    # tokens of every name of the dictionary: a name whose phrase head is another name is coordinated with
    # it, not a modifier of it ("Arnor, Calenardhon and the evil awful Gondor" parsed with Gondor as head)
    named = {i: m[1] for m in matches if label_of[m[0]] == "ACTOR" for i in range(m[1], m[2])}
    taken: set[int] = set()
    georgia_cues: bool | None = None
    groups: dict[int, _Group] = {}
    blocked: set[int] = set()  # tokens of discarded names (bylines, agencies): never part of an actor
    outlet_at: dict[int, tuple[str, str]] = {}  # tokens of a news outlet -> (its code, its name)
    for s_, e_ in credits:  # bylines, datelines, headlines
        span = doc.char_span(s_, e_, alignment_mode="expand")
        if span is not None:
            blocked.update(range(span.start, span.end))
    for match_id, start, end in matches:
        if any(i in taken for i in range(start, end)):
            continue
        label = label_of[match_id]
        phrase = doc[start:end].text.lower()
        span = doc[start:end]
        if _in_spans(span.start_char, span.end_char, credits):
            taken.update(range(start, end))
            blocked.update(range(start, end))
            continue
        if label == "DISCARD":
            taken.update(range(start, end))
            blocked.update(range(start, end))
            if phrase in compiled.outlets:
                outlet_at.update((i, (compiled.outlets[phrase], span.text)) for i in range(start, end))
            continue
        last = doc[end - 1]
        if label == "ACTOR" and end - start > 2 and start - 1 in named and span.root.i != last.i \
                and any(t.lower_ == "of" for t in span):
            last = span.root  # "the U.S. Federal Bureau of Investigation": "U.S." modifies the bureau, as the name's
        head_of = _np_head(last, compiled.agents)
        if label == "AGENT" and last.pos_ not in {"NOUN", "PROPN"} and phrase not in _NON_NOUN_AGENTS and not (
            last.pos_ == "ADJ" and head_of is not last
            and (head_of.lower_ in compiled.agents or compiled.agent_modifiers)
        ):
            continue  # "military hardware" is no actor; "rebel leaders", "military officials" are
        if head_of is last and last.dep_ == "conj" and last.head.dep_ in {"amod", "compound"}:
            head_of = _np_head(last.head, compiled.agents)  # "Italian and Spanish bonds": Spanish modifies bonds
        if head_of is not last and {head_of.lemma_.lower(), head_of.lower_} & _NON_ACTOR_HEADS:
            taken.update(range(start, end))
            continue  # "government bonds", "the U.S. economy": an attribute, not an actor
        ent = ent_at.get(start)
        if label == "AGENT" and last.lower_ in _STANCE_NOUNS and end < len(doc) and doc[end].lower_ == "to" \
                and any(c.dep_ == "poss" for c in last.children):
            taken.update(range(start, end))
            continue  # "Beijing's opposition to the push": a stance, not the political opposition
        if label == "AGENT" and phrase == "union" and any(
                c.dep_ in {"amod", "compound"} and c.lower_ in _UNION_KINDS for c in last.children):
            taken.update(range(start, end))
            continue  # "a banking union", "closer fiscal union": a union of states' policies, not of workers
        if label == "AGENT" and start > 1 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ \
                and not doc[start - 1].whitespace_ and doc[start - 2].pos_ == "PROPN" \
                and doc[start - 2].lower_ not in _TITLE_PREFIXES:
            continue  # "Uni-President", "Air-India": a word of a hyphenated name, not a role ("Vice-President" is)
        if label == "AGENT" and phrase in _RANKS and not (end < len(doc) and doc[end].ent_type_ == "PERSON"
                                                          and doc[end].lower_ not in _NOT_COMPANIES):
            continue  # "General", "Lt. Col." are ranks only before a name ("General Michel Aoun", not the tagger's
            # name in "the EU General Secretariat")
        if label == "AGENT" and phrase in _EQUIPMENT and not _has_state_modifier(doc, last, compiled):
            continue  # "aircraft" and "jets" are military only when a state's ("Russian aircraft")
        inside_name = ent is not None and ent.label_ in _NAME_ENT_LABELS and ent.end - ent.start > end - start
        titled = start - 1 in named and start - 1 >= ent.start if ent is not None else False  # "Arnor President X"
        org_agent = label == "AGENT" and compiled.agents[phrase].sector.endswith("~")  # "MSF Arnor"
        if label == "AGENT" and inside_name and not (titled or org_agent) and not (start <= ent.root.i < end):  # type: ignore[union-attr]
            continue  # "General Electric Co": a role word inside another name
        entry: ActorEntry | None = None
        code = ""
        place = False
        if label == "ACTOR":
            entry, code = choose_entry(compiled.actors[phrase], day)
            if entry.kind in {"country", "capital", "region"} and end - start == 1 and (
                _inside_longer_person(ent_at, start, end) or phrase in person_words
            ):
                continue  # "Michael Jordan" ... "Jordan scored": a person's name in this article
            if entry.kind == "person" and end - start == 1 and _inside_longer_person(ent_at, start, end) and (
                entry.name and ent_at[start][0].text.rstrip(".").lower() not in entry.name.lower()
            ):
                continue  # "Sen. Herb Kohl" is not Helmut Kohl: another first name, another person
            if phrase == "georgia" and georgia_cues is None:  # looked up once per article
                georgia_cues = any(t.lower_ in _GEORGIA_COUNTRY_CUES for t in doc)
            if phrase == "georgia" and _georgia_is_us(doc, start, bool(georgia_cues)):
                entry = ActorEntry(entry.phrase, "USA", "us-state", "Georgia (US state)", source="rule")
                code = "USA"
            if entry.kind == "demonym" and end - start == 1 and last.pos_ == "ADJ" and (
                    last.dep_ in {"acomp", "attr"} or (last.dep_ in {"amod", "conj"} and last.head.pos_ == "ADJ"
                                                       and last.head.dep_ in {"acomp", "attr", "conj"})):
                taken.update(range(start, end))
                continue  # "she is American": a nationality said of someone, not an actor
            if entry.kind in {"demonym", "country"} and end < len(doc) and doc[end].lower_ in _CURRENCIES:
                taken.update(range(start, end))
                continue  # "a 2 billion Swiss franc package", "U.S. dollar funding": a currency, not the state
            if entry.kind == "demonym" and end - start == 1 and last.dep_ == "pobj" and last.head.lower_ == "in" \
                    and all(c.dep_ in {"cc", "conj", "punct"} for c in last.children):
                taken.update(range(start, end))
                continue  # "known as the Diaoyu in Chinese": a language
            if entry.kind in _PLACE_KINDS and _is_dateline(doc, start, end):
                taken.update(range(start, end))
                continue
            if entry.kind == "capital":
                head_tok = _np_head(last, compiled.agents)
                if head_tok is last and last.dep_ == "pobj" and last.head.lower_ in _LOCATIVE_PREPS:
                    place = True  # "in Moscow": the place (its people), never its government
                if head_tok is not last and head_tok.lower_ not in compiled.agents and head_tok.ent_type_ != "PERSON":
                    continue  # "the Geneva talks", "the Paris agreement"
        prefix, suffix = _prefix(doc, start), _suffix(doc, end)
        if prefix == "pro" or suffix in {"backed", "sponsored", "supported", "allied", "based", "funded", "born"}:
            taken.update(range(start, end))
            continue
        taken.update(range(start, end))
        head = own = _np_head(last, compiled.agents)
        if label == "ACTOR" and suffix in _LEADING and doc[end + 1].dep_ in {"amod", "compound"} and (
                doc[end + 1].head.pos_ in {"NOUN", "PROPN"}) and entry is not None and entry.kind in _LEADING_KINDS:
            led = doc[end + 1].head  # "Saudi-led forces", "the NATO-led campaign": the leader's, as "Saudi forces"
            if {led.lemma_.lower(), led.lower_} & _NON_ACTOR_HEADS:
                continue
            head = own = led
        nxt = ent_at.get(end)
        if label == "AGENT" and head is last and last.dep_ == "pobj" and nxt is not None and (
            nxt.label_ == "PERSON" and nxt.start == end
        ):
            head = own = nxt.root  # "Secretary of State Hillary Clinton": the title of the name after it
        # a person in apposition to a role joins it ("his Algerian counterpart Mourad Medelci")
        if head.dep_ == "appos" and head.ent_type_ == "PERSON" and head.head.i in groups:
            head = head.head
        # (a role word as head keeps the last name: "Iran and Iraq officials" is read by _inherit_over_conjunctions)
        coordinated = ((last.dep_ == "conj" and last.head.i in named) or any(
            c.dep_ == "conj" and c.i in named for c in last.children)) and not (
            {head.lower_, head.lemma_.lower()} & set(compiled.agents))
        if label == "ACTOR" and last.pos_ in {"PROPN", "NOUN"} and head is not last and (coordinated or (
                head.i in named and named[head.i] != start and head.pos_ == "PROPN"
                and (last.dep_ == "conj" or any(c.dep_ in {"conj", "cc"} for c in last.children)))):
            head = own = last  # "Eriadori and Calenardhon leaders": two actors
        at_head = last.i == own.i  # the match names the phrase itself, not a modifier of it
        if label == "ACTOR" and not at_head and head.lemma_.lower() in _RELATIONAL_NOUNS:
            continue  # "Moscow's ex-Soviet ally Belarus": Russia's ally is not Russia
        if label == "ACTOR" and not at_head and head.lemma_.lower() in {"state", "republic", "country", "nation"} and (
                any(t.lower_ in _FORMER for t in doc[max(start - 2, 0):start])):
            continue  # "the former Soviet states", "ex-Yugoslav republics": other states now
        g = groups.get(head.i)
        if g is None:
            g = groups[head.i] = _Group(head=head.i, start=start, end=end)
        g.start = min(g.start, start - (2 if prefix == "anti" and doc[start - 1].text == "-" else 1 if prefix else 0))
        g.end = max(g.end, end, head.i + 1)
        if label == "ACTOR" and entry is not None:
            root, sector = split_code(code)
            if entry.kind == "person" and not at_head and prefix != "anti":
                between = {t.lower_ for t in doc[end:head.i]}
                if head.lower_ not in compiled.agents and between & _AFFILIATES:
                    # "Clinton tech aide Bryan Pagliano": the aide of a person is of that person's country
                    g.country = g.country or root
                    aff = next(t.text for t in doc[end:head.i] if t.lower_ in _AFFILIATES)
                    g.reasons.append(f"{_row(entry, code)} + '{span.text} ... {aff}' -> country only")
                    continue
                if head.lower_ not in compiled.agents:
                    g.reasons.append(f"'{span.text}' only modifies '{head.text}': not its code")
                    continue  # "Putin critic Alexei Navalny"
                g.country = g.country or root  # "the Obama administration", "Assad's forces": the role decides
                g.reasons.append(f"{_row(entry, code)} -> country only")
                continue
            if prefix == "anti" and compiled.anti_prefix:
                g.anti = True
                g.country = g.country or root
                g.reasons.append(f"anti-{_row(entry, code)} -> country only")
                continue
            g.reasons.append(_row(entry, code))
            if place:
                g.kind = "place"
                g.reasons.append(f"'{last.head.text} {span.text}': a place")
            if entry.kind == "demonym" and start > 0 and doc[start - 1].lower_ == "ethnic":
                g.start = min(g.start, start - 1)
                g.sector = g.sector or "CVL"
                g.reasons.append("'ethnic': an ethnic group, not the state -> CVL, country from context")
                continue
            if entry.kind == "person" and at_head and g.country and g.country != root and g.entry is not None and (
                g.entry.kind in {"country", "demonym"}
            ):  # "Jordan's King Abdullah": the country written wins over a namesake's dictionary row
                g.reasons.append(f"'{doc[g.start:start].text.strip()}' names the country -> {g.country}")
                if sector and (g.sector is None or at_head):
                    g.sector = sector
                g.kind = "person"
                g.name = entry.name
                continue
            if entry.kind == "person" and at_head and code != entry.code and g.sector == "GOV" and (
                    g.sector_word in _LEADERSHIP):
                # "Conservative leader Antonis Samaras" in 2011, before he took office: a party's or the
                # opposition's leader; "leader" says no office of state, and the dictionary says none then
                g.reasons.append(f"'{g.sector_word}' of a person in no office on the day: no GOV")
                g.sector = None
            # the phrase's own name decides its country: "Al-Qaeda frontman Abu Musab al-Zarqawi" is IRQ
            g.country = root if (at_head and entry.kind in {"person", "group"}) else (g.country or root)
            if sector and (g.sector is None or at_head):
                g.sector = sector
            if g.entry is None or at_head:
                g.entry, g.entry_code = entry, code
                if not place:
                    g.kind = entry.kind if (entry.kind != "person" or at_head) else g.kind
                if entry.kind == "person" and at_head:
                    g.name = entry.name
            if entry.kind == "capital" and at_head and head.dep_ in {"nsubj", "nsubjpass", "poss"}:
                g.sector = g.sector or "GOV"
                g.reasons.append("capital as subject or possessor -> GOV")
        else:
            agent = compiled.agents[phrase]
            if agent.sector.endswith("~"):  # "MSF Arnor": NGOARN
                g.prefix = agent.sector.rstrip("~")
                g.reasons.append(f"{agent.source}: '{agent.phrase}' {g.prefix} before the code")
                continue
            if prefix == "anti" and compiled.anti_prefix:
                g.anti = True
                g.reasons.append(f"anti-{agent.phrase}")
                continue
            if agent.sector == "PTY" and _sides_not_parties(last):
                g.reasons.append(f"'{doc[start:end].text}': the sides of a conflict, not political parties")
                continue
            if agent.sector == "PTY" and last.lemma_.lower() == "campaign" and at_head and (
                    g.kind == "igo" or any(c.lower_ in _MILITARY_CAMPAIGN for c in last.children)):
                # "the NATO campaign", "a bombing campaign": a military campaign, not an election's
                military = any(c.lower_ in _MILITARY_CAMPAIGN for c in last.children)
                whose = "arms" if military else doc[g.start:start].text.strip()
                to_mil = " -> MIL" if military else ""
                g.reasons.append(f"'{doc[start:end].text}' of {whose}: no election campaign{to_mil}")
                if military:
                    g.sector = "MIL"
                continue
            company = _company_before_title(doc, start, phrase, named, compiled)
            if company is not None and agent.sector == "GOV":
                # "Tepco President Naomi Hirose", "Tokyo Electric President Masataka Shimizu": a company's
                # president, not a head of state (BUS takes no country from its sentence)
                g.reasons.append(f"'{company} {doc[start:end].text}': the title of a company -> BUS")
                g.sector = "BUS"
                continue
            g.reasons.append(f"{agent.source}: '{agent.phrase}' {agent.sector}")
            generic = agent.phrase.lower().split()[-1] in _GENERIC_ROLES or agent.phrase.lower() in _GENERIC_ROLES
            if at_head and agent.sector == "MIL" and g.sector in _ARMED_OPPOSITION:
                g.sector = "REB"  # "rebel forces", "opposition fighters": armed, but not the state's
                g.reasons.append("armed opposition -> REB")
            elif g.sector is None or (at_head and not generic):
                g.sector = agent.sector  # the head's own role wins: "government troops" -> MIL, "rebel leaders" -> REB
                g.sector_word = agent.phrase.lower()
    _led_by_one_token(doc, groups, compiled, day, taken | blocked)
    _armed_people(doc, groups, blocked)
    _organisation_before_title(doc, groups)
    if outlet_at:  # before places join: "New York Times journalists missing in Libya" are the paper's
        _outlet_people(doc, groups, ents, blocked, outlet_at)
    _named_organisations(doc, groups, ents, blocked)
    _join_prepositions(doc, groups)
    hidden = _join_organisations(doc, groups, compiled)
    _people_by_their_role(doc, groups, ents, blocked)
    _based_organisations(doc, groups, compiled, day)
    for g in groups.values():
        head = doc[g.head]
        if (any(t.lower_ in _FORMER for t in doc[max(g.start - 2, 0) : g.end]) or any(
            c.lower_ in _FORMER for c in head.children
        )) and head.lemma_.lower() not in _INSTITUTIONS:
            g.former = True  # a former office holder is ELI; "Gadhafi's former regime" is still a government
    actors = _to_actors(doc, groups, blocked, ents, ent_at)
    actors = _roles_over_past_offices(actors)
    _inherit_over_conjunctions(doc, actors)
    unknown = _unknown_people(doc, actors, blocked, ents) if dictionary.country_from_context else []
    if dictionary.country_from_context:
        not_of = _sentence_country(doc, actors)
        _article_country(actors, not_of, unknown)
    # a person nothing in the text places stays no actor: a dateline city alone says nothing of them
    actors = sorted([*actors, *(a for a in unknown if a.country)], key=lambda a: a.start)
    homes = {a.country for a in actors if _outlet_coded(a)}  # before the outlets that only report go
    actors = _drop_reporters(doc, actors)
    named_within = _to_actors(doc, {g.head: g for g in hidden}, blocked, ents, ent_at) if hidden else []
    actors = _learn_people(doc, actors, blocked, named_within)
    actors = _roles_before_names(doc, actors)
    _journalists_of_outlets(doc, actors, homes)
    _roles_of_named_people(doc, actors)
    _states_under_leaders(doc, actors)
    return actors


# role words that say someone leads something, not which office of state they hold
_LEADERSHIP = {"leader", "chief", "head"}
# the second half of "Saudi-led forces", "a U.S.-headed coalition": what follows is the leader's
_LEADING = {"led", "headed"}
# what leads so: states and their alliances ("U.S.-led forces" are the United States'); a party does not
# make the body it leads its own ("the Democrat-led Senate" is the Senate, not the party)
_LEADING_KINDS = {"country", "demonym", "igo"}


def _led_by_one_token(doc: Doc, groups: dict[int, _Group], compiled: _Compiled, day: date | None,
                      taken: set[int]) -> None:
    """"the U.S.-led push", "U.S.-led forces": the tokenizer keeps an abbreviation with its "-led" as one
    word, which no dictionary phrase matches; the noun it modifies is the leading state's or organisation's,
    as with "Saudi-led forces" written in three tokens. Why: otherwise the country is lost ("U.S.-led forces"
    -> bare MIL) though the text names it."""
    for tok in doc:
        if tok.i in taken or "-" not in tok.text or tok.dep_ not in {"amod", "compound"} or (
                tok.head.pos_ not in {"NOUN", "PROPN"}):
            continue
        first, _, second = tok.lower_.rpartition("-")
        if second not in _LEADING or first not in compiled.actors:
            continue
        entry, code = choose_entry(compiled.actors[first], day)
        if entry.kind not in _LEADING_KINDS:
            continue
        led = tok.head
        if {led.lemma_.lower(), led.lower_} & _NON_ACTOR_HEADS:
            continue
        root, sector = split_code(code)
        g = groups.get(led.i)
        if g is None:
            g = groups[led.i] = _Group(head=led.i, start=tok.i, end=led.i + 1)
        g.start = min(g.start, tok.i)
        g.country = g.country or root
        if g.entry is None:
            g.entry, g.entry_code = entry, code
        g.reasons.append(f"{_row(entry, code)} + '{tok.text}': led by it -> country only")


def _roles_of_named_people(doc: Doc, actors: list[Actor]) -> None:
    """"Mullen's spokesman", "Sefcovic's aides": a generic role whose possessor is a person the text coded
    (by a role or an organisation given earlier) is of that person's state and body. Why here: the
    dictionaries' people give their country while the phrase is read, but people coded from the text are
    known only once `_learn_people` has read the whole article."""
    spans = [(a, doc.char_span(a.start, a.end, alignment_mode="expand")) for a in actors]
    people = [(a, sp) for a, sp in spans if a.kind == "person" and a.code and a.country and sp is not None]
    for actor, span in spans:
        if actor.country or actor.kind != "sector" or span is None or span.root.lower_ not in _GENERIC_ROLES:
            continue
        for poss in span.root.children:
            if poss.dep_ != "poss":
                continue
            owner = next((a for a, sp in people if sp.start <= poss.i < sp.end and a is not actor), None)
            if owner is None:
                continue
            actor.country = owner.country
            actor.code = owner.code if actor.sector in {None, "GOV"} else owner.country + actor.sector
            actor.source = f"{actor.source} + the role of '{owner.text}' at {owner.start} -> {actor.code}"
            break


_BEYOND_STATES = {"envoy", "envoys", "mediator", "representative", "observer", "monitor", "inspector"}


def _row_of(actor: Actor) -> str:
    """The dictionary row an actor's `source` starts with ("people.actors.tsv: 'Fico' SVKGOV ...")."""
    return (actor.source or "").split(" + ")[0]


def _roles_over_past_offices(actors: list[Actor]) -> list[Actor]:
    """"Robert Fico, leader of Smer" in 2011: a dictionary person out of every listed office (the bare
    country) whom the text names with a role is what the text says (SVKPTY), there and when named again
    ("Fico said"); the two overlapping actors of the name and of the role become one. A person the
    dictionary places in office keeps the office, and a role of no state written with the name is dropped."""
    roles: dict[str, Actor] = {}  # the dictionary's full name -> the actor of the role the text gives it
    dropped: set[int] = set()
    for a in actors:
        if a.kind == "person" and a.name and "(out of office" not in (a.source or "") and (
                a.source or "").startswith("people."):
            # in office: a role written with the name that says no state ("Nabil Elaraby, secretary general")
            # is no second actor beside the dictionary's
            dropped.update(id(r) for r in actors if r is not a and r.name == a.name and r.country is None
                           and r.start <= a.start and a.end <= r.end)
            continue
        if a.kind != "person" or not a.name or a.sector or not a.country or "(out of office" not in (a.source or ""):
            continue
        role = roles.get(a.name)
        if role is None:
            role = next((r for r in actors if r is not a and r.name == a.name and r.sector and r.start <= a.start
                         and a.end <= r.end and r.country in {a.country, None}), None)
            if role is None or (role.country is None and set(role.text.lower().split()) & _BEYOND_STATES):
                continue  # "Tony Blair, the Middle East envoy": whose envoy the dictionary's country does not say
            if role.country is None:  # "Fico, a party leader": the dictionary says whose
                role.country, role.code = a.country, a.country + (role.code or role.sector or "")
                role.source = f"{role.source} + {_row_of(a)} -> {role.code}"
            roles[a.name] = role
            dropped.add(id(a))
            continue
        a.code, a.sector = role.code, role.sector
        a.source = f"{a.source} + named with a role before: '{role.text}' at {role.start} -> {a.code}"
    return [a for a in actors if id(a) not in dropped]


def _states_under_leaders(doc: Doc, actors: list[Actor]) -> None:
    """"Britain under Cameron risked sleepwalking out of the EU": a state said to be under a person who holds
    its government is that government (GBRGOV), not the country at large."""
    spans = [(a, doc.char_span(a.start, a.end, alignment_mode="expand")) for a in actors]
    for actor, span in spans:
        if actor.kind not in {"country", "capital"} or actor.sector or not actor.country or span is None:
            continue
        for prep in span.root.children:
            if prep.dep_ != "prep" or prep.lower_ != "under":
                continue
            for pobj in prep.children:
                leader = next((a for a, sp in spans if sp is not None and a.kind == "person" and a.sector == "GOV"
                               and a.country == actor.country and sp.start <= pobj.i < sp.end), None)
                if leader is not None:
                    actor.sector = "GOV"
                    actor.code = actor.country + "GOV"
                    actor.source = f"{actor.source} + 'under {leader.text}', who governs it -> {actor.code}"


# titles that a company's head or voice has as well as a state's ("Tepco President", "AMR spokesman")
_COMPANY_TITLES = {"president", "chairman", "chairwoman", "spokesman", "spokeswoman", "spokesperson"}
# head words of organisations that are not companies ("Harvard University President", "Party Chairman")
_NOT_COMPANIES = {"university", "college", "institute", "foundation", "council", "committee", "party", "union",
                  "league", "association", "commission", "assembly", "parliament", "congress", "senate", "court",
                  "republic", "state", "states", "kingdom", "federation", "authority", "agency", "ministry",
                  "government", "center", "centre", "society", "club", "church", "movement", "front", "army",
                  "bank", "fund", "organization", "organisation", "board", "group", "forum", "alliance", "house",
                  "fed", "reserve", "treasury", "department", "office", "service", "police", "guard", "corps", "navy",
                  "tribunal", "school", "academy", "hospital", "network", "conference", "secretariat"}


def _company_before_title(doc: Doc, start: int, phrase: str, named: dict[int, int], compiled: _Compiled) -> str | None:
    """The name of an organisation the tagger marks right before a title ("Tepco President ..."), when the
    dictionaries know it as no state, organisation or party (a capital inside its name, "Tokyo Electric",
    is part of the company's name) and its name is not that of another kind of body; else None."""
    if phrase not in _COMPANY_TITLES or start == 0 or doc[start - 1].ent_type_ != "ORG":
        return None
    first = start - 1
    while first > 0 and doc[first].ent_iob_ == "I":
        first -= 1
    words = doc[first:start]
    if not words or doc[first].ent_iob_ != "B" or any(t.lower_ in _NOT_COMPANIES for t in words):
        return None
    if any(i in named and not any(e.kind in {"capital", "region"} for e in compiled.actors.get(
            doc[named[i]:i + 1].text.lower(), [])) for i in range(first, start)):
        return None  # "ECB President", "Yemen President": the dictionaries know whose title it is
    return words.text


# participles that say where someone is seated ("a group based in Trinidad", "troops stationed in Kuwait")
_SEATED = {"base", "headquarter", "headquartered", "station", "locate", "register", "domicile", "deploy"}


def _join_prepositions(doc: Doc, groups: dict[int, _Group]) -> None:
    """"the government of Syria", "rebels in Darfur": a place after of/in/from gives the role its country."""
    for head_i in sorted(groups):
        g = groups.get(head_i)
        if g is None or g.kind not in _PLACE_KINDS:
            continue
        tok = doc[head_i]
        prep = tok.head
        if tok.dep_ != "pobj" or prep.lower_ not in _JOINING_PREPS or prep.dep_ != "prep":
            continue
        owner = groups.get(prep.head.i)
        if owner is None and prep.head.dep_ == "acl" and prep.head.lemma_.lower() in _SEATED:
            owner = groups.get(prep.head.head.i)  # "a terror group based in Trinidad" (not "a speech the
            # governor made in Washington", a clause the parser hung on the governor)
        if owner is None or owner.country is not None or owner.sector is None:
            continue
        owner.country = g.country
        owner.reasons.append(f"'{prep.text} {doc[g.start:g.end].text}' -> {g.country}")
        # "clashes between security forces and protesters in Cairo": the parser hangs the place on the first
        # noun, after the second; both are in the place, and each stays its own actor
        joined = [groups[c.i] for c in doc[owner.head].children if c.dep_ == "conj" and owner.end <= c.i < prep.i
                  and c.i in groups]
        for other in joined:
            if other.country is None and other.sector is not None:
                other.country = g.country
                other.reasons.append(f"'{prep.text} {doc[g.start:g.end].text}' after '{doc[owner.head].text} and "
                                     f"{doc[other.head].text}' -> {g.country}")
        if not joined:
            owner.start = min(owner.start, g.start)
            owner.end = max(owner.end, g.end)
        del groups[head_i]


# what an organisation the dictionaries lack may be said to be, by the sector of the words that say it
_ORGANISATION_SECTORS = {"NGO": "ngo", "EDU": "ngo", "HRI": "ngo", "MED": "ngo", "BUS": "company", "LAB": "group"}


def _named_organisations(doc: Doc, groups: dict[int, _Group], ents: list[Span], blocked: set[int]) -> None:
    """"the Center for American Progress, a liberal think tank": an organisation the dictionaries do not
    know, whose name holds a country word and which the text describes right after its name, is that
    country's organisation of the sector the description says (USANGO), not the country itself; the
    description joins it. Titles of it are its own (`_join_organisations`: "executive vice president for
    policy for the Center ..." is no government official). Undescribed, such a name is left as it was."""
    for ent in ents:
        if ent.label_ != "ORG" or any(i in blocked for i in range(ent.start, ent.end)):
            continue
        inside = [g for g in groups.values() if ent.start <= g.start and g.end <= ent.end]
        if len(inside) != 1 or inside[0].kind not in {"country", "demonym"} or inside[0].sector or (
                inside[0].start == ent.start) or not any(t.pos_ == "ADP" for t in doc[ent.start:inside[0].start]):
            continue  # a dictionary organisation, a state's body ("the American embassy"), or no "of"/"for" in it
        place = inside[0]
        if ent.end + 2 >= len(doc) or doc[ent.end].text != "," or doc[ent.end + 1].lower_ not in {"a", "an", "the"}:
            continue
        # the description: the first noun phrase after the comma, ended by a comma or the sentence
        stop = next((t.i for t in doc[ent.end + 1:] if t.is_punct or t.is_sent_start), len(doc))
        described = [g for g in groups.values() if ent.end < g.start and g.end <= stop and g.country is None
                     and g.sector in _ORGANISATION_SECTORS and g.kind in {None, "sector"}]
        if len(described) != 1:
            continue
        what = described[0]
        del groups[place.head]
        del groups[what.head]
        g = groups[ent.root.i] = _Group(head=ent.root.i, start=ent.start, end=what.end, country=place.country,
                                        sector=what.sector, kind=_ORGANISATION_SECTORS[what.sector])
        g.reasons.extend(place.reasons)
        g.reasons.append(f"'{ent.text}', {doc[ent.end + 1:what.end].text}: an organisation of "
                         f"{place.country} -> {place.country}{what.sector}")


def _join_organisations(doc: Doc, groups: dict[int, _Group], compiled: _Compiled) -> list[_Group]:
    """"leader of the opposition Smer party", "a spokesman for the Interior Ministry": a person named by a
    generic role takes the code of the organisation the role is of (the one they lead or speak for), or of the
    person ("a spokesperson for Ban Ki-moon" -> IGOUNOGOV). Returns the people joined so: no actors here, but
    named again later by surname ("Ban is urging ...")."""
    hidden: list[_Group] = []
    for head_i in sorted(groups):
        g = groups.get(head_i)
        tok = doc[head_i]
        if g is None or tok.dep_ != "pobj" or tok.head.lower_ not in {"of", "for", "at"}:
            continue
        owner_tok = tok.head.head
        owner = groups.get(owner_tok.i)
        named_by_text = (g.kind in {"ngo", "company"} and g.entry is None) or (
            tok.ent_type_ == "ORG" and g.sector is not None and g.kind in {None, "sector"})
        if owner is None or owner is g or (
                owner_tok.lemma_.lower() not in _GENERIC_ROLES | {"head", "chairman"}
                and not (named_by_text and owner.country is None)):
            continue  # a generic role of anything, or any title of an organisation named by the text
            # ("president of the Dairy Farmers of Canada" -> CANAGR, not a government official)
        if (g.sector is None and g.kind not in {"igo", "ngo", "group"}) or g.kind == "place" or (
            owner.country and g.country and owner.country != g.country
        ):
            continue  # places are _join_prepositions'; a role of another state's body is its own actor
        owner.country = g.country if g.kind in {"igo", "ngo", "group"} else (owner.country or g.country)
        owner.sector = g.sector or owner.sector
        if g.entry is not None and g.kind in {"group", "igo", "ngo"} and owner.entry is None:
            owner.entry, owner.entry_code, owner.kind = g.entry, g.entry_code, g.kind
        elif g.kind == "person" and g.entry_code and owner.entry is None and owner.country == g.country:
            owner.entry_code = g.entry_code  # "a spokesperson for Ban Ki-moon": IGOUNOGOV, not IGO + GOV
        if g.kind == "person" and g.name:
            hidden.append(g)  # "Ban is urging ...": the person is named again later by surname
        owner.start = min(owner.start, g.start)
        owner.end = max(owner.end, g.end)
        code = owner.entry_code if owner.entry_code and owner.entry is None else \
            f"{owner.country or ''}{owner.sector or ''}"
        owner.reasons.append(f"'{owner_tok.text} {tok.head.text} {doc[g.start:g.end].text}' -> {code}")
        del groups[head_i]
    return hidden


# nouns that say what a named person is to an organisation ("Bela Bugar, head of ... party Most-Hid")
_ROLE_NOUNS = {"head", "member", "director", "chairman", "chairwoman", "chair", "leader", "aide", "adviser",
               "advisor", "spokesman", "spokeswoman", "spokesperson", "manager", "official", "secretary",
               "president", "founder", "deputy", "chief", "envoy", "representative", "ambassador", "lawyer",
               "attorney", "commissioner", "governor", "minister", "lawmaker", "legislator", "executive",
               "officer", "commander", "negotiator", "vice-president", "coordinator", "counsel", "researcher"}
# verbs of a relative clause that make the person the organisation's ("Klaus Regling, who heads the fund")
_LEADING_VERBS = {"head", "lead", "chair", "run", "represent", "direct"}
_ROLE_PREPS = {"of", "for", "at", "with", "to", "in"}
# verbs of taking up an office: "who was appointed/accredited/sworn in as head of ..." says what someone is
_APPOINTING_VERBS = {"appoint", "accredit", "name", "elect", "nominate", "install", "swear", "confirm", "choose",
                     "select", "designate"}


def _group_at(groups: dict[int, _Group], i: int) -> _Group | None:
    g = groups.get(i)
    if g is not None:
        return g
    return next((g for g in groups.values() if g.start <= i < g.end), None)


def _organisation_of(doc: Doc, role: Token, groups: dict[int, _Group]) -> tuple[_Group | None, str]:
    """The coded organisation (or person, or state) a role noun is of: "head of junior coalition party
    Most-Hid", "a Knesset member", "a member of parliament for the opposition Islah party", "an aide to
    Hillary Clinton". Returns the group and the words that said so."""
    found: _Group | None = None
    said = ""
    for child in role.children:
        if child.dep_ in {"compound", "poss", "amod", "nmod"}:
            g = _group_at(groups, child.i)
            if g is not None and g.kind != "place" and (
                    g.country or g.sector or g.kind in _NON_STATE_KINDS | {"group"}):
                found, said = g, f"'{child.text} {role.text}'"
    for child in role.children:
        if child.dep_ != "prep" or child.lower_ not in _ROLE_PREPS:
            continue
        if child.lower_ == "to" and role.lemma_.lower() not in {"aide", "adviser", "advisor", "envoy", "ambassador",
                                                                 "counsel"}:
            continue
        for pobj in child.children:
            if pobj.dep_ != "pobj":
                continue
            g = _group_at(groups, pobj.i)
            if g is None:
                continue
            if g.country is None and g.kind not in _NON_STATE_KINDS | {"group"}:
                # "member of parliament for the opposition Islah party": the next phrase says whose
                deeper, words = _organisation_of(doc, pobj, groups)
                if deeper is not None:
                    return deeper, f"'{role.text} {child.text} {pobj.text}' + {words}"
                if g.sector is None:
                    continue
            if g.kind == "place":
                continue  # "an analyst in New York": where, not whose
            return g, f"'{role.text} {child.text} {doc[g.start:g.end].text}'"
    return found, said


def _member_of(doc: Doc, ent: Span, root: Token, groups: dict[int, _Group]) -> bool:
    """"Horst Seehofer of Germany's CSU", "Ahmed Said of the Muslim Brotherhood": a name followed by "of"
    and an organisation (not a place: "Stacey Plaskett of the Virgin Islands" says where from) takes the
    organisation's code. Adds the person's group and says whether it did."""
    for prep in root.children:
        if prep.dep_ != "prep" or prep.lower_ != "of" or prep.i != ent.end:
            continue
        for pobj in prep.children:
            org = _group_at(groups, pobj.i) if pobj.dep_ == "pobj" else None
            if org is None or org.discard or org.kind in _PLACE_KINDS or org.kind == "person" or org.name:
                continue
            if not (org.kind in _NON_STATE_KINDS | {"group", "seat", "company"} or (org.sector and org.country)):
                continue
            g = groups[root.i] = _Group(head=root.i, start=ent.start, end=ent.end, country=org.country,
                                        sector=org.sector, kind="person", name=ent.text)
            if org.kind in _NON_STATE_KINDS or org.kind == "group":
                g.entry, g.entry_code = org.entry, org.entry_code
            g.reasons.append(f"'{ent.text} of {doc[org.start:org.end].text}' -> {org.country or ''}{org.sector or ''}")
            return True
    return False


def _role_of_relative_clause(doc: Doc, ent: Span, root: Token, groups: dict[int, _Group]) -> bool:
    """"Dr. Connie Mariano, who as a Navy captain was the White House physician": a person the dictionaries do
    not know takes the coded role a relative clause says they are; "was" says they were, so a government
    office is behind them (ELI). Adds the person's group and says whether it did."""
    for rel in root.children:
        if rel.dep_ != "relcl" or rel.lemma_.lower() != "be":
            continue
        for attr in rel.children:
            role = groups.get(attr.i) if attr.dep_ == "attr" else None
            if role is None or role.discard or role.sector is None or role.kind in {"place", "person"} or (
                    role.name is not None):
                continue
            g = groups[root.i] = _Group(head=root.i, start=ent.start, end=ent.end, country=role.country,
                                        sector=role.sector, entry=role.entry, entry_code=role.entry_code,
                                        kind="person", name=ent.text)
            said = f"'{ent.text}, who {rel.text} {doc[role.start:role.end].text}' -> " \
                   f"{role.entry_code or (role.country or '') + role.sector}"
            past = rel.tag_ == "VBD" or any(c.lower_ in _FORMER for c in attr.children)
            if past and "GOV" in {role.sector, *split_code(role.entry_code or "")}:
                g.sector, g.entry, g.entry_code = "ELI", None, None  # a government office held before
                said += " (was: a former office holder -> ELI)"
            g.reasons.append(said)
            return True
    return False


def _people_by_their_role(doc: Doc, groups: dict[int, _Group], ents: list[Span], blocked: set[int]) -> None:
    """A named person the dictionaries do not know takes the code of the organisation the text says they
    belong to: an apposition ("Bela Bugar, head of junior coalition party Most-Hid" -> SVKPTY; "Benjamin
    Ben Eliezer, a Knesset member" -> ISRLEG) or a relative clause ("Klaus Regling, who heads Europe's
    bailout fund"). Later mentions by surname are learned from this one (`_learn_people`)."""
    for ent in ents:
        if ent.label_ != "PERSON" or any(i in blocked for i in range(ent.start, ent.end)):
            continue
        if any(g.start <= ent.start < g.end or ent.start <= g.head < ent.end for g in groups.values()):
            continue  # already part of an actor ("SaS leader Richard Sulik")
        root = ent.root
        roles = [c for c in root.children if c.dep_ == "appos" and c.pos_ in {"NOUN", "PROPN"}]
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            roles.append(root.head)
        for rel in (c for c in root.children if c.dep_ == "relcl" and c.lemma_.lower() in _LEADING_VERBS):
            roles.extend(o for o in rel.children if o.dep_ in {"dobj", "obj"})
        for rel in (c for c in root.children if c.dep_ == "relcl" and c.lemma_.lower() in _APPOINTING_VERBS):
            # "Ali Aujali, who was accredited Thursday as head of the Libyan mission"
            roles.extend(o for p in rel.children if p.dep_ == "prep" and p.lower_ == "as"
                         for o in p.children if o.dep_ == "pobj" and o.pos_ == "NOUN")
        if _member_of(doc, ent, root, groups):  # "Horst Seehofer of Germany's CSU"
            continue
        if _role_of_relative_clause(doc, ent, root, groups):  # "Connie Mariano, who ... was the White House physician"
            continue
        for role in roles:
            if role.i in groups:
                break  # a coded role in apposition: `_named_person` joins the name to it
            if role.lemma_.lower() not in _ROLE_NOUNS and role.dep_ not in {"dobj", "obj"}:
                continue
            if role.dep_ in {"dobj", "obj"}:  # "who heads Europe's bailout fund": the fund is the organisation
                org = _group_at(groups, role.i)
                words = f"'{role.head.text} {role.text}'"
                if org is None:
                    org, words = _organisation_of(doc, role, groups)
            else:
                org, words = _organisation_of(doc, role, groups)
            if org is None or org.discard:
                continue
            non_state = org.kind in _NON_STATE_KINDS or org.kind == "group"
            person_org = org.kind == "person" or org.name is not None
            g = groups[root.i] = _Group(head=root.i, start=ent.start, end=ent.end, country=org.country,
                                        sector=None if person_org else org.sector, kind="person", name=ent.text)
            if non_state and org.entry is not None:
                g.entry, g.entry_code = org.entry, org.entry_code
            g.reasons.append(f"'{ent.text}' is {role.text} of {words} -> {org.country or ''}"
                             f"{g.sector or ''}")
            break


def _organisation_before_title(doc: Doc, groups: dict[int, _Group]) -> None:
    """"ICRC President Jakob Kellenberger", "Chairman of the Joint Chiefs of Staff Adm. Mike Mullen": an
    organisation or a seat of power written right before a title and a name is the person's, whatever the
    parser made of it (here "ICRC" the subject and the name its object); not a state's title with the
    state's country taken from the sentence."""
    by_start = {g.start: g for g in groups.values()}
    for org in sorted(groups.values(), key=lambda g: g.start):
        if org.kind not in {"igo", "ngo", "group", "company", "seat"} or org.discard or org.head != org.end - 1:
            continue
        person = by_start.get(org.end)
        if person is None or person is org or person.country is not None or person.sector is None:
            continue
        if not any(doc[i].ent_type_ == "PERSON" for i in range(person.start, max(person.end, person.head + 1))):
            continue  # "ICRC officials": a role of the organisation, which the organisation's own rules code
        person.country = org.country
        if org.entry is not None:
            person.entry, person.entry_code = org.entry, org.entry_code
        person.start = org.start
        said = doc[org.start : org.end].text
        person.reasons.append(f"'{said}' before the title and name -> {org.entry_code or org.country}")
        del groups[org.head]


# words for someone who works for a person: "Clinton tech aide Bryan Pagliano" is of Clinton's country, while
# "Putin critic Alexei Navalny" is not of Putin's side
_AFFILIATES = {"aide", "aides", "adviser", "advisor", "spokesman", "spokeswoman", "spokesperson", "lawyer", "attorney",
               "loyalist", "staffer", "confidant", "deputy", "envoy"}


# kinds of union that states make, not workers ("banking union", "monetary union", "customs union")
_UNION_KINDS = {"banking", "bank", "monetary", "currency", "customs", "fiscal", "economic", "political", "transfer",
                "energy", "capital", "market", "markets", "defence", "defense", "stability", "payments", "tariff",
                "debt", "budgetary", "financial", "closer"}
# what a hyphen joins to a role word to make another role ("Vice-President", "Ex-Minister")
_TITLE_PREFIXES = {"vice", "ex", "co", "deputy", "acting", "under", "sub", "pro", "anti", "non", "self"}
# military ranks: a role only before a person's name
_RANKS = {"general", "gen.", "lt. gen.", "maj. gen.", "brig. gen.", "col.", "lt. col.", "adm."}
_DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "outskirts"}
# what a name in apposition may say of a private person ("Terence Crutcher, a 40-year-old unarmed black man")
_CIVILIAN_WORDS = {"man", "woman", "boy", "girl", "teenager", "youth", "child", "father", "mother", "son",
                   "daughter", "husband", "wife", "brother", "sister", "resident", "student", "driver",
                   "passenger", "pedestrian", "victim", "villager", "farmer", "shopkeeper", "worker"}
_PEOPLE_NOUNS = {"man", "men", "people", "youth", "youths", "individual", "individuals", "person", "persons"}


def _armed_people(doc: Doc, groups: dict[int, _Group], blocked: set[int]) -> None:
    """"men armed with knives", "armed men", "masked armed youths": unidentified armed people (UAF, as
    "gunmen"), not civilians; their country comes from the sentence or the article like any sector word."""
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.lower_ not in _PEOPLE_NOUNS or tok.i in blocked:
            continue
        if not any(c.lower_ == "armed" and c.dep_ in {"amod", "acl"} for c in tok.children):
            continue
        g = groups.get(tok.i)
        if g is None:
            start = min([c.i for c in tok.children if c.dep_ in {"amod", "nummod", "compound"} and c.i < tok.i]
                        + [tok.i])
            g = groups[tok.i] = _Group(head=tok.i, start=start, end=tok.i + 1)
        elif g.sector not in {None, "CVL"}:
            continue
        g.sector = "UAF"
        g.reasons.append(f"'armed {tok.text}' -> UAF")


# words for what a person does at a news outlet ("CNN senior international correspondent Ben Wedeman")
_MEDIA_ROLES = {"correspondent", "reporter", "journalist", "photojournalist", "photographer", "cameraman", "anchor",
                "editor", "columnist", "producer", "analyst", "crew", "team", "staff", "host", "commentator",
                "videographer", "writer", "contributor", "stringer", "journalists", "reporters", "correspondents"}


def _outlet_of(doc: Doc, head: Token, outlet_at: dict[int, tuple[str, str]]) -> tuple[str, str] | None:
    """The news outlet that modifies `head` ("CNN's Ben Wedeman", "CNN correspondent Ben Wedeman",
    "New York Times journalists"): one of the head's own modifiers, or a modifier of a media role word
    that modifies the head. Where the outlet is only the place of a report ("told CNN") it is no one's."""
    for child in head.children:
        if child.dep_ not in {"compound", "poss", "nmod"} or child.i >= head.i:
            continue
        if child.i in outlet_at:
            return outlet_at[child.i]
        if child.lower_ in _MEDIA_ROLES:
            found = _outlet_of(doc, child, outlet_at)
            if found is not None:
                return found
    # the parser may leave the outlet outside the phrase ("CNN senior international correspondent Ben
    # Wedeman" after a newline): the outlet right before the phrase, past adjectives and media role words
    j = min(t.i for t in head.subtree if t.dep_ in {"compound", "amod", "nmod", "poss"} or t is head) - 1
    while j >= 0 and (doc[j].pos_ == "ADJ" or doc[j].lower_ in _MEDIA_ROLES) and not doc[j].is_sent_start:
        j -= 1
    if j >= 0 and doc[j].lower_ in {"'s", "’s"}:
        j -= 1
    if j >= 0 and j in outlet_at and doc[j].sent.start == head.sent.start:
        return outlet_at[j]
    return None


def _outlet_people(doc: Doc, groups: dict[int, _Group], ents: list[Span], blocked: set[int],
                   outlet_at: dict[int, tuple[str, str]]) -> None:
    """People and role words the text says are a news outlet's take its home country and the media sector:
    "CNN's Ben Wedeman", "CNN senior international correspondent Ben Wedeman" -> USAMED, "Four New York Times
    journalists" -> USAMED, not the country the sentence is about. The outlet itself stays no actor."""
    for g in groups.values():
        if g.country is not None or g.sector not in {None, "MED"} or g.kind not in {None, "sector"}:
            continue
        found = _outlet_of(doc, doc[g.head], outlet_at)
        if found is not None:
            code, name = found
            g.country, g.sector = split_code(code)[0], "MED"
            g.reasons.append(f"'{name}' is {OUTLET} {g.country} -> {g.country}MED")
    # "A CNN crew", "the BBC team": a media role word no dictionary codes alone (a crew, a team, a staff may be
    # anyone's) is the outlet's people when the outlet itself modifies it
    for head_i, (code, name) in sorted(outlet_at.items()):
        tok = doc[head_i].head
        if tok.lower_ not in _MEDIA_ROLES or tok.pos_ != "NOUN" or tok.i in groups or tok.i in blocked \
                or doc[head_i].dep_ not in {"compound", "poss", "nmod"} or head_i > tok.i \
                or any(g.start <= tok.i < g.end for g in groups.values()):
            continue
        root = split_code(code)[0]
        start = min(t.i for t in tok.subtree if t.i <= tok.i and t.dep_ in {"det", "amod", "compound", "poss",
                                                                              "nmod", "nummod"} or t is tok)
        g = groups[tok.i] = _Group(head=tok.i, start=start, end=tok.i + 1, country=root, sector="MED", kind="sector")
        g.reasons.append(f"'{doc[start:tok.i + 1].text}': the people of '{name}', {OUTLET} {root} -> {root}MED")
    for ent in ents:
        if ent.label_ != "PERSON" or any(i in blocked for i in range(ent.start, ent.end)):
            continue
        if any(g.start <= ent.start < g.end or ent.start <= g.head < ent.end for g in groups.values()):
            continue  # already an actor (a dictionary person, or named by a role)
        found = _outlet_of(doc, ent.root, outlet_at)
        if found is None:
            continue
        code, name = found
        root = split_code(code)[0]
        g = groups[ent.root.i] = _Group(head=ent.root.i, start=ent.start, end=ent.end, country=root, sector="MED",
                                        kind="person", name=ent.text)
        g.reasons.append(f"'{ent.text}' is of '{name}', {OUTLET} {root} -> {root}MED")


def _named_person(doc: Doc, head: Token, person_ents: dict[int, Span]) -> Span | None:
    """The person a role phrase names: "Niger's ambassador Brah Mohamane" (apposition), "Salaheddine
    Sidhoum, Algeria's leading human rights activist" (apposition before), "Deputy Prime Minister for
    Economic Affairs Qadri Jamil" (the name after a "for" phrase)."""
    for child in head.children:
        if child.dep_ == "appos" and child.i in person_ents:
            return person_ents[child.i]
        if child.dep_ == "prep" and child.lower_ == "for":
            for pobj in child.children:
                # the name after a topic ("for Economic Affairs Qadri Jamil"); a name right after "for" is the
                # one the role serves ("an attorney for Pagliano", "a spokesman for Ban"), not the role's
                if pobj.dep_ == "pobj" and pobj.i in person_ents and pobj.i - head.i <= 8 and (
                        person_ents[pobj.i].start > child.i + 1):
                    return person_ents[pobj.i]
    if head.dep_ == "appos" and head.head.i in person_ents:
        ent = person_ents[head.head.i]
        # "Mohamed Ibrahim, a rebel spokesman": the name written right before the role, even when the
        # parser hangs the apposition on an earlier word ("Misrata, ..., according to Mohamed Ibrahim, a ...")
        before = _name_before(doc, head, person_ents)
        if before is not None and before is not ent:
            return before
        first = min(t.i for t in head.subtree)
        return ent if first - ent.end <= 2 else None  # "X, the role": not a name sentences away
    return _name_before(doc, head, person_ents) if head.dep_ == "appos" else None


def _name_before(doc: Doc, head: Token, person_ents: dict[int, Span]) -> Span | None:
    """The personal name right before a role phrase in apposition, past its comma ("Mohamed Ibrahim, a ...")."""
    first = min(t.i for t in head.subtree)
    if first >= 2 and doc[first - 1].text == ",":
        ent = person_ents.get(doc[first - 2].i) or next(
            (e for e in person_ents.values() if e.end == first - 1), None)
        return ent
    return None


def _to_actors(
    doc: Doc, groups: dict[int, _Group], blocked: set[int], ents: list[Span], ent_at: dict[int, Span]
) -> list[Actor]:
    """One Actor per group: its span, code, name, kind and the reasons for its code."""
    actors: list[Actor] = []
    person_ents: dict[int, Span] = {e.root.i: e for e in ents if e.label_ == "PERSON"}
    for g in sorted(groups.values(), key=lambda g: g.start):
        if g.discard or g.head in blocked:
            continue
        head = doc[g.head]
        start = g.start
        if start > 0 and doc[start - 1].dep_ == "det" and doc[start - 1].head.i == g.head:
            start -= 1
        while start < g.head and (start in blocked or doc[start].is_space):
            start += 1  # "PARIS (Reuters) - German Chancellor Angela Merkel": the dateline is not the actor's
        end = g.end
        if g.name is None and g.sector is not None:
            ent = _named_person(doc, head, person_ents)
            if ent is not None and any(o is not g and o.kind == "person" and o.start <= ent.root.i < o.end
                                       and o.country and g.country and o.country != g.country
                                       and not {o.country, g.country} & _NON_STATE_ROOTS for o in groups.values()):
                ent = None  # "its leader, Muammar Gaddafi, Russia's ambassador ...": another state's known person
            if ent is not None and not any(i in blocked for i in range(ent.start, ent.end)):
                start, end = min(start, ent.start), max(end, ent.end)
                g.name = ent.text
                g.reasons.append(f"person '{ent.text}' named with the role")
        sector = g.sector
        reasons = list(g.reasons)
        if g.anti:
            sector = "REB" if sector in {"MIL", "COP", "REB", "UAF"} else "OPP"
            reasons.append(f"'anti-' -> {sector}")
        elif g.former and sector == "GOV":
            sector = "ELI"
            reasons.append("'former' -> ELI")
        base = g.country or ""
        if g.entry_code and not g.anti and g.country and g.entry_code.startswith(g.country) and len(g.entry_code) > 3:
            base = g.entry_code
            if g.former and sector == "ELI":
                base = split_code(base)[0] or base
        code = base
        have = [base[i : i + 3] for i in range(3, len(base), 3)]
        if sector and sector not in have:  # "GOVMED" onto "HGWGOVMED" adds nothing
            code = base + "".join(c for c in (sector[i : i + 3] for i in range(0, len(sector), 3)) if c not in have)
        if g.prefix and code and not code.startswith(g.prefix):
            code = g.prefix + code
        span = doc[start:end]
        name = g.name
        if name is None:
            name = _person_name(doc, head, start, end, ent_at)
            if name and g.entry is not None and g.entry.kind in _PLACE_KINDS and (
                    head.lower_ in g.entry.phrase.lower().split()):
                name = None  # "The United States", "Sanaa" tagged as a person: the dictionary's place is what it is
            if name:
                reasons.append(f"person '{name}' from the text")
        kind = g.kind or "sector"
        if kind == "title":  # "the Treasury Secretary": a role of one state, not a place or an organisation
            kind = "sector"
        if name and kind not in {"igo", "ngo", "group"}:
            kind = "person"
        actors.append(
            Actor(
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                code=code or None,
                country=g.country,
                sector=sector,
                name=name,
                kind=kind,
                source=" + ".join(reasons),
            )
        )
    return actors


def _inherit_over_conjunctions(doc: Doc, actors: list[Actor]) -> None:
    """A bare role word takes the country of the phrase it is coordinated with, and a bare country
    the sector of the role it shares ("Hungarian and Romanian officials")."""
    by_token: dict[int, Actor] = {}  # noun-phrase head -> its actor
    for actor in actors:
        span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if span is not None:
            by_token.setdefault(span.root.i, actor)
    for actor in actors:
        span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        if actor.country is None:
            head = tok
            while head.dep_ == "conj" and head.head.i != head.i:
                head = head.head
                other = by_token.get(_np_head(head).i)
                if other is not None and other is not actor and other.country:
                    actor.country = other.country
                    actor.code = actor.country + (actor.sector or "")
                    actor.source = f"{actor.source} + coordinated with '{other.text}' -> {other.country}"
                    break
        elif actor.sector is None and actor.kind == "country" and tok.dep_ == "conj" and _role_over(tok, by_token):
            other = _role_over(tok, by_token)
            assert other is not None
            actor.sector = other.sector
            actor.code = (actor.code or actor.country or "") + (other.sector or "")
            actor.source = f"{actor.source} + one of '{other.text}' -> {actor.code}"
        elif actor.sector is None and tok.dep_ == "conj" and tok.head.dep_ in {"amod", "compound", "nmod"}:
            other = by_token.get(_np_head(tok.head).i)
            if other is not None and other is not actor and other.sector:
                actor.sector = other.sector
                actor.code = (actor.code or actor.country or "") + other.sector
                actor.source = f"{actor.source} + shares '{doc[_np_head(tok.head).i].text}' -> {other.sector}"
                # split the spans: "US and British forces" -> "US" (USAMIL), "British forces" (GBRMIL)
                if other.start <= actor.start and actor.end <= other.end and tok.head.i < tok.i:
                    other_span = doc.char_span(other.start, other.end, alignment_mode="expand")
                    if other_span is not None:
                        first_end = tok.head.right_edge.i + 1 if tok.head.right_edge.i < tok.i else tok.head.i + 1
                        cut = [t for t in doc[first_end : tok.i] if t.dep_ not in {"cc", "punct"}]
                        if not cut:
                            actor.end = other.end
                            actor.text = doc_text(doc)[actor.start : actor.end]
                            other.end = doc[tok.head.i].idx + len(doc[tok.head.i])
                            other.text = doc_text(doc)[other.start : other.end]


def _based_organisations(doc: Doc, groups: dict[int, _Group], compiled: _Compiled, day: date | None) -> None:
    """"a U.S.-based human rights group", "the London-based company": an organisation the text says is based in
    a place the dictionaries know is of that place's country (its home), when nothing else gave it one. Not a
    state's people: "a Beijing-based diplomat" may be anyone's (`_BASED_SECTORS`)."""
    for t in doc:
        if t.lower_.endswith("-based") and len(t.text) > 6:
            names = [t.text[:-6]]
        elif t.lower_ == "based" and t.i >= 2 and doc[t.i - 1].text == "-":
            names = [doc[max(0, t.i - 1 - k) : t.i - 1].text for k in (3, 2, 1)]  # "New York-based"
        else:
            continue
        place = next((n for n in names if n.lower() in compiled.actors), None)
        if place is None or t.dep_ not in {"amod", "compound", "npadvmod"}:
            continue
        entry, code = choose_entry(compiled.actors[place.lower()], day)
        if entry.kind not in _PLACE_KINDS:
            continue
        g = groups.get(_np_head(t.head, compiled.agents).i) or groups.get(t.head.i)
        if g is None or g.country is not None or g.sector not in _BASED_SECTORS:
            continue
        g.country = split_code(code)[0]
        g.start = min(g.start, t.i - (0 if t.lower_.endswith("-based") else 1 + len(place.split())))
        g.reasons.append(f"'{place}-based' -> {g.country}")


def _role_over(tok: Token, by_token: dict[int, Actor]) -> Actor | None:
    """The role actor a coordinated country shares with the first of its conjuncts: "the leaders of Germany,
    France and Greece", "his counterparts from Finland and the Netherlands" (France and the Netherlands are
    leaders and counterparts too), else None."""
    first = tok
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    prep = first.head
    if first.dep_ != "pobj" or prep.lower_ not in {"of", "from"} or prep.head.pos_ != "NOUN":
        return None
    other = by_token.get(prep.head.i)
    if other is None or not other.sector or other.kind == "country" or not other.start <= first.idx < other.end:
        return None
    return other


def _sentence_country(doc: Doc, actors: list[Actor]) -> dict[int, str]:
    """A bare role word takes the country when its sentence names only one ("unlike the government of
    Syria, a significant part of the opposition" -> SYROPP)."""
    not_of: dict[int, str] = {}  # id(actor) -> the country the text says it acts on (no guess of it later)
    by_sent: dict[int, list[Actor]] = {}
    for actor in actors:
        by_sent.setdefault(doc.char_span(actor.start, actor.end, alignment_mode="expand").sent.start, []).append(actor)
    for members in by_sent.values():
        for actor in members:
            if actor.country is None and actor.sector is not None and actor.sector not in _OWN_COUNTRY_SECTORS:
                if _from_many_states(doc, actor):
                    # "finance ministers from the world's 20 biggest economies ... in Paris": not French, nor of
                    # the story's country, nor of the event's place (`several_states`)
                    actor.source = f"{actor.source} + {SEVERAL_STATES}"
                    continue
                target = _object_of_own_act(doc, actor, members)
                if target is not None:
                    not_of[id(actor)] = target  # "coalition forces continue to attack Libya": not Libya's
                    continue
                where = _state_of_where_clause(doc, actor, members)
                if where is not None:
                    state, said = where
                    actor.country = state.country
                    actor.code = (state.country or "") + actor.sector
                    actor.source = f"{actor.source} + in a 'where' clause of '{said}' -> {state.country}"
                    continue
                setting = _setting_of_clause(doc, actor, members)
                if setting is not None:
                    actor.country = setting.country
                    actor.code = (setting.country or "") + actor.sector
                    actor.source = f"{actor.source} + its clause is set 'in {setting.text}' -> {setting.country}"
        countries = {a.country for a in members if a.country and a.kind not in _NON_STATE_KINDS
                     and a.country not in _NON_STATE_ROOTS and a.sector not in _OWN_COUNTRY_SECTORS
                     and not _outlet_coded(a)}
        if len(countries) != 1:
            continue
        (country,) = countries
        acting = _acting_states(doc, members)
        for actor in members:
            if actor.country is None and actor.sector is not None and actor.sector not in _OWN_COUNTRY_SECTORS:
                if actor.sector in _ARMED_OPPOSITION and _acted_on_by(doc, actor, acting):
                    continue  # "France has acknowledged arming the rebels": France's act, not French rebels
                if actor.sector in _ARMED_OPPOSITION and _only_a_counterpart(doc, members, country):
                    continue  # "the rebels received arms from Qatar": their supplier, not their home
                if not_of.get(id(actor)) == country or several_states(actor):
                    continue
                if foreign_mission(actor):
                    continue  # "crowds ransacked empty embassies in Tripoli": other states' missions there
                if actor.kind == "person" and all(a.kind == "person" for a in members if a.country == country):
                    # "Senator John McCain said Russian President Vladimir Putin was a thug": the one country
                    # is another person's, who may well be this one's counterpart, not compatriot
                    continue
                actor.country = country
                actor.code = country + actor.sector
                actor.source = f"{actor.source} + {SENTENCE_COUNTRY} -> {country}"
    return not_of


# what a group of states is called ("ministers from the world's 20 biggest economies", "leaders of 27 nations")
_STATE_GROUP_WORDS = {"economy", "country", "nation", "state", "member", "government", "capital", "democracy",
                      "power", "signatory", "ally"}


def _from_many_states(doc: Doc, actor: Actor) -> bool:
    """A role word whose own phrase says it is of several states ("ministers from the world's 20 biggest
    economies", "officials of 17 countries"): no one country of its sentence is theirs. Read on the words,
    where the parser may hang the phrase anywhere: "of"/"from" right after the role (or after the roles
    joined to it), then a plural word for states before any verb or comma."""
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    last = max([head, *(c for c in head.children if c.dep_ == "conj")], key=lambda t: t.i)
    i = max(span.end, last.i + 1)
    if i >= len(doc) or doc[i].lower_ not in {"of", "from"}:
        return False
    for t in doc[i + 1: i + 8]:
        if t.pos_ in {"VERB", "AUX"} or t.is_punct:
            return False
        if t.tag_ == "NNS" and t.lemma_.lower() in _STATE_GROUP_WORDS:
            return True
    return False


def _state_of_where_clause(doc: Doc, actor: Actor, members: list[Actor]) -> tuple[Actor, str] | None:
    """The state a "where" clause the actor sits in is said of: "the next flash point could be Italy, where
    premier Berlusconi's fate rested on a group of party rebels" -> the rebels are Italy's, whatever else the
    sentence names (Greece)."""
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None:
        return None
    for anc in span.root.ancestors:
        if anc.dep_ != "relcl" or not any(c.lower_ == "where" and c.dep_ == "advmod" for c in anc.children):
            continue
        for a in members:
            if a.kind in {"country", "capital", "place"} and a.country and not a.sector and (
                    a.country not in _NON_STATE_ROOTS) and a.start <= anc.head.idx < a.end:
                return a, a.text
        return None
    return None


def _setting_of_clause(doc: Doc, actor: Actor, members: list[Actor]) -> Actor | None:
    """The state the clause of a subject is set in ("In Iran, meanwhile, Foreign Ministry spokesman Ramin
    Mehmanparast said ...", "In Washington, officials said"): the place is where the subject acts, so
    theirs, whatever else the sentence names (what the spokesman said of Egypt)."""
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None or span.root.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    verb = span.root.head
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "in" or prep.i > span.root.i:
            continue  # the setting is written before the subject: "In Iran, ... the spokesman said"
        for pobj in prep.children:
            for a in members:
                if a.kind in {"country", "capital", "place"} and a.country and not a.sector and (
                        a.country not in _NON_STATE_ROOTS) and a.start <= pobj.idx < a.end:
                    return a
    return None


def _outlet_coded(actor: Actor) -> bool:
    """A journalist coded by their outlet's home ("CNN's Ben Wedeman"): not what the sentence or story is about."""
    return actor.sector == "MED" and OUTLET in (actor.source or "")


_COUNTERPART_PREPS = {"from", "by", "with", "against", "to", "toward", "towards"}


def _only_a_counterpart(doc: Doc, members: list[Actor], country: str) -> bool:
    """Every mention of `country` in the sentence is a state as the other side of an act ("arms from the
    Gulf state of Qatar", "talks with Qatar", "fighting against Syria"): it says nothing of where the
    rebels or the opposition of the sentence belong."""
    # (not the words this rule gave the country just now: "officials" of the same sentence said nothing of it)
    mentions = [a for a in members if a.country == country and SENTENCE_COUNTRY not in (a.source or "")]
    for a in mentions:
        if a.kind not in {"country", "capital", "demonym"} or a.sector and not (a.kind == "capital"
                                                                                and a.sector == "GOV"):
            return False  # (but "Washington" is its government by its capital's name)
        span = doc.char_span(a.start, a.end, alignment_mode="expand")
        if span is None:
            return False
        head = span.root
        while head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ in {"NOUN", "PROPN"}:
            head = head.head.head  # "from the Gulf state of Qatar"
        if head.dep_ in {"poss", "compound", "amod"} and head.head.lemma_.lower() in _HELP_NOUNS:
            head = head.head  # "battling Islamist militants with Washington's help": the help is the state's
        if not (head.dep_ == "pobj" and head.head.lower_ in _COUNTERPART_PREPS):
            return False
    return bool(mentions)


_HELP_NOUNS = {"help", "support", "backing", "assistance", "aid", "blessing"}
"""Nouns of the help a state gives someone's act: the state helps whoever acts ("with Washington's help",
"with the help of Washington"), so it says nothing of where the rebels acted against belong."""


def _object_of_own_act(doc: Doc, actor: Actor, members: list[Actor]) -> str | None:
    """The country a sector word's own verb acts on, named as a bare state ("coalition forces continue to
    attack Libya", "troops invaded Iraq"): what they act on is not whose they are."""
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None or span.root.dep_ != "nsubj":
        return None
    verbs = {span.root.head.i}
    verbs.update(c.i for c in span.root.head.children if c.dep_ in {"xcomp", "conj"})  # "continue to attack"
    for a in members:
        if not a.country or a.kind not in {"country", "capital"} or a.sector:
            continue
        other = doc.char_span(a.start, a.end, alignment_mode="expand")
        if other is None:
            continue
        head = other.root
        if (head.dep_ in {"dobj", "obj"} and head.head.i in verbs) or (
                head.dep_ == "pobj" and head.head.lower_ in _COUNTERPART_PREPS and head.head.head.i in verbs):
            return a.country
    return None


def _acting_states(doc: Doc, members: list[Actor]) -> list[Token]:
    """The verbs whose subject is a state named as itself ("France has acknowledged ...")."""
    verbs = []
    for a in members:
        if a.kind in {"country", "capital"} and not a.sector:
            span = doc.char_span(a.start, a.end, alignment_mode="expand")
            if span is not None and span.root.dep_ in {"nsubj", "nsubjpass"}:
                verbs.append(span.root.head)
    return verbs


def _acted_on_by(doc: Doc, actor: Actor, verbs: list[Token]) -> bool:
    """The actor is inside what a state's verb does (its object or a clause below it)."""
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None:
        return False
    return any(v.is_ancestor(span.root) for v in verbs)


def _unknown_people(doc: Doc, actors: list[Actor], blocked: set[int], ents: list[Span]) -> list[Actor]:
    """People named in full whom neither the dictionaries nor a role, an organisation or an outlet in the
    text code, and whom the text does not describe either ("Keith Lamont Scott, 43, was killed by police"):
    an actor of kind person with no country yet. Why: without an actor the events they take part in are
    lost or given to someone else; but a bare name says nothing of a country, so they get one only from
    the article's main state when the story is plainly about one (`_article_country`), never from the
    dateline, and are dropped when they get none.

    Left out, because the text says who they are in words the dictionaries cannot read and a guess would
    likely be wrong: a name with a title or a description before it ("Trade Commissioner Karel De Gucht",
    "female photographer Lynsey Addario"), in apposition ("Shibley Telhami, a professor at ..."; but
    "Terence Crutcher, a 40-year-old unarmed black man" is a civilian, CVL) or with a relative clause or an
    "of"/"at"/"for" phrase; a name after a locative preposition ("in Bani Walid": a place the tagger
    took for a person); a name that modifies another word ("the Keith Scott shooting"). Later mentions
    by surname are learned from them (`_learn_people`)."""
    covered: set[int] = set()
    for actor in actors:
        span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if span is not None:
            covered.update(range(span.start, span.end))
    names = {a.name for a in actors if a.name and a.code}
    places = {e.text for e in ents if e.label_ in {"GPE", "LOC", "FAC"}}
    unread: set[str] = set()  # surnames of people the text describes in words no dictionary reads
    found: list[Actor] = []
    for ent in ents:
        if ent.label_ != "PERSON" or len(ent) < 2 or any(
                i in blocked or i in covered for i in range(ent.start, ent.end)):
            continue
        if not all(t.pos_ == "PROPN" or t.text in {".", "-"} for t in ent) or not ent[-1].is_title:
            continue  # lower-case words are no name
        root = ent.root
        if ent.text in names or ent[-1].text in unread:
            continue  # a name the text codes elsewhere ("New Jersey Gov. Chris Christie"), or describes
        if root.dep_ in {"compound", "amod", "nmod", "poss"} and root.head.i >= ent.end:
            continue  # "the Keith Scott shooting": an attribute of something else, not a participant
        first = root
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head  # "the cities of Sirte and Bani Walid"
        if (first.dep_ == "pobj" and (
                first.head.lower_ in _LOCATIVE_PREPS or first.head.head.lower_ in _DIRECTIONS)) or (
                ent.text in places) or (first is not root and first.ent_type_ in {"GPE", "LOC", "FAC"}):
            continue  # "in Bani Walid", "west of Bani Walid", "Sirte and Bani Walid": a place, not a person
        outside = [c for c in root.children if not ent.start <= c.i < ent.end and c.pos_ != "NUM"]
        described = [c for c in outside if c.dep_ == "appos"]
        if root.dep_ == "appos" and root.head.pos_ in {"NOUN", "PROPN"}:
            described.append(root.head)
        civilian = [d for d in described if d.lemma_.lower() in _CIVILIAN_WORDS]
        if any(c.dep_ in {"compound", "nmod", "poss", "relcl", "acl"} or (c.dep_ == "amod" and c.pos_ != "ADJ")
               or (c.dep_ == "prep" and c.lower_ in {"of", "at", "for", "from", "with"}) for c in outside) or (
                len(civilian) != len(described)):
            # "Trade Commissioner Karel De Gucht", "Ali Aujali, who was accredited as ...", "Jeff Shen of
            # BlackRock", "Shibley Telhami, a professor at ...", "her 2003 book, Living History"
            unread.add(ent[-1].text)
            continue
        kin = _kin_of_officeholder(doc, civilian, actors)
        if kin is not None:  # "Libyan leader Moammar Gadhafi's son, Saif al-Islam Gadhafi": a ruler's family
            word, holder = kin
            found.append(Actor(text=ent.text, start=ent.start_char, end=ent.end_char, code=f"{holder.country}ELI",
                               country=holder.country, sector="ELI", name=ent.text, kind="person",
                               source=f"{UNKNOWN_PERSON} '{ent.text}' + '{word.text}' of '{holder.text}' "
                                      f"({holder.code}) -> {holder.country}ELI"))
            continue
        found.append(Actor(text=ent.text, start=ent.start_char, end=ent.end_char, code=None, country=None,
                           sector="CVL" if civilian else None, name=ent.text, kind="person",
                           source=f"{UNKNOWN_PERSON} '{ent.text}'"
                                  + (f" + '{civilian[0].text}' -> CVL" if civilian else "")))
    return found


_KIN_WORDS = {"son", "daughter", "husband", "wife", "brother", "sister", "father", "mother", "nephew", "niece",
              "cousin", "grandson", "granddaughter", "son-in-law", "brother-in-law"}
"""Family words: "X's son, Y" is X's family, not a private person, when X holds or held office."""


def _kin_of_officeholder(doc: Doc, described: list[Token], actors: list[Actor]) -> tuple[Token, Actor] | None:
    """The family word and the office holder it names a person by ("Moammar Gadhafi's son, Saif al-Islam
    Gadhafi", "the son of President Saleh, Ahmed Ali Saleh"): the country's elite (ELI), as CAMEO codes a
    ruler's family, never a civilian of the country (CVL) and never the holder's own office."""
    for word in described:
        if word.lemma_.lower() not in _KIN_WORDS:
            continue
        owners = [c for c in word.children if c.dep_ == "poss"]
        owners += [o for c in word.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children
                   if o.dep_ == "pobj"]
        for o in owners:
            holder = next((a for a in actors if a.start <= o.idx < a.end and a.country and len(a.country) == 3
                           and a.kind == "person" and a.sector in {"GOV", "MIL", "ELI", "PTY", "LEG"}), None)
            if holder is not None and holder.country not in _NON_STATE_ROOTS:
                return word, holder
    return None


def _article_country(actors: list[Actor], not_of: dict[int, str] | None = None, people: list[Actor] = ()) -> None:
    """A bare role word takes the article's main state when one clearly dominates (at least three
    mentions and twice the next): "President Giorgio Napolitano" in a story about Italy is ITAGOV. So
    does a person named with no role (`people`, `_unknown_people`), as that state alone, no sector: in a
    story plainly about one country "Keith Lamont Scott" is of it."""
    counts: dict[str, int] = {}
    for a in actors:
        if a.country and a.kind not in _NON_STATE_KINDS and a.country not in _NON_STATE_ROOTS and (
                a.sector not in _OWN_COUNTRY_SECTORS) and not _outlet_coded(a):
            # a company's home, or a foreign outlet's journalist, is not what the story is about
            counts[a.country] = counts.get(a.country, 0) + 1
    if not counts:
        return
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    top, n = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    if n < 3 or n < 2 * second:
        return
    for actor in actors:
        if actor.country is None and actor.sector is not None and actor.sector not in _OWN_COUNTRY_SECTORS:
            if (not_of and not_of.get(id(actor)) == top) or several_states(actor):
                continue  # "coalition forces continue to attack Libya" in a story about Libya
            if foreign_mission(actor):
                continue  # "empty embassies in Tripoli" in a story about Libya: other states' missions
            actor.country = top
            actor.code = top + actor.sector
            total = sum(counts.values())
            actor.source = f"{actor.source} + {ARTICLE_COUNTRY} -> {top} ({n} of {total} mentions)"
    if not people:
        return
    # plainly about one state's public life: twice every other actor mention (other states, organisations,
    # companies) together, and business a small part of it (in a business story an unknown name is a
    # banker's or an analyst's, of no country the story names)
    others = sum(1 for a in actors if a.code and a.country != top)
    business = sum(1 for a in actors if a.sector in _OWN_COUNTRY_SECTORS or a.kind == "company"
                   or (a.code or "").startswith("MNC"))
    if n < 2 * others or n < 4 * business:
        return
    for person in people:
        person.country = top
        person.code = top + (person.sector or "")
        person.source = (f"{person.source} + {ARTICLE_COUNTRY}, plainly its story -> {top} ({n} of "
                         f"{n + others} mentions)")


_DEFINITE = {"the", "this", "these", "those"}


def _journalists_of_outlets(doc: Doc, actors: list[Actor], homes: set[str | None]) -> None:
    """Journalists the story's own words single out ("the journalists", "photographer Lynsey Addario") whose
    country was only guessed from the sentence or the story take the home country of the news outlets the
    article says its journalists work for, when those are all of one country; so does a role right before a
    name ("photographer Lynsey Addario") when the name itself is no actor.

    Why: foreign correspondents are the news when they are arrested or freed abroad, and the story names
    their paper once ("Four New York Times journalists missing in Libya") and then says "the journalists"
    or their names; the guess (the story's state, Libya) makes the Libyan government's captives Libyan.
    A bare plural ("journalists were beaten") may be anyone's and keeps its guess, as does every journalist
    where outlets of several countries are named. `homes`: the countries of every outlet the text names,
    taken before the outlets that only report are dropped."""
    if len(homes) != 1:
        return
    home = next(iter(homes))
    for actor in actors:
        if actor.sector != "MED" or actor.country == home or _outlet_coded(actor) or not any(
                r in (actor.source or "") for r in GUESSED_COUNTRY):
            continue
        if actor.kind != "person":
            span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
            if span is None or not (any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in span.root.children)
                                    or (span.end < len(doc) and doc[span.end].ent_type_ == "PERSON")):
                continue  # "the journalists"; "photographer Lynsey Addario" (a name the text does not place)
        actor.country, actor.code = home, home + "MED"
        actor.source = f"{actor.source}; the journalists' outlets are of {home} -> {home}MED"


_WRITERS = {"reporter", "writer", "correspondent", "columnist", "author"}


def _drop_reporters(doc: Doc, actors: list[Actor]) -> list[Actor]:
    """News agencies and outlets that only report ("Russian news agencies reported") are not actors; a named
    journalist who says or tells what happened to them is one ("Wedeman said he urged police ...")."""
    kept = []
    for actor in actors:
        words = actor.text.lower().split()
        if actor.sector == "MED" and len(words) == 2 and words[0] == "this" and words[1] in _WRITERS:
            continue  # "This reporter was on the scene": the story's own writer, as a byline is no actor
        if actor.sector == "MED" and actor.kind not in {"igo", "ngo"}:  # the Committee to Protect Journalists acts
            span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
            head = span.root if span is not None else None
            if head is not None and head.dep_ in {"nsubj", "pobj"}:
                verb = head.head if head.dep_ == "nsubj" else head.head.head
                if actor.kind == "person" and verb.lemma_ in {"say", "tell"}:
                    pass  # "Wedeman said he urged police ...": a named journalist speaks as a witness
                elif verb.lemma_ in _REPORTING_VERBS or (head.dep_ == "pobj" and head.head.lower_ in {"to", "by"}
                                                         and verb.lower_ in {"according", "reported", "quoted"}):
                    continue
        kept.append(actor)
    return kept


def _roles_before_names(doc: Doc, actors: list[Actor]) -> list[Actor]:
    """"says photographer Lynsey Addario will be released": a bare role word right before a person's name,
    read as two actors, is one: the person, with the role's sector when the name gave none. Not a second
    actor whose country was guessed from the sentence (a Libyan photographer beside the American one).

    Why here: a name learned from an earlier mention (`_learn_people`) or a name no dictionary knows
    (`_unknown_people`) is found after the role words are read, so the role was coded alone. Only a role
    with no name of its own whose sector is the person's, or a person named with no role, and whose
    country was guessed or is the person's."""
    out: list[Actor] = []
    text = doc_text(doc)
    for actor in actors:
        prev = out[-1] if out else None
        if prev is None or actor.kind != "person" or not actor.name or not actor.code or prev.name is not None \
                or prev.kind in {"pronoun", "person"} or prev.sector is None or text[prev.end:actor.start].strip():
            out.append(actor)
            continue
        bare_name = actor.sector is None and UNKNOWN_PERSON in (actor.source or "")
        guessed = any(r in (prev.source or "") for r in GUESSED_COUNTRY)
        if (prev.sector == actor.sector or bare_name) and (prev.country in {None, actor.country} or guessed):
            country = actor.country or prev.country
            sector = actor.sector or prev.sector
            out[-1] = Actor(text=text[prev.start:actor.end], start=prev.start, end=actor.end,
                            code=f"{country or ''}{sector or ''}" if bare_name else actor.code, country=country,
                            sector=sector, name=actor.name, kind="person",
                            source=f"{actor.source}; '{prev.text}' is the role of the name after it ({prev.source})")
            continue
        out.append(actor)
    return out


def _one_letter_apart(a: str, b: str) -> bool:
    """One letter changed, added or dropped between two words of the same first three letters."""
    if a == b or a[:3] != b[:3] or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _misspelt_surname(word: str, known: dict[str, Actor]) -> Actor | None:
    """The one known person whose surname `word` misspells by a letter ("Ali Aujali" ... "Aujuli said").
    Why: stories spell a transliterated name two ways a paragraph apart, and the second spelling is
    otherwise nobody. Only surnames of six letters or more that agree in their first three letters, and
    only when exactly one person is that close: short names are too near each other ("Obama", "Osama")."""
    low = word.lower()
    if len(low) < 6 or low in known:
        return None
    close = {a.name: a for key, a in known.items() if len(key) >= 6 and " " not in key and _one_letter_apart(low, key)}
    return next(iter(close.values())) if len(close) == 1 else None


def _learn_people(doc: Doc, actors: list[Actor], blocked: set[int], named_within: list[Actor] = ()) -> list[Actor]:
    """Later mentions of a coded person by surname or full name get the person's code.

    `named_within` are people named inside another actor's phrase ("a spokesperson for Ban Ki-moon"): no
    actors there, but known by name from then on. Pronouns are not resolved here: `dyads.coref` does that
    for every reader of the actor layer.
    """
    covered: set[int] = set()
    for actor in actors:
        span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if span is not None:
            covered.update(range(span.start, span.end))
    known: dict[str, Actor] = {}  # lower-cased full name or surname -> the mention it was learned from
    out: list[Actor] = []
    pending = sorted([*actors, *named_within], key=lambda a: a.start)
    within = {id(a) for a in named_within}
    candidates: list[tuple[int, Token]] = []
    # surnames the tagger may read as common nouns ("Ban is urging ...") count when capitalised mid-name
    surnames = {w for a in pending if a.name and a.kind == "person" and len(a.name.split()) > 1
                for w in (a.name.split()[0], a.name.split()[-1])}
    for tok in doc:
        if tok.i in covered or tok.i in blocked:
            continue
        if tok.pos_ != "PROPN" and not (tok.pos_ == "NOUN" and tok.text in surnames):
            continue
        if tok.ent_type_ in _NAME_ENTS:
            candidates.append((tok.idx, tok))
    events: list[tuple[int, int, object]] = [(a.start, 0, a) for a in pending] + [(i, 1, t) for i, t in candidates]
    events.sort(key=lambda e: (e[0], e[1]))
    skip_until = -1
    for _, is_token, item in events:
        if not is_token:
            actor = item  # type: ignore[assignment]
            assert isinstance(actor, Actor)
            if id(actor) not in within:
                out.append(actor)
            if actor.name and actor.code and actor.kind == "person":
                full = actor.name.lower()
                known[full] = actor
                parts = actor.name.split()
                if len(parts) > 1:
                    known[parts[-1].lower()] = actor
                    # "Valery Giscard d'Estaing" is "Giscard" again, "Abdel-Elah Al-Khatib" "Khatib"
                    if len(parts) > 2 and parts[-1][:1].islower() and parts[-2][:1].isupper():
                        known[parts[-2].lower()] = actor
                    if parts[-1].lower().startswith(("al-", "el-")):
                        known[parts[-1].lower()[3:]] = actor
                    # East Asian order, family name first: "Ban Ki-moon" is "Ban", "Lee Myung-bak" "Lee"
                    if len(parts) == 2 and re.fullmatch(r"[A-Z][a-z]+-[a-z]+", parts[1]):
                        known[parts[0].lower()] = actor
            continue
        tok = item  # type: ignore[assignment]
        assert isinstance(tok, Token)
        if tok.i <= skip_until:
            continue
        # the longest run of proper nouns starting here that names a known person
        j = tok.i
        while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN" and doc[j + 1].i not in covered:
            j += 1
        run = doc[tok.i : j + 1]
        hit = None
        for k in range(len(run), 0, -1):
            text = run[-k:].text.lower()
            if text in known and run[0].i == tok.i and k == len(run):
                hit = known[text]
                break
        if hit is None and run[-1].lower_ in known and len(run) == 1:
            hit = known[run[-1].lower_]
        if hit is None and len(run) == 1 and run[0].ent_type_ == "PERSON":
            hit = _misspelt_surname(run[0].text, known)
        if hit is None:
            if len(run) > 1 and run[-1].lower_ in known and run[-1].ent_type_ == "PERSON" and (
                    run[0].ent_type_ == "PERSON"):
                # "Fendi Faraj" after "student Faisal Faraj": another person; "Faraj" now names the new one
                del known[run[-1].lower_]
                skip_until = run[-1].i
            continue
        skip_until = run[-1].i
        learned = Actor(text=run.text, start=run.start_char, end=run.end_char, code=hit.code, country=hit.country,
                        sector=hit.sector, name=hit.name, kind="person",
                        source=f"named earlier: '{hit.text}' at {hit.start}"
                               + (f" ({UNKNOWN_PERSON} {ARTICLE_COUNTRY})"
                                  if UNKNOWN_PERSON in (hit.source or "") else ""))
        out.append(learned)
    return sorted(out, key=lambda a: a.start)
