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
