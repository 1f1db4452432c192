"""The game's facts (engine/state.py): a fresh game per difficulty, the one record of the
stage, and the JSON form saves carry, which must bring back the same facts and share none
of them with the live game."""

from __future__ import annotations

import json

import numpy as np
import pytest
from faultlines.engine.disputes import Demand, Standoff
from faultlines.engine.moves import make
from faultlines.engine.state import DIFFICULTIES, GameState, initial_state

from tests.test_flow import everyone, force, quiet
from tests.test_moves import to_stage


def test_difficulty_sets_capacity_noise_and_what_is_known_at_the_start(elm):
    base = elm.scenario.player.capacity
    states = {d: initial_state(elm, np.random.default_rng(1), d) for d in DIFFICULTIES}
    assert [states[d].capacity for d in ("guided", "standard", "hard")] == \
        [base + 1, base, base - 1]
    assert states["guided"].revealed.min() > 0 and states["hard"].revealed.max() == 0
    spread = [float(np.abs(states[d].noise).mean()) for d in ("guided", "standard", "hard")]
    assert spread == sorted(spread)  # a harder game reads the room less accurately
    with pytest.raises(ValueError, match="guided, standard, hard"):
        initial_state(elm, np.random.default_rng(1), "nightmare")


def test_the_same_seed_draws_the_same_misreadings(elm):
    a = initial_state(elm, np.random.default_rng(4), "standard")
    b = initial_state(elm, np.random.default_rng(4), "standard")
    c = initial_state(elm, np.random.default_rng(5), "standard")
    assert np.array_equal(a.noise, b.noise) and not np.array_equal(a.noise, c.noise)


def test_a_new_game_starts_at_the_briefing_with_the_scenarios_resources(elm):
    st = initial_state(elm, np.random.default_rng(0), "standard")
    ind = elm.scenario.player.inducements
    assert (st.stage, st.stage_at, st.round) == ("briefing", "briefing", 1)
    assert (st.roles, st.funds, st.external) == (ind.roles, ind.funds, ind.external)
    assert st.calendar == elm.scenario.player.calendar and st.outcome is None


def test_the_json_form_brings_back_every_fact_including_typed_disputes(elm_game):
    g = to_stage(elm_game, "committee")
    g.play(make("end_round"))  # the Catch-22 stand-off arrives
    st = g.state
    assert isinstance(st.standoff, Standoff) and isinstance(st.demands[0], Demand)
    data = json.loads(json.dumps(st.to_dict()))  # as a save file holds it
    back = GameState.from_dict(data)
    assert back.to_dict() == st.to_dict()
    assert back.standoff == st.standoff and back.demands == st.demands
    assert back.trust.dtype == st.trust.dtype and back.champion.dtype == bool


def test_an_unknown_field_in_a_save_is_refused(elm_game):
    data = elm_game.state.to_dict()
    data["mood"] = "sunny"
    with pytest.raises(ValueError, match="unknown state field 'mood'"):
        GameState.from_dict(data)


def test_a_copy_or_a_save_shares_nothing_with_the_live_state(elm_game):
    g = to_stage(elm_game, "board")
    st = g.state
    twin = st.copy()
    twin.trust[0] = 0.0
    twin.stage_uses["town_hall"] = 1
    twin.passed.append("board")
    twin.fired_events.append("elsewhere")
    twin.outcome_reasons.append("a reason")
    assert st.trust[0] != 0.0 and "town_hall" not in st.stage_uses
    assert st.passed == [] and "elsewhere" not in st.fired_events and st.outcome_reasons == []
    saved = st.to_dict()
    g.play(make("town_hall"))
    assert saved["stage_uses"] == {} and st.stage_uses == {"town_hall": 1}


def test_a_copy_is_the_same_state(elm_game):
    """A copy (cheap: frozen records are shared) reads exactly as the state it copies, at
    every point of a game that gathered episodes, demands and asks."""
    from faultlines.engine.bots import play_out, skilled
    from faultlines.engine.table import Table

    t = Table(elm_game)
    while not t.over:
        play_out(t, skilled, np.random.default_rng(1), max_moves=1)
        st = elm_game.state
        assert st.copy().to_dict() == st.to_dict()
    assert elm_game.state.episodes and elm_game.state.demands


def test_two_games_restored_from_one_save_share_nothing(elm_game):
    st = to_stage(elm_game, "board").state
    data = st.to_dict()
    a, b = GameState.from_dict(data), GameState.from_dict(data)
    a.passed.append("board")
    a.stage_uses["town_hall"] = 2
    assert b.passed == [] and b.stage_uses == {} and data["passed"] == []


def test_stage_at_says_where_play_stopped_in_a_hiatus_and_after_the_end(elm_game):
    g = to_stage(elm_game, "committee")
    quiet(g)
    everyone(g, 1.0)
    force(g, "mhcp", -2.0)
    g.play(make("call_decision"))
    assert (g.state.stage, g.state.stage_at) == ("hiatus", "committee")
    g.state.calendar = 1
    g.play(make("end_round"))
    assert (g.state.stage, g.state.stage_at, g.state.outcome) == \
        ("outcome", "committee", "collapsed")
