"""New game: a card per scenario with its case profile, the difficulty, and practice mode
(undo allowed). Scenario files that fail validation are listed with their first error
instead of crashing the menu."""

from __future__ import annotations

import random

import pygame
from faultlines.engine.errors import ScenarioError
from faultlines.engine.tuning import DIFFICULTIES
from faultlines.game.paths import catalogue
from faultlines.game.scenes.base import Scene
from faultlines.game.session import cached_case
from faultlines.game.text import esc
from pygame_gui.elements import UIScrollingContainer

LEVEL_WORDS = {"introductory": "Introductory", "moderate": "Moderate",
               "challenging": "Challenging"}
def population(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} million"
    if n >= 1_000:
        return f"{n / 1_000:.0f} thousand"
    return str(n)


def difficulty_details(name: str) -> str:
    """The level in plain words, as the engine describes it."""
    return f"{name.title()}: {DIFFICULTIES[name].describe}"


def scenario_card(ref: str) -> tuple[str, str | None]:
    """HTML for a scenario's card, and an error if it cannot be played."""
    try:
        case = cached_case(ref)
    except ScenarioError as exc:
        first = exc.problems[0] if exc.problems else str(exc)
        return (f"<b>{esc(ref)}</b><br>This scenario file has errors and cannot be played:"
                f"<br><i>{esc(first)}</i>", first)
    except Exception as exc:  # unreadable file: list it, never crash the menu
        return f"<b>{esc(ref)}</b><br>Cannot be loaded: {esc(exc)}", str(exc)
    sc = case.scenario
    cp = sc.case
    orgs = "; ".join(esc(o) for o in cp.organisations)
    html = (f"<b>{esc(sc.title)}</b><br>"
            f"<b>Population:</b> {population(cp.population)}. "
            f"<b>Footprint:</b> {esc(cp.footprint)}.<br>"
            f"<b>Organisations:</b> {orgs}.<br>"
            f"<b>Case difficulty:</b> {LEVEL_WORDS.get(cp.difficulty, cp.difficulty)}. "
            f"<b>Stakeholders:</b> {len(sc.stakeholders)}. "
            f"<b>Study:</b> {esc(cp.study)}.<br>"
            f"<i>{esc(cp.politics)}</i>")
    if case.source is not None and case.source.origin != "installed":
        html += f"<br><b>Your own scenario</b> ({esc(sc.id)}, version {esc(sc.version)})."
    return html, None


class NewGameScene(Scene):
    def __init__(self, app, *, difficulty: str = "standard"):
        super().__init__(app)
        self.refs = catalogue().ids()
        self.chosen = self.refs[0] if self.refs else None
        self.difficulty = difficulty
        self.practice = False
        self.seed = random.SystemRandom().randrange(1 << 30)

    def build(self) -> None:
        w, h = self.app.size
        pad = self.px(20)
        head_h = self.app.fonts.line_height("bold", self.app.fs(22)) + self.px(8)
        self.label(pygame.Rect(pad, pad, w - 2 * pad, head_h), "Choose a case", "#heading")
        top = pad + head_h + self.px(8)
        right_w = self.right_w = max(self.px(360), int(w * 0.32))
        left = pygame.Rect(pad, top, w - right_w - 3 * pad, h - top - pad)
        # scenario cards
        scroll = UIScrollingContainer(left, self.ui, should_grow_automatically=False)
        inner_w = left.w - self.px(24)
        y = 0
        self.card_errors: dict[str, str | None] = {}
        self.card_tops: dict[str, int] = {}
        for ref in self.refs:
            html, err = scenario_card(ref)
            self.card_errors[ref] = err
            self.card_tops[ref] = y
            box = self.text_box(pygame.Rect(0, y, inner_w, -1), html, "#card", container=scroll)
            card_h = box.rect.h + self.px(48)
            b = self.add_button(f"scenario:{ref}",
                                pygame.Rect(0, y + card_h - self.px(44), inner_w,
                                            self.px(38)),
                                f"Play this case ({ref})" if err is None else "Cannot be played",
                                lambda r=ref: self._choose(r), object_id="#choice",
                                container=scroll, enabled=err is None)
            if ref == self.chosen and err is None:
                b.select()
            y += card_h + self.px(12)
        if not self.refs:
            self.text_box(pygame.Rect(0, 0, inner_w, self.px(80)),
                          "No scenario files were found in the scenarios folder.", container=scroll)
        scroll.set_scrollable_area_dimensions((inner_w, max(y, 1)))
        self.scroll = scroll
        self.cards_h = max(y, 1)
        self.focus.on_change = self._scroll_to
        # difficulty and options
        x = left.right + pad
        y = top
        self.label(pygame.Rect(x, y, right_w, self.px(28)), "Difficulty", "#subheading")
        y += self.px(32)
        gap = self.px(6)
        bw = (right_w - gap * (len(DIFFICULTIES) - 1)) // len(DIFFICULTIES)
        for i, name in enumerate(DIFFICULTIES):
            b = self.add_button(f"difficulty:{name}",
                                pygame.Rect(x + i * (bw + gap), y, bw, self.px(40)),
                                name.title(), lambda n=name: self._difficulty(n),
                                object_id="#choice", tooltip=difficulty_details(name))
            if name == self.difficulty:
                b.select()
        y += self.px(48)
        bh = self.px(48)
        buttons_top = h - pad - 2 * bh - self.px(10)
        seed_h = self.app.fonts.line_height("regular", self.app.fs(15)) + self.px(4)
        chosen_top = buttons_top - seed_h - self.px(6)
        room = chosen_top - self.px(8) - (self.px(46) + seed_h + self.px(8)) - y - self.px(8)
        box_h = max(self.px(40), min(self.px(150), room))
        self.diff_box = self.text_box(pygame.Rect(x, y, right_w, box_h),
                                      esc(difficulty_details(self.difficulty)), "#small_box")
        y += box_h + self.px(8)
        b = self.add_button("practice", pygame.Rect(x, y, right_w, self.px(38)),
                            self._practice_text(), self._toggle_practice, object_id="#choice",
                            tooltip="Practice mode lets you undo your last move (Ctrl+Z). "
                                    "Good for trying things out; the debrief notes it.")
        if self.practice:
            b.select()
        y += self.px(46)
        self.label(pygame.Rect(x, y, right_w, seed_h), f"Game number (seed): {self.seed}",
                   "#muted")
        self.chosen_label = self.label(
            pygame.Rect(x, buttons_top - seed_h - self.px(6), right_w, seed_h),
            self._chosen_text(), "#subheading")
        self.add_button("start", pygame.Rect(x, buttons_top, right_w, bh),
                        "Read the briefing  \u2192", self._start, object_id="#primary",
                        enabled=self.chosen is not None and self.card_errors.get(self.chosen)
                        is None)
        self.add_button("back", pygame.Rect(x, h - pad - bh, right_w, bh), "Back to title",
                        self.app.show_title)
        self.focus.focus("start")

    def _scroll_to(self, key: str) -> None:
        """Keep the focused case's button in view when Tab reaches it."""
        if not key.startswith("scenario:"):
            return
        bar = self.scroll.vert_scroll_bar
        ref = key.split(":", 1)[1]
        if bar is None or ref not in self.refs:
            return
        bar.set_scroll_from_start_percentage(self.card_tops[ref] / self.cards_h)
        self.app.mark_dirty()

    def _chosen_text(self) -> str:
        if self.chosen is None or self.card_errors.get(self.chosen):
            return "Choose a case on the left"
        title = cached_case(self.chosen).scenario.title
        return self.app.fonts.ellipsize(f"Case: {title}", "bold", self.app.fs(17),
                                        self.right_w - self.px(8))

    def _practice_text(self) -> str:
        return f"Practice mode (undo allowed): {'on' if self.practice else 'off'}"

    def _refresh(self) -> None:
        """Show the current choices without rebuilding the screen (cards are costly)."""
        for key, b in self.buttons.items():
            on = (key == f"scenario:{self.chosen}" or key == f"difficulty:{self.difficulty}"
                  or (key == "practice" and self.practice))
            if key.startswith(("scenario:", "difficulty:")) or key == "practice":
                b.select() if on else b.unselect()
        self.buttons["practice"].set_text(self._practice_text())
        self.chosen_label.set_text(self._chosen_text())
        self.diff_box.set_text(esc(difficulty_details(self.difficulty)))
        start = self.buttons["start"]
        ok = self.chosen is not None and self.card_errors.get(self.chosen) is None
        start.enable() if ok else start.disable()
        self.app.mark_dirty()

    def _choose(self, ref: str) -> None:
        self.chosen = ref
        self._refresh()
        self.focus.focus("start")

    def _difficulty(self, name: str) -> None:
        self.difficulty = name
        self._refresh()
        self.focus.focus(f"difficulty:{name}")

    def _toggle_practice(self) -> None:
        self.practice = not self.practice
        self._refresh()
        self.focus.focus("practice")

    def _start(self) -> None:
        if self.chosen is None:
            return
        self.app.start_new(self.chosen, seed=self.seed, difficulty=self.difficulty,
                           practice=self.practice)

    def on_escape(self) -> None:
        self.app.show_title()
