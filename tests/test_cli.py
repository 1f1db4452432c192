"""The command line as a user meets it: simulate --json, and the piped terminal edition."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from faultlines.engine.catalogue import shipped_ids
from faultlines.game.cli import main


def test_simulate_json_prints_one_object(capsys):
    assert main(["simulate", "--scenario", "elm", "--policy", "skilled", "--runs", "20",
                 "--seed", "1", "--json"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    obj = json.loads(out[0])
    assert set(obj) == {"scenario", "policy", "runs", "seed", "outcomes", "pass_rate", "seconds"}
    assert obj["runs"] == 20 and sum(obj["outcomes"].values()) == 20
    assert 0 <= obj["pass_rate"] <= 1


def test_simulate_with_two_jobs_matches_one_job(capsys):
    main(["simulate", "--scenario", "elm", "--policy", "random", "--runs", "24", "--json"])
    one = json.loads(capsys.readouterr().out)
    main(["simulate", "--scenario", "elm", "--policy", "random", "--runs", "24", "--json",
          "--jobs", "2"])
    two = json.loads(capsys.readouterr().out)
    assert one["outcomes"] == two["outcomes"]


def test_simulate_rejects_unknown_policy_and_scenario(capsys):
    assert main(["simulate", "--policy", "cheat", "--runs", "2"]) == 2
    assert main(["simulate", "--scenario", "nowhere", "--runs", "2"]) == 1
    err = capsys.readouterr().err
    assert "unknown policy" in err and "no such scenario" in err


def run_text(stdin: str, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "faultlines", "play", "--scenario", "elm", "--text", "--seed", "3",
         *extra], input=stdin, capture_output=True, text=True, timeout=60)


def test_text_edition_plays_a_whole_game_from_a_pipe():
    # listen to the most influential people, then let the months pass to an outcome
    script = "1 teaching\n1 commissioners\n1 mhcp\n" + "end_round\n" * 30
    p = run_text(script)
    assert p.returncode == 0, p.stderr
    out = p.stdout
    assert "Partnership Board" in out and "months left" in out and "credibility" in out
    assert "unavailable:" in out  # unavailable moves say why
    assert "You meet Prof. Alan Rooke" in out
    assert "=== Outcome:" in out and "Moves by family" in out
    assert "Traceback" not in p.stderr


def test_text_edition_ends_cleanly_on_eof_and_quit():
    for stdin in ("", "1 teaching\n", "quit\n"):
        p = run_text(stdin)
        assert p.returncode == 0 and "Traceback" not in p.stderr


def test_text_edition_explains_bad_input_and_illegal_moves():
    p = run_text("frobnicate\n1 nobody\n20 genuine\ncard 1\nquit\n")
    assert "Unknown command" in p.stdout
    assert "Not a valid target" in p.stdout
    assert "Not possible: Run the consultation is only possible" in p.stdout
    assert "Why their stance is what it is" in p.stdout and "unknown" in p.stdout


@pytest.mark.parametrize("scenario", shipped_ids())
def test_every_scenario_plays_to_an_outcome_in_the_terminal(scenario, tmp_path):
    p = subprocess.run(
        [sys.executable, "-m", "faultlines", "play", "--scenario", scenario, "--text", "--seed",
         "5", "--log-dir", str(tmp_path)],
        input="1 1\n" + "end_round\n" * 40, capture_output=True, text=True, timeout=60)
    assert p.returncode == 0 and "=== Outcome:" in p.stdout, p.stderr
    assert list(tmp_path.glob("*.json")), "the finished game wrote its log"


def trainer_home(tmp_path):
    """A FAULTLINES_HOME whose scenarios folder holds a trainer's own case, `stroke`."""
    from tests.test_catalogue import trainer_folder

    home = tmp_path / "home"
    folder = trainer_folder(home / "data")
    assert folder == home / "data" / "scenarios"
    return home


def test_scenarios_lists_shipped_and_trainer_cases(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FAULTLINES_HOME", str(trainer_home(tmp_path)))
    assert main(["scenarios", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    origins = {r["id"]: r["origin"] for r in rows}
    assert origins["elm"] == "installed" and origins["stroke"] == "user"
    assert rows[0]["id"] == "tutorial"


def test_a_trainers_case_works_by_id_in_every_verb(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FAULTLINES_HOME", str(trainer_home(tmp_path)))
    logs = tmp_path / "logs"
    assert main(["validate", "stroke"]) == 0
    assert main(["simulate", "--scenario", "stroke", "--runs", "2", "--json",
                 "--log-dir", str(logs)]) == 0
    written = sorted(logs.glob("stroke-skilled-*.json"))
    assert len(written) == 2, "simulate --log-dir is honoured for a trainer's case"
    assert main(["role-pack", "--scenario", "stroke", "--out", str(tmp_path / "pack")]) == 0
    monkeypatch.setenv("FAULTLINES_HOME", str(tmp_path / "another_machine"))
    capsys.readouterr()
    assert main(["debrief", str(written[0]), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["debrief"]["scenario"] == "stroke"
    assert main(["class-report", str(logs), "--csv", str(tmp_path / "c.csv")]) == 0


def test_a_log_naming_a_path_as_its_scenario_is_refused_unread(tmp_path, capsys):
    log = tmp_path / "evil.json"
    log.write_text(json.dumps({"format": "faultlines-log", "version": 1, "scenario": "/dev/zero",
                               "seed": 1, "moves": []}), encoding="utf-8")
    assert main(["debrief", str(log)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "evil.json" in err and "scenario" in err
