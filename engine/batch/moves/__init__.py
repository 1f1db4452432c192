"""Moves for G games at once: each kind's legality, cost and effect as array operations.

A batch step holds one chosen move per game as codes (`Chosen`). A kind's batch form
(`BatchMove`) answers for the games that chose it what the reference move answers for one:

- `legal`: is `move.check(ctx)` None (the reference's whole check: game over, hiatus, the
  stage kinds it is allowed at, once per stage, capacity, its own `_ready` and `_check`);
- `cost`: `move.cost(ctx)`, before the move is applied (engine.game.Game.play);
- `apply`: `move.apply(ctx)`'s change to the state, drawing from the games' counter-based
  dice (`turn.counters`) exactly as the reference's `CounterDice` would. Events are not
  made: logs come from replaying through the reference engine.

The bookkeeping every move shares (capacity spent, the move counted, the month's end when
the capacity runs out) is the driver's (engine.batch.play), as it is `Game.play`'s.

`BATCH_MOVES` maps a kind to its batch form; `form(kind)` falls back to `ReferenceMove`,
which runs the reference move on each game in turn through `BatchState.lend`, so a kind
without a batch form is still played exactly, only slowly. Every batch form is proven equal
to the reference on real states (tests/test_batch_moves_*.py).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from faultlines.engine.batch import worlds
from faultlines.engine.batch.compiled import BatchCase
from faultlines.engine.batch.state import BatchState
from faultlines.engine.batch.turn import Turn
from faultlines.engine.context import MoveContext, StanceCache
from faultlines.engine.draws import CounterDice
from faultlines.engine.moves import MOVE_TYPES, Move

#: the codes a move is made of (`Chosen`'s fields), in `Move.to_dict`'s order
CODES = ("kind", "target", "other", "component", "mode")


@dataclass(frozen=True, eq=False)
class Chosen:
    """One move per game, as codes (-1: the parameter is not given): the kind (`bc.move_kinds`),
    target and other (person codes), component (component code) and mode (an index into the
    kind's own `modes`)."""

    kind: np.ndarray  # (K,) int
    target: np.ndarray
    other: np.ndarray
    component: np.ndarray
    mode: np.ndarray
    #: (K,) bool or None: the rows already found legal on the state they are played on (a
    #: bot's walk asked each one's `legal`), so the driver need not ask again; None: unknown
    proven: np.ndarray | None = None
    #: (K, N) or None: the stance totals the policy worked out on the very state its rows
    #: are played on (a research-style player's radar), for a rule that would compute them
    #: again before anything changes them (a decision the player calls); None: not known
    seen: np.ndarray | None = None

    @classmethod
    def of(cls, bc: BatchCase, moves: Sequence[Move]) -> Chosen:
        """Reference moves as codes (for tests, and hosts that hand moves in)."""
        ix = bc.case.index
        cx = bc.case.comp_index
        return cls(
            kind=np.array([bc.move_kinds.index(m.kind) for m in moves], np.int64),
            target=np.array([ix[m.target] if m.target else -1 for m in moves], np.int64),
            other=np.array([ix[m.other] if m.other else -1 for m in moves], np.int64),
            component=np.array([cx[m.component] if m.component else -1 for m in moves],
                               np.int64),
            mode=np.array([type(m).modes.index(m.mode) if m.mode else -1 for m in moves],
                          np.int64))

    @classmethod
    def unset(cls, k: int) -> Chosen:
        """K rows with nothing chosen yet (every code -1), to be filled with `put`."""
        return cls(*(np.full(k, -1, np.int64) for _ in CODES))

    def put(self, rows: np.ndarray, other: Chosen) -> None:
        """Rows `rows` become `other`'s rows, in order (one per row of `other`)."""
        for f in CODES:
            getattr(self, f)[rows] = getattr(other, f)

    @classmethod
    def same(cls, bc: BatchCase, kind: str, k: int, **params: np.ndarray | int) -> Chosen:
        """K moves of one kind (parameters as codes, an array each or one code for all)."""
        full = {p: _codes(params.get(p, -1), k)
                for p in ("target", "other", "component", "mode")}
        return cls(kind=np.full(k, bc.move_kinds.index(kind), np.int64), **full)

    def take(self, rows: np.ndarray) -> Chosen:
        return Chosen(self.kind[rows], self.target[rows], self.other[rows],
                      self.component[rows], self.mode[rows],
                      seen=None if self.seen is None else self.seen.take(rows, axis=0))

    def move(self, bc: BatchCase, r: int) -> Move:
        """Row r as the reference move."""
        typ = MOVE_TYPES[bc.move_kinds[int(self.kind[r])]]
        t, o, c, m = (int(self.target[r]), int(self.other[r]), int(self.component[r]),
                      int(self.mode[r]))
        return typ(target=bc.people[t] if t >= 0 else None,
                   other=bc.people[o] if o >= 0 else None,
                   component=bc.components[c] if c >= 0 else None,
                   mode=typ.modes[m] if m >= 0 else None)


def _codes(v: np.ndarray | int, k: int) -> np.ndarray:
    """(K,) int64 codes, a fresh array: one code for all, or an array of K (as
    `np.broadcast_to(v, (k,)).copy()`, without its cost: `Chosen.same` is made per offer)."""
    if isinstance(v, (int, np.integer)):
        return np.full(k, v, np.int64)
    a = np.array(v, np.int64)
    return a if a.shape == (k,) else np.broadcast_to(a, (k,)).copy()


class BatchMove(Protocol):
    """A move kind's batch form (see the module docstring). `idx` are the games (slots of
    `bs`) and `ch` their chosen moves, row r for game idx[r]."""

    kind: str

    def legal(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen,
              turn: Turn) -> np.ndarray: ...

    def cost(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen
             ) -> np.ndarray: ...

    def apply(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen,
              turn: Turn) -> None: ...


class ReferenceMove:
    """Any kind, played per game by the reference move on a lent state (the fallback)."""

    def __init__(self, kind: str):
        self.kind = kind

    def _context(self, bc: BatchCase, bs: BatchState, i: int, turn: Turn, *,
                 lend: bool) -> tuple[MoveContext, Any]:
        st = bs.lend(i)
        key = int(turn.counters.key[i]) if turn.counters is not None else 0
        dice = CounterDice(key, int(turn.move_index[i]))
        if turn.counters is not None:
            dice.slot = int(turn.counters.slot[i])
        moves = turn.moves[i] if turn.moves is not None else []
        case = worlds.case_of(bs, i)
        return MoveContext(case=case, state=st, dice=dice, moves=moves,
                           stance_cache=StanceCache(case),
                           move_index=int(turn.move_index[i])), st

    def legal(self, bc, bs, idx, ch, turn):
        out = np.zeros(len(idx), bool)
        for r, i in enumerate(idx.tolist()):
            ctx, _ = self._context(bc, bs, i, turn, lend=False)
            out[r] = ch.move(bc, r).check(ctx) is None
        return out

    def cost(self, bc, bs, idx, ch):
        out = np.zeros(len(idx), np.int64)
        for r, i in enumerate(idx.tolist()):
            st = bs.lend(i)
            case = worlds.case_of(bs, i)
            ctx = MoveContext(case=case, state=st, dice=CounterDice(0, 0), moves=[],
                              stance_cache=StanceCache(case))
            out[r] = ch.move(bc, r).cost(ctx)
        return out

    def apply(self, bc, bs, idx, ch, turn):
        for r, i in enumerate(idx.tolist()):
            ctx, st = self._context(bc, bs, i, turn, lend=True)
            ch.move(bc, r).apply(ctx)
            bs.take_back(i, st)
            if turn.counters is not None:
                turn.counters.slot[i] = ctx.dice.slot


#: kind -> batch form; filled by the modules that define them (`FORM_MODULES`, each of
#: which calls `register` for its kinds when first imported)
BATCH_MOVES: dict[str, BatchMove] = {}
#: the modules of engine.batch.moves that hold batch forms, imported on first use
FORM_MODULES: tuple[str, ...] = ("listening", "framing", "alliance", "challenge",
                                 "compensation", "process")
_FALLBACKS: dict[str, ReferenceMove] = {}
_LOADED: list[bool] = []  # set once FORM_MODULES are imported


def register(*forms: BatchMove) -> None:
    for f in forms:
        BATCH_MOVES[f.kind] = f


def load_forms() -> None:
    """Import every module of `FORM_MODULES` (an import is a no-op if done already: a
    caller that imported one form module first must not hide the others' forms). `form`
    calls it; a parent process calls it before its workers fork, so they share them."""
    if not _LOADED:
        for name in FORM_MODULES:
            importlib.import_module(f"{__name__}.{name}")
        _LOADED.append(True)


def form(kind: str) -> BatchMove:
    """The kind's batch form, or the per-game reference fallback (every form loaded on
    the first call: load_forms)."""
    load_forms()
    found = BATCH_MOVES.get(kind)
    if found is None:
        found = _FALLBACKS.setdefault(kind, ReferenceMove(kind))
    return found


def by_kind(ch: Chosen) -> list[tuple[int, np.ndarray]]:
    """The rows of each kind present, kinds in code order (rows in order)."""
    order = np.argsort(ch.kind, kind="stable")
    kinds, starts = np.unique(ch.kind[order], return_index=True)
    bounds = [*starts[1:].tolist(), len(order)]
    return [(int(k), order[s:e]) for k, s, e in zip(kinds, starts, bounds, strict=True)]


__all__ = ["BATCH_MOVES", "BatchMove", "Chosen", "ReferenceMove", "by_kind", "form", "register"]
