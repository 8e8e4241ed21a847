"""CPU seconds of dyads' stages (times ... events) over articles parsed once, and their full output.

Why: the stages are a fifth of `dyads code`'s time and the parse the rest; timing them over Docs saved
once (spaCy's DocBin) leaves the parse out, so a change to a stage is measured in seconds of its own
CPU, not in the noise of a parse on a shared machine. `--dump` writes every layer of every article
(times, places, actors, quotes, events, no_events) as JSON lines: two runs of two versions of the
code must give the same bytes (docs/performance.md, "The stages paid back").

    .venv/bin/python scripts/stage_cpu.py parse /tmp/docs ../shared/eval/articles-dev/*.jsonl corpus200.jsonl
    .venv/bin/python scripts/stage_cpu.py run /tmp/docs --last 200 --repeat 3 --dump /tmp/out.jsonl
    .venv/bin/python scripts/stage_cpu.py run /tmp/docs --profile /tmp/stages.prof   # cProfile

Interleave two checkouts (PYTHONPATH=<other>/src) run after run to compare them: the load of the
machine moves both alike.
"""

from __future__ import annotations

import argparse
import json
import pickle
import time
import types
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="mode", required=True)
    p = sub.add_parser("parse", help="parse the inputs once and save the Docs")
    p.add_argument("prefix")
    p.add_argument("inputs", nargs="+")
    r = sub.add_parser("run", help="run the stages over the saved Docs")
    r.add_argument("prefix")
    r.add_argument("--last", type=int, help="only the last N articles")
    r.add_argument("--repeat", type=int, default=1, help="runs; the one with the least CPU is reported")
    r.add_argument("--dump", help="JSON lines of every article's layers")
    r.add_argument("--profile", help="cProfile statistics of the (last) run to this file")
    args = ap.parse_args()

    from spacy.tokens import DocBin

    import dyads.pipeline
    from dyads import Coder
    from dyads.ingest import read_inputs
    from dyads.models import Article

    coder = Coder()
    if args.mode == "parse":
        articles = [a for a in read_inputs(args.inputs) if isinstance(a, Article)]
        docs = DocBin(store_user_data=True)
        for doc, _ in coder._parse((a.text, a) for a in articles):
            docs.add(doc)
        Path(args.prefix + ".docbin").write_bytes(docs.to_bytes())
        Path(args.prefix + ".articles.pkl").write_bytes(pickle.dumps(articles))
        print(f"{len(articles)} articles parsed")
        return

    articles = pickle.loads(Path(args.prefix + ".articles.pkl").read_bytes())
    docs = list(DocBin().from_bytes(Path(args.prefix + ".docbin").read_bytes()).get_docs(coder.nlp.vocab))
    if args.last:
        articles, docs = articles[-args.last:], docs[-args.last:]
    dyads.pipeline.time = types.SimpleNamespace(perf_counter=time.process_time)  # the timer in CPU seconds
    coder.annotate_doc(docs[0], articles[0])  # what is loaded on first use, not counted
    best: tuple[float, dict[str, float]] | None = None
    results = []
    for k in range(args.repeat):
        profile = None
        if args.profile and k == args.repeat - 1:
            import cProfile

            profile = cProfile.Profile()
            profile.enable()
        coder.timer.seconds.clear()
        cpu = time.process_time()
        results = [coder.annotate_doc(d, a) for d, a in zip(docs, articles, strict=True)]
        cpu = time.process_time() - cpu
        if profile is not None:
            profile.disable()
            profile.dump_stats(args.profile)
        elif best is None or cpu < best[0]:
            best = (cpu, dict(coder.timer.seconds))
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as f:
            for c in results:
                f.write(json.dumps({**c.annotations(), "events": [e.to_dict() for e in c.events],
                                    "no_events": [n.to_dict() for n in c.no_events],
                                    "location": c.location.to_dict() if c.location else None},
                                   ensure_ascii=False) + "\n")
    if best is not None:
        cpu, stages = best
        print(f"{len(docs)} articles: stages {cpu:.2f} s CPU (least of {args.repeat}): " + ", ".join(
            f"{k} {v:.2f}" for k, v in sorted(stages.items(), key=lambda kv: -kv[1])))


if __name__ == "__main__":
    main()
