"""The game's dice: counter-based draws that both engines make bit for bit alike, that look
random, and that older logs and saves do without (they keep their own generator)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from faultlines.engine.bots import drive, skilled
from faultlines.engine.case import load_case
from faultlines.engine.debrief.logfile import case_for
from faultlines.engine.draws import (
    COUNTER,
    LEGACY,
    SETUP_MOVE,
    CounterDice,
    normal_array,
    normal_from,
    uniform,
    uniform_array,
    uniform_bits,
)
from faultlines.engine.game import Game, replay
from faultlines.engine.moves import move_from_dict
from faultlines.engine.records import LOG_VERSION, SAVE_VERSION, read_log, read_save
from faultlines.engine.simulate import play_one
from faultlines.engine.table import Table
from faultlines.game import cli

OLDER = Path(__file__).parent / "fixtures" / "older_engine"


def test_one_game_and_many_games_at_once_draw_the_same_bits():
    rng = np.random.default_rng(3)
    keys = rng.integers(0, 2**63, 500).tolist() + [0, 1, 2**64 - 1, -5]
    moves = rng.integers(-1, 400, len(keys)).tolist()
    slots = rng.integers(0, 60, len(keys)).tolist()
    one = [uniform(k, m, s) for k, m, s in zip(keys, moves, slots, strict=True)]
    keys_u = np.array([k % 2**64 for k in keys], dtype=np.uint64)
    many = uniform_array(keys_u, np.array(moves), np.array(slots))
    assert many.tolist() == one  # equal floats, not merely close
    assert uniform_array(7, np.arange(-1, 3)[:, None], np.arange(4)).tolist() == \
        [[uniform(7, m, s) for s in range(4)] for m in range(-1, 3)]


def test_draws_look_uniform_and_independent_across_moves_and_slots():
    u = uniform_array(12345, np.arange(2000)[:, None], np.arange(50)).ravel()
    assert 0.0 <= u.min() and u.max() < 1.0
    counts = np.histogram(u, bins=20, range=(0, 1))[0]
    expected = len(u) / 20
    chi2 = ((counts - expected) ** 2 / expected).sum()
    assert chi2 < 45  # 19 degrees of freedom: p < 0.001 above ~43.8
    grid = u.reshape(2000, 50)
    assert abs(np.corrcoef(grid[:, 0], grid[:, 1])[0, 1]) < 0.08
    assert abs(np.corrcoef(grid[:-1, 0], grid[1:, 0])[0, 1]) < 0.08
    assert len({uniform_bits(k, 0, 0) for k in range(5000)}) == 5000


def test_normal_draws_have_the_right_spread():
    d = CounterDice(99, -1)
    x = d.normal(0.0, 1.0, 20000)
    assert abs(x.mean()) < 0.03 and abs(x.std() - 1.0) < 0.03
    assert d.slot == 40000  # two uniforms per normal, in order
    assert normal_from(0.5, 0.0) == pytest.approx(np.sqrt(2 * np.log(2)))


def test_normals_drawn_as_arrays_have_the_reference_bits():
    """A batch of new games draws its estimate noise as arrays; a bit's difference would
    give a game another radar than the reference engine gives it."""
    u = uniform_array(np.arange(4000)[:, None], SETUP_MOVE, np.arange(26))
    u1, u2 = u[:, 0::2], u[:, 1::2]
    got = normal_array(u1, u2)
    want = [normal_from(a, b) for a, b in zip(u1.ravel().tolist(), u2.ravel().tolist(), strict=True)]
    assert got.shape == u1.shape
    assert got.ravel().tobytes() == np.array(want).tobytes()
    edges = np.array([0.0, 1e-300, 0.5, 0.25, 1.0 - 2.0**-53])
    assert normal_array(edges, edges[::-1]).tobytes() == np.array(
        [normal_from(a, b) for a, b in zip(edges, edges[::-1], strict=True)]).tobytes()


def test_a_move_draws_by_its_own_name_whatever_came_before():
    a, b = CounterDice(5, 12), CounterDice(5, 12)
    b.random(7)  # another history of draws in the same move does not change the names
    assert CounterDice(5, 12).random(3).tolist() == a.random(3).tolist()
    assert b.random() == uniform(5, 12, 7)


@pytest.fixture(scope="module")
def elm():
    return load_case("elm")


def test_new_games_use_counter_dice_and_say_so_in_logs_and_saves(elm):
    p = play_one(elm, "skilled", 4)
    log, save = p.table.log(), p.table.save()
    assert log["dice"] == COUNTER and log["version"] == LOG_VERSION
    assert save["dice"]["kind"] == COUNTER and save["dice"]["key"] == 4
    assert save["dice"]["drawn"] > 0 and "rng" not in save
    again = replay(elm, log)
    assert again.digest() == p.table.digest()
    restored = Table.restore(elm, save)
    assert restored.digest() == p.table.digest()


def test_a_rollout_key_gives_other_luck_from_the_same_position(elm):
    t = Table.open(elm, seed=8)
    save = t.save()
    games = []
    for key in (8, 9):
        g = Game.from_save(elm, {**save, "dice": {**save["dice"], "key": key}})
        for _ in range(12):  # months turn: stakeholders act on their own dice
            if not g.over:
                g.play(move_from_dict({"kind": "end_round"}))
        games.append(g)
    assert games[0].digest() != games[1].digest()
    same = Game.from_save(elm, {**save, "dice": {**save["dice"], "key": 8}})
    for _ in range(12):
        if not same.over:
            same.play(move_from_dict({"kind": "end_round"}))
    assert same.digest() == games[0].digest()


def test_an_older_log_replays_exactly_as_it_was_played(elm):
    """Its dice are the old stream, so what chance decided (who acted on their own, and
    how) comes out as logged; the rules may have changed since, so the digest need not."""
    log = read_log(OLDER / "elm_log_v2.json")
    assert log["dice"] == LEGACY
    game = replay(case_for(log), log)  # on the scenario as it was then (the log's copy)

    def chance(events):
        return [(e["move"], e["text"]) for e in events if e["kind"] == "action"]

    assert chance(log["events"]) and chance(e.to_dict() for e in game.events) == \
        chance(log["events"])
    assert game.state.outcome == log["outcome"]
    new_dice = Game(case_for(log), seed=log["seed"])  # the same seed draws otherwise now
    assert not np.array_equal(new_dice.state.noise, game.state.noise)


def test_an_older_save_continues_with_its_own_generator():
    """An older save keeps PCG64's position: it plays on with those dice, the same way
    every time it is opened, and goes on saving in its own kind."""
    willow = load_case("willow")
    save = read_save(OLDER / "willow_save_v3.json")
    assert save["version"] == SAVE_VERSION and save["dice"] == {"kind": LEGACY}
    finished = []
    for _ in range(2):
        table = Table.restore(willow, save)
        drive(table, skilled, np.random.default_rng(0))
        assert table.over and table.save()["dice"] == {"kind": LEGACY}
        assert "rng" in table.save()
        finished.append(table.digest())
    assert finished[0] == finished[1]
    fresh = Table.restore(willow, {**save, "dice": {"kind": COUNTER, "key": 5}, "rng": None})
    drive(fresh, skilled, np.random.default_rng(0))
    assert fresh.digest() != finished[0]  # the generator's position is what carried it on


def test_the_debrief_says_in_one_line_that_a_log_is_from_an_older_engine(tmp_path, capsys,
                                                                         monkeypatch):
    monkeypatch.setenv("FAULTLINES_HOME", str(tmp_path))
    assert cli.main(["debrief", str(OLDER / "elm_log_v2.json")]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    older = [line for line in err if "made by" in line]
    assert len(older) == 1 and "replayed with those dice" in older[0]
