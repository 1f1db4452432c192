"""The batch decision leaves every game in the state the reference's decide leaves it in:
hundreds of real moments just before a forum counts, in every case (shipped, a trainer's
own stage flow, and one whose stages decide as soon as they are entered), played by seven
policies, and the same moments stirred; a decision on some games leaves the others as
they were."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from faultlines.engine.batch.compiled import batch_case
from faultlines.engine.batch.decision import decide
from faultlines.engine.batch.endings import KnownStances
from faultlines.engine.batch.stance import compute
from faultlines.engine.batch.state import pack
from faultlines.engine.batch.table import describe, stage_table
from faultlines.engine.batch.tally import BLOCKED, PASSED, STANDOFF
from faultlines.engine.batch.turn import Turn
from faultlines.engine.catalogue import shipped_ids

from tests.batch_kit import (
    DECISION_POLICIES,
    DecisionPoint,
    ReferenceScripts,
    case_named,
    decision_points,
)

CASES = [*shipped_ids(), "custom_flow", "instant_flow"]
GAMES = 10  # per policy and case: 240-500 decisions per case


def _batch(case, points: list[DecisionPoint], mask: np.ndarray | None = None,
           known: bool = False):
    """The batch decision on these moments (`known`: with every game's stance totals as
    they stand given, as the player's radar would give them)."""
    bc = batch_case(case)
    bs = pack(bc, [p.state for p in points])
    moves = np.array([p.move_index for p in points])
    turn = Turn(move_index=moves, scripts=ReferenceScripts(
        bc, [p.dice() for p in points], [list(p.moves) for p in points], moves))
    given = KnownStances(np.arange(bs.g), compute(bc, bs).total.copy()) if known else None
    done = decide(bc, bs, np.ones(len(points), bool) if mask is None else mask, turn,
                  known=given)
    return bs, done


def _points(case_id: str) -> list[DecisionPoint]:
    return [p for policy in DECISION_POLICIES for p in decision_points(case_id, policy, GAMES)]


@pytest.mark.parametrize("case_id", CASES)
def test_every_game_ends_in_the_reference_state(case_id):
    case = case_named(case_id)
    points = _points(case_id)
    bs, _ = _batch(case, points)
    for i, p in enumerate(points):
        want = p.decided_by_reference(case)
        got = bs.unpack(i)
        assert got.digest() == want.digest(), (case_id, i, want.stage, want.outcome)
        assert (got.stage, got.outcome) == (want.stage, want.outcome)
    assert len(points) >= 200


@pytest.mark.parametrize("case_id", ["elm", "oak", "instant_flow"])
def test_stance_totals_known_before_the_decision_are_read(case_id):
    """Given every game's stance totals as the decision starts (what the player's radar
    works out for a game calling the decision: its events have fired), the decision reads
    them except at a consultation stage (refused asks change it first): the same states."""
    case = case_named(case_id)
    points = _points(case_id)
    bs, _ = _batch(case, points, known=True)
    for i, p in enumerate(points):
        assert bs.unpack(i).digest() == p.decided_by_reference(case).digest(), (case_id, i)


def test_the_moments_reach_every_rule_of_a_decision():
    """Without these, the parity above would prove less: every row of the decide trigger,
    every outcome, each way a vote fails, the consultation's penalties, threats, air
    cover, items kept off a table, a vision to fade, and a stage deciding as it opens."""
    seen: Counter[str] = Counter()
    for case_id in CASES:
        case = case_named(case_id)
        points = _points(case_id)
        table = stage_table(case)
        rows = table.triggers["decide"]
        _, done = _batch(case, points)
        for s, r in zip(done.source.tolist(), done.row.tolist(), strict=True):
            codes = [*rows.before[s, r], *rows.after[s, r]]
            seen.update(describe(table.callbacks[k]).split("(")[0] for k in codes if k >= 0)
        seen.update(f"result {k}" for k in done.decision.result.tolist())
        seen["outweighed"] += int(done.decision.outweighed.any(axis=1).sum())
        for p in points:
            st = p.state
            kind = case.stage(st.stage).kind
            seen["unanswered ask"] += kind == "consultation" and any(
                a.answer is None for a in st.asks)
            seen["never consulted"] += kind == "consultation" and st.consultation is None
            seen["air cover"] += st.air_cover
            seen["threat here"] += st.stage in st.threats.values()
            seen["kept off"] += bool(st.kept_off)
            seen["vision"] += bool(st.vision.any())
            after = p.decided_by_reference(case)
            seen[f"outcome {after.outcome}"] += 1
            seen["two stages at once"] += len(after.passed) >= len(st.passed) + 2
    for rule in ("_remember_stage", "_note_pass", "_enter_stage", "_conclude", "_reopen",
                 "_announce_hiatus", "_start_hiatus", "_stall", "_collapse", "_another_round",
                 f"result {PASSED}", f"result {BLOCKED}", f"result {STANDOFF}", "result 1",
                 "outweighed", "unanswered ask", "never consulted", "air cover",
                 "threat here", "kept off", "vision", "two stages at once",
                 "outcome consensus", "outcome hollow", "outcome pushed_through",
                 "outcome stalled", "outcome collapsed"):
        assert seen[rule] > 0, rule


@pytest.mark.parametrize("case_id", CASES)
def test_stirred_moments_agree_too(case_id):
    """Real moments with what the decision reads redrawn: air cover, a coalition, threats
    at this stage, items kept off, a vision, credibility near zero, failures, hiatuses and
    re-openings used up, scrutiny: the same states after."""
    case = case_named(case_id)
    rng = np.random.default_rng(len(case_id) + 3)
    points = []
    for p in _points(case_id)[::2]:
        st = p.state
        n = case.n
        st.air_cover = bool(rng.random() < 0.5)
        st.coalition = rng.random(n) < 0.25
        st.threats = {sid: st.stage for sid in case.ids if rng.random() < 0.15}
        st.kept_off = [c for c in case.components if rng.random() < 0.25]
        st.vision = np.where(rng.random(n) < 0.4, rng.uniform(0.0, 0.4, n), 0.0)
        st.frame = rng.normal(0.0, 0.4, (n, 3))
        st.credibility = float(rng.choice([0.0, 0.02, 0.05, rng.uniform(0.0, 1.0)]))
        st.failures = int(rng.integers(0, 3))
        st.hiatus_count = int(rng.integers(0, 3))
        st.reopenings = int(rng.integers(0, 2))
        st.scrutiny = {s: float(rng.uniform(0.0, 0.3)) for s in case.stage_ids
                       if rng.random() < 0.3}
        points.append(p)
    bs, _ = _batch(case, points)
    for i, p in enumerate(points):
        assert bs.unpack(i).digest() == p.decided_by_reference(case).digest(), (case_id, i)


def test_a_decision_on_some_games_leaves_the_others_as_they_were():
    case = case_named("elm")
    points = _points("elm")[:120]
    mask = np.arange(len(points)) % 3 == 1
    bs, done = _batch(case, points, mask)
    assert np.array_equal(done.decision.games, np.flatnonzero(mask))
    for i, p in enumerate(points):
        want = p.decided_by_reference(case) if mask[i] else p.state
        assert bs.unpack(i).digest() == want.digest(), i


def test_a_game_that_is_not_at_a_stage_cannot_decide():
    case = case_named("elm")
    p = next(p for p in _points("elm") if p.decided_by_reference(case).stage == "hiatus")
    after = DecisionPoint(p.decided_by_reference(case), p.moves, p.move_index, p.dice_key, p.slot)
    with pytest.raises(ValueError, match="scenario stage"):
        _batch(case, [after])
