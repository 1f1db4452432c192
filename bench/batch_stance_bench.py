"""Batch stance benchmark: microseconds per game per stance, the batch engine's
`engine.batch.stance.compute` at several batch sizes against the reference
`engine.stance.compute` one game at a time, on real mid-game states.

Run: python bench/batch_stance_bench.py [--scenario elm] [--sizes 256 1024 4096] [--json]
Prints figures (with --json, one object per batch size); asserts nothing (timings never
belong in tests).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from faultlines.engine import stance  # noqa: E402
from faultlines.engine.batch.compiled import batch_case  # noqa: E402
from faultlines.engine.batch.stance import compute  # noqa: E402
from faultlines.engine.batch.state import pack  # noqa: E402
from faultlines.engine.bots import drive, policy_named  # noqa: E402
from faultlines.engine.case import load_case  # noqa: E402
from faultlines.engine.simulate import game_seed  # noqa: E402
from faultlines.engine.table import Table  # noqa: E402

from bench.batch_common import batch_args, report  # noqa: E402


def states_of(case, games: int) -> list:
    """States after every move of some skilled and random games (the mix a batch holds)."""
    out = []
    for k in range(games):
        policy = ("skilled", "random")[k % 2]
        seed = game_seed(5, k)
        table = Table.open(case, seed=seed, explain=False)
        rng = np.random.default_rng([seed, 7])
        while not table.over:
            drive(table, policy_named(policy), rng, max_moves=1, name=policy)
            out.append(table._game.state.copy())
    return out


def best_of(fn, repeats: int) -> float:
    """The fastest of `repeats` runs, in seconds (the least disturbed by other work)."""
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    args = batch_args(__doc__, [256, 1024, 4096], 7)
    case = load_case(args.scenario)
    bc = batch_case(case)
    states = states_of(case, 12)
    ref_s = best_of(lambda: [stance.compute(case, st) for st in states], args.repeats)
    ref_us = ref_s / len(states) * 1e6
    rows = []
    for g in args.sizes:
        picked = [states[k % len(states)] for k in range(g)]
        bs = pack(bc, picked)
        batch_us = best_of(lambda bs=bs: compute(bc, bs), args.repeats) / g * 1e6
        rows.append({"scenario": args.scenario, "people": bc.n, "games": g,
                     "reference_us_per_stance": round(ref_us, 2),
                     "batch_us_per_stance": round(batch_us, 3),
                     "ratio": round(ref_us / batch_us, 1)})
    header = (f"{args.scenario}: {bc.n} people, {len(states)} real states; "
              f"reference {ref_us:.1f} us per stance, one game at a time")
    report(rows, args.json, header, lambda row: (
        f"  G = {row['games']:>5}: batch {row['batch_us_per_stance']:.2f} us per game "
        f"per stance, {row['ratio']:.0f}x the reference"))


if __name__ == "__main__":
    main()
