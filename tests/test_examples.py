"""The bundled examples/ corpus reads cleanly in every format, so `make run` shows every kind of output.

These tests guard the corpus itself (a broken quote in the CSV, a missing date meta tag, a duplicated
id would silently drop or merge articles) and the reader behaviour it was written to exercise:
the `.txt` date line keeps its photo caption as text, HTML boilerplate is dropped, and record ids
come from the records themselves.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from dyads.ingest import read_inputs
from dyads.models import Article, Reject

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def items() -> list[Article | Reject]:
    return list(read_inputs([str(EXAMPLES)]))


@pytest.fixture(scope="module")
def articles(items: list[Article | Reject]) -> list[Article]:
    return [it for it in items if isinstance(it, Article)]


def _suffix(article: Article) -> str:
    """The input format an article came from, from its origin ("dir/file.jsonl:line 3")."""
    return Path((article.origin or "").split(":line ")[0].split(":row ")[0].split(":sentence ")[0]).suffix


def test_no_rejects(items: list[Article | Reject]) -> None:
    rejects = [f"{r.origin} {r.record}: {r.reason}" for r in items if isinstance(r, Reject)]
    assert rejects == []


def test_enough_articles_in_every_format(articles: list[Article]) -> None:
    assert len(articles) >= 24
    by_format = Counter(_suffix(a) for a in articles)
    assert by_format[".txt"] >= 8
    assert by_format[".jsonl"] >= 6
    assert by_format[".csv"] >= 4
    assert by_format[".html"] >= 2
    assert by_format[".xml"] >= 3


def test_ids_are_unique(articles: list[Article]) -> None:
    dupes = [i for i, n in Counter(a.id for a in articles).items() if n > 1]
    assert dupes == []


def test_every_article_has_its_publication_date(articles: list[Article]) -> None:
    for a in articles:
        assert a.publication_date is not None, a.id
        assert date(2012, 1, 1) <= a.publication_date <= date(2024, 12, 31), a.id
        # every id names its date (2014-02-11 or 20131125): a misread date shows up as a mismatch
        iso = a.publication_date.isoformat()
        assert iso in a.id or iso.replace("-", "") in a.id, (a.id, iso)


def test_txt_caption_stays_part_of_the_text(articles: list[Article]) -> None:
    txt = [a for a in articles if _suffix(a) == ".txt"]
    assert txt
    for a in txt:
        raw = (EXAMPLES / f"{a.id}.txt").read_text(encoding="utf-8")
        caption = raw.partition("\n")[0].split(maxsplit=2)[2]
        assert "DYADS WIRE" in caption
        assert a.text.startswith(caption), a.id
        assert not re.match(r"\s*date", a.text), a.id
        assert raw.endswith(a.text), a.id  # nothing but the date marker is dropped
        # caption, blank line, then the story under its dateline
        assert re.search(r"\n\n[A-Z][A-Z .,]+ \(Dyads Wire\) - ", a.text), a.id


def test_html_boilerplate_is_removed(articles: list[Article]) -> None:
    html = [a for a in articles if _suffix(a) == ".html"]
    assert html
    for a in html:
        assert "(Dyads Wire) - " in a.text
        for boiler in ("Subscribe", "Sign in", "Related stories", "Terms of use", "dataLayer", "trackPageView",
                       "Advertise", "font-family"):
            assert boiler not in a.text, (a.id, boiler)
        assert a.title


def test_records_keep_their_metadata(articles: list[Article]) -> None:
    for a in articles:
        if _suffix(a) in {".jsonl", ".csv"}:
            assert a.title and a.source == "Dyads Wire" and a.url and a.url.startswith("https://"), a.id
            assert re.match(r"[A-Z][A-Z .,]+(, [A-Z][a-z]+)? \(Dyads Wire\) - ", a.text), a.id


def test_articles_are_short_news_stories(articles: list[Article]) -> None:
    for a in articles:
        words = len(a.text.split())
        if _suffix(a) == ".xml":
            assert 10 <= words <= 60 and a.text.count(". ") == 0, a.id  # one sentence each
        else:
            assert 120 <= words <= 300, (a.id, words)
