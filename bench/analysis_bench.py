"""Analysis board budgets (issue 12, item 8), as the product runs them.

Rollouts and lint play on the batch engine where it can play them; the fair hint (worlds
redrawn per rollout) on the reference engine:

- analysis of a ~30-move game at the default rollouts (budget: 10 s, stderr <= 3 points);
- one fair hint at the default budget (budget: 1 s);
- lint of a 13-stakeholder scenario at the default runs (budget: 10 s).

Run: python bench/analysis_bench.py [--jobs 2] [--json] [--quick]
Prints figures; asserts nothing (timings never belong in tests).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from faultlines.engine.analysis.board import DEFAULT_ROLLOUTS, analyse_game  # noqa: E402
from faultlines.engine.analysis.hint import HINT_ROLLOUTS, HINT_SCREEN, hint  # noqa: E402
from faultlines.engine.analysis.lint import DEFAULT_RUNS, lint  # noqa: E402
from faultlines.engine.analysis.rollouts import Rollouts, position_of  # noqa: E402
from faultlines.engine.case import load_case  # noqa: E402
from faultlines.engine.simulate import game_seed, play_one  # noqa: E402
from faultlines.engine.table import Table  # noqa: E402

BUDGETS = {"analyse": 10.0, "hint": 1.0, "lint": 10.0, "stderr": 0.03}
#: the hint is timed at the openings of this many games, asked with this many seeds each
HINT_GAMES, HINT_SEEDS = 3, 3


def thirty_move_game(case, lo: int = 26, hi: int = 32) -> dict:
    """The first game of about thirty moves (research-style play first; Elm's games take
    20-27 moves since its calendar is 11 months, so a long one of a less sure-footed
    player's is taken; the figures give its length)."""
    for policy in ("skilled", "pragmatic", "listen-only", "random"):
        for i in range(100):
            log = play_one(case, policy, game_seed(7, i), explain=False).table.log()
            if lo <= len(log["moves"]) <= hi:
                return {**log, "bench_policy": policy}
    raise SystemExit("no game of about thirty moves found")


def bench_analyse(case, jobs: int, n: int, screen: int | None) -> dict:
    log = thirty_move_game(case)
    with Rollouts(jobs) as r:
        start = time.perf_counter()
        a = analyse_game(log, case, r, n=n, screen=screen)
        seconds = time.perf_counter() - start
        played = r.played
    errs = [p.estimate.stderr for p in a.positions if not p.estimate.exact]
    return {"task": "analyse", "moves": len(log["moves"]), "played_by": log["bench_policy"],
            "rollouts": n,
            "screen": n if screen is None else screen, "seconds": round(seconds, 2),
            "rollouts_played": played, "rollouts_per_s": round(played / seconds, 1),
            "max_stderr": round(max(errs), 4), "judged": len(a.judged),
            "budget_s": BUDGETS["analyse"], "met": seconds <= BUDGETS["analyse"]
            and max(errs) <= BUDGETS["stderr"]}


def bench_hint(case, jobs: int, n: int, screen: int) -> dict:
    """Hints at the openings of a few games, each asked with a few seeds (the hint's worlds
    are drawn from its seed, and some draws make longer games): the median and the slowest,
    since a player waits for every hint, not the average one."""
    times, played, last = [], 0, None
    with Rollouts(jobs) as r:
        for g in range(HINT_GAMES):
            t = Table.open(case, seed=game_seed(7, g), difficulty="guided")
            r.estimate(position_of(t), 2)  # start the pool first: a live game keeps one warm
            for s in range(1, HINT_SEEDS + 1):
                before = r.played
                start = time.perf_counter()
                last = hint(t, r, s, n=n, screen=screen)
                times.append(time.perf_counter() - start)
                played += r.played - before
    return {"task": "hint", "rollouts": n, "screen": screen, "hints": len(times),
            "seconds": round(statistics.median(times), 2), "max_seconds": round(max(times), 2),
            "rollouts_played": played // len(times), "stderr": round(last.estimate.stderr, 4),
            "move": last.text, "budget_s": BUDGETS["hint"],
            "met": max(times) <= BUDGETS["hint"]}


def bench_lint(case, jobs: int, runs: int) -> dict:
    start = time.perf_counter()
    v = lint(case, runs=runs, jobs=jobs)
    seconds = time.perf_counter() - start
    return {"task": "lint", "stakeholders": case.n, "runs": runs,
            "seconds": round(seconds, 2), "findings": len(v.findings), "passed": v.passed,
            "budget_s": BUDGETS["lint"], "met": seconds <= BUDGETS["lint"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default="elm", help="a 13-stakeholder case (default elm)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", action="store_true", help="one JSON object per task")
    ap.add_argument("--quick", action="store_true",
                    help="a tenth of the defaults (a smoke check, not the budget figures)")
    ap.add_argument("--only", choices=("analyse", "hint", "lint"), default=None)
    args = ap.parse_args()
    case = load_case(args.scenario)
    k = 10 if args.quick else 1
    tasks = {
        "analyse": lambda: bench_analyse(case, args.jobs, DEFAULT_ROLLOUTS // k, None),
        "hint": lambda: bench_hint(case, args.jobs, max(2, HINT_ROLLOUTS // k),
                                   HINT_SCREEN // k),
        "lint": lambda: bench_lint(case, args.jobs, max(2, DEFAULT_RUNS // k)),
    }
    for name, run in tasks.items():
        if args.only and name != args.only:
            continue
        row = {"scenario": case.scenario.id, "jobs": args.jobs, **run()}
        if args.json:
            print(json.dumps(row), flush=True)
        else:
            figures = ", ".join(f"{k}={v}" for k, v in row.items() if k not in ("task",))
            print(f"{row['task']}: {figures}", flush=True)


if __name__ == "__main__":
    main()
