"""Batch bots benchmark: microseconds per game per choice of the skilled player, the batch
engine's `engine.batch.bots.skilled` (radar and candidate walk) at several batch sizes
against the reference bot's decision one game at a time (a `Seat` and `engine.bots.skilled`,
what bench/engine_bench.py calls the "skilled bot decision"), on the moments before every
move of real games.

Run: python bench/batch_bots_bench.py [--scenario elm] [--sizes 256 1024] [--json]
Prints figures (with --json, one object per batch size); asserts nothing. Until the moves'
batch forms land, `form(kind).legal` is the per-game reference check, so the batch figure
is mostly that fallback: the split printed says how much.
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from faultlines.engine import bots  # noqa: E402
from faultlines.engine.batch import bots as batch_bots  # noqa: E402
from faultlines.engine.batch.compiled import batch_case  # noqa: E402
from faultlines.engine.batch.moves import BATCH_MOVES, form  # noqa: E402
from faultlines.engine.batch.radar import radar  # noqa: E402
from faultlines.engine.batch.state import pack  # noqa: E402
from faultlines.engine.batch.turn import Turn  # noqa: E402
from faultlines.engine.moves import MOVE_TYPES  # noqa: E402

from bench.batch_common import batch_args, report  # noqa: E402
from tests.batch_kit import case_named, move_points, reference_table  # noqa: E402


def best_of(fn, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    args = batch_args(__doc__, [256, 1024], 3)
    case = case_named(args.scenario)
    bc = batch_case(case)
    points = [p for pol in ("skilled", "random", "hurried") for p in
              move_points(args.scenario, pol, 4)]
    tables = [reference_table(case, p.state, list(p.moves)) for p in points]
    rng = np.random.default_rng(0)

    def reference() -> None:
        for t in tables:
            bots.skilled(bots.Seat(t), bots.Choices(t), rng)

    ref_us = best_of(reference, args.repeats) / len(points) * 1e6
    rows = []
    for g in args.sizes:
        picked = [points[k % len(points)] for k in range(g)]
        bs = pack(bc, [p.state for p in picked])
        moves = [list(p.moves) for p in picked]
        turn = Turn(move_index=np.array([p.move_index for p in picked]),
                    scripts=lambda *a: None, moves=moves)
        idx = np.arange(g)
        a = (bc, bs, idx, moves, turn)
        batch_us = best_of(lambda a=a: batch_bots.skilled(*a), args.repeats) / g * 1e6
        radar_us = best_of(lambda a=a: radar(*a[:4]), args.repeats) / g * 1e6
        # the walk alone: the legality answers recorded once, then replayed in order
        answers: list[np.ndarray] = []

        def record(original, *x, answers=answers):
            answers.append(original(*x))
            return answers[-1]

        with _legality(record):
            batch_bots.skilled(*a)
        checks = sum(len(x) for x in answers)

        def replayed(a=a, answers=answers) -> None:
            left = iter(answers)
            with _legality(lambda original, *x: next(left)):
                batch_bots.skilled(*a)

        walk_us = best_of(replayed, args.repeats) / g * 1e6
        rows.append({"scenario": args.scenario, "games": g,
                     "reference_us_per_choice": round(ref_us, 1),
                     "batch_us_per_choice": round(batch_us, 1),
                     "without_legality_us": round(walk_us, 1),
                     "radar_us": round(radar_us, 2),
                     "legality_checks_per_game": round(checks / g, 1),
                     "batch_forms": sorted(BATCH_MOVES),
                     "ratio": round(ref_us / batch_us, 1)})
    header = (f"{args.scenario}: {len(points)} real moments; reference skilled decision "
              f"{ref_us:.0f} us per game, one game at a time")
    report(rows, args.json, header, lambda row: (
        f"  G = {row['games']:>5}: batch {row['batch_us_per_choice']:.1f} us per game "
        f"({row['ratio']:.1f}x); without the legality checks {row['without_legality_us']:.1f}"
        f" (radar {row['radar_us']:.1f}); {row['legality_checks_per_game']} checks per game; "
        f"batch forms: {', '.join(row['batch_forms']) or 'none yet'}"))


@contextmanager
def _legality(answer):
    """Every kind's `legal` answered by `answer(original, *args)` while inside."""
    kept = {kind: form(kind) for kind in MOVE_TYPES}
    originals = {kind: f.legal for kind, f in kept.items()}
    for kind, f in kept.items():
        f.legal = lambda *x, o=originals[kind]: answer(o, *x)
    try:
        yield
    finally:
        for kind, f in kept.items():
            f.legal = originals[kind]


if __name__ == "__main__":
    main()
