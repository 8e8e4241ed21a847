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
