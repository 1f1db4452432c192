"""The process moves' batch forms (engine/batch/moves/process.py) answer as the reference
moves do: for every move of each kind, with every value of its parameters (every person
pair, component and mode, none chosen, one it does not take), on real moments of every case
(mid-game states of four policies, the moments moves were played with the game's moves so
far) and the same moments stirred (stand-offs, consultations run or not, asks waiting on
matters settled elsewhere, committees already widened), `legal` is `move.check(ctx) is
None`, `cost` is `move.cost(ctx)`, and every legal move, applied to all its games in one
call, leaves each game with the reference's digest and dice slot. Calling the decision and
ending the month are the driver's to play: their legality and cost are checked here."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from faultlines.engine.batch.compiled import batch_case
from faultlines.engine.batch.moves import BATCH_MOVES, Chosen, form
from faultlines.engine.batch.state import pack
from faultlines.engine.batch.turn import Turn

from tests.batch_move_moments import (
    CASES,
    DEMANDS,
    Reference,
    case_of,
    compare,
    compared,
    moments_of,
)
from tests.test_batch_moves_compensation import KINDS as COMPENSATION

KINDS = ("set_agenda", "keep_off", "reconstitute", "co_write_case", "consult", "answer_ask",
         "call_decision", "end_round")


def _compared(case_id: str) -> Reference:
    return compared(case_id, KINDS)


@pytest.mark.parametrize("case_id", [*CASES, DEMANDS])
def test_every_process_move_answers_as_the_reference(case_id):
    ref = _compared(case_id)
    assert sum(ref.applied.values()) >= 100, ref.applied


@pytest.mark.parametrize("case_id", ["custom_flow", DEMANDS])  # with a stand-off
def test_every_kind_at_once_in_random_order(case_id):
    """Both families' kinds, rows shuffled: each call holds games of many moments with
    different parameters, and the kinds are taken apart by the batch's `by_kind`."""
    moments = moments_of(case_id)[::3]
    ref = compare(case_of(case_id), moments, (*COMPENSATION, *KINDS), shuffle=17)
    assert len(ref.applied) == len(COMPENSATION) + len(KINDS), ref.applied


def test_the_moments_reach_every_refusal_and_every_branch():
    """Without these the parity above would prove less: each kind applied many times, each
    refusal reached, and each way a move goes (a consultation genuine or announced, with
    asks raised and a demand met, the calendar already out; every answer, re-opening a
    matter settled elsewhere, scrutiny set and raised, bounds reached; a stand-off broken
    with trust and evidence at their cap; an item kept off and its episode)."""
    applied, reasons, branches = Counter(), Counter(), Counter()
    for case_id in (*CASES, DEMANDS):
        ref = _compared(case_id)
        applied.update(ref.applied)
        reasons.update(ref.reasons)
        branches.update(ref.branches)
    assert all(applied[k] >= 100 for k in KINDS), applied
    shared = ("over", "hiatus", "takes no")
    want = {
        "set_agenda": (*shared, "stage", "used", "capacity"),
        "keep_off": (*shared, "stage", "used", "capacity", "choose",
                     "That item is already off this agenda."),
        "reconstitute": (*shared, "stage", "used", "capacity",
                         "Every marginal group already sits on the committee."),
        "co_write_case": (*shared, "capacity", "choose", "There is no stand-off to break.",
                          "Both partners must be parties to the stand-off."),
        "consult": (*shared, "stage", "used", "capacity", "choose",
                    "The consultation has already been run."),
        "answer_ask": (*shared, "stage", "capacity", "choose",
                       "There is no consultation ask waiting for an answer.",
                       "Nobody consulted asked for a change to that component."),
        "call_decision": (*shared, "stage"),
        "end_round": ("over", "takes no"),
    }
    for kind, why in want.items():
        assert all(reasons[(kind, w)] >= 5 for w in why), (kind, reasons)
    for kind, what in {
        "consult": ("mode genuine", "mode announce", "asks raised", "met a demand",
                    "calendar already out", "trust capped", "grievance floored"),
        "answer_ask": ("mode accept", "mode negotiate", "mode refuse",
                       "re-opened a settled matter", "scrutiny set anew", "scrutiny raised",
                       "ambition floored", "credibility floored", "trust floored",
                       "trust capped", "grievance floored"),
        "co_write_case": ("trust capped", "evidence capped", "met a demand"),
        "keep_off": ("grievance up", "episode non_negotiation"),
        "reconstitute": ("grievance up", "credibility floored"),
    }.items():
        for b in what:
            assert branches[(kind, b)] >= 3, (kind, b, branches)


def test_the_driver_plays_calling_the_decision_and_ending_the_month():
    bc = batch_case(case_of("tutorial"))
    form("end_round")
    assert {"call_decision", "end_round"} <= set(BATCH_MOVES)
    bs = pack(bc, [m.state for m in moments_of("tutorial")[:2]])
    turn = Turn(move_index=np.zeros(2, np.int64), scripts=lambda *a: None)
    for kind in ("call_decision", "end_round"):
        with pytest.raises(NotImplementedError, match="driver"):
            form(kind).apply(bc, bs, np.arange(2), Chosen.same(bc, kind, 2), turn)
