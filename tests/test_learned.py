"""dyads.events.learned: the learned event filter, its training and the `learned` pass."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from dyads.events.filters import EventPolicy, passes_run
from dyads.events.learned import (
    WEIGHTS_PATH,
    EventFilterModel,
    choose_threshold,
    cross_validated,
    fit,
    folds_of,
    load_event_filter,
    predict,
    read_labels,
)
from tests.conftest import REPO, SHARED, coder_pair, shared_or_skip

LABELS = REPO / "data" / "event-filter-labels.tsv"
CORPUS = SHARED / "corpus" / "reuters-2011-2013.jsonl"
TEXT = "Russia criticised the United States on Monday. China welcomed the agreement with Japan on Tuesday."


def _data(n: int = 200, seed: int = 3):
    rng = np.random.default_rng(seed)
    x = (rng.random((n, 4)) < 0.4).astype(float)
    z = 2.5 * x[:, 0] - 2.0 * x[:, 1] + 0.0 * x[:, 2] - 0.5
    y = (rng.random(n) < 1 / (1 + np.exp(-z))).astype(float)
    return x, y


def test_fit_is_deterministic_and_finds_the_signs():
    x, y = _data()
    w1, b1 = fit(x, y, l2=1.0)
    w2, b2 = fit(x, y, l2=1.0)
    assert np.array_equal(w1, w2) and b1 == b2  # no random start: the same data give the same weights
    assert w1[0] > 1.0 and w1[1] < -1.0 and abs(w1[2]) < 0.7
    p = predict(x, w1, b1)
    assert 0 < p.min() < p.max() < 1


def test_stronger_penalty_shrinks_the_weights():
    x, y = _data()
    loose, _ = fit(x, y, l2=0.01)
    tight, _ = fit(x, y, l2=100.0)
    assert np.abs(tight).sum() < np.abs(loose).sum()


def test_folds_keep_an_article_whole():
    groups = ["a", "a", "b", "c", "c", "c", "d"]
    folds = folds_of(groups, 3)
    for g in set(groups):
        assert len({f for f, h in zip(folds, groups, strict=True) if h == g}) == 1
    assert set(folds) == {0, 1, 2}


def test_cross_validated_scores_each_row_by_a_model_that_never_saw_it():
    x, y = _data(120)
    groups = [str(i // 3) for i in range(len(y))]
    p = cross_validated(x, y, groups, l2=1.0, k=4)
    assert p.shape == y.shape and ((p > 0) & (p < 1)).all()
    w, b = fit(x, y, 1.0)
    assert not np.allclose(p, predict(x, w, b))  # out of fold, not the in-sample fit


def test_threshold_keeps_the_right_events_it_must():
    p = np.array([0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9])
    y = np.array([0, 0, 1, 0, 1, 1, 1, 1], dtype=float)
    t, info = choose_threshold(p, y, float(y.mean()), max_recall_loss=0.0)
    assert t == pytest.approx(0.3) and info["recall_kept"] == 1.0  # every right event kept
    t, info = choose_threshold(p, y, float(y.mean()), max_recall_loss=0.25)
    assert t == pytest.approx(0.6) and info["precision"] == 1.0 and info["dropped_right"] == 1


def test_the_shipped_weights_load_and_say_how_they_were_made():
    model = load_event_filter()
    assert 0.0 < model.threshold < 1.0
    assert len(model.names) == len(model.weights) > 20
    assert "dyads train event-filter" in model.about["made_by"]
    assert model.about["events"] >= 300


def _model(bias: float, threshold: float = 0.5) -> EventFilterModel:
    return EventFilterModel(names=("root_11",), weights=(0.0,), bias=bias, threshold=threshold)


@pytest.fixture(scope="module")
def coders():
    return coder_pair(EventPolicy(learned=True))  # off, on


def test_the_pass_is_off_by_default_and_named_when_on(coders):
    off, on = coders
    assert "learned" not in [n for n, _ in passes_run(off.policy)]
    assert "learned" in [n for n, _ in passes_run(on.policy)]
    assert off.code(TEXT, date="2013-07-22").events


def test_the_pass_drops_below_the_threshold_and_says_the_probability(coders):
    off, on = coders
    kept = on.resources
    try:
        on.resources = replace(kept, event_filter=_model(bias=-5.0))  # p = 0.007 for every event
        out = on.code(TEXT, date="2013-07-22")
        assert out.events == []
        reasons = " ".join(n.reason for n in out.no_events)
        assert "learned: p(right)=0.01 below 0.50" in reasons
        (coded, sentences), = on.explain([out.article])
        dropped = [p.dropped for s in sentences for p in s.predicates if p.dropped]
        assert any(d.startswith("learned:") for d in dropped)  # `dyads explain` names the pass
        on.resources = replace(kept, event_filter=_model(bias=5.0))  # p = 0.993: kept
        assert len(on.code(TEXT, date="2013-07-22").events) == len(off.code(TEXT, date="2013-07-22").events)
    finally:
        on.resources = kept


def test_a_coder_refuses_the_pass_without_weights(coders):
    from dyads import Coder

    off, _ = coders
    with pytest.raises(ValueError, match="learned event filter is on"):
        Coder(stages=("actors", "events"), policy=EventPolicy(learned=True),
              resources=replace(off.resources, event_filter=None))


def test_features_read_what_the_coder_knows(coders):
    from dyads.events.coder import _actor_tokens, _coded_sentences
    from dyads.events.learned import features

    off, _ = coders
    out = off.code('"We will not accept this," he said. Russia criticised the United States on Monday.',
                   date="2013-07-22")
    ((doc, article),) = list(off._parse([(out.article.text, out.article)]))
    coded = off.annotate_doc(doc, article)
    kept = [p.cand for _, _, _, ks in _coded_sentences(doc, coded, off.resources, off.policy,
                                                       _actor_tokens(doc, coded.actors), off.dialect) for p in ks]
    f = features(kept[-1])
    assert f["root_11"] == 1.0 and f["src_kind_country"] == 1.0 and f["tgt_bare_country"] == 1.0
    assert f["in_quote"] == 0.0 and 0.0 < f["position"] < 1.0
    assert all(0.0 <= v <= 1.0 for v in f.values())


def test_labels_hold_keys_and_no_text():
    labels = read_labels(LABELS)
    assert len(labels) >= 300
    assert {lab.right for lab in labels} == {True, False}
    assert all(lab.reason for lab in labels)  # each label says why
    head = LABELS.read_text(encoding="utf-8").splitlines()[:20]
    assert any("How it was made" in line for line in head)
    assert max(len(lab.reason) for lab in labels) < 120  # a short reason, never the article's sentence


@pytest.mark.slow
def test_retraining_on_the_labels_gives_the_shipped_weights():
    from dyads.events.learned import train

    model, report = train(LABELS, shared_or_skip(CORPUS))
    shipped = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert model.threshold == shipped["threshold"]
    assert model.bias == pytest.approx(shipped["bias"], abs=1e-5)
    assert set(model.names) == set(shipped["weights"])
    for name, w in zip(model.names, model.weights, strict=True):
        assert w == pytest.approx(shipped["weights"][name], abs=1e-5), name
