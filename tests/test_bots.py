"""Bots sit in the player's chair: they decide from what a player could know, cannot change
the game except by their move, and outside policies plug in through `simulate --policy`
(file or module), with one-line errors when they cannot be loaded or break in play."""

from __future__ import annotations

import copy
import json
import re
from dataclasses import fields, replace
from pathlib import Path

import numpy as np
import pytest
from faultlines.engine import bots
from faultlines.engine.catalogue import shipped_ids
from faultlines.engine.game import Game
from faultlines.engine.moves import MOVE_TYPES
from faultlines.engine.simulate import simulate
from faultlines.engine.table import Table
from faultlines.engine.view import KNOWN_AT, Glance, Radar
from faultlines.game.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = "docs/examples/listener_policy.py:policy"
BUILT_IN = [*bots.POLICIES, *bots.ARCHETYPES]


def test_simulation_is_reproducible():
    a = simulate("elm", "random", 30, 7)
    b = simulate("elm", "random", 30, 7)
    assert a["outcomes"] == b["outcomes"]


def test_repeat_policies_exist_for_every_move():
    for kind in MOVE_TYPES:
        assert bots.policy_named(f"repeat:{kind}")
    with pytest.raises(ValueError):
        bots.policy_named("cheat")


# -- the chair shows only what a player could know -----------------------------------------
def _true_stances(table: Table) -> np.ndarray:
    return np.array([p.estimate for p in table.revealed().people])


def _twin_with_other_truths(case, table: Table) -> tuple[Table, np.ndarray]:
    """The same table in a world where the people the director has not listened to (and
    whose allies and rivals are all unheard too) would lose what they gain and gain what
    they lose: their true stances differ, but the radar's noisy estimates are what they
    were, so nothing a player sees differs. Returns the twin and who was changed."""
    r = table.radar()
    linked = ((r.affinity + r.conflict)[:, r.known] > 0).any(axis=1)
    changed = ~r.known & ~linked
    stakes = case.stakes.copy()
    stakes[changed] *= -1
    stakes.setflags(write=False)
    other = replace(case, stakes=stakes)
    save = table.save()
    truth, twin_truth = _true_stances(table), _true_stances(Table.restore(other, save))
    hidden = np.maximum(0.0, 1.0 - r.revealed / KNOWN_AT)  # how much noise the radar shows
    noise = np.array(save["state"]["noise"]["data"])
    blurred = hidden > 0
    noise[blurred] += (truth - twin_truth)[blurred] / hidden[blurred]
    save["state"]["noise"]["data"] = noise.tolist()
    return Table.restore(other, save), changed


def _looks_the_same(a: bots.Seat, b: bots.Seat) -> bool:
    """Everything on the two seats, and their radars, is equal (NaN equal to NaN)."""
    pairs = [(getattr(a, f.name), getattr(b, f.name)) for f in fields(Glance)]
    pairs += [(getattr(a.radar, f.name), getattr(b.radar, f.name)) for f in fields(Radar)]
    return all(_same(x, y) for x, y in pairs)


def _same(x, y) -> bool:
    if not isinstance(x, np.ndarray):
        return x == y
    if x.dtype.kind == "f":  # equal but for the last bits of rounding
        return np.allclose(x, y, rtol=0, atol=1e-12, equal_nan=True)
    return np.array_equal(x, y)


def _choices_in_other_worlds(case, policy, seed: int) -> tuple[int, int]:
    """Play a game; before each move, ask the policy (its dice in the same state) what it
    would do at the same table where the people it has not heard truly want otherwise.
    Returns (moves asked, moves it would have chosen differently)."""
    table, rng = Table.open(case, seed=seed), np.random.default_rng([seed, 7])
    asked = differed = 0
    while not table.over:
        twin, changed = _twin_with_other_truths(case, table)
        if changed.any():
            assert _looks_the_same(bots.Seat(table), bots.Seat(twin)), "it must not show"
            assert not np.allclose(_true_stances(table), _true_stances(twin))
            asked += 1
            differed += bots.decide(twin, policy, copy.deepcopy(rng)) != \
                bots.decide(table, policy, copy.deepcopy(rng))
        table.choose(bots.decide(table, policy, rng))
    return asked, differed


def _peeking(seat, choices, rng):
    """A cheat: listens first to whoever truly opposes most, read through the table."""
    truth, r = _true_stances(seat._table), seat.radar
    unknown = np.flatnonzero(~r.known)
    if len(unknown):
        move = bots.make("one_to_one", target=seat.ids[unknown[np.argmin(truth[unknown])]])
        if seat.legal(move):
            return move
    return bots.skilled(seat, choices, rng)


@pytest.mark.parametrize("policy", BUILT_IN)
def test_bots_choose_the_same_whatever_the_people_they_have_not_heard_truly_want(elm, policy):
    asked, differed = _choices_in_other_worlds(elm, bots.policy_named(policy), 3)
    assert differed == 0 and asked >= 5, (asked, differed)


def test_the_other_worlds_check_catches_a_policy_that_peeks(elm):
    assert _choices_in_other_worlds(elm, _peeking, 3)[1] > 0


def test_a_policy_cannot_change_the_game_except_by_its_move(elm):
    """It may scribble on the radar it is given (its own copy), but the seat's facts are
    read-only, and the game goes exactly as if it had not."""
    refused = []

    def vandal(seat, choices, rng):
        for f in fields(Radar):
            a = getattr(seat.radar, f.name)
            if a.flags.writeable:
                a[...] = 1
        for name in ("ambition", "evidence", "frame_uses", "future_vetoes"):
            try:
                getattr(seat, name)[...] = 0
            except ValueError:
                refused.append(name)
        with pytest.raises(TypeError):
            seat.stage_uses["one_to_one"] = 99
        return bots.make("end_round")

    def calm(seat, choices, rng):
        return bots.make("end_round")

    a, b = Table.open(elm, seed=4), Table.open(elm, seed=4)
    bots.drive(a, vandal, np.random.default_rng(1))
    bots.drive(b, calm, np.random.default_rng(1))
    assert a.digest() == b.digest() and a.outcome == b.outcome
    assert set(refused) == {"ambition", "evidence", "frame_uses", "future_vetoes"}


def test_the_seat_knows_nothing_of_the_state_or_the_true_stances(elm_game):
    seat = bots.Seat(Table(elm_game))
    public = {k for k in dir(seat) if not k.startswith("_")}
    assert not public & {"state", "case", "game", "stances", "revealed_view", "revealed"}
    assert np.isnan(seat.radar.stakes).all(), "nobody has been listened to yet"


def test_play_out_still_takes_a_game_and_gives_it_back(elm):
    game = Game(elm, seed=2)
    assert bots.play_out(game, bots.skilled, np.random.default_rng(2)) is game
    assert game.over


# -- the example policy in docs/bots.md -------------------------------------------------
@pytest.mark.parametrize("scenario", shipped_ids())
def test_the_documented_example_policy_finishes_and_passes_games(scenario, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert main(["simulate", "--scenario", scenario, "--policy", EXAMPLE, "--runs", "20",
                 "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert sum(result["outcomes"].values()) == 20 and "unfinished" not in result["outcomes"]
    assert result["illegal_choices"] == 0
    assert result["pass_rate"] > 0, result["outcomes"]


def test_docs_show_the_example_that_the_tests_play():
    doc = (ROOT / "docs" / "bots.md").read_text(encoding="utf-8")
    example = (ROOT / "docs" / "examples" / "listener_policy.py").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", doc, flags=re.S)
    assert example in blocks


# -- loading outside policies ----------------------------------------------------------------
ENDS_ROUNDS = "def policy(seat, choices, rng):\n    return next(c for c in choices if c.kind == 'end_round').move()\n"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _simulate_error(args: list[str], capsys) -> tuple[int, str]:
    code = main(["simulate", "--scenario", "tutorial", "--runs", "2", *args])
    err = capsys.readouterr().err
    return code, err


@pytest.mark.parametrize(("name", "text", "spec", "message"), [
    (None, "", "nowhere/missing.py:policy", r"policy file not found: nowhere/missing\.py"),
    ("p.py", ENDS_ROUNDS, "p.py:polcy", r"p\.py has no function 'polcy' \(it defines policy\)"),
    ("p.py", "policy = 3\n", "p.py:policy", r"p\.py: 'policy' is not a function: policy = 3"),
    ("p.py", "x = 1\ndef policy(seat, choices, rng)\n    pass\n", "p.py:policy",
     r"syntax error in p\.py line 2: expected ':'"),
    ("p.py", "import json\nraise RuntimeError('no config')\n", "p.py:policy",
     r"p\.py line 2: RuntimeError: no config"),
    ("p.py", "def policy(seat, rng):\n    pass\n", "p.py:policy",
     r"p\.py:policy must take three arguments \(seat, choices, rng\); it takes \(seat, rng\)"),
    (None, "", "no_such_module_here:policy", r"no module named 'no_such_module_here'"),
    (None, "", "p.py", r"unknown policy 'p\.py'.*name its function too: p\.py:policy"),
])
def test_a_policy_that_cannot_be_loaded_is_one_line_before_any_game(
        tmp_path, monkeypatch, capsys, name, text, spec, message):
    monkeypatch.chdir(tmp_path)
    if name:
        _write(tmp_path, name, text)
    code, err = _simulate_error(["--policy", spec], capsys)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert re.search(message, err), err


def test_a_module_policy_is_imported_from_the_current_folder(tmp_path, monkeypatch, capsys):
    package = tmp_path / "my_strategies"
    package.mkdir()
    _write(package, "__init__.py", "")
    _write(package, "patient.py", ENDS_ROUNDS)
    monkeypatch.chdir(tmp_path)
    assert main(["simulate", "--scenario", "tutorial", "--runs", "3", "--json",
                 "--policy", "my_strategies.patient:policy"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert sum(result["outcomes"].values()) == 3 and result["pass_rate"] == 0


def test_a_policy_that_raises_stops_with_one_line_naming_it_and_the_move(
        tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "fragile.py", "calls = []\n"
                                   "def policy(seat, choices, rng):\n"
                                   "    calls.append(1)\n"
                                   "    if len(calls) == 2:\n"
                                   "        return 1 / 0\n"
                                   "    return next(c for c in choices if c.kind == 'end_round').move()\n")
    code, err = _simulate_error(["--policy", "fragile.py:policy"], capsys)
    assert code == 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert re.fullmatch(r"faultlines simulate: policy fragile\.py:policy at move 2 \(tutorial, "
                        r"seed \d+\) raised ZeroDivisionError: division by zero "
                        r"\(fragile\.py line 5\)\n", err), err


@pytest.mark.parametrize(("returns", "said"), [
    ("'end_round'", "returned 'end_round', not a move"),
    ("choices[-1]", "returned the 'end_round' choice itself, not a move; return choice.move(")])
def test_a_policy_that_returns_no_move_stops_with_one_line(
        tmp_path, monkeypatch, capsys, returns, said):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "wordy.py", f"def policy(seat, choices, rng):\n    return {returns}\n")
    code, err = _simulate_error(["--policy", "wordy.py:policy"], capsys)
    assert code == 1 and err.count("\n") == 1
    assert "policy wordy.py:policy at move 1" in err and said in err


def test_illegal_choices_end_the_round_and_are_counted(tmp_path, monkeypatch, capsys):
    """Calling the decision in the briefing (and whenever it is not allowed) is illegal:
    the round ends instead, the games still finish, and the count says how often."""
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "eager.py", "def policy(seat, choices, rng):\n"
                                 "    return next(c for c in choices if c.kind == 'call_decision').move()\n")
    logs = tmp_path / "logs"
    assert main(["simulate", "--scenario", "elm", "--runs", "4", "--json",
                 "--policy", "eager.py:policy", "--log-dir", str(logs)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert sum(result["outcomes"].values()) == 4 and "unfinished" not in result["outcomes"]
    played = [json.loads(p.read_text()) for p in sorted(logs.glob("elm-eager-policy-*.json"))]
    assert len(played) == 4, "log names come from the file and function, not its folders"
    ended = sum(1 for log in played for m in log["moves"] if m["kind"] == "end_round")
    assert result["illegal_choices"] == ended > 0


def test_two_worker_processes_load_a_file_policy_and_agree_with_one(
        tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "dice.py", "def policy(seat, choices, rng):\n"
                                "    legal = [c for c in choices if c.available and not c.params]\n"
                                "    return legal[rng.integers(len(legal))].move()\n")
    results = []
    for jobs in ("1", "2"):
        assert main(["simulate", "--scenario", "tutorial", "--runs", "16", "--json",
                     "--policy", "dice.py:policy", "--jobs", jobs]) == 0
        results.append(json.loads(capsys.readouterr().out))
    one, two = results
    assert one["outcomes"] == two["outcomes"] and one["illegal_choices"] == two["illegal_choices"]
    assert sum(two["outcomes"].values()) == 16


def test_a_policy_that_raises_in_a_worker_process_is_one_line_too(
        tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "broken.py", "def policy(seat, choices, rng):\n    raise KeyError('gps')\n")
    code, err = _simulate_error(["--policy", "broken.py:policy", "--jobs", "2"], capsys)
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert "policy broken.py:policy at move 1" in err and "raised KeyError: 'gps'" in err


def test_varied_research_style_play_is_the_skilled_bot_with_a_little_variety(elm):
    """The analysis board's yardstick: with no variety it plays exactly as the skilled bot;
    with some, it now and then takes another of the skilled bot's legal candidates, and
    the same dice give the same game."""
    def game(policy, seed=6):
        t = Table.open(elm, seed=seed, explain=False)
        bots.drive(t, policy, np.random.default_rng([seed, 7]))
        return t

    plain, same = game(bots.skilled), game(bots.varied(0.0))
    assert plain.moves == same.moves and plain.digest() == same.digest()
    some = [game(bots.varied(0.3), seed) for seed in range(6, 12)]
    again = game(bots.varied(0.3), 6)
    assert again.digest() == some[0].digest()
    assert any(t.moves != game(bots.skilled, 6 + k).moves for k, t in enumerate(some))
