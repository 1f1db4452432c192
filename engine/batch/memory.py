"""How a process that plays batches keeps its memory (glibc's malloc only; elsewhere nothing).

Every step of a batch makes and drops the same few hundred arrays of a few hundred
kilobytes to a few megabytes each. By default glibc gives such blocks back to the
operating system as soon as the top of its heap is free, and serves the first ones
from fresh mappings; the next step asks for them again, and the kernel hands out zeroed
pages one fault at a time. Keeping freed memory for the next step instead is worth
several per cent of a whole run (docs/batch_engine.md, "Memory"); the price is that the
process keeps the batch's largest footprint (about 220 MB at 4,096 slots) until it ends.
"""

from __future__ import annotations

import ctypes
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Keeping:
    """The allocator's settings for a process that plays batches (`mallopt` parameters)."""

    #: blocks below this come from the heap, which is reused, rather than from a mapping
    #: of their own, which is zeroed afresh each time (glibc's default starts at 128 KB and
    #: rises only as blocks are freed; a batch's largest array is about 6 MB)
    mmap_threshold: int = 64 << 20
    #: free memory at the top of the heap is handed back only above this (glibc's default
    #: follows the mapping threshold, about twice the largest freed block)
    trim_threshold: int = 512 << 20


KEEPING = Keeping()

_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # glibc's malloc.h


def keep_freed_memory(keeping: Keeping = KEEPING) -> bool:
    """Ask glibc's malloc to keep freed memory for reuse; True if it took the settings.
    Harmless to call again; on other C libraries and systems it does nothing."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt  # the C library the interpreter runs on
    except (OSError, AttributeError):  # musl and others have no mallopt
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, keeping.mmap_threshold)
                and mallopt(_M_TRIM_THRESHOLD, keeping.trim_threshold))


__all__ = ["KEEPING", "Keeping", "keep_freed_memory"]
