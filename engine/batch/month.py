"""A month's end for G games at once: what engine.flow.end_round does to the state of every
game whose month ends now, equal to the reference state for state and draw for draw
(tests/test_batch_month.py).

For the games in a mask, in the reference's order:

1. the calendar turns (never below zero);
2. a false consultation may be exposed: in a game not paused, whose consultation was
   announced without being run, or run on matters settled elsewhere whose terms never
   changed (`consultation.consultation_is_false`), and not exposed yet, one draw of the
   game's counter-based dice against the rules' `exposure_chance` (only those games draw,
   as the reference's `and` draws only when the rest holds); exposed games lose credibility
   (less under air cover), and the sectors the exposure speaks for gain grievance and lose
   trust (`flow._expose`);
3. the stakeholders' own actions (engine.batch.agency.act), from the next slot on;
4. the stage flow's `month` trigger: its condition bits (`_time_is_up`,
   `_no_credibility_left`, `_rounds_used_up`), the row each game takes (`StageTable.choose`)
   and that row's callbacks (engine.batch.endings): a collapse, a briefing that advances,
   a forum whose rounds are used up deciding (engine.batch.decision), another round, or a
   month of a hiatus and the resumption at its end.

The dice are `Turn.counters`; scenario events draw through the `Turn.scripts` seam from the
same counters. The round's snapshot and the events the reference writes are not made here
(logs are made by replaying through the reference engine).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from faultlines.engine import flow
from faultlines.engine.batch import endings
from faultlines.engine.batch.agency import act_reading
from faultlines.engine.batch.compiled import CONSULTATIONS, BatchCase
from faultlines.engine.batch.decision import decide
from faultlines.engine.batch.state import BatchState
from faultlines.engine.batch.table import StageTable, stage_table
from faultlines.engine.batch.turn import Counters, Turn
from faultlines.engine.draws import uniform_array
from faultlines.engine.tuning import TUNING

_FALSE = CONSULTATIONS.index("false")
_GENUINE = CONSULTATIONS.index("genuine")


@dataclass(frozen=True, eq=False)
class Ended:
    """What `end_round` did: the games whose month ended, which were exposed, the flow's
    condition bits for the `month` trigger, and the row of the stage table each took from
    the stage it was at (rows follow `games`)."""

    games: np.ndarray  # (K,) slots
    exposed: np.ndarray  # (K,) bool: a false consultation came out this month
    condition_bits: np.ndarray  # (K,) int64
    row: np.ndarray  # (K,)
    source: np.ndarray  # (K,) stage codes after the actions, before the flow moved them


def end_round(bc: BatchCase, bs: BatchState, mask: np.ndarray, turn: Turn) -> Ended:
    """What engine.flow.end_round does to the state of every game in `mask` (see the module
    docstring); `turn.counters` are the games' dice and are advanced as they are drawn."""
    idx = np.flatnonzero(mask)
    if (bs.stage[idx] == bc.outcome).any():
        raise ValueError("a game that is over has no more months")
    counters = turn.counters
    if counters is None:
        raise ValueError("a month's end draws: the turn needs the games' counters")
    bs.calendar[idx] = np.maximum(bs.calendar[idx] - 1, 0)
    exposed = _exposure(bc, bs, idx, counters, turn.move_index)
    counters.slot[:], read = act_reading(bs, np.asarray(mask, bool), counters.key,
                                         turn.move_index, counters.slot)
    table = stage_table(bc.case)
    source = bs.stage[idx].copy()
    bits = condition_bits(bc, bs, idx, table)
    row = table.choose("month", source, bits)
    step = endings.Step(bc=bc, bs=bs, turn=turn, decision=None, stances=None, decide=decide,
                        known=None if read is None else endings.KnownStances(*read))
    endings.take_rows(step, "month", idx, source, row)
    return Ended(games=idx, exposed=exposed, condition_bits=bits, row=row, source=source)


# -- a false consultation found out ---------------------------------------------------------
def consultation_is_false(bc: BatchCase, bs: BatchState, idx: np.ndarray) -> np.ndarray:
    """engine.consultation.consultation_is_false for games idx: announced and not run, or
    run on a component settled elsewhere (and on the table) whose terms never changed."""
    run = bs.consultation[idx]
    out = run == _FALSE
    genuine = np.flatnonzero(run == _GENUINE)
    if len(genuine):
        games = idx[genuine]
        settled = bs.settled.take(games, axis=0) >= 0
        out[genuine] = (settled & (bs.kept_off.take(games, axis=0) < 0)).any(axis=1)
    return out


def _exposure(bc: BatchCase, bs: BatchState, idx: np.ndarray, counters: Counters,
              move: np.ndarray) -> np.ndarray:
    """The month's exposure draw, for the games that may be exposed (one slot each), and
    flow._expose where it comes out. Returns, per game in idx, whether it did."""
    out = np.zeros(len(idx), bool)
    may = (bs.stage[idx] != bc.hiatus) & ~bs.exposed[idx]
    may[may] = consultation_is_false(bc, bs, idx[may])
    draw = idx[may]
    if not len(draw):
        return out
    u = uniform_array(counters.key[draw], np.asarray(move)[draw], counters.slot[draw])
    counters.slot[draw] += 1
    found = u < bc.case.scenario.rules.exposure_chance
    out[np.flatnonzero(may)[found]] = True
    expose(bc, bs, draw[found])
    return out


def expose(bc: BatchCase, bs: BatchState, games: np.ndarray) -> None:
    """flow._expose for these games: exposed, credibility lost in public (air cover takes
    part of it), and the sectors that speak out aggrieved and less trusting."""
    if not len(games):
        return
    bs.exposed[games] = True
    amount = np.where(bs.air_cover[games],
                      TUNING.exposure_credibility * (1.0 - TUNING.air_cover.shield),
                      TUNING.exposure_credibility)
    left = bs.credibility[games] - amount
    bs.credibility[games] = np.where(left > 0.0, left, 0.0)  # Python's max(0.0, x)
    hit = _exposure_sectors(bc)
    g, tr = bs.grievance.take(games, axis=0), bs.trust.take(games, axis=0)
    bs.grievance[games] = np.where(hit, g + TUNING.exposure_grievance, g)
    bs.trust[games] = np.where(hit, np.maximum(0.0, tr - TUNING.exposure_trust), tr)


def _exposure_sectors(bc: BatchCase) -> np.ndarray:
    return np.array([s.sector in TUNING.exposure_sectors
                     for s in bc.case.scenario.stakeholders], bool)


# -- the flow's month --------------------------------------------------------------------
def condition_bits(bc: BatchCase, bs: BatchState, idx: np.ndarray,
                   table: StageTable) -> np.ndarray:
    """The flow's conditions for the `month` trigger, as bits of each game's int64
    (StageTable.conditions), after the calendar turned and the stakeholders acted."""
    stage = bs.stage[idx]
    at = np.where(stage < bc.hiatus, stage, 0)  # a hiatus has no rounds (and no such row)
    value = {
        flow._time_is_up: bs.calendar[idx] <= 0,
        flow._no_credibility_left: bs.credibility[idx] <= 0.0,
        flow._rounds_used_up: bs.round[idx] >= bc.stage_rounds[at] + bs.extra_rounds[idx],
    }
    return table.bits("month", value, len(idx))
