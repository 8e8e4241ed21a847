"""The word lists the event coder reads: light verbs, control verbs, verbs of saying, nouns that carry an event,
code roots that take content or are symmetric, and the dependency labels it groups.

Why a module of their own: pattern matching (`matching`), role assignment (`roles`) and the sentence
passes (`passes`) read the same lists; one place keeps them one list each.
"""

from __future__ import annotations

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
                "confirm", "claim", "insist", "assert", "reaffirm", "warn", "argue", "explain", "remind", "write"}


# conjunctions that make a clause of its own, saying when, why or on what condition another happened
SUBORDINATORS = {"as", "while", "when", "whenever", "after", "before", "because", "although", "though", "since",
                 "if", "unless", "whereas", "until", "once"}


# nouns of violent acts, which someone condemns even when no one knows who did them ("condemned the attack")
HOSTILE_ACT_NOUNS = {"attack", "act", "bombing", "killing", "killings", "shooting", "assault", "raid", "massacre",
                     "violence", "murder", "assassination", "explosion", "blast", "kidnapping", "abduction",
                     "atrocity", "atrocities", "slaughter", "beheading", "execution", "crackdown", "strike",
                     "airstrike", "shelling", "rampage", "ambush", "terrorism"}


# what a verb of answering answers when it names it: a word standing for something said, offered or asked
RESPONDED_WORDS = {"that", "this", "it", "so", "them", "claim", "allegation", "accusation", "charge", "report",
                   "offer", "request", "proposal", "demand", "call", "suggestion", "invitation", "idea", "appeal"}
# the words of RESPONDED_WORDS that point back rather than name what was said
PRONOUN_ANSWERS = {"that", "this", "it", "so", "them"}


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
# third-person possessives, whose owner coreference or the clause's speaker names ("repeat its demand")
POSSESSIVE_PRONOUNS = {"his", "her", "its", "their"}


_SETTING_PREPS = {"in", "at", "during", "after", "before", "since", "until", "near", "inside", "outside"}


# what a phrase is about, never whose it is: "warned the population of Gondor about the Prince"
_TOPIC_PREPS = {"about", "regarding", "concerning", "over"}


_RECIPIENT_PREPS = {"to", "for", "with", "into", "against", "on", "toward", "towards"}


_SUBJECTS = {"nsubj", "csubj", "expl"}


_CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "csubj"}


_OBJ_DEPS = {"dobj", "obj", "attr", "oprd", "dative", "iobj", "nsubjpass"}


_NOUN_SLOT_DEPS = {"compound", "amod", "nmod", "poss"}
