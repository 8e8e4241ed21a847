"""Readers: every contract format, ids, dates, and bad input that becomes a reject with a reason."""

from __future__ import annotations

import json
from datetime import date

import pytest

from dyads.ingest import DateError, parse_date, read_inputs
from dyads.models import Article, Reject


def _read(*paths) -> list:
    return list(read_inputs([str(p) for p in paths]))


def test_seed_txt_round_trips(seed_article):
    raw = open(seed_article.origin, encoding="utf-8").read()
    assert seed_article.id == "lavrov-2013-07-22"
    assert seed_article.publication_date == date(2013, 7, 22)
    # the caption stays part of the text; only the date marker is gone
    assert seed_article.text.startswith("Russia's Foreign Minister Sergei Lavrov speaks")
    assert raw.endswith(seed_article.text)
    assert "date 2013-07-22" not in seed_article.text


def test_txt_colon_header_and_default_date(tmp_path):
    (tmp_path / "a.txt").write_text("date: 2020-01-02\nBody text here.")
    (tmp_path / "b.txt").write_text("No header at all.")
    a, b = list(read_inputs([str(tmp_path)], default_date=date(2019, 5, 5)))
    assert (a.id, a.publication_date, a.text) == ("a", date(2020, 1, 2), "\nBody text here.")
    assert (b.id, b.publication_date) == ("b", date(2019, 5, 5))


def test_jsonl_ids_and_rejects(tmp_path):
    p = tmp_path / "feed.jsonl"
    p.write_text(
        "\n".join(
            [
                json.dumps({"id": "x1", "date": "2013-07-22", "text": "Russia met Syria.", "title": "T"}),
                json.dumps({"date": "2013-07-23", "text": "No id here."}),
                "{not json",
                json.dumps({"id": "x4", "date": "2013-07-22"}),
                json.dumps({"id": "x5", "date": "yesterday-ish", "text": "Bad date."}),
                json.dumps({"id": "x6", "date": "3000-01-01", "text": "Absurd date."}),
            ]
        )
    )
    items = _read(p)
    arts = [i for i in items if isinstance(i, Article)]
    rejects = [i for i in items if isinstance(i, Reject)]
    assert [a.id for a in arts] == ["x1", "feed:2"]
    assert arts[0].title == "T"
    assert [(r.record, r.reason.split(":")[0]) for r in rejects] == [
        ("line 3", "malformed JSON"),
        ("line 4", "missing or empty 'text' field"),
        ("line 5", "unreadable date 'yesterday-ish' (expected YYYY-MM-DD)"),
        ("line 6", "absurd date '3000-01-01'"),
    ]
    assert all(r.origin == str(p) and r.raw for r in rejects)


def test_csv_and_missing_text_column(tmp_path):
    ok = tmp_path / "ok.csv"
    ok.write_text('id,date,text\nc1,2013-07-22,"Russia, a backer, met Syria."\n,2013-07-23,Second.\n')
    bad = tmp_path / "bad.csv"
    bad.write_text("id,body\n1,hello\n")
    items = _read(ok, bad)
    assert [getattr(i, "id", None) for i in items[:2]] == ["c1", "ok:2"]
    assert items[0].text == "Russia, a backer, met Syria."
    assert isinstance(items[2], Reject) and "no 'text' column" in items[2].reason


def test_parquet_file_on_one_machine(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    news = tmp_path / "news.parquet"
    pq.write_table(pa.table({"ID": ["p1", None], "date": ["2013-07-22", "2013-07-23"],
                             "text": ["Russia met Syria.", "Iran warned Iraq."]}), news, row_group_size=1)
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 not really parquet")
    items = _read(news, broken)
    assert [(a.id, a.publication_date) for a in items[:2]] == [("p1", date(2013, 7, 22)), ("news:2", date(2013, 7, 23))]
    assert isinstance(items[2], Reject) and items[2].origin == str(broken)
    assert items[2].reason.startswith("not a readable Parquet file")


def test_petrarch_xml_and_timeml(tmp_path):
    x = tmp_path / "s.xml"
    x.write_text(
        '<Sentences><Sentence id="AGW-1" date="20130722" source="x"><Text>\n Arnor  attacked Gondor.\n'
        "</Text><Parse>(ROOT)</Parse></Sentence></Sentences>"
    )
    t = tmp_path / "doc.tml"
    t.write_text(
        '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">'
        "01/08/1998</TIMEX3></DCT><TEXT>On <TIMEX3 tid=\"t1\" value=\"1998-01-07\">Wednesday</TIMEX3> it "
        "rained.</TEXT></TimeML>"
    )
    a, b = _read(x, t)
    assert (a.id, a.publication_date, a.text) == ("AGW-1", date(2013, 7, 22), "Arnor attacked Gondor.")
    assert (b.id, b.publication_date, b.text) == ("doc", date(1998, 1, 8), "On Wednesday it rained.")


def test_xml_entity_bomb_is_refused(tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        '<Sentences><Sentence id="1" date="20130101"><Text>&lol2;</Text></Sentence></Sentences>'
    )
    (r,) = _read(bomb)
    assert isinstance(r, Reject) and "unsafe XML" in r.reason


def test_html_main_text_and_date(tmp_path):
    h = tmp_path / "page.html"
    h.write_text(
        '<html><head><title>Talks</title><meta property="article:published_time" content="2014-03-01T10:00:00Z">'
        "<script>var x=1;</script></head><body><nav>Home | World</nav><article><h1>Talks resume</h1>"
        "<p>Iran and the EU resumed talks.</p></article><footer>Copyright</footer></body></html>"
    )
    (a,) = _read(h)
    assert a.publication_date == date(2014, 3, 1)
    assert a.title == "Talks"
    assert a.text == "Talks resume\n\nIran and the EU resumed talks."


STORY = [
    "ATHENS (Test Wire) - Greek unions staged a general strike on Friday against new spending cuts, closing "
    "schools and grounding flights across the country.",
    "Police fired tear gas at protesters who threw stones outside parliament, where lawmakers were due to vote on "
    "the budget later in the day.",
    "The finance minister said the cuts were the price of the next loan from the European Union and the IMF.",
]


@pytest.mark.parametrize("layout", ["divs", "trending-first", "article-inserts", "semantic", "plain"])
def test_html_page_keeps_the_story_and_drops_headline_lists_and_comments(tmp_path, layout):
    """Related-story lists, trending rails and reader comments are English sentences the coder would read as
    events: the main text is the story alone, whatever the markup (was: our rules kept them on any page
    without an <article> element, and the inserts inside one)."""
    from dyads.eval.ingest import BOILERPLATE_SENTENCES, LAYOUTS, _norm

    page = tmp_path / f"{layout}.html"
    page.write_text(LAYOUTS[layout]("Greek unions strike over cuts", "2012-10-19T08:00:00Z", STORY, 0))
    (a,) = _read(page)
    assert isinstance(a, Article) and a.publication_date == date(2012, 10, 19)
    assert [_norm(p) for p in a.text.split("\n\n") if _norm(p) in map(_norm, STORY)] == [_norm(p) for p in STORY]
    assert [s for s in BOILERPLATE_SENTENCES if _norm(s) in _norm(a.text)] == []


def test_html_page_without_main_text_is_a_reject_naming_the_reason(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>Index</title></head><body><nav><a href='/'>Home</a></nav>"
                    "<script>var x = 1;</script></body></html>")
    (r,) = _read(page)
    assert isinstance(r, Reject) and r.reason == "no text"


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ("date 2013-07-22 caption\n\nÉlysée talks.".encode("utf-16"), "Élysée talks."),
        ("date 2013-07-22 x\n\nCafé talks “quoted”.".encode("cp1252"), "Café talks “quoted”."),
    ],
)
def test_other_encodings_are_decoded(tmp_path, payload, expected):
    p = tmp_path / "enc.txt"
    p.write_bytes(payload)
    (a,) = _read(p)
    assert a.text.endswith(expected)


def test_binary_empty_and_missing_files(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary\x00" * 10)
    (tmp_path / "empty.jsonl").write_text("")
    items = _read(tmp_path / "bin.txt", tmp_path / "empty.jsonl", tmp_path / "nope.txt")
    assert [r.reason for r in items] == [
        "binary data (NUL bytes), not text",
        "empty file",
        "no such file or directory",
    ]


def test_parse_date_forms():
    assert parse_date("2013-07-22T10:00:00Z") == date(2013, 7, 22)
    assert parse_date("20130722") == date(2013, 7, 22)
    assert parse_date("July 22, 2013") == date(2013, 7, 22)
    assert parse_date("") is None
    with pytest.raises(DateError):
        parse_date("0000-01-01")
    with pytest.raises(DateError):
        parse_date("2013-02-30")


def _jsonl_bytes(text: str) -> str:
    return json.dumps({"id": "a", "date": "2013-07-22", "text": text}, ensure_ascii=False) + "\n"


@pytest.mark.parametrize(
    ("encode", "text"),
    [
        (lambda s: s.encode("utf-16"), "Élysée talks resumed on Monday."),
        (lambda s: s.encode("cp1252"), "Café talks “quoted” on Monday."),
        (lambda s: b"\xef\xbb\xbf" + s.encode("utf-8"), "Talks in Zürich resumed on Monday."),
    ],
)
def test_jsonl_files_are_decoded_like_other_files(tmp_path, encode, text):
    p = tmp_path / "feed.jsonl"
    p.write_bytes(encode(_jsonl_bytes(text)))
    (a,) = _read(p)
    assert (a.id, a.text) == ("a", text)


def test_jsonl_is_read_line_by_line_not_whole(tmp_path, monkeypatch):
    """A corpus file is streamed: the reader never holds the whole file (memory flat over corpus size)."""
    from pathlib import Path

    p = tmp_path / "feed.jsonl"
    p.write_text(_jsonl_bytes("Russia criticised the United States on Monday.") * 3, encoding="utf-8")

    def whole_file(self):
        raise AssertionError("read the whole file")

    monkeypatch.setattr(Path, "read_bytes", whole_file)
    monkeypatch.setattr(Path, "read_text", whole_file)
    items = _read(p)
    assert [type(x) for x in items] == [Article] * 3
    assert [x.text for x in items] == ["Russia criticised the United States on Monday."] * 3


def test_jsonl_blank_and_binary_files_are_rejected(tmp_path):
    (tmp_path / "blank.jsonl").write_text("\n  \n\n")
    (tmp_path / "bin.jsonl").write_bytes(b"\x00\x01binary\x00" * 10)
    items = _read(tmp_path / "blank.jsonl", tmp_path / "bin.jsonl")
    assert [r.reason for r in items] == ["empty file", "binary data (NUL bytes), not text"]
