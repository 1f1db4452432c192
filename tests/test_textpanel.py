"""The game's own rich text (game/richtext.py) and the scrolling panel that shows it
(game/widgets/textpanel.py): what the card, transcript and situation box are drawn with."""

from __future__ import annotations

import pygame
import pytest

from tests.window_kit import headless


@pytest.fixture
def app(tmp_path):
    """Just enough of the App for a panel: fonts, text scale, a dirty flag."""
    headless(tmp_path)
    pygame.display.init()
    pygame.font.init()
    from faultlines.game.fonts import Fonts
    from faultlines.game.theme import scaled_size

    class Mini:
        fonts = Fonts()
        scale = 1.0
        dirty = 0

        def px(self, n):
            return round(n)

        def fs(self, n):
            return scaled_size(n, 1.0)

        def mark_dirty(self):
            self.dirty += 1
    yield Mini()
    pygame.display.quit()


def test_markup_is_parsed_into_styled_runs():
    from faultlines.game.richtext import parse, plain

    paras = parse("<b>Bold</b> and <i>it</i><br><font color='#ff0000'>red &lt;img&gt;</font>")
    assert [(r.text, r.face) for r in paras[0]] == [("Bold", "bold"), (" and ", "regular"),
                                                   ("it", "italic")]
    assert paras[1][0].colour == (255, 0, 0) and paras[1][0].text == "red <img>"
    assert plain("a<br><b>b</b>") == "a\nb"
    # a tag the game never writes is not followed: its text (none) is all that shows
    assert plain('x<img src="/etc/passwd">y') == "xy"


def test_text_wraps_to_the_width_and_cuts_words_longer_than_a_line(app):
    from faultlines.game.richtext import layout, parse

    lines = layout(app.fonts, parse("word " * 60 + "W" * 400), 16, 300)
    assert len(lines) > 5
    for line in lines:
        right = max(x + s.get_width() for s, x in line.pieces)
        assert right <= 300


def test_a_panel_lays_out_only_what_changed_and_appends_lines(app):
    from faultlines.game.widgets.textpanel import TextPanel

    p = TextPanel(app, pygame.Rect(0, 0, 300, 120))
    p.follow_end = True
    lines = [f"line {i} <b>bold</b> and more words to wrap" for i in range(30)]
    p.set_lines(lines)
    assert p.layouts == 30
    p.set_lines(lines)  # the same text: nothing laid out again
    assert p.layouts == 30
    p.set_lines(lines + ["one more"])
    assert p.layouts == 31  # only the new line
    assert p.offset == p.max_offset > 0  # the transcript follows its end
    p.scroll_to(0)
    p.set_lines(lines + ["one more", "and another"])
    assert p.offset == 0  # reading back up: new lines do not pull the reader down


def test_a_panel_scrolls_by_page_and_by_wheel_and_draws_only_its_rect(app):
    from faultlines.game.scenes.base import scroll_page
    from faultlines.game.widgets.textpanel import TextPanel

    p = TextPanel(app, pygame.Rect(10, 10, 300, 100))
    p.set_text("<br>".join(f"row {i}" for i in range(40)))
    bar = p.scroll_bar
    assert bar is not None and 0 < bar.visible_percentage < 1
    scroll_page(p, down=True)  # Page Down, as the scenes send it
    assert p.offset > 0 and bar.start_percentage > 0
    page = p.offset
    p.wheel(1)  # wheel up
    assert p.offset < page
    p.scroll_to(10 ** 6)
    assert p.offset == p.max_offset
    track = p._track()
    click = pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(track.centerx, track.y + 1))
    assert p.handle(click) and p.offset == 0  # a click at the top of the bar: back to the top
    surface = pygame.Surface((400, 200))
    surface.fill((1, 2, 3))
    p.draw(surface)
    assert surface.get_at((5, 5))[:3] == (1, 2, 3)  # outside the panel: untouched
    assert surface.get_at((320, 150))[:3] == (1, 2, 3)
    p.set_text("short")
    assert p.scroll_bar is None and p.offset == 0
