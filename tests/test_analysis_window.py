"""The window's analysis board, driven through the real window (dummy SDL drivers) by
posted keys and clicks: it opens from the debrief and the replay, shows the engine's numbers,
moves between positions by keyboard and mouse, shows a position in the replay window, and
makes an analysis in the background (kept on disk) that can be cancelled."""

from __future__ import annotations

import pygame
import pytest
from faultlines.engine.analysis.board import HINDSIGHT
from faultlines.game.analysis_cache import cache_path, load_cached

from tests.analysis_kit import SMALL, debrief_of, kept, open_board, short_game
from tests.analysis_kit import small_quick as small_quick  # noqa: F401 (a fixture)
from tests.window_kit import gate_rollouts

pytestmark = pytest.mark.filterwarnings("ignore:Finding font with id")

def test_the_board_opens_from_the_debrief_with_a_kept_analysis(app):
    d = debrief_of(app, short_game())
    assert "analysis" in app.top.buttons  # a visible button, as well as the key
    a = kept(app.top.log)
    scene = open_board(app, d)
    assert scene.job is None, "a kept analysis is shown at once, not made again"
    assert scene.analysis == a
    assert HINDSIGHT in scene.intro.html_text and "16 games" in scene.intro.html_text
    first = a.positions[0]
    assert first.judgement == "blunder"
    assert list(scene.rows) == [q.index for q in a.judged]  # the judged moves are listed
    assert scene.buttons["drill"].is_enabled
    # the readout is the engine's numbers for the position chosen
    assert f"{first.estimate.pass_chance:.0%}" in scene.readout.html_text
    assert first.best.text in scene.readout.html_text
    d.key(pygame.K_ESCAPE)
    assert type(app.top).__name__ == "DebriefScene"


def test_keys_and_clicks_choose_positions_and_enter_shows_one_in_the_replay(app):
    d = debrief_of(app, short_game())
    a = kept(app.top.log)
    scene = open_board(app, d)
    assert scene.selected == 0
    d.key(pygame.K_RIGHT)
    d.key(pygame.K_RIGHT)
    assert scene.selected == 2
    assert "After 2 moves" in scene.readout.html_text
    d.key(pygame.K_END)
    assert scene.selected == len(a.positions) - 1
    d.key(pygame.K_DOWN)  # the next judged move (round to the first)
    assert scene.selected == a.judged[0].index
    assert scene.rows[a.judged[0].index].is_selected
    spoken = scene.spoken_focus()  # what self-voicing reads for it
    assert "After 0 moves" in spoken and "blunder" in spoken and a.judged[0].best.text in spoken
    # a click on the chart picks the position under the pointer
    d.click((round(scene.chart.x_of(1)), scene.chart.plot.centery))
    assert scene.selected == 1
    # Enter: that position in the replay app, over the board; Esc comes back
    d.key(pygame.K_RETURN)
    d.pump(2)
    replay = app.top
    assert type(replay).__name__ == "ReplayScene" and replay.k == 1
    # A in the replay goes back to the board it came from, at the replay's position
    d.key(pygame.K_RIGHT)
    d.key(pygame.K_a)
    assert app.top is scene and scene.selected == 2


def test_the_board_opened_from_the_replay_moves_that_replay(app, tmp_path):
    from faultlines.game.logged_game import LoggedGame

    t = short_game()
    lg = LoggedGame.from_table(t, scenario_ref="elm")
    kept(lg.log)
    app.open_replay(lg, at=0)
    from faultlines.game.driver import Driver

    d = Driver(app)
    d.pump(2)
    replay = app.top
    assert "analysis" in replay.buttons
    scene = open_board(app, d)
    d.key(pygame.K_RIGHT)
    d.key(pygame.K_RIGHT)
    d.key(pygame.K_RETURN)
    assert app.top is replay and replay.k == 2
    assert scene not in app.scenes  # the board closed over the replay it moved
    d.key(pygame.K_RIGHT)
    d.key(pygame.K_a)  # the same board comes back, at the replay's position
    assert app.top is scene and scene.selected == 3


def test_without_a_kept_analysis_it_is_made_in_the_background_and_kept(app):
    d = debrief_of(app, short_game())
    log = app.top.log
    scene = open_board(app, d)
    assert scene.analysis is None and scene.job is not None
    assert "cancel" in scene.buttons  # the player can stop it
    d.pump(1)  # the app keeps answering while the job runs
    assert scene.job.wait(120)
    d.pump(3)
    assert scene.analysis is not None and scene.job is None
    assert len(scene.analysis.positions) == 4
    assert cache_path(log, *SMALL).exists()
    assert load_cached(log, *SMALL) == scene.analysis
    assert "full" in scene.buttons  # the full default is offered


def test_cancelling_stops_the_job_and_says_so(app, monkeypatch):
    import faultlines.game.scenes.analysis as board

    gate = gate_rollouts(monkeypatch, board)  # held until C is pressed
    d = debrief_of(app, short_game())
    scene = open_board(app, d)
    job = scene.job
    d.key(pygame.K_c)
    gate.set()
    assert job.wait(120)
    d.pump(3)
    assert job.cancelled and job.result is None
    assert scene.analysis is None and scene.job is None
    assert "cancelled" in scene.note.lower() and "again" in scene.buttons
    assert not cache_path(scene.logged.log, *SMALL).exists()
    d.key(pygame.K_a)  # and it can be started again
    assert scene.job is not None
    scene.job.wait(120)


def test_a_damaged_kept_analysis_is_one_line_and_made_again(app):
    d = debrief_of(app, short_game())
    path = cache_path(app.top.log, *SMALL)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"format": "faultlines-analysis-1", "positions": "oops"}')
    scene = open_board(app, d)
    assert scene.job is not None  # made again
    assert path.name in scene.note and "\n" not in scene.note
    scene.job.wait(120)
    d.pump(3)
    assert scene.analysis is not None


def test_at_classroom_text_the_board_shows_one_part_at_a_time(tmp_path):
    from tests.window_kit import headless, open_app

    headless(tmp_path)
    app = open_app(text_size=2)
    try:
        d = debrief_of(app, short_game())
        kept(app.top.log)
        scene = open_board(app, d)
        assert not scene.wide and {"tab:chart", "tab:moves", "tab:position"} <= set(scene.buttons)
        assert scene.chart_shown() and not scene.list_box.visible and not scene.readout.visible
        d.key(pygame.K_2)
        assert scene.list_box.visible and scene.summary.visible and not scene.chart_shown()
        d.key(pygame.K_3)
        assert scene.readout.visible and not scene.list_box.visible
        # a judged move clicked in the list shows its position
        d.key(pygame.K_2)
        first = min(scene.rows)
        d.click(scene.rows[first].rect.center)
        assert scene.selected == first and scene.tab == "position"
    finally:
        app.close()


@pytest.mark.parametrize("text_size", [0, 1, 2])
def test_the_debriefs_buttons_with_the_board_fit_the_smallest_window(tmp_path, text_size):
    from faultlines.game.app import MIN_SIZE

    from tests.window_kit import headless, open_app

    headless(tmp_path)
    app = open_app(text_size=text_size, size=MIN_SIZE)
    try:
        debrief_of(app, short_game())
        rects = [b.rect for b in app.top.buttons.values()]
        assert "analysis" in app.top.buttons
        assert all(app.window.get_rect().contains(r) for r in rects)
        assert not any(a.colliderect(b) for i, a in enumerate(rects) for b in rects[i + 1:])
    finally:
        app.close()
