"""Many seeded playthroughs for balancing (engine/simulate.py): reproducible, every game
counted once, and each kept log the very game that was played."""

from __future__ import annotations

import pytest
from faultlines.engine.domain import OUTCOMES
from faultlines.engine.game import replay
from faultlines.engine.simulate import game_seed, simulate


def test_each_game_of_a_run_has_its_own_reproducible_seed():
    seeds = [game_seed(1, i) for i in range(50)]
    assert len(set(seeds)) == 50 and seeds == [game_seed(1, i) for i in range(50)]
    assert game_seed(2, 0) != game_seed(1, 0)


def test_a_run_counts_every_game_once(elm):
    out = simulate(elm, "random", 12, 3)
    assert set(out["outcomes"]) >= set(OUTCOMES) and sum(out["outcomes"].values()) == 12
    passed = sum(out["outcomes"][o] for o in ("consensus", "hollow", "pushed_through"))
    assert out["pass_rate"] == pytest.approx(passed / 12)
    assert simulate(elm, "random", 12, 3)["outcomes"] == out["outcomes"]


def test_kept_logs_replay_to_the_games_played(elm):
    out = simulate(elm, "skilled", 3, 8, keep_logs=True)
    assert len(out["logs"]) == 3
    for log in out["logs"]:
        assert replay(elm, log).history == log["history"]


def test_an_unknown_policy_is_refused_before_any_game(elm):
    with pytest.raises(ValueError):
        simulate(elm, "cheat", 1000, 1)


def test_keeping_anything_but_no_logs_whole_logs_or_moves_is_refused():
    """`keep_logs` is False, True or MOVES_ONLY; a misspelt mode is an error, not a run
    that quietly keeps nothing."""
    with pytest.raises(ValueError, match="keep_logs"):
        simulate("tutorial", "skilled", 1, 1, keep_logs="move")
