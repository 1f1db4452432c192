"""The batch count equals the reference's engine.decision.tally field for field (shares to
the last bit) on every decision of real games, and a sum over a selection adds as numpy's."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from faultlines.engine import consultation, decision
from faultlines.engine.batch.compiled import batch_case
from faultlines.engine.batch.decision import before_decision
from faultlines.engine.batch.stance import compute
from faultlines.engine.batch.state import pack
from faultlines.engine.batch.tally import forum, selected_sum, tally
from faultlines.engine.catalogue import shipped_ids
from faultlines.engine.context import forum_of
from faultlines.engine.stance import compute as reference_stances

from tests.batch_kit import DECISION_POLICIES, case_named, decision_points


@pytest.mark.parametrize("case_id", [*shipped_ids(), "custom_flow", "instant_flow"])
def test_the_tally_equals_the_reference_tally(case_id):
    """Shares to the last bit, the same members supporting, abstaining, opposing,
    blocking and outweighed, and the same result."""
    case = case_named(case_id)
    points = [p for policy in DECISION_POLICIES
              for p in decision_points(case_id, policy, 10)]
    bc = batch_case(case)
    bs = pack(bc, [p.state for p in points])
    idx = np.arange(len(points))
    before_decision(bc, bs, idx)
    members = forum(bc, bs, idx)
    got = tally(bc, bs, idx, compute(bc, bs).total, members)
    for i, p in enumerate(points):
        st = p.state.copy()
        consultation.before_decision(p.context(case, st))
        want = decision.tally(case, st, reference_stances(case, st), forum_of(case, st))
        assert got.one(bc, i) == want, (case_id, i)
        assert np.array_equal(members[i], forum_of(case, st))


def test_a_sum_over_a_selection_adds_as_numpy_does():
    """`weight[mask].sum()` row by row, to the last bit, for every count of selected."""
    rng = np.random.default_rng(5)
    for n in (3, 5, 8, 9, 13, 15, 16, 20):
        for rows in (1, 2, 300):  # a lone row too: numpy may sum a (n, 1) block otherwise
            values = rng.uniform(-3.0, 3.0, (rows, n)) * 10.0 ** rng.integers(-3, 3, (rows, n))
            zero = rng.random((rows, n))
            values[zero < 0.1] = 0.0
            values[zero > 0.9] = -0.0  # signs of zero too
            mask = rng.random((rows, n)) < rng.uniform(0.0, 1.0, (rows, 1))
            got = selected_sum(values, mask)
            want = np.array([values[k][mask[k]].sum() for k in range(rows)])
            assert np.array_equal(got, want) and \
                np.array_equal(np.signbit(got), np.signbit(want)), (n, rows)


@pytest.mark.parametrize("case_id", ["elm", "oak"])
def test_a_coalition_against_would_be_blockers_counts_as_the_references(case_id):
    """Stirred: coalitions drawn and stances pushed down to the blocking line, so would-be
    blockers meet a coalition's counterweight (some held, some outweighed) and also stand
    without one; every such case is reached and the count equals the reference's."""
    case = case_named(case_id)
    points = [p for policy in DECISION_POLICIES
              for p in decision_points(case_id, policy, 10)]
    rng = np.random.default_rng(11)
    for p in points[::2]:
        p.state.coalition = rng.random(len(case.influence)) < 0.4
    bc = batch_case(case)
    bs = pack(bc, [p.state for p in points])
    idx = np.arange(len(points))
    before_decision(bc, bs, idx)
    members = forum(bc, bs, idx)
    total = compute(bc, bs).total
    total = np.where(rng.random(total.shape) < 0.5,
                     rng.uniform(-1.0, case.scenario.rules.block_at, total.shape), total)
    got = tally(bc, bs, idx, total, members)
    reached = set()
    for i, p in enumerate(points):
        st = p.state.copy()
        consultation.before_decision(p.context(case, st))
        want = decision.tally(case, st, SimpleNamespace(total=total[i]), forum_of(case, st))
        assert got.one(bc, i) == want, (case_id, i)
        if want.blockers or want.outweighed:
            reached.add(("coalition" if st.coalition.any() else "alone",
                         "outweighed" if want.outweighed else "held"))
    assert {("coalition", "held"), ("coalition", "outweighed"),
            ("alone", "held")} <= reached, reached
