"""The replay window, branching from it, the side-by-side branch debrief, and the game logs
the window writes, all driven through the real window (dummy SDL drivers) by posted events.

Each test makes SDL headless and points FAULTLINES_HOME at a temporary folder itself.
"""

from __future__ import annotations

import json
import time

import pygame
import pytest
from faultlines.engine.case import load_case
from faultlines.engine.moves import make
from faultlines.engine.table import Table
from faultlines.game.scenes.replay import SETTLE_S

from tests.window_kit import headless, open_app

pytestmark = pytest.mark.filterwarnings("ignore:Finding font with id")




@pytest.fixture(scope="module")
def sim_log():
    """One simulated Elm game (the skilled bot) as a full log."""
    from faultlines.engine.simulate import simulate

    log = simulate("elm", "skilled", 1, 5, keep_logs=True)["logs"][0]
    assert log["outcome"] and len(log["moves"]) >= 8
    return log


def logs_in(tmp_path) -> list[dict]:
    folder = tmp_path / "home" / "data" / "logs"
    files = sorted(folder.glob("*.json")) if folder.exists() else []
    return [json.loads(f.read_text()) for f in files]


def scene_name(app) -> str:
    return type(app.top).__name__


def open_replay(app, tmp_path, log, at: int | None = None):
    """Write the log to a file and open it as `faultlines replay FILE` does."""
    from faultlines.game.driver import Driver
    from faultlines.game.logged_game import LoggedGame

    path = tmp_path / "game.json"
    path.write_text(json.dumps(log))
    app.open_replay(LoggedGame.from_file(path), at=at)
    d = Driver(app)
    d.pump(2)
    assert scene_name(app) == "ReplayScene"
    return d


def assert_shows(scene, case, log, k: int) -> None:
    """The replay shows exactly the engine's game after k moves."""
    expected = Table.replayed(case, log, upto=k)
    assert scene.k == k
    assert scene.shown_digest() == expected.digest()
    v = expected.view
    shown = scene.topbar.view
    assert (shown.stage, shown.round, shown.calendar, shown.credibility) == \
        (v.stage, v.round, v.calendar, v.credibility)
    assert [(p.id, p.estimate) for p in scene.map.people] == \
        [(p.id, p.estimate) for p in v.people]
    assert scene.step_buttons[k].is_selected and scene.timeline.current == k


def finish_by_ending_rounds(app, d, limit: int = 40) -> None:
    """Let the calendar run (End the round, Continue on news and decisions) to an outcome."""
    for _ in range(limit):
        if scene_name(app) != "TableScene":
            break
        d.play(make("end_round"))
        d.continue_overlays()
    assert scene_name(app) == "OutcomeScene"


def to_table(app, seed: int = 3):
    from faultlines.game.driver import Driver

    d = Driver(app)
    app.show_title()
    d.pump()
    d.click_button("new")
    app.top.seed = seed
    d.click_button("scenario:elm")
    d.click_button("start")
    d.click_button("begin")
    assert scene_name(app) == "TableScene"
    return d


# -- replay ------------------------------------------------------------------------------------
def test_replay_steps_forward_and_back_showing_the_engines_state(app, tmp_path, sim_log):
    case = load_case("elm")
    n = len(sim_log["moves"])
    d = open_replay(app, tmp_path, sim_log, at=0)
    scene = app.top
    assert scene.logged.matches
    assert_shows(scene, case, sim_log, 0)
    time.sleep(SETTLE_S)  # one step on its own: the text follows a frame after the map
    d.key(pygame.K_RIGHT)
    d.pump(2)
    assert scene._text_due is None and "Move 1 of" in scene.transcript_box.html_text
    d.key(pygame.K_LEFT)
    for k in (1, 2, 3):
        d.key(pygame.K_RIGHT)
        assert_shows(scene, case, sim_log, k)
    d.key(pygame.K_LEFT)
    assert_shows(scene, case, sim_log, 2)
    d.key(pygame.K_END)
    assert_shows(scene, case, sim_log, n)
    assert not scene.buttons["forward"].is_enabled and not scene.buttons["branch"].is_enabled
    d.key(pygame.K_RIGHT)  # nothing after the end
    assert scene.k == n
    d.key(pygame.K_HOME)
    assert_shows(scene, case, sim_log, 0)
    assert not scene.buttons["back"].is_enabled
    d.click_button("forward")
    assert_shows(scene, case, sim_log, 1)
    d.click_button("end")
    d.click_button("back")
    assert_shows(scene, case, sim_log, n - 1)
    # the move list and the timeline jump to a move
    scene.go(5)
    d.pump(1)
    d.click_button("step:4")
    assert_shows(scene, case, sim_log, 4)
    t = scene.timeline
    d.click((round(t.x_of(n // 2)), t.rect.centery))
    assert_shows(scene, case, sim_log, n // 2)
    # the card follows the person a move acted on, and says what this move did
    k = next(i + 1 for i, m in enumerate(sim_log["moves"]) if m.get("target"))
    scene.go(k)
    assert scene.selected == sim_log["moves"][k - 1]["target"]
    scene.update_text()  # steps in quick succession leave the text to catch up when they stop
    assert f"Move {k} of {n}" in scene.transcript_box.html_text
    # revealing drivers changes what is shown, not the game
    digest = scene.shown_digest()
    d.key(pygame.K_r)
    scene.update_text()
    assert scene.reveal and scene.shown_digest() == digest
    assert "Stance (true" in scene.card_box.html_text
    assert all(p.uncertainty == 0 for p in scene.map.people)
    # Esc leaves a replay opened on its own for the title screen
    d.key(pygame.K_ESCAPE)
    assert scene_name(app) == "TitleScene"


def test_replay_at_classroom_text_size_has_tabs(tmp_path, sim_log):
    headless(tmp_path)
    app = open_app(text_size=2)
    try:
        d = open_replay(app, tmp_path, sim_log, at=3)
        scene = app.top
        assert not scene.wide and scene.list_box.visible and not scene.card_box.visible
        d.key(pygame.K_2)
        assert scene.card_box.visible and not scene.list_box.visible
        d.key(pygame.K_RIGHT)
        assert scene.k == 4
        for key in ("start", "back", "forward", "end", "branch"):
            assert scene.buttons[key].rect.right <= app.size[0]
    finally:
        app.close()


# -- branching and the side-by-side debrief -----------------------------------------------------
def test_branch_from_replay_then_compare_side_by_side(app, tmp_path, sim_log):
    case = load_case("elm")
    k = 5
    d = open_replay(app, tmp_path, sim_log, at=0)
    for _ in range(k):
        d.key(pygame.K_RIGHT)
    d.key(pygame.K_b)
    assert scene_name(app) == "TableScene"
    s = app.session
    assert list(s.table.moves) == sim_log["moves"][:k]
    assert s.table.digest() == Table.replayed(case, sim_log, upto=k).digest()
    assert s.table.seed == sim_log["seed"] and s.origin is not None and s.origin.at == k
    assert "branch" in app.top.status.lower()
    # play on differently: let the calendar run out
    finish_by_ending_rounds(app, d)
    assert list(s.table.moves[:k]) == sim_log["moves"][:k]
    assert list(s.table.moves[k:]) != sim_log["moves"][k:]
    logs = logs_in(tmp_path)
    assert len(logs) == 1 and logs[0]["branch"]["at"] == k
    assert logs[0]["moves"][:k] == sim_log["moves"][:k]
    d.click_button("debrief")
    assert scene_name(app) == "CompareScene"
    cmp = app.top
    assert cmp.at == k and not cmp.error
    original, branch = cmp.debriefs
    assert original.outcome == sim_log["outcome"] and branch.outcome == s.table.outcome
    assert cmp.logs[0]["history"][0] == cmp.logs[1]["history"][0]
    assert "Final credibility" in cmp.scrollables[0].html_text
    # and back to the original's replay at the branch point, to try another branch
    d.click_button("rewind")
    assert scene_name(app) == "ReplayScene" and app.top.k == k
    assert app.top.logged.log["moves"] == sim_log["moves"]


def test_a_branch_resumed_from_the_autosave_keeps_its_origin(tmp_path, sim_log):
    headless(tmp_path)
    app = open_app()
    d = open_replay(app, tmp_path, sim_log, at=3)
    d.click_button("branch")
    d.play(make("town_hall"))
    app.close()  # killed
    app = open_app()
    try:
        assert app.load_game("autosave") is None
        s = app.session
        assert s.origin is not None and s.origin.at == 3
        assert s.origin.log["moves"] == sim_log["moves"]
        assert list(s.table.moves[:3]) == sim_log["moves"][:3]
    finally:
        app.close()


# -- game logs written by the window -------------------------------------------------------------
def test_a_finished_window_game_writes_exactly_one_log(app, tmp_path):
    d = to_table(app)
    d.play(make("one_to_one", target="teaching"))
    finish_by_ending_rounds(app, d)
    logs = logs_in(tmp_path)
    assert len(logs) == 1
    log = logs[0]
    assert log["abandoned"] is False and log["outcome"] == app.session.table.outcome
    assert log["moves"] == list(app.session.table.moves)
    path = app.session.log_path
    assert path.name in app.top.log_line
    d.click_button("debrief")
    assert path.name in app.top.main_box.html_text
    # rewind and compare: the replay of the game just played, on top of the debrief
    d.click_button("rewind")
    assert scene_name(app) == "ReplayScene"
    assert app.top.k == len(log["moves"]) and app.top.shown_digest() == app.session.table.digest()
    d.key(pygame.K_ESCAPE)
    assert scene_name(app) == "DebriefScene"
    d.click_button("title")
    app.show_title()
    assert app.load_game("autosave") is None  # the finished game, resumed
    app.show_title()
    app.quit()
    assert len(logs_in(tmp_path)) == 1


def test_leaving_an_unfinished_game_writes_an_abandoned_log(app, tmp_path):
    d = to_table(app)
    d.key(pygame.K_ESCAPE)
    d.click_button("title")
    assert logs_in(tmp_path) == []  # no move made: nothing worth logging
    d = to_table(app, seed=4)
    d.play(make("one_to_one", target="teaching"))
    d.key(pygame.K_ESCAPE)
    d.click_button("title")
    logs = logs_in(tmp_path)
    assert len(logs) == 1 and logs[0]["abandoned"] is True and logs[0]["outcome"] is None
    d.click_button("continue")
    assert scene_name(app) == "TableScene"
    app.quit()  # nothing new since the log: not written again
    assert len(logs_in(tmp_path)) == 1
    app.running = True
    app.show_session()
    d.play(make("town_hall"))
    pygame.event.post(pygame.event.Event(pygame.QUIT))  # the window's close button
    d.pump(1)
    logs = logs_in(tmp_path)  # the later log replaces the earlier one of the same game
    assert len(logs) == 1 and len(logs[0]["moves"]) == 2 and logs[0]["abandoned"] is True


def test_replay_command_reports_a_bad_log_in_one_line(tmp_path, capsys):
    from faultlines.game.cli import main

    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "faultlines-log", "version": 1, "scenario": "elm", "seed": 1, '
                   '"moves": [{"kind": "no_such_move"}]}')
    assert main(["replay", str(bad)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("faultlines replay: ") and "\n" not in err
    assert "Traceback" not in err
    assert main(["replay", str(tmp_path / "missing.json")]) == 1
    assert "cannot read" in capsys.readouterr().err
