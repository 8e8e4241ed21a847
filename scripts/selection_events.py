"""Events of the full parse vs a selective one (entities only where an event may be), on every gold set.

Why a script: issue 19 asks for the costly spaCy components to run only on the sentences that can
hold an event, with the same events on every gold set. This codes each gold set (the seed article,
articles-dev, the CAMEO examples, PLOVER dev, the PETRARCH unit tests and 2.02 validation records)
and the first Reuters benchmark articles once per selection, through the scorers' own Coders
(`dyads.pipeline.SELECTIVE_NER` switched), keeps every event record as a JSON line, and prints per
set how many records each selection lost and added against the full parse, and the CPU time of the
set. The figures of docs/performance.md ("Entities only where an event may be") come from it.

Run: `.venv/bin/python scripts/selection_events.py [--sets seed,articles-dev,...] [--articles 200]
[--selections full,events,linked]` from the repository's root (../shared beside it).
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from collections import defaultdict
from pathlib import Path

from spacy.tokens import Doc

import dyads.pipeline as pipeline
from dyads.events.prefilter import event_spans
from dyads.models import Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
if not SHARED.exists():
    SHARED = Path(__file__).resolve().parents[2].parent / "shared"
EVAL = SHARED / "eval"
PRONOUNS = frozenset("he she they it his her their its him them".split())


def linked_spans(doc: Doc, verbs) -> list[tuple[int, int]]:
    """`event_spans`, plus every sentence that shares a proper noun with a selected one, plus the four
    sentences before a selected sentence that holds a pronoun (coreference's reach)."""
    sents = list(doc.sents)
    chosen = {(s.start, s.end) for s in sents} & set(event_spans(doc, verbs))
    picked = [i for i, s in enumerate(sents) if (s.start, s.end) in chosen]
    names = {t.lower_ for i in picked for t in sents[i] if t.pos_ == "PROPN"}
    out = set(picked)
    for i, s in enumerate(sents):
        if any(t.pos_ == "PROPN" and t.lower_ in names for t in s):
            out.add(i)
    for i in list(out):
        if any(t.lower_ in PRONOUNS for t in sents[i]):
            out.update(range(max(0, i - 4), i))
    return [(sents[i].start, sents[i].end) for i in sorted(out)]


SELECTIONS = {"full": None, "events": event_spans, "linked": linked_spans}


def gold_sets(n_articles: int) -> dict:
    from dyads.eval.articles import score_articles
    from dyads.eval.cameo_examples import score_cameo_examples
    from dyads.eval.petrarch import score_petrarch
    from dyads.eval.plover import score_plover
    from dyads.eval.seed import score_seed

    def bench() -> None:
        coder = pipeline.Coder()
        lines = itertools.islice((SHARED / "corpus" / "reuters-2011-2013.jsonl").open(encoding="utf-8"), n_articles)
        records = [json.loads(line) for line in lines]
        for _ in coder.pipe(Article(id=r["id"], text=r["text"]) for r in records if r.get("text")):
            pass

    return {
        "seed": lambda: score_seed(),
        "articles-dev": lambda: score_articles(EVAL / "articles-dev"),
        "cameo": lambda: score_cameo_examples(EVAL / "cameo" / "cameo-codes.csv"),
        "plover-dev": lambda: score_plover(EVAL / "plover-gsr" / "dev.json"),
        "petrarch-unit": lambda: score_petrarch(EVAL / "petrarch-validation" / "PETR.UnitTest.records.xml"),
        "petrarch-2.02": lambda: score_petrarch(EVAL / "petrarch-validation" / "PETR_Validate_records_2_02.xml"),
        "reuters": bench,
    }


def run(name: str, selection: str, sets: dict) -> tuple[list[str], float, int, int]:
    """Event records (JSON lines, with the article id), CPU seconds, tokens, tokens given to NER."""
    records: list[str] = []
    tokens = [0, 0]
    spans = SELECTIONS[selection]
    original = pipeline.Coder.annotate_doc

    def annotate_doc(self, doc, article):
        coded = original(self, doc, article)
        records.extend(json.dumps({"article": article.id, **e.to_dict()}, sort_keys=True, default=str)
                       for e in coded.events)
        return coded

    def ner_spans(self, doc):
        out = spans(doc, self.resources.verbs)
        tokens[0] += len(doc)
        tokens[1] += sum(e - s for s, e in out)
        return out

    pipeline.Coder.annotate_doc = annotate_doc
    pipeline.Coder._ner_spans = ner_spans
    pipeline.SELECTIVE_NER = spans is not None
    try:
        t = time.process_time()
        sets[name]()
        return records, time.process_time() - t, tokens[0], tokens[1]
    finally:
        pipeline.Coder.annotate_doc = original


def parse_cpu(n_articles: int, rounds: int, selections: list[str]) -> None:
    """CPU seconds of `nlp.parse_pipe` over the first Reuters articles per selection, interleaved: one
    model, warmed by a first full pass (not counted), then each selection in turn, `rounds` times."""
    from dyads.nlp import load_nlp, parse_pipe

    nlp = load_nlp()
    verbs = pipeline.Resources.load().verbs
    lines = itertools.islice((SHARED / "corpus" / "reuters-2011-2013.jsonl").open(encoding="utf-8"), n_articles)
    texts = [r["text"] for r in map(json.loads, lines) if r.get("text")]
    for _ in parse_pipe(nlp, ((t, None) for t in texts)):
        pass
    cpu: dict[str, list[float]] = defaultdict(list)
    for _ in range(rounds):
        for selection in selections:
            spans = SELECTIONS[selection]
            ner = None if spans is None else (lambda doc, spans=spans: spans(doc, verbs))
            t = time.process_time()
            for _ in parse_pipe(nlp, ((t, None) for t in texts), ner_spans=ner):
                pass
            cpu[selection].append(time.process_time() - t)
    full = min(cpu[selections[0]])
    for selection in selections:
        runs = ", ".join(f"{x:.1f}" for x in cpu[selection])
        print(f"parse CPU {selection:<8} {runs} s (best {min(cpu[selection]) / full:.2f} of {selections[0]})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", default="seed,articles-dev,cameo,plover-dev,petrarch-unit,petrarch-2.02,reuters")
    ap.add_argument("--selections", default="full,events,linked")
    ap.add_argument("--articles", type=int, default=200, help="Reuters benchmark articles")
    ap.add_argument("--parse-cpu", type=int, default=0, metavar="ROUNDS",
                    help="only time the parse of the Reuters articles per selection, interleaved, ROUNDS times")
    args = ap.parse_args()
    if args.parse_cpu:
        parse_cpu(args.articles, args.parse_cpu, args.selections.split(","))
        return
    sets = gold_sets(args.articles)
    selections = args.selections.split(",")
    print(f"{'set':<14} {'selection':<9} {'events':>6} {'lost':>5} {'added':>5} {'CPU s':>7} {'NER tokens':>11}")
    for name in args.sets.split(","):
        base: list[str] | None = None
        for selection in selections:
            records, cpu, n, ner = run(name, selection, sets)
            if base is None:
                base = records
            lost = len(_minus(base, records))
            added = len(_minus(records, base))
            share = f"{ner / n:.0%}" if n else "all"
            print(f"{name:<14} {selection:<9} {len(records):>6} {lost:>5} {added:>5} {cpu:>7.1f} {share:>11}",
                  flush=True)
            added_by_key = {_key(json.loads(x)): json.loads(x) for x in _minus(records, base)}
            for line in _minus(base, records)[:8]:
                e = json.loads(line)
                other = added_by_key.get(_key(e))
                what = ("changed " + ", ".join(f"{k}: {_difference(e.get(k), other.get(k))}" for k in sorted(e)
                                               if e.get(k) != other.get(k)) if other else "lost")
                print(f"    {e['article']} s{e.get('sentence_index')} {e.get('cameo')} "
                      f"{e.get('sentence', '')[:70]!r}: {what[:300]}")


def _difference(a: object, b: object, context: int = 40) -> str:
    """Where two values first differ, as their JSON around that place."""
    x, y = json.dumps(a, sort_keys=True), json.dumps(b, sort_keys=True)
    i = next((i for i, (p, q) in enumerate(zip(x, y, strict=False)) if p != q), min(len(x), len(y)))
    lo = max(0, i - context)
    return f"...{x[lo:i + context]}... -> ...{y[lo:i + context]}..."


def _key(e: dict) -> tuple:
    return e["article"], e.get("sentence_index"), e.get("trigger_start"), e.get("cameo")


def _minus(a: list[str], b: list[str]) -> list[str]:
    left = defaultdict(int)
    for x in b:
        left[x] += 1
    out = []
    for x in a:
        if left[x]:
            left[x] -= 1
        else:
            out.append(x)
    return out


if __name__ == "__main__":
    main()
