"""The stored records decoded (`dyads.records_json`): orjson where installed, and exactly the values
`json.loads` gives, for every record the store writes and for the text orjson refuses."""

from __future__ import annotations

import importlib
import json
import math
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyads import records_json
from dyads.queries import EventFilter, iter_mention_records, mention_records_page
from dyads.store import Store
from tests.test_web import build_db


def _same(a, b) -> bool:
    """Equal values of equal types all the way down (1 == 1.0 == True would hide a changed type)."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def test_orjson_is_the_decoder_where_installed():
    pytest.importorskip("orjson")
    assert records_json.loads is not records_json.loads_stdlib


def test_every_stored_record_decodes_as_json_loads_does(tmp_path):
    db = build_db(tmp_path / "r.duckdb")
    with Store(db) as st:
        texts = [r[0] for r in st.con.execute("SELECT record FROM events").fetchall()]
        assert texts
        for text in texts:
            assert _same(records_json.loads(text), json.loads(text))
        # the readers that decode records give the stored ones
        page = [rec for _, rec in mention_records_page(st.con.cursor(), EventFilter(), None, 100)]
        assert _same(page, list(iter_mention_records(st.con.cursor())))
        assert _same(page, [json.loads(r[0]) for r in st.con.execute(
            "SELECT record FROM events ORDER BY article_id, sentence_index, id").fetchall()])


@pytest.mark.parametrize("value", [
    {"goldstein": float("nan")}, {"x": float("inf"), "y": -float("inf")},  # json.dumps writes NaN, Infinity
    {"big": 2**70, "neg": -(2**65)}, [2**63, -(2**63) - 1, 2**64, -(2**64)],  # beyond 64 bits: orjson gives floats
    [2**63 - 1, -(2**63), 2**64 - 1, 10**18, 123456789012345678],  # within: 19 digits or fewer
    {"s": "\ud800 lone surrogate"},  # escaped by json.dumps, refused by orjson
    {"s": "Ünïcödé \u2028 \U0001f600 \"quoted\" \\ back", "n": None, "t": True, "f": False, "l": [1, 2.5, -0.0]},
    {"f": [0.1, 1e-320, 1.7976931348623157e308, 5e-324, 123456789.12345678, 1e22, 1e23]},
])
def test_text_orjson_refuses_or_reads_decodes_as_json_loads(value):
    for text in (json.dumps(value), json.dumps(value, ensure_ascii=False)):
        assert _same(records_json.loads(text), json.loads(text))


def test_bad_text_raises_as_json_loads_does():
    with pytest.raises(json.JSONDecodeError):
        records_json.loads('{"a": ')


@settings(max_examples=300, deadline=None)
@given(st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
))
def test_any_json_dumps_text_decodes_as_json_loads(value):
    text = json.dumps(value)
    assert _same(records_json.loads(text), json.loads(text))


def test_without_orjson_the_standard_library_decodes(monkeypatch):
    monkeypatch.setitem(sys.modules, "orjson", None)  # import orjson raises ImportError
    try:
        mod = importlib.reload(records_json)
        assert mod.loads is mod.loads_stdlib
        assert _same(mod.loads('{"a": [1, 2.5, NaN]}'), json.loads('{"a": [1, 2.5, NaN]}'))
    finally:
        monkeypatch.undo()
        importlib.reload(records_json)


# -- a page of texts decoded one at a time (`loads_each_marked`, the CSV download) -----------------------

_ODD_TEXTS = [
    json.dumps({"goldstein": float("nan"), "lat": float("inf")}),  # orjson refuses: json.loads decodes
    json.dumps({"start": 2**70, "end": -(2**65)}),  # a run of 19 digits or more: orjson would give floats
    json.dumps({"text": "\ud800 half a pair"}),  # an escaped lone surrogate: orjson refuses
    json.dumps({"text": "Ünïcödé and \u2028, \"quoted\"\nand a line"}, ensure_ascii=False),  # UTF-8 of its own
    json.dumps({"confidence": -0.1, "lat": 1e-07, "lon": 12.345678901234567}, indent=1),  # line breaks in the text
    json.dumps([1, 2.5, None, True]),
]


def _each(texts):
    out = [rec for rec, _ in records_json.loads_each_marked(texts)]
    assert len(out) == len(texts)
    return out


def test_loads_each_marked_decodes_every_stored_record_as_json_loads_does(tmp_path):
    """Every record of the hand-made store and of a generated one (`dyads bench web`'s, written by DuckDB's
    `json_object`, not `json.dumps`), as one page and in pages of a few."""
    from dyads.web.bench import generate_database

    gen = tmp_path / "gen.duckdb"
    generate_database(gen, 300)
    for db in (build_db(tmp_path / "r.duckdb"), gen):
        with Store(db, read_only=True) as st:
            texts = [r[0] for r in st.con.execute("SELECT record FROM events ORDER BY seq").fetchall()]
        assert len(texts) >= 7
        expected = [json.loads(t) for t in texts]
        assert _same(_each(texts), expected)
        for i in range(0, len(texts), 7):
            assert _same(_each(texts[i:i + 7]), expected[i:i + 7])


@pytest.mark.parametrize("odd", range(len(_ODD_TEXTS)))
def test_loads_each_marked_decodes_a_page_with_odd_text_as_json_loads_does(odd):
    """One text that cannot go the fast way (refused by orjson, long digits, a line break of its own,
    its own UTF-8) among plain ones: every text still decodes as `json.loads` decodes it."""
    plain = [json.dumps({"id": f"a:{i}", "goldstein": -2.5 * i, "n": i}) for i in range(5)]
    for texts in ([*plain[:2], _ODD_TEXTS[odd], *plain[2:]], [_ODD_TEXTS[odd]], [*plain, _ODD_TEXTS[odd]]):
        assert _same(_each(texts), [json.loads(t) for t in texts])
        assert _same(_each([t.encode("utf-8", "surrogatepass") for t in texts]), [json.loads(t) for t in texts])


def test_loads_each_marked_of_no_texts_and_bad_text():
    assert _each([]) == []
    with pytest.raises(json.JSONDecodeError):
        list(records_json.loads_each_marked(['{"a": 1}', '{"a": ']))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
), max_size=6))
def test_loads_each_marked_of_any_json_dumps_texts_decodes_as_json_loads(values):
    texts = [json.dumps(v) for v in values]
    assert _same(_each(texts), [json.loads(t) for t in texts])
