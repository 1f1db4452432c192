"""Learn from your mistakes in the window: from the analysis board the drill goes to the
position before the first mistake, the player chooses a move with the normal move palette,
and the window shows its estimate beside the game's move and the best (three estimates),
keeps the choice, and moves on or back to the board."""

from __future__ import annotations

import pygame
import pytest
from faultlines.engine.analysis.drill import drill_spots
from faultlines.engine.table import Table

from tests.analysis_kit import SMALL, debrief_of, kept, open_board, short_game
from tests.analysis_kit import small_quick as small_quick  # noqa: F401 (a fixture)

pytestmark = pytest.mark.filterwarnings("ignore:Finding font with id")


@pytest.fixture
def drill(app):
    """The drill opened from the board of a game with one blunder (move 1)."""
    d = debrief_of(app, short_game())
    a = kept(app.top.log)
    board = open_board(app, d)
    d.key(pygame.K_d)
    d.pump(2)
    assert type(app.top).__name__ == "DrillScene"
    return app, d, board, a


def test_the_drill_opens_at_the_position_before_the_first_mistake(drill):
    app, d, board, a = drill
    scene = app.top
    q = drill_spots(a)[0]
    expected = Table.replayed(board.logged.case, board.logged.log, upto=q.index)
    assert scene.session.table.digest() == expected.digest()
    assert scene.palette.buttons  # the normal move palette
    assert "Drill 1 of 1" in scene.status and q.text in scene.status
    assert board.logged.log["moves"] == short_game().log()["moves"]  # the log is untouched


def test_a_chosen_move_is_estimated_and_shown_beside_the_games_and_the_best(drill):
    app, d, board, a = drill
    scene = app.top
    q = drill_spots(a)[0]
    d.play("town_hall", by_key=True)  # chosen as in play: its key on the palette
    result = app.top
    assert type(result).__name__ == "DrillResult"
    assert result.job is not None  # not one the board had estimated: rollouts, in the background
    assert result.job.wait(120)
    d.pump(3)
    tried = result.attempt
    assert tried is not None and tried.move == {"kind": "town_hall"}
    assert [r.label for r in tried.rows] == ["Your choice", "The game's move", "Best found"]
    assert tried.rows[1].estimate == q.played and tried.rows[2].estimate == q.best.estimate
    assert tried.mine.n == SMALL[0]
    assert scene.run.tried == [(q, tried)]  # the player's choice is kept
    assert "next" in result.buttons
    # the only mistake: Enter finishes the drill and returns to the board, which says so
    d.key(pygame.K_RETURN)
    d.pump(2)
    assert app.top is board and "1 of 1" in board.note


def test_the_games_own_move_uses_the_boards_estimate_and_esc_tries_again(drill):
    app, d, board, a = drill
    scene = app.top
    q = drill_spots(a)[0]
    d.play("challenge", target=q.move["target"])
    result = app.top
    assert result.job is None and result.attempt.mine == q.played
    assert "the move the game made" in result.attempt.verdict()
    d.key(pygame.K_ESCAPE)  # try another move: back at the same position
    assert app.top is scene
    d.key(pygame.K_ESCAPE)  # and Esc at the table leaves the drill
    assert app.top is board


def test_a_move_chosen_through_the_chooser_leaves_no_cancel_button_behind(drill):
    """A move with a component or a mode is chosen in a small chooser; once chosen, nothing
    is pending, so the table's Cancel (which sits over the status line) must not show
    behind the estimate."""
    app, d, board, a = drill
    scene = app.top
    component = scene.session.case.scenario.plan.components[0].id
    d.play("evidence_case", by_key=True, component=component)
    d.pump(2)
    assert type(app.top).__name__ == "DrillResult"
    assert scene.pending is None and not scene.buttons["cancel"].visible
