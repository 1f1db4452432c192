"""One rule for every file the game reads: damaged saves, settings files and game logs, made
from good ones by mutation (hypothesis, fixed seeds, CI-sized; the big run is
bench/fuzz_files.py), are used or refused in one line naming the file - never a traceback,
never a save offered as Continue that then fails - and one named test for each failure the
fuzz runs found."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from faultlines.engine.debrief import load_log
from faultlines.engine.errors import SaveError
from faultlines.engine.logs import clean_stale_temps, temp_name
from faultlines.game.cli import main
from faultlines.game.saves import SaveStore, tidy_folders
from faultlines.game.session import Session
from faultlines.game.settings import Settings, load_settings, read_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.fuzz_files import check, good_files
from bench.mutate import damaged

FIXED = settings(derandomize=True, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow,
                                        HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    folder = tmp_path_factory.mktemp("good")
    files = good_files(folder)
    log = folder / "good-log.json"
    log.write_text(json.dumps(files["log"]))
    return {**files, "log_path": log}


@settings(FIXED, max_examples=60)
@given(seed=st.integers(0, 2**32))
def test_damaged_saves_are_restored_or_refused_and_never_offered_broken(good, tmp_path, seed):
    result = check("save", damaged(good["save"], seed), tmp_path / str(seed), good["log_path"])
    assert result.clean, result.how


@settings(FIXED, max_examples=80)
@given(seed=st.integers(0, 2**32))
def test_damaged_settings_fall_back_to_defaults_and_say_so_once(good, tmp_path, seed):
    folder = tmp_path / str(seed)
    folder.mkdir()
    result = check("settings", damaged(good["settings"], seed), folder, good["log_path"])
    assert result.clean, result.how


@settings(FIXED, max_examples=12)
@given(seed=st.integers(0, 2**32))
def test_damaged_logs_are_used_or_refused_in_one_line_everywhere(good, tmp_path, seed):
    folder = tmp_path / str(seed)
    folder.mkdir()
    result = check("log", damaged(good["log"], seed), folder, good["log_path"], html=False)
    assert result.clean, result.how


# -- saves: what the fuzz runs found ------------------------------------------------------------
def _slot(tmp_path: Path, good: dict, change) -> SaveStore:
    data = json.loads(json.dumps(good["save"]))
    change(data)
    store = SaveStore(tmp_path / "saves")
    store.path(1).parent.mkdir(parents=True, exist_ok=True)
    store.path(1).write_text(json.dumps(data))
    return store


def _set(path: str, value):
    def change(data):
        *parents, last = path.split(".")
        for p in parents:
            data = data[p]
        data[last] = value
    return change


DAMAGE = {
    "meta is a list": ("meta", ["x"]), "meta is text": ("meta", "x"),
    "state is a list": ("state", []), "state is text": ("state", "board"),
    "state is null": ("state", None),
    "an array of the wrong length": ("state.trust", {"dtype": "float64", "data": [0.5]}),
    "an array of text": ("state.grievance", {"dtype": "<U3", "data": ["a"] * 13}),
    "a huge array type": ("state.vision", {"dtype": "S1000000000", "data": [0] * 13}),
    "an unknown stage": ("state.stage", "ASHWORTH"),
    "credibility as text": ("state.credibility", "0.5"),
    "calendar as text": ("state.calendar", "9"),
    "credibility out of range": ("state.credibility", 7.0),
    "a negative calendar": ("state.calendar", -1),
    "demands of the wrong type": ("state.demands", {"a": 1}),
    "a demand by nobody": ("state.demands", [{"event": "e", "by": ["nobody"],
                                              "requires": "offer_role", "beneficiary": None,
                                              "amount": 0.1}]),
    "stage uses of the wrong type": ("state.stage_uses", ["end_round"]),
    "a move naming nobody": ("moves", [{"kind": "one_to_one", "target": "nobody"}]),
    "a title that is a list": ("meta.title", ["x"]),
    "practice as text": ("meta.practice", "yes"),
}


@pytest.mark.parametrize("what", sorted(DAMAGE))
def test_a_damaged_save_is_never_offered_and_is_refused_in_one_line(good, tmp_path, what):
    store = _slot(tmp_path, good, _set(*DAMAGE[what]))
    info = store.info(1)
    assert info.exists and info.error and "\n" not in info.summary()
    with pytest.raises(SaveError) as err:
        Session.load(store, 1)
    assert "slot1.json" in str(err.value) and "\n" not in str(err.value)


def test_a_save_nested_deep_inside_an_event_is_refused_not_a_recursion_error(good, tmp_path):
    """Found by bench/fuzz_files.py (seed 3000174): a 900-deep list in an event's data read
    fine and then overflowed the autosave's copy of the events."""
    deep: object = 0
    for _ in range(900):
        deep = [deep]
    store = _slot(tmp_path, good, lambda d: d["events"][0]["data"].update(x=deep))
    assert "nested" in store.info(1).error


def test_a_good_save_is_described_from_the_restored_game(good, tmp_path):
    store = _slot(tmp_path, good, lambda d: None)
    info = store.info(1)
    assert info.error is None and info.calendar >= 0 and info.round >= 1
    assert Session.load(store, 1).table.digest() == Session.load(store, 1).table.digest()


# -- settings -------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, said", [
    ('{"format": "faultlines-settings", "text_size": "big"}', "text_size"),
    ('{"text_size": 99, "sound": 1}', "text_size, sound"),
    ("[" * 100_000 + "]" * 100_000, "too large"),
    ("[" * 1000 + "]" * 1000, "nested"),
    ('{"format": "something-else"}', "not a Fault Lines settings file"),
    ("", "not valid JSON"),
])
def test_a_damaged_settings_file_falls_back_and_says_so_in_one_line(tmp_path, capsys, text,
                                                                    said):
    path = tmp_path / "settings.json"
    path.write_text(text)
    s = load_settings(path)
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and str(path) in err[0] and said in err[0]
    assert 0 <= s.text_size <= 2 and isinstance(s.sound, bool)


def test_an_older_or_newer_settings_file_is_used_silently(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text('{"format": "faultlines-settings", "text_size": 2, "future": "x"}')
    s, problem = read_settings(path)
    assert problem is None and s.text_size == 2 and s.sound == Settings().sound


# -- logs ------------------------------------------------------------------------------------------
def test_a_log_whose_final_passed_is_a_number_is_skipped_by_class_report(good, tmp_path, capsys):
    log = json.loads(json.dumps(good["log"]))
    log["final"]["passed"] = 3
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(log))
    assert main(["debrief", str(bad)]) == 1
    assert main(["class-report", str(bad), str(good["log_path"]), "--csv",
                 str(tmp_path / "c.csv")]) == 0
    err = capsys.readouterr().err
    assert "skipped" in err and "final.passed" in err
    assert len((tmp_path / "c.csv").read_text().splitlines()) == 2


@pytest.mark.parametrize("where, value", [
    ("before", "x"), ("why", []), ("target", ["teaching"])])
def test_a_damaged_event_is_refused_by_debrief_replay_and_class_report_alike(
        good, tmp_path, capsys, where, value):
    from faultlines.game.logged_game import LoggedGame

    log = json.loads(json.dumps(good["log"]))
    shift = next(e for e in log["events"] if e["kind"] == "shift")
    shift["data"][where] = value
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(log))
    assert main(["debrief", str(bad)]) == 1
    with pytest.raises(SaveError, match="shift event"):
        LoggedGame.from_file(bad)
    assert main(["class-report", str(bad), str(good["log_path"]), "--csv",
                 str(tmp_path / "c.csv")]) == 0
    assert "skipped" in capsys.readouterr().err


def test_a_stakeholders_action_with_text_for_a_number_is_refused(good, tmp_path):
    """Found by bench/fuzz_files.py: the debrief summed an action's effects and raised."""
    log = json.loads(json.dumps(good["log"]))
    action = next(e for e in log["events"] if e["kind"] == "action")
    action["data"]["effects"] = {"support": {"teaching": "a lot"}}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(log))
    with pytest.raises(SaveError, match="action event, effects.support"):
        load_log(bad)


def test_a_log_that_ended_at_minus_one_month_reports_months_within_the_game(good, tmp_path):
    """Logs from 0.2.0 could end with the calendar at -1 ("13 of 12 months used")."""
    log = json.loads(json.dumps(good["log"]))
    log["history"][-1]["calendar"] = -1
    log["final"]["calendar"] = -1
    old = tmp_path / "old.json"
    old.write_text(json.dumps(log))
    assert main(["class-report", str(old), "--csv", str(tmp_path / "c.csv")]) == 0
    import csv

    row = next(csv.DictReader((tmp_path / "c.csv").open()))
    assert 0 <= int(row["months_used"]) <= int(row["months_total"])


# -- stale temp files of a killed write ----------------------------------------------------------
def _aged(path: Path, seconds: float) -> Path:
    past = time.time() - seconds
    os.utime(path, (past, past))
    return path


def test_stale_temp_files_are_cleaned_only_ours_only_old_only_files(tmp_path):
    ours_old = temp_name(tmp_path / "slot1.json")
    ours_old.write_text("{")
    _aged(ours_old, 120)
    ours_new = temp_name(tmp_path / "autosave.json")
    ours_new.write_text("{")  # a write in progress: seconds old
    theirs = tmp_path / ".notes.tmp"
    theirs.write_text("x")
    _aged(theirs, 120)
    folder_like = tmp_path / f".x.{'a' * 12}.tmp"
    folder_like.mkdir()
    link = tmp_path / f".y.{'b' * 12}.tmp"
    link.symlink_to(theirs)
    assert clean_stale_temps(tmp_path) == [ours_old]
    assert ours_new.exists() and theirs.exists() and folder_like.exists() and link.is_symlink()


def test_starting_the_game_cleans_its_own_folders(tmp_path, monkeypatch):
    monkeypatch.setenv("FAULTLINES_HOME", str(tmp_path))
    stale = []
    for folder in (tmp_path / "data" / "saves", tmp_path / "config", tmp_path / "data" / "logs"):
        folder.mkdir(parents=True)
        stale.append(temp_name(folder / "x.json"))
        stale[-1].write_text("{")
        _aged(stale[-1], 600)
    assert sorted(tidy_folders()) == sorted(stale)
    assert not any(p.exists() for p in stale)


# -- the other files a user can hand the game ---------------------------------------------------
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_policy_file_that_is_a_fifo_or_too_large_is_refused_in_one_line(tmp_path):
    from faultlines.engine.bots import PolicyError, load_policy

    fifo = tmp_path / "fifo.py"
    os.mkfifo(fifo)
    with pytest.raises(PolicyError, match="not a regular file"):
        load_policy(f"{fifo}:policy")
    big = tmp_path / "big.py"
    big.write_text("#" * (1024 * 1024 + 1))
    with pytest.raises(PolicyError, match="over 1024 KB"):
        load_policy(f"{big}:policy")


def test_branch_moves_nested_too_deep_are_one_line(good, tmp_path, capsys):
    deep = tmp_path / "moves.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    assert main(["debrief", str(good["log_path"]), "--branch-at", "1", "--branch-moves",
                 str(deep), "--html", str(tmp_path / "b.html")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(deep) in err[0] and "nested" in err[0]


@pytest.mark.parametrize("what, path, value", [
    ("an infinite whole number in an array (fuzz seed 972)", "state.frame_uses",
     {"dtype": "int64", "data": [float("inf")] * 13}),
    ("a negative count of dice drawn", "dice.drawn", -1),
    ("dice of another kind", "dice.kind", "MT19937"),
    ("a dice key wider than 64 bits", "dice.key", 2**70),
])
def test_numbers_numpy_cannot_hold_are_refused_not_an_overflow(good, tmp_path, what, path,
                                                               value):
    store = _slot(tmp_path, good, _set(path, value))
    assert store.info(1).error, what
    with pytest.raises(SaveError):
        Session.load(store, 1)


@pytest.mark.parametrize("branch", [
    {"at": 2, "parent": {"scenario": "elm", "seed": 1, "moves": 7}},
    {"at": -1, "parent": {"scenario": "elm", "seed": 1, "moves": []}},
    {"at": True, "parent": {"scenario": "elm", "seed": 1, "moves": []}},
    {"at": 1, "parent": {"scenario": "elm", "seed": "1", "moves": [5]}}])
def test_a_damaged_branch_origin_loses_only_the_comparison(good, tmp_path, branch):
    store = _slot(tmp_path, good, lambda d: d["meta"].update(branch=branch))
    assert store.info(1).error is None
    session = Session.load(store, 1)
    assert session.origin is None
    session.play("end_round")  # and the game plays on, its log written at the end
