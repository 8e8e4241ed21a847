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
