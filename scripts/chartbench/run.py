"""Time the web app's hand-drawn charts against Observable Plot, Vega-Lite and d3-force in Chromium.

    npm ci --prefix scripts/chartbench && npm run --prefix scripts/chartbench build
    .venv/bin/python scripts/chartbench/run.py [--sizes 1000,10000] [--repeats 5]

Prints the bundle sizes (minified, gzip -9) and the median ms of each case; docs/web.md has the figures.
"""

from __future__ import annotations

import argparse
import gzip
import os
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000", help="periods of the time series")
    ap.add_argument("--network", default="60,150", help="nodes of the network (edges: 4 per node, at most 500)")
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    for f in sorted((HERE / "dist").glob("*.js")):
        raw = f.read_bytes()
        print(f"size {f.name:<12} {len(raw) / 1024:8.1f} KB minified {len(gzip.compress(raw, 9)) / 1024:7.1f} KB gzip")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                              args=["--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"])
        page = b.new_page(viewport={"width": 1366, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((HERE / "bench.html").as_uri())
        page.evaluate("loadApp()")
        series = ("series/hand-drawn", "series/plot", "series/vega-lite", "dyad/hand-drawn", "dyad/plot")
        cases = [(c, int(n)) for n in args.sizes.split(",") for c in series]
        cases += [(c, int(n)) for n in args.network.split(",") for c in ("network/hand-drawn", "network/d3-force")]
        for name, size in cases:
            r = page.evaluate("([n, s, k]) => runCase(n, s, k)", [name, size, args.repeats])
            print(f"{r['name']:<20} {r['size']:>6} median {r['median_ms']:8.1f} ms  min {r['min_ms']:8.1f} ms  "
                  f"elements {r['elements'] if r['elements'] is not None else '-'}")
        b.close()
        if errors:
            raise SystemExit(f"page errors: {errors}")
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
