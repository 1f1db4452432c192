"""Scenario events (engine.scripted) for G games at once: the `Turn.scripts` seam without a
per-game round trip.

An authored event fires once, at its trigger's stage and round (or, when a decision is
called early, at any later round of that stage). For each event in the scenario's order,
the games it is due in are found at once; it is marked fired in each (whether or not it
happens); where its chance is below one, each of those games draws one uniform from its
counter-based dice at its next slot, as the reference's `game.dice.random()` does; and its
effects change the games it happened in as the reference's `_apply` changes one.

Where an effect writes text into the side record (a decision taken in advance records an
episode), the reference's own function runs on that game; an authored demand reads the
game's moves (something already done meets it from the start) per game, on the moves list.
Events fire rarely, and these two kinds more rarely still.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from faultlines.engine import episodes, scripted
from faultlines.engine.batch.compiled import CONSULTATIONS, BatchCase
from faultlines.engine.batch.state import BatchState
from faultlines.engine.batch.turn import Counters
from faultlines.engine.batch.view import stage_at
from faultlines.engine.context import MoveContext, StanceCache
from faultlines.engine.draws import CounterDice, uniform_array

_GENUINE = CONSULTATIONS.index("genuine")


class BatchScripts:
    """The scenario-events seam over arrays (engine.batch.turn.Scripts). `counters` are the
    games' dice (advanced as they are drawn), `moves[g]` game g's moves so far and
    `move_index[g]` the move it is playing."""

    def __init__(self, bc: BatchCase, counters: Counters,
                 moves: Sequence[list[dict[str, Any]]], move_index: np.ndarray):
        self.bc, self.counters, self.moves = bc, counters, moves
        self.move_index = np.asarray(move_index)
        sc = bc.case.scenario
        self._events = sc.events
        self._stage = np.array([bc.stage_code(e.trigger.stage) for e in sc.events], int)
        self._round = np.array([e.trigger.round for e in sc.events], int)

    def __call__(self, bs: BatchState, idx: np.ndarray, rest_of_stage: bool = False) -> None:
        if not len(idx) or not len(self._events):
            return
        at, rnd = stage_at(bs, idx), bs.round[idx]
        for e, ev in enumerate(self._events):
            when = (self._round[e] == rnd) | (rest_of_stage & (self._round[e] > rnd))
            due = idx[(bs.fired_events[idx, e] < 0) & (self._stage[e] == at) & when]
            if not len(due):
                continue
            bs.fired_events[due, e] = (bs.fired_events[due] >= 0).sum(axis=1)
            if ev.trigger.chance < 1.0:
                slot = self.counters.slot[due]
                draw = uniform_array(self.counters.key[due], self.move_index[due], slot)
                self.counters.slot[due] = slot + 1
                due = due[~(draw >= ev.trigger.chance)]
            for eff in ev.effects:
                self._apply(bs, due, ev, eff)

    def _apply(self, bs: BatchState, g: np.ndarray, ev, eff) -> None:
        if not len(g):
            return
        bc = self.bc
        who = np.array([bc.case.index[t] for t in eff.targets], int)
        rows, cols = g[:, None], who[None, :]
        if eff.kind == "grievance":
            bs.grievance[rows, cols] = np.maximum(0.0, bs.grievance[rows, cols] + eff.amount)
        elif eff.kind == "trust":
            bs.trust[rows, cols] = np.clip(bs.trust[rows, cols] + eff.amount, 0.0, 1.0)
        elif eff.kind == "credibility":
            bs.credibility[g] = np.clip(bs.credibility[g] + eff.amount, 0.0, 1.0)
        elif eff.kind == "calendar":
            bs.calendar[g] = np.maximum(0, bs.calendar[g] + eff.months)
        elif eff.kind == "stake":
            c = bc.case.comp_index[eff.component]
            bs.stake_mod[rows, cols, c] = bs.stake_mod[rows, cols, c] + eff.amount
        elif eff.kind == "demand":
            code = bc.demand_code(scripted.demand_of(ev, eff))
            free = (bs.demand_code[g] >= 0).sum(axis=1)
            bs.demand_code[g, free] = code
            bs.demand_met[g, free] = [self._already_met(bs, i, eff) for i in g.tolist()]
        elif eff.kind == "standoff":
            bs.standoff_code[g] = bc.standoff_code(scripted.standoff_of(ev, eff))
            bs.standoff_resolved[g] = False
        elif eff.kind == "decided_in_advance":
            bs.decided_in_advance[g] = True
            for i in g.tolist():
                self._decided_in_advance(bs, i, ev, eff)
        else:  # a new effect kind must be given its batch form, never skipped
            raise NotImplementedError(f"no batch form for the {eff.kind!r} effect")

    def _already_met(self, bs: BatchState, i: int, eff) -> bool:
        """engine.scripted._already_met for game i."""
        if eff.requires == "consult_genuine":
            return bool(bs.consultation[i] == _GENUINE)
        moves = self.moves[i]
        if eff.requires == "co_write_case":
            return any(m["kind"] == "co_write_case" for m in moves)
        return any(m["kind"] == eff.requires and m.get("target") == eff.beneficiary
                   for m in moves)

    def _decided_in_advance(self, bs: BatchState, i: int, ev, eff) -> None:
        st = bs.lend(i)
        dice = CounterDice(int(self.counters.key[i]), int(self.move_index[i]))
        dice.slot = int(self.counters.slot[i])
        ctx = MoveContext(case=self.bc.case, state=st, dice=dice, moves=self.moves[i],
                          stance_cache=StanceCache(self.bc.case),
                          move_index=int(self.move_index[i]))
        episodes.decided_in_advance(ctx, ev.title, (eff.component,) if eff.component else (),
                                    tuple(eff.targets))
        bs.take_back(i, st)
