"""Loads the spaCy pipeline once and parses articles in batches.

Why a module of its own: the parse is the most expensive step of the whole pipeline, so exactly
one place decides which model is loaded, which components run, how sentences are split at
paragraph breaks, and how batches and processes are used. Nothing else here calls `spacy.load`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import chain
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dyads import SPACY_MODEL  # the model's name (re-exported here, where parsing code looks for it)
from dyads.heap import MMAP_THRESHOLD, fix_mmap_threshold, trim_heap

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
    for i, token in enumerate(doc[:-1]):
        if token.is_space and "\n" in token.text:
            doc[i + 1].is_sent_start = True
    return doc


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


def load_nlp(model: str = SPACY_MODEL) -> Language:
    """Load the spaCy pipeline once per process, with our paragraph splitter before the parser.

    Also fixes the process's mmap threshold if DYADS_MMAP_THRESHOLD asks for one (see MMAP_THRESHOLD).
    """
    fix_mmap_threshold()
    nlp = spacy.load(model)
    nlp.max_length = MAX_LENGTH
    if "dyads_paragraph_sentences" not in nlp.pipe_names:
        nlp.add_pipe("dyads_paragraph_sentences", before="parser")
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


def parse_pipe(
    nlp: Language,
    items: Iterable[tuple[str, T]],
    batch_size: int = BATCH_SIZE,
    n_process: int = 1,
) -> Iterator[tuple[Doc, T]]:
    """Parse `(text, context)` pairs in batches, yielding `(doc, context)` in input order.

    A text over CHUNK_CHARS is parsed as its `chunks`, joined back into one Doc for that text.
    """

    def pieces() -> Iterator[tuple[str, tuple[T, int]]]:
        for text, context in items:
            parts = chunks(text) if len(text) > CHUNK_CHARS else [text]
            for i, part in enumerate(parts):
                yield part, (context, len(parts) - 1 - i)  # how many pieces of this text are still to come

    if n_process == 1:
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
