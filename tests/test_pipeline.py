"""The Coder end to end on the seed: the lead event, offsets, stages and explanations."""

from __future__ import annotations

import pytest

from dyads import Coder


def _lead_event(coded):
    for e in coded.events:
        if e.cameo_root == "02" and e.source and e.source[0].code == "RUSGOV":
            return e
    raise AssertionError(f"no RUSGOV 02 event in {[(e.cameo, e.trigger.text) for e in coded.events]}")


def test_seed_lead_event_per_contract(seed_coded):
    e = _lead_event(seed_coded)
    text = seed_coded.article.text
    assert e.cameo == "020" and e.cameo_root == "02" and e.plover == "REQUEST"
    assert e.cameo_name == "Make an appeal or request" and e.goldstein == 3.0 and e.quad_class == 1
    assert [a.code for a in e.target] == ["SYRGOV", "SYROPP"]
    assert e.source[0].name == "Sergei Lavrov"
    assert e.date == "2013-07-22"
    for span in [*e.source, *e.target, e.trigger]:
        assert text[span.start : span.end] == span.text
    assert e.sentence.startswith("Russian Foreign Minister Sergei Lavrov issued a new call")
    d = e.to_dict()
    for key in ("id", "article_id", "sentence_index", "date", "date_precision", "date_text", "source", "target",
                "cameo", "cameo_root", "cameo_name", "plover", "plover_mode", "goldstein", "quad_class", "trigger",
                "location", "sentence", "negated", "confidence"):
        assert key in d
    assert d["id"].startswith("lavrov-2013-07-22:s")


def test_every_sentence_without_event_says_why(seed_coded):
    with_events = {e.sentence_index for e in seed_coded.events}
    explained = {n.sentence_index for n in seed_coded.no_events}
    assert with_events.isdisjoint(explained)
    assert all(n.reason for n in seed_coded.no_events)
    assert len(with_events | explained) >= 12


def test_api_code_with_string_date(coder):
    result = coder.code("Russia criticised the United States on Monday.", date="2013-07-22")
    (e,) = result.events
    assert (e.source[0].code, e.cameo, e.target[0].code) == ("RUS", "111", "USA")
    assert result.to_dict()["article"]["publication_date"] == "2013-07-22"


def test_stages_can_be_switched_off(coder):
    bare = Coder(stages=["actors"], resources=coder.resources)
    coded = bare.code("Russia criticised the United States.", date="2013-07-22")
    assert coded.actors and not coded.events
    with pytest.raises(ValueError, match="unknown stage"):
        Coder(stages=["nonsense"], resources=coder.resources)


def test_events_inside_quotations_point_at_them(seed_coded):
    linked = [e for e in seed_coded.events if e.quote_index is not None]
    assert linked
    for e in linked:
        q = seed_coded.quotes[e.quote_index]
        assert q.start <= e.trigger.start and e.trigger.end <= q.end
    unlinked = [e for e in seed_coded.events if e.quote_index is None]
    for e in unlinked:
        assert not any(q.start <= e.trigger.start and e.trigger.end <= q.end for q in seed_coded.quotes)
