"""Batch moves benchmark (every kind but the two that pass time): microseconds per game for
each kind's `legal` and `apply` over G games against the reference's `move.check` and
`move.apply` one game at a time, on real move moments and stirred states
(tests/batch_move_moments.py).

Run: python bench/batch_moves_bench.py [--scenario elm] [--sizes 1024] [--json]. Prints figures; asserts nothing (timings never belong in tests). `legal` is timed
on every candidate move (every parameter value, legal or not) cycled to G games; `apply` on
the legal ones only, each game its own copy. Copying, packing and making contexts are not
timed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from faultlines.engine.batch.compiled import batch_case  # noqa: E402
from faultlines.engine.batch.moves import Chosen, form  # noqa: E402
from faultlines.engine.batch.state import pack  # noqa: E402
from faultlines.engine.batch.turn import Counters, Turn  # noqa: E402
from faultlines.engine.moves import MOVE_TYPES  # noqa: E402

from bench.batch_common import batch_args, report  # noqa: E402
from tests.batch_kit import case_named  # noqa: E402
from tests.batch_move_moments import (  # noqa: E402
    candidates,
    fast_copy,
    real,
    replicate,
    stirred,
)

#: every kind the player chooses with parameters, in the palette's order (the month's end
#: and the call for a decision are timed as the month and the decision: their own benches)
KINDS = tuple(k for k in MOVE_TYPES if k not in ("end_round", "call_decision"))


def _turn(moments, which: np.ndarray) -> Turn:
    picked = [moments[k] for k in which.tolist()]
    return Turn(move_index=np.array([m.move_index for m in picked], np.int64),
                scripts=lambda *a: None,
                counters=Counters(np.array([m.dice_key for m in picked], np.int64),
                                  np.array([m.slot for m in picked], np.int64)))


def measure(case, moments, kind: str, g: int, repeats: int) -> dict | None:
    bc = batch_case(case)
    rows = [(k, mv) for mv in candidates(bc, kind) for k in range(len(moments))]
    ctxs = [moments[k].context(case, moments[k].state, copied=False) for k, _ in rows]
    legal = [mv.check(ctx) is None for (_, mv), ctx in zip(rows, ctxs, strict=True)]
    ok = [r for r, yes in zip(rows, legal, strict=True) if yes]
    if not ok:
        return None
    ref_check = ref_apply = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        for (_, mv), ctx in zip(rows, ctxs, strict=True):
            mv.check(ctx)
        ref_check = min(ref_check, (time.perf_counter() - t) / len(rows))
        applied = [moments[k].context(case, fast_copy(moments[k].state), mv) for k, mv in ok]
        t = time.perf_counter()
        for (_, mv), ctx in zip(ok, applied, strict=True):
            mv.apply(ctx)
        ref_apply = min(ref_apply, (time.perf_counter() - t) / len(ok))
    base = pack(bc, [m.state for m in moments])
    every = [rows[r % len(rows)] for r in range(g)]
    fit = [ok[r % len(ok)] for r in range(g)]
    idx = np.arange(g)
    which = np.array([k for k, _ in every])
    bs, ch, turn = replicate(base, which), Chosen.of(bc, [mv for _, mv in every]), \
        _turn(moments, which)
    f = form(kind)
    b_legal = b_apply = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        f.legal(bc, bs, idx, ch, turn)
        b_legal = min(b_legal, (time.perf_counter() - t) / g)
    which = np.array([k for k, _ in fit])
    ch_fit, turn_fit = Chosen.of(bc, [mv for _, mv in fit]), _turn(moments, which)
    for _ in range(repeats):
        bs = replicate(base, which)
        t = time.perf_counter()
        f.apply(bc, bs, idx, ch_fit, turn_fit)
        b_apply = min(b_apply, (time.perf_counter() - t) / g)
    us = 1e6
    return {"kind": kind, "games": g, "legal_share": round(len(ok) / len(rows), 3),
            "reference_check_us": round(ref_check * us, 2),
            "batch_legal_us": round(b_legal * us, 3),
            "reference_apply_us": round(ref_apply * us, 1),
            "batch_apply_us": round(b_apply * us, 2)}


def main() -> None:
    args = batch_args(__doc__, [1024], 3)
    case = case_named(args.scenario)
    moments = real(args.scenario)
    moments = moments + stirred(case, moments, 5 + len(args.scenario))
    rows = [row for g in args.sizes for kind in KINDS
            if (row := measure(case, moments, kind, g, args.repeats)) is not None]
    header = (f"{args.scenario}: {len(moments)} moments; us per game "
              "(reference one game at a time | batch of G)")
    report(rows, args.json, header, lambda r: (
        f"  {r['kind']:<17} G={r['games']:>5}  check {r['reference_check_us']:6.1f} | "
        f"legal {r['batch_legal_us']:6.2f} ({r['reference_check_us'] / r['batch_legal_us']:5.1f}x)"
        f"   apply {r['reference_apply_us']:7.1f} | {r['batch_apply_us']:7.2f} "
        f"({r['reference_apply_us'] / r['batch_apply_us']:5.1f}x)"))


if __name__ == "__main__":
    main()
