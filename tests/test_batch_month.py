"""The batch month's end leaves every game in the state the reference's end_round leaves it
in, having drawn the same dice: hundreds of real moments just before a month ends, in every
case (shipped, a trainer's own stage flow, stages that decide as they open, authored
repertoires), played by six policies, the same moments stirred, and a month that ends for
only some of the games."""

from __future__ import annotations

from collections import Counter
from functools import cache

import numpy as np
import pytest
from faultlines.engine import flow
from faultlines.engine.batch.compiled import batch_case
from faultlines.engine.batch.month import end_round
from faultlines.engine.batch.state import pack
from faultlines.engine.batch.table import describe, stage_table
from faultlines.engine.batch.turn import Counters, Turn
from faultlines.engine.catalogue import shipped_ids
from faultlines.engine.state import GameState

from tests.batch_kit import (
    MONTH_POLICIES,
    DecisionPoint,
    ReferenceScripts,
    case_named,
    month_points,
)

CASES = [*shipped_ids(), "custom_flow", "instant_flow", "custom_repertoire"]
GAMES = 14  # per policy and case: 250-1000 month ends per case


def _reference(case, p: DecisionPoint) -> tuple[GameState, int]:
    """engine.flow.end_round on a copy of the moment: the state after, and the next slot."""
    st = p.state.copy()
    machine = flow.flow_for(case)
    machine.bind(st)
    ctx = p.context(case, st)
    try:
        flow.end_round(ctx)
    finally:
        machine.release(st)
    return st, ctx.dice.slot


def _batch(case, points: list[DecisionPoint], mask: np.ndarray | None = None):
    bc = batch_case(case)
    bs = pack(bc, [p.state for p in points])
    moves = np.array([p.move_index for p in points])
    counters = Counters(key=np.array([p.dice_key for p in points], np.int64),
                        slot=np.array([p.slot for p in points], np.int64))
    turn = Turn(move_index=moves, counters=counters, scripts=ReferenceScripts(
        bc, counters, [list(p.moves) for p in points], moves))
    ended = end_round(bc, bs, np.ones(len(points), bool) if mask is None else mask, turn)
    return bs, counters.slot, ended


@cache
def _points(case_id: str) -> tuple[DecisionPoint, ...]:
    return tuple(p for policy in MONTH_POLICIES for p in month_points(case_id, policy, GAMES))


def _fresh(case_id: str) -> list[DecisionPoint]:
    return [p.fresh() for p in _points(case_id)]


def _stirred(case, points: list[DecisionPoint], seed: int) -> list[DecisionPoint]:
    """The moments with what a month reads redrawn: a false or a genuine consultation on
    matters settled elsewhere (some kept off the table), not yet exposed, air cover,
    credibility near or at zero, the calendar about to run out, a stage's rounds used up,
    a hiatus about to end."""
    rng = np.random.default_rng(seed)
    out = []
    for p in points:
        st = p.state
        st.consultation = rng.choice([None, "genuine", "false", "false"])
        st.exposed = bool(rng.random() < 0.2)
        if rng.random() < 0.5:
            st.settled = {c: "a deal in advance" for c in case.components
                          if rng.random() < 0.3}
            st.kept_off = [c for c in case.components if rng.random() < 0.2]
        st.air_cover = bool(rng.random() < 0.5)
        st.credibility = float(rng.choice([0.0, 0.03, 0.08, rng.uniform(0.0, 1.0)]))
        st.calendar = int(rng.choice([0, 1, 2, st.calendar]))
        if st.stage == "hiatus":
            st.hiatus_left = int(rng.integers(1, 3))
        elif rng.random() < 0.5:
            st.round = case.stage(st.stage).rounds + st.extra_rounds
        out.append(p)
    return out


def _agree(case, points: list[DecisionPoint], bs, slots, mask=None) -> None:
    for i, p in enumerate(points):
        if mask is not None and not mask[i]:
            assert bs.unpack(i).digest() == p.state.digest(), i
            assert slots[i] == p.slot, i
            continue
        want, slot = _reference(case, p)
        got = bs.unpack(i)
        assert got.digest() == want.digest(), (case.scenario.id, i, want.stage, want.outcome)
        assert int(slots[i]) == slot, (case.scenario.id, i, "draws")


@pytest.mark.parametrize("case_id", CASES)
def test_every_game_ends_its_month_in_the_reference_state(case_id):
    case = case_named(case_id)
    points = _fresh(case_id)
    bs, slots, _ = _batch(case, points)
    _agree(case, points, bs, slots)
    assert len(points) >= 250


@pytest.mark.parametrize("case_id", CASES)
def test_stirred_months_agree_too(case_id):
    case = case_named(case_id)
    points = _stirred(case, _fresh(case_id)[::2], len(case_id) + 5)
    bs, slots, _ = _batch(case, points)
    _agree(case, points, bs, slots)


def test_the_months_reach_every_rule_of_a_months_end():
    """Without these the parity above would prove less: every callback of the month and
    resume rows, exposures (and false consultations that stay hidden), the stakeholders
    acting, a forum deciding when its rounds run out (and passing, once into a stage that
    decides as it opens), a hiatus month and its end, and every kind of collapse, in real
    play (the stirred moments are not counted)."""
    seen: Counter[str] = Counter()
    for case_id in CASES:
        case = case_named(case_id)
        points = _fresh(case_id)
        table = stage_table(case)
        rows = table.triggers["month"]
        bs, slots, ended = _batch(case, points)
        for s, r in zip(ended.source.tolist(), ended.row.tolist(), strict=True):
            codes = [*rows.before[s, r], *rows.after[s, r]]
            seen.update(describe(table.callbacks[k]) for k in codes if k >= 0)
        seen["exposed"] += int(ended.exposed.sum())
        for i, p in enumerate(points):
            st, after = p.state, bs.unpack(i)
            seen["exposure drawn, hidden"] += (
                not ended.exposed[i] and not st.exposed and st.stage != "hiatus"
                and st.consultation == "false")
            seen["stakeholders acted"] += int(slots[i]) >= p.slot + case.n
            seen["resumed"] += st.stage == "hiatus" and after.stage != "hiatus"
            seen["a forum passed"] += after.stage != st.stage and after.stage not in (
                "hiatus", "outcome") and st.stage != "hiatus" and \
                case.stage(st.stage).kind != "briefing"
            seen["two stages at once"] += len(after.passed) >= len(st.passed) + 2
            seen[f"outcome {after.outcome}"] += after.outcome is not None
            seen["the hiatus used up the calendar"] += st.stage == "hiatus" and \
                after.outcome_reasons == ["The hiatus used up the calendar."]
    calendar = "The calendar ran out"
    credibility = "Your credibility is gone: partners"
    for rule in ("_remember_stage", "_enter_stage", "_decide_now", "_next_round",
                 "_hiatus_month", "exposed", "exposure drawn, hidden", "stakeholders acted",
                 "resumed", "a forum passed", "two stages at once", "outcome collapsed", "outcome consensus",
                 "the hiatus used up the calendar"):
        assert seen[rule] > 0, rule
    collapses = [k for k in seen if k.startswith("_collapse")]
    assert any(calendar in k for k in collapses), collapses
    assert any(credibility in k for k in collapses), collapses


def test_a_month_that_ends_for_some_games_leaves_the_others_as_they_were():
    case = case_named("elm")
    points = _fresh("elm")[:150]
    mask = np.arange(len(points)) % 3 == 1
    bs, slots, ended = _batch(case, points, mask)
    assert np.array_equal(ended.games, np.flatnonzero(mask))
    _agree(case, points, bs, slots, mask)


def test_a_game_that_is_over_has_no_more_months():
    case = case_named("elm")
    p = next(p for p in _fresh("elm") if _reference(case, p)[0].outcome is not None)
    after = DecisionPoint(_reference(case, p)[0], p.moves, p.move_index, p.dice_key, p.slot)
    with pytest.raises(ValueError, match="over"):
        _batch(case, [after])
