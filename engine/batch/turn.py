"""What a batch step knows of its games besides their state: the index of the move each is
playing (episodes record it), the seam through which scenario events fire, and the games'
counter-based dice (`Counters`), which batch rules and the seam draw from alike.

Scenario events (engine.scripted) are not batched yet. Entering a stage fires its events, so
a batch rule that enters a stage calls `Turn.scripts(bs, games, rest_of_stage)`;
`ReferenceScripts` is that seam for now: it runs the reference `scripted.fire` on each of
those games, with the game's own moves so far and its own counter-based dice, and puts the
state back in its slot. Replacing it with an array form of the events changes nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from faultlines.engine import scripted
from faultlines.engine.batch.compiled import BatchCase
from faultlines.engine.batch.state import BatchState
from faultlines.engine.batch.view import stage_at
from faultlines.engine.context import MoveContext, StanceCache
from faultlines.engine.draws import CounterDice, Dice

#: fire the scenario events due now for games `idx` (with `rest_of_stage`, the rest of the
#: stage's too, as a decision does)
Scripts = Callable[[BatchState, np.ndarray, bool], None]


@dataclass(frozen=True, eq=False)
class Counters:
    """The counter-based dice of G games' current moves (engine.draws): each game's key and
    its next unused slot (the move is `Turn.move_index`). A rule that draws for many games
    reads `slot` and writes back how far it went, so the next draw of each game, batched or
    through a per-game seam, is the one `CounterDice(key, move)` would make next."""

    key: np.ndarray  # (G,) int
    slot: np.ndarray  # (G,) int64, advanced in place


@dataclass(frozen=True, eq=False)
class Turn:
    """Per game: the move being played, the scenario-events seam, and (for the rules that
    draw themselves) the games' dice."""

    move_index: np.ndarray  # (G,) int
    scripts: Scripts
    #: the games' dice, for rules that draw themselves (a month's end does)
    counters: Counters | None = None
    #: each game's moves so far, as `Game.moves` (the move being played included): the
    #: rules that read what the player did before (intelligence, an authored demand already
    #: met) read them
    moves: Sequence[list[dict[str, Any]]] | None = None


class ReferenceScripts:
    """The scenario-events seam, run per game through the reference engine (see the module
    docstring). `dice[g]` is game g's dice for this move (its counter goes on from where
    the move's earlier draws left it) and `moves[g]` its moves so far (an authored demand
    for something already done starts met)."""

    def __init__(self, bc: BatchCase, dice: Sequence[Dice],
                 moves: Sequence[list[dict[str, Any]]], move_index: np.ndarray):
        self.bc = bc
        self.counters = dice if isinstance(dice, Counters) else None
        self.dice = [] if isinstance(dice, Counters) else list(dice)
        self.moves = list(moves)
        self.move_index = np.asarray(move_index)
        sc = bc.case.scenario
        self._event_stage = np.array([bc.stage_code(e.trigger.stage) for e in sc.events], int)
        self._event_round = np.array([e.trigger.round for e in sc.events], int)

    def due(self, bs: BatchState, idx: np.ndarray, rest_of_stage: bool) -> np.ndarray:
        """(K,) bool: has the game any event scripted.fire would take now (not fired yet,
        at the stage play is at, due this round, or later in it with `rest_of_stage`)?"""
        at, rnd = stage_at(bs, idx)[:, None], bs.round[idx][:, None]
        when = (self._event_round == rnd) | (rest_of_stage & (self._event_round > rnd))
        return ((bs.fired_events[idx] < 0) & (self._event_stage == at) & when).any(axis=1)

    def __call__(self, bs: BatchState, idx: np.ndarray, rest_of_stage: bool = False) -> None:
        if not len(idx) or not len(self._event_stage):
            return
        for i in idx[self.due(bs, idx, rest_of_stage)].tolist():
            st = bs.lend(i)
            dice = self._dice(i)
            ctx = MoveContext(case=self.bc.case, state=st, dice=dice,
                              moves=self.moves[i], stance_cache=StanceCache(self.bc.case),
                              move_index=int(self.move_index[i]))
            scripted.fire(ctx, rest_of_stage=rest_of_stage)
            bs.take_back(i, st)
            if self.counters is not None:
                self.counters.slot[i] = dice.slot

    def _dice(self, i: int) -> Dice:
        if self.counters is None:
            return self.dice[i]
        dice = CounterDice(int(self.counters.key[i]), int(self.move_index[i]))
        dice.slot = int(self.counters.slot[i])
        return dice

