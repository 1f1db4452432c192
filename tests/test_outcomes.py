"""The five outcomes, each decided from state and explained."""

from __future__ import annotations

from faultlines.engine.decision import Decision
from faultlines.engine.domain import OUTCOMES
from faultlines.engine.game import Game
from faultlines.engine.moves import make
from faultlines.engine.outcomes import classify_pass

from tests.test_flow import everyone
from tests.test_moves import to_stage


def decision(share=0.9, opposition=0.0):
    return Decision(stage="signoff", result="passed", share=share, opposition=opposition,
                    needed=0.6)


def test_consensus_when_support_ambition_and_legitimacy_hold(elm_game):
    out, why = classify_pass(elm_game.case, elm_game.state, decision())
    assert out == "consensus" and "support" in why[0]


def test_hollow_when_ambition_was_traded_away(elm_game):
    elm_game.state.ambition[:] = 0.5
    out, why = classify_pass(elm_game.case, elm_game.state, decision())
    assert out == "hollow" and "50%" in why[0]


def test_pushed_through_when_legitimacy_is_damaged(elm_game):
    st = elm_game.state
    st.credibility = 0.2
    assert classify_pass(elm_game.case, st, decision())[0] == "pushed_through"
    st.credibility = 0.8
    st.exposed = True
    out, why = classify_pass(elm_game.case, st, decision())
    assert out == "pushed_through" and "foregone" in why[0]
    st.exposed = False
    assert classify_pass(elm_game.case, st, decision(opposition=0.4))[0] == "pushed_through"


def test_outcomes_end_the_game_with_scenario_text(elm):
    g = to_stage(Game(elm, seed=1), "signoff")
    everyone(g, 1.0)
    g.play(make("call_decision"))
    assert g.state.outcome in OUTCOMES
    assert elm.scenario.outcomes[g.state.outcome].text
    assert [e for e in g.events if e.kind == "outcome"][-1].data["outcome"] == "consensus"
