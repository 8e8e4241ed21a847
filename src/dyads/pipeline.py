"""The Coder: Article -> parsed Doc -> layers (times, places, actors, coreference, quotes) -> events.

Each stage is a plain function of the parsed document, the layers before it and the resources
loaded once in `Resources`; stages can be switched off by name. The CLI, the web app and the Dask
engine all go through `Coder`; nothing here reads files or writes the database.
"""

from __future__ import annotations

import copy
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from spacy.tokens import Doc

from dyads.actors import ActorDictionary, find_actors, load_actor_dictionary
from dyads.actors.recognize import GUESSED_COUNTRY
from dyads.coref import coreference_stage
from dyads.events import VerbDictionary, code_events, load_verb_dictionary
from dyads.events.coder import PredicateExplanation, SentenceExplanation
from dyads.events.coder import explain as explain_sentences
from dyads.events.dialect import OURS, Dialect
from dyads.events.filters import EventPolicy
from dyads.events.learned import WEIGHTS_PATH, EventFilterModel, load_event_filter
from dyads.events.prefilter import event_spans
from dyads.geo import Gazetteer, find_places, load_gazetteer
from dyads.ingest.dates import parse_date
from dyads.models import Article, CodedArticle
from dyads.nlp import BATCH_SIZE, SPACY_MODEL, load_nlp, parse_pipe
from dyads.ontology import Ontology, load_ontology
from dyads.quotes import find_quotes, link_events_to_quotes
from dyads.time import find_times


@dataclass
class EventExplanation:
    """`Coder.explain_event`: the explained sentence of one event and its predicate (None if not found)."""

    sentence: SentenceExplanation | None
    predicate: PredicateExplanation | None
    found: bool


STAGES: tuple[str, ...] = ("times", "places", "actors", "coref", "quotes", "events")

SELECTIVE_NER = False
"""Run the entity recogniser only on the sentences that may hold an event (and the lead): see
`dyads.events.prefilter`. The same events on every gold set as with entities everywhere
(tests/test_prefilter.py); the places, times and actors the recogniser alone finds in other
sentences are not found (docs/performance.md)."""


def load_actors(dict_dirs: Sequence[str | Path] = (), default_dict: bool = True) -> ActorDictionary:
    """Our actor dictionary plus every directory in `dict_dirs`, in our format or PETRARCH's."""
    from dyads.dictionaries.petrarch import read_petrarch_actor_dir

    actors = load_actor_dictionary(dict_dirs, default=default_dict)
    for d in dict_dirs:  # a PETRARCH dictionary directory: its actors, agents and discards too
        actors.extend(read_petrarch_actor_dir(d))
    return actors


@dataclass
class Resources:
    """Everything a stage reads besides the document: loaded once per process."""

    ontology: Ontology
    actors: ActorDictionary
    verbs: VerbDictionary
    gazetteer: Gazetteer
    # the learned event filter's weights (`dyads.events.learned`); the `learned` pass reads them when the
    # policy turns it on
    event_filter: EventFilterModel | None = None

    @classmethod
    def load(cls, dict_dirs: Sequence[str | Path] = (), default_dict: bool = True) -> Resources:
        return cls(
            ontology=load_ontology(),
            actors=load_actors(dict_dirs, default_dict),
            verbs=load_verb_dictionary(dict_dirs, default=default_dict),
            gazetteer=load_gazetteer(),
            # absent only before the first `dyads train event-filter`; a Coder asked to use it then refuses
            event_filter=load_event_filter() if WEIGHTS_PATH.exists() else None,
        )


@dataclass
class StageTimer:
    """Seconds spent per stage, summed over a run (for `dyads bench`)."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def add(self, stage: str, started: float) -> float:
        now = time.perf_counter()
        self.seconds[stage] += now - started
        return now


class Coder:
    """Code news articles into events.

    >>> from dyads import Coder
    >>> result = Coder().code("Russia criticised the United States on Monday.", date="2013-07-22")
    >>> [(e.source[0].code, e.cameo, e.target[0].code) for e in result.events]
    [('RUS', '111', 'USA')]
    """

    def __init__(
        self,
        dict_dirs: Sequence[str | Path] = (),
        default_dict: bool = True,
        stages: Sequence[str] = STAGES,
        model: str = SPACY_MODEL,
        resources: Resources | None = None,
        policy: EventPolicy | None = None,
        selective_ner: bool | None = None,
        dialect: Dialect = OURS,
    ):
        unknown = set(stages) - set(STAGES)
        if unknown:
            raise ValueError(f"unknown stage(s) {sorted(unknown)}; stages are {list(STAGES)}")
        self.stages = tuple(s for s in STAGES if s in stages)
        self.model = model
        # what another process needs to build the same Coder (`dyads code --processes`); None when
        # the resources were handed in, since those cannot be rebuilt from arguments
        self.options: dict | None = None if resources is not None else {
            "dict_dirs": tuple(str(d) for d in dict_dirs), "default_dict": default_dict,
            "stages": self.stages, "model": model, "policy": policy, "selective_ner": selective_ner,
            "dialect": None if dialect == OURS else dialect}
        self.nlp = load_nlp(model)
        self.resources = resources or Resources.load(dict_dirs, default_dict)
        self.timer = StageTimer()
        # which coded predicates are events (one-sided ones, background): see dyads.events.filters
        self.policy = policy or EventPolicy()
        # how sentences are read with the dictionaries (ours, PETRARCH-1's, PETRARCH-2's): dyads.events.dialect
        self.dialect = dialect
        if self.policy.learned and self.resources.event_filter is None:
            raise ValueError("the learned event filter is on but the Coder's resources hold no weights for it "
                             f"(Resources.event_filter; shipped in {WEIGHTS_PATH}, made by `dyads train event-filter`)")
        # entities only where an event may be; only when events are coded (the selection is theirs)
        if selective_ner is None:
            selective_ner = SELECTIVE_NER
        self.selective_ner = selective_ner and "events" in self.stages

    def with_dialect(self, dialect: Dialect) -> Coder:
        """The same Coder (model, resources, policy, timer shared) coding under another dialect: a new object,
        so that a caller that codes records under different options (a PETRARCH suite's `<Config>`) changes
        no Coder and no dialect in use elsewhere."""
        other = copy.copy(self)
        other.dialect = dialect
        if self.options is not None:
            other.options = {**self.options, "dialect": None if dialect == OURS else dialect}
        return other

    def _ner_spans(self, doc: Doc) -> list[tuple[int, int]]:
        return event_spans(doc, self.resources.verbs, dialect=self.dialect)

    def _parse(self, items, batch_size: int = BATCH_SIZE, n_process: int = 1):
        return parse_pipe(self.nlp, items, batch_size, n_process,
                          ner_spans=self._ner_spans if self.selective_ner else None)

    def code(
        self,
        text: str,
        date: str | date | None = None,
        id: str = "article",
        title: str | None = None,
    ) -> CodedArticle:
        """Code one text; `date` is its publication date (ISO string or `datetime.date`)."""
        pub = parse_date(date) if isinstance(date, str) else date
        return self.code_article(Article(id=id, text=text, publication_date=pub, title=title))

    def code_article(self, article: Article) -> CodedArticle:
        return next(self.pipe([article]))

    def pipe(self, articles: Iterable[Article], batch_size: int = BATCH_SIZE,
             n_process: int = 1) -> Iterator[CodedArticle]:
        """Code a stream of articles, parsing in batches; yields results in input order."""
        started = time.perf_counter()
        for doc, article in self._parse(((a.text, a) for a in articles), batch_size, n_process):
            started = self.timer.add("parse", started)
            yield self.annotate_doc(doc, article)
            started = time.perf_counter()

    def explain(self, articles: Iterable[Article]) -> Iterator[tuple[CodedArticle, list[SentenceExplanation]]]:
        """Code articles and say, per sentence, which predicates were found and why each was kept or dropped."""
        for doc, article in self._parse((a.text, a) for a in articles):
            coded = self.annotate_doc(doc, article)
            yield coded, explain_sentences(doc, coded, self.resources, self.policy, self.dialect)

    def explain_event(self, article: Article, sentence_index: int, trigger_start: int) -> EventExplanation:
        """Why one stored event was coded: its article coded again and explained (`explain`), and of
        that the event's sentence and the predicate at its trigger. The web app's event page shows
        this; `found` is False when this Coder (its dictionaries and policy) no longer codes it so."""
        coded, sentences = next(self.explain([article]))
        sent = next((s for s in sentences if s.sentence_index == sentence_index), None)
        pred = next((p for p in (sent.predicates if sent else []) if p.start == trigger_start), None)
        return EventExplanation(sentence=sent, predicate=pred,
                                found=pred is not None and pred.code is not None and not pred.dropped)

    def annotate_doc(self, doc: Doc, article: Article) -> CodedArticle:
        """Run the enabled stages over an already parsed document."""
        res = self.resources
        out = CodedArticle(article=article)
        t = time.perf_counter()
        if "times" in self.stages:
            out.times = find_times(doc, article)
            t = self.timer.add("times", t)
        if "places" in self.stages:
            out.places, out.location = find_places(doc, article, res.gazetteer)
            t = self.timer.add("places", t)
        if "actors" in self.stages:
            out.actors = find_actors(doc, article, res.actors)
            t = self.timer.add("actors", t)
        coref = None  # built once: the coref stage's Coreference is the one the quotes' speakers read
        if "coref" in self.stages:
            out.actors, coref = coreference_stage(doc, out.actors, GUESSED_COUNTRY)
            t = self.timer.add("coref", t)
        if "quotes" in self.stages:
            out.quotes = find_quotes(doc, out.actors, coref)
            t = self.timer.add("quotes", t)
        if "events" in self.stages:
            out.events, out.no_events = code_events(doc, out, res, self.policy, self.dialect)
            link_events_to_quotes(out.events, out.quotes)
            t = self.timer.add("events", t)
        return out
