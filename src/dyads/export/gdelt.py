"""GDELT 2.0 Event (61 columns) and Mention (16 columns) tables from the merged events.

Column names, order and value formats follow the GDELT 2.0 Event Database and Mentions codebooks:
tab-separated, no header in GDELT's own files (`header=True` adds one line of column names, as
GDELT's BigQuery tables name them), codes as zero-padded strings, empty fields for unknowns. What
dyads puts in each column is documented in docs/formats.md.

A negated event ("Russia did not criticise...") has no GDELT equivalent, so it and its mentions
are left out of both tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from dyads.export.codes import country_name, fips_for_iso3, split_actor_code

EVENT_COLUMNS: list[str] = [
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
]

MENTION_COLUMNS: list[str] = [
    "GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
]

assert len(EVENT_COLUMNS) == 61 and len(MENTION_COLUMNS) == 16

# GDELT geographic resolution of a location
GEO_COUNTRY, GEO_USSTATE, GEO_USCITY, GEO_WORLDCITY, GEO_WORLDSTATE = 1, 2, 3, 4, 5
MENTION_TYPE_WEB, MENTION_TYPE_CITATIONONLY = 1, 2


def _stamp(value: datetime | date | None) -> str:
    """GDELT's YYYYMMDDHHMMSS timestamps (midnight for a date)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y%m%d%H%M%S")
    return value.strftime("%Y%m%d") + "000000"


def fraction_date(d: date) -> str:
    """GDELT's FractionDate: YYYY + ((MONTH - 1) * 30 + DAY) / 365, to four decimals.

    This is what GDELT's files hold (2019-03-20 -> 2019.2192, 2020-02-18 -> 2020.1315).
    """
    return f"{d.year + ((d.month - 1) * 30 + d.day) / 365:.4f}"


def _num(value: float | None, digits: int = 4) -> str:
    if value is None:
        return ""
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _actor_block(code: str | None, name: str | None) -> list[str]:
    p = split_actor_code(code)
    rel = p.religions + ["", ""]
    types = p.types + ["", "", ""]
    return [
        p.code, (name or "").upper(), p.country, p.known_group, p.ethnic,
        rel[0], rel[1], types[0], types[1], types[2],
    ]


def geo_block(loc: dict[str, Any] | None) -> list[str]:
    """The 8 geo fields (Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID).

    Country codes are FIPS 10-4; ADM1Code is the FIPS country code followed by the GeoNames admin1
    code (itself FIPS-based for most countries, the state's postal code in the US), as in GDELT.
    FeatureID is the GeoNames id (GDELT uses GNS/GNIS ids) or, for a country, its FIPS code.
    """
    if not loc or not (loc.get("country") or loc.get("name")):
        return ["0", "", "", "", "", "", "", ""]
    iso3 = loc.get("country")
    fips = fips_for_iso3(iso3) or ""
    feature = loc.get("feature")
    country = country_name(iso3) or ""
    name = loc.get("name") or ""
    admin1 = loc.get("admin1") or ""
    # GeoNames admin1 codes ("48", "TX") go into ADM1Code; an admin1 *name* goes into FullName
    admin1_name = admin1 if admin1 and not (len(admin1) <= 3 and admin1.isalnum()) else ""
    is_us = iso3 == "USA"
    if feature == "country" or (not loc.get("geonameid") and feature in (None, "region")):
        gtype = GEO_COUNTRY
        full = country or name
    elif feature == "admin1":
        gtype = GEO_USSTATE if is_us else GEO_WORLDSTATE
        full = ", ".join(x for x in dict.fromkeys((name, country)) if x)
    else:
        gtype = GEO_USCITY if is_us else GEO_WORLDCITY
        full = ", ".join(x for x in dict.fromkeys((name, admin1_name, country)) if x)
    with_admin1 = fips and admin1 and not admin1_name and gtype != GEO_COUNTRY
    adm1 = fips + admin1 if with_admin1 else fips
    if gtype == GEO_COUNTRY:
        feature_id = fips
    else:
        feature_id = str(loc["geonameid"]) if loc.get("geonameid") is not None else ""
    lat = _num(loc.get("lat")) if loc.get("lat") is not None else ""
    lon = _num(loc.get("lon")) if loc.get("lon") is not None else ""
    return [str(gtype), full, fips, adm1, "", lat, lon, feature_id]


def _location(ev: dict[str, Any]) -> dict[str, Any] | None:
    if not (ev.get("location_name") or ev.get("location_country")):
        return None
    return {
        "name": ev.get("location_name"), "country": ev.get("location_country"), "admin1": ev.get("location_admin1"),
        "feature": ev.get("location_feature"), "lat": ev.get("location_lat"), "lon": ev.get("location_lon"),
        "geonameid": ev.get("location_geonameid"),
    }


def _actor_geo(actor_code: str | None, loc: dict[str, Any] | None) -> list[str]:
    """An actor's place: the event's place when the actor is of that country (Lavrov in Moscow), else none."""
    parts = split_actor_code(actor_code)
    if loc and parts.country and parts.country == loc.get("country"):
        return geo_block(loc)
    return geo_block(None)


def event_row(ev: dict[str, Any]) -> list[str]:
    """One GDELT 2.0 Event row (61 strings) of a merged event."""
    d: date | None = ev.get("event_date")
    loc = _location(ev)
    row = [
        str(ev["id"]),
        d.strftime("%Y%m%d") if d else "",
        d.strftime("%Y%m") if d else "",
        str(d.year) if d else "",
        fraction_date(d) if d else "",
        *_actor_block(ev.get("source_code"), ev.get("source_name")),
        *_actor_block(ev.get("target_code"), ev.get("target_name")),
        "1" if ev.get("is_root_event") else "0",
        ev["cameo"],
        ev["cameo_base"],
        ev["cameo_root"],
        "" if ev.get("quad_class") is None else str(ev["quad_class"]),
        "" if ev.get("goldstein") is None else f"{ev['goldstein']:.1f}",
        str(ev["num_mentions"]),
        str(ev["num_sources"]),
        str(ev["num_articles"]),
        _num(ev.get("avg_tone")),
        *_actor_geo(ev.get("source_code"), loc),
        *_actor_geo(ev.get("target_code"), loc),
        *geo_block(loc),
        _stamp(ev.get("added_at")),
        ev.get("source_url") or ev.get("first_article_id") or "",
    ]
    return row


def _offset(actors: list[dict], position: int | None) -> str:
    if position is None or position >= len(actors):
        return "-1"
    start = actors[position].get("start")
    return "-1" if start is None else str(start)


def mention_row(ev: dict[str, Any], m: dict[str, Any]) -> list[str]:
    """One GDELT 2.0 Mention row (16 strings) of one mention of a merged event."""
    rec = m["record"]
    sources, targets = rec.get("source") or [], rec.get("target") or []
    picked = [grp[pos] for grp, pos in ((sources, m["source_position"]), (targets, m["target_position"]))
              if pos is not None and pos < len(grp)]
    # GDELT's InRawText: 0 when an actor was found only through coreference (a pronoun)
    in_raw = all(a.get("kind") != "pronoun" for a in picked)
    when = m.get("publication_date") or m.get("coded_at")
    outlet = m.get("source") or ""
    if not outlet and m.get("url"):
        from urllib.parse import urlparse

        outlet = urlparse(m["url"]).netloc
    conf = m.get("confidence")
    return [
        str(ev["id"]),
        _stamp(ev.get("added_at")),
        _stamp(when),
        str(MENTION_TYPE_WEB if m.get("url") else MENTION_TYPE_CITATIONONLY),
        outlet,
        m.get("url") or m["article_id"],
        str(m["sentence_index"] + 1),
        _offset(sources, m["source_position"]),
        _offset(targets, m["target_position"]),
        "-1" if m.get("trigger_start") is None else str(m["trigger_start"]),
        "1" if in_raw else "0",
        "" if conf is None else str(round(conf * 100)),
        "" if m.get("doc_len") is None else str(m["doc_len"]),
        _num(m.get("tone")),
        "",
        f"<DyadsMention>{m['mention_id']}</DyadsMention>",
    ]


def _clean(row: list[str]) -> str:
    return "\t".join(v.replace("\t", " ").replace("\n", " ").replace("\r", " ") for v in row) + "\n"


def event_lines(events: Iterable[dict[str, Any]], header: bool = False) -> Iterator[str]:
    if header:
        yield "\t".join(EVENT_COLUMNS) + "\n"
    for ev in events:
        if not ev.get("negated"):
            yield _clean(event_row(ev))


def mention_lines(
    events: Iterable[dict[str, Any]], mentions: dict[int, list[dict[str, Any]]], header: bool = False
) -> Iterator[str]:
    if header:
        yield "\t".join(MENTION_COLUMNS) + "\n"
    for ev in events:
        if ev.get("negated"):
            continue
        for m in mentions.get(ev["id"], []):
            yield _clean(mention_row(ev, m))
