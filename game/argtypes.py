"""Range-checked numbers for the command line's flags.

argparse's plain `type=int` accepts `--runs -5` or a seed numpy cannot use; these types
turn a bad value into argparse's usual one-line error ("argument --runs: ...", exit 2)
before any work starts.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable

MAX_RUNS = 10_000_000
SEED_LIMIT = 2**63  # seeds are kept in logs and saves as 64-bit integers


def whole_number(low: int, high: int | None = None) -> Callable[[str], int]:
    """An argparse type for an integer in [low, high] (no upper bound if `high` is None)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < low or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"{value} is out of range: {_range(low, high)}")
        return value

    parse.__name__ = "whole number"  # argparse names the type in some messages
    return parse


def _range(low: int, high: int | None) -> str:
    return f"use {low} or more" if high is None else f"use {low} to {high:,}"


def max_jobs() -> int:
    """More worker processes than this only queue behind each other."""
    return (os.cpu_count() or 1) * 4


def seed_type() -> Callable[[str], int]:
    return whole_number(0, SEED_LIMIT - 1)


def runs_type() -> Callable[[str], int]:
    return whole_number(1, MAX_RUNS)


def jobs_type() -> Callable[[str], int]:
    return whole_number(1, max_jobs())
