"""The measures of a decision's episodes, computed for many games at once, equal the
reference's engine.episodes.measure for every pair of components and participants a
decision's episodes can have, on every decision of real games; anything else is left to
the reference."""

from __future__ import annotations

import numpy as np
import pytest
from faultlines.engine import consultation, episodes
from faultlines.engine.batch.compiled import batch_case
from faultlines.engine.batch.episodes import DecisionMeasures
from faultlines.engine.batch.state import pack
from faultlines.engine.batch.tally import forum
from faultlines.engine.catalogue import shipped_ids
from faultlines.engine.context import forum_of

from tests.batch_kit import DECISION_POLICIES, case_named, decision_points


def _same(got, want) -> bool:
    return got[0] == want[0] and got[1] == want[1] and np.array_equal(got[2], want[2])


@pytest.mark.parametrize("case_id", [*shipped_ids(), "custom_flow"])
def test_every_pair_is_measured_as_the_reference_measures_it(case_id):
    case = case_named(case_id)
    points = [p for policy in DECISION_POLICIES for p in decision_points(case_id, policy, 6)]
    bc = batch_case(case)
    bs = pack(bc, [p.state for p in points])
    idx = np.arange(len(points))
    members = forum(bc, bs, idx)
    measured = DecisionMeasures(bc, bs, idx, members, np.ones(len(points), bool))
    for k, p in enumerate(points):
        st = p.state
        on = tuple(c for c in case.components if c not in st.kept_off)
        sets = (on, tuple(c for c in on if c not in st.settled),
                tuple(c for c in on if c in st.settled))
        who = (forum_of(case, st), consultation.consultees_of(case, st), np.zeros(case.n, bool))
        ask = measured.of(k)
        for comps in sets:
            for present in who:
                got = ask(comps, present)
                assert got is not None and _same(got, episodes.measure(case, st, comps,
                                                                       present)), (k, comps)


def test_a_pair_a_decision_never_has_is_left_to_the_reference():
    """One component of several, none settled: not a set any decision episode is about."""
    case = case_named("elm")
    points = [p for p in decision_points("elm", "skilled", 2)
              if not p.state.settled and not p.state.kept_off]
    bc = batch_case(case)
    bs = pack(bc, [p.state for p in points])
    idx = np.arange(len(points))
    members = forum(bc, bs, idx)
    measured = DecisionMeasures(bc, bs, idx, members, np.zeros(len(points), bool))
    assert measured.of(0)(case.components[:1], members[0]) is None
    assert measured.of(0)(case.components, members[0]) is not None
