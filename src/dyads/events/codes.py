"""CAMEO code arithmetic of the coder: the express-intent or threat code of an announced act, what a negated
act is, and how content refines a generic code ("urged X to release" 025 -> 0253, a protest's purpose).

Why apart: these are functions of codes only (no parse), shared by the meaning rules of one predicate
(`coder._finish_meaning`) and the content pass over a sentence (`passes`).
"""

from __future__ import annotations

from collections.abc import Iterable

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
