"""How often the world pushes back on research-style play: the share of games with at least
one real setback, and what stakeholders did of their own accord.

A setback is a counter-move that cost support (an action that moved someone at least 0.04
against the plan, or cost the director at least 0.02 credibility), a failed vote (failed,
blocked or a stand-off), a re-opened decision or a hiatus.

Run: python bench/setbacks.py [--policy skilled] [--runs 200] [--seed 1] [--jobs 2]
Prints a markdown table; asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from faultlines.engine.case import load_case  # noqa: E402
from faultlines.engine.catalogue import shipped_ids  # noqa: E402
from faultlines.engine.domain import ACTION_KINDS, PASSING_OUTCOMES  # noqa: E402
from faultlines.engine.events import Event  # noqa: E402
from faultlines.engine.simulate import game_seed, play_one  # noqa: E402

ORDER = ["elm", "willow", "oak", "tutorial"]
COST_SUPPORT = 0.04
COST_CREDIBILITY = 0.02


def setbacks(events: list[Event]) -> Counter:
    """The setbacks of one game, by kind."""
    out: Counter = Counter()
    for e in events:
        d = e.data
        if e.kind == "action":
            eff = d.get("effects", {})
            if min(eff.get("support", {}).values(), default=0.0) <= -COST_SUPPORT or \
                    eff.get("credibility", 0.0) <= -COST_CREDIBILITY:
                out["counter-move"] += 1
        elif e.kind == "decision" and d.get("result") != "passed":
            out["failed vote"] += 1
        elif e.kind == "stage" and "reopened" in d:
            out["re-opened"] += 1
        elif e.kind == "hiatus":
            out["hiatus"] += 1
    return out


def _chunk(args: tuple) -> list[tuple[str, Counter, Counter]]:
    scenario, policy, seeds = args
    case = load_case(scenario)
    rows = []
    for s in seeds:
        g = play_one(case, policy, s, explain=False).table
        acts = Counter(e.data["action"] for e in g.events if e.kind == "action")
        rows.append((g.outcome or "unfinished", setbacks(g.events), acts))
    return rows


def measure(scenario: str, policy: str, runs: int, seed: int, jobs: int) -> dict:
    seeds = [game_seed(seed, i) for i in range(runs)]
    size = max(1, runs // (jobs * 4))
    chunks = [(scenario, policy, seeds[i:i + size]) for i in range(0, runs, size)]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        rows = [r for part in pool.map(_chunk, chunks) for r in part]
    kinds: Counter = Counter()
    acts: Counter = Counter()
    for _, sb, a in rows:
        kinds.update({k: 1 for k in sb})
        acts.update(a)
    return {"runs": runs,
            "pass": sum(o in PASSING_OUTCOMES for o, _, _ in rows) / runs,
            "consensus": sum(o == "consensus" for o, _, _ in rows) / runs,
            "setback": sum(bool(sb) for _, sb, _ in rows) / runs,
            "kinds": {k: v / runs for k, v in kinds.items()},
            "actions": {k: acts[k] / runs for k in ACTION_KINDS}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--policy", default="skilled")
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--cases", nargs="*", default=None)
    args = ap.parse_args()
    cases = args.cases or [c for c in ORDER if c in shipped_ids()]
    res = {c: measure(c, args.policy, args.runs, args.seed, args.jobs) for c in cases}
    print(f"`{args.policy}`, {args.runs} games per case, seed {args.seed}\n")
    print("| case | pass | consensus | >= 1 setback | counter-move | failed vote | re-opened "
          "| hiatus |")
    print("|---|---|---|---|---|---|---|---|")
    for c, r in res.items():
        k = r["kinds"]
        print(f"| {c} | {r['pass']:.3f} | {r['consensus']:.3f} | {r['setback']:.3f} | "
              + " | ".join(f"{k.get(x, 0.0):.3f}" for x in
                           ("counter-move", "failed vote", "re-opened", "hiatus")) + " |")
    print("\nActions per game:\n")
    print("| case | " + " | ".join(ACTION_KINDS) + " |")
    print("|---|" + "---|" * len(ACTION_KINDS))
    for c, r in res.items():
        print(f"| {c} | " + " | ".join(f"{r['actions'][a]:.2f}" for a in ACTION_KINDS) + " |")


if __name__ == "__main__":
    main()
