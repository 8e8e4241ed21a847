"""End-to-end tests of the web app in headless Chromium (Debian's chromium, driven by Playwright).

A real uvicorn server on 127.0.0.1 serves the small database of tests/test_web.py; each page is
loaded, its counts and names checked, and the click path network -> dyad -> article followed.
Screenshots are saved as web-*.png under $DYADS_ARTIFACTS (default: build/test-artifacts/, ignored by git).
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


@pytest.fixture(scope="module")
def artifacts() -> Path:
    out = Path(os.environ.get("DYADS_ARTIFACTS", REPO / "build" / "test-artifacts"))
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    pytest.importorskip("fastapi")
    uvicorn = pytest.importorskip("uvicorn")
    from dyads.web import create_app
    from tests.test_web import build_db

    db = build_db(tmp_path_factory.mktemp("webbrowser") / "browser.duckdb")
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
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
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
    page.goto(f"{server}/#/{route}")
    name = route.split("?")[0]
    page.wait_for_selector(f"#view-{name}.ready", timeout=15000)
    assert page.locator(".error").count() == 0, page.locator(".error").all_inner_texts()


def wait_view(page, name: str):
    page.wait_for_selector(f"#view-{name}.ready", timeout=15000)


def test_overview(page, server, artifacts):
    open_view(page, server, "overview")
    assert page.inner_text("#total-events") == "7"
    assert page.inner_text("#total-articles") == "3"
    assert [page.inner_text(f"#quad-{q}") for q in (1, 2, 3, 4)] == ["3", "1", "2", "1"]
    assert page.locator("#timeline rect").count() == 6  # non-empty quad segments over three months
    assert "RUSGOV (Sergei Lavrov)" in page.inner_text("#top-actors")
    assert "USA → RUS (+1.0)" in page.inner_text("#top-dyads")
    assert "Moscow, RUS" in page.inner_text("#top-places")
    assert "4 articles, 7 events" in page.inner_text("#dbinfo")
    page.screenshot(path=str(artifacts / "web-overview.png"), full_page=True)
    page.click('#timeline rect[data-period="2013-07-01"] >> nth=0')  # a month's bar: its events
    wait_view(page, "search")
    expect(page.locator("#result-count")).to_have_text("2 match")
    assert page.input_value("#filters input[name=date_to]") == "2013-07-31"


def test_search_filter_and_csv(page, server, artifacts):
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
    page.screenshot(path=str(artifacts / "web-search.png"), full_page=True)
    page.fill("#filters input[name=q]", "no sentence says this")
    page.click("#filters button[type=submit]")
    page.wait_for_selector("#no-events")


def test_network_to_dyad_to_article(page, server, artifacts):
    open_view(page, server, "network")
    assert page.inner_text("#net-count") == "9 actors, 7 edges"
    assert page.locator("#network .net-node").count() == 9
    assert page.locator("#network .net-edge.conflict").count() == 2  # RUS -> USA, SYRMIL -> SYRREB
    page.screenshot(path=str(artifacts / "web-network.png"), full_page=True)

    page.click('#network .net-edge[data-source="USA"][data-target="RUS"]')
    wait_view(page, "dyad")
    assert page.inner_text("#dyad-title") == "USA ⇄ RUS"
    assert page.inner_text("#dyad-ab-n") == "2" and page.inner_text("#dyad-ba-n") == "1"
    assert page.locator("#dyad-chart .bar-ab").count() == 3
    assert page.locator("tr.event-row").count() == 3
    page.screenshot(path=str(artifacts / "web-dyad.png"), full_page=True)

    page.click('tr.event-row[data-id="washington-1:s0:e1"] a.article-link')
    wait_view(page, "article")
    assert page.inner_text("#article-title") == "US accuses Russia"
    assert page.locator("#article-text .hl-trigger").count() == 2
    assert "accused" in page.inner_text("#article-text .hl-selected .hl-trigger, #article-text .hl-trigger.hl-selected")


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
    page.screenshot(path=str(artifacts / "web-article.png"), full_page=True)

    open_view(page, server, "article?id=aleppo-1")
    # the title and text look like HTML: they must show as text, and nothing in them may run
    assert page.inner_text("#article-title") == "<script>alert('x')</script> Aid & <b>arms</b>"
    assert "<b>50% off</b>" in page.inner_text("#article-text")
    assert page.locator("#view script, #article-title *, #article-text b").count() == 0


def test_map(page, server, artifacts):
    open_view(page, server, "map")
    assert page.locator("#map path.country").count() > 150
    dots = page.locator("#map circle.map-dot")
    assert dots.count() == 4
    assert page.locator("#map circle.map-dot.by-country").count() == 1
    assert page.locator('#map circle.map-dot.q4[data-label="Aleppo, SYR"]').count() == 1
    assert "1 events without a location" in page.inner_text("#map-count")
    page.screenshot(path=str(artifacts / "web-map.png"), full_page=True)
    page.locator('#map circle.map-dot[data-label="Moscow, RUS"]').dispatch_event("click")
    wait_view(page, "search")
    assert page.inner_text("#result-count") == "2 match"
