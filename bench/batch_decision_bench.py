"""Batch decision benchmark: microseconds per game per decision, the batch engine's
`engine.batch.decision.decide` at several batch sizes against the reference
`engine.flow.decide` one game at a time, on real moments just before a forum counts (the
ones tests/test_batch_decision.py proves equal).

The batch figure includes the scenario-events seam (`ReferenceScripts`: games entering a
stage with events left to fire are run through the reference one by one); its share is
printed too, as it is what an array form of the events would remove.

Run: python bench/batch_decision_bench.py [--scenario elm] [--sizes 256 1024] [--json]
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
from faultlines.engine.batch.compiled import batch_case  # noqa: E402
from faultlines.engine.batch.decision import decide  # noqa: E402
from faultlines.engine.batch.state import pack  # noqa: E402
from faultlines.engine.batch.turn import ReferenceScripts, Turn  # noqa: E402

from bench.batch_common import batch_args, point_dice, reference_seconds, report  # noqa: E402
from tests.batch_kit import DECISION_POLICIES, case_named, decision_points  # noqa: E402


class _Timed:
    """The seam, with the time spent in it."""

    def __init__(self, scripts):
        self.scripts, self.spent = scripts, 0.0

    def __call__(self, bs, idx, rest_of_stage=False):
        t = time.perf_counter()
        self.scripts(bs, idx, rest_of_stage)
        self.spent += time.perf_counter() - t


def batch_seconds(bc, points) -> tuple[float, float]:
    """The batch decision on all the moments at once (packed outside the clock); also the
    seconds spent in the scenario-events seam."""
    bs = pack(bc, [p.state for p in points])
    moves = np.array([p.move_index for p in points])
    seam = _Timed(ReferenceScripts(bc, [point_dice(p) for p in points],
                                   [list(p.moves) for p in points], moves))
    turn = Turn(move_index=moves, scripts=seam)
    t = time.perf_counter()
    decide(bc, bs, np.ones(len(points), bool), turn)
    return time.perf_counter() - t, seam.spent


def main() -> None:
    args = batch_args(__doc__, [256, 1024], 5)
    case = case_named(args.scenario)
    bc = batch_case(case)
    moments = [p for policy in DECISION_POLICIES for p in decision_points(args.scenario,
                                                                          policy, 10)]
    ref = min(reference_seconds(case, moments, flow.decide) for _ in range(args.repeats))
    ref_us = ref / len(moments) * 1e6
    rows = []
    for g in args.sizes:
        picked = [moments[k % len(moments)] for k in range(g)]
        best, seam = float("inf"), 0.0
        for _ in range(args.repeats):
            spent, in_seam = batch_seconds(bc, picked)
            if spent < best:
                best, seam = spent, in_seam
        batch_us = best / g * 1e6
        rows.append({"scenario": args.scenario, "games": g, "moments": len(moments),
                     "reference_us_per_decision": round(ref_us, 1),
                     "batch_us_per_decision": round(batch_us, 2),
                     "seam_us_per_decision": round(seam / g * 1e6, 2),
                     "ratio": round(ref_us / batch_us, 1)})
    header = (f"{args.scenario}: {len(moments)} real moments before a decision; reference "
              f"{ref_us:.0f} us per decision, one game at a time")
    report(rows, args.json, header, lambda row: (
        f"  G = {row['games']:>5}: batch {row['batch_us_per_decision']:.1f} us per game "
        f"per decision (scenario-events seam {row['seam_us_per_decision']:.1f}), "
        f"{row['ratio']:.0f}x the reference"))


if __name__ == "__main__":
    main()
