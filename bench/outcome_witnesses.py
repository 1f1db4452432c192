"""Find, for each scenario, a seed and policy that reaches each of the five outcomes, and
print the move list (documentation for trainers; the test suite replays the table).

Run: python bench/outcome_witnesses.py [scenario ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from faultlines.engine.case import load_case
from faultlines.engine.catalogue import shipped_ids  # noqa: E402
from faultlines.engine.domain import OUTCOMES  # noqa: E402
from faultlines.engine.simulate import game_seed, play_one  # noqa: E402

SEARCH = ("skilled", "pragmatic", "hurried", "random", "challenge-only", "listen-only")


def witnesses(scenario: str, tries: int = 200) -> dict[str, tuple[str, int, list]]:
    case = load_case(scenario)
    found: dict[str, tuple[str, int, list]] = {}
    for policy in SEARCH:
        for i in range(tries):
            if len(found) == len(OUTCOMES):
                return found
            seed = game_seed(1, i)
            table = play_one(case, policy, seed).table
            o = table.outcome
            if o not in found:
                found[o] = (policy, seed, list(table.moves))
    return found


def main() -> None:
    names = sys.argv[1:] or [n for n in shipped_ids() if n != "tutorial"]
    for name in names:
        found = witnesses(name)
        print(f"## {name}")
        for o in OUTCOMES:
            if o not in found:
                print(f"- {o}: NOT FOUND")
                continue
            policy, seed, moves = found[o]
            steps = ", ".join(" ".join(str(v) for v in m.values()) for m in moves)
            print(f"- {o}: policy {policy}, seed {seed}: {steps}")


if __name__ == "__main__":
    main()
