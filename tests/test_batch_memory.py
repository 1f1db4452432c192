"""The batch engine's memory keeping (engine.batch.memory): taken where glibc's malloc can
take it, skipped quietly elsewhere; the games it plays are the same either way (the parity
tests play with it on)."""

from __future__ import annotations

import platform

import pytest
from faultlines.engine.batch import memory
from faultlines.engine.batch.compiled import batch_case
from faultlines.engine.batch.play import DEFAULT_SLOTS
from faultlines.engine.batch.state import empty
from faultlines.engine.case import load_case


@pytest.mark.skipif(platform.system() != "Linux" or platform.libc_ver()[0] != "glibc",
                    reason="glibc's malloc only")
def test_glibc_takes_the_settings_and_can_be_asked_again():
    assert memory.keep_freed_memory() is True
    assert memory.keep_freed_memory() is True


def test_another_system_is_left_alone(monkeypatch):
    monkeypatch.setattr(memory.sys, "platform", "darwin")
    assert memory.keep_freed_memory() is False


@pytest.mark.parametrize("case_id", ["elm", "willow", "oak"])
def test_the_settings_keep_every_array_of_a_full_batch_on_the_heap(case_id):
    """A step makes and frees arrays the size of the state's largest (the (G, N, N)
    conflict): blocks that size must come from the reused heap."""
    bs = empty(batch_case(load_case(case_id)), DEFAULT_SLOTS)
    largest = max(a.nbytes for a in bs.arrays.values())
    assert largest < memory.KEEPING.mmap_threshold
    assert 4 * largest < memory.KEEPING.trim_threshold
