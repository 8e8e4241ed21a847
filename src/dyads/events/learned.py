"""The learned event filter: a small logistic regression that scores each event the coder would emit.

Why: the named passes (`dyads.events.filters`) are rules, each for one error class. Many wrong
events are wrong for several small reasons at once (a guessed country, a pronoun, a content
refinement, a long pattern match, a business story), none enough for a rule. A model over what the
coder already knows about a candidate (no gold, no text outside the candidate's document) weighs
them together and gives each kept candidate a probability of being right; the `learned` pass
(`filters.learned_reason`) drops candidates below a threshold and says the probability in its
reason, so `dyads explain` shows it.

- Features: `features(cand)` reads only `Candidate` fields (its code, pattern, confidence,
  modifiers, actors with their kinds and how their codes were found, the trigger's token in its
  parse) so that rule changes elsewhere in the coder merge cleanly.
- Model: L2-regularised logistic regression fitted by Newton's method in numpy (deterministic:
  the same labels give the same weights, which `tests/test_learned.py` checks); no new dependency.
- Training data: `data/event-filter-labels.tsv`, events of Reuters articles of
  `../shared/corpus/` labelled right/wrong by hand by the conventions of
  `../shared/spec/article-gold.md` (never the gold of `../shared/eval/`). The file holds keys and
  labels only, no article text; `dyads train event-filter` codes the articles again from the
  corpus, joins the labels by (article, sentence, trigger offset, code) and fits the weights.
- Threshold: chosen by cross-validation on those labels (`choose_threshold`), not on any gold.
- Shipped: `event_filter.json` beside this module (names, weights, bias, threshold, how made).
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import click
import numpy as np

if TYPE_CHECKING:
    from dyads.events.coder import Candidate
    from dyads.models import Actor

WEIGHTS_PATH = Path(__file__).with_name("event_filter.json")

ROOTS = tuple(f"{i:02d}" for i in range(1, 21))
# actor kinds the actor layer and coref write
KINDS = ("person", "pronoun", "sector", "description", "country", "capital", "demonym", "igo", "ngo", "group",
         "company", "region", "seat", "place", "implied")
GOVERNING = {"GOV", "MIL", "COP", "SPY", "LEG", "JUD"}
BUSINESS = {"BUS", "MNC"}
CIVIL = {"CVL", "LAB", "EDU", "MED", "HLH", "REF", "AGR", "ENV", "CRM", "NGO"}
CONTENDERS = {"OPP", "PTY", "REB", "INS", "ELI", "UAF", "RAD"}
NON_STATE = {"IGO", "NGO", "MNC", "IMG", "ISM", "UNO", "EUR", "ASA", "AFR", "WST", "LAM", "MEA"}
MODALS = {"would", "could", "may", "might", "will", "should", "must", "can", "'ll", "wo"}
REPORTING = {"say", "tell", "add", "note", "report", "state", "write", "quote"}
QUOTE_MARKS = ('"', "“", "”")
# heads over a trigger that make its act wished, planned or expected rather than done
HYPOTHETICAL_HEADS = {"expect", "plan", "hope", "want", "seek", "aim", "intend", "consider", "propose", "likely",
                      "set", "due", "prepare", "ready", "willing", "try", "wish", "need", "able", "unlikely"}
# words of a sentence that place its act in the past ("last year", "in 2009", "earlier this year")
_BACKGROUND = re.compile(r"\b(last (year|month|week)|earlier this (year|month)|ago|since (19|20)\d\d|"
                         r"in (19|20)\d\d|previously|at the time|in the past)\b", re.IGNORECASE)
# Reuters instrument codes ("( GS.N )"): a business story
_TICKER = re.compile(r"\(\s?[0-9A-Z]{1,8}\.[A-Z]{1,3}\s?\)")
_MARKET_WORDS = re.compile(r"\b(shares|stocks?|investors|analysts|percent|earnings|profits?|revenue|quarter)\b",
                           re.IGNORECASE)
# modifier phrases the coder and the passes write, as binary features (name, words the modifier starts with
# or holds)
MODIFIERS = (
    ("pronoun", ("pronoun",)),
    ("content", ("content '",)),
    ("intent", ("intent (",)),
    ("reported", ("reported '",)),
    ("judges", ("what was said judges", "the name judges", "said in a quotation")),
    ("placed_article", ("by the country the article is about",)),
    ("placed_event", ("by the event's place",)),
    ("reciprocal", ("reciprocal", "between:")),
    ("medium", ("medium:",)),
    ("setting", ("setting:",)),
    ("force_place", ("target: the country of its place",)),
    ("governed", ("a visit or protest to a country",)),
    ("negation", ("negated by", "not ", "refused")),
    ("conditional", ("conditional (",)),
    ("implied_agent", ("implied agent",)),
    ("agentless", ("agentless passive",)),
    ("subject_of", ("source: the subject of",)),
    ("target_said", ("target from what was said",)),
    ("backed", ("rebels or opposition of the story's country",)),
    ("same_state", ("same_actor: the target is the source's own state",)),
)


def _side_features(prefix: str, actors: Sequence[Actor]) -> dict[str, float]:
    f: dict[str, float] = {}
    if not actors:
        f[f"{prefix}_none"] = 1.0
        return f
    f[f"{prefix}_several"] = float(len(actors) > 1)
    for a in actors:
        kind = a.kind if a.kind in KINDS else "other"
        f[f"{prefix}_kind_{kind}"] = 1.0
        code = a.code or ""
        sector = (a.sector or code[3:6])[:3]
        root = code[:3]
        if root in NON_STATE or (a.kind in {"igo", "ngo"}):
            f[f"{prefix}_nonstate"] = 1.0
        elif not sector:
            f[f"{prefix}_bare_country"] = 1.0
        for name, group in (("gov", GOVERNING), ("bus", BUSINESS), ("civil", CIVIL), ("contender", CONTENDERS)):
            if sector in group:
                f[f"{prefix}_sector_{name}"] = 1.0
        how = a.source or ""
        if "only country in its sentence" in how or "the article's main state" in how or "country from" in how:
            f[f"{prefix}_country_guessed"] = 1.0
        if "people.actors.tsv" in how:
            f[f"{prefix}_known_person"] = 1.0
        if "named earlier" in how or "pronoun ->" in how:
            f[f"{prefix}_coreferent"] = 1.0
        if "role word" in how or "from the text" in how or "named with the role" in how:
            f[f"{prefix}_role_from_text"] = 1.0
        words = len((a.text or "").split())
        if words >= 5:
            f[f"{prefix}_long_mention"] = 1.0
        if a.text and a.text.isupper() and len(a.text) > 3:
            f[f"{prefix}_all_caps"] = 1.0
    return f


def features(cand: Candidate) -> dict[str, float]:
    """What the coder knows about a kept candidate, as named numbers in [0, 1] (absent means 0).

    Reads only the candidate: its code and pattern, confidence, modifiers, actors, and its trigger
    token in the parse (position in the article, inside a quotation, modal or conditional words
    over it)."""
    f: dict[str, float] = {"bias_free_one": 1.0}
    code = cand.code or ""
    root = code[:2]
    if root in ROOTS:
        f[f"root_{root}"] = 1.0
    f["code_specific"] = float(len(code) >= 4)
    pat = cand.pattern
    if pat is not None:
        f["refined"] = float(pat.code != code)
        f["pattern_prep"] = float(bool(pat.preps))
        f["pattern_obj"] = float(bool(pat.obj or pat.prep_obj or pat.extra))
        f["pattern_words"] = min(len(pat.text.split()), 4) / 4
        f["pattern_evaluation"] = float(pat.source.startswith("evaluation"))
        f["pattern_noun"] = float(pat.pos == "NOUN")
    f["confidence"] = float(cand.confidence)
    f["negated"] = float(cand.negated)
    mods = [m.lower() for m in cand.modifiers]
    f["modifiers"] = min(len(mods), 4) / 4
    for name, cues in MODIFIERS:
        if any(any(c in m for c in cues) for m in mods):
            f[f"mod_{name}"] = 1.0
    f.update(_side_features("src", cand.source))
    f.update(_side_features("tgt", cand.target))
    src_c = {a.country for a in cand.source if a.country}
    tgt_c = {a.country for a in cand.target if a.country}
    if src_c and tgt_c:
        f["same_country"] = float(bool(src_c & tgt_c))
    tok = cand.token
    doc = tok.doc
    sent = tok.sent
    f["position"] = tok.i / max(len(doc), 1)
    f["lede"] = float(sent.start_char < 300)
    if cand.trigger is not None:
        f["long_trigger"] = float(cand.trigger[1] - cand.trigger[0] > 3)
    before = doc[sent.start : tok.i].text
    f["in_quote"] = float(sum(before.count(q) for q in QUOTE_MARKS) % 2 == 1)
    f["sentence_quoted"] = float(any(q in sent.text for q in QUOTE_MARKS))
    f["long_sentence"] = float(len(sent) > 40)
    f["trigger_noun"] = float(tok.pos_ in {"NOUN", "PROPN"})
    f["trigger_gerund"] = float(tok.tag_ == "VBG")
    f["trigger_root"] = float(tok.dep_ == "ROOT")
    f["trigger_clausal"] = float(tok.dep_ in {"ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp"})
    f["trigger_modal"] = float(any(c.dep_ == "aux" and c.lower_ in MODALS for c in tok.children))
    f["trigger_future"] = float(any(c.lower_ in {"will", "'ll"} for c in tok.children))
    head = tok.head
    f["under_reporting"] = float(head is not tok and head.lemma_.lower() in REPORTING)
    f["conditional"] = float(any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"}
                                 for c in (*tok.children, *head.children)))
    f["past_perfect"] = float(any(c.lower_ == "had" and c.dep_ == "aux" for c in tok.children))
    f["hypothetical_head"] = float(any(a.lemma_.lower() in HYPOTHETICAL_HEADS for a in list(tok.ancestors)[:3]))
    f["sentence_background"] = float(bool(_BACKGROUND.search(sent.text)))
    f["sentence_caps"] = float(sum(1 for t in sent if t.is_alpha and t.is_upper and len(t) > 1) >= 3)
    text = doc.text
    f["doc_tickers"] = float(bool(_TICKER.search(text)))
    f["doc_market"] = min(len(_MARKET_WORDS.findall(text)) * 1000 / max(len(text), 1), 10.0) / 10
    f.update(_role_features(cand, "src", cand.source))
    f.update(_role_features(cand, "tgt", cand.target))
    return f


def _role_features(cand: Candidate, prefix: str, actors: Sequence[Actor]) -> dict[str, float]:
    """How the side's mentions hang from the trigger: its subject or object, a place phrase, far away."""
    tok = cand.token
    doc = tok.doc
    f: dict[str, float] = {}
    for a in actors:
        span = doc.char_span(a.start, a.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        root = span.root
        if root.head.i == tok.i and root.dep_ in {"nsubj", "nsubjpass", "dobj", "obj", "dative"}:
            f[f"{prefix}_argument"] = 1.0
        if root.dep_ == "pobj" and root.head.lower_ in {"in", "at", "from", "for", "on", "about", "over"}:
            f[f"{prefix}_pp_{'place' if root.head.lower_ in {'in', 'at', 'from'} else 'topic'}"] = 1.0
        if root.dep_ == "poss" or root.head.dep_ == "poss":
            f[f"{prefix}_possessive"] = 1.0
        if abs(root.i - tok.i) > 12:
            f[f"{prefix}_far"] = 1.0
        if root.sent.start != tok.sent.start:
            f[f"{prefix}_other_sentence"] = 1.0
    return f


@dataclass(frozen=True)
class EventFilterModel:
    """Weights of the learned filter over `features` (absent features are 0)."""

    names: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float
    about: dict = field(default_factory=dict, compare=False)

    def probability(self, cand: Candidate) -> float:
        """The probability that the candidate's event is right (by the labels' conventions)."""
        return self.probability_of(features(cand))

    def probability_of(self, feats: dict[str, float]) -> float:
        z = self.bias + sum(w * feats.get(n, 0.0) for n, w in zip(self.names, self.weights, strict=True))
        return 1.0 / (1.0 + math.exp(-z))

    def explain(self, feats: dict[str, float], top: int = 3) -> list[str]:
        """The features that pulled the probability down most (for the drop reason)."""
        parts = sorted(((w * feats.get(n, 0.0), n) for n, w in zip(self.names, self.weights, strict=True)))
        return [n for v, n in parts[:top] if v < 0]

    def reason(self, cand: Candidate) -> str | None:
        """Why the `learned` pass drops the candidate (None when it keeps it)."""
        feats = features(cand)
        p = self.probability_of(feats)
        if p >= self.threshold:
            return None
        why = ", ".join(self.explain(feats))
        return f"learned: p(right)={p:.2f} below {self.threshold:.2f}" + (f" ({why})" if why else "")

    def to_json(self) -> dict:
        return {"about": self.about, "threshold": self.threshold, "bias": self.bias,
                "weights": {n: w for n, w in zip(self.names, self.weights, strict=True)}}

    @classmethod
    def from_json(cls, data: dict) -> EventFilterModel:
        w = data["weights"]
        return cls(names=tuple(w), weights=tuple(float(x) for x in w.values()), bias=float(data["bias"]),
                   threshold=float(data["threshold"]), about=data.get("about", {}))


@lru_cache(maxsize=4)
def load_event_filter(path: str | None = None) -> EventFilterModel:
    """The shipped weights (read once per process; the file is read-only package data)."""
    return EventFilterModel.from_json(json.loads(Path(path or WEIGHTS_PATH).read_text(encoding="utf-8")))


# ---------------------------------------------------------------------------- training


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, iterations: int = 50) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method (the bias is not penalised).

    Deterministic: no random start, no shuffling; the same data give the same weights."""
    n, d = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    reg = np.full(d + 1, l2)
    reg[-1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(xb @ w)))
        grad = xb.T @ (p - y) + reg * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(reg) + 1e-9 * np.eye(d + 1)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.max(np.abs(step))) < 1e-10:
            break
    return w[:-1], float(w[-1])


def predict(x: np.ndarray, weights: np.ndarray, bias: float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(x @ weights + bias)))


def matrix(rows: Sequence[dict[str, float]], names: Sequence[str] | None = None) -> tuple[np.ndarray, list[str]]:
    """Feature dicts -> a matrix over `names` (default: every feature seen, sorted)."""
    names = list(names) if names is not None else sorted({n for r in rows for n in r if n != "bias_free_one"})
    col = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for i, r in enumerate(rows):
        for n, v in r.items():
            if n in col:
                x[i, col[n]] = v
    return x, names


def folds_of(groups: Sequence[str], k: int) -> list[int]:
    """Fold of each row, whole articles to one fold (events of one article are not independent)."""
    order = sorted(set(groups))
    fold = {g: i % k for i, g in enumerate(order)}
    return [fold[g] for g in groups]


def cross_validated(x: np.ndarray, y: np.ndarray, groups: Sequence[str], l2: float, k: int = 5) -> np.ndarray:
    """Out-of-fold probabilities (each article scored by a model that never saw it)."""
    folds = np.array(folds_of(groups, k))
    out = np.zeros(len(y))
    for f in range(k):
        test = folds == f
        w, b = fit(x[~test], y[~test], l2)
        out[test] = predict(x[test], w, b)
    return out


def choose_threshold(p: np.ndarray, y: np.ndarray, base_precision: float, max_recall_loss: float = 0.03
                     ) -> tuple[float, dict]:
    """The threshold that maximises precision among those keeping at least 1 - `max_recall_loss` of the
    right events, on out-of-fold probabilities. `base_precision` is not used to choose, only reported."""
    positives = float(y.sum())
    best = (0.0, {"threshold": 0.0, "precision": float(y.mean()) if len(y) else 0.0, "recall_kept": 1.0})
    for t in sorted(set(np.round(p, 3))):
        keep = p >= t
        if not keep.any():
            continue
        kept_right = float(y[keep].sum())
        recall = kept_right / positives if positives else 1.0
        if recall < 1.0 - max_recall_loss:
            continue
        prec = kept_right / float(keep.sum())
        if prec > best[1]["precision"] + 1e-12:
            best = (float(t), {"threshold": float(t), "precision": prec, "recall_kept": recall,
                               "dropped": int((~keep).sum()), "dropped_right": int(y[~keep].sum())})
    info = dict(best[1])
    info["base_precision"] = base_precision
    return best[0], info


@dataclass(frozen=True)
class Label:
    """One hand-labelled event: the key that finds its candidate again, the label, why."""

    article: str
    sentence: int
    trigger_start: int
    trigger_end: int
    cameo: str
    source: str
    target: str
    right: bool
    reason: str


def read_labels(path: str | Path) -> list[Label]:
    """The labels file: tab-separated with a header, `#` lines are notes on how it was made."""
    out = []
    with open(path, encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        for r in rows:
            out.append(Label(r["article_id"], int(r["sentence_index"]), int(r["trigger_start"]),
                             int(r["trigger_end"]), r["cameo"], r["source"], r["target"], r["label"] == "right",
                             r["reason"]))
    return out


def _line_id(line: str) -> str | None:
    try:
        return json.loads(line).get("id")
    except (ValueError, AttributeError):
        return None


def labelled_features(labels: Sequence[Label], corpus: str | Path, coder=None
                      ) -> tuple[list[dict[str, float]], list[Label], list[Label]]:
    """Code the labelled articles again from the corpus and return the features of every labelled
    event found, the labels in that order, and the labels whose event the coder no longer emits
    (the rules changed since labelling: reported, never silently left out)."""
    from dyads.events.coder import _actor_tokens, _coded_sentences
    from dyads.events.filters import EventPolicy
    from dyads.ingest.readers import read_jsonl_stream
    from dyads.models import Article
    from dyads.pipeline import Coder

    wanted: dict[str, list[Label]] = {}
    for lab in labels:
        wanted.setdefault(lab.article, []).append(lab)
    # only the labelled articles' lines, read as `dyads code` reads them, so the events are those labelled
    with open(corpus, encoding="utf-8") as fh:
        lines = [(n, line) for n, line in enumerate(fh, 1) if _line_id(line) in wanted]
    articles = [a for n, line in lines for a in read_jsonl_stream([line], str(corpus), first_line=n)
                if isinstance(a, Article)]
    coder = coder or Coder(policy=EventPolicy(learned=False))
    rows: list[dict[str, float]] = []
    found: list[Label] = []
    for doc, article in coder._parse((a.text, a) for a in articles):
        coded = coder.annotate_doc(doc, article)
        index = _actor_tokens(doc, coded.actors)
        keyed = {}
        for _s_i, _sent, _cands, kept in _coded_sentences(doc, coded, coder.resources, coder.policy, index,
                                                                coder.dialect):
            for placed in kept:
                c = placed.cand
                assert c.trigger is not None
                start = doc[c.trigger[0]].idx
                # by the trigger's offset, not the sentence's index: how sentences are split may change
                # (a dateline became a sentence of its own) while the words stay where they are
                keyed[(start, c.code)] = c
        for lab in wanted[article.id]:
            c = keyed.get((lab.trigger_start, lab.cameo))
            if c is not None:
                rows.append(features(c))
                found.append(lab)
    seen = set(found)
    missing = [lab for lab in labels if lab not in seen]
    return rows, found, missing


def train(labels_path: str | Path, corpus: str | Path, l2: float = 2.0, k: int = 5, max_recall_loss: float = 0.03,
          coder=None) -> tuple[EventFilterModel, dict]:
    """Fit the filter on the labels and choose its threshold by k-fold cross-validation over articles."""
    labels = read_labels(labels_path)
    rows, found, missing = labelled_features(labels, corpus, coder)
    x, names = matrix(rows)
    y = np.array([1.0 if lab.right else 0.0 for lab in found])
    groups = [lab.article for lab in found]
    p_cv = cross_validated(x, y, groups, l2, k)
    threshold, cv = choose_threshold(p_cv, y, float(y.mean()), max_recall_loss)
    w, b = fit(x, y, l2)
    about = {"labels": str(labels_path), "events": len(found), "right": int(y.sum()), "missing": len(missing),
             "l2": l2, "folds": k, "max_recall_loss": max_recall_loss, "cross_validation": cv,
             "made_by": "dyads train event-filter --labels data/event-filter-labels.tsv "
                        "--corpus ../shared/corpus/reuters-2011-2013.jsonl"}
    model = EventFilterModel(names=tuple(names), weights=tuple(round(float(v), 6) for v in w), bias=round(b, 6),
                             threshold=round(threshold, 3), about=about)
    return model, {**about, "missing_labels": [lab.__dict__ for lab in missing]}


def write_model(model: EventFilterModel, path: str | Path) -> None:
    Path(path).write_text(json.dumps(model.to_json(), indent=1, sort_keys=False) + "\n", encoding="utf-8")


@click.command("event-filter")
@click.option("--labels", "labels_path", default="data/event-filter-labels.tsv", show_default=True,
              type=click.Path(exists=True, dir_okay=False), help="The hand labels (keys, label, reason).")
@click.option("--corpus", default="../shared/corpus/reuters-2011-2013.jsonl", show_default=True,
              type=click.Path(exists=True, dir_okay=False), help="JSON lines of the labelled articles' text.")
@click.option("-o", "--output", default=str(WEIGHTS_PATH), show_default=True, type=click.Path(dir_okay=False),
              help="Where to write the weights (the default is the file the `learned` pass reads).")
@click.option("--l2", default=2.0, show_default=True, type=float, help="L2 penalty of the logistic regression.")
@click.option("--folds", default=5, show_default=True, type=int, help="Cross-validation folds (whole articles).")
@click.option("--max-recall-loss", default=0.03, show_default=True, type=float,
              help="Largest share of right labelled events the threshold may drop (out of fold).")
def command(labels_path: str, corpus: str, output: str, l2: float, folds: int, max_recall_loss: float) -> None:
    """Fit the learned event filter on hand labels and choose its threshold by cross-validation."""
    model, report = train(labels_path, corpus, l2=l2, k=folds, max_recall_loss=max_recall_loss)
    for lab in report["missing_labels"]:
        click.echo(f"{labels_path}: label of {lab['article']} sentence {lab['sentence']} trigger "
                   f"{lab['trigger_start']} ({lab['cameo']}): the coder no longer emits this event; not used",
                   err=True)
    write_model(model, output)
    cv = report["cross_validation"]
    click.echo(f"{report['events']} labelled events ({report['right']} right, {report['missing']} no longer "
               f"emitted); threshold {model.threshold:.3f}: out of fold precision {cv['base_precision']:.3f} -> "
               f"{cv['precision']:.3f}, right events kept {cv['recall_kept']:.3f}; weights in {output}")
