"""Time the web app's hand-drawn charts against Observable Plot, Vega-Lite and d3-force in Chromium.

    npm ci --prefix scripts/chartbench && npm run --prefix scripts/chartbench build
    .venv/bin/python scripts/chartbench/run.py [--sizes 1000,10000] [--repeats 5]

Prints the bundle sizes (minified, gzip -9) and, per case, the median and least ms over --repeats rounds
(each round runs every case once); docs/web.md has the figures.
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
        # rounds: every case once a round, so that the machine's drift and other load hit all alike
        times: dict[tuple[str, int], list[float]] = {c: [] for c in cases}
        elements: dict[tuple[str, int], object] = {}
        for _ in range(args.repeats):
            for name, size in cases:
                r = page.evaluate("([n, s, k]) => runCase(n, s, k)", [name, size, 1])
                times[(name, size)].append(r["median_ms"])
                elements[(name, size)] = r["elements"]
        for (name, size), ms in times.items():
            ms.sort()
            n = elements[(name, size)]
            print(f"{name:<20} {size:>6} median {ms[len(ms) // 2]:8.1f} ms  min {ms[0]:8.1f} ms  "
                  f"elements {n if n is not None else '-'}")
        b.close()
        if errors:
            raise SystemExit(f"page errors: {errors}")
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
