"""The window's Session through the engine's doorway: a new game, a saved one loaded, undo in
practice mode, the autosave after every move, the game log for a facilitator, and a game
killed mid-play that resumes exactly where it was."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from faultlines.engine.errors import IllegalMove
from faultlines.engine.table import Table
from faultlines.game.saves import AUTOSAVE, SaveStore
from faultlines.game.session import BranchOrigin, LogPlace, Session

MOVES = [{"kind": "one_to_one", "target": "teaching"}, {"kind": "town_hall"},
         {"kind": "end_round"}, {"kind": "tailored_frame", "target": "teaching"}]


def play(s: Session, moves: list[dict]) -> None:
    for m in moves:
        s.play(m["kind"], **{k: v for k, v in m.items() if k != "kind"})


def test_a_new_session_opens_the_table_and_autosaves(tmp_path, elm):
    store = SaveStore(tmp_path)
    s = Session.new("elm", seed=3, difficulty="guided", store=store)
    fresh = Table.open(elm, seed=3, difficulty="guided")
    assert s.table.digest() == fresh.digest() and s.view.stage == "briefing"
    assert (s.table.seed, s.table.difficulty, s.practice) == (3, "guided", False)
    assert store.info(AUTOSAVE).exists  # a game killed before its first move still resumes
    assert Session.load(store, AUTOSAVE).table.digest() == fresh.digest()


def test_every_move_is_autosaved_and_an_illegal_one_changes_nothing(tmp_path):
    store = SaveStore(tmp_path)
    s = Session.new("elm", seed=8, difficulty="standard", store=store)
    for m in MOVES:
        play(s, [m])
        assert Session.load(store, AUTOSAVE).table.digest() == s.table.digest()
    digest, changes = s.table.digest(), s.changes
    with pytest.raises(IllegalMove, match="Board has not yet endorsed"):
        s.play("air_cover")
    assert s.table.digest() == digest and s.changes == changes


def test_a_slot_loads_the_same_game_with_its_mode_and_origin(tmp_path, elm):
    store = SaveStore(tmp_path)
    parent = {"scenario": "elm", "seed": 8, "moves": MOVES}
    origin = BranchOrigin(log=parent, at=2)
    table = Table.replayed(elm, parent, 2, practice=True)  # a branch at move 2
    s = Session(table, scenario_ref="elm", store=store, origin=origin)
    s.save(2)
    loaded = Session.load(store, 2)
    assert loaded.table.digest() == table.digest() and list(loaded.table.moves) == MOVES[:2]
    assert loaded.practice and loaded.origin == origin and loaded.scenario_ref == "elm"


def test_undo_takes_back_a_move_only_in_practice_mode(tmp_path):
    store = SaveStore(tmp_path)
    s = Session.new("elm", seed=8, difficulty="guided", practice=True, store=store)
    assert "no move" in (s.can_undo() or "")
    before = s.table.digest()
    play(s, MOVES[:1])
    assert s.can_undo() is None
    s.undo()
    assert s.table.digest() == before and s.table.moves == ()
    assert Session.load(store, AUTOSAVE).table.digest() == before  # the undo is autosaved
    serious = Session.new("elm", seed=8, difficulty="guided", store=store)
    play(serious, MOVES[:1])
    assert "practice" in (serious.can_undo() or "")
    with pytest.raises(IllegalMove, match="practice"):
        serious.undo()
    assert len(serious.table.moves) == 1


def test_the_log_is_written_once_and_an_abandoned_one_is_replaced(tmp_path):
    place = LogPlace(str(tmp_path / "logs"), "Ada")
    s = Session.new("elm", seed=8, difficulty="standard", log_place=place)
    assert s.keep_log() is None  # no move made: nothing worth logging
    play(s, MOVES[:2])
    first = s.keep_log()
    assert first is not None and "abandoned" in first.name and s.keep_log() == first
    log = json.loads(first.read_text(encoding="utf-8"))
    assert log["abandoned"] is True and log["player"] == "Ada" and log["moves"] == MOVES[:2]
    for _ in range(60):  # play on to the end: the finished log replaces the abandoned one
        if s.over:
            break
        s.play("end_round")
    assert s.over and s.log_path is not None and s.log_path != first
    assert not first.exists() and [p.name for p in (tmp_path / "logs").iterdir()] == \
        [s.log_path.name]
    log = json.loads(s.log_path.read_text(encoding="utf-8"))
    assert log["abandoned"] is False and log["outcome"] == s.table.outcome
    assert log["moves"] == list(s.table.moves)


KILLED = textwrap.dedent("""
    import json, os, sys
    from pathlib import Path
    from faultlines.game.saves import SaveStore
    from faultlines.game.session import Session

    s = Session.new("elm", seed=8, difficulty="standard", store=SaveStore(Path(sys.argv[1])))
    for m in json.loads(sys.argv[2]):
        s.play(m.pop("kind"), **m)
    print(s.table.digest(), flush=True)
    os._exit(9)  # as abrupt as a kill: no finally, no atexit, nothing left to flush
""")


def test_a_game_killed_mid_play_resumes_with_the_same_digest(tmp_path, elm):
    done = subprocess.run([sys.executable, "-c", KILLED, str(tmp_path), json.dumps(MOVES[:3])],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 9, done.stderr
    resumed = Session.load(SaveStore(tmp_path), AUTOSAVE)
    assert resumed.table.digest() == done.stdout.strip()
    play(resumed, MOVES[3:])
    straight = Table.open(elm, seed=8)
    for m in MOVES:
        straight.choose(m["kind"], **{k: v for k, v in m.items() if k != "kind"})
    assert resumed.table.digest() == straight.digest()  # same seed + moves, same game
