"""The report verbs end to end, where logs are kept, and the text edition's log."""

from __future__ import annotations

import io
import json
import os

import pytest
from faultlines.engine.debrief import load_log
from faultlines.engine.table import Table
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
    table = Table.open(elm, seed=2)
    table.choose("town_hall")
    path = save_game_log(table.log(), player="  Sam  ")
    log = load_log(path)
    assert path.parent == home / "data" / "logs" and "abandoned" in path.name
    assert log["player"] == "Sam" and log["abandoned"] is True and log["events"]
    assert save_game_log(table.log()) != path  # never overwrites


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


EPISODE_KEYS = {"stage", "round", "components", "type", "inclusive", "planned", "significant",
                "participants", "evidence"}


def test_debrief_json_lists_the_episodes_the_game_recorded(sim_logs, capsys):
    skilled = sorted(sim_logs.glob("elm-skilled-*.json"))[0]
    recorded = [e["data"] for e in load_log(skilled)["events"] if e["kind"] == "episode"]
    assert cli.main(["debrief", str(skilled), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)["debrief"]
    assert data["episodes_recorded"] is True and recorded
    assert len(data["episodes"]) == len(recorded)
    for ep, rec in zip(data["episodes"], recorded, strict=True):
        assert EPISODE_KEYS | {"setting", "title", "move", "affected",
                               "settled_elsewhere"} <= set(ep)
        assert {k: ep[k] for k in EPISODE_KEYS - {"evidence"}} == \
            {k: rec[k] for k in EPISODE_KEYS - {"evidence"}}
        assert ep["evidence"][:len(rec["evidence"])] == rec["evidence"]


def test_debrief_json_of_an_older_log_says_its_episodes_are_reconstructed(sim_logs, tmp_path,
                                                                         capsys):
    log = load_log(sorted(sim_logs.glob("elm-skilled-*.json"))[0])
    log["events"] = [e for e in log["events"] if e["kind"] != "episode"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(log))
    assert cli.main(["debrief", str(old), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)["debrief"]
    assert data["episodes_recorded"] is False and data["episodes"]
    assert all(EPISODE_KEYS <= set(e) and e["recorded"] is False for e in data["episodes"])
    assert any("reconstructed" in w for w in data["warnings"])


def test_class_report_keeps_each_scenario_apart(sim_logs, tmp_path, capsys):
    other = tmp_path / "willow"
    assert cli.main(["simulate", "--scenario", "willow", "--policy", "skilled", "--runs", "1",
                     "--seed", "4", "--log-dir", str(other)]) == 0
    capsys.readouterr()
    html = tmp_path / "class.html"
    assert cli.main(["class-report", str(sim_logs), str(other), "--html", str(html)]) == 0
    err = capsys.readouterr().err
    assert "5 of elm" in err and "1 of willow" in err and "its own scenario" in err
    text = html.read_text()
    assert text.count('<section class="chapter') == 2
    assert "Too few games to compare" in text or "Every game ended the same way" in text


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


# -- outputs: never an input, an existing file only with --force, one line when impossible --
def one_line_error(capsys) -> str:
    """The command's stderr, checked to be exactly one line without a traceback."""
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "Traceback" not in err, err
    return err


def test_report_files_get_the_ordinary_mode(sim_logs, tmp_path, capsys):
    old = os.umask(0o022)
    os.umask(old)
    want = 0o666 & ~old
    first = sorted(sim_logs.glob("*.json"))[0]
    out = tmp_path / "out"
    assert cli.main(["debrief", str(first), "--html", str(out / "r.html"), "--branch-at", "2",
                     "--save-branch", str(out / "b.json")]) == 0
    assert cli.main(["class-report", str(sim_logs), "--csv", str(out / "c.csv")]) == 0
    assert cli.main(["role-pack", "--out", str(out / "pack")]) == 0
    written = [out / "r.html", out / "b.json", out / "c.csv", *(out / "pack").iterdir(), first]
    if os.name == "posix":
        assert {oct(p.stat().st_mode & 0o777) for p in written} == {oct(want)}
    assert not list(out.rglob("*.tmp"))


@pytest.mark.parametrize("flags", [
    ["--html", "{log}"],
    ["--branch-at", "2", "--save-branch", "{log}"],
    ["--branch-at", "2", "--branch-moves", "{moves}", "--save-branch", "{moves}"],
    ["--compare", "{other}", "--html", "{other}"],
])
def test_debrief_never_writes_over_its_inputs(sim_logs, tmp_path, capsys, flags):
    log, other = sorted(sim_logs.glob("*.json"))[:2]
    moves = tmp_path / "moves.json"
    moves.write_text('[{"kind": "town_hall"}]')
    before = {p: p.read_bytes() for p in (log, other, moves)}
    argv = [f.format(log=log, other=other, moves=moves) for f in flags]
    for force in ([], ["--force"]):
        assert cli.main(["debrief", str(log), *argv, *force]) == 1
        assert "is one of this command's inputs; choose another name" in one_line_error(capsys)
    assert {p: p.read_bytes() for p in before} == before


def test_class_report_never_writes_over_a_log_it_reads(sim_logs, capsys):
    log = sorted(sim_logs.glob("*.json"))[0]
    before = log.read_bytes()
    assert cli.main(["class-report", str(sim_logs), "--csv", str(log), "--force"]) == 1
    assert f"--csv {log} is one of this command's inputs" in one_line_error(capsys)
    assert cli.main(["class-report", str(sim_logs), "--html", str(sim_logs)]) == 1
    assert f"--html {sim_logs} is one of this command's inputs" in one_line_error(capsys)
    assert log.read_bytes() == before


def test_an_existing_file_is_replaced_only_with_force(sim_logs, tmp_path, capsys):
    log = sorted(sim_logs.glob("*.json"))[0]
    mine = tmp_path / "essay.html"
    mine.write_text("my own work")
    assert cli.main(["debrief", str(log), "--html", str(mine)]) == 1
    assert one_line_error(capsys) == (f"faultlines debrief: --html {mine} already exists; "
                                      "pass --force to replace it, or choose another name")
    assert cli.main(["class-report", str(sim_logs), "--csv", str(mine)]) == 1
    assert "--force" in one_line_error(capsys)
    assert mine.read_text() == "my own work"
    assert cli.main(["debrief", str(log), "--html", str(mine), "--force"]) == 0
    assert "<html" in mine.read_text()


def test_two_outputs_of_one_command_may_not_share_a_name(sim_logs, tmp_path, capsys):
    same = str(tmp_path / "same")
    assert cli.main(["class-report", str(sim_logs), "--html", same, "--csv", same]) == 1
    assert "--html and --csv both name" in one_line_error(capsys)
    assert not (tmp_path / "same").exists()


def test_an_output_that_cannot_be_written_is_one_line(sim_logs, tmp_path, capsys):
    log = sorted(sim_logs.glob("*.json"))[0]
    blocker = tmp_path / "somefile"
    blocker.write_text("x")
    assert cli.main(["debrief", str(log), "--html", str(blocker / "report.html")]) == 1
    assert one_line_error(capsys) == (f"faultlines debrief: cannot write "
                                      f"{blocker / 'report.html'}: {blocker} is not a folder")
    assert cli.main(["class-report", str(sim_logs), "--csv", str(blocker / "c.csv")]) == 1
    assert "cannot write" in one_line_error(capsys)
    assert cli.main(["role-pack", "--out", str(blocker / "pack")]) == 1
    assert "cannot write" in one_line_error(capsys)
    assert cli.main(["simulate", "--runs", "1", "--log-dir", str(blocker / "logs")]) == 1
    assert "cannot write" in one_line_error(capsys)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_an_unwritable_folder_is_one_line(sim_logs, tmp_path, capsys):
    from tests.test_files import locked_folder

    log = sorted(sim_logs.glob("*.json"))[0]
    locked = locked_folder(tmp_path)
    try:
        assert cli.main(["debrief", str(log), "--html", str(locked / "r.html")]) == 1
        assert one_line_error(capsys) == (f"faultlines debrief: cannot write "
                                          f"{locked / 'r.html'}: Permission denied")
    finally:
        locked.chmod(0o700)


def test_role_pack_writes_only_into_a_new_empty_or_own_folder(tmp_path, capsys):
    pack = tmp_path / "pack"
    assert cli.main(["role-pack", "--scenario", "elm", "--out", str(pack)]) == 0
    assert "Wrote" in capsys.readouterr().err
    elm_pages = {p.name for p in pack.iterdir()}
    assert "faultlines-pack.json" in elm_pages and "role-teaching.html" in elm_pages
    assert cli.main(["role-pack", "--scenario", "oak", "--out", str(pack)]) == 1
    assert "holds an earlier role pack; pass --force" in one_line_error(capsys)
    (pack / "notes.txt").write_text("the facilitator's own notes")
    assert cli.main(["role-pack", "--scenario", "oak", "--out", str(pack), "--force"]) == 0
    capsys.readouterr()
    oak_pages = {p.name for p in pack.iterdir()}
    assert "role-teaching.html" not in oak_pages and "role-oncology.html" in oak_pages
    assert (pack / "notes.txt").read_text() == "the facilitator's own notes"

    foreign = tmp_path / "documents"
    foreign.mkdir()
    (foreign / "index.html").write_text("my homepage")
    for force in ([], ["--force"]):
        assert cli.main(["role-pack", "--out", str(foreign), *force]) == 1
        assert "not empty and holds no role pack" in one_line_error(capsys)
    assert (foreign / "index.html").read_text() == "my homepage"
    assert [p.name for p in foreign.iterdir()] == ["index.html"]


def test_role_pack_force_leaves_a_page_the_earlier_pack_did_not_write(tmp_path, capsys):
    pack = tmp_path / "pack"
    assert cli.main(["role-pack", "--scenario", "elm", "--out", str(pack)]) == 0
    capsys.readouterr()
    (pack / "role-oncology.html").write_text("someone's own page")
    assert cli.main(["role-pack", "--scenario", "oak", "--out", str(pack), "--force"]) == 1
    assert "role-oncology.html is not part of the earlier role pack" in one_line_error(capsys)
    assert (pack / "role-oncology.html").read_text() == "someone's own page"
    assert (pack / "role-teaching.html").exists()  # refused before anything changed


def test_simulate_replaces_an_earlier_runs_logs_only_with_force(tmp_path, capsys):
    folder = tmp_path / "logs"
    argv = ["simulate", "--runs", "2", "--seed", "4", "--log-dir", str(folder)]
    assert cli.main(argv) == 0
    capsys.readouterr()
    first = (folder / "elm-skilled-00000.json").read_bytes()
    assert cli.main(argv) == 1
    assert "already holds elm-skilled-00000.json and 1 more; pass --force" in \
        one_line_error(capsys)
    assert cli.main([*argv, "--seed", "5", "--force"]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["elm-skilled-00000.json",
                                                        "elm-skilled-00001.json"]
    assert (folder / "elm-skilled-00000.json").read_bytes() != first  # the seed-5 game


# -- stdout: only the report or the JSON; status lines and errors on stderr ------------------
def test_debrief_json_is_alone_on_stdout(sim_logs, tmp_path, capsys):
    log = sorted(sim_logs.glob("*.json"))[0]
    assert cli.main(["debrief", str(log), "--json", "--html", str(tmp_path / "r.html"),
                     "--branch-at", "3", "--save-branch", str(tmp_path / "b.json")]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)  # the whole of stdout is one JSON document
    assert set(data) == {"debrief", "other"}
    assert "Wrote the branch's log" in captured.err and f"Wrote {tmp_path / 'r.html'}" in \
        captured.err


def test_class_report_status_lines_go_to_stderr(sim_logs, tmp_path, capsys):
    assert cli.main(["class-report", str(sim_logs), "--csv", str(tmp_path / "c.csv")]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "Wrote" in captured.err
    assert cli.main(["class-report", str(sim_logs)]) == 0  # no file: the CSV on stdout
    assert capsys.readouterr().out.startswith((tmp_path / "c.csv").read_text()[:20])


def test_debrief_can_carry_the_analysis_board(tmp_path, capsys):
    """`debrief --analyse` adds the analysis board as a chapter of the HTML report (listed in
    its contents) and as `analysis` in the JSON, with the hindsight warning."""
    folder = tmp_path / "logs"
    assert cli.main(["simulate", "--scenario", "tutorial", "--policy", "skilled", "--runs",
                     "1", "--seed", "4", "--log-dir", str(folder)]) == 0
    log = str(next(folder.glob("*.json")))
    page = tmp_path / "d.html"
    assert cli.main(["debrief", log, "--html", str(page), "--analyse", "--rollouts", "3",
                     "--jobs", "1"]) == 0
    html = page.read_text(encoding="utf-8")
    assert html.count('href="#analysis"') == 1 and 'id="analysis"' in html
    assert "Hindsight" in html
    capsys.readouterr()
    assert cli.main(["debrief", log, "--json", "--analyse", "--rollouts", "3", "--jobs",
                     "1"]) == 0
    data = json.loads(capsys.readouterr().out.splitlines()[-1])
    board = data["analysis"]
    assert board["hindsight"] and board["positions"]
    assert {"move", "pass_chance", "consensus_chance", "stderr", "judgement", "best"} <= \
        set(board["positions"][0])
