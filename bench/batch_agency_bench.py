"""Batch agency benchmark: microseconds per game per month of stakeholders' own actions, the
batch engine's `engine.batch.agency.act` at several batch sizes against the reference
`engine.agency.act` one game at a time, on real states whose month ends in a forum stage.

Run: python bench/batch_agency_bench.py [--scenario elm] [--sizes 256 1024] [--json]
Prints figures (with --json, one object per batch size); asserts nothing (timings never
belong in tests). Each run starts from fresh copies of the states (acting changes them);
copying and packing are not timed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from faultlines.engine import agency  # noqa: E402
from faultlines.engine.batch import agency as batch_agency  # noqa: E402
from faultlines.engine.batch.compiled import batch_case  # noqa: E402
from faultlines.engine.batch.state import pack  # noqa: E402
from faultlines.engine.case import load_case  # noqa: E402
from faultlines.engine.context import MoveContext, StanceCache  # noqa: E402
from faultlines.engine.draws import CounterDice  # noqa: E402

from bench.batch_common import batch_args, report  # noqa: E402
from bench.batch_stance_bench import states_of  # noqa: E402


def month_end_states(case, games: int) -> list:
    """States of skilled and random games whose stakeholders would act at a month's end."""
    bc = batch_case(case)
    states = states_of(case, games)
    keep = batch_agency.acting(pack(bc, states), np.ones(len(states), bool))
    return [st for st, ok in zip(states, keep, strict=True) if ok]


def reference_us(case, states: list, repeats: int) -> float:
    """Best of `repeats`: the reference's month for each state in turn, per game."""
    best = float("inf")
    for r in range(repeats):
        copies = [st.copy() for st in states]
        ctxs = [MoveContext(case, st, CounterDice(k, r), [], StanceCache(case), move_index=r)
                for k, st in enumerate(copies)]
        t = time.perf_counter()
        for ctx in ctxs:
            agency.act(ctx)
        best = min(best, time.perf_counter() - t)
    return best / len(states) * 1e6


def batch_us(bc, states: list, g: int, repeats: int) -> tuple[float, float]:
    """Best of `repeats`, per game: the first month after packing G games (each game's
    referral grounds read from its whole side record), then the next month (only what is
    new is read: the steady state of a batch playing on)."""
    picked = [states[k % len(states)] for k in range(g)]
    keys, slots = np.arange(g), np.zeros(g, np.int64)
    everyone = np.ones(g, bool)
    first = later = float("inf")
    for r in range(repeats):
        bs = pack(bc, picked)
        t = time.perf_counter()
        batch_agency.act(bs, everyone, keys, np.full(g, 2 * r), slots)
        t1 = time.perf_counter()
        batch_agency.act(bs, everyone, keys, np.full(g, 2 * r + 1), slots)
        t2 = time.perf_counter()
        first, later = min(first, t1 - t), min(later, t2 - t1)
    return first / g * 1e6, later / g * 1e6


def main() -> None:
    args = batch_args(__doc__, [256, 1024], 5)
    case = load_case(args.scenario)
    bc = batch_case(case)
    states = month_end_states(case, 12)
    ref = reference_us(case, states, args.repeats)
    rows = []
    for g in args.sizes:
        first, later = batch_us(bc, states, g, args.repeats)
        rows.append({"scenario": args.scenario, "people": bc.n, "games": g,
                     "reference_us_per_month": round(ref, 1),
                     "batch_first_us_per_month": round(first, 2),
                     "batch_us_per_month": round(later, 2), "ratio": round(ref / later, 1)})
    header = (f"{args.scenario}: {bc.n} people, {len(states)} real month-end states; "
              f"reference {ref:.0f} us per game per month, one game at a time")
    report(rows, args.json, header, lambda row: (
        f"  G = {row['games']:>5}: batch {row['batch_us_per_month']:.1f} us per game "
        f"per month, {row['ratio']:.0f}x the reference "
        f"(first month after packing: {row['batch_first_us_per_month']:.1f} us)"))


if __name__ == "__main__":
    main()
