"""`dyads eval articles`: the whole-article matching rules, error classes, and agreement with the shared scorer."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyads.cli import main
from dyads.eval.articles import (
    EVIDENCE_NOT_FOUND,
    NO_EVENT_IN_SENTENCE,
    NO_GOLD_IN_SENTENCE,
    actor_matches,
    classify_miss,
    classify_wrong,
    date_matches,
    event_matches,
    format_report,
    locate,
    score_article,
    score_articles,
    side_matches,
)
from tests.conftest import SHARED, shared_or_skip

DEV = SHARED / "eval" / "articles-dev"
SHARED_SCORER = SHARED / "eval" / "score_articles.py"

TEXT = ("CAIRO (Reuters) - Egypt's foreign minister criticised Israel on Monday. "
        "Protesters marched in Cairo. The army said it was ready.")
S1 = (0, TEXT.index("Protesters"))
S2 = (S1[1], TEXT.index("The army"))
S3 = (S2[1], len(TEXT))


def actor(code: str, text: str = "x", sector: str | None = None, country: str | None = None) -> dict:
    return {"text": text, "code": code, "country": country or code[:3], "sector": sector}


def event(cameo: str, src: list[dict], tgt: list[dict], date: str | None = "2011-02-07",
          sentence: tuple[int, int] = S1) -> dict:
    return {"article_id": "a", "cameo": cameo, "cameo_root": cameo[:2], "source": src, "target": tgt, "date": date,
            "sentence": TEXT[sentence[0]:sentence[1]], "sentence_start": sentence[0], "sentence_end": sentence[1]}


def gold(source, target, roots=("11",), source_sector=None, target_sector=None, date="2011-02-07",
         either=False, required=True, evidence="criticised Israel", gid="E1") -> dict:
    return {"id": gid, "required": required, "source": source, "source_sector": source_sector, "target": target,
            "target_sector": target_sector, "cameo_root": list(roots), "date": date, "either_direction": either,
            "evidence": evidence}


def test_actor_country_and_sector():
    assert actor_matches(actor("EGYGOV", sector="GOV"), ["EGY"], ["GOV"])
    assert not actor_matches(actor("EGYGOV", sector="GOV"), ["ISR"], ["GOV"])  # wrong country
    assert not actor_matches(actor("EGYMIL", sector="MIL"), ["EGY"], ["GOV"])  # wrong sector
    assert actor_matches(actor("EGYMIL", sector="MIL"), ["EGY"], None)  # null: any sector
    assert actor_matches(actor("EGYGOV"), ["EGY"], ["GOV"])  # the sector read from the code
    assert actor_matches(actor("EGYGOVMIL", sector="GOVMIL"), ["EGY"], ["GOV"])  # a sub-sector of GOV
    assert actor_matches(actor("EGY"), ["EGY"], ["GOV", ""])  # "" takes the bare country
    assert not actor_matches(actor("EGY"), ["EGY"], ["GOV"])
    assert not actor_matches(actor("EGYMIL", sector="MIL"), ["EGY"], [""])
    assert actor_matches({"text": "x", "code": None, "country": "EGY", "sector": "GOV"}, ["EGY"], ["GOV"])


def test_non_state_roots_take_no_sector():
    # "IGOUNO": the root IGO is not a country, so gold sectors do not apply to it
    assert actor_matches(actor("IGOUNO", sector=None), ["IGO"], ["GOV"])
    assert actor_matches(actor("WST"), ["WST", "USA"], ["GOV"])
    assert actor_matches(actor("MNC", sector="BUS"), ["USA", "MNC"], ["GOV"])
    assert not actor_matches(actor("USABUS", sector="BUS"), ["USA", "MNC"], ["GOV"])  # a country still needs one
    assert not actor_matches(actor("NGO"), ["IGO"], None)


def test_sides_null_and_one_sided():
    with_target = event("111", [actor("EGYGOV")], [actor("ISR")])
    no_target = event("010", [actor("EGYGOV")], [])
    assert side_matches(with_target, "target", None, None)  # null: any actor ...
    assert not side_matches(no_target, "target", None, None)  # ... but one must be there
    assert side_matches(no_target, "target", [], None)  # []: one-sided
    assert not side_matches(with_target, "target", [], None)
    lone = dict(with_target, target=actor("ISRGOV", sector="GOV"))  # one actor as a dict, not a list
    assert side_matches(lone, "target", ["ISR"], ["GOV"])


def test_dates():
    assert date_matches("2011-02-07", "2011-02-07")
    assert not date_matches("2011-02-08", "2011-02-07")
    assert date_matches("2011-02-08", "2011-02")  # a month takes its days
    assert date_matches("2011-02-08", "2011")
    assert not date_matches("2012-02-08", "2011")
    assert not date_matches("2011-02", "2011-02-07")  # a month is not the day
    assert date_matches(None, None) and date_matches("1999", None)
    assert not date_matches(None, "2011")


def test_event_matching_and_either_direction():
    g = gold(["EGY"], ["ISR"], roots=("11", "12"), source_sector=["GOV"], target_sector=["GOV", ""])
    assert event_matches(event("111", [actor("EGYGOV")], [actor("ISR")]), g)
    assert event_matches(event("120", [actor("EGYGOV")], [actor("ISRGOV")]), g)
    assert not event_matches(event("040", [actor("EGYGOV")], [actor("ISR")]), g)  # root
    assert not event_matches(event("111", [actor("EGYGOV")], [actor("ISR")], date="2011-02-06"), g)
    assert not event_matches(event("111", [actor("ISR")], [actor("EGYGOV")]), g)  # swapped, not symmetric
    assert event_matches(event("111", [actor("ISR")], [actor("EGYGOV")]), dict(g, either_direction=True))
    assert not event_matches(event("111", [actor("EGYGOV")], []), g)  # "X said": no target
    cameo_only = {k: v for k, v in event("111", [actor("EGYGOV")], [actor("ISR")]).items() if k != "cameo_root"}
    assert event_matches(cameo_only, g)  # the root read from the code
    # a symmetric gold with a null target does not swap
    anyone = gold(["EGY"], None, roots=("04",), either=True)
    assert event_matches(event("040", [actor("EGY")], [actor("ISR")]), anyone)
    assert not event_matches(event("040", [actor("ISR")], [actor("EGY")]), anyone)
    protest = gold(["EGY"], [], roots=("14",), source_sector=None, evidence="Protesters marched")
    assert event_matches(event("141", [actor("EGYCVL")], [], sentence=S2), protest)
    assert not event_matches(event("141", [actor("EGYCVL")], [actor("EGYGOV")], sentence=S2), protest)


def test_score_article_recall_precision_leaks():
    g = {"not_actors": ["Reuters", "Jane Byline"], "events": [
        gold(["EGY"], ["ISR"], gid="E1"),
        gold(["EGY"], [], roots=("14",), evidence="Protesters marched", gid="E2"),
        gold(["EGY"], None, roots=("01",), required=False, evidence="The army said", gid="O1"),
    ]}
    evs = [
        event("111", [actor("EGYGOV")], [actor("ISR")]),  # E1
        event("111", [actor("EGYGOV")], [actor("ISR")]),  # E1 again: both correct, E1 found once
        event("010", [actor("EGYMIL")], [actor("EGY", text="Jane Byline")], sentence=S3),  # O1 (optional), leak
        event("010", [actor("EGYMIL")], [], sentence=S3),  # one-sided, O1 wants a target
    ]
    s = score_article("a", g, evs, TEXT)
    assert (s.required, s.found, s.events, s.correct, s.one_sided) == (2, 1, 4, 3, 1)
    assert s.leaks == ["Jane Byline"]
    assert [(m["id"], c) for m, c in s.missed] == [("E2", NO_EVENT_IN_SENTENCE)]
    assert [c for _, c in s.wrong] == ["one-sided"]


def test_miss_classes():
    g = gold(["EGY"], ["ISR"], source_sector=["GOV"], either=True)
    assert classify_miss(g, [], TEXT) == NO_EVENT_IN_SENTENCE
    elsewhere = event("111", [actor("EGYGOV")], [actor("ISR")], sentence=S2)
    assert classify_miss(g, [elsewhere], TEXT) == NO_EVENT_IN_SENTENCE
    assert classify_miss(g, [event("010", [actor("EGYGOV")], [])], TEXT) == "wrong root + no target"
    assert classify_miss(g, [event("111", [actor("EGYGOV")], [])], TEXT) == "no target"
    assert classify_miss(g, [event("111", [actor("EGYMIL")], [actor("ISR")])], TEXT) == "wrong source"
    assert classify_miss(g, [event("111", [actor("EGYGOV")], [actor("USA")])], TEXT) == "wrong target"
    assert classify_miss(g, [event("111", [actor("EGYGOV")], [actor("ISR")], date="2011")], TEXT) == "wrong date"
    # swapped actors on a symmetric event are no fault; the closest candidate names the class
    candidates = [event("010", [actor("USA")], []), event("111", [actor("ISR")], [actor("EGYGOV")], date=None)]
    assert classify_miss(g, candidates, TEXT) == "wrong date"
    assert classify_miss(dict(g, evidence="words the article lacks"), candidates, TEXT) == EVIDENCE_NOT_FOUND


def test_wrong_classes():
    golds = [gold(["EGY"], ["ISR"], source_sector=["GOV"])]
    assert classify_wrong(event("010", [actor("EGYGOV")], []), golds, TEXT) == "one-sided + wrong root"
    assert classify_wrong(event("111", [actor("EGYGOV")], []), golds, TEXT) == "one-sided"
    assert classify_wrong(event("111", [actor("ISR")], [actor("EGYGOV")]), golds, TEXT) == "wrong actors"
    assert classify_wrong(event("190", [actor("EGYGOV")], [actor("ISR")]), golds, TEXT) == "wrong root"
    assert classify_wrong(event("111", [actor("EGYGOV")], [actor("ISR")], date="2010"), golds, TEXT) == "wrong date"
    said = event("010", [actor("EGYMIL")], [], sentence=S3)
    assert classify_wrong(said, golds, TEXT) == f"one-sided + {NO_GOLD_IN_SENTENCE}"
    aid = event("070", [actor("EGYMIL")], [actor("USA")], sentence=S3)
    assert classify_wrong(aid, golds, TEXT) == NO_GOLD_IN_SENTENCE
    # without offsets the sentence is found by its text
    bare = {k: v for k, v in event("111", [actor("EGYGOV")], []).items() if not k.startswith("sentence_")}
    assert classify_wrong(bare, golds, TEXT) == "one-sided"


def test_locate_tolerates_spacing_and_quote_marks():
    text = "He said \u201cno deal\u201d  was\nnear."
    assert locate(text, "no deal") == (9, 16)
    start, end = locate(text, '"no deal" was near')
    assert text[start:end] == "\u201cno deal\u201d  was\nnear"
    assert locate(text, "a deal") is None and locate(text, "") is None


def _write_dir(tmp_path: Path) -> Path:
    d = tmp_path / "arts"
    d.mkdir()
    (d / "a1.jsonl").write_text(json.dumps({"id": "a1", "date": "2011-02-07", "text": TEXT}) + "\n")
    (d / "a1.gold.json").write_text(json.dumps({"article": "a1.jsonl", "not_actors": ["Reuters"], "events": [
        gold(["EGY"], ["ISR"], source_sector=["GOV"]),
        gold(["EGY"], [], roots=("14",), evidence="Protesters marched", gid="E2")]}))
    return d


def test_score_events_file_reports_bad_input(tmp_path):
    d = _write_dir(tmp_path)
    (d / "a2.gold.json").write_text('{"events": [')  # broken gold: named, not scored
    (d / "a3.gold.json").write_text(json.dumps({"events": []}))  # no article beside it
    lines = [json.dumps(dict(event("111", [actor("EGYGOV")], [actor("ISR")]), article_id="a1")),
             "{not json", json.dumps(dict(event("111", [actor("EGYGOV")], []), article_id="zz"))]
    (tmp_path / "ev.jsonl").write_text("\n".join(lines) + "\n")
    r = score_articles(d, events=tmp_path / "ev.jsonl")
    assert [a.article_id for a in r.articles] == ["a1"]
    assert (r.found, r.required, r.correct, r.n_events) == (1, 2, 1, 1)
    problems = "\n".join(r.problems)
    assert "a2.gold.json" in problems and "a3.gold.json" in problems
    assert "ev.jsonl: line 2: not JSON" in problems
    assert "1 events of 1 articles with no gold file" in problems
    out = format_report(r, verbose=True)
    assert f"missed E2 14 ['EGY'] -> [] 2011-02-07 | Protesters marched  [{NO_EVENT_IN_SENTENCE}]" in out
    assert out.splitlines()[-1] == ("articles arts: 1 articles, required recall 50.0% (1/2), precision 100.0% (1/1), "
                                    "F1 66.7%, one-sided 0, byline leaks 0")


def test_cli_thresholds_and_leaks(tmp_path):
    d = _write_dir(tmp_path)
    ev = tmp_path / "ev.jsonl"
    ev.write_text(json.dumps(dict(event("111", [actor("EGYGOV")], [actor("ISR")]), article_id="a1")) + "\n")
    run = CliRunner().invoke
    ok = run(main, ["eval", "articles", str(d), "--events", str(ev), "--min-precision", "1", "--min-recall", "0.5"])
    assert ok.exit_code == 0, ok.output
    assert "required recall 50.0% (1/2)" in ok.output
    assert run(main, ["eval", "articles", str(d), "--events", str(ev), "--min-recall", "0.6"]).exit_code == 1
    assert run(main, ["eval", "articles", str(d), "--events", str(ev), "--min-recall", "60"]).exit_code == 2
    leak = dict(event("111", [actor("EGYGOV", text="Reuters")], [actor("ISR")]), article_id="a1")
    ev.write_text(json.dumps(leak) + "\n")
    leaked = run(main, ["eval", "articles", str(d), "--events", str(ev)])
    assert leaked.exit_code == 1 and "byline leaks 1" in leaked.output
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run(main, ["eval", "articles", str(empty), "--events", str(ev)]).exit_code == 2


def _shared_totals(directory: Path, events: Path) -> list[str]:
    """The shared scorer's per-article and totals lines for an events file."""
    r = subprocess.run([sys.executable, str(SHARED_SCORER), str(directory), "--events", str(events)],
                       capture_output=True, text=True, check=False)
    assert r.returncode in (0, 1), r.stderr
    return r.stdout.splitlines()


def _ours(report) -> list[str]:
    """Our report without the class tables (the lines the shared scorer also prints)."""
    return [line for line in format_report(report).splitlines()
            if line.startswith(("  ", "articles ")) and not line.startswith(("   ", "  by part"))]


def _variants(g: dict, rnd: random.Random, pub: str, names: list[str]) -> list[dict]:
    """System-like events around one gold event: right, swapped, one-sided, off by sector, root or date."""

    def pick(codes, sectors):
        c = rnd.choice(codes) if codes else "USA"
        s = rnd.choice(sectors) if sectors else rnd.choice(["GOV", "MIL", ""])
        text = rnd.choice(names) if names and rnd.random() < 0.05 else "someone"
        return {"text": text, "code": c + s, "country": c, "sector": (s or None) if rnd.random() < 0.7 else None}

    src = [pick(g["source"], g.get("source_sector"))] if g["source"] else []
    tgt = [] if g["target"] == [] else [pick(g["target"] or ["ISR"], g.get("target_sector"))]
    base = {"cameo": g["cameo_root"][0] + "0", "source": src, "target": tgt, "date": g.get("date") or pub,
            "sentence": g.get("evidence", "")}
    out = [base, dict(base, source=tgt, target=src), dict(base, target=[]),
           dict(base, cameo="190"), dict(base, date=pub[:7]), dict(base, date="2001-01-01")]
    wrong_sector = [dict(x, sector="CVL", code=(x["code"] or "")[:3] + "CVL") for x in src]
    out.append(dict(base, source=wrong_sector))
    return [e for e in out if rnd.random() < 0.6]


def test_same_figures_as_shared_scorer_on_varied_events(tmp_path):
    """Events built around the dev gold (right, swapped, one-sided, wrong sector/root/date) score alike."""
    directory = shared_or_skip(DEV)
    shared_or_skip(SHARED_SCORER)
    rnd = random.Random(16)
    lines = []
    for path in sorted(directory.glob("*.gold.json")):
        g = json.loads(path.read_text(encoding="utf-8"))
        aid = path.name[: -len(".gold.json")]
        for ge in g["events"]:
            for e in _variants(ge, rnd, g["publication_date"], g.get("not_actors") or []):
                lines.append(json.dumps(dict(e, article_id=aid)))
    events = tmp_path / "events.jsonl"
    events.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ours = score_articles(directory, events=events)
    assert not ours.problems
    assert 0 < ours.correct < ours.n_events and 0 < ours.found < ours.required and ours.leaks
    assert _ours(ours) == _shared_totals(directory, events)


@pytest.mark.slow
def test_same_figures_as_shared_scorer_on_coded_dev(tmp_path, coder):
    """Coded in-process, articles-dev scores as the shared scorer scores the same events."""
    directory = shared_or_skip(DEV)
    shared_or_skip(SHARED_SCORER)
    report = score_articles(directory, coder=coder)
    events = tmp_path / "events.jsonl"
    events.write_text("".join(json.dumps(e) + "\n" for e in report.events), encoding="utf-8")
    assert report.n_events == len(report.events) > 0 and not report.problems
    assert _ours(report) == _shared_totals(directory, events)
