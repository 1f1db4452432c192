"""Batch moves benchmark (listening, framing, alliance, challenge): microseconds per game to
answer `legal` and to `apply` one move of a kind, the batch form at several batch sizes
against the reference `move.check` and `move.apply` one game at a time, on real states.

Run: python bench/batch_moves_a_bench.py [--scenario elm] [--sizes 1024] [--json]
Prints figures (with --json, one object per kind and batch size); asserts nothing (timings
never belong in tests). Each game of a batch is a real state (skilled and random games,
after every move) with a parameter drawn at random (a dialogue between two rivals where the
state has any); `apply` is timed on the games where the move is legal, on fresh copies
(copying and packing are not timed).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from faultlines.engine.batch.compiled import batch_case  # noqa: E402
from faultlines.engine.batch.moves import Chosen, form  # noqa: E402
from faultlines.engine.batch.state import pack, take  # noqa: E402
from faultlines.engine.batch.turn import Counters, Turn  # noqa: E402
from faultlines.engine.case import load_case  # noqa: E402
from faultlines.engine.context import MoveContext, StanceCache  # noqa: E402
from faultlines.engine.draws import CounterDice  # noqa: E402
from faultlines.engine.moves import MOVE_TYPES  # noqa: E402

from bench.batch_common import batch_args, report  # noqa: E402
from bench.batch_stance_bench import states_of  # noqa: E402

KINDS = ("one_to_one", "town_hall", "dialogue", "big_picture", "tailored_frame",
         "evidence_case", "recruit_champion", "build_coalition", "backstage", "air_cover",
         "challenge")


def choose(bc, kind: str, states: list, rng: np.random.Generator) -> Chosen:
    """One move of `kind` per state, its parameters drawn at random."""
    g, params = len(states), MOVE_TYPES[kind].params
    full = {}
    if "target" in params:
        full["target"] = rng.integers(0, bc.n, g)
    if "other" in params:
        other = (full["target"] + rng.integers(1, bc.n, g)) % bc.n
        for k, st in enumerate(states):  # two rivals, where there are any
            rivals = np.argwhere(st.conflict > 0.05)
            rivals = rivals[rivals[:, 0] != rivals[:, 1]]
            if len(rivals):
                full["target"][k], other[k] = rivals[rng.integers(len(rivals))]
        full["other"] = other
    if "component" in params:
        full["component"] = rng.integers(0, bc.c, g)
    return Chosen.same(bc, kind, g, **full)


def _ctx(case, st, k: int) -> MoveContext:
    return MoveContext(case=case, state=st, dice=CounterDice(k, 3), moves=[],
                       stance_cache=StanceCache(case), move_index=3)


def reference_us(case, bc, states: list, ch: Chosen, repeats: int) -> tuple[float, float, int]:
    """Best of `repeats`, per game: move.check on every state; move.apply on copies of the
    states where it is legal. Also how many were legal."""
    moves = [ch.move(bc, r) for r in range(len(states))]
    check = apply = float("inf")
    legal = []
    for _ in range(repeats):
        ctxs = [_ctx(case, st, k) for k, st in enumerate(states)]
        t = time.perf_counter()
        legal = [m.check(ctx) is None for m, ctx in zip(moves, ctxs, strict=True)]
        check = min(check, time.perf_counter() - t)
        ctxs = [(m, _ctx(case, st.copy(), k))
                for k, (m, st, ok) in enumerate(zip(moves, states, legal, strict=True)) if ok]
        t = time.perf_counter()
        for m, ctx in ctxs:
            m.apply(ctx)
        apply = min(apply, time.perf_counter() - t)
    n_legal = sum(legal)
    return check / len(states) * 1e6, apply / max(n_legal, 1) * 1e6, n_legal


def batch_us(bc, states: list, ch: Chosen, g: int, repeats: int) -> tuple[float, float]:
    """Best of `repeats`, per game: the batch form's legal over G games, and its apply
    over those where the move is legal (on a fresh copy of the batch each time)."""
    picked = np.arange(g) % len(states)
    bs0 = pack(bc, states)
    bs0 = take(bs0, picked)
    ch = ch.take(picked)
    f = form(bc.move_kinds[int(ch.kind[0])])
    idx = np.arange(g)
    turn = Turn(move_index=np.full(g, 3), scripts=lambda *a: None,
                counters=Counters(key=np.arange(g), slot=np.zeros(g, np.int64)))
    legal = apply = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        ok = f.legal(bc, bs0, idx, ch, turn)
        legal = min(legal, time.perf_counter() - t)
        rows = np.flatnonzero(ok)
        bs = take(bs0, idx)
        t = time.perf_counter()
        f.apply(bc, bs, rows, ch.take(rows), turn)
        apply = min(apply, time.perf_counter() - t)
        rows_n = max(len(rows), 1)
    return legal / g * 1e6, apply / rows_n * 1e6


def main() -> None:
    args = batch_args(__doc__, [1024], 7)
    case = load_case(args.scenario)
    bc = batch_case(case)
    states = states_of(case, 6)
    rng = np.random.default_rng(5)
    rows = []
    for kind in KINDS:
        ch = choose(bc, kind, states, rng)
        ref_check, ref_apply, n_legal = reference_us(case, bc, states, ch, args.repeats)
        for g in args.sizes:
            legal, apply = batch_us(bc, states, ch, g, args.repeats)
            rows.append({"scenario": args.scenario, "kind": kind, "games": g,
                         "legal_share": round(n_legal / len(states), 2),
                         "reference_check_us": round(ref_check, 2),
                         "reference_apply_us": round(ref_apply, 2),
                         "batch_legal_us": round(legal, 3), "batch_apply_us": round(apply, 3)})
    header = (f"{args.scenario}: {bc.n} people, {len(states)} real states; us per game "
              "(reference one game at a time -> batch)")
    report(rows, args.json, header, lambda row: (
        f"  {row['kind']:>16} G = {row['games']:>5}: legal {row['reference_check_us']:6.1f}"
        f" -> {row['batch_legal_us']:5.2f} ({row['reference_check_us'] / row['batch_legal_us']:4.0f}x)"
        f"   apply {row['reference_apply_us']:6.1f} -> {row['batch_apply_us']:5.2f}"
        f" ({row['reference_apply_us'] / row['batch_apply_us']:4.0f}x)"
        f"   legal in {row['legal_share']:.0%}"))


if __name__ == "__main__":
    main()
