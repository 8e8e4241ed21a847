"""PLOVER JSON records (one per line) from the merged events.

Field names follow the PLOVER manual's JSON tables (event record, entity, text, citation and
location objects); dyads' own extras (CAMEO code, Goldstein, mention counts, tone, mention ids)
are added under their own names, as the manual invites. An event needs a PLOVER type, so events
whose CAMEO code maps to none (CAMEO 01, public statements) and negated events are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from dyads import __version__
from dyads.export.codes import split_actor_code

CODEBOOK = "CAMEO 1.1b3 mapped to PLOVER with CAMEO2PLOVER-2021"
_RESOLUTION = {"country": 1, "admin1": 2, "admin2": 3, "city": 4}


def entity(code: str | None, name: str | None, text: str | None) -> dict[str, Any]:
    """PLOVER entity object: top-level code (country or non-state root) and sector from a CAMEO code."""
    parts = split_actor_code(code)
    sector_code = (code or "")[len(parts.country):]
    return {
        "code": parts.country or None,
        "sector": sector_code[:6] or None,
        "entity_text": text or name,
        "identifier_text": name,
        "religion": parts.religions[0] if parts.religions else None,
        "cameo_code": code,
    }


def _event_loc(ev: dict[str, Any]) -> dict[str, Any] | None:
    if not (ev.get("location_name") or ev.get("location_country")):
        return None
    feature = ev.get("location_feature")
    return {
        "extracted_place": ev.get("location_name"),
        "resolved_place": ev.get("location_name"),
        "geonameid": ev.get("location_geonameid"),
        "lat": ev.get("location_lat"),
        "lon": ev.get("location_lon"),
        "country_code": ev.get("location_country"),
        "feature_class": "A" if feature in ("country", "admin1") else ("P" if feature == "city" else None),
        "resolution": _RESOLUTION.get(feature or "", 1 if not ev.get("location_geonameid") else None),
    }


def _list(value: str | None) -> list[str]:
    if not value:
        return []
    return [v.strip() for v in value.replace(";", ",").split(",") if v.strip()]


def plover_record(ev: dict[str, Any], mentions: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The PLOVER record of one merged event, or None where PLOVER has no such event."""
    if ev.get("negated") or not ev.get("plover"):
        return None
    first = mentions[0] if mentions else None
    source_texts = [m["record"]["source"][m["source_position"]]["text"] for m in mentions
                    if m["source_position"] is not None and m["source_position"] < len(m["record"]["source"])]
    target_texts = [m["record"]["target"][m["target_position"]]["text"] for m in mentions
                    if m["target_position"] is not None and m["target_position"] < len(m["record"]["target"])]
    coded = ev.get("updated_at")
    return {
        "id": str(ev["id"]),
        "has_event": True,
        "date": ev["event_date"].isoformat() if ev.get("event_date") else None,
        "actor": [entity(ev.get("source_code"), ev.get("source_name"), source_texts[0] if source_texts else None)]
        if ev.get("source_code") else [],
        "recipient": [entity(ev.get("target_code"), ev.get("target_name"), target_texts[0] if target_texts else None)]
        if ev.get("target_code") else [],
        "event": [ev["plover"]],
        "mode": _list(ev.get("plover_mode")),
        "context": _list(ev.get("plover_context")),
        "event_loc": _event_loc(ev),
        "event_text": list(dict.fromkeys(m["trigger_text"] for m in mentions if m.get("trigger_text"))),
        "quad_code": ev.get("quad_class"),
        "text": first["sentence"] if first else None,
        "text_info": {"sequence": first["sentence_index"], "start": first["sentence_start"],
                      "end": first["sentence_end"]} if first else None,
        "cite_info": {
            "corpus": first["article_id"] if first else None,
            "url": ev.get("source_url"),
            "title": first.get("title") if first else None,
            "publication": first.get("source") if first else None,
            "language": "en",
            "coder": f"dyads {__version__}",
            "codebook": CODEBOOK,
        },
        "coder": f"dyads {__version__}",
        "coded_date": coded.date().isoformat() if coded else None,
        "coded_time": coded.time().isoformat(timespec="seconds") if coded else None,
        # dyads extras
        "date_precision": ev.get("date_precision"),
        "cameo": ev["cameo"],
        "goldstein": ev.get("goldstein"),
        "num_mentions": ev["num_mentions"],
        "num_sources": ev["num_sources"],
        "num_articles": ev["num_articles"],
        "avg_tone": ev.get("avg_tone"),
        "is_root_event": ev.get("is_root_event"),
        "mentions": [m["mention_id"] for m in mentions],
    }


def plover_records(
    events: Iterable[dict[str, Any]], mentions: dict[int, list[dict[str, Any]]]
) -> Iterator[dict[str, Any]]:
    for ev in events:
        rec = plover_record(ev, mentions.get(ev["id"], []))
        if rec is not None:
            yield rec
