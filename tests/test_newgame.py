"""The new-game screen: the tutorial comes first and is chosen already (one Enter starts
it), and each difficulty is described in plain words rather than the tuning's numbers."""

from __future__ import annotations

import re

import pygame
import pytest
from faultlines.engine.tuning import DIFFICULTIES

from tests.window_kit import headless, open_app

pytestmark = pytest.mark.filterwarnings("ignore:Finding font with id")


@pytest.fixture
def new_game(tmp_path):
    from faultlines.game.scenes.newgame import NewGameScene

    headless(tmp_path)
    app = open_app(text_size=2)
    app.switch(NewGameScene(app))
    app.pump(2)
    yield app
    app.close()


def test_the_tutorial_is_first_and_chosen(new_game):
    app = new_game
    scene = app.top
    assert scene.refs[0] == "tutorial" and scene.chosen == "tutorial"
    assert scene.buttons["scenario:tutorial"].is_selected
    assert scene.card_tops["tutorial"] == 0  # at the top of the list, no scrolling needed
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0,
                                         unicode="\r", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=pygame.K_RETURN, mod=0,
                                         scancode=0))
    app.pump(2)
    assert type(app.top).__name__ == "BriefingScene"
    assert app.session.case.scenario.id == "tutorial"


def test_difficulties_are_described_in_plain_words(new_game):
    scene = new_game.top
    for name in DIFFICULTIES:
        scene.press(f"difficulty:{name}")
        text = scene.diff_box.html_text
        assert DIFFICULTIES[name].describe in text
        assert not re.search(r"\d|\u00b1|radar", text, re.IGNORECASE), text
