"""Engine benchmark: playthroughs per second per policy, and the median cost of one move.

Run: python bench/engine_bench.py [--scenario elm] [--runs 400] [--jobs 2]
Prints figures; asserts nothing (timings never belong in tests).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from faultlines.engine.bots import POLICIES, Choices, Seat, policy_named  # noqa: E402
from faultlines.engine.case import load_case  # noqa: E402
from faultlines.engine.game import Game  # noqa: E402
from faultlines.engine.simulate import game_seed, simulate  # noqa: E402
from faultlines.engine.table import Table  # noqa: E402


def move_costs(case, policy: str, games: int) -> tuple[list[float], list[float]]:
    """Time a move (`Table.choose`) alone and the bot's decision alone, per move."""
    play_t, decide_t = [], []
    pol = policy_named(policy)
    for i in range(games):
        seed = game_seed(99, i)
        t = Table.open(case, seed=seed)
        rng = np.random.default_rng(seed)
        while not t.over:
            a = time.perf_counter()
            m = pol(Seat(t), Choices(t), rng)
            b = time.perf_counter()
            t.choose(m)
            c = time.perf_counter()
            decide_t.append(b - a)
            play_t.append(c - b)
    return play_t, decide_t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scenario", default="elm")
    ap.add_argument("--runs", type=int, default=400)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    case = load_case(args.scenario)
    print(f"Fault Lines engine benchmark: scenario {args.scenario}, {args.runs} games per policy, "
          f"{os.cpu_count()} CPUs")
    print(f"{'policy':<16}{'1 process':>14}{f'{args.jobs} processes':>16}{'pass rate':>11}")
    for name in POLICIES:
        one = simulate(args.scenario, name, args.runs, 1, jobs=1)
        many = simulate(args.scenario, name, args.runs, 1, jobs=args.jobs)
        print(f"{name:<16}{one['runs'] / one['seconds']:>10.0f} g/s"
              f"{many['runs'] / many['seconds']:>12.0f} g/s{one['pass_rate']:>10.0%}")
    play_t, decide_t = move_costs(case, "skilled", 100)
    print(f"median Table.choose (one move, incl. decisions and events): "
          f"{statistics.median(play_t) * 1e6:.0f} us; 95th percentile "
          f"{np.percentile(play_t, 95) * 1e6:.0f} us")
    print(f"median skilled bot decision (seat + policy): {statistics.median(decide_t) * 1e6:.0f} us")
    start = time.perf_counter()
    for i in range(200):
        Game(case, seed=i)
    print(f"new game: {(time.perf_counter() - start) / 200 * 1e6:.0f} us")


if __name__ == "__main__":
    main()
