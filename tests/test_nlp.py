"""dyads.nlp: the process-wide allocator setting that keeps a coding run's heap from growing."""

from __future__ import annotations

import platform

import pytest

from dyads.nlp import MMAP_THRESHOLD, fix_mmap_threshold


def test_zero_threshold_leaves_the_allocator_alone(monkeypatch):
    monkeypatch.setenv("DYADS_MMAP_THRESHOLD", "0")
    assert fix_mmap_threshold() is False
    assert fix_mmap_threshold(0) is False


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's")
def test_threshold_is_set_on_glibc():
    assert fix_mmap_threshold(MMAP_THRESHOLD) is True
