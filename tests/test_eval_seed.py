"""`dyads eval seed`: the gold file's matching rule."""

from dyads.eval.seed import event_matches
from dyads.models import Actor, Event, Span


def _event(cameo, src, tgt, date="2013-07-22"):
    def actor(code):
        return Actor(code, 0, 1, code, code[:3], code[3:] or None)

    return Event("e", "a", 0, date, "day", None, [actor(c) for c in src], [actor(c) for c in tgt], cameo, cameo[:2],
                 "", None, None, 0.0, 1, Span("x", 0, 1), None, "")


def test_matching_rule():
    gold = {"source": ["RUS"], "source_sector": ["GOV"], "target": ["DZA"], "target_sector": ["GOV"],
            "cameo_root": ["04"], "date": "2013-06-25", "either_direction": True}
    assert event_matches(_event("040", ["RUSGOV"], ["DZAGOV"], "2013-06-25"), gold)
    assert event_matches(_event("040", ["DZAGOV"], ["RUSGOV"], "2013-06-25"), gold)  # either direction
    assert not event_matches(_event("040", ["RUSGOV"], ["DZAGOV"]), gold)  # wrong date
    assert event_matches(_event("040", ["RUSGOV"], ["DZAGOV"]), gold, check_date=False)
    assert not event_matches(_event("111", ["RUSGOV"], ["DZAGOV"], "2013-06-25"), gold)  # wrong root
    assert not event_matches(_event("040", ["RUS"], ["DZAGOV"], "2013-06-25"), gold)  # sector missing
    anyone = {"source": ["RUS"], "source_sector": None, "target": None, "target_sector": None,
              "cameo_root": ["01"], "date": None}
    assert event_matches(_event("010", ["RUSGOV"], []), anyone)
