"""Batch month benchmark: microseconds per game per month's end, the batch engine's
`engine.batch.month.end_round` at several batch sizes against the reference
`engine.flow.end_round` one game at a time, on real moments just before a month ends (the
ones tests/test_batch_month.py proves equal).

A month's end includes whatever the flow does then: in about a third of real month ends the
forum's rounds are used up and it decides (engine.batch.decision, its scenario events
included), and games entering a round or a stage fire their scenario events through the
per-game seam (`ReferenceScripts`). Both shares are printed (they do not overlap), as they
are where the time goes; the rest is the month's own arrays and the stakeholders' actions.

Run: python bench/batch_month_bench.py [--scenario elm] [--sizes 256 1024] [--json]
Prints figures (with --json, one object per batch size); asserts nothing (timings never
belong in tests).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from faultlines.engine import flow  # noqa: E402
from faultlines.engine.batch import month  # noqa: E402
from faultlines.engine.batch.compiled import batch_case  # noqa: E402
from faultlines.engine.batch.state import pack  # noqa: E402
from faultlines.engine.batch.turn import Counters, ReferenceScripts, Turn  # noqa: E402

from bench.batch_common import batch_args, reference_seconds, report  # noqa: E402
from tests.batch_kit import MONTH_POLICIES, case_named, month_points  # noqa: E402


class _Timed:
    """A callable, with the time spent in it (the calls made inside it are not counted
    twice: an instant stage's decision inside a decision is part of the outer one), except
    while `unless` (another _Timed) is running: that time is the other's."""

    def __init__(self, fn, unless: _Timed | None = None):
        self.fn, self.spent, self.depth, self.unless = fn, 0.0, 0, unless

    def __call__(self, *args):
        self.depth += 1
        t = time.perf_counter()
        try:
            return self.fn(*args)
        finally:
            self.depth -= 1
            if not self.depth and not (self.unless is not None and self.unless.depth):
                self.spent += time.perf_counter() - t


def batch_seconds(bc, points) -> tuple[float, float, float]:
    """The batch month on all the moments at once (packed outside the clock); also the
    seconds spent deciding (with the decisions' own scenario events) and in the
    scenario-events seam outside decisions (new rounds, briefings ending, resumptions)."""
    bs = pack(bc, [p.state for p in points])
    moves = np.array([p.move_index for p in points])
    counters = Counters(key=np.array([p.dice_key for p in points], np.int64),
                        slot=np.array([p.slot for p in points], np.int64))
    deciding = _Timed(month.decide)
    seam = _Timed(ReferenceScripts(bc, counters, [list(p.moves) for p in points], moves),
                  unless=deciding)
    turn = Turn(move_index=moves, scripts=seam, counters=counters)
    month.decide = deciding
    try:
        t = time.perf_counter()
        month.end_round(bc, bs, np.ones(len(points), bool), turn)
        spent = time.perf_counter() - t
    finally:
        month.decide = deciding.fn
    return spent, deciding.spent, seam.spent


def main() -> None:
    args = batch_args(__doc__, [256, 1024], 5)
    case = case_named(args.scenario)
    bc = batch_case(case)
    moments = [p for policy in MONTH_POLICIES for p in month_points(args.scenario, policy, 14)]
    ref = min(reference_seconds(case, moments, flow.end_round) for _ in range(args.repeats))
    ref_us = ref / len(moments) * 1e6
    rows = []
    for g in args.sizes:
        picked = [moments[k % len(moments)] for k in range(g)]
        best = (float("inf"), 0.0, 0.0)
        for _ in range(args.repeats):
            best = min(best, batch_seconds(bc, picked))
        spent, deciding, seam = best
        rows.append({"scenario": args.scenario, "games": g, "moments": len(moments),
                     "reference_us_per_month": round(ref_us, 1),
                     "batch_us_per_month": round(spent / g * 1e6, 2),
                     "deciding_us_per_month": round(deciding / g * 1e6, 2),
                     "seam_us_per_month": round(seam / g * 1e6, 2),
                     "ratio": round(ref / len(moments) / (spent / g), 1)})
    header = (f"{args.scenario}: {len(moments)} real moments before a month's end; "
              f"reference {ref_us:.0f} us per month, one game at a time")
    report(rows, args.json, header, lambda row: (
        f"  G = {row['games']:>5}: batch {row['batch_us_per_month']:.1f} us per game per "
        f"month (deciding {row['deciding_us_per_month']:.1f}, other scenario events "
        f"{row['seam_us_per_month']:.1f}), {row['ratio']:.0f}x the reference"))


if __name__ == "__main__":
    main()
