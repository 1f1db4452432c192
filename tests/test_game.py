"""Determinism, replay, saves and the stance explanations a game records (the view, stances
and choices have their own test modules)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from faultlines.engine.bots import play_out, policy_named
from faultlines.engine.errors import SaveError
from faultlines.engine.game import Game, replay
from faultlines.engine.logs import read_json, write_json
from faultlines.engine.moves import MOVE_TYPES, make
from hypothesis import given, settings
from hypothesis import strategies as st


def skilled_game(case, seed):
    return play_out(Game(case, seed=seed), policy_named("skilled"), np.random.default_rng(seed))


def test_replaying_the_log_gives_the_identical_final_state(elm):
    for seed in (1, 2, 3):
        g = skilled_game(elm, seed)
        r = replay(elm, g.log())
        assert r.digest() == g.digest()
        assert [e.to_dict() for e in r.events] == [e.to_dict() for e in g.events]


def test_log_records_scenario_version_seed_and_moves(elm):
    g = skilled_game(elm, 4)
    log = json.loads(json.dumps(g.log()))
    assert log["scenario"] == "elm" and log["scenario_version"] == "1.0"
    assert log["seed"] == 4 and log["moves"] and log["outcome"] == g.state.outcome


def test_same_seed_same_game_different_seed_different_game(elm):
    a, b, c = (Game(elm, seed=s) for s in (9, 9, 10))
    for g in (a, b, c):
        for _ in range(3):
            g.play(make("tailored_frame", target="mhcp"))
    assert a.digest() == b.digest() != c.digest()


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(sorted(MOVE_TYPES)), st.integers(0, 12),
                          st.integers(0, 12), st.integers(0, 3), st.booleans()),
                max_size=40),
       st.integers(0, 2**31))
def test_any_legal_sequence_replays_identically(elm, moves, seed):
    g = Game(elm, seed=seed)
    for kind, a, b, c, genuine in moves:
        cls = MOVE_TYPES[kind]
        m = cls(target=elm.ids[a], other=elm.ids[b], component=elm.components[c],
                mode="genuine" if genuine else "announce")
        if g.check(m) is None:
            g.play(m)
        assert -1 <= g.stances().total.min() and g.stances().total.max() <= 1
        assert 0.0 <= g.state.credibility <= 1.0
    assert replay(elm, g.log()).digest() == g.digest()


def test_save_and_load_resume_the_same_game(elm, tmp_path):
    g = Game(elm, seed=21)
    g.play(make("one_to_one", target="teaching"))
    g.play(make("end_round"))
    path = write_json(tmp_path / "slot1.json", g.to_save())
    loaded = Game.from_save(elm, read_json(path, expect="faultlines-save"))
    assert loaded.digest() == g.digest()
    for m in (make("tailored_frame", target="mhcp"), make("end_round")):
        g.play(m)
        loaded.play(m)
    assert loaded.digest() == g.digest()


def test_damaged_or_foreign_saves_are_refused_with_a_reason(elm, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(SaveError, match="bad.json:1:2: not valid JSON"):
        read_json(bad)
    g = Game(elm, seed=1)
    data = g.to_save()
    with pytest.raises(SaveError, match="version"):
        Game.from_save(elm, {**data, "version": 99})
    with pytest.raises(SaveError, match="scenario"):
        Game.from_save(elm, {**data, "scenario": "oak"})
    with pytest.raises(SaveError, match="damaged"):
        Game.from_save(elm, {**data, "state": {"stage": "board"}})


def test_writes_are_atomic(tmp_path, monkeypatch):
    path = tmp_path / "save.json"
    write_json(path, {"format": "x", "n": 1})

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr("faultlines.engine.logs.os.replace", boom)
    with pytest.raises(OSError):
        write_json(path, {"format": "x", "n": 2})
    assert read_json(path)["n"] == 1
    assert [p.name for p in tmp_path.iterdir()] == ["save.json"]


def test_undo_is_replay_without_the_last_move(elm):
    g = Game(elm, seed=8)
    g.play(make("one_to_one", target="gps"))
    snapshot = g.digest()
    g.play(make("challenge", target="teaching"))
    undone = replay(elm, g.log(), upto=len(g.moves) - 1)
    assert undone.digest() == snapshot


def test_every_shift_event_explains_itself(elm):
    g = skilled_game(elm, 6)
    shifts = [e for e in g.events if e.kind == "shift"]
    assert shifts
    for e in shifts:
        delta = e.data["after"] - e.data["before"]
        assert e.data["why"], e
        assert abs(sum(e.data["why"].values())) > 0 or abs(delta) < 0.05


def test_stances_are_fresh_after_a_move_that_changes_stage(elm):
    """Stage entry, events and exposure change the state: the cached stances must follow."""
    from faultlines.engine.stance import compute

    for seed in range(5):
        g = skilled_game(elm, seed)
        fresh = compute(g.case, g.state).total
        assert np.allclose(g.stances().total, fresh)
    g = Game(elm, seed=3)
    for m in (make("one_to_one", target="teaching"), make("end_round"), make("end_round")):
        g.play(m)
        assert np.allclose(g.stances().total, compute(g.case, g.state).total)


def test_unexplained_games_reach_the_same_state(elm):
    """Bulk simulation skips the shift explanations; the game itself must not change."""
    for seed in (1, 2):
        a = play_out(Game(elm, seed=seed), policy_named("skilled"), np.random.default_rng(seed))
        b = play_out(Game(elm, seed=seed, explain=False), policy_named("skilled"),
                     np.random.default_rng(seed))
        assert a.digest() == b.digest() and a.moves == b.moves
        assert not [e for e in b.events if e.kind == "shift"]
        assert replay(elm, b.log()).digest() == a.digest()
