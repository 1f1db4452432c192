"""Engine benchmark: games per second of both engines, per policy, in the same run, and
their ratio; then the median cost of one reference move.

Run: python bench/engine_bench.py [--scenario elm] [--runs 400] [--batch-runs 16384]
     [--jobs 2] [--policy NAME ...] [--json]
With --json, one object per policy: {"policy", "scenario", "jobs", "reference_games_per_s",
"batch_games_per_s", "ratio", "batch_form"} (`batch_form`: whether the policy's choices are
made over all games at once; without one, the batch engine asks the reference bot per game).
Prints figures; asserts nothing (timings never belong in tests).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from faultlines.engine.batch.play import batch_policy  # noqa: E402
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


def rates(scenario: str, policy: str, runs: int, batch_runs: int, jobs: int) -> dict:
    """Both engines on the same policy, one after the other (the machine is shared: compare
    figures from one run only)."""
    ref = simulate(scenario, policy, runs, 1, jobs=jobs, engine="reference")
    form = batch_policy(policy) is not None
    batch = simulate(scenario, policy, batch_runs if form else runs, 1, jobs=jobs,
                     engine="batch")
    r = ref["runs"] / ref["seconds"]
    b = batch["runs"] / batch["seconds"]
    return {"policy": policy, "scenario": scenario, "jobs": jobs,
            "reference_games_per_s": round(r, 1), "batch_games_per_s": round(b, 1),
            "ratio": round(b / r, 2), "batch_form": form,
            "pass_rate": ref["pass_rate"], "batch_pass_rate": batch["pass_rate"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scenario", default="elm")
    ap.add_argument("--runs", type=int, default=400, help="games on the reference engine")
    ap.add_argument("--batch-runs", type=int, default=16384,
                    help="games on the batch engine, for a policy with a batch form (the "
                         "default gives each job two of simulate's parts; a few thousand "
                         "games mostly time the processes' start)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--policy", action="append", help="only these policies (repeatable)")
    ap.add_argument("--json", action="store_true", help="one JSON object per policy")
    args = ap.parse_args()
    policies = args.policy or list(POLICIES)
    if not args.json:
        print(f"Fault Lines engine benchmark: scenario {args.scenario}, {args.jobs} jobs, "
              f"{os.cpu_count()} CPUs; reference {args.runs} games, batch {args.batch_runs} "
              "where the policy has a batch form")
        print(f"{'policy':<18}{'reference':>14}{'batch':>14}{'ratio':>8}  batch form")
    for name in policies:
        row = rates(args.scenario, name, args.runs, args.batch_runs, args.jobs)
        if args.json:
            print(json.dumps(row), flush=True)
        else:
            print(f"{name:<18}{row['reference_games_per_s']:>10.0f} g/s"
                  f"{row['batch_games_per_s']:>10.0f} g/s{row['ratio']:>7.1f}x  "
                  f"{'yes' if row['batch_form'] else 'no (reference bot per game)'}",
                  flush=True)
    if args.json:
        return
    case = load_case(args.scenario)
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
