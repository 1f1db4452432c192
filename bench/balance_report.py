"""Print docs/fidelity.md's section 7 (balance and reachability) as markdown, measured now.

Run: python bench/balance_report.py > /tmp/section7.md
"""

from __future__ import annotations

import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from faultlines.engine.bots import ARCHETYPES, POLICIES, PROBES  # noqa: E402
from faultlines.engine.catalogue import shipped_ids  # noqa: E402
from faultlines.engine.domain import OUTCOMES  # noqa: E402
from faultlines.engine.moves import MOVE_TYPES  # noqa: E402
from faultlines.engine.simulate import simulate  # noqa: E402

from bench.outcome_witnesses import witnesses  # noqa: E402

ORDER = ["elm", "willow", "oak", "tutorial"]


def _run(args):
    scenario, policy, runs = args
    return (scenario, policy), simulate(scenario, policy, runs, 1)


def main() -> None:
    cases = [c for c in ORDER if c in shipped_ids()]
    jobs = [(c, p, 200) for c in cases for p in POLICIES]
    jobs += [(c, f"repeat:{k}", 100) for c in cases for k in MOVE_TYPES]
    jobs += [(c, p, 20 if p == "greedy" else 200) for c in cases for p in (*ARCHETYPES, *PROBES)]
    with ProcessPoolExecutor(max_workers=2) as pool:
        res = dict(pool.map(_run, jobs))
    print("## 7. Balance and reachability\n")
    print("Measured with `python bench/balance_report.py` (200 games per policy, 100 per "
          "`repeat:KIND`, seed 1). Bots read only the player's view, so these rates come from "
          "the scenarios' structure (vetoes, demands, stand-offs, scarce inducements, time), "
          "not from hidden information. The tests (`tests/test_balance.py`) hold every case to: "
          "skilled between 0.55 and 0.8, at least half of it genuine consensus; random, "
          "one-note, skipping or emptying the consultation and greedy play <= 0.2; skipping, "
          "emptying or announcing the consultation <= 0.1 genuine consensus; any single move "
          "repeated <= 0.1; in Willow, skilled play without a coalition <= 0.1.\n")
    print("| policy | " + " | ".join(c.capitalize() for c in cases) + " |")
    print("|---|" + "---|" * len(cases))
    for p in POLICIES:
        print(f"| `{p}` | " + " | ".join(f"{res[(c, p)]['pass_rate']:.3f}" for c in cases) + " |")
    worst = []
    for c in cases:
        k = max(MOVE_TYPES, key=lambda k, c=c: res[(c, f"repeat:{k}")]["pass_rate"])
        worst.append(f"{res[(c, f'repeat:{k}')]['pass_rate']:.3f} ({k})")
    print("| best single move repeated | " + " | ".join(worst) + " |")
    print("\nArchetypes and probes (what a student gaming the system might try; `greedy` over "
          "20 games, as it looks one move ahead): pass rate, and in brackets the share of "
          "games passed with genuine consensus.\n")
    print("| policy | " + " | ".join(c.capitalize() for c in cases) + " |")
    print("|---|" + "---|" * len(cases))
    for p in (*ARCHETYPES, *PROBES):
        cells = []
        for c in cases:
            r = res[(c, p)]
            cells.append(f"{r['pass_rate']:.3f} ({r['outcomes']['consensus'] / r['runs']:.3f})")
        print(f"| `{p}` | " + " | ".join(cells) + " |")
    print("\n" + '`hurried` (announces the consultation) is not a probe: it is research-style play that runs a false negotiation, and like the commissioning merger the plan often goes through, but never as a genuine consensus (pushed through; Waring, Bishop & Roe, Negotiating Transformation Priorities). `no-coalition` is research-style play that never brings the marginal groups together: in Willow it never gets past the hospitals.')
    print("\nOutcome counts for the skilled policy (consensus / hollow / pushed through / "
          "stalled / collapsed):\n")
    for c in cases:
        o = res[(c, "skilled")]["outcomes"]
        print(f"- {c.capitalize()}: " + " / ".join(str(o[x]) for x in OUTCOMES))
    print("\n### A seed and policy reaching each outcome\n")
    print("Found with `python bench/outcome_witnesses.py` (the game seed is the one "
          "`engine.simulate.play_one(case, policy, seed)` takes; `pragmatic` is the skilled bot "
          "that scales the plan back instead of compensating, `hurried` the skilled bot that "
          "announces the consultation). Each move list replays its game exactly.\n")
    found = {c: witnesses(c) for c in cases}
    print("| outcome | " + " | ".join(c.capitalize() for c in cases) + " |")
    print("|---|" + "---|" * len(cases))
    for o in OUTCOMES:
        cells = [f"`{found[c][o][0]}` {found[c][o][1]}" if o in found[c] else "not found"
                 for c in cases]
        print(f"| {o} | " + " | ".join(cells) + " |")
    print()
    for c in cases:
        for o in OUTCOMES:
            if o in found[c]:
                pol, seed, moves = found[c][o]
                steps = ", ".join(" ".join(str(v) for v in m.values()) for m in moves)
                print(f"- **{c.capitalize()} {o}** (`{pol}`, seed {seed}): {steps}")


if __name__ == "__main__":
    main()
