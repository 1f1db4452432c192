"""The report verbs end to end, where logs are kept, and the text edition's log."""

from __future__ import annotations

import io
import json

import pytest
from faultlines.engine.debrief import load_log
from faultlines.engine.game import Game
from faultlines.engine.moves import make
from faultlines.game import cli
from faultlines.game.report.logfiles import log_dir, save_game_log


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("FAULTLINES_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def test_logs_go_under_faultlines_home_or_an_explicit_folder(home, tmp_path):
    assert log_dir() == home / "data" / "logs"
    assert log_dir(tmp_path / "mine") == tmp_path / "mine"


def test_log_dir_defaults_to_the_user_data_dir(monkeypatch):
    import platformdirs

    monkeypatch.delenv("FAULTLINES_HOME", raising=False)
    assert log_dir() == platformdirs.user_data_path("faultlines") / "logs"


def test_save_game_log_keeps_player_and_marks_abandonment(home, elm):
    game = Game(elm, seed=2)
    game.play(make("town_hall"))
    path = save_game_log(game, player="  Sam  ")
    log = load_log(path)
    assert path.parent == home / "data" / "logs" and "abandoned" in path.name
    assert log["player"] == "Sam" and log["abandoned"] is True and log["events"]
    assert save_game_log(game) != path  # never overwrites


def test_text_edition_writes_its_log_when_left(home, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("1 teaching\nquit\n"))
    assert cli.main(["play", "--text", "--scenario", "elm", "--seed", "3",
                     "--player", "Kim"]) == 0
    out = capsys.readouterr().out
    assert "Game log saved to" in out
    (path,) = (home / "data" / "logs").glob("*.json")
    log = load_log(path)
    assert log["player"] == "Kim" and log["abandoned"] and log["moves"][0]["kind"] == "one_to_one"


@pytest.fixture
def sim_logs(tmp_path):
    folder = tmp_path / "logs"
    assert cli.main(["simulate", "--scenario", "elm", "--policy", "random", "--runs", "3",
                     "--seed", "4", "--log-dir", str(folder)]) == 0
    assert cli.main(["simulate", "--scenario", "elm", "--policy", "skilled", "--runs", "2",
                     "--seed", "4", "--log-dir", str(folder)]) == 0
    return folder


def test_simulate_writes_full_logs_the_debrief_reads(sim_logs, capsys):
    files = sorted(sim_logs.glob("*.json"))
    assert len(files) == 5
    assert cli.main(["debrief", str(files[0])]) == 0
    out = capsys.readouterr().out
    assert "NEGOTIATION EPISODES" in out and "QUESTIONS FOR REFLECTION" in out


def test_debrief_html_branch_and_class_report(sim_logs, tmp_path, capsys):
    first = sorted(sim_logs.glob("*.json"))[0]
    out = tmp_path / "out"
    assert cli.main(["debrief", str(first), "--branch-at", "4", "--branch-policy", "skilled",
                     "--html", str(out / "branch.html"), "--save-branch",
                     str(out / "b.json")]) == 0
    html = (out / "branch.html").read_text()
    assert "two branches compared" in html and "branch at move 4" in html
    assert load_log(out / "b.json")["branch"]["at"] == 4
    assert cli.main(["debrief", str(first), "--compare", str(out / "b.json"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert data["debrief"]["seed"] == data["other"]["seed"]
    assert cli.main(["class-report", str(sim_logs), "--html", str(out / "class.html"),
                     "--csv", str(out / "class.csv")]) == 0
    assert (out / "class.csv").read_text().count("\n") == 6


@pytest.mark.parametrize("content", ["{ not json", '{"format": "faultlines-log"}', "[]"])
def test_a_bad_log_is_one_line_on_stderr(tmp_path, capsys, content):
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    assert cli.main(["debrief", str(bad)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "bad.json" in err and "Traceback" not in err


def test_class_report_skips_bad_logs_and_hides_their_names(sim_logs, tmp_path, capsys):
    bad = tmp_path / "jo-smith.json"
    bad.write_text("{ nope")
    html = tmp_path / "class.html"
    assert cli.main(["class-report", str(bad), str(sim_logs), "--html", str(html)]) == 0
    text = html.read_text()
    assert "could not be read" in text and "jo-smith" not in text
    assert cli.main(["class-report", str(bad)]) == 1


def test_role_pack_verb(tmp_path, capsys):
    assert cli.main(["role-pack", "--scenario", "elm", "--out", str(tmp_path / "pack")]) == 0
    assert (tmp_path / "pack" / "index.html").exists()
    assert cli.main(["role-pack", "--scenario", "nowhere", "--out", str(tmp_path)]) == 1
    assert "nowhere" in capsys.readouterr().err
