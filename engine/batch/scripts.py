"""Scenario events (engine.scripted) for G games at once: the `Turn.scripts` seam without a
per-game round trip.

An authored event fires once, at its trigger's stage and round (or, when a decision is
called early, at any later round of that stage). For each event in the scenario's order,
the games it is due in are found at once; it is marked fired in each (whether or not it
happens); where its chance is below one, each of those games draws one uniform from its
counter-based dice at its next slot, as the reference's `game.dice.random()` does; and its
effects change the games it happened in as the reference's `_apply` changes one.

A decision taken in advance settles the matter in the ledger (`settled`) and records its
episode into the batch's episode record for all those games at once
(engine.batch.episodes.settle and write, with the reference's words); an authored demand reads
the game's moves (something already done meets it from the start) per game, on the moves
list. Events fire rarely, and these two kinds more rarely still.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from faultlines.engine import episodes, scripted
from faultlines.engine.batch import worlds
from faultlines.engine.batch.compiled import CONSULTATIONS, BatchCase
from faultlines.engine.batch.episodes import Affected, settle, write
from faultlines.engine.batch.record import ledger_code
from faultlines.engine.batch.state import BatchState
from faultlines.engine.batch.turn import Counters
from faultlines.engine.batch.view import stage_at
from faultlines.engine.draws import uniform_array

_GENUINE = CONSULTATIONS.index("genuine")


def _triggers(bc: BatchCase) -> tuple[np.ndarray, np.ndarray]:
    """Each event's trigger stage (code) and round, made once per case (a seam is made
    every step)."""
    found = bc.scratch.get("event_triggers")
    if found is None:
        events = bc.case.scenario.events
        found = bc.scratch["event_triggers"] = (
            np.array([bc.stage_code(e.trigger.stage) for e in events], int),
            np.array([e.trigger.round for e in events], int))
        for a in found:
            a.setflags(write=False)
    return found


class BatchScripts:
    """The scenario-events seam over arrays (engine.batch.turn.Scripts). `counters` are the
    games' dice (advanced as they are drawn), `moves[g]` game g's moves so far and
    `move_index[g]` the move it is playing."""

    def __init__(self, bc: BatchCase, counters: Counters,
                 moves: Sequence[list[dict[str, Any]]], move_index: np.ndarray):
        self.bc, self.counters, self.moves = bc, counters, moves
        self.move_index = np.asarray(move_index)
        self._events = bc.case.scenario.events
        self._stage, self._round = _triggers(bc)

    def __call__(self, bs: BatchState, idx: np.ndarray, rest_of_stage: bool = False) -> None:
        if not len(idx) or not len(self._events):
            return
        at, rnd = stage_at(bs, idx), bs.round[idx]
        present = set(np.unique(at).tolist())  # an event of another stage is due nowhere
        for e, ev in enumerate(self._events):
            if int(self._stage[e]) not in present:
                continue
            when = (self._round[e] == rnd) | (rest_of_stage & (self._round[e] > rnd))
            due = idx[(bs.fired_events[idx, e] < 0) & (self._stage[e] == at) & when]
            if not len(due):
                continue
            bs.fired_events[due, e] = (bs.fired_events.take(due, axis=0) >= 0).sum(axis=1)
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
            free = (bs.demand_code.take(g, axis=0) >= 0).sum(axis=1)
            bs.demand_code[g, free] = code
            bs.demand_met[g, free] = [self._already_met(bs, i, eff) for i in g.tolist()]
        elif eff.kind == "standoff":
            bs.standoff_code[g] = bc.standoff_code(scripted.standoff_of(ev, eff))
            bs.standoff_resolved[g] = False
        elif eff.kind == "decided_in_advance":
            bs.decided_in_advance[g] = True
            self._decided_in_advance(bs, g, ev, eff)
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

    def _decided_in_advance(self, bs: BatchState, g: np.ndarray, ev, eff) -> None:
        """engine.episodes.decided_in_advance for games g: the matter settled in each
        game's ledger (the reference's `settle` and words), then its episode into the
        episode record for all of them at once."""
        bc, case = self.bc, self.bc.case
        comps = (eff.component,) if eff.component else case.components
        k = len(g)
        on = np.broadcast_to(np.isin(bc.components, comps), (k, bc.c))
        settle(bs, g, on, ledger_code(bc, episodes.in_advance_ledger(ev.title)))
        who = np.isin(case.ids, eff.targets) if eff.targets else case.central
        present = np.broadcast_to(who, (k, bc.n))
        aff = Affected(bc, bs.stake_mod.take(g, axis=0), on, worlds.stakes(bc, bs, g))
        write(bs, g, "in_advance", "backstage", on, present, aff.inclusive(present),
              aff.hit, significant=True, stage=stage_at(bs, g), round_=bs.round[g],
              move=self.move_index[g], a=bc.events.index(ev.id))
