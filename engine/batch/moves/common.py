"""The part of a move's check every kind shares (engine.moves.base.Move.precheck and
check), for G games: the game is not over, not paused in a hiatus (only the month's end is
possible then), the stage is one the kind is allowed at, a once-per-stage move is unused,
and the team has the capacity the move costs. A kind's own `_ready` and `_check` are its
batch form's. Parameters are codes made by the batch engine, so never malformed; a move
naming the same person twice is refused as the reference refuses it."""

from __future__ import annotations

import numpy as np
from faultlines.engine.batch.compiled import BatchCase
from faultlines.engine.batch.state import BatchState
from faultlines.engine.batch.view import stage_at
from faultlines.engine.domain import STAGE_KINDS
from faultlines.engine.moves import MOVE_TYPES


def stage_kind(bc: BatchCase, bs: BatchState, idx: np.ndarray) -> np.ndarray:
    """(K,) the kind code (engine.domain.STAGE_KINDS) of the stage play is at."""
    return bc.stage_kind[stage_at(bs, idx)]


def generic_legal(bc: BatchCase, bs: BatchState, idx: np.ndarray, kind: str,
                  cost: np.ndarray, target: np.ndarray | None = None,
                  other: np.ndarray | None = None) -> np.ndarray:
    """(K,) bool: what Move.check refuses for every kind, given each game's cost of the
    move (and, for a two-person move, the two people chosen): `generic_at` on all of them."""
    return generic_at(bc, Facts(bc, bs, idx), slice(None), kind, cost, target, other)


class Facts:
    """What the shared check reads of games idx, read once: a walk asks many kinds'
    legality of the same games on the same state (`generic_at` is `generic_legal` on them)."""

    __slots__ = ("running", "playing", "stage_kind", "capacity", "uses")

    def __init__(self, bc: BatchCase, bs: BatchState, idx: np.ndarray):
        self.running = bs.outcome[idx] < 0
        self.playing = self.running & (bs.stage[idx] != bc.hiatus)
        self.stage_kind = stage_kind(bc, bs, idx)
        self.capacity = bs.capacity[idx]
        self.uses = bs.stage_uses.take(idx, axis=0)


def generic_at(bc: BatchCase, facts: Facts, rows: np.ndarray | slice, kind: str,
               cost: np.ndarray, target: np.ndarray | None = None,
               other: np.ndarray | None = None) -> np.ndarray:
    """`generic_legal` for the games at rows of `facts` (the same tests, in its order)."""
    typ = MOVE_TYPES[kind]
    ok = (facts.running if kind == "end_round" else facts.playing)[rows]
    if typ.stages:
        ok &= _stage_allowed(bc, kind)[facts.stage_kind[rows]]
    if typ.once_per_stage:
        ok &= facts.uses[rows, bc.move_kinds.index(kind)] < 1
    ok &= cost <= facts.capacity[rows]
    if target is not None and other is not None:
        ok &= target != other
    return ok


def _stage_allowed(bc: BatchCase, kind: str) -> np.ndarray:
    """(stage kinds,) bool: the stage kinds the move is allowed at, made once per case and
    kind (the walk asks a kind's legality many times a step)."""
    key = ("stage_allowed", kind)
    found = bc.scratch.get(key)
    if found is None:
        found = np.isin(np.arange(len(STAGE_KINDS)),
                        [STAGE_KINDS.index(k) for k in MOVE_TYPES[kind].stages])
        found.setflags(write=False)
        bc.scratch[key] = found
    return found
