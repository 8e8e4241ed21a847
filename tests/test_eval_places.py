"""Tests for dyads.eval.places: the event-location scorer on PLOVER gold records."""

from __future__ import annotations

import json

from click.testing import CliRunner

from dyads.eval.places import _trigger, command, format_report, gold_entry, score_places
from dyads.geo import load_gazetteer
from tests.conftest import SHARED, shared_or_skip


def test_gold_names_resolve_without_context():
    gaz = load_gazetteer()
    assert gold_entry("province of Herat", gaz).country == "AFG"
    assert gold_entry("Jaffna peninsula", gaz).country == "LKA"
    assert gold_entry("Algers", gaz).country == "DZA"  # misspelt in the gold: closest name
    assert gold_entry("Britain", gaz).country == "GBR"
    assert gold_entry("Xqzzyv", gaz) is None


def test_trigger_is_the_first_event_phrase():
    rec = {"text": "Nigeria today announced that it will withdraw its force.",
           "textInfo": {"markup": "(SRC: Nigeria) today (EVT: announced) that it (EVT: will withdraw) its force."}}
    start, end = _trigger(rec)
    assert rec["text"][start:end] == "announced"
    assert _trigger({"text": "Nothing here.", "eventText": "absent"}) is None


def test_scorer_on_a_small_file(tmp_path):
    records = [
        {"id": "a", "text": "Russian and U.S. negotiators met in Geneva on Monday.", "eventText": "met",
         "textInfo": {"markup": "negotiators (EVT: met) in Geneva"},
         "eventLoc": {"name": "Geneva", "country code": "CH"}},
        {"id": "b", "text": "Russia criticised the United States on Monday.", "eventText": "criticised",
         "eventLoc": {"name": "Moscow"}},
        {"id": "c", "text": "No location to score here.", "eventText": "score"},
    ]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"meta": {}, "records": records}))
    m = score_places(path)
    assert (m.records, m.located, m.country_correct, m.place_correct) == (2, 1, 1, 1)
    assert m.results[1].gold_country == "RUS" and m.results[1].predicted is None
    report = format_report(m)
    assert "1/2 = 50.0%" in report and "b: gold Moscow (RUS), got none" in report
    out = CliRunner().invoke(command, [str(path)])
    assert out.exit_code == 0 and "right country" in out.output


def test_plover_dev_event_locations():
    m = score_places(shared_or_skip(SHARED / "eval" / "plover-gsr" / "dev.json"))
    assert m.records == 22
    assert m.country_accuracy >= 0.85, format_report(m)
