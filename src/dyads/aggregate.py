"""Events and mentions: merge coded event mentions into cross-article events, GDELT-style.

The `events` table holds one row per coded event *mention* (an article, a sentence, a trigger).
A meeting reported by forty outlets is one event with forty mentions, and users count events, so
this module groups mentions into the `merged_events` table and links every mention to its event in
`event_mentions` (article, sentence, offsets and confidence stay on the mention row).

Two mentions are the same event when they share
- the date at the mention's own precision (a day-precise mention merges with the same day, a
  month-precise one with the same month),
- the source and target actor codes (a compound actor is split into dyads, one per source/target
  pair, as GDELT and PETRARCH do, so one mention can support two events),
- the CAMEO base code (3 digits; or the PLOVER type with `MergePolicy(action="plover")`),
- negation (a denied event is not the event), and
- a compatible location: the same country, and the same specific place where both name one; a
  mention placed only at country level, or not placed at all, joins the largest compatible group.

Merging is incremental: `update_events(store, article_ids)` re-groups only the merge keys that the
given articles touch (before and after their re-coding), so the runner calls it once after each
batch write; an article coded again moves its mentions to their new events without duplicating
anything, and an event keeps its id while any of its mentions remain. Event ids are never reused.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal
from urllib.parse import urlparse

from dyads import records_json
from dyads.ontology import load_ontology
from dyads.store import Store, insert_rows, keyed_in, rollback

__all__ = [
    "ArticleFacts",
    "MergePolicy",
    "UpdateReport",
    "MergeStats",
    "article_facts",
    "date_bucket",
    "lead_span",
    "merge_stats",
    "pending_articles",
    "rebuild_events",
    "text_tone",
    "update_events",
]

#: Bump when lead or tone computation changes: stored article facts of another version are recomputed.
FACTS_VERSION = 1

#: Location features that say only "somewhere in this country/province", never a specific place.
_BROAD_FEATURES = {"country", "admin1", "region", "continent"}

# A photo caption paragraph ends with the photo credit: an agency in capitals and the photographer
# ("... REUTERS/Sergei Karpukhin", "DYADS WIRE/Staff photo"), "AP Photo/...", "Getty Images", "(Photo: ...)".
_CAPTION = re.compile(
    r"(?:\b[A-Z][A-Z.&' -]{1,40}\s*/\s*[\w.' -]{2,60}|\b(?:AP Photo|Getty Images|FILE PHOTO|File photo)\b.*"
    r"|\(Photo[^)]*\))\s*$"
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")


@dataclass(frozen=True)
class MergePolicy:
    """What "the same action" means when merging: the CAMEO base code or the PLOVER event type."""

    action: Literal["cameo", "plover"] = "cameo"

    def describe(self) -> str:
        return f"action={self.action}"


@dataclass
class ArticleFacts:
    """Per-article facts the event table needs: length, lead paragraph span, tone."""

    doc_len: int
    lead_start: int | None
    lead_end: int | None
    tone: float | None = None
    tone_positive: float | None = None
    tone_negative: float | None = None
    tone_compound: float | None = None
    tone_method: str | None = None


@dataclass
class UpdateReport:
    """What one `update_events` call did."""

    articles: int = 0
    mentions: int = 0
    keys: int = 0
    events_written: int = 0
    events_removed: int = 0
    rebuilt: bool = False


# -- per-article facts ------------------------------------------------------------------------


def lead_span(text: str) -> tuple[int | None, int | None]:
    """Character span of the lead paragraph (GDELT's "root" paragraph), photo captions skipped.

    Paragraphs are separated by blank lines (single newlines where a text has no blank line). With
    one paragraph only, there is no lead paragraph to find: (None, None), and the first sentence
    counts as the lead.
    """
    breaks = list(_PARAGRAPH_BREAK.finditer(text))
    sep = _PARAGRAPH_BREAK if breaks else re.compile(r"\n")
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in sep.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    spans = [(s, e) for s, e in spans if text[s:e].strip()]
    if len(spans) <= 1:
        return None, None
    for s, e in spans:
        if not _CAPTION.search(text[s:e].strip()):
            return s, e
    return spans[0]


_LEXICON: dict[str, float] | None = None
_WORDS = re.compile(r"[a-z][a-z']*")


def _lexicon() -> dict[str, float] | None:
    """VADER's sentiment lexicon (word -> valence), loaded once; None without vaderSentiment."""
    global _LEXICON
    if _LEXICON is None:
        try:
            from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
        except ImportError:
            _LEXICON = {}
        else:
            _LEXICON = dict(SentimentIntensityAnalyzer().lexicon)
    return _LEXICON or None


def text_tone(text: str) -> tuple[float, float, float, float, str] | None:
    """Tone of a text as (tone, positive, negative, compound, method), or None without vaderSentiment.

    GDELT's definition: percent of words that are positive minus percent that are negative
    (-100..100, news usually within +-10), here with the lexicon of vaderSentiment 3.3.2.
    `compound` is VADER's normalisation of the summed valences (-1..1). Counting words keeps tone
    at well under a millisecond an article (VADER's full rule set costs about 7 ms), so coding
    speed is not spent on it.
    """
    lexicon = _lexicon()
    if lexicon is None:
        return None
    words = _WORDS.findall(text.lower())
    if not words:
        return (0.0, 0.0, 0.0, 0.0, "vaderSentiment-3.3.2 lexicon, GDELT word-count tone")
    valences = [v for v in (lexicon.get(w) for w in words) if v is not None]
    pos = sum(1 for v in valences if v > 0)
    neg = sum(1 for v in valences if v < 0)
    total = sum(valences)
    compound = total / math.sqrt(total * total + 15)
    return (
        round(100.0 * (pos - neg) / len(words), 4),
        round(100.0 * pos / len(words), 4),
        round(100.0 * neg / len(words), 4),
        round(compound, 4),
        "vaderSentiment-3.3.2 lexicon, GDELT word-count tone",
    )


def article_facts(text: str) -> ArticleFacts:
    lead = lead_span(text)
    facts = ArticleFacts(doc_len=len(text), lead_start=lead[0], lead_end=lead[1])
    tone = text_tone(text)
    if tone is not None:
        facts.tone, facts.tone_positive, facts.tone_negative, facts.tone_compound, facts.tone_method = tone
    return facts


def _refresh_article_facts(store: Store, ids: Sequence[str]) -> None:
    """Compute facts for the articles among `ids` whose text (or FACTS_VERSION) changed since they were computed."""
    if not ids:
        return
    in_a, pa_ = keyed_in("id", ids)
    in_f, pf = keyed_in("article_id", ids)
    rows = store.con.execute(
        f"SELECT a.id, a.text, a.content_hash FROM (SELECT * FROM articles WHERE {in_a}) a "
        f"LEFT JOIN (SELECT * FROM article_facts WHERE {in_f}) f ON f.article_id = a.id "
        "WHERE f.content_hash IS NULL OR f.content_hash <> a.content_hash OR f.facts_version <> ?",
        [*pa_, *pf, FACTS_VERSION],
    ).fetchall()
    if not rows:
        return
    out = []
    for aid, text, chash in rows:
        f = article_facts(text)
        out.append({"article_id": aid, "content_hash": chash, "facts_version": FACTS_VERSION, **f.__dict__})
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        where, params = keyed_in("article_id", [r[0] for r in rows])
        con.execute(f"DELETE FROM article_facts WHERE {where}", params)
        insert_rows(con, "article_facts", out)
        con.execute("COMMIT")
    except Exception:
        rollback(con)
        raise


# -- mention units ----------------------------------------------------------------------------


def date_bucket(date_value: str | None, precision: str | None) -> str | None:
    """The date a mention is merged on, at its own precision ("2013-07-22", "2013-07", "2013")."""
    if not date_value:
        return None
    if precision == "day" or (precision is None and len(date_value) >= 10):
        return date_value[:10]
    if precision == "month":
        return date_value[:7]
    if precision == "year":
        return date_value[:4]
    return f"{precision}:{date_value}" if precision else date_value


_WEEK = re.compile(r"^(\d{4})-W(\d{2})")


def _first_day(date_value: str | None) -> date | None:
    """First day of a TimeML value the store could not turn into a day (a week: its Monday)."""
    m = _WEEK.match(date_value or "")
    if m:
        try:
            return date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:
            return None
    return None


@dataclass
class _Unit:
    """One dyad of one mention: the thing that is merged."""

    mention_id: str
    article_id: str
    sentence_index: int
    base_key: str
    bucket: str
    event_date: date | None
    precision: str | None
    source_code: str
    target_code: str
    source_position: int | None
    target_position: int | None
    source_name: str | None
    target_name: str | None
    cameo: str
    negated: bool
    location: dict[str, Any] | None
    confidence: float | None
    is_root: bool
    pub_date: date | None
    coded_at: datetime
    outlet: str | None
    url: str | None
    tone: float | None
    cluster: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _outlet(source: str | None, url: str | None) -> str | None:
    """The news outlet of an article: its `source`, else its URL's host (for NumSources)."""
    if source:
        return source.strip() or None
    if url:
        host = urlparse(url).netloc.lower()
        return host[4:] if host.startswith("www.") else (host or None)
    return None


def _actors(group: list[dict]) -> list[tuple[int | None, str, str | None]]:
    """(position, code, name) per distinct actor code of a mention side; one uncoded slot if none."""
    seen: dict[str, tuple[int | None, str, str | None]] = {}
    for pos, a in enumerate(group or []):
        code = a.get("code")
        if code and code not in seen:
            seen[code] = (pos, code, a.get("name") or a.get("text"))
    return list(seen.values()) or [(None, "", None)]


def _dyads(rec: dict) -> list[tuple[tuple[int | None, str, str | None], tuple[int | None, str, str | None]]]:
    """Source x target pairs of a mention's compound actors, without an actor paired with itself.

    "The ministry and the company said ..." coded against both of them would otherwise yield
    GRCGOV -> GRCGOV and GRCBUS -> GRCBUS beside the two real dyads. A mention whose only pair has
    one code on both sides keeps it: that is what the coder found, and the mention says so.
    """
    pairs = [(s, t) for s in _actors(rec.get("source", [])) for t in _actors(rec.get("target", []))]
    distinct = [(s, t) for s, t in pairs if not s[1] or s[1] != t[1]]
    return distinct or pairs


def _mention_rows(store: Store, column: str, values: Sequence[str]) -> list[tuple]:
    """The mentions (events rows) whose `column` (`id` or `article_id`) is among `values`, each with its
    article's date, source and facts, as `_units` reads them.

    Two keyed reads (`keyed_in`), joined here: written as one join, DuckDB reads every article to
    find the few the batch's mentions are in.
    """
    where, params = keyed_in(column, values)
    events = store.con.execute(
        "SELECT id, article_id, sentence_index, date, date_precision, event_date, cameo, negated, confidence, "
        f"sentence_start, record FROM events WHERE {where}", params).fetchall()
    aids = sorted({r[1] for r in events})
    in_a, pa_ = keyed_in("a.id", aids)
    in_f, pf = keyed_in("article_id", aids)
    articles = {r[0]: r[1:] for r in store.con.execute(
        "SELECT a.id, a.publication_date, a.coded_at, a.source, a.url, f.lead_start, f.lead_end, f.tone "
        f"FROM articles a LEFT JOIN (SELECT * FROM article_facts WHERE {in_f}) f ON f.article_id = a.id WHERE {in_a}",
        [*pf, *pa_]).fetchall()}
    return [(*r, *articles[r[1]]) for r in events if r[1] in articles]


def _units(rows: Iterable[tuple], policy: MergePolicy) -> list[_Unit]:
    units: list[_Unit] = []
    for (mid, aid, s_i, date_value, precision, event_date, cameo, negated, confidence, s_start, record,
         pub, coded_at, source, url, lead_start, lead_end, tone) in rows:
        rec = records_json.loads(record)
        bucket = date_bucket(date_value, precision)
        if bucket is None:
            bucket = f"published:{pub.isoformat()}" if pub else "undated"
        event_date = event_date or _first_day(date_value) or pub
        if lead_start is None:
            is_root = s_i == 0
        else:
            is_root = lead_start <= (s_start or 0) < lead_end
        if policy.action == "plover" and rec.get("plover"):
            action = "plover:" + rec["plover"]
        else:
            action = "cameo:" + cameo[:3]
        for (s_pos, s_code, s_name), (t_pos, t_code, t_name) in _dyads(rec):
            base = "|".join([bucket, s_code, t_code, action, "neg" if negated else "pos"])
            units.append(
                _Unit(
                    mention_id=mid, article_id=aid, sentence_index=s_i, base_key=base, bucket=bucket,
                    event_date=event_date, precision=precision, source_code=s_code, target_code=t_code,
                    source_position=s_pos, target_position=t_pos, source_name=s_name, target_name=t_name,
                    cameo=cameo, negated=bool(negated), location=rec.get("location") or None,
                    confidence=confidence, is_root=is_root, pub_date=pub, coded_at=coded_at,
                    outlet=_outlet(source, url), url=url, tone=tone,
                    extra={"plover": rec.get("plover"), "plover_mode": rec.get("plover_mode")},
                )
            )
    return units


# -- clustering by location -------------------------------------------------------------------


def _place(loc: dict[str, Any] | None) -> tuple[str, str] | None:
    """(country, place id) of a specific place; None for a broad or missing location."""
    if not loc:
        return None
    if loc.get("feature") in _BROAD_FEATURES:
        return None
    pid = loc.get("geonameid")
    if pid is None:
        if loc.get("lat") is None or loc.get("feature") is None:
            return None
        pid = f"{loc['lat']:.2f},{loc['lon']:.2f}"
    return (loc.get("country") or "", str(pid))


def _cluster(units: list[_Unit]) -> dict[str, list[_Unit]]:
    """Split the units of one base key into location-compatible groups, labelled stably.

    Specific places of the event's own clause make their own groups ("RUS:524901"); country-level
    mentions join the largest group of their country (or make "RUS:"); unplaced mentions, and those
    placed only by the dateline or by a place elsewhere in the sentence, join the largest group of
    all (or make ":"). Ties go to the smallest label, so the same mentions always give the same groups.
    """
    groups: dict[str, list[_Unit]] = defaultdict(list)
    broad: list[_Unit] = []
    unplaced: list[_Unit] = []
    for u in units:
        basis = (u.location or {}).get("basis")
        if basis in {"dateline", "sentence"}:
            # where the reporter filed from, or a place elsewhere in the sentence, does not say
            # where the event happened firmly enough to keep two reports apart
            unplaced.append(u)
            continue
        place = _place(u.location)
        if place is not None:
            groups[f"{place[0]}:{place[1]}"].append(u)
        elif u.location and u.location.get("country"):
            broad.append(u)
        else:
            unplaced.append(u)

    def largest(labels: Iterable[str]) -> str | None:
        ranked = sorted(labels, key=lambda k: (-len(groups[k]), k))
        return ranked[0] if ranked else None

    specific = dict(groups)
    for u in broad:
        country = u.location["country"]
        label = largest(k for k in specific if k.split(":", 1)[0] == country) or f"{country}:"
        groups[label].append(u)
    for u in unplaced:
        label = largest(groups) or ":"
        groups[label].append(u)
    for label, members in groups.items():
        for u in members:
            u.cluster = label
    return dict(groups)


# -- event rows -------------------------------------------------------------------------------


def _most_common(values: Iterable[Any], key=None) -> Any:
    counts = Counter(v for v in values if v is not None and v != "")
    if not counts:
        return None
    return sorted(counts, key=lambda v: (-counts[v], key(v) if key else str(v)))[0]


def _event_row(event_id: int, merge_key: str, members: list[_Unit], added_at: datetime, now: datetime) -> dict:
    onto = load_ontology()
    first = members[0]
    # the most frequent full code; on a tie the more specific (longer) one
    cameo = _most_common((u.cameo for u in members), key=lambda c: (-len(c), c))
    try:
        c = onto.get(cameo)
        name, goldstein, quad, plover, mode, context = (
            c.name, c.goldstein, c.quad_class, c.plover, c.plover_mode, c.plover_context,
        )
    except KeyError:
        name, goldstein, quad, context = None, None, None, None
        plover, mode = first.extra.get("plover"), first.extra.get("plover_mode")
    located = [u.location for u in members if u.location]
    specific = [u.location for u in members if _place(u.location) is not None]
    loc = None
    if specific or located:
        pool = specific or located
        best = _most_common(json.dumps(x, sort_keys=True) for x in pool)
        loc = json.loads(best)
    articles: dict[str, _Unit] = {}
    for u in members:
        articles.setdefault(u.article_id, u)
    ordered = sorted(articles.values(), key=lambda u: (u.pub_date or date.max, u.article_id))
    tones = [u.tone for u in articles.values() if u.tone is not None]
    seen = [u.pub_date or u.coded_at.date() for u in articles.values()]
    confs = [u.confidence for u in members if u.confidence is not None]
    dates = [u.event_date for u in members if u.event_date is not None]
    return {
        "id": event_id,
        "merge_key": merge_key,
        "base_key": first.base_key,
        "event_date": min(dates) if dates else None,
        "date_value": first.bucket,
        "date_precision": first.precision,
        "source_code": first.source_code or None,
        "source_name": _most_common(u.source_name for u in members),
        "target_code": first.target_code or None,
        "target_name": _most_common(u.target_name for u in members),
        "cameo": cameo,
        "cameo_base": cameo[:3],
        "cameo_root": cameo[:2],
        "cameo_name": name,
        "plover": plover,
        "plover_mode": mode,
        "plover_context": context,
        "goldstein": goldstein,
        "quad_class": quad,
        "negated": first.negated,
        "location_name": loc.get("name") if loc else None,
        "location_country": loc.get("country") if loc else None,
        "location_admin1": loc.get("admin1") if loc else None,
        "location_feature": loc.get("feature") if loc else None,
        "location_lat": loc.get("lat") if loc else None,
        "location_lon": loc.get("lon") if loc else None,
        "location_geonameid": loc.get("geonameid") if loc else None,
        "num_mentions": len(members),
        # GDELT counts at least one source; articles without a known outlet count as one together
        "num_sources": max(1, len({u.outlet for u in members if u.outlet})),
        "num_articles": len(articles),
        "first_seen": min(seen),
        "last_seen": max(seen),
        "is_root_event": any(u.is_root for u in members),
        "avg_tone": round(sum(tones) / len(tones), 4) if tones else None,
        "confidence": round(sum(confs) / len(confs), 4) if confs else None,
        "first_article_id": ordered[0].article_id,
        "source_url": next((u.url for u in ordered if u.url), None),
        "added_at": added_at,
        "updated_at": now,
    }


@dataclass
class MergeStats:
    """How much merging collapsed: coded mentions against the events they make."""

    articles: int
    mentions: int
    dyads: int
    events: int
    multi_article_events: int
    max_articles: int
    pending_articles: int

    @property
    def ratio(self) -> float:
        """Mentions per event (1.0 = nothing merged)."""
        return self.mentions / self.events if self.events else 0.0

    def format(self) -> str:
        return (
            f"{self.articles} articles, {self.mentions} event mentions ({self.dyads} actor dyads) -> "
            f"{self.events} events: {self.ratio:.3f} mentions per event; {self.multi_article_events} events "
            f"reported by more than one article (at most {self.max_articles}); "
            f"{self.pending_articles} articles not merged yet"
        )


def merge_stats(store: Store) -> MergeStats:
    c = store.con
    dyads, events, multi, most = c.execute(
        "SELECT coalesce(sum(num_mentions), 0), count(*), count(*) FILTER (num_articles > 1), "
        "coalesce(max(num_articles), 0) FROM merged_events"
    ).fetchone()
    return MergeStats(
        articles=c.execute("SELECT count(*) FROM articles").fetchone()[0],
        mentions=c.execute("SELECT count(*) FROM events").fetchone()[0],
        dyads=int(dyads), events=events, multi_article_events=multi, max_articles=most,
        pending_articles=len(pending_articles(store)),
    )


# -- the update -------------------------------------------------------------------------------


def _setting(store: Store, name: str) -> str | None:
    row = store.con.execute("SELECT value FROM aggregate_settings WHERE name = ?", [name]).fetchone()
    return row[0] if row else None


def _set_setting(store: Store, name: str, value: str) -> None:
    store.con.execute("DELETE FROM aggregate_settings WHERE name = ?", [name])
    store.con.execute("INSERT INTO aggregate_settings VALUES (?, ?)", [name, value])


def pending_articles(store: Store) -> list[str]:
    """Articles coded (or removed) since their mentions were last merged: what `update_events` will do."""
    rows = store.con.execute(
        "SELECT a.id FROM articles a LEFT JOIN aggregated_articles g ON g.article_id = a.id "
        "WHERE g.coded_at IS NULL OR g.coded_at <> a.coded_at "
        "UNION SELECT g.article_id FROM aggregated_articles g LEFT JOIN articles a ON a.id = g.article_id "
        "WHERE a.id IS NULL ORDER BY 1"
    ).fetchall()
    return [r[0] for r in rows]


def update_events(
    store: Store, article_ids: Sequence[str] | None = None, policy: MergePolicy | None = None
) -> UpdateReport:
    """Merge the mentions of `article_ids` (default: every article coded since the last merge).

    Call it after each `store.write(batch)` with the batch's article ids. Only the events whose merge
    keys those articles touch, before or after their (re-)coding, are rewritten; their mention
    links are replaced in the same transaction. A different `policy` than the one the store was
    merged with rebuilds everything.
    """
    policy = policy or MergePolicy(**_stored_policy(store))
    report = UpdateReport()
    if _setting(store, "policy") not in (None, policy.describe()):
        return rebuild_events(store, policy)
    ids = sorted(set(pending_articles(store) if article_ids is None else article_ids))
    if not ids:
        return report
    report.articles = len(ids)
    con = store.con
    _refresh_article_facts(store, ids)
    new_units = _units(_mention_rows(store, "article_id", ids), policy)
    # every lookup below is by key (keyed_in): a batch's merge reads the events it touches, not the store
    where, params = keyed_in("article_id", ids)
    old_events = [r[0] for r in con.execute(f"SELECT DISTINCT event_id FROM event_mentions WHERE {where}",
                                            params).fetchall()]
    where, params = keyed_in("id", old_events)
    old_keys = {r[0] for r in con.execute(f"SELECT DISTINCT base_key FROM merged_events WHERE {where}",
                                          params).fetchall()}
    keys = old_keys | {u.base_key for u in new_units}
    report.keys = len(keys)
    where, params = keyed_in("base_key", sorted(keys))
    key_events = [r[0] for r in con.execute(f"SELECT id FROM merged_events WHERE {where}", params).fetchall()]
    where, params = keyed_in("event_id", key_events)
    batch = set(ids)
    other_ids = sorted({mid for mid, aid in con.execute(
        f"SELECT mention_id, article_id FROM event_mentions WHERE {where}", params).fetchall() if aid not in batch})
    other_units: list[_Unit] = []
    if other_ids:
        other_units = [u for u in _units(_mention_rows(store, "id", other_ids), policy) if u.base_key in keys]
    _write_groups(store, keys, new_units + other_units, ids, report)
    _set_setting(store, "policy", policy.describe())
    return report


def _stored_policy(store: Store) -> dict[str, str]:
    value = _setting(store, "policy")
    if not value:
        return {}
    return dict(part.split("=", 1) for part in value.split(";"))


def rebuild_events(store: Store, policy: MergePolicy | None = None) -> UpdateReport:
    """Drop every merged event and merge all stored mentions again (ids restart above the old ones).

    Also the way to apply a new FACTS_VERSION (lead paragraph, tone) to a whole store.
    """
    policy = policy or MergePolicy(**_stored_policy(store))
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        for table in ("event_mentions", "merged_events", "aggregated_articles"):
            con.execute(f"DELETE FROM {table}")
        _set_setting(store, "policy", policy.describe())
        con.execute("COMMIT")
    except Exception:
        rollback(con)
        raise
    report = update_events(store, None, policy)
    report.rebuilt = True
    return report


def _write_groups(store: Store, keys: set[str], units: list[_Unit], ids: list[str], report: UpdateReport) -> None:
    con = store.con
    now = datetime.now(UTC).replace(tzinfo=None)
    where, params = keyed_in("base_key", sorted(keys))
    existing = {
        mk: (eid, added)
        for eid, mk, added in con.execute(
            f"SELECT id, merge_key, added_at FROM merged_events WHERE {where}", params).fetchall()
    }
    by_key: dict[str, list[_Unit]] = defaultdict(list)
    for u in units:
        by_key[u.base_key].append(u)
    next_id = _setting(store, "next_id")  # written with every merge; max(id) reads the whole table
    if next_id is None:
        next_id = con.execute("SELECT coalesce(max(id), 0) + 1 FROM merged_events").fetchone()[0]
    next_id = max(int(next_id), 1)
    event_rows, links = [], []
    for base in sorted(by_key):
        groups = _cluster(sorted(by_key[base], key=lambda u: (u.mention_id, u.source_code, u.target_code)))
        for label in sorted(groups):
            members = groups[label]
            merge_key = f"{base}|{label}"
            if merge_key in existing:
                eid, added = existing[merge_key]
            else:
                eid, added, next_id = next_id, now, next_id + 1
            event_rows.append(_event_row(eid, merge_key, members, added, now))
            for u in members:
                links.append(
                    {
                        "event_id": eid, "mention_id": u.mention_id, "article_id": u.article_id,
                        "source_position": u.source_position, "target_position": u.target_position,
                        "is_root": u.is_root, "confidence": u.confidence,
                    }
                )
    kept = {r["id"] for r in event_rows}
    report.events_removed = sum(1 for eid, _ in existing.values() if eid not in kept)
    report.events_written = len(event_rows)
    report.mentions = len(links)
    old_ids = [eid for eid, _ in existing.values()]
    con.execute("BEGIN TRANSACTION")
    try:
        for table, column, values in (("event_mentions", "event_id", old_ids), ("event_mentions", "article_id", ids),
                                      ("merged_events", "id", old_ids)):
            where, params = keyed_in(column, values)
            con.execute(f"DELETE FROM {table} WHERE {where}", params)
        for table, rows in (("merged_events", event_rows), ("event_mentions", links)):
            insert_rows(con, table, rows)
        where, params = keyed_in("article_id", ids)
        con.execute(f"DELETE FROM aggregated_articles WHERE {where}", params)
        where, params = keyed_in("id", ids)
        con.execute(f"INSERT INTO aggregated_articles SELECT id, coded_at FROM articles WHERE {where}", params)
        _set_setting(store, "next_id", str(next_id))
        con.execute("COMMIT")
    except Exception:
        rollback(con)
        raise
