"""dyads.events.prefilter and the Coder's selective entity recognition (`Coder(selective_ner=True)`).

A gold event is one the coder's full run finds and a gold set holds; these tests fail if running the
entity recogniser only where an event may be would lose one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyads.events.prefilter import LEAD_SENTENCES, event_spans, may_hold_event
from tests.conftest import SHARED, shared_or_skip


@pytest.fixture(scope="module")
def both(coder):
    from dyads import Coder

    full = Coder(resources=coder.resources, selective_ner=False)
    selective = Coder(resources=coder.resources, selective_ner=True)
    return full, selective


def test_a_sentence_may_hold_an_event_only_with_a_pattern_that_matches_its_parse(coder):
    doc = coder.nlp("Markets were calm.\n\nThe weather was fine on Monday. Russia criticised the United States. "
                    "It rained in the afternoon, and the talks were held in Geneva.")
    sents = list(doc.sents)
    verbs = coder.resources.verbs
    assert [may_hold_event(s, verbs) for s in sents] == [False, False, True, True]
    assert event_spans(doc, verbs) == [(s.start, s.end) for s in sents[:LEAD_SENTENCES]] + [
        (s.start, s.end) for s in sents[LEAD_SENTENCES:]]
    assert event_spans(doc, verbs, lead=0) == [(s.start, s.end) for s in sents[2:]]


def _records(coded) -> list[str]:
    return [json.dumps(e.to_dict(), sort_keys=True, default=str) for e in coded.events]


def test_the_seed_article_codes_the_same_events_with_entities_only_where_events_may_be(both, seed_article):
    full, selective = both
    a, b = full.code_article(seed_article), selective.code_article(seed_article)
    assert _records(a) and _records(a) == _records(b)


def _same(event: dict) -> str:
    """An event record as JSON, every field but the actors' free-text provenance (`source`), which may count
    the article's mentions of its main state ("34 of 34 mentions"): entities found with a context window can
    add a mention elsewhere in the article without changing any code, offset or event."""
    record = {k: v for k, v in event.items() if k not in {"source", "target"}}
    for side in ("source", "target"):
        record[side] = [{k: v for k, v in a.items() if k != "source"} for a in event.get(side) or []]
    return json.dumps(record, sort_keys=True, default=str)


@pytest.mark.slow
def test_no_gold_event_of_the_whole_articles_is_lost(both):
    """On articles-dev, every event of the full run that matches a reference event is found as it was."""
    from dyads.eval.articles import event_matches, score_articles

    directory = shared_or_skip(SHARED / "eval" / "articles-dev")
    full, selective = both
    a = score_articles(directory, coder=full)
    b = score_articles(directory, coder=selective)
    golds = {p.name[: -len(".gold.json")]: json.loads(p.read_text()).get("events") or []
             for p in Path(directory).glob("*.gold.json")}
    kept = {_same(e) for e in b.events}
    lost = [e for e in a.events if _same(e) not in kept
            and any(event_matches(e, g) for g in golds.get(e["article_id"], []))]
    assert not lost, [(e["article_id"], e["sentence"][:80]) for e in lost]
    assert sum(x.found for x in b.articles) == sum(x.found for x in a.articles)
