"""Loads the spaCy pipeline once and parses articles in batches.

Why a module of its own: the parse is the most expensive step of the whole pipeline, so exactly
one place decides which model is loaded, which components run, how sentences are split at
paragraph breaks, and how batches and processes are used. Nothing else here calls `spacy.load`.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from itertools import chain
from typing import Any, TypeVar

import spacy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.tokens._retokenize import set_token_attrs

from dyads import SPACY_MODEL  # the model's name (re-exported here, where parsing code looks for it)
from dyads.heap import MMAP_THRESHOLD, fix_mmap_threshold, trim_heap
from dyads.wire import AGENCIES

MAX_LENGTH = 2_000_000
"""Texts longer than this are cut into paragraph chunks by the caller (spaCy's own limit is 1,000,000)."""

BATCH_SIZE = 8
"""Texts per spaCy batch. The parse of one batch sets a coding process's peak memory: on 100 Reuters
articles (with the corpus's longest) bare `nlp.pipe` peaked at 576-639 MB with 32 texts a batch and
319 MB with 8, for the same CPU time (15.7 s vs 17.1-18.3 s) and the same annotations on every
document (docs/performance.md). Smaller batches let two worker processes fit where one used to."""

T = TypeVar("T")

__all__ = ["BATCH_SIZE", "MMAP_THRESHOLD", "SPACY_MODEL", "doc_text", "fix_mmap_threshold", "load_nlp", "parse_pipe",
           "trim_heap"]


@Language.component("dyads_paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a new sentence after every blank line and never inside one.

    News copy puts captions, datelines and paragraphs on their own lines; the statistical parser
    would otherwise glue a photo credit onto the lead sentence.
    """
    n = len(doc)
    for i, token in enumerate(doc[:-1]):
        if token.is_space and "\n" in token.text:
            doc[i + 1].is_sent_start = True
        elif token.lower_ == "updated" and doc[i + 1].text == ":" and i > 0:
            # a compilation's dated section, "Burials held in Tripoli updated: Sat May 14 2011 18:10:00 A few
            # hundred people gathered ...": the headline, the stamp and the story are three sentences
            token.is_sent_start = True
            for j in range(i + 2, min(i + 10, n - 1)):
                if _CLOCK.fullmatch(doc[j].text):
                    for k in range(i + 1, j + 1):
                        doc[k].is_sent_start = False
                    doc[j + 1].is_sent_start = True
                    break
        elif token.text == "(" and i + 4 < n and doc[i + 1].text in AGENCIES and doc[i + 2].text == ")" and (
                doc[i + 3].text in {"-", "--", "\u2013", "\u2014"}):
            # "... story highlights ... Cairo, Egypt (CNN) -- A CNN crew ...": the story starts after the tag
            doc[i + 4].is_sent_start = True
    return doc


_CLOCK = re.compile(r"\d{1,2}:\d\d(?::\d\d)?")


@lru_cache(maxsize=2)
def doc_text(doc: Doc) -> str:
    """The document's text, joined once and kept on the Doc.

    `Doc.text` builds a Token object per token and joins their texts on each access (0.25 ms for a
    Reuters article of ~580 tokens), and five stages read it. The Doc is not changed after parsing,
    so the first join holds for all of them.
    """
    text = doc.user_data.get("dyads_text")
    if text is None:
        text = doc.user_data["dyads_text"] = doc.text
    return text


class MemoAttributeRuler:
    """spaCy's `attribute_ruler` with the same rules and the same result, matched once per kind of token.

    Why: the ruler of en_core_web_sm runs 179 token patterns through spaCy's Matcher at every token,
    23 microseconds a token, 12-17% of the whole parse. Almost all of its rules are one-token rules
    that read only the token's TAG, LOWER, DEP and IS_SPACE, so their matches are the same for every
    token with the same four values: they are matched once per distinct combination (on that token
    alone) and remembered; the few rules of two tokens ("gon na", "there is") still go through a
    Matcher of their own. A token's rules are applied in the ruler's order (by rule, a later one
    overwriting), as one merged set of values remembered per set of rules, so every token gets the
    same POS, MORPH, LEMMA, TAG and DEP (tests/test_nlp.py compares the two on real articles).
    """

    def __init__(self, ruler) -> None:
        self.ruler = ruler
        self.strings = ruler.vocab.strings
        self.single = Matcher(ruler.vocab)
        self.multi = Matcher(ruler.vocab)
        for index in range(len(ruler.attrs)):
            key = self.strings[str(index)]
            _, patterns = ruler.matcher.get(key)
            if one := [p for p in patterns if len(p) == 1]:
                self.single.add(key, one)
            if more := [p for p in patterns if len(p) != 1]:
                self.multi.add(key, more)
        self._memo: dict[tuple, list[int]] = {}  # (TAG, LOWER, DEP, IS_SPACE, ...) -> its one-token rules
        self._merged: dict[tuple[int, ...], tuple[list[tuple[int, int]], dict[int, int]]] = {}

    def __call__(self, doc: Doc) -> Doc:
        ruler, strings = self.ruler, self.strings
        has = (doc.has_annotation("TAG"), doc.has_annotation("DEP"))
        rules_of: list[list[int]] = []
        memo = self._memo
        for i, row in enumerate(doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()):
            key = (*row, *has)
            rules = memo.get(key)
            if rules is None:
                rules = memo[key] = sorted(int(strings[m]) for m, _, _ in self.single(doc[i:i + 1], allow_missing=True))
            rules_of.append(rules)
        for m, start, end in self.multi(doc, allow_missing=True):  # "there is": the rule's token of the match
            rule = int(strings[m])
            i = doc[start:end][ruler.indices[rule]].i
            rules_of[i] = sorted([*rules_of[i], rule])
        values = doc.to_array([POS, MORPH, LEMMA])
        for i, rules in enumerate(rules_of):
            if not rules:
                continue
            merged = self._merged.get(tuple(rules))
            if merged is None:  # the ruler applies its rules in this order, a later one overwriting
                attrs: dict[int, int] = {}
                for rule in rules:
                    attrs.update(ruler.attrs[rule])
                columns = {POS: 0, MORPH: 1, LEMMA: 2}
                merged = self._merged[tuple(rules)] = (
                    [(columns[a], v) for a, v in attrs.items() if a in columns],
                    {a: v for a, v in attrs.items() if a not in columns})
            for col, value in merged[0]:
                values[i, col] = value
            if merged[1]:  # TAG and DEP, set on space tokens only
                set_token_attrs(doc[i], merged[1])
        doc.from_array([POS, MORPH, LEMMA], values)
        return doc


class MemoLemmatizer:
    """spaCy's rule lemmatizer, its lemma remembered per (word, POS, morphology).

    Why: the rule lemmatizer is a pure function of those three (`rule_lemmatize` and English's
    `is_base_form` read nothing else) but spends 20-30 microseconds a token building Token and
    MorphAnalysis objects before its own cache is asked. Tokens that already have a lemma (set by
    the attribute ruler) keep it, as the lemmatizer's `overwrite=False` does.
    """

    def __init__(self, lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.strings = lemmatizer.vocab.strings
        self._memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        memo = self._memo
        for i, (orth, pos, morph, lemma) in enumerate(doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()):
            if lemma:
                continue
            key = (orth, pos, morph)
            value = memo.get(key)
            if value is None:
                value = memo[key] = self.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            doc[i].lemma = value
        return doc


@Language.factory("dyads_memo_attribute_ruler")
def _make_memo_attribute_ruler(nlp: Language, name: str) -> MemoAttributeRuler:
    return MemoAttributeRuler(nlp.get_pipe("attribute_ruler"))


@Language.factory("dyads_memo_lemmatizer")
def _make_memo_lemmatizer(nlp: Language, name: str) -> MemoLemmatizer:
    return MemoLemmatizer(nlp.get_pipe("lemmatizer"))


def _memoize(nlp: Language) -> None:
    """Put the remembering attribute ruler and lemmatizer in the places (and under the names) of spaCy's.

    Only for the components as en_core_web_sm configures them (a rule lemmatizer that does not overwrite);
    any other model keeps its own.
    """
    from spacy.pipeline import AttributeRuler, Lemmatizer

    def swap(name: str, factory: str) -> None:  # the factory wraps the component it replaces
        nlp.add_pipe(factory, name=f"{name}_memo", before=name)
        nlp.remove_pipe(name)
        nlp.rename_pipe(f"{name}_memo", name)

    names = nlp.pipe_names
    if "attribute_ruler" in names and type(nlp.get_pipe("attribute_ruler")) is AttributeRuler:
        swap("attribute_ruler", "dyads_memo_attribute_ruler")
    if "lemmatizer" in names:
        lem = nlp.get_pipe("lemmatizer")
        if isinstance(lem, Lemmatizer) and lem.mode == "rule" and not lem.overwrite:
            swap("lemmatizer", "dyads_memo_lemmatizer")


@spacy.registry.tokenizers("dyads.model_tokenizer.v1")
def model_tokenizer() -> Callable[[Language], Tokenizer]:
    """A tokenizer with no rules or affixes yet: the model's own are read from its directory.

    Why: spaCy's `spacy.Tokenizer.v1` builds the language's 1,347 special cases (and compiles its
    affix expressions) when the pipeline is made, and `Tokenizer.from_disk` then throws all of it
    away (it resets the rules and every expression first) and builds the model's saved ones again:
    about 0.15 s of a cold `dyads code` spent twice (docs/performance.md). Only for a model whose
    config names `spacy.Tokenizer.v1` and that is read from disk (`load_nlp`), so that what
    `from_disk` reads is everything the tokenizer holds.
    """

    def create(nlp: Language) -> Tokenizer:
        return Tokenizer(nlp.vocab)

    return create


_MODEL_TOKENIZER = {"nlp": {"tokenizer": {"@tokenizers": "dyads.model_tokenizer.v1"}}}
"""`spacy.load`'s config override that makes the pipeline with `model_tokenizer` (for SPACY_MODEL,
whose config names `spacy.Tokenizer.v1`: tests/test_nlp.py checks that and the same tokenizer)."""


class _GroupedEntryPoints:
    """catalogue's entry points (read once by catalogue at its import), selected per group once.

    catalogue's `select(group=...)` scans every installed entry point; spaCy asks it once per
    registry look-up, about 250 times while a model loads, always of the same few groups."""

    def __init__(self, entry_points: Any):
        self._all = entry_points
        self._selected: dict[tuple, Any] = {}

    def select(self, **params: Any) -> Any:
        key = tuple(sorted(params.items()))
        if key not in self._selected:
            self._selected[key] = self._all.select(**params)
        return self._selected[key]


def _get_all(self: Any) -> dict[str, Any]:
    """catalogue's `Registry.get_all` with the namespace compared as one tuple: the same result (entry
    points first, then the registered functions in registration order), without a generator per entry
    of the whole registry (srsly's msgpack decoders are asked for 128 times while a model loads)."""
    import catalogue

    result = {}
    if self.entry_points:
        result.update(self.get_entry_points())
    namespace = tuple(self.namespace)
    for keys, value in catalogue.REGISTRY.copy().items():
        if keys and keys[:-1] == namespace:
            result[keys[-1]] = value
    return result


_registry_lock = threading.Lock()


@contextmanager
def _quick_registry() -> Iterator[None]:
    """While a model loads: catalogue's look-ups answered as it would answer them, faster (about 0.1 s of
    CPU of a cold start). The entry points cannot change meanwhile: catalogue reads them once, at its
    import. catalogue is as it was afterwards; if its internals are not the ones known, nothing is done."""
    import catalogue

    with _registry_lock:
        entry_points = getattr(catalogue, "AVAILABLE_ENTRY_POINTS", None)
        get_all = getattr(catalogue.Registry, "get_all", None)
        if not hasattr(entry_points, "select") or get_all is None or not hasattr(catalogue, "REGISTRY"):
            yield
            return
        catalogue.AVAILABLE_ENTRY_POINTS = _GroupedEntryPoints(entry_points)
        catalogue.Registry.get_all = _get_all
        try:
            yield
        finally:
            catalogue.AVAILABLE_ENTRY_POINTS = entry_points
            catalogue.Registry.get_all = get_all


def load_nlp(model: str = SPACY_MODEL, memoize: bool = True) -> Language:
    """Load the spaCy pipeline once per process, with our paragraph splitter before the parser.

    `memoize` puts `MemoAttributeRuler` and `MemoLemmatizer` in place of spaCy's attribute ruler and
    lemmatizer (same annotations, a fifth of the parse time less). Also fixes the process's mmap
    threshold if DYADS_MMAP_THRESHOLD asks for one (see MMAP_THRESHOLD). Dyads' own model is made with
    `model_tokenizer` and catalogue's look-ups sped up (`_quick_registry`): the same pipeline, loaded
    in about two thirds of the time.
    """
    fix_mmap_threshold()
    with _quick_registry():
        nlp = spacy.load(model, config=_MODEL_TOKENIZER if model == SPACY_MODEL else {})
    nlp.max_length = MAX_LENGTH
    if "dyads_paragraph_sentences" not in nlp.pipe_names:
        nlp.add_pipe("dyads_paragraph_sentences", before="parser")
    if memoize:
        _memoize(nlp)
    return nlp


CHUNK_CHARS = 10_000
"""Texts longer than this are parsed in paragraph chunks and joined into one Doc (see `chunks`)."""

BATCH_CHARS = 200_000
"""At most this many characters (or `batch_size` texts) go to the parser at once, in one process.

The parser's memory follows the characters of a batch, not its number of texts: 32 Reuters
articles are 60,000-145,000 characters (so their batches are as before); 32 chunks of a long
article would be 320,000, and 32 articles just under CHUNK_CHARS as many.
"""

_BREAKS = ("\n\n", "\n", ". ", " ")


def chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """`text` cut into pieces of at most `size` characters, at paragraph breaks where there are any.

    Why: the parser's memory grows with the length of one text (about 1 GB per 60,000 tokens), so a
    200,000-word article took 3.6 GB; parsed as paragraph chunks it takes what one chunk takes. The
    pieces keep every character (`"".join(chunks(t)) == t`), so offsets into the joined Doc are
    offsets into the article. A cut falls after a blank line if one is in the second half of the
    window, else after a line end, a sentence end or a space, else at `size`.
    """
    out, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = 0
        for brk in _BREAKS:
            at = window.rfind(brk, size // 2)
            if at > 0:
                cut = at + len(brk)
                break
        cut = cut or size
        out.append(text[start:start + cut])
        start += cut
    out.append(text[start:])
    return out


def _groups(items: Iterable[tuple[str, T]], size: int, chars: int) -> Iterator[list[tuple[str, T]]]:
    """Consecutive items, at most `size` of them and (unless one alone is longer) `chars` characters."""
    group: list[tuple[str, T]] = []
    total = 0
    for item in items:
        if group and (len(group) >= size or total + len(item[0]) > chars):
            yield group
            group, total = [], 0
        group.append(item)
        total += len(item[0])
    if group:
        yield group


NER_MARGIN = 10
"""Tokens of context on either side of a stretch the entity recogniser runs on alone (see `_selective_ner`).

The recogniser's own tok2vec sees 4 tokens either side of a word (depth 4, window 1), and its
transitions read the words next to the one they decide; with 10 tokens of the text around a
stretch, the words inside it get the vectors and the decisions they get in the whole text."""

NerSpans = Callable[[Doc], list[tuple[int, int]]]
"""Given a parsed Doc (no entities yet): the token ranges whose named entities are needed."""


def _runs(spans: list[tuple[int, int]], length: int, margin: int) -> list[tuple[int, int, int, int]]:
    """The ranges, sorted and merged where their margins meet: (context start, start, end, context end)."""
    out: list[list[int]] = []
    for start, end in sorted(spans):
        if out and start - margin <= out[-1][2] + margin:
            out[-1][2] = max(out[-1][2], end)
        else:
            out.append([start, start, end])
    return [(max(0, s - margin), s, e, min(length, e + margin)) for _, s, e in out]


def _selective_ner(nlp: Language, group: list[tuple[str, T]], ner_spans: NerSpans) -> list[tuple[Doc, T]]:
    """Parse `group` with every component, but run `ner` only on the stretches `ner_spans` names.

    Why: the entity recogniser is 40-50% of the parse, and most sentences of news hold no event.
    Each stretch is recognised as a Doc of its own with NER_MARGIN tokens of context either side;
    entities that overlap a stretch are copied back, every other token is outside any entity.
    """
    docs = list(nlp.pipe(group, as_tuples=True, batch_size=len(group), disable=["ner"]))
    jobs: list[tuple[int, int, int, int, Doc]] = []
    for k, (doc, _) in enumerate(docs):
        for lo, start, end, hi in _runs(ner_spans(doc), len(doc), NER_MARGIN):
            jobs.append((k, lo, start, end, doc[lo:hi].as_doc()))
    found: list[list[Span]] = [[] for _ in docs]
    ner = nlp.get_pipe("ner")
    for (k, lo, start, end, _), part in zip(jobs, ner.pipe([j[-1] for j in jobs], batch_size=max(1, len(jobs))),
                                            strict=True):
        doc = docs[k][0]
        found[k] += [Span(doc, e.start + lo, e.end + lo, label=e.label) for e in part.ents
                     if e.start + lo < end and e.end + lo > start]
    for (doc, _), ents in zip(docs, found, strict=True):
        doc.set_ents(ents, default="outside")
    return docs


def parse_pipe(
    nlp: Language,
    items: Iterable[tuple[str, T]],
    batch_size: int = BATCH_SIZE,
    n_process: int = 1,
    ner_spans: NerSpans | None = None,
) -> Iterator[tuple[Doc, T]]:
    """Parse `(text, context)` pairs in batches, yielding `(doc, context)` in input order.

    A text over CHUNK_CHARS is parsed as its `chunks`, joined back into one Doc for that text.
    `ner_spans`, if given, says per parsed Doc (per chunk) where named entities are needed; the
    entity recogniser runs only there (`_selective_ner`; one process only).
    """

    def pieces() -> Iterator[tuple[str, tuple[T, int]]]:
        for text, context in items:
            parts = chunks(text) if len(text) > CHUNK_CHARS else [text]
            for i, part in enumerate(parts):
                yield part, (context, len(parts) - 1 - i)  # how many pieces of this text are still to come

    if n_process == 1 and ner_spans is not None and "ner" in nlp.pipe_names:
        parsed = chain.from_iterable(_selective_ner(nlp, group, ner_spans)
                                     for group in _groups(pieces(), batch_size, BATCH_CHARS))
    elif n_process == 1:
        parsed = chain.from_iterable(nlp.pipe(group, as_tuples=True, batch_size=len(group))
                                     for group in _groups(pieces(), batch_size, BATCH_CHARS))
    else:  # worker processes take fixed-size batches; one pipe, so they start once
        parsed = nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size, n_process=n_process)
    done: list[Doc] = []
    for doc, (context, left) in parsed:
        if not done and not left:
            yield doc, context
            continue
        done.append(doc)
        if not left:
            yield Doc.from_docs(done, ensure_whitespace=False), context
            done = []
