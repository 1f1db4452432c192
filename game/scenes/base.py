"""What every scene shares: its own pygame_gui manager (so an overlay's buttons never
leak clicks to the scene beneath), named buttons with actions (tests press them by name),
a keyboard focus ring, and a rebuild on resize or text-size change."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from faultlines.game.palette import BG, BORDER, PANEL
from faultlines.game.widgets.focus import FocusRing
from faultlines.game.widgets.textpanel import TextPanel
from pygame_gui.elements import UIButton, UILabel, UITextBox, UITooltip

if TYPE_CHECKING:
    from faultlines.game.app import App


def scroll_page(box: UITextBox, *, down: bool) -> None:
    bar = box.scroll_bar
    if bar is not None:
        step = bar.visible_percentage * 0.9
        bar.set_scroll_from_start_percentage(bar.start_percentage + (step if down else -step))


class Scene:
    """A full-window screen. Subclasses implement `build` (create elements for the current
    window size and text scale) and may override `handle_key`, `draw_under`, `draw_over`."""

    modal = False  # overlays draw the (frozen) scene below first

    def __init__(self, app: App):
        self.app = app
        self.ui: pygame_gui.UIManager | None = None
        self.buttons: dict[str, UIButton] = {}
        self._actions: dict[UIButton, Callable[[], None]] = {}
        self.focus = FocusRing()
        self.snapshot: pygame.Surface | None = None
        self.scrollables: list[UITextBox] = []  # Page Up / Page Down scroll these
        self._holders: dict = {}  # button name -> the container it scrolls in
        self.panels: list[TextPanel] = []  # text drawn by the game's own fonts
        self.heading_text = ""  # the screen's heading, spoken when it opens (self-voicing)

    # -- life cycle ------------------------------------------------------------------
    def rebuild(self) -> None:
        if self.ui is not None:
            self.app.release_manager(self.ui)
        self.ui = self.app.new_manager()
        self.buttons.clear()
        self._actions.clear()
        self._holders = {}
        self.scrollables = []
        self.panels = []
        old_focus = self.focus.current
        self.focus.clear()
        self.build()
        if old_focus:
            self.focus.focus(old_focus)
        self.ui.update(0.0)

    def build(self) -> None:
        raise NotImplementedError

    def on_resume(self) -> None:
        """Called when an overlay above this scene closes."""

    @property
    def main_box(self) -> UITextBox | None:
        """The scene's main text, the one Page Up / Page Down scroll (without Shift)."""
        return self.scrollables[0] if self.scrollables else None

    @main_box.setter
    def main_box(self, box: UITextBox) -> None:
        self.scrollables.insert(0, box)

    # -- helpers ---------------------------------------------------------------------
    def px(self, n: float) -> int:
        return self.app.px(n)

    def add_tabs(self, side: pygame.Rect, names: list[tuple[str, str]], height: int,
                 gap: int, current: str, show: Callable[[str], None]) -> int:
        """A row of tab buttons across the top of `side` (the side panel at large text
        sizes); returns the y where the tabs' content starts."""
        tw = (side.w - 2 * gap) // len(names)
        for i, (key, text) in enumerate(names):
            text = self._tab_label(text, tw)
            b = self.add_button(f"tab:{key}", pygame.Rect(side.x + i * (tw + gap), side.y, tw,
                                                           height), text,
                                lambda k=key: show(k), object_id="#choice", focus=False)
            if key == current:
                b.select()
        return side.y + height + gap

    def _tab_label(self, text: str, width: int) -> str:
        """The tab's label, without its key hint ("(3)") when the whole does not fit: the
        key is still in the help and the footer, and a cut word helps nobody."""
        size = self.app.fs(16)  # the #choice buttons' font
        if self.app.fonts.size(text, "regular", size)[0] + self.px(16) <= width:
            return text
        return text.rsplit(" (", 1)[0] if text.endswith(")") else text

    def mark_tab(self, key: str, names: tuple[str, ...]) -> None:
        """Show which tab of a tab bar made by `add_tabs` is chosen."""
        for name in names:
            b = self.buttons.get(f"tab:{name}")
            if b is not None:
                b.select() if name == key else b.unselect()

    def add_button(self, key: str, rect: pygame.Rect, text: str, action: Callable[[], None],
                   *, tooltip: str | None = None, object_id: str | None = None,
                   container=None, focus: bool = True, enabled: bool = True) -> UIButton:
        b = UIButton(rect, text, self.ui, container=container, tool_tip_text=tooltip,
                     object_id=object_id)
        if not enabled:
            b.disable()
        self.buttons[key] = b
        self._actions[b] = action
        if container is not None:
            self._holders[key] = container
        if focus:
            self.focus.add(key, b, action)
        return b

    def label(self, rect: pygame.Rect, text: str, object_id: str | None = None,
              container=None) -> UILabel:
        if object_id == "#heading":
            self.heading_text = text
        return UILabel(rect, text, self.ui, container=container, object_id=object_id)

    def text_box(self, rect: pygame.Rect, html: str, object_id: str | None = None,
                 container=None) -> UITextBox:
        return UITextBox(html, rect, self.ui, container=container, object_id=object_id)

    def panel(self, rect: pygame.Rect, html: str, size: float = 15) -> TextPanel:
        """A scrolling text panel drawn with the game's own fonts: much quicker to show
        than a pygame_gui text box (scenes opened after a move use it)."""
        p = TextPanel(self.app, rect, size=size)
        p.set_text(html)
        self.panels.append(p)
        return p

    def press(self, key: str) -> None:
        """Press a named button as a click would (used by keyboard shortcuts)."""
        b = self.buttons.get(key)
        if b is not None and b.is_enabled:
            self._actions[b]()

    # -- events ----------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        if event.type in (pygame.MOUSEWHEEL, pygame.MOUSEBUTTONDOWN) and \
                any(p.handle(event) for p in self.panels):
            return
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            action = self._actions.get(event.ui_element)
            if action is not None:
                self.app.mark_dirty()
                action()
            return
        if event.type == pygame.KEYDOWN and (self.handle_key(event) or self.scroll_key(event)):
            return
        if event.type == pygame.WINDOWLEAVE:  # the mouse left the window: nothing is hovered
            self.handle_mouse(pygame.event.Event(pygame.MOUSEMOTION, pos=(-1, -1), rel=(0, 0),
                                                 buttons=(0, 0, 0)))
            return
        if self.ui is not None and self.ui.process_events(event):
            return
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.on_escape()
                return
            self.focus.handle(event)
        elif event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEMOTION):
            self.handle_mouse(event)

    def handle_key(self, event: pygame.event.Event) -> bool:
        return False

    def scroll_key(self, event: pygame.event.Event) -> bool:
        """Page Up / Page Down scroll the scene's main text; with Shift, its second text."""
        if event.key not in (pygame.K_PAGEUP, pygame.K_PAGEDOWN) or not self.scrollables:
            return False
        which = 1 if event.mod & pygame.KMOD_SHIFT and len(self.scrollables) > 1 else 0
        scroll_page(self.scrollables[which], down=event.key == pygame.K_PAGEDOWN)
        self.app.mark_dirty()
        return True

    def handle_mouse(self, event: pygame.event.Event) -> None:
        pass

    def on_escape(self) -> None:
        pass

    def spoken_focus(self) -> str:
        """What has the keyboard's attention, in words for self-voicing: the person chosen
        on a map (scenes with one), else the focused button."""
        people = getattr(getattr(self, "map", None), "people", None)
        chosen = getattr(self, "selected", None)
        if people and chosen:
            p = next((q for q in people if q.id == chosen), None)
            if p is not None:
                from faultlines.game.text import stance_phrase  # the engine loads with a game

                return f"{p.name}, {p.role}, {p.organisation}: {stance_phrase(p.estimate)}."
        key = self.focus.current
        b = self.buttons.get(key) if key else None
        if b is None or not b.visible:
            return ""
        text = b.text + ("" if b.is_enabled else ", not available now")
        return text + (", chosen" if b.is_selected else "")

    # -- frame -----------------------------------------------------------------------
    def animating(self) -> bool:
        return False

    def update(self, dt: float) -> None:
        if self.ui is not None:
            self.ui.update(dt)

    def draw(self, surface: pygame.Surface) -> None:
        if self.modal and self.snapshot is not None:
            surface.blit(self.snapshot, (0, 0))
            shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
            shade.fill((0, 0, 0, 165))
            surface.blit(shade, (0, 0))
        else:
            surface.fill(BG)
        self.draw_under(surface)
        for p in self.panels:
            p.draw(surface)
        if self.ui is not None:
            self.ui.draw_ui(surface)
        self.draw_over(surface)
        self.focus.draw(surface, self.focus_clip())
        self._redraw_tooltips(surface)

    def focus_clip(self) -> pygame.Rect | None:
        """Where the focus ring may be drawn: inside the scrolling container holding the
        focused button, so a ring never shows over other parts of the screen."""
        key = self.focus.current
        holder = self._holders.get(key) if key else None
        return holder.rect.inflate(-2, -2) if holder is not None else None

    def _redraw_tooltips(self, surface: pygame.Surface) -> None:
        """Tooltips stay on top of what `draw_over` adds (key caps, focus rings)."""
        if self.ui is None:
            return
        for sprite in self.ui.get_sprite_group().sprites():
            if isinstance(sprite, UITooltip) and sprite.visible and \
                    sprite.text_block is not None and sprite.text_block.image is not None:
                surface.blit(sprite.text_block.image, sprite.text_block.rect)

    def draw_under(self, surface: pygame.Surface) -> None:
        pass

    def draw_over(self, surface: pygame.Surface) -> None:
        pass

    def partial_rect(self) -> pygame.Rect | None:
        """The only part of the window that changes this frame, if the scene knows it."""
        return None

    def draw_partial(self, surface: pygame.Surface) -> None:
        self.draw(surface)


class Overlay(Scene):
    """A modal panel over the scene beneath (pause menu, decision, saves...)."""

    modal = True
    width = 720
    height = 520

    def panel_rect(self) -> pygame.Rect:
        w, h = self.app.size
        pw = min(w - 40, self.px(self.width))
        ph = min(h - 40, self.px(self.height))
        return pygame.Rect((w - pw) // 2, (h - ph) // 2, pw, ph)

    def draw_under(self, surface: pygame.Surface) -> None:
        r = self.panel_rect()
        pygame.draw.rect(surface, PANEL, r, border_radius=8)
        pygame.draw.rect(surface, BORDER, r, 2, border_radius=8)

    def close(self) -> None:
        self.app.pop(self)

    def on_escape(self) -> None:
        self.close()

    def title(self, text: str, r: pygame.Rect | None = None) -> pygame.Rect:
        """Draw-free heading label at the top of the panel; returns the remaining area."""
        r = r or self.panel_rect()
        pad = self.px(18)
        h = self.app.fonts.line_height("bold", self.app.fs(22)) + self.px(6)
        # cut to the panel: a long forum name at Classroom size must not overflow its label
        text = self.app.fonts.ellipsize(text, "bold", self.app.fs(22), r.w - 2 * pad - self.px(12))
        self.label(pygame.Rect(r.x + pad, r.y + pad, r.w - 2 * pad, h), text, "#heading")
        return pygame.Rect(r.x + pad, r.y + pad + h + self.px(8), r.w - 2 * pad,
                           r.h - 2 * pad - h - self.px(8))

