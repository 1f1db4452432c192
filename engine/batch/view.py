"""Reading one game of a batch the way a per-game rule reads a `GameState`.

The rules that write text into the side record (the outcome's reasons, asks) are run per
game by the reference's own functions, so their wording has one definition. They are handed
a `GameView`: the game's fields read from the batch arrays when asked, and its side record's
own containers (what a rule appends to one lands in the batch). Its `episodes` are made from
the batch's episode record for reading only: episodes are recorded by
engine.batch.episodes.write."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain, repeat
from operator import attrgetter
from typing import Any

import numpy as np
from faultlines.engine.batch.compiled import CONSULTATIONS, BatchCase
from faultlines.engine.batch.state import BatchState, ledger_of
from faultlines.engine.consultation import ANSWERS


def stage_at(bs: BatchState, idx: np.ndarray) -> np.ndarray:
    """GameState.stage_at for games idx: the scenario stage play is at (while paused or
    over: where it stopped)."""
    stage, last = bs.stage[idx], bs.last_stage[idx]
    return np.where((stage >= bs.bc.hiatus) & (last >= 0), last, stage)


def asks_codes(bc: BatchCase, extras: Sequence[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray]:
    """The asks in these games' side records as (K, M) component and answer codes, in the
    order asked (-1: no ask in that place; answer -1: not answered yet, else its place in
    engine.consultation.ANSWERS). Coded as one flat list, each pass over the games a
    builtin's, not a Python loop: the radar reads this every step and the answer's
    legality for every game with an ask open."""
    k = len(extras)
    lists = list(map(dict.get, extras, repeat("asks", k), repeat((), k)))
    lens = np.fromiter(map(len, lists), np.int64, k)
    m = int(lens.max(initial=0))
    comp = np.full((k, m), -1, np.int64)
    answer = np.full((k, m), -1, np.int64)
    if not m:
        return comp, answer
    flat = list(chain.from_iterable(lists))  # game by game, each in the order asked
    cols = np.arange(len(flat)) - np.repeat(np.cumsum(lens) - lens, lens)
    at = np.repeat(np.arange(k) * m, lens) + cols  # the flat index of (row, col)
    comp.reshape(-1)[at] = np.fromiter(map(bc.case.comp_index.__getitem__,
                                           map(_COMPONENT, flat)), np.int64, len(flat))
    answer.reshape(-1)[at] = np.fromiter(map(_ANSWER_CODES.__getitem__, map(_ANSWER, flat)),
                                         np.int64, len(flat))
    return comp, answer


_COMPONENT, _ANSWER = attrgetter("component"), attrgetter("answer")
#: an answer's code: its first place in ANSWERS (as ANSWERS.index), -1 for none yet
_ANSWER_CODES: dict[str | None, int] = {None: -1, **{a: ANSWERS.index(a) for a in ANSWERS}}


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
