"""End-to-end tests of the web app in headless Chromium (Debian's chromium, driven by Playwright).

A real uvicorn server on 127.0.0.1 serves the small database of tests/test_web.py; each page is
loaded, its counts and names checked, and the click path network -> dyad -> article followed.
Every number on the overview, dyad, network, map and actor pages is a link; the tests open each one
and check that the page it opens counts exactly that many rows. Screenshots of every page at 1366
and 390 px wide are written to docs/screenshots/ (what the docs show is what the tests saw).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
REPO = Path(__file__).resolve().parent.parent


WIDTHS = {"wide": (1366, 900), "phone": (390, 844)}


@pytest.fixture(scope="module")
def artifacts() -> Path:
    out = Path(os.environ.get("DYADS_SCREENSHOTS", REPO / "docs" / "screenshots"))
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    pytest.importorskip("fastapi")
    uvicorn = pytest.importorskip("uvicorn")
    from dyads.aggregate import update_events
    from dyads.store import Store
    from dyads.web import create_app
    from tests.test_web import build_db

    db = build_db(tmp_path_factory.mktemp("webbrowser") / "browser.duckdb")
    with Store(db) as st:  # the merged events too, as `dyads events` would merge them
        update_events(st)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A fresh page that records console errors, page errors, dialogs and requests off the server."""
    ctx = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    pg = ctx.new_page()
    pg.problems = []
    pg.on("console", lambda m: m.type == "error" and pg.problems.append(f"console: {m.text}"))
    pg.on("pageerror", lambda e: pg.problems.append(f"page error: {e}"))
    pg.on("dialog", lambda d: (pg.problems.append(f"dialog: {d.message}"), d.dismiss()))
    pg.on("request", lambda r: r.url.startswith(server) or pg.problems.append(f"off-site request: {r.url}"))
    yield pg
    assert pg.problems == []
    ctx.close()


def expect(locator):
    from playwright.sync_api import expect as pw_expect

    return pw_expect(locator)


def open_view(page, server: str, route: str):
    """Open `#/route` and wait until its view has rendered (also when the hash only changes)."""
    page.evaluate("document.body && document.body.removeAttribute('data-ready')")
    if page.url == f"{server}/#/{route}":  # the same address again: no hash change would render it
        page.reload()
    else:
        page.goto(f"{server}/#/{route}")
    name = route.split("?")[0]
    page.wait_for_selector(f"body[data-ready='{name}'] #view-{name}.ready", timeout=15000)
    assert page.locator("#error-page").count() == 0, page.locator("#error-page").all_inner_texts()


def wait_js(page, expression: str, timeout: float = 15.0):
    """Wait until a JavaScript expression is true. Not `page.wait_for_function`: its predicate is run
    with eval inside the page, which the app's Content-Security-Policy (script-src 'self') forbids
    whenever the first check fails; `page.evaluate` goes through the DevTools protocol instead."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout:.0f} s: {expression}")
        page.wait_for_timeout(50)


def wait_view(page, name: str):
    page.wait_for_selector(f"#view-{name}.ready", timeout=15000)


def shoot(page, artifacts: Path, name: str):
    """The page as it is at both widths (the phone width reloads it: charts are drawn for their width)."""
    page.screenshot(path=str(artifacts / f"web-{name}-1366.png"), full_page=True)
    page.set_viewport_size({"width": WIDTHS["phone"][0], "height": WIDTHS["phone"][1]})
    page.reload()
    page.wait_for_selector("body[data-ready] .ready", timeout=15000)
    wait_js(page, "!document.querySelector('.pending')", timeout=60)  # parts loaded after the page
    page.wait_for_timeout(150)  # the chart boxes redraw for the new width
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTHS["phone"][0] + 1, f"{name}: the page is {width} px wide at 390 px"
    page.screenshot(path=str(artifacts / f"web-{name}-390.png"), full_page=True)
    page.set_viewport_size({"width": WIDTHS["wide"][0], "height": WIDTHS["wide"][1]})


def total_on(page, server: str, href: str) -> int:
    """The number of rows the page at `href` (a #/ route) counts: its element with data-total."""
    open_view(page, server, href.removeprefix("#/"))
    return int(page.get_attribute("[data-total]", "data-total"))


def check_every_count(page, server: str, route: str, at_least: int) -> int:
    """Open `route`, then every number on it: each must open a page that counts exactly that many rows."""
    open_view(page, server, route)
    links = page.eval_on_selector_all(
        "#view a.count",
        "els => els.map(a => [a.getAttribute('href'), Number(a.dataset.count), "
        "a.closest('svg') ? null : a.textContent])",
    )
    assert len(links) >= at_least, (route, links)
    for href, n, text in links:
        assert text is None or text.replace(",", "") == str(n), (route, href, text, n)  # chart marks: their title
        assert total_on(page, server, href) == n, f"{route}: the number {n} links to {href}, which counts otherwise"
    return len(links)


def test_every_number_opens_exactly_the_rows_it_counts(page, server):
    checked = 0
    checked += check_every_count(page, server, "overview", 25)
    checked += check_every_count(page, server, "overview?interval=week&match=exact&actor=RUS", 5)
    checked += check_every_count(page, server, "dyad?a=USA&b=RUS", 6)
    checked += check_every_count(page, server, "dyad?a=RUS&b=USA&match=exact", 3)
    checked += check_every_count(page, server, "network", 7)
    checked += check_every_count(page, server, "network?level=country", 5)
    checked += check_every_count(page, server, "map", 4)
    checked += check_every_count(page, server, "map?basis=all", 8)
    checked += check_every_count(page, server, "actor?code=RUS", 3)
    checked += check_every_count(page, server, "articles", 3)
    assert checked >= 70


def test_overview(page, server, artifacts):
    open_view(page, server, "overview")
    assert page.inner_text("#total-events") == "7"
    assert page.inner_text("#total-articles") == "3"
    assert [page.inner_text(f"#quad-{q}") for q in (1, 2, 3, 4)] == ["3", "1", "2", "1"]
    # a continuous axis: July, August, September 2013, each with its bar; one undated mention off the axis
    assert page.locator("#timeline a.bar-link").count() == 3
    assert page.locator("#timeline rect").count() == 6  # non-empty quad segments over three months
    assert page.inner_text("#undated-count") == "1"
    assert "RUSGOV · Russia: government" in page.inner_text("#top-actors")
    assert "USA → RUS (+1.0)" in page.inner_text("#top-dyads")
    assert "Moscow, RUS" in page.inner_text("#top-places")
    assert "4 articles, 7 mentions" in page.inner_text("#dbinfo")
    assert "published 2013-07-22 to 2013-09-03" in page.inner_text("#dbinfo")  # publication dates, not event dates
    assert "mentions" in page.inner_text("#unit-note")
    csv_href = page.get_attribute("#top-actors .dl-csv", "href")
    assert page.request.get(server + csv_href).text().startswith("code,n,as_source,as_target,name")
    shoot(page, artifacts, "overview")
    page.click('#timeline a.bar-link[data-period="2013-07-01"] rect >> nth=0')  # a month's bar: its events
    wait_view(page, "search")
    expect(page.locator("#result-count")).to_have_text("2 match")
    assert page.input_value("#filters input[name=date_to]") == "2013-07-31"


def test_weeks_are_labelled_as_weeks_and_empty_periods_shown(page, server):
    open_view(page, server, "overview?interval=week")
    labels = page.locator("#timeline text.period-label").all_text_contents()
    assert labels and all("-W" in t for t in labels), labels
    # 2013-07-22 to 2013-09-09: eight weeks on the axis, five with mentions, the others empty slots
    assert page.locator("#timeline a.bar-link").count() == 5
    weeks = page.request.get(server + "/api/overview?interval=week").json()["timeline"]
    assert len(weeks) == 8 and sum(1 for w in weeks if w["total"] == 0) == 3
    assert "2013-W30" in labels


def test_search_filter_unit_and_csv(page, server, artifacts):
    open_view(page, server, "search")
    assert page.inner_text("#result-count") == "7 match"
    page.fill("#filters input[name=actor]", "RUS")
    page.select_option("#filters select[name=quad_class]", "3")
    page.click("#filters button[type=submit]")
    expect(page.locator("#view-search.ready #result-count")).to_have_text("2 match")
    rows = page.locator("tr.event-row")
    assert rows.count() == 2
    assert {rows.nth(i).get_attribute("data-id") for i in range(2)} == {"moscow-1:s1:e1", "washington-1:s0:e1"}
    assert page.locator("tr.event-row mark").first.inner_text() in {"criticised", "accused"}
    href = page.get_attribute("#csv-link", "href")
    assert "actor=RUS" in href and "quad_class=3" in href
    csv_text = page.request.get(server + href).text()
    assert len(csv_text.strip().splitlines()) == 3  # header and the two events
    # exact codes: RUS only, not RUSGOV
    page.select_option("#filters select[name=match]", "exact")
    page.select_option("#filters select[name=quad_class]", "")
    page.click("#filters button[type=submit]")
    expect(page.locator("#view-search.ready #result-count")).to_have_text("4 match")
    shoot(page, artifacts, "search")
    page.fill("#filters input[name=q]", "no sentence says this")
    page.click("#filters button[type=submit]")
    page.wait_for_selector("#no-events")


def test_merged_events_are_a_visible_switch(page, server):
    open_view(page, server, "search?unit=events")
    assert "merged across articles" in page.inner_text("#unit-note")
    n = int(page.get_attribute("#result-count", "data-total"))
    assert n == page.locator("tr.merged-row").count() and n > 0
    page.select_option("#unit", "mentions")
    wait_view(page, "search")
    expect(page.locator("#view-search.ready #result-count")).to_have_text("7 match")


def test_network_to_dyad_to_article(page, server, artifacts):
    open_view(page, server, "network")
    assert page.inner_text("#net-count") == "9 actors, 7 edges"
    assert page.locator("#network .net-node").count() == 9
    assert page.locator("#network .net-edge.conflict").count() == 2  # RUS -> USA, SYRMIL -> SYRREB
    assert page.locator("#edge-table a.count").count() == 7
    page.click("#view .zoom-in")  # zoom changes the drawing's viewBox, not the page
    assert page.get_attribute("#network", "viewBox").split()[2] != page.evaluate(
        "String(document.querySelector('#network').getAttribute('width'))")
    shoot(page, artifacts, "network")

    page.click('#network .net-edge[data-source="USA"][data-target="RUS"]')
    wait_view(page, "dyad")
    assert page.inner_text("#dyad-title") == "USA ⇄ RUS"
    assert page.inner_text("#dyad-ab-n") == "2" and page.inner_text("#dyad-ba-n") == "1"
    assert page.locator("#dyad-chart a.bar-ab").count() == 2  # two months with USA -> RUS, none in between is drawn
    assert page.locator("tr.event-row").count() == 3
    shoot(page, artifacts, "dyad")

    page.click('tr.event-row[data-id="washington-1:s0:e1"] a.article-link')
    wait_view(page, "article")
    assert page.inner_text("#article-title") == "US accuses Russia"
    assert page.locator("#article-text .hl-trigger").count() == 2
    assert "accused" in page.inner_text("#article-text .hl-selected .hl-trigger, #article-text .hl-trigger.hl-selected")


def test_charts_follow_the_window_and_the_network_pans(page, server):
    """What a charting library would have been chosen for (docs/web.md), checked on the hand-drawn SVG:
    a chart is redrawn for the width it gets when the window changes (no reload), and the network zooms
    with the wheel and pans with a drag."""
    open_view(page, server, "overview")
    wide = float(page.get_attribute("#timeline", "width"))
    page.set_viewport_size({"width": 700, "height": 900})
    wait_js(page, f"Number(document.querySelector('#timeline').getAttribute('width')) < {wide - 100}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 701
    page.set_viewport_size({"width": WIDTHS["wide"][0], "height": WIDTHS["wide"][1]})
    # 10,000 days on 1300 px: each quad class one path, each day with mentions one link that counts them
    dense = page.evaluate("""() => {
        const rows = Array.from({ length: 10000 }, (_, i) => {
            const q = [i % 3, i % 2, 0, i % 7 === 0 ? 1 : 0];
            return { period: new Date(Date.UTC(1990, 0, 1 + i)).toISOString().slice(0, 10),
                     q1: q[0], q2: q[1], q3: q[2], q4: q[3], total: q[0] + q[1] + q[2] + q[3] };
        });
        const href = (r) => "#/search?date_from=" + r.period;
        const s = stackedBars(rows, { height: 220, interval: "day", href })(1300);
        const links = [...s.querySelectorAll("a.bar-link")];
        return { paths: s.querySelectorAll("path").length, links: links.length,
                 counted: links.reduce((n, a) => n + Number(a.dataset.count), 0),
                 expected: rows.reduce((n, r) => n + r.total, 0), nonEmpty: rows.filter((r) => r.total).length };
    }""")
    assert dense["paths"] == 3 and dense["links"] == dense["nonEmpty"] and dense["counted"] == dense["expected"]
    dyad = page.evaluate("""() => {
        const rows = Array.from({ length: 10000 }, (_, i) => ({
            period: new Date(Date.UTC(1990, 0, 1 + i)).toISOString().slice(0, 10), ab_n: i % 3, ba_n: i % 5 ? 0 : 2,
            ab_goldstein: i % 3 ? 1.5 : null, ba_goldstein: i % 5 ? null : -4 }));
        const s = dyadChart(rows, "AAA", "BBB", "day", (dir, r) => "#/" + dir + r.period)(1300);
        return { ab: [...s.querySelectorAll("a.bar-ab")].reduce((n, a) => n + Number(a.dataset.count), 0),
                 ba: [...s.querySelectorAll("a.bar-ba")].reduce((n, a) => n + Number(a.dataset.count), 0),
                 abWant: rows.reduce((n, r) => n + r.ab_n, 0), baWant: rows.reduce((n, r) => n + r.ba_n, 0),
                 circles: s.querySelectorAll("circle").length, lines: s.querySelectorAll("polyline").length };
    }""")
    assert dyad["ab"] == dyad["abWant"] and dyad["ba"] == dyad["baWant"] and dyad["circles"] == 0 and dyad["lines"] > 0
    open_view(page, server, "network")
    box = page.locator("#network").bounding_box()
    before = page.get_attribute("#network", "viewBox")
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -300)  # zoom in at the pointer
    zoomed = page.get_attribute("#network", "viewBox")
    assert float(zoomed.split()[2]) < float(before.split()[2])
    page.mouse.move(box["x"] + 5, box["y"] + 5)  # the background, away from nodes and edges
    page.mouse.down()
    page.mouse.move(box["x"] + 105, box["y"] + 45, steps=4)
    page.mouse.up()
    panned = page.get_attribute("#network", "viewBox")
    assert panned.split()[:2] != zoomed.split()[:2] and panned.split()[2:] == zoomed.split()[2:]


def test_countries_network_has_no_sectors(page, server):
    open_view(page, server, "network?level=country")
    ids = set(page.eval_on_selector_all("#network .net-node", "els => els.map(e => e.dataset.id)"))
    assert ids == {"RUS", "USA", "SYR", "FRA", "CHN"}


def test_article_highlights_and_escaping(page, server, artifacts):
    open_view(page, server, "article?id=moscow-1&event=moscow-1:s0:e1")
    text = page.locator("#article-text")
    assert text.locator(".hl-actor").count() >= 5
    assert text.locator(".hl-time").inner_text() == "on Monday"
    assert text.locator(".hl-place").inner_text() == "MOSCOW"
    assert text.locator(".hl-quote").inner_text() == "We will not accept this,"
    assert "Sergei Lavrov" in text.locator(".hl-quote").get_attribute("title")
    assert page.locator("#article-text .hl-selected").count() > 0
    assert page.locator("tr.event-row").count() == 2
    shoot(page, artifacts, "article")

    open_view(page, server, "article?id=aleppo-1")
    # the title and text look like HTML: they must show as text, and nothing in them may run
    assert page.inner_text("#article-title") == "<script>alert('x')</script> Aid & <b>arms</b>"
    assert "<b>50% off</b>" in page.inner_text("#article-text")
    assert page.locator("#view script, #article-title *, #article-text b").count() == 0


def test_map(page, server, artifacts):
    open_view(page, server, "map")  # by default, mentions placed from their own sentence
    assert page.input_value("#map-basis") == "sentence"
    assert page.locator("#map path.country").count() > 150
    assert page.locator("#map a.map-dot").count() == 3  # Washington, Aleppo, France (by country); not Moscow
    assert page.locator('#map a.map-dot[data-label="Moscow, RUS"]').count() == 0
    shoot(page, artifacts, "map")
    assert page.input_value("#filters select[name=basis]") == "sentence"  # the bar says what the map shows
    page.select_option("#filters select[name=basis]", "")
    page.click("#filters button[type=submit]")
    wait_js(page, "location.hash.includes('basis=all')")
    open_view(page, server, "map?basis=all")
    assert page.locator("#map a.map-dot").count() == 4
    assert page.locator("#map a.map-dot.by-country").count() == 1
    # Washington has one cooperative and one conflictual mention: both show as slices
    assert page.locator('#map a.map-dot[data-label="Washington, USA"] path').count() == 2
    assert page.inner_text("#unplaced-count") == "1"
    page.locator('#map a.map-dot[data-label="Moscow, RUS"]').dispatch_event("click")
    wait_view(page, "search")
    assert page.inner_text("#result-count") == "2 match"


def test_event_actor_and_quotes_pages(page, server, artifacts):
    open_view(page, server, "event?id=washington-1:s0:e1")
    facts = page.inner_text("#event-facts")
    assert "precision: day" in facts and "placed from the sentence" in facts and "0.8" in facts
    assert page.locator("#event-facts a.article-link").count() == 1
    # why it was coded: loaded after the page (the server's first explanation loads the language model)
    page.wait_for_selector("#event-explanation:not(.pending)", timeout=120_000)
    why = page.inner_text("#event-explanation")
    assert "verbs.tsv:" in why and "accused" in why and "one_sided" in why, why
    assert page.locator("#explanation-table tr.this").count() == 1
    shoot(page, artifacts, "event")
    open_view(page, server, "actor?code=RUSGOV")
    assert "Russia: government" in page.inner_text("#actor-title")
    assert page.inner_text("#actor-either") == "1"
    shoot(page, artifacts, "actor")
    open_view(page, server, "quotes")
    assert page.get_attribute("#quotes-count", "data-total") == "1"
    assert "Sergei Lavrov" in page.inner_text("#quote-table")
    shoot(page, artifacts, "quotes")


def test_bad_addresses_get_a_page_a_person_can_read(page, server):
    page.goto(f"{server}/#/search?date_from=2013-13-45")
    page.wait_for_selector("#view-search.ready")
    msg = page.inner_text("#error-message")
    assert "date_from" in msg and "{" not in msg and "[" not in msg
    page.goto(f"{server}/#/nowhere")
    page.wait_for_selector("#error-page")
    assert "no page" in page.inner_text("#error-message")
    # the browser logs the 422 answer itself: expected here
    page.problems[:] = [p for p in page.problems if "status of 422" not in p]
