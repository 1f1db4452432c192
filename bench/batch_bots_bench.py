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
    checks = {"n": 0, "s": 0.0}  # the walk's legality checks, timed in a separate run
    rows = []
    for g in args.sizes:
        picked = [points[k % len(points)] for k in range(g)]
        bs = pack(bc, [p.state for p in picked])
        moves = [list(p.moves) for p in picked]
        turn = Turn(move_index=np.array([p.move_index for p in picked]),
                    scripts=lambda *a: None, moves=moves)
        idx = np.arange(g)
        batch_us = best_of(lambda a=(bc, bs, idx, moves, turn): batch_bots.skilled(*a),
                           args.repeats) / g * 1e6
        radar_us = best_of(lambda a=(bc, bs, idx, moves): radar(*a), args.repeats) / g * 1e6
        checks["n"], checks["s"] = 0, 0.0
        _timed_legality(checks)
        batch_bots.skilled(bc, bs, idx, moves, turn)
        _untimed_legality()
        rows.append({"scenario": args.scenario, "games": g,
                     "reference_us_per_choice": round(ref_us, 1),
                     "batch_us_per_choice": round(batch_us, 1),
                     "radar_us": round(radar_us, 2),
                     "legality_us": round(checks["s"] / g * 1e6, 1),
                     "legality_checks_per_game": round(checks["n"] / g, 1),
                     "batch_forms": sorted(BATCH_MOVES),
                     "ratio": round(ref_us / batch_us, 1)})
    header = (f"{args.scenario}: {len(points)} real moments; reference skilled decision "
              f"{ref_us:.0f} us per game, one game at a time")
    report(rows, args.json, header, lambda row: (
        f"  G = {row['games']:>5}: batch {row['batch_us_per_choice']:.1f} us per game "
        f"({row['ratio']:.1f}x), of which radar {row['radar_us']:.1f}, legality checks "
        f"{row['legality_us']:.1f} ({row['legality_checks_per_game']} per game; batch "
        f"forms: {', '.join(row['batch_forms']) or 'none yet'})"))


_KEPT: dict = {}


def _timed_legality(checks: dict) -> None:
    """Wrap every kind's `legal` to count its games and time it (outside the best-of)."""
    for kind in MOVE_TYPES:
        f = form(kind)
        original = f.legal
        _KEPT[kind] = (f, original)

        def legal(bc, bs, idx, ch, turn, original=original):
            t = time.perf_counter()
            out = original(bc, bs, idx, ch, turn)
            checks["s"] += time.perf_counter() - t
            checks["n"] += len(idx)
            return out

        f.legal = legal


def _untimed_legality() -> None:
    for f, original in _KEPT.values():
        f.legal = original
    _KEPT.clear()


if __name__ == "__main__":
    main()
