"""How a forum decides (engine/decision.py): support weighted by influence, the undecided
counting as not for, a coalition of marginal groups weighing more, holders of what the plan
needs able to block, and a stand-off stopping everything."""

from __future__ import annotations

import numpy as np
import pytest
from faultlines.engine.decision import tally
from faultlines.engine.disputes import Standoff
from faultlines.engine.stance import NAMES, Stances

from tests.test_moves import to_stage


def stances(case, **by_id: float) -> Stances:
    """Everyone undecided (0.0) except the stances given."""
    total = np.zeros(case.n)
    for sid, v in by_id.items():
        total[case.index[sid]] = v
    return Stances(total=total, matrix=np.zeros((len(NAMES), case.n)))


@pytest.fixture
def committee(elm_game):
    return to_stage(elm_game, "committee")


def forum(g):
    return g.case.forums[g.state.stage]


def test_support_is_weighted_by_influence_and_the_undecided_count_as_not_for(committee):
    g = committee
    d = tally(g.case, g.state, stances(g.case, teaching=0.5, commissioners=0.5), forum(g))
    infl = dict(zip(g.case.ids, g.case.influence, strict=True))
    members = [sid for sid, on in zip(g.case.ids, forum(g), strict=True) if on]
    assert d.share == pytest.approx((infl["teaching"] + infl["commissioners"])
                                    / sum(infl[m] for m in members))
    assert d.support == ["teaching", "commissioners"] and "general" in d.abstain
    assert d.result == "failed" and d.needed == g.case.stage("committee").threshold


def test_a_coalition_of_marginal_groups_weighs_more_together(committee):
    g = committee
    s = stances(g.case, asc_city=0.5, police=0.5)
    alone = tally(g.case, g.state, s, forum(g)).share
    g.state.coalition[[g.case.index["asc_city"], g.case.index["police"]]] = True
    together = tally(g.case, g.state, s, forum(g))
    assert together.share > alone and together.inclusive
    assert together.support == ["asc_city", "police"]


def test_only_a_holder_of_what_the_plan_needs_can_block(committee):
    g = committee
    everyone_for = {sid: 0.6 for sid in g.case.ids}
    blocked = tally(g.case, g.state, stances(g.case, **{**everyone_for, "mhcp": -0.5}),
                    forum(g))
    assert blocked.result == "blocked" and blocked.blockers == ["mhcp"]
    opposed = tally(g.case, g.state, stances(g.case, **{**everyone_for, "teaching": -0.9}),
                    forum(g))
    assert opposed.blockers == [] and opposed.oppose == ["teaching"]  # opposes, cannot block


def test_an_unresolved_standoff_stops_the_vote_at_its_stage(committee):
    g = committee
    g.state.standoff = Standoff(event="catch22", members=("teaching", "mhcp"),
                                component="crisis", stage="committee")
    s = stances(g.case, **{sid: 0.9 for sid in g.case.ids})
    assert tally(g.case, g.state, s, forum(g)).result == "standoff"
    g.state.standoff = g.state.standoff.broken()
    assert tally(g.case, g.state, s, forum(g)).result == "passed"
