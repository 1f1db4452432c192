"""The command line as a user meets it: simulate --json, the piped terminal edition, what goes
to stdout and stderr, range-checked numbers and output that survives any console encoding.
Subprocesses get their own --log-dir (and inherit each test's private FAULTLINES_HOME)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from faultlines.engine.catalogue import shipped_ids
from faultlines.game.cli import main, safe_stream


def test_simulate_json_prints_one_object(capsys):
    assert main(["simulate", "--scenario", "elm", "--policy", "skilled", "--runs", "20",
                 "--seed", "1", "--json"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    obj = json.loads(out[0])
    assert set(obj) == {"scenario", "policy", "runs", "seed", "outcomes", "pass_rate",
                        "illegal_choices", "seconds", "engine"}
    assert obj["runs"] == 20 and sum(obj["outcomes"].values()) == 20
    assert 0 <= obj["pass_rate"] <= 1


@pytest.mark.parametrize("policy", ["skilled", "random"])
def test_simulate_gives_the_same_games_on_either_engine(capsys, policy, tmp_path):
    """The engine changes only the speed: the same outcomes, and the same logs."""
    out = {}
    for engine in ("batch", "reference"):
        logs = tmp_path / engine
        assert main(["simulate", "--scenario", "tutorial", "--policy", policy, "--runs", "12",
                     "--json", "--engine", engine, "--log-dir", str(logs)]) == 0
        obj = json.loads(capsys.readouterr().out)
        assert obj["engine"] == engine
        out[engine] = (obj["outcomes"], obj["illegal_choices"],
                       sorted((f.name, f.read_text()) for f in logs.iterdir()))
    assert out["batch"] == out["reference"]


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


def run_text(stdin: str, log_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    """The terminal edition in a subprocess, its game log kept in `log_dir` (a test's own
    folder; the subprocess also inherits the test's private FAULTLINES_HOME)."""
    return subprocess.run(
        [sys.executable, "-m", "faultlines", "play", "--scenario", "elm", "--text", "--seed", "3",
         "--log-dir", str(log_dir), *extra], input=stdin, capture_output=True, text=True,
        timeout=60)


def test_text_edition_plays_a_whole_game_from_a_pipe(tmp_path):
    # listen to the most influential people, then let the months pass to an outcome
    script = "moves\n1 teaching\n1 commissioners\n1 mhcp\n" + "end_round\n" * 30
    p = run_text(script, tmp_path)
    assert p.returncode == 0, p.stderr
    out = p.stdout
    assert "Partnership Board" in out and "months left" in out and "Credibility" in out
    assert "Not possible now:" in out  # `moves` says why the unavailable ones are
    assert "You meet Prof. Alan Rooke" in out
    assert "=== Outcome:" in out and "Moves by family" in out
    assert "Traceback" not in p.stderr


def test_text_edition_ends_cleanly_on_eof_and_quit(tmp_path):
    for stdin in ("", "1 teaching\n", "quit\n"):
        p = run_text(stdin, tmp_path)
        assert p.returncode == 0 and "Traceback" not in p.stderr


def test_text_edition_explains_bad_input_and_illegal_moves(tmp_path):
    p = run_text("frobnicate\n1 nobody\nconsult genuine\ncard 1\nquit\n", tmp_path)
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


# -- stdout holds the data; errors and status lines go to stderr -------------------------------
def test_simulate_json_keeps_stdout_pure_with_logs_too(tmp_path, capsys):
    assert main(["simulate", "--scenario", "all", "--policy", "random", "--runs", "2",
                 "--json", "--log-dir", str(tmp_path / "logs")]) == 0
    captured = capsys.readouterr()
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert {r["scenario"] for r in rows} == set(shipped_ids())
    assert len(list((tmp_path / "logs").glob("*.json"))) == 2 * len(rows)


def test_scenarios_json_keeps_stdout_pure(capsys):
    assert main(["scenarios", "--json"]) == 0
    assert all(json.loads(line)["id"] for line in capsys.readouterr().out.splitlines())


def test_validate_prints_errors_on_stderr_and_ok_on_stdout(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\n")
    assert main(["validate", "elm", str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("elm: ok (elm ") and "bad.yaml" not in captured.out
    assert "bad.yaml" in captured.err


@pytest.mark.parametrize(("argv", "message"), [
    (["simulate", "--runs", "-5"], "argument --runs: -5 is out of range: use 1 to 10,000,000"),
    (["simulate", "--runs", "0"], "argument --runs: 0 is out of range"),
    (["simulate", "--runs", "10000001"], "argument --runs: 10000001 is out of range"),
    (["simulate", "--runs", "many"], "argument --runs: 'many' is not a whole number"),
    (["simulate", "--jobs", "0"], "argument --jobs: 0 is out of range"),
    (["simulate", "--jobs", "100000"], "argument --jobs: 100000 is out of range"),
    (["simulate", "--seed", "-1"], "argument --seed: -1 is out of range"),
    (["simulate", "--seed", str(2**63)], "is out of range: use 0 to 9,223,372,036,854,775,807"),
    (["play", "--seed", "-3", "--text"], "argument --seed: -3 is out of range"),
    (["replay", "x.json", "--at", "-1"], "argument --at: -1 is out of range: use 0 or more"),
    (["debrief", "x.json", "--branch-at", "-2"], "argument --branch-at: -2 is out of range"),
])
def test_numeric_flags_are_range_checked(capsys, argv, message):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == ""


def test_the_largest_seed_is_accepted(capsys):
    assert main(["simulate", "--runs", "2", "--seed", str(2**63 - 1), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["seed"] == 2**63 - 1


# -- stdout that cannot crash on a character its encoding lacks ------------------------------
def test_a_redirected_debrief_is_utf8_even_with_a_cp1252_console(tmp_path):
    logs = tmp_path / "logs"
    assert main(["simulate", "--runs", "1", "--seed", "2", "--log-dir", str(logs)]) == 0
    (log,) = logs.glob("*.json")
    out = tmp_path / "debrief.txt"
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    with out.open("wb") as fh:
        p = subprocess.run([sys.executable, "-m", "faultlines", "debrief", str(log)], stdout=fh,
                           stderr=subprocess.PIPE, env=env, timeout=120)
    assert p.returncode == 0, p.stderr.decode()
    text = out.read_bytes().decode("utf-8")
    assert "NEGOTIATION EPISODES" in text and "\u2192" in text


class _Console(io.TextIOWrapper):
    """A terminal whose code page lacks most of Unicode (a Windows console, say)."""

    def isatty(self) -> bool:
        return True


def test_a_terminal_shows_a_replacement_instead_of_crashing():
    raw = io.BytesIO()
    console = _Console(raw, encoding="cp1252")
    safe_stream(console)
    console.write("a \u2192 b \u2014 c\n")
    console.flush()
    assert console.encoding == "cp1252"  # a terminal keeps its own encoding
    assert raw.getvalue() == "a ? b \u2014 c\n".encode("cp1252")


def test_a_pipe_gets_utf8():
    raw = io.BytesIO()
    pipe = io.TextIOWrapper(raw, encoding="cp1252")
    safe_stream(pipe)
    pipe.write("a \u2192 b\n")
    pipe.flush()
    assert raw.getvalue().decode("utf-8") == "a \u2192 b\n"


def test_help_does_not_load_the_engine():
    """`faultlines --help` (every verb's options included) answers without numpy, pydantic or
    the rules: a trainer typing it should not wait for them."""
    import subprocess
    import sys

    code = ("import sys\n"
            "from faultlines.game import cli\n"
            "for verb in ([], ['analyse'], ['lint'], ['hint'], ['simulate']):\n"
            "    try:\n"
            "        cli.main(verb + ['--help'])\n"
            "    except SystemExit:\n"
            "        pass\n"
            "heavy = [m for m in ('numpy', 'pydantic', 'faultlines.engine.table',\n"
            "         'faultlines.engine.analysis.board') if m in sys.modules]\n"
            "print(','.join(heavy) or 'none')\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip().splitlines()[-1]
    assert out == "none"
