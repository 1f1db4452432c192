"""The stage machine (engine/flow.py): one transitions Machine per case shared by its
games, forward edges, and the research's back-edges (re-open, hiatus, stall, collapse)."""

from __future__ import annotations

import gc

import numpy as np
from faultlines.engine import flow
from faultlines.engine.context import MoveContext, StanceCache
from faultlines.engine.decision import tally
from faultlines.engine.flow import flow_for
from faultlines.engine.game import Game
from faultlines.engine.moves import make
from faultlines.engine.table import Table
from transitions import Machine

from tests.test_moves import to_stage


def force(game, sid, value):
    """Test helper: push one stakeholder's stance by setting public scrutiny (uncapped)."""
    i = game.case.index[sid]
    game.state.pressure[i] = value
    game._cache.invalidate()


def quiet(game):
    """Test helper: this stage's remaining scenario episodes will not fire."""
    game.state.fired_events += [e.id for e in game.case.scenario.events
                                if e.trigger.stage == game.state.stage]
    game.state.standoff = None


def everyone(game, value):
    game.state.pressure[:] = value
    game._cache.invalidate()


def test_machine_is_a_flat_transitions_machine_built_from_the_stage_list(elm_game):
    m = flow_for(elm_game.case).machine
    assert isinstance(m, Machine) and not m.auto_transitions
    assert list(m.states) == ["briefing", "board", "committee", "consultation", "signoff",
                              "hiatus", "outcome"]


def test_briefing_leads_to_board_after_its_rounds(elm_game):
    g = elm_game
    g.play(make("end_round"))
    assert g.state.stage == "board" and g.state.round == 1


def test_forward_through_every_stage_to_an_outcome(elm_game):
    g = to_stage(elm_game, "signoff")
    everyone(g, 1.0)
    g.play(make("call_decision"))
    assert g.over and g.state.stage == "outcome" and g.state.outcome == "consensus"
    assert g.state.passed == ["board", "committee", "consultation", "signoff"]


def test_failed_board_gets_one_more_round(elm_game):
    g = to_stage(elm_game, "board")
    everyone(g, -1.0)
    g.play(make("call_decision"))
    assert g.state.stage == "board" and g.state.extra_rounds == 1
    assert any(e.kind == "decision" and e.data["result"] == "failed" for e in g.events)


def test_block_by_resource_holder_causes_hiatus_then_stall(elm_game):
    g = to_stage(elm_game, "committee")
    quiet(g)
    everyone(g, 1.0)
    force(g, "mhcp", -2.0)  # holds the mental health budget: can block
    cal = g.state.calendar
    g.play(make("call_decision"))
    d = [e for e in g.events if e.kind == "decision"][-1]
    assert d.data["result"] == "blocked" and d.data["blockers"] == ["mhcp"]
    assert g.state.stage == "hiatus" and g.state.hiatus_count == 1
    assert any(e.kind == "hiatus" for e in g.events)
    assert g.check(make("one_to_one", target="mhcp")).startswith("The work is paused")
    for _ in range(g.case.scenario.rules.hiatus_rounds):  # the months pass, one by one
        g.play(make("end_round"))
    assert g.state.stage == "committee" and g.state.round == 1
    assert g.state.calendar == cal - g.case.scenario.rules.hiatus_rounds
    force(g, "mhcp", -2.0)
    g.play(make("call_decision"))
    assert g.over and g.state.outcome == "stalled"


def test_standoff_causes_hiatus(elm_game):
    g = to_stage(elm_game, "committee")
    g.play(make("end_round"))  # the Catch-22 fires in round 2
    assert g.state.standoff
    everyone(g, 1.0)
    g.play(make("call_decision"))
    assert [e for e in g.events if e.kind == "decision"][-1].data["result"] == "standoff"
    assert g.state.hiatus_count == 1


def test_failed_consultation_reopens_the_committee(elm_game):
    g = to_stage(elm_game, "consultation")
    everyone(g, -0.5)
    g.play(make("call_decision"))
    assert g.state.stage == "committee"
    assert "committee" not in g.state.passed and "board" in g.state.passed
    assert any(e.data.get("reopened") == "committee" for e in g.events)


def test_calendar_running_out_collapses_the_plan(elm_game):
    g = elm_game
    g.state.calendar = 1
    g.play(make("end_round"))
    assert g.over and g.state.outcome == "collapsed"
    assert "calendar" in g.state.outcome_reasons[0]


def test_credibility_running_out_collapses_the_plan(elm_game):
    g = elm_game
    g.state.credibility = 0.05
    g.play(make("challenge", target="teaching"))  # backfires: credibility gone
    g.play(make("end_round"))
    assert g.over and g.state.outcome == "collapsed"
    assert "credibility is gone" in g.state.outcome_reasons[0]


def test_no_moves_after_the_outcome(elm_game):
    g = elm_game
    g.state.calendar = 1
    g.play(make("end_round"))
    assert g.check(make("end_round")) == "The game is over."


def test_scenario_events_fire_once_at_their_stage_and_round(elm_game):
    g = to_stage(elm_game, "committee")
    fired = [e.data["event"] for e in g.events if e.kind == "scenario"]
    assert fired == ["not_same_page", "rehab_deadlock"]
    g.play(make("end_round"))
    assert [e.data["event"] for e in g.events if e.kind == "scenario"][-1] == "catch22"


def test_decisions_are_weighted_by_influence(mini_game):
    g = to_stage(mini_game, "committee")
    force(g, "hospital", 2.0)  # influence 0.8 supports
    force(g, "council", -2.0)  # influence 0.4 opposes, but cannot block
    g.play(make("call_decision"))
    d = [e for e in g.events if e.kind == "decision"][-1]
    assert d.data["result"] == "passed" and abs(d.data["share"] - 0.8 / 1.2) < 1e-9


def test_hiatus_state_is_reachable_in_the_machine(mini_game):
    m = flow_for(mini_game.case).machine
    assert "hiatus" in {t.dest for t in m.get_transitions("decide", source="committee")}
    assert "committee" in {t.dest for t in m.get_transitions("resume", source="hiatus")}


def test_calling_the_decision_early_cannot_skip_the_stage_episodes(elm_game):
    g = to_stage(elm_game, "committee")
    everyone(g, 1.0)
    g.play(make("call_decision"))  # round 1: the Catch-22 was due in round 2
    fired = [e.data["event"] for e in g.events if e.kind == "scenario"]
    assert "catch22" in fired
    assert [e for e in g.events if e.kind == "decision"][-1].data["result"] == "standoff"


def test_a_demand_already_satisfied_is_met_when_it_arrives(elm_game):
    g = elm_game
    g.play(make("offer_role", target="social_enterprise"))  # before the committee
    to_stage(g, "committee")
    assert g.state.demands and g.state.demands[0].met


# -- one machine per case, shared by its games ---------------------------------------------
def test_every_game_of_a_case_shares_one_machine_and_leaves_it_when_gone(elm):
    machine = flow_for(elm).machine
    before = len(machine.models)
    a, b = Game(elm, seed=1), Game(elm, seed=2)
    assert flow_for(a.case) is flow_for(b.case)
    assert a.state in machine.models and b.state in machine.models
    a.play(make("end_round"))
    assert (a.state.stage, b.state.stage) == ("board", "briefing")  # each keeps its own place
    del a, b
    gc.collect()
    assert len(machine.models) == before  # the machine keeps no finished game alive


def context(game: Game) -> MoveContext:
    return game._context(len(game.moves))


def test_may_decide_only_where_a_forum_decides(elm_game):
    g = elm_game
    assert not g.state.may_decide(ctx=context(g))  # the briefing has no vote
    assert g.state.may_month(ctx=context(g))
    g.play(make("end_round"))
    d = tally(g.case, g.state, g.stances(), g.forum())
    assert g.state.stage == "board" and g.state.may_decide(ctx=context(g), decision=d)
    assert not g.state.may_resume(ctx=context(g))  # nothing to resume outside a hiatus


def test_a_hiatus_is_a_state_of_the_machine_where_only_time_passes(elm_game):
    g = to_stage(elm_game, "committee")
    quiet(g)
    everyone(g, 1.0)
    force(g, "mhcp", -2.0)
    g.play(make("call_decision"))
    assert g.state.stage == "hiatus" and g.state.stage_at == "committee"
    t = Table(g)
    legal = [c.kind for c in t.choices() if c.available]
    assert legal == ["end_round"]
    assert "paused" in t.view.moves[0].reason and t.view.stage == "committee"
    assert not g.state.may_decide(ctx=context(g), decision=None)
    assert g.state.may_resume(ctx=context(g))
    for _ in range(g.case.scenario.rules.hiatus_rounds):
        t.choose("end_round")
    assert g.state.stage == "committee" and g.state.last_stage == "committee"
    assert [c.kind for c in t.choices() if c.available] != ["end_round"]


def test_a_copied_state_bound_to_the_machine_plays_on_without_touching_the_original(elm_game):
    g = elm_game
    copy = flow_for(g.case).bind(g.state.copy())
    ctx = MoveContext(case=g.case, state=copy, dice=np.random.default_rng(0), moves=[],
                      stance_cache=StanceCache(g.case))
    flow.end_round(ctx)  # a month passes for the copy only
    assert copy.stage == "board" and copy.calendar == g.state.calendar - 1
    assert copy.fired_events == ["not_same_page"]  # the Board's first episode, for the copy
    assert g.state.stage == "briefing" and g.state.fired_events == []
    assert any(e.kind == "stage" and e.data.get("entered") == "board" for e in ctx.events)
    flow_for(g.case).release(copy)
    assert copy not in flow_for(g.case).machine.models


def test_a_restored_game_is_bound_to_the_machine_and_moves_through_it(elm):
    g = to_stage(Game(elm, seed=4), "board")
    restored = Game.from_save(elm, g.to_save())
    assert restored.state is not g.state and restored.state in flow_for(elm).machine.models
    everyone(restored, 1.0)
    restored.play(make("call_decision"))
    assert restored.state.stage == "committee" and g.state.stage == "board"


def test_a_failed_stage_re_opens_only_once(elm_game):
    """The dispute goes back once; a second failure is another round, so a game can never
    circle between two forums without time passing."""
    g = elm_game
    g.state.stage = "consultation"
    g.state.reopenings = 1
    g.state.credibility = 0.9
    g.state.trust[:] = 0.0
    g.state.grievance[:] = 2.0
    g.play(make("call_decision"))
    assert g.state.stage == "consultation" and g.state.reopenings == 1


def test_re_opening_happens_in_play_when_the_consultation_is_skipped(elm):
    """The back-edge is not only reachable in a test: research-style play that skips the
    consultation in Elm meets it in most games."""
    from faultlines.engine.simulate import game_seed, play_one
    reopened = sum(play_one(elm, "skip-consultation", game_seed(1, k)).table._game.state
                   .reopenings > 0 for k in range(10))
    assert reopened >= 3
