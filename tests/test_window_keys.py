"""The window by keyboard alone: keys are posted to pygame's queue and the app's own loop
(`App.pump`, the same `step` the real loop runs) handles them, as a player's keys would be.

Each test makes SDL headless and points FAULTLINES_HOME at a temporary folder itself.
"""

from __future__ import annotations

import pygame
import pytest

from tests.window_kit import headless, open_app

pytestmark = pytest.mark.filterwarnings("ignore:Finding font with id")

CLASSROOM = 2  # the largest text size


def post_key(key: int, *, up: bool = True, mod: int = 0) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="",
                                         scancode=0))
    if up:
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, scancode=0))


def press(app, key: int, *, mod: int = 0) -> None:
    post_key(key, mod=mod)
    app.pump(2)


def scene(app) -> str:
    return type(app.top).__name__


def finished_game(app, ref: str = "tutorial", seed: int = 3) -> None:
    """A game played to its end through the doorway (every round ended at once), then shown
    as the window shows a finished game: its outcome screen."""
    app.start_new(ref, seed=seed)
    s = app.session
    for _ in range(200):
        if s.over:
            break
        s.play("end_round")
    assert s.over
    app.show_session()
    app.pump(2)


@pytest.fixture
def big_app(tmp_path):
    headless(tmp_path)
    a = open_app(text_size=CLASSROOM)
    yield a
    a.close()


def test_one_enter_on_read_the_briefing_shows_the_briefing(big_app):
    """A slow screen change lets pygame repeat a held Enter before its release is seen:
    that repeat must not press "Go to the table" too."""
    app = big_app
    app.show_title()
    app.pump(2)
    press(app, pygame.K_RETURN)  # "New game" has the focus on a fresh title screen
    assert scene(app) == "NewGameScene" and app.top.focus.current == "start"
    post_key(pygame.K_RETURN, up=False)
    post_key(pygame.K_RETURN, up=False)  # the repeat pygame makes while the key is down
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=pygame.K_RETURN, mod=0,
                                         scancode=0))
    app.pump(3)
    assert scene(app) == "BriefingScene"
    press(app, pygame.K_RETURN)  # a second, real press goes on to the table
    assert scene(app) == "TableScene"


def test_held_arrow_keys_still_repeat(big_app):
    app = big_app
    app.show_title()
    app.pump(2)
    first = app.top.focus.current
    post_key(pygame.K_DOWN, up=False)
    post_key(pygame.K_DOWN, up=False)
    app.pump(2)
    ring = [k for k, _, _ in app.top.focus.items]
    assert ring.index(app.top.focus.current) == (ring.index(first) + 2) % len(ring)


def _scrolled(box) -> float:
    bar = box.scroll_bar
    assert bar is not None, "the text fits: nothing to scroll"
    return bar.start_percentage


def _page_through(app, box) -> None:
    """Page Down reaches the end of the box's text and Page Up comes back to the top."""
    assert _scrolled(box) == 0
    seen = [0.0]
    for _ in range(40):
        press(app, pygame.K_PAGEDOWN)
        seen.append(_scrolled(box))
        if seen[-1] + box.scroll_bar.visible_percentage >= 0.999:
            break
    assert seen[-1] + box.scroll_bar.visible_percentage >= 0.999, "Page Down stopped short"
    assert all(b > a for a, b in zip(seen, seen[1:], strict=False)), seen
    for _ in range(40):
        press(app, pygame.K_PAGEUP)
    assert _scrolled(box) == 0


def test_page_keys_scroll_the_briefing_at_classroom_size(big_app):
    app = big_app
    app.start_new("elm", seed=3)
    app.pump(2)
    assert scene(app) == "BriefingScene"
    _page_through(app, app.top.main_box)
    people = app.top.scrollables[1]
    press(app, pygame.K_PAGEDOWN, mod=pygame.KMOD_SHIFT)  # Shift: the second column
    assert _scrolled(people) > 0


def test_page_keys_scroll_the_outcome_and_the_debrief_at_classroom_size(big_app):
    app = big_app
    finished_game(app, "elm")
    assert scene(app) == "OutcomeScene"
    if app.top.main_box.scroll_bar is not None:
        _page_through(app, app.top.main_box)
    press(app, pygame.K_RETURN)
    assert scene(app) == "DebriefScene"
    box = app.top.main_box
    assert box.scroll_bar.visible_percentage < 0.5  # most of it is below the fold
    _page_through(app, box)


def test_briefing_counts_are_worded_singular_and_plural(big_app):
    app = big_app
    app.start_new("tutorial", seed=3)  # the tutorial starts with one role and one fund
    app.pump(2)
    text = app.top.main_box.html_text
    assert "1 leadership role," in text and "1 transitional fund," in text
    assert "0 external funding bids" in text and "1 leadership roles" not in text


def test_months_used_never_exceed_the_calendar(big_app):
    app = big_app
    finished_game(app, "tutorial")
    import re

    used, total = map(int, re.search(r"Months used: (\d+) of (\d+)",
                                     app.top.main_box.html_text).groups())
    assert 0 < used <= total
