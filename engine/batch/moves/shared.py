"""What the batch forms of the listening, framing, alliance and challenge moves share: the
whole legality of a kind (the check every kind shares, the parameters it takes, then its own
check on the games still in question), its fixed cost, and Python's scalar `min`/`max`
and `**` as the reference's moves use them, so the arrays come out bit for bit the same."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from faultlines.engine.batch.compiled import BatchCase
from faultlines.engine.batch.moves import Chosen
from faultlines.engine.batch.moves.common import generic_legal
from faultlines.engine.batch.state import BatchState
from faultlines.engine.batch.turn import Turn
from faultlines.engine.moves import MOVE_TYPES
from faultlines.engine.moves.base import PARAMS


def given(kind: str, ch: Chosen) -> np.ndarray:
    """(K,) bool: row r names every parameter `kind` takes and no other (Move.malformed
    and _check_params for codes). The engine's own bots never choose otherwise, but a host
    handing moves in may, and the reference refuses such a move."""
    takes = MOVE_TYPES[kind].params
    ok = np.ones(len(ch.kind), bool)
    for p in PARAMS:
        code = getattr(ch, p)
        ok &= code >= 0 if p in takes else code < 0
    return ok


def at_most_one(x: np.ndarray) -> np.ndarray:
    """Python's `min(1.0, x)` element-wise: x where x < 1.0, else 1.0 (NaN gives 1.0)."""
    return np.where(x < 1.0, x, 1.0)


def at_least_zero(x: np.ndarray) -> np.ndarray:
    """Python's `max(0.0, x)` element-wise: x where x > 0.0, else +0.0 (-0.0, NaN give 0.0)."""
    return np.where(x > 0.0, x, 0.0)


def powers(base: float, exponents: np.ndarray, scalar=int) -> np.ndarray:
    """`base ** e` for each exponent, computed by the reference's own scalar `**` (`scalar`
    is the exponent's type there: a Python int, or numpy's int64 for an array element), once
    per distinct exponent: numpy's array power may take another (vectorised) path."""
    distinct, where = np.unique(exponents, return_inverse=True)
    table = np.array([base ** scalar(e) for e in distinct.tolist()], float)
    return table[where.reshape(np.shape(exponents))]


def each(values: Iterable, rule) -> np.ndarray:
    """`rule(v)` for each element (as the numpy scalar the reference holds), as floats."""
    return np.array([rule(v) for v in values], float)


class Form:
    """A kind's batch form with the reference's fixed cost (`base_cost`) and a check made of
    the shared part (engine.batch.moves.common) and the kind's own `_check`."""

    kind = ""

    def cost(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen
             ) -> np.ndarray:
        return np.full(len(idx), MOVE_TYPES[self.kind].base_cost, np.int64)

    def legal(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen,
              turn: Turn) -> np.ndarray:
        pair = "other" in MOVE_TYPES[self.kind].params
        ok = generic_legal(bc, bs, idx, self.kind, self.cost(bc, bs, idx, ch),
                           ch.target if pair else None, ch.other if pair else None)
        ok &= given(self.kind, ch)
        rows = np.flatnonzero(ok)
        if len(rows):
            ok[rows] = self._check(bc, bs, idx[rows], ch.take(rows))
        return ok

    def _check(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen
               ) -> np.ndarray:
        """The kind's own check (Move._check) for well-formed moves past the shared part."""
        return np.ones(len(idx), bool)
