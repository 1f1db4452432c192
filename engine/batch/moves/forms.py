"""What the batch forms of the moves share: the parameters a chosen move must give
(Move.malformed and _check_params as masks), a base whose `legal` is the reference's whole
check (the shared part, then the kind's own `_ready` and `_check` on the games still
standing), and the array forms of small reference helpers several kinds call
(`MoveContext.meet_demands`, Python's scalar `min(1.0, x)`, `max(0.0, x)` and `**`, a
masked update), so the arrays come out bit for bit the same."""

from __future__ import annotations

import numpy as np
from faultlines.engine.batch.compiled import BatchCase
from faultlines.engine.batch.moves import Chosen
from faultlines.engine.batch.moves.common import Facts, generic_at, generic_legal
from faultlines.engine.batch.state import BatchState
from faultlines.engine.batch.turn import Turn
from faultlines.engine.moves import MOVE_TYPES
from faultlines.engine.moves.base import PARAMS


def given(kind: str, ch: Chosen) -> np.ndarray:
    """(K,) bool: the move gives every parameter its kind takes and none it does not (a
    batch move is made of codes, so a given code is a real person, component or mode)."""
    typ = MOVE_TYPES[kind]
    ok = np.ones(len(ch.kind), bool)
    for p in PARAMS:
        code = getattr(ch, p)
        ok &= (code >= 0) if p in typ.params else (code < 0)
    if "mode" in typ.params:
        ok &= ch.mode < len(typ.modes)
    return ok


class Form:
    """A kind's batch form: the shared check, the parameters, then `own` (the kind's
    `_ready` and `_check`) on the games the rest allows. Subclasses set `kind` and, where
    the reference has them, `own`, `cost` and `apply`."""

    kind = ""

    @property
    def typ(self):
        return MOVE_TYPES[self.kind]

    def cost(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen) -> np.ndarray:
        return np.full(len(idx), self.typ.base_cost, np.int64)

    def own(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen) -> np.ndarray:
        """(K,) bool: the kind's own `_ready` and `_check` (parameters given and valid)."""
        return np.ones(len(idx), bool)

    def legal(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen,
              turn: Turn | None = None) -> np.ndarray:
        idx = np.asarray(idx)
        two = "other" in self.typ.params
        ok = generic_legal(bc, bs, idx, self.kind, self.cost(bc, bs, idx, ch),
                           ch.target if two else None, ch.other if two else None)
        ok &= given(self.kind, ch)
        rows = np.flatnonzero(ok)
        if len(rows):
            ok[rows] = self.own(bc, bs, idx[rows], ch.take(rows))
        return ok

    def legal_at(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, rows: np.ndarray,
                 facts: Facts, params: dict[str, np.ndarray | int], *,
                 own_known: bool = False) -> np.ndarray:
        """`legal` of this kind for games idx[rows] (`facts` read of games idx), its
        parameters codes: one int for every row, or an array per row. The same answer as
        `legal(bc, bs, idx[rows], Chosen.same(bc, kind, len(rows), **params))`, for a walk
        asking many kinds of the same games: a parameter given as one code is checked
        once, and the kind's own check gets every row when all pass the rest. With
        `own_known` the caller has read the kind's own check as passing on this very state
        (a walk answering the asks its radar read open), so it is not asked again."""
        typ, k = self.typ, len(rows)
        arrays = {}
        for p in PARAMS:  # `given`: an int is one answer for every row
            v = params.get(p, -1)
            if not isinstance(v, int):
                arrays[p] = v
            elif (v >= 0) != (p in typ.params) or (p == "mode" and v >= len(typ.modes) and
                                                   "mode" in typ.params):
                return np.zeros(k, bool)
        ch = Chosen(np.full(k, bc.move_kinds.index(self.kind), np.int64),
                    *(arrays[p] if p in arrays else np.full(k, params.get(p, -1), np.int64)
                      for p in PARAMS))
        sub = idx[rows]
        two = "other" in typ.params
        ok = generic_at(bc, facts, rows, self.kind, self.cost(bc, bs, sub, ch),
                        ch.target if two else None, ch.other if two else None)
        for p, v in arrays.items():
            ok &= (v >= 0) if p in typ.params else (v < 0)
        if "mode" in arrays and "mode" in typ.params:
            ok &= ch.mode < len(typ.modes)
        if own_known:
            return ok
        pass_ = np.flatnonzero(ok)
        if len(pass_) == k:
            ok[:] = self.own(bc, bs, sub, ch)
        elif len(pass_):
            ok[pass_] = self.own(bc, bs, sub[pass_], ch.take(pass_))
        return ok


def meet_demands(bc: BatchCase, bs: BatchState, idx: np.ndarray, requires: str,
                 beneficiary: np.ndarray | int) -> np.ndarray:
    """`MoveContext.meet_demands(requires, beneficiary)` for games idx (beneficiary: a
    person code per game, -1 for None); (K,) bool: did it meet one (compensation's
    `_meets`: more demands met than before)."""
    req, ben = _demand_facts(bc, requires)
    code = bs.demand_code.take(idx, axis=0)
    held = code >= 0
    c = np.where(held, code, 0)
    who = np.broadcast_to(np.asarray(beneficiary, np.int64), (len(idx),))[:, None]
    met = bs.demand_met.take(idx, axis=0)
    match = held & ~met & req[c] & ((ben[c] == -1) | (ben[c] == who))
    bs.demand_met[idx] = met | match
    return match.any(axis=1)


def _demand_facts(bc: BatchCase, requires: str) -> tuple[np.ndarray, np.ndarray]:
    """Per demand template: does it require this move, and its beneficiary's code (-1:
    nobody in particular; -2: a name no move can target, so never met by one)."""
    key = ("demand_facts", requires)
    found = bc.scratch.get(key)
    if found is None:
        index = bc.case.index
        req = np.array([d.requires == requires for d in bc.demands], bool)
        ben = np.array([-1 if d.beneficiary is None else index.get(d.beneficiary, -2)
                        for d in bc.demands], np.int64)
        found = bc.scratch[key] = (req, ben)
    return found


def at_most_one(x: np.ndarray) -> np.ndarray:
    """Python's `min(1.0, x)`: x when it is below 1.0, else 1.0 (NaN gives 1.0)."""
    return np.where(x < 1.0, x, 1.0)


def at_least_zero(x: np.ndarray) -> np.ndarray:
    """Python's `max(0.0, x)`: x when it is above 0.0, else 0.0 (-0.0 and NaN give 0.0)."""
    return np.where(x > 0.0, x, 0.0)


def add_where(a: np.ndarray, rows: np.ndarray, mask: np.ndarray, amount) -> None:
    """`a[rows][mask] += amount` in place, adding nothing (not +0.0) where the mask is
    clear, so a -0.0 stays -0.0 as in the reference's masked `+=`."""
    block = a[rows]
    np.add(block, amount, out=block, where=mask)
    a[rows] = block


def powers(base: float, exponents: np.ndarray, scalar=int) -> np.ndarray:
    """`base ** e` for each exponent, computed by the reference's own scalar `**` (`scalar`
    is the exponent's type there: a Python int, or numpy's int64 for an array element), once
    per distinct exponent: numpy's array power may take another (vectorised) path."""
    distinct, where = np.unique(exponents, return_inverse=True)
    table = np.array([base ** scalar(e) for e in distinct.tolist()], float)
    return table[where.reshape(np.shape(exponents))]


def each(values: np.ndarray, rule) -> np.ndarray:
    """`rule(v)` for each element (as the numpy scalar the reference holds), as floats,
    worked out once per distinct value (a rule must give equal values one answer, as
    arithmetic does +0.0 and -0.0): many games hold the same few values."""
    distinct, where = np.unique(values, return_inverse=True)
    table = np.array([rule(v) for v in distinct], float)
    return table[where.reshape(np.shape(values))]
