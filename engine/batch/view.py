"""Reading one game of a batch the way a per-game rule reads a `GameState`.

The rules that write text into the side record (the outcome's reasons, asks) are run per
game by the reference's own functions, so their wording has one definition. They are handed
a `GameView`: the game's fields read from the batch arrays when asked, and its side record's
own containers (what a rule appends to one lands in the batch). Its `episodes` are made from
the batch's episode record for reading only: episodes are recorded by
engine.batch.episodes.write."""

from __future__ import annotations

from typing import Any

import numpy as np
from faultlines.engine.batch.compiled import CONSULTATIONS, BatchCase
from faultlines.engine.batch.state import BatchState, ledger_of


def stage_at(bs: BatchState, idx: np.ndarray) -> np.ndarray:
    """GameState.stage_at for games idx: the scenario stage play is at (while paused or
    over: where it stopped)."""
    stage, last = bs.stage[idx], bs.last_stage[idx]
    return np.where((stage >= bs.bc.hiatus) & (last >= 0), last, stage)


def asks_codes(bs: BatchState, idx: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The asks of games idx (every game if None) as (K, M) component and answer codes, in
    the order asked (-1: no ask in that place; answer -1: not answered yet, else its place
    in engine.consultation.ANSWERS), M the most any of them holds: the codes the batch
    state keeps beside the side record (engine.batch.state.asks_changed)."""
    comp, answer = bs.ask_component, bs.ask_answer
    if idx is None:  # copies, as for some games: the radar keeps them while moves answer
        comp, answer = comp.copy(), answer.copy()
    else:
        comp, answer = comp.take(idx, axis=0), answer.take(idx, axis=0)
    used = np.flatnonzero((comp >= 0).any(axis=0))
    m = int(used[-1]) + 1 if len(used) else 0  # asks fill their places from the first
    return comp[:, :m], answer[:, :m]


class GameView:
    """Game i of a batch, read-only except for its side record (see the module docstring).
    A view is read at one moment: each field is read once and kept, so make a new view
    after the batch's arrays change."""

    def __init__(self, bc: BatchCase, bs: BatchState, i: int):
        self._bc, self._bs, self._i = bc, bs, i

    def __getattr__(self, name: str) -> Any:
        found = self.__dict__[name] = self._read(name)
        return found

    def _read(self, name: str) -> Any:
        bc, bs, i = self._bc, self._bs, self._i
        if name in bs.extras[i]:
            return bs.extras[i][name]  # the container itself
        if name == "settled":
            return ledger_of(bc, bs.settled[i])  # a copy: the ledger is written as arrays
        if name == "episodes":
            return tuple(bs.record.episodes(i))  # made from the arrays: reading only
        if name in ("kept_off", "reopened"):
            ranks = bs.arrays[name][i]
            held = np.flatnonzero(ranks >= 0)
            return [bc.components[k] for k in held[np.argsort(ranks[held], kind="stable")]]
        if name == "stage_at":
            stage, last = int(bs.stage[i]), int(bs.last_stage[i])
            return bc.stages[last if stage >= bc.hiatus and last >= 0 else stage]
        if name == "consultation":
            code = int(bs.consultation[i])
            return None if code < 0 else CONSULTATIONS[code]
        if name not in bs.arrays:
            raise AttributeError(f"a batch game view has no {name!r}")
        value = bs.arrays[name][i]
        return value.item() if value.ndim == 0 else value
