"""The asks in the games' side records as codes (engine.batch.view.asks_codes), with each
Ask object's codes kept by its identity: the radar reads every game's asks every step, and
most of them are the same few objects step after step (a consultation's asks are shared by
the games that raised them alike, an answer by the games answering alike), so each object
is decoded once. An Ask is frozen, and the objects whose codes are kept are held here, so
an identity kept always names the object it was read from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from typing import Any

import numpy as np
from faultlines.engine.batch.compiled import BatchCase
from faultlines.engine.batch.view import _ANSWER_CODES
from faultlines.engine.consultation import ANSWERS

#: a code is component * _WIDTH + answer code + 1 (answer -1: not answered yet)
_WIDTH = len(ANSWERS) + 1
#: the most Ask objects kept per case before the memo starts afresh
KEEP = 1 << 16
_NONE = np.iinfo(np.int64).max  # the sorted identities' end marker


class _Memo:
    """Identities of the Ask objects read so far, sorted (ending with `_NONE`), their codes
    alongside, and the objects themselves (held, so no identity is reused)."""

    def __init__(self) -> None:
        self.ids = np.array([_NONE], np.int64)
        self.codes = np.array([-1], np.int64)
        self.held: list[Any] = []

    def codes_of(self, bc: BatchCase, flat: list[Any], ids: np.ndarray) -> np.ndarray:
        """(F,) the codes of the asks `flat` (their identities `ids`)."""
        pos = np.searchsorted(self.ids, ids)
        miss = self.ids[pos] != ids
        if miss.any():
            new = {id(a): a for a in map(flat.__getitem__, np.flatnonzero(miss).tolist())}
            if len(self.held) + len(new) > max(KEEP, 2 * len(flat)):  # afresh: learn
                # what these rows hold
                self.__init__()
                new = {id(a): a for a in flat}
            self._learn(bc, new)
            pos = np.searchsorted(self.ids, ids)
        return self.codes[pos]

    def _learn(self, bc: BatchCase, new: dict[int, Any]) -> None:
        comp = bc.case.comp_index
        ids = np.fromiter(new, np.int64, len(new))
        codes = np.array([comp[a.component] * _WIDTH + _ANSWER_CODES[a.answer] + 1
                          for a in new.values()], np.int64)
        order = np.argsort(ids)
        ids, codes = ids[order], codes[order]
        at = np.searchsorted(self.ids, ids)
        self.ids = np.insert(self.ids, at, ids)
        self.codes = np.insert(self.codes, at, codes)
        self.held.extend(new.values())


@dataclass(frozen=True, eq=False)
class AsksRead:
    """The asks of K games: (K, M) component and answer codes in the order asked (-1: no
    ask in that place; answer -1: not answered yet, else its place in ANSWERS), and where
    each game's asks are: its list, its first ask's place in `flat`, and the identities."""

    component: np.ndarray  # (K, M)
    answer: np.ndarray  # (K, M)
    lists: list[Any]  # (K,) each game's own list of asks (the side record's)
    start: np.ndarray  # (K,) where game r's asks begin in flat
    flat: list[Any]  # every game's asks, game by game
    ids: np.ndarray  # (F,) id() of each of flat


def read(bc: BatchCase, extras: Sequence[dict[str, Any]]) -> AsksRead:
    """The asks in these games' side records (`view.asks_codes`, the same codes)."""
    k = len(extras)
    lists = list(map(dict.get, extras, repeat("asks", k), repeat((), k)))
    lens = np.fromiter(map(len, lists), np.int64, k)
    m = int(lens.max(initial=0))
    comp = np.full((k, m), -1, np.int64)
    answer = np.full((k, m), -1, np.int64)
    start = np.cumsum(lens) - lens
    if not m:
        return AsksRead(comp, answer, lists, start, [], np.zeros(0, np.int64))
    flat = list(chain.from_iterable(lists))  # game by game, each in the order asked
    ids = np.fromiter(map(id, flat), np.int64, len(flat))
    memo = bc.scratch.get("ask_codes")
    if memo is None:
        memo = bc.scratch["ask_codes"] = _Memo()
    code = memo.codes_of(bc, flat, ids)
    cols = np.arange(len(flat)) - np.repeat(start, lens)
    at = np.repeat(np.arange(k) * m, lens) + cols  # the flat index of (row, col)
    comp.reshape(-1)[at] = code // _WIDTH
    answer.reshape(-1)[at] = code % _WIDTH - 1
    return AsksRead(comp, answer, lists, start, flat, ids)


def codes(bc: BatchCase, extras: Sequence[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray]:
    """(K, M) component and answer codes, as `view.asks_codes`."""
    found = read(bc, extras)
    return found.component, found.answer
