"""Stance as a sum of named contributions (engine/stance.py), so every change of heart can
be explained: compensation offsets a loss but buys little enthusiasm, champions pull their
allies, unmet demands hold support back."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from faultlines.engine.bots import play_out, policy_named
from faultlines.engine.disputes import Demand
from faultlines.engine.game import Game
from faultlines.engine.stance import NAMES, compute
from faultlines.engine.tuning import TUNING


def test_stance_is_the_sum_of_its_named_contributions(elm):
    g = play_out(Game(elm, seed=5), policy_named("skilled"), np.random.default_rng(5))
    s = g.stances()
    total = sum(s.parts.values())
    unclipped = np.abs(total) < 1
    assert np.allclose(s.total[unclipped], total[unclipped])
    assert [k for k, _ in s.explain(0)][0] in s.parts


def test_explain_puts_the_largest_contribution_first(elm_game):
    s = elm_game.stances()
    for i in range(elm_game.case.n):
        sizes = [abs(v) for _, v in s.explain(i)]
        assert sizes == sorted(sizes, reverse=True) and len(sizes) == len(NAMES)


def test_compensation_offsets_a_loss_but_buys_only_a_little_goodwill(elm_game):
    case, st = elm_game.case, elm_game.state
    i = case.index["teaching"]  # loses from the plan
    loss = -compute(case, st).part("stake")[i]
    assert loss > 0
    st.compensation[i] = loss / 2
    assert compute(case, st).part("compensation")[i] == pytest.approx(loss / 2)
    st.compensation[i] = 5.0
    assert compute(case, st).part("compensation")[i] == pytest.approx(loss + TUNING.stance.compensation_goodwill)


def test_a_champion_pulls_their_allies_harder_than_a_supporter_does(elm_game):
    case, st = elm_game.case, elm_game.state
    vcs, patients = case.index["vcs"], case.index["patients"]  # allies; vcs supports
    before = compute(case, st).part("allies")[patients]
    st.champion[vcs] = True
    assert compute(case, st).part("allies")[patients] > before > 0


def test_an_unmet_demand_holds_back_each_demander_until_it_is_met(elm_game):
    case, st = elm_game.case, elm_game.state
    i = case.index["asc_city"]
    base = compute(case, st).total[i]
    st.demands = [Demand(event="rehab_deadlock", by=("asc_city",), requires="offer_role",
                         beneficiary="social_enterprise", amount=0.4)]
    held = compute(case, st)
    assert held.part("demand")[i] == -0.4 and held.part("demand").sum() == -0.4
    assert held.total[i] < base
    st.demands = [replace(st.demands[0], met=True)]
    assert compute(case, st).total[i] == pytest.approx(base)


def test_stances_stay_within_strong_opposition_and_championing(elm_game):
    case, st = elm_game.case, elm_game.state
    st.pressure[:] = 5.0
    assert compute(case, st).total.max() == 1.0
    st.pressure[:] = -5.0
    assert compute(case, st).total.min() == -1.0
