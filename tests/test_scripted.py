"""Scenario events (engine/scripted.py): authored episodes fire once, at their stage and
round, change the state through their effects, and a demand the player has already met
arrives met."""

from __future__ import annotations

import numpy as np
from faultlines.engine.moves import make
from faultlines.engine.scripted import fire

from tests.test_moves import to_stage


def ctx(game):
    return game._context(len(game.moves))


def test_an_event_fires_once_at_its_stage_and_round(elm_game):
    g = elm_game
    g.play(make("end_round"))  # the Board opens: "Nobody on the same page"
    fired = [e for e in g.events if e.kind == "scenario"]
    assert [e.data["event"] for e in fired] == ["not_same_page"]
    assert fired[0].text.startswith("Nobody on the same page: ")
    assert fire(ctx(g)) == []  # never twice


def test_an_events_effects_change_the_state(elm_game):
    g = elm_game
    who = [g.case.index[s] for s in ("teaching", "public_health")]
    before = g.state.grievance[who].copy()
    g.play(make("end_round"))
    assert np.allclose(g.state.grievance[who], before + 0.05)


def test_calling_a_decision_early_still_faces_the_rest_of_the_stage(elm_game):
    g = to_stage(elm_game, "committee")
    assert "catch22" not in g.state.fired_events  # due in round 2
    events = fire(ctx(g), rest_of_stage=True)
    assert "catch22" in [e.data["event"] for e in events] and g.state.standoff is not None


def test_a_demand_already_satisfied_arrives_met(elm_game):
    g = elm_game
    g.play(make("offer_role", target="social_enterprise"))  # before the committee asks
    to_stage(g, "committee")
    demand = g.state.demands[0]
    assert demand.event == "rehab_deadlock" and demand.met


def test_a_chance_event_that_does_not_happen_cannot_happen_later(elm):
    from faultlines.engine.game import Game

    fired, skipped = 0, 0
    for seed in range(12):
        g = to_stage(Game(elm, seed=seed), "consultation")  # the deficit: 50% chance
        assert "deficit_reset" in g.state.fired_events  # decided either way, once
        if any(e.kind == "scenario" and e.data["event"] == "deficit_reset" for e in g.events):
            fired += 1
        else:
            skipped += 1
    assert fired and skipped
