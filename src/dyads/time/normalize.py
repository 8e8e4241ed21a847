"""TimeML TIMEX3 type and value of one time expression, resolved against the publication date.

Why rules of our own: the values must be the ones TimeBank uses (2013-W30, 1989-Q3, 199X,
PAST_REF, P9M, XXXX-XX-XX ...), which no date parser produces, and the direction of an
underspecified expression ("Friday", "in April") depends on the tense of the clause, which
only the caller knows from the parse. `normalize` is a pure function of the expression text,
the publication date (DCT), the tense and the running reference state of the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}  # fmt: skip
NUMBERS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "half": 0.5, "a half": 0.5, "dozen": 12, "a dozen": 12,
    "twenty-four": 24, "forty-eight": 48, "seventy-two": 72, "couple": 2, "a couple": 2, "a couple of": 2,
    "couple of": 2,
}  # fmt: skip
VAGUE = {"several", "few", "a few", "many", "some", "numerous", "the", "a number of"}
ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
UNITS: dict[str, str] = {
    "second": "S",
    "minute": "MIN",
    "hour": "H",
    "day": "D",
    "night": "D",
    "week": "W",
    "weekend": "WE",
    "fortnight": "FN",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
}
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
DAYPARTS: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "tonight": "NI",
    "overnight": "NI",
}
REFS: dict[str, str] = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF", "present": "PRESENT_REF",
    "the present": "PRESENT_REF", "at present": "PRESENT_REF", "nowadays": "PRESENT_REF", "right now": "PRESENT_REF",
    "these days": "PRESENT_REF", "today's": "PRESENT_REF", "the moment": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF", "previously": "PAST_REF", "the past": "PAST_REF",  # noqa: E501
    "in the past": "PAST_REF", "formerly": "PAST_REF", "earlier": "PAST_REF", "once": "PAST_REF",
    "the future": "FUTURE_REF", "future": "FUTURE_REF", "soon": "FUTURE_REF", "shortly": "FUTURE_REF",
    "the near future": "FUTURE_REF", "eventually": "FUTURE_REF", "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF", "the long term": "FUTURE_REF", "future quarters": "FUTURE_REF",
    "future years": "FUTURE_REF", "future months": "FUTURE_REF", "future weeks": "FUTURE_REF",
}  # fmt: skip
SET_WORDS: dict[str, str] = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P1Q", "annually": "P1Y",
    "yearly": "P1Y", "hourly": "PT1H", "biweekly": "P2W", "semiannually": "P6M", "weekdays": "XXXX-WXX-WD",
}  # fmt: skip

PAST, FUTURE, PRESENT = "past", "future", "present"


@dataclass
class Context:
    """What an anaphoric expression is resolved against: the DCT and the last quarter the text named."""

    dct: date | None
    quarter: tuple[int, int] | None = None  # (year, quarter) last mentioned, for "a year earlier" in earnings copy
    last: str | None = None  # last calendar value the text named (2013-05-07, 1989-03, 1995): "the following month"


@dataclass
class Value:
    """A TIMEX3 type and value."""

    type: str
    value: str


def _num(word: str) -> float | None:
    word = word.strip().lower().replace(",", "")
    if word in NUMBERS:
        return NUMBERS[word]
    if re.fullmatch(r"\d+(\.\d+)?", word):
        return float(word)
    m = re.fullmatch(r"(\d+) 1/2", word)
    if m:
        return int(m.group(1)) + 0.5
    m = re.fullmatch(r"(\w+)[- ](\w+)", word)  # twenty-five
    if m and m.group(1) in NUMBERS and m.group(2) in NUMBERS and NUMBERS[m.group(2)] < 10:
        return NUMBERS[m.group(1)] + NUMBERS[m.group(2)]
    m = re.fullmatch(r"(\w+) and a half", word)
    if m and _num(m.group(1)) is not None:
        return (_num(m.group(1)) or 0) + 0.5
    return None


def _fmt_num(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def duration(n: float | None, unit: str) -> str:
    """P3D, PT5H, P10Y (decade), PXY (vague number)."""
    if unit == "DE":
        return "PXE" if n is None else f"P{_fmt_num(n * 10)}Y"
    if unit == "CE":
        return "PXC" if n is None else f"P{_fmt_num(n * 100)}Y"
    if unit == "WE":
        return "P2D" if n is None else f"P{_fmt_num(n * 2)}D"
    if unit == "FN":
        return "PXW" if n is None else f"P{_fmt_num(n * 2)}W"
    if unit in ("S", "MIN", "H"):
        u = "M" if unit == "MIN" else unit
        if n is None:
            return f"PTX{u}"
        if unit in ("H", "MIN") and n != int(n):  # PT1H30M, PT1M30S
            return f"PT{int(n)}{u}{int(round((n - int(n)) * 60))}{'M' if unit == 'H' else 'S'}"
        return f"PT{_fmt_num(n)}{u}"
    if n is None:
        return f"PX{unit}"
    if unit == "Q":
        return f"P{_fmt_num(n * 3)}M"
    if n != int(n) and unit == "Y":
        return f"P{int(n)}Y{int(round((n - int(n)) * 12))}M" if n > 1 else f"P{int(round(n * 12))}M"
    return f"P{_fmt_num(n)}{unit}"


def _unit(word: str) -> str | None:
    word = word.lower()
    if word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith("s") and word[:-1] in UNITS:
        word = word[:-1]
    return UNITS.get(word)


def week_value(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    i = year * 12 + (month - 1) + delta
    return i // 12, i % 12 + 1


def shift(dct: date, n: int, unit: str) -> str:
    """DCT moved by n units (negative: back), at that unit's granularity."""
    if unit == "D":
        return (dct + timedelta(days=n)).isoformat()
    if unit == "W":
        return week_value(dct + timedelta(weeks=n))
    if unit == "WE":
        return week_value(dct + timedelta(weeks=n)) + "-WE"
    if unit == "M":
        y, m = add_months(dct.year, dct.month, n)
        return f"{y}-{m:02d}"
    if unit == "Q":
        q = (dct.month - 1) // 3
        i = dct.year * 4 + q + n
        return f"{i // 4}-Q{i % 4 + 1}"
    if unit == "Y":
        return str(dct.year + n)
    if unit == "DE":
        return str(dct.year + 10 * n)[:3] + "X"
    if unit == "CE":
        return str(dct.year + 100 * n)[:2]
    if unit in ("H", "MIN", "S"):
        return dct.isoformat()
    return "XXXX-XX-XX"


def weekday_date(dct: date, wd: int, tense: str | None, rel: str | None = None) -> date:
    """The weekday nearest the DCT in the direction the tense (or last/next/this) points."""
    back = (dct.weekday() - wd) % 7
    fwd = (wd - dct.weekday()) % 7
    if rel == "last":
        return dct - timedelta(days=back or 7)
    if rel == "next":
        return dct + timedelta(days=fwd or 7)
    if rel == "this":
        return dct + timedelta(days=fwd) if tense == FUTURE else dct - timedelta(days=back)
    if tense == FUTURE or (tense == PRESENT and fwd <= 3):
        return dct + timedelta(days=fwd)
    if fwd == 1 and rel is None:
        # the day after the publication date, told in the past: a wire story dated by the clock of New York or
        # London about a day that has begun where it happened ("ATHENS ... (filed Tuesday evening EDT):
        # Papandreou said on Wednesday"); six days before would be "last Wednesday"
        return dct + timedelta(days=1)
    return dct - timedelta(days=back)


def month_year(dct: date, month: int, tense: str | None, rel: str | None = None) -> int:
    """Year of a month named without one: the last such month for past tense, the next for future,
    else the nearest (ties go to the past: news reports more than it announces)."""
    if rel == "last":
        return dct.year if month < dct.month else dct.year - 1
    if rel == "next":
        return dct.year if month > dct.month else dct.year + 1
    if rel == "this":
        return dct.year
    diff = month - dct.month
    if tense == PAST:  # a month or so ahead is still this year: "was extended to Nov. 16"
        return dct.year if diff <= 1 else dct.year - 1
    if tense == FUTURE:
        return dct.year if diff >= -1 else dct.year + 1
    if diff > 7:  # untensed: the same year unless that is far off (October in a January story)
        return dct.year - 1
    if diff <= -9:
        return dct.year + 1
    return dct.year


def _strip(text: str) -> str:
    t = text.lower().strip()
    t = t.replace("\u2019", "'").replace("\n", " ")
    t = re.sub(r"\s+", " ", t)
    t = re.sub(r"[.,;]+$", "", t) if not re.search(r"\b(a|p)\.m\.$", t) else t
    return t


_MOD = (
    r"(?:(?:more|less|fewer) than|at least|at most|nearly|almost|about|around|approximately|roughly|some|over|"
    r"under|only|just|up to|barely|no more than|close to|the better part of|all|an?|the|its|their|his|her|our)\s+"
)
_MONTH_RE = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"  # noqa: E501
_WD_RE = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUM_RE = (
    r"(\d+(?:\.\d+)?(?: 1/2)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|hundred|a hundred|(?:twenty|thirty|forty|fifty)[- ](?:one|two|three|four|five|six|seven|eight|nine)|"
    r"(?:\w+) and a half|half an?|a half|a dozen|dozen|a couple of|a couple|couple of)"
)
_VAGUE_RE = r"(several|a few|few|many|some|numerous|a number of|the)"
_UNIT_RE = r"(seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies))"  # noqa: E501


def _daypart(t: str) -> str | None:
    for k, v in DAYPARTS.items():
        if re.search(rf"\b{k}\b", t):
            return v
    return None


def _day(dct: date, d: date, t: str) -> Value:
    part = _daypart(t)
    if part:
        return Value("TIME", f"{d.isoformat()}T{part}")
    return Value("DATE", d.isoformat())


def normalize(text: str, ctx: Context, tense: str | None = None, after: str = "") -> Value | None:
    """TIMEX3 type and value of `text`, or None when the text is no time expression we can read.

    Anything unresolvable for want of a DCT gets X placeholders (XXXX-XX-XX), as TimeBank does.
    `after` is the text that follows the expression: "the year ended June 30" is a span of a year
    (P1Y) where "for the year" alone is this year, and "the quarter ended July 31" is the quarter
    that closes on that day.
    """
    t = _strip(text)
    t = re.sub(r"^(?:the\s+)?(?:very\s+)?", "", t) if t.startswith("the very") else t
    # a wire header's abbreviated weekday before its date ("Tue Oct 18, 2011"): the date says the day
    t = re.sub(r"^(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun),?\s+(?=[a-z]{3})", "", t)
    dct = ctx.dct
    if not t:
        return None
    if t in REFS:
        return Value("DATE", REFS[t])
    spelled = spelled_years(t)
    if spelled != t:
        return normalize(spelled, ctx, tense)
    v = _compose(t, ctx, tense)
    if v:
        return v
    if t in SET_WORDS:
        return Value("SET", SET_WORDS[t])
    # clock times
    m = re.fullmatch(
        r"(?:(?:at|about|around|shortly after|shortly before|just after|just before)\s+)?(\d{1,2})(?::(\d\d))?\s*"
        r"(a\.?m\.?|p\.?m\.?|o'clock)(?:\s+(\w+))?.*",
        t,
    )
    if m:
        h = int(m.group(1)) % 12 + (12 if m.group(3).startswith("p") else 0)
        mi = m.group(2) or "00"
        day = _clock_day(ctx)
        return Value("TIME", f"{day}T{h:02d}:{mi}")
    if t in ("noon", "midday"):
        return Value("TIME", f"{dct.isoformat() if dct else 'XXXX-XX-XX'}T12:00")
    if t == "midnight":
        return Value("TIME", f"{dct.isoformat() if dct else 'XXXX-XX-XX'}T24:00")
    # ISO and numeric dates
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t)
    if m:
        try:
            return Value("DATE", date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat())
        except ValueError:
            return None
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", t)
    if m:
        y = int(m.group(3))
        y = y + (1900 if y > 30 else 2000) if y < 100 else y
        return Value("DATE", f"{y}-{int(m.group(1)):02d}-{int(m.group(2)):02d}")
    v = _explicit(t, dct, tense)
    if v:
        return v
    v = _relative(t, ctx, tense, after.lower())
    if v:
        return v
    v = _duration_or_set(t, ctx)
    if v:
        return v
    return None


_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19}  # fmt: skip
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}


def spelled_years(t: str) -> str:
    """'nineteen ninety-six' -> '1996', 'two thousand and one' -> '2001' (broadcast transcripts spell years)."""

    def one(m: re.Match[str]) -> str:
        head, rest = m.group(1), m.group(2).replace("-", " ").split()
        if rest and rest[0] == "and":
            rest = rest[1:]
        if not rest:
            return m.group(0)
        if len(rest) == 1 and rest[0] in _TEENS:
            n = _TEENS[rest[0]]
        elif rest[0] in _TENS:
            n = _TENS[rest[0]] + (_ONES.get(rest[1], 0) if len(rest) > 1 else 0)
        elif len(rest) == 1 and rest[0] in _ONES:
            n = _ONES[rest[0]]
        else:
            return m.group(0)
        base = 1900 if head == "nineteen" else 2000
        if head == "nineteen" and rest[0] in _ONES:
            return m.group(0)
        return str(base + n)

    tail = "|".join([*_TEENS, *_TENS, *_ONES])
    t = re.sub(rf"\b(nineteen|two thousand)[- ]((?:and\s+)?(?:{tail})(?:[- ](?:{'|'.join(_ONES)}))?)\b", one, t)
    return re.sub(r"^(?:the )?year two thousand$", "2000", t)


def _easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    return date(year, month, (h + l_ - 7 * m + 114) % 31 + 1)


def _nth_weekday(year: int, month: int, wd: int, n: int) -> date:
    """The n-th weekday `wd` of a month (n = -1: the last)."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - wd) % 7)


HOLIDAYS = {
    "christmas": lambda y: date(y, 12, 25), "christmas day": lambda y: date(y, 12, 25),
    "christmas eve": lambda y: date(y, 12, 24), "new year's day": lambda y: date(y, 1, 1),
    "new year's": lambda y: date(y, 1, 1), "new year's eve": lambda y: date(y, 12, 31),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4), "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "independence day": lambda y: date(y, 7, 4), "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1), "easter": _easter, "easter sunday": _easter,
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + timedelta(days=1),
    "mother's day": lambda y: _nth_weekday(y, 5, 6, 2), "father's day": lambda y: _nth_weekday(y, 6, 6, 3),
    "valentine's day": lambda y: date(y, 2, 14), "halloween": lambda y: date(y, 10, 31),
    "veterans day": lambda y: date(y, 11, 11), "presidents' day": lambda y: _nth_weekday(y, 2, 0, 3),
    "columbus day": lambda y: _nth_weekday(y, 10, 0, 2),
}  # fmt: skip
_CLOCK = re.compile(r"\b(\d{1,2})(?::(\d\d))?\s*(a\.?m\.?|p\.?m\.?)(?!\w)|\b(noon|midnight)\b")
_TZ = re.compile(r"\b(?:est|edt|gmt|pst|pdt|cst|cdt|local time)\b")


def _clock_day(ctx: Context) -> str:
    """The day a bare clock time ("at 10 p.m.") falls on: the day the text last named, else the DCT."""
    if ctx.last and re.fullmatch(r"\d{4}-\d\d-\d\d", ctx.last):
        return ctx.last
    return ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX"


def _compose(t: str, ctx: Context, tense: str | None) -> Value | None:
    """Expressions built of two readable parts: '10 p.m. Wednesday', 'mid-afternoon yesterday',
    'January this year', 'Thanksgiving'."""
    m = _CLOCK.search(t)
    if m:
        rest = _TZ.sub("", t[: m.start()] + " " + t[m.end() :])
        rest = re.sub(r"\b(?:at|on|about|around)\b|,", " ", rest).strip()
        if m.group(4):
            hh, mm = ("12", "00") if m.group(4) == "noon" else ("24", "00")
        else:
            h = int(m.group(1)) % 12 + (12 if m.group(3).startswith("p") else 0)
            hh, mm = f"{h:02d}", m.group(2) or "00"
        if not rest:
            day = _clock_day(ctx)
        else:
            v = normalize(rest, ctx, tense)
            if v is None or not re.fullmatch(r"[\dX]{4}-[\dX]{2}-[\dX]{2}", v.value):
                return None
            day = v.value
        return Value("TIME", f"{day}T{hh}:{mm}")
    m = re.fullmatch(r"(?:(?:early|late|mid)[- ]?)?(morning|afternoon|evening|night)\s+(.+)", t)
    if m:
        v = normalize(m.group(2), ctx, tense)
        if v and re.fullmatch(r"[\dX]{4}-[\dX]{2}-[\dX]{2}", v.value):
            return Value("TIME", f"{v.value}T{DAYPARTS[m.group(1)]}")
    m = re.fullmatch(
        rf"(?:early|late|mid|the end of|the beginning of)?[- ]?{_MONTH_RE}\s+(?:(\d{{1,2}})\s+)?(this|last|next) year",
        t,
    )
    if m and ctx.dct:
        y = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[m.group(3)]
        mon = MONTHS[m.group(1)]
        return Value("DATE", f"{y}-{mon:02d}-{int(m.group(2)):02d}" if m.group(2) else f"{y}-{mon:02d}")
    m = re.fullmatch(r"(?:(this|last|next)\s+)?(.+)", t)
    if m and m.group(2) in HOLIDAYS:
        fn = HOLIDAYS[m.group(2)]
        if not ctx.dct:
            return None
        y = ctx.dct.year
        rel = m.group(1)
        this = fn(y)
        if (
            rel == "last"
            or (rel is None and tense == PAST)
            or (rel is None and tense != FUTURE and (this - ctx.dct).days > 120)
        ):
            if this > ctx.dct:
                this = fn(y - 1)
        elif rel == "next" or tense == FUTURE:
            if this < ctx.dct:
                this = fn(y + 1)
        return Value("DATE", this.isoformat())
    return None


def _explicit(t: str, dct: date | None, tense: str | None) -> Value | None:
    """Dates the text names: May 7, March 2011, 1990s, Friday, the third quarter, summer 1998."""
    # TimeBank writes "the 1990s" as 199 (TimeML's decade) but a bare "1990s" as 199X: keep both
    x = "" if t.startswith("the ") else "X"
    m = re.fullmatch(r"(?:the )?(?:(?:early|late|mid)[- ])?(spring|summer|fall|autumn|winter),? (?:of )?(\d{4})", t)
    if m:  # "the winter of 1994": the season, not the year
        return Value("DATE", f"{m.group(2)}-{SEASONS[m.group(1)]}")
    m = re.fullmatch(r"(?:the )?(first|second|last|latter) (?:half|two quarters) of (?:fiscal )?(\d{4})", t)
    if m:  # "the first half of 1990": TimeML's half-year, 1990-H1
        return Value("DATE", f"{m.group(2)}-H{1 if m.group(1) == 'first' else 2}")
    t = re.sub(r"^the\s+(?=(?:early|late|mid)[- ])", "", t)
    t = re.sub(r"^(?:early|late|mid|the middle of|the end of|the beginning of|the start of|end of|start of|"
               r"the first half of|the second half of|the close of|the turn of|as early as|as late as|until|"
               r"the fall of|the spring of|the summer of|the winter of)[- ]+", "", t)  # fmt: skip
    t = re.sub(r"^the\s+", "", t)
    t = re.sub(r"^(?:fiscal|the year|year)(?: year)?\s+(?=\d{4}$)", "", t)
    t = re.sub(r"^(?:calendar|the calendar|fiscal|the fiscal|model|the model)\s+(?=\d{4}$)", "", t)
    # weekday prefix: "Monday, Oct. 26" -> the date decides
    t2 = re.sub(rf"^{_WD_RE},?\s+(?=({_MONTH_RE}|\d))", "", t)
    m = re.fullmatch(rf"{_MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s*(\d{{4}}))?(?:\s+(\w+))?", t2)
    if not m:
        m2 = re.fullmatch(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE},?(?:\s+(\d{{4}}))?", t2)
        if m2:
            m = m2
            mon, day, year = MONTHS[m2.group(2)], int(m2.group(1)), m2.group(3)
        else:
            mon = day = 0
            year = None
    else:
        mon, day, year = MONTHS[m.group(1)], int(m.group(2)), m.group(3)
    if m and 1 <= day <= 31:
        if year:
            y = int(year)
        elif dct:
            y = month_year(dct, mon, tense)
        else:
            return Value("DATE", f"XXXX-{mon:02d}-{day:02d}")
        if y > 0 and day > (date(y + mon // 12, mon % 12 + 1, 1) - timedelta(days=1)).day:
            return None  # "Feb. 30": no such day
        part = _daypart(t2)
        v = f"{y}-{mon:02d}-{day:02d}"
        return Value("TIME", f"{v}T{part}") if part else Value("DATE", v)
    m = re.fullmatch(rf"{_MONTH_RE},?\s+(?:of\s+)?(\d{{4}})", t)
    if m:
        return Value("DATE", f"{m.group(2)}-{MONTHS[m.group(1)]:02d}")
    m = re.fullmatch(rf"(this|last|next|past|previous|coming)?\s*{_MONTH_RE}", t)
    if m and not re.fullmatch(r"mar|jun|jul|sep|dec|jan|sept|aug|oct|nov|feb|apr", t):
        mon = MONTHS[m.group(2)]
        rel = {"past": "last", "previous": "last", "coming": "next"}.get(m.group(1) or "", m.group(1))
        if not dct:
            return Value("DATE", f"XXXX-{mon:02d}")
        return Value("DATE", f"{month_year(dct, mon, tense, rel)}-{mon:02d}")
    m = re.fullmatch(r"(\d{4})(?:'s)?", t)
    if m and 1000 <= int(m.group(1)) <= 2100:
        return Value("DATE", m.group(1))
    m = re.fullmatch(r"(?:(\d\d)(\d)0|'(\d)0|(\d)0)'?s", t)
    if m:
        if m.group(1):
            return Value("DATE", f"{m.group(1)}{m.group(2)}{x}")
        dec = m.group(3) or m.group(4)
        cent = "19" if not dct or int(dec) > int(str(dct.year)[2]) else str(dct.year)[:2]
        return Value("DATE", f"{cent}{dec}{x}")
    m = re.fullmatch(r"(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)", t)
    if m:
        dec = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"].index(
            t
        ) + 2
        return Value("DATE", f"19{dec}{x}")
    if re.fullmatch(r"this century|the past century|the last century", t):
        return Value("DURATION", "P100Y")  # TimeBank's reading of "this century"
    m = re.fullmatch(r"(twentieth|nineteenth|twenty-first|20th|19th|21st|18th|eighteenth)[- ]century", t)
    if m:
        c = {"twentieth": 19, "20th": 19, "nineteenth": 18, "19th": 18, "twenty-first": 20, "21st": 20,
             "18th": 17, "eighteenth": 17}[m.group(1)]  # fmt: skip
        return Value("DATE", str(c))
    # seasons with a year
    m = re.fullmatch(r"(spring|summer|fall|autumn|winter)(?: of)?,?\s+(\d{4})", t)
    if m:
        return Value("DATE", f"{m.group(2)}-{SEASONS[m.group(1)]}")
    m = re.fullmatch(r"(\d{4})\s+(spring|summer|fall|autumn|winter)", t)
    if m:
        return Value("DATE", f"{m.group(1)}-{SEASONS[m.group(2)]}")
    # quarters and halves with a year
    m = re.fullmatch(
        r"(first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:fiscal[- ])?(quarter|half)(?: of)?,?\s+(?:fiscal\s+)?(\d{4})",  # noqa: E501
        t,
    )  # noqa: E501
    if m:
        kind = "Q" if m.group(2) == "quarter" else "H"
        return Value("DATE", f"{m.group(3)}-{kind}{ORDINALS[m.group(1)]}")
    m = re.fullmatch(r"(\d{4})\s+(first|second|third|fourth)[- ](quarter|half)", t)
    if m:
        kind = "Q" if m.group(3) == "quarter" else "H"
        return Value("DATE", f"{m.group(1)}-{kind}{ORDINALS[m.group(2)]}")
    return None


_WD_REL = {"past": "last", "previous": "last", "coming": "next", "on": None, "the previous": "last",
           "the preceding": "last", "the following": "next", "the next": "next"}  # fmt: skip
_ENDED = re.compile(rf"^,?\s+(?:ended|ending|that ended|which ended|to|through)\s+(?:{_MONTH_RE}\s+(\d{{1,2}}))?")


def _relative(t: str, ctx: Context, tense: str | None, after: str = "") -> Value | None:
    """Deictic and anaphoric dates: today, last month, Friday, two days ago, this year's third quarter."""
    dct = ctx.dct
    if dct is None:
        return _unanchored(t)
    ended = _ENDED.match(after)
    if t == "the year":  # earnings copy: "for the year ended June 30" is twelve months, "for the year" this year
        return Value("DURATION", "P1Y") if ended else Value("DATE", str(dct.year))
    if t == "the quarter" and ended and ended.group(1) and ctx.quarter is None:
        # "the quarter ended July 31": the calendar quarter most of it lies in (its middle, 45 days back)
        mon = MONTHS[ended.group(1)]
        y = month_year(dct, mon, PAST)
        mid = date(y, mon, min(int(ended.group(2)), 28)) - timedelta(days=45)
        return Value("DATE", f"{mid.year}-Q{(mid.month - 1) // 3 + 1}")
    if re.fullmatch(r"(?:by |at |around )?(?:the )?year[- ]end|year's end", t):
        return Value("DATE", str(dct.year))  # "by year-end": the end of this year, at year granularity
    m = re.fullmatch(
        r"(?:the )?(?:(?:comparable|corresponding|same) )?(?:year[- ](?:ago|earlier)|prior[- ]year) "
        r"(?:(first|second|third|fourth)[- ])?(?:fiscal )?(?:quarter|period)"
        r"|(?:the )?(?:(?:same|comparable|corresponding) )?(?:(first|second|third|fourth) )?(?:quarter|period) (?:of )?"
        r"(?:a year (?:ago|earlier)|last year|the (?:previous|prior) year)"
        r"|last year's (?:(first|second|third|fourth)[- ])?(?:quarter|period)",
        t,
    )
    if m:  # the quarter a year before the one the text reports on
        q = ctx.quarter or _last_quarter(dct)
        k = next((ORDINALS[g] for g in m.groups() if g), q[1])
        return Value("DATE", f"{q[0] - 1}-Q{k}")
    m = re.fullmatch(r"the (following|next|previous|preceding|prior) (day|month|year)", t)
    if m and ctx.last and (m.group(1) in ("following", "previous", "preceding", "prior")):
        return _anaphoric(ctx.last, 1 if m.group(1) == "following" else -1, m.group(2))
    m = re.fullmatch(r"(?:the )?(\d{4}) (?:fiscal )?(?:quarter|period)", t)
    if m:
        q = ctx.quarter or _last_quarter(dct)
        return Value("DATE", f"{m.group(1)}-Q{q[1]}")
    if re.fullmatch(r"the (?:full|whole|entire) year", t):
        return Value("DATE", str(dct.year))
    stripped = re.sub(r"^(?:early|late|mid|the middle of|the end of|the beginning of|the start of|end of|start of|"
                      r"the first half of|the second half of|the close of|the rest of|the remainder of|the balance of|"
                      r"until|by)[- ]+", "", t)  # fmt: skip
    if stripped != t and re.fullmatch(r"the (?:year|month|week)", stripped):
        return Value("DATE", shift(dct, 0, UNITS[stripped[4:]]))  # "the end of the year": this year
    m = re.fullmatch(
        r"(?:(?:earlier|later) )?(?:that|the same) (day|week|month|year)"
        r"|(?:earlier|later) in the (day|week|month|year)",
        stripped,
    )
    if m:
        if m.group(2):  # "later in the day": the DCT's day, week, month or year
            return Value("DATE", shift(dct, 0, UNITS[m.group(2)]))
        return _anaphoric(ctx.last, 0, m.group(1)) if ctx.last else None  # "later that year": the year last named
    t = re.sub(r"^(earlier|later) (?=this|that|last|next|in|today|tonight|yesterday|tomorrow)", "", stripped)
    t = re.sub(r"^(early|late|mid)[- ](?=this|last|next)", "", t)
    m = re.fullmatch(r"(today|tonight|yesterday|tomorrow)(?:'s)?(?:\s+(morning|afternoon|evening|night))?", t)
    if m:
        d = dct + timedelta(days={"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[m.group(1)])
        return _day(dct, d, m.group(2) or "")
    m = re.fullmatch(r"(this|last|tomorrow|yesterday) (morning|afternoon|evening|night)", t)
    if m:
        off = -1 if m.group(1) in ("yesterday",) or (m.group(1) == "last" and m.group(2) == "night") else 0
        off = 1 if m.group(1) == "tomorrow" else off
        return Value("TIME", f"{(dct + timedelta(days=off)).isoformat()}T{DAYPARTS[m.group(2)]}")
    m = re.fullmatch(rf"the (previous|preceding|following|next) {_WD_RE}(?:\s+(?:morning|afternoon|evening|night))?", t)
    if m and ctx.last and re.fullmatch(r"\d{4}-\d\d-\d\d", ctx.last):
        # "the previous Friday": counted from the day the text last named, not from the DCT
        ref = date.fromisoformat(ctx.last)
        rel = "last" if m.group(1) in ("previous", "preceding") else "next"
        return Value("DATE", weekday_date(ref, WEEKDAYS[m.group(2)], None, rel).isoformat())
    m = re.fullmatch(r"the week of (.+)", t)
    if m:  # "the week of March 6": the ISO week holding that day
        v = _explicit(m.group(1), dct, tense)
        if v and re.fullmatch(r"\d{4}-\d\d-\d\d", v.value):
            return Value("DATE", week_value(date.fromisoformat(v.value)))
    m = re.fullmatch(
        rf"(?:(this|last|next|past|coming|previous|on|the previous|the following|the next|the preceding)\s+)?"
        rf"{_WD_RE}(?:'s)?(?:\s+(morning|afternoon|evening|night))?",
        t,
    )
    if m:
        rel = _WD_REL.get(m.group(1) or "", m.group(1))
        d = weekday_date(dct, WEEKDAYS[m.group(2)], tense, rel)
        return Value("DATE", d.isoformat())  # "Friday night": TimeBank mostly gives the day alone (14 of 24)
    m = re.fullmatch(r"(?:(this|the|last|next|past|coming|previous|current|that|the past|the last|the previous|"
                     r"the coming|the next|this past|the current|the same)\s+)?(week|month|year|quarter|weekend|decade|"
                     r"century|spring|summer|fall|autumn|winter)(?:'s)?", t)  # fmt: skip
    if m:
        rel, unit = m.group(1), m.group(2)
        rel = {"the past": "past", "the last": "last", "the previous": "last", "the coming": "next", "the next": "next",
               "this past": "last", "the current": "current", "the same": "the"}.get(rel or "", rel)  # fmt: skip
        if unit in SEASONS:
            season = SEASONS[unit]
            start = SEASON_START[season]
            if rel in ("last", "past", "previous"):
                y = dct.year if dct.month >= start + 3 else dct.year - 1
            elif rel in ("next", "coming"):
                y = dct.year if dct.month < start else dct.year + 1
            else:
                y = dct.year
            return Value("DATE", f"{y}-{season}")
        n = {"this": 0, "the": 0, "current": 0, "that": 0, None: 0, "last": -1, "past": -1, "previous": -1,
             "next": 1, "coming": 1}[rel]  # fmt: skip
        if rel in ("the", None, "that") and unit in ("week", "month", "year", "decade", "century"):
            return None  # "the year" is as often a duration as a date: left to the caller's context
        if unit == "quarter":
            if rel == "current" or rel == "this":
                q = (dct.year, (dct.month - 1) // 3 + 1)
            elif n == 0:
                q = ctx.quarter or _last_quarter(dct)
            else:
                cur = dct.year * 4 + (dct.month - 1) // 3 + n
                q = (cur // 4, cur % 4 + 1)
            return Value("DATE", f"{q[0]}-Q{q[1]}")
        if unit == "weekend":
            if n == 0:
                d = weekday_date(dct, 5, tense)
                return Value("DATE", week_value(d) + "-WE")
            return Value("DATE", shift(dct, n, "WE"))
        return Value("DATE", shift(dct, n, UNITS[unit]))
    m = re.fullmatch(r"(?:the\s+)?(?:(current|next|last|previous|latest|same|coming)\s+)?fiscal year", t)
    if m:
        if m.group(1) is None:
            return Value("DURATION", "P1Y")
        off = {"next": 1, "coming": 1, "last": -1, "previous": -1}.get(m.group(1), 0)
        return Value("DATE", str(dct.year + off))
    m = re.fullmatch(rf"{_NUM_RE}\s+(?:more\s+)?{_UNIT_RE}\s+(ago|earlier|before|later|after|from now|hence|back)", t)
    if m:
        n = _num(m.group(1))
        unit = _unit(m.group(2))
        if n is not None and unit and n == int(n):
            sign = 1 if m.group(3) in ("later", "after", "from now", "hence") else -1
            if unit == "Y" and m.group(3) in ("earlier", "ago", "before") and ctx.quarter and n == 1:
                return Value("DATE", f"{ctx.quarter[0] - 1}-Q{ctx.quarter[1]}")
            return Value("DATE", shift(dct, sign * int(n), unit))
    m = re.fullmatch(rf"(?:{_MOD})*{_NUM_RE}\s+{_UNIT_RE}\s+(ago|earlier|before)", t)
    if m:
        n = _num(m.group(1))
        unit = _unit(m.group(2))
        if n is not None and unit and n == int(n):
            return Value("DATE", shift(dct, -int(n), unit))
    m = re.fullmatch(rf"{_VAGUE_RE}\s+{_UNIT_RE}\s+(ago|earlier|before)", t)
    if m:
        return Value("DATE", "PAST_REF")
    if re.fullmatch(
        r"(?:the )?(?:year[- ](?:ago|earlier)|a year (?:ago|earlier)|prior[- ]year|previous[- ]year)(?: (?:quarter|period|level|results|figure))?",  # noqa: E501
        t,
    ):  # noqa: E501
        if ctx.quarter and not t.endswith("year"):
            return Value("DATE", f"{ctx.quarter[0] - 1}-Q{ctx.quarter[1]}")
        if ctx.quarter and re.search(r"(ago|earlier)", t):
            return Value("DATE", f"{ctx.quarter[0] - 1}-Q{ctx.quarter[1]}")
        return Value("DATE", str(dct.year - 1))
    # quarters: third-quarter, the latest quarter, this year's third quarter
    m = re.fullmatch(
        r"(?:(this|last|next|the)\s+year's\s+|(\d{4})\s+)?(?:the\s+)?(?:fiscal\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)(?:[- ]fiscal)?[- ](quarter|half|period)",  # noqa: E501
        t,
    )  # noqa: E501
    if m:
        k = ORDINALS[m.group(3)]
        kind = "H" if m.group(4) == "half" else "Q"
        if m.group(2):
            y = int(m.group(2))
        else:
            y = dct.year + {"last": -1, "next": 1}.get(m.group(1) or "", 0)
            start = (k - 1) * (6 if kind == "H" else 3) + 1
            if not m.group(1) and tense == PAST and start > dct.month:
                y -= 1
        if kind == "Q" and (y, k) <= _last_quarter(dct) and ctx.quarter is None:  # the lead names the quarter reported
            ctx.quarter = (y, k)
        return Value("DATE", f"{y}-{kind}{k}")
    m = re.fullmatch(
        r"(?:the\s+)?(latest|most recent|recent|current|same|latest fiscal|fiscal|just-ended|just-completed)[- ](?:fiscal\s+)?(?:quarter|period)",  # noqa: E501
        t,
    )  # noqa: E501
    if m:
        if m.group(1) == "current":
            q = (dct.year, (dct.month - 1) // 3 + 1)
        elif m.group(1) in ("same", "fiscal"):
            q = ctx.quarter or _last_quarter(dct)
        else:
            q = _last_quarter(dct)
        return Value("DATE", f"{q[0]}-Q{q[1]}")
    m = re.fullmatch(r"(?:the\s+)?(?:(first|second|third|fourth)\s+)?(?:fiscal\s+)?quarters?", t)
    if m and m.group(1):
        q = ctx.quarter or _last_quarter(dct)
        return Value("DATE", f"{q[0]}-Q{ORDINALS[m.group(1)]}")
    if re.fullmatch(r"(?:this|the) time", t):
        return None
    return None


def _anaphoric(last: str, n: int, unit: str) -> Value | None:
    """A day, month or year counted from the last date the text named ("the following month")."""
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", last)
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    if unit == "year":
        return Value("DATE", str(y + n))
    if unit == "month" and mo:
        yy, mm = add_months(y, int(mo), n)
        return Value("DATE", f"{yy}-{mm:02d}")
    if unit == "day" and mo and d:
        return Value("DATE", (date(y, int(mo), int(d)) + timedelta(days=n)).isoformat())
    if unit == "week" and mo and d:
        return Value("DATE", week_value(date(y, int(mo), int(d)) + timedelta(weeks=n)))
    return None


def _last_quarter(dct: date) -> tuple[int, int]:
    """The last quarter finished before the DCT: what 'the quarter' means in earnings copy."""
    q = (dct.month - 1) // 3  # current quarter index 0..3; last completed is q-1
    if q == 0:
        return dct.year - 1, 4
    return dct.year, q


def _unanchored(t: str) -> Value | None:
    if re.fullmatch(r"(today|tonight|yesterday|tomorrow|this week|last week|next week|this month|last month|"
                    r"next month|this year|last year|next year|monday|tuesday|wednesday|thursday|friday|"
                    r"saturday|sunday)", t):  # fmt: skip
        return Value("DATE", "XXXX-XX-XX")
    return None


_COUNTED = re.compile(
    rf"{_NUM_RE}(?:[- ]+)(?:more\s+|full\s+|long\s+|straight\s+|consecutive\s+|additional\s+|extra\s+|"
    rf"trading\s+|business\s+|working\s+)?{_UNIT_RE}(?:[- ](?:long|plus))?"
)


def _duration_or_set(t: str, ctx: Context) -> Value | None:
    """Durations (two days, the past three months, a decade, 10-year) and sets (every week, a year)."""
    m = re.fullmatch(rf"(?:every|each|per)\s+(?:{_NUM_RE}\s+)?{_UNIT_RE}", t)
    if m:
        n = _num(m.group(1)) if m.group(1) else 1
        unit = _unit(m.group(2))
        if unit:
            return Value("SET", duration(n, unit))
    m = re.fullmatch(rf"(?:every|each)\s+{_WD_RE}(?:\s+(morning|afternoon|evening|night))?", t)
    if m:
        part = f"T{DAYPARTS[m.group(2)]}" if m.group(2) else ""
        return Value("SET", f"XXXX-WXX-{WEEKDAYS[m.group(1)] + 1}{part}")
    m = re.fullmatch(rf"(?:every|each)\s+{_MONTH_RE}", t)
    if m:
        return Value("SET", f"XXXX-{MONTHS[m.group(1)]:02d}")
    m = re.fullmatch(rf"{_WD_RE}s", t)
    if m:
        return Value("SET", f"XXXX-WXX-{WEEKDAYS[m.group(1)] + 1}")
    m = re.fullmatch(rf"{_WD_RE}\s+(morning|afternoon|evening|night)s", t)
    if m:  # "Tuesday nights": every Tuesday night
        return Value("SET", f"XXXX-WXX-{WEEKDAYS[m.group(1)] + 1}T{DAYPARTS[m.group(2)]}")
    m = re.fullmatch(rf"(?:the\s+)?{_UNIT_RE}\s+(ahead|ago)", t)
    if m and m.group(1).endswith("s") and _unit(m.group(1)):  # "the weeks ahead", "months ago": some weeks
        return Value("DURATION", duration(None, _unit(m.group(1)) or "D"))
    m = re.fullmatch(rf"(?:the\s+|in\s+)?(recent|coming)\s+{_UNIT_RE}", t)
    if m and m.group(2).endswith("s") and _unit(m.group(2)):
        return Value("DURATION", duration(None, _unit(m.group(2)) or "Y"))  # as TimeBank mostly has it: PXY
    m = re.fullmatch(rf"(?:the\s+|in\s+)?(past|last|next|previous)\s+{_UNIT_RE}", t)
    if m and m.group(2).endswith("s"):
        return Value("DATE", "PAST_REF" if m.group(1) in ("past", "last", "previous", "recent") else "FUTURE_REF")
    t = re.sub(r"^(?:the\s+)?(?:past|last|next|previous|coming|first|final|latest|following|preceding|entire|whole|"
               r"full|same|initial|remaining|succeeding|prior)\s+", "", t)  # fmt: skip
    m = re.fullmatch(rf"(?:an?|one)\s+{_UNIT_RE}\s+and\s+a\s+half", t)
    if m and _unit(m.group(1)):  # "a minute and a half": PT1M30S
        return Value("DURATION", duration(1.5, _unit(m.group(1)) or "D"))
    m = _COUNTED.fullmatch(t)  # tried before the hedges are cut, or "an additional year" would lose its "an"
    for _ in range(3):
        if m:
            break
        t = re.sub(rf"^{_MOD}", "", t)
        m = _COUNTED.fullmatch(t)
    if m:
        n = _num(m.group(1))
        unit = _unit(m.group(2))
        if unit and n is not None:
            return Value("DURATION", duration(n, unit))
    m = re.fullmatch(rf"{_VAGUE_RE}\s+(?:more\s+)?{_UNIT_RE}", t)
    if m:
        unit = _unit(m.group(2))
        if unit:
            if m.group(1) == "the" and not m.group(2).endswith("s"):
                return Value("DURATION", duration(1, unit))
            return Value("DURATION", duration(None, unit))
    m = re.fullmatch(r"(\d+)\s*(?:-|to|or)\s*(\d+)[- ]" + _UNIT_RE, t)
    if m:
        unit = _unit(m.group(3))
        if unit:
            return Value("DURATION", duration(float(m.group(2)), unit))
    m = re.fullmatch(_UNIT_RE, t)
    if m:
        unit = _unit(t)
        if unit and t.endswith("s") and t not in ("days",):
            return Value("DURATION", duration(None, unit))
        if unit and t.endswith("s"):
            return Value("DURATION", duration(None, unit))
        if unit:
            return Value("DURATION", duration(1, unit))
    m = re.fullmatch(rf"{_UNIT_RE}\s+(?:or|to)\s+{_UNIT_RE}", t)
    if m and _unit(m.group(1)) and m.group(1).endswith("s"):  # "weeks or months": the shorter, as TimeBank has it
        return Value("DURATION", duration(None, _unit(m.group(1)) or "D"))
    m = re.fullmatch(r"(?:a|one)\s+(?:full\s+)?(year|month|week|day)\s+or\s+(?:so|two|more)", t)
    if m:
        return Value("DURATION", duration(None, UNITS[m.group(1)]))
    m = re.fullmatch(r"(?:half an?|a half)[- ](hour|day|year|century|decade)", t)
    if m:
        return Value(
            "DURATION",
            duration(0.5, UNITS[m.group(1)])
            if m.group(1) == "hour"
            else {"day": "PT12H", "year": "P6M", "century": "P50Y", "decade": "P5Y"}[m.group(1)],
        )
    return None
