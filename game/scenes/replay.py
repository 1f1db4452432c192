"""Replay: step through a logged game, forward and back, for discussion on a projector.

The stage tracker, the stakeholder map, the card and the transcript show the game after
each move exactly as `Table.replayed(case, log, upto=k)` rebuilds it (LoggedGame keeps each step,
so stepping is instant). A move list and a timeline show where you are. "Branch from here"
starts a playable game from that point with the same seed; when it ends, the debrief puts
the two branches side by side. Nothing here decides a rule.
"""

from __future__ import annotations

import time

import pygame
import pygame_gui
from faultlines.engine.table import Table
from faultlines.engine.view import PlayerView
from faultlines.game.logged_game import LoggedGame, MoveLine
from faultlines.game.moves_ui import MODE_WORDS, short
from faultlines.game.palette import BORDER, FOCUS, MUTED, PANEL, TEXT, hexs
from faultlines.game.scenes.base import Scene
from faultlines.game.session import BranchOrigin
from faultlines.game.text import esc, surname
from faultlines.game.widgets.card import person_card
from faultlines.game.widgets.stakeholder_map import StakeholderMap, map_links
from faultlines.game.widgets.timeline import Timeline
from faultlines.game.widgets.tracker import TopBar
from faultlines.game.widgets.transcript import Transcript
from pygame_gui.elements import UILabel, UIScrollingContainer

WIDE_AT = 1150  # as the table: window width / text scale from which columns fit
EARLIER_CHARS = 900  # transcript text kept above the current move's lines
SETTLE_S = 0.15  # while steps come faster than this (a held key, a drag), text waits


class ReplayScene(Scene):
    def __init__(self, app, logged: LoggedGame, *, at: int | None = None,
                 practice: bool = False):
        super().__init__(app)
        self.logged = logged
        self.k = logged.clamp(logged.n if at is None else at)
        self.practice = practice  # a branch inherits the original's practice mode
        self.reveal = False
        self.map = StakeholderMap(app)
        self.topbar = TopBar(app)
        self.timeline = Timeline(app)
        self.selected: str | None = max(logged.view(0).people, key=lambda p: p.influence).id
        self.tab = "moves"
        self.wide = True
        self.message = ""
        self.focus.arrows = False
        self._dragging = False
        self._last_step = 0.0
        self._text_due: float | None = None  # when the text boxes catch up with the step
        self._text_after_frame = 0
        self.board = None  # the analysis board of this game, once opened (A)

    # -- what is shown ---------------------------------------------------------------------
    @property
    def game(self) -> Table:
        """The game as shown: after the first `k` moves of the log (read only)."""
        return self.logged.game(self.k)

    def view(self) -> PlayerView:
        return self.game.revealed() if self.reveal else self.game.view

    def shown_digest(self) -> str:
        return self.game.digest()

    # -- layout ------------------------------------------------------------------------------
    def build(self) -> None:
        app, px = self.app, self.px
        w, h = app.size
        pad = px(8)
        lg = self.logged
        self.wide = w / app.scale >= WIDE_AT
        v = self.view()
        bh = app.fonts.line_height("regular", app.fs(16)) + px(10)
        specs = [("reveal", "Reveal drivers (R)" if self.wide else "Reveal",
                  self.toggle_reveal, "Show everyone's true stance and what drives them, "
                  "which the player could not see at the time (R)"),
                 ("history", "Transcript (L)" if self.wide else "Log", self.open_history,
                  "The full transcript up to this move (L)"),
                 ("analysis", "Analysis (A)" if self.wide else "Analysis", self.open_analysis,
                  "The analysis board: each position's chance, each move judged, the better "
                  "move, and a drill of the mistakes (A)"),
                 ("help", "Help", self.open_help, "The replay's keys, and how to play (F1)"),
                 ("close", "Close (Esc)" if self.wide else "Close", self.close,
                  "Leave the replay (Esc)")]
        widths = [app.fonts.size(t, "regular", app.fs(16))[0] + px(24) for _, t, _, _ in specs]
        x = w - pad - sum(widths) - pad * (len(specs) - 1)
        self.buttons_x = x
        for (key, text, action, tip), bw in zip(specs, widths, strict=True):
            b = self.add_button(key, pygame.Rect(x, px(4), bw, bh), text, action, tooltip=tip,
                                focus=False, object_id="#choice" if key == "reveal" else None)
            if key == "reveal" and self.reveal:
                b.select()
            x += bw + pad
        self._min_top = bh + px(8)
        self.topbar.view = v
        top_h = max(self.topbar.measure(v, w, self.buttons_x), self._min_top)
        self.top_rect = pygame.Rect(0, 0, w, top_h)
        # the bottom: the controls row, and the timeline above it
        lh = app.fonts.line_height("regular", app.fs(14))
        ctrl_h = max(app.fonts.line_height("bold", app.fs(17)) + px(16), 2 * lh + px(10))
        ctrl = pygame.Rect(pad, h - pad - ctrl_h, w - 2 * pad, ctrl_h)
        tl_h = app.fonts.line_height("regular", app.fs(13)) + px(16)
        self.timeline.rect = pygame.Rect(pad, ctrl.y - pad - tl_h, w - 2 * pad, tl_h)
        self.timeline.set_data(lg.n, [(self.stage_label(s), a, b) for s, a, b in lg.spans],
                               lg.decisions)
        self._controls(ctrl)
        body = pygame.Rect(0, top_h, w, self.timeline.rect.y - top_h)
        if self.wide:
            list_w = max(px(250), int(w * 0.21))
            card_w = max(px(320), int(w * 0.27))
            list_rect = pygame.Rect(pad, body.y + pad, list_w - pad, body.h - 2 * pad)
            card_rect = pygame.Rect(w - card_w, body.y + pad, card_w - pad, body.h - 2 * pad)
            cx = list_rect.right + pad
            cw = card_rect.x - pad - cx
            map_h = int(body.h * 0.62)
            self.map.set_rect(pygame.Rect(cx, body.y + pad, cw, map_h - pad))
            trans_rect = pygame.Rect(cx, self.map.rect.bottom + pad, cw,
                                     body.bottom - pad - self.map.rect.bottom - pad)
        else:
            side_w = max(px(300), int(w * 0.44))
            side = pygame.Rect(w - side_w, body.y + pad, side_w - pad, body.h - 2 * pad)
            self.map.set_rect(pygame.Rect(pad, body.y + pad, side.x - 2 * pad, side.h))
            names = [("moves", "Moves (1)"), ("card", "Card (2)"), ("log", "This move (3)")]
            top = self.add_tabs(side, names, bh, pad, self.tab, self.show_tab)
            content = pygame.Rect(side.x, top, side.w, side.bottom - top)
            list_rect = card_rect = trans_rect = content
        self._move_list(list_rect)
        self.card_box = self.text_box(card_rect, "", "#card")
        self._card_html = ""
        self.transcript_box = self.text_box(trans_rect, "", "#transcript")
        self.scrollables = [self.card_box, self.transcript_box]
        if not self.wide:
            self._apply_tab()
        self.sync(animate=False)

    def _controls(self, r: pygame.Rect) -> None:
        """Start / back / forward / end on the left, Branch from here on the right; the
        middle says where you are (drawn in draw_under)."""
        f, px, size = self.app.fonts, self.px, self.app.fs(16)
        long = [("start", "\u21e4 Start (Home)", "Go to the start of the game (Home)"),
                ("back", "\u25c0 Back (\u2190)", "One move back (\u2190)"),
                ("forward", "Forward (\u2192) \u25b6", "One move forward (\u2192)"),
                ("end", "End (End) \u21e5", "Go to the end of the game (End)")]
        short = [("start", "\u21e4", long[0][2]), ("back", "\u25c0", long[1][2]),
                 ("forward", "\u25b6", long[2][2]), ("end", "\u21e5", long[3][2])]
        branch_text = "Branch from here (B)"
        branch_w = f.size(branch_text, "bold", self.app.fs(17))[0] + px(28)
        gap = px(6)
        need = sum(f.size(t, "regular", size)[0] + px(24) for _, t, _ in long) + 3 * gap
        specs = long if need + branch_w + px(320) <= r.w else short
        actions = {"start": lambda: self.go(0), "back": lambda: self.go(self.k - 1),
                   "forward": lambda: self.go(self.k + 1),
                   "end": lambda: self.go(self.logged.n)}
        x = r.x
        for key, text, tip in specs:
            bw = f.size(text, "regular", size)[0] + px(24) if specs is long else \
                max(r.h, px(48))
            self.add_button(key, pygame.Rect(x, r.y, bw, r.h), text, actions[key], tooltip=tip,
                            focus=False)
            x += bw + gap
        self.add_button("branch", pygame.Rect(r.right - branch_w, r.y, branch_w, r.h),
                        branch_text, self.branch, object_id="#primary", focus=False,
                        tooltip="Play on from this point yourself: the same seed and the same "
                                "moves up to here, so the same game until you choose "
                                "differently (B)")
        self.where_rect = pygame.Rect(x + px(6), r.y, r.right - branch_w - px(12) - x, r.h)

    def _move_list(self, rect: pygame.Rect) -> None:
        """One button per step (the start, then every move) under its stage's name."""
        app, px = self.app, self.px
        self.list_box = UIScrollingContainer(rect, self.ui, should_grow_automatically=False,
                                             allow_scroll_x=False)
        inner = rect.w - px(18)
        size = app.fs(15)
        bh = app.fonts.line_height("regular", size) + px(8)
        head_h = app.fonts.line_height("bold", app.fs(14)) + px(4)
        lines = self.logged.moves
        y = 0
        self.step_buttons = {}
        self.list_heads: list[tuple[int, str]] = []  # (step, stage id) of each heading
        shown = None
        for k in range(self.logged.n + 1):
            # each move under the stage it was played in (the start: the game's first stage)
            sid = self.played_in(k) if k else self.logged.stage_at(0)
            if sid != shown:
                shown = sid
                self.list_heads.append((k, sid))
                head = app.fonts.ellipsize(self.stage_label(sid).upper(), "bold",
                                           app.fs(14), inner - px(8))
                UILabel(pygame.Rect(0, y, inner, head_h), head, self.ui,
                        container=self.list_box, object_id="#family")
                y += head_h
            if k == 0:
                text, tip = "Start of the game", "Before the first move"
            else:
                m = lines[k - 1]
                text = f"{k}. {self.move_label(m)}"
                tip = (f"<b>Move {k}</b> ({esc(self.stage_label(sid))}, round "
                       f"{self.played_round(k)}): {esc(m.text)}")
            label = app.fonts.ellipsize(text, "regular", size, inner - px(16))
            b = self.add_button(f"step:{k}", pygame.Rect(0, y, inner, bh), label,
                                lambda k=k: self.go(k), container=self.list_box, focus=False,
                                tooltip=tip, object_id="#move")
            self.step_buttons[k] = b
            y += bh + px(2)
        self.list_box.set_scrollable_area_dimensions((inner, y))

    def move_label(self, m: MoveLine) -> str:
        """Short enough for the move list: "One-to-one: Rooke", "Evidence case: Prevention..."."""
        case = self.logged.case
        bits = []
        for key in ("target", "other"):
            sid = m.params.get(key)
            if sid in case.index:
                bits.append(surname(case.name(sid)))
        comp = m.params.get("component")
        if comp:
            names = {c.id: c.name for c in case.scenario.plan.components}
            bits.append(names.get(comp, comp))
        if m.params.get("mode"):
            bits.append(MODE_WORDS.get(m.params["mode"], (m.params["mode"],))[0].lower())
        return short(m.kind) + (": " + " & ".join(bits[:2]) + (", " + bits[2] if len(bits) > 2 else "")
                        if bits else "")

    def stage_label(self, sid: str) -> str:
        """The scenario's own name for a stage."""
        if sid not in self.logged.case.stages_by_id:
            return sid
        return self.logged.case.stage(sid).name

    def played_in(self, k: int) -> str:
        """The stage move k was played in: the stage its event carries, else the stage the
        game was in just before it."""
        return self.logged.moves[k - 1].stage or self.logged.stage_at(k - 1)

    def played_round(self, k: int) -> int:
        return self.logged.moves[k - 1].round or self.logged.view(k - 1).round

    def show_tab(self, key: str) -> None:
        """Large text: which of the move list / card / this move fills the side panel."""
        self.tab = key
        if self.wide:
            return
        self.mark_tab(key, ("moves", "card", "log"))
        self._apply_tab()
        self.app.mark_dirty()

    def _apply_tab(self) -> None:
        for key, el in (("moves", self.list_box), ("card", self.card_box),
                        ("log", self.transcript_box)):
            el.show() if key == self.tab else el.hide()
        if self.tab == "moves":
            self._scroll_list()

    # -- stepping ------------------------------------------------------------------------------
    def go(self, k: int) -> None:
        k = self.logged.clamp(k)
        if k == self.k:
            return
        step = abs(k - self.k) == 1
        self.k = k
        self.message = ""
        move = self.logged.moves[k - 1] if k > 0 else None
        if move is not None and move.target:
            self.selected = move.target  # the card follows the person acted on
        now = time.perf_counter()
        rapid = now - self._last_step < SETTLE_S
        self._last_step = now
        self.sync(animate=step, text_in=SETTLE_S if rapid else 0.0)

    def sync(self, *, animate: bool, text_in: float | None = None) -> None:
        """Show step k. Laying out the card and transcript text takes a good part of a
        tenth of a second, so with `text_in` they follow a frame later (after the map,
        tracker and move list have moved), or once a held key or a drag pauses."""
        v = self.view()
        top_h = max(self.topbar.measure(v, self.app.size[0], self.buttons_x), self._min_top)
        if top_h != self.top_rect.h:
            self.rebuild()  # the tracker wraps differently at this step: lay out again
            return
        self.topbar.view = v
        self.map.set_data(v.people, map_links(self.game),
                          self.logged.case.scenario.rules.support_at, animate=animate)
        self.map.selected = self.selected
        self.map.true_stances = self.reveal
        self.map.prompt = "True stances (revealed for the debrief)" if self.reveal else ""
        self.map.invalidate()
        self.timeline.current = self.k
        if text_in is None:
            self.update_text()
        else:
            self._text_due = time.perf_counter() + text_in
            self._text_after_frame = self.app.frames
        for k, b in self.step_buttons.items():
            if k == self.k:
                b.select()
            elif b.is_selected:
                b.unselect()
        self._scroll_list()
        n = self.logged.n
        for key, on in (("start", self.k > 0), ("back", self.k > 0), ("forward", self.k < n),
                        ("end", self.k < n), ("branch", not self.game.over)):
            b = self.buttons[key]
            if on and not b.is_enabled:
                b.enable()
            elif not on and b.is_enabled:
                b.disable()
        self.app.mark_dirty()

    def update_text(self) -> None:
        """The card and the transcript for the step shown (the slow part of a step)."""
        self._text_due = None
        self.update_card()
        self.transcript_box.set_text(self.transcript_html(self.view()))
        bar = self.transcript_box.scroll_bar
        if bar is not None:
            bar.set_scroll_from_start_percentage(1.0)
            self.transcript_box.update(0.0)
        self.app.mark_dirty()

    def update(self, dt: float) -> None:
        if self._text_due is not None and self.app.frames > self._text_after_frame and \
                time.perf_counter() >= self._text_due:
            self.update_text()
        super().update(dt)

    def _scroll_list(self) -> None:
        """Keep the current step in the middle of the move list."""
        b = self.step_buttons.get(self.k)
        bar = self.list_box.vert_scroll_bar
        if b is None or bar is None:
            return
        total = self.list_box.scrolling_height or 1
        top = b.relative_rect.y - self.list_box.rect.h // 2
        bar.set_scroll_from_start_percentage(min(max(0.0, top / total),
                                                 1.0 - bar.visible_percentage))
        self.list_box.update(0.0)

    def update_card(self) -> None:
        if self.selected is None:
            html = "Click a person on the map, or press Tab, to see their card."
        else:
            html = person_card(self.logged.case, self.view(), self.selected, self.app.palette,
                               revealed=self.reveal)
        if html != self._card_html:  # laying out a text box is the slow part
            self._card_html = html
            self.card_box.set_text(html)

    def transcript_html(self, v: PlayerView) -> str:
        """The story so far (its recent part), then what this move did, marked."""
        lg, k, pal = self.logged, self.k, self.app.palette
        new = lg.new_events(k)
        events = lg.game(k).events
        earlier = Transcript.from_events(events[:len(events) - len(new)], v, pal)
        parts = []
        if not lg.matches:
            parts.append(f"<font color='{hexs(pal.oppose)}'><b>\u26a0 The scenario has changed "
                         "since this game was played: the replay differs from the log.</b>"
                         "</font>")
        if earlier.lines:
            parts.append(earlier.recent_html(EARLIER_CHARS))
        title = "Start of the game" if k == 0 else f"Move {k} of {lg.n}"
        now = Transcript.from_events(new, v, pal).lines
        parts.append(f"<font color='{hexs(FOCUS)}'><b>\u25b6 {title}</b></font><br>"
                     + ("<br>".join(now) or "<i>Nothing else happened.</i>"))
        return "<br><br>".join(parts)

    def where_text(self) -> tuple[str, str]:
        """Two lines for the controls row: which step, and what the move was."""
        lg, k = self.logged, self.k
        v = self.game.view
        now = "game over (step back to branch)" if v.outcome else \
            f"{self.stage_label(v.stage)}, round {v.round}"
        if not k:
            head = f"Start \u00b7 {now}"
        else:
            sid = self.played_in(k)
            head = f"Move {k} of {lg.n} \u00b7 {self.stage_label(sid)}, round " \
                   f"{self.played_round(k)}"
            if v.outcome or sid != v.stage:
                head += f" \u2192 {now}"
        if self.reveal:
            head += " \u00b7 drivers revealed"
        line = lg.moves[k - 1].text if k else f"{lg.title} (seed {lg.log['seed']})"
        return head, self.message or line

    # -- actions ---------------------------------------------------------------------------------
    def toggle_reveal(self) -> None:
        self.reveal = not self.reveal
        b = self.buttons.get("reveal")
        if b is not None:
            b.select() if self.reveal else b.unselect()
        self.sync(animate=True)

    def branch(self) -> None:
        if self.game.over:
            self.message = "The game is over at this point: step back to branch from earlier."
            self.app.mark_dirty()
            return
        table = self.logged.branch(self.k, practice=self.practice)
        self.app.start_branch(table, BranchOrigin(log=self.logged.log, at=self.k),
                              scenario_ref=self.logged.scenario_ref)

    def open_history(self) -> None:
        from faultlines.game.scenes.overlays import HistoryOverlay

        t = Transcript.from_events(self.game.events, self.view(), self.app.palette)
        self.app.push(HistoryOverlay(self.app, t))

    def open_help(self) -> None:
        from faultlines.game.scenes.menus import HelpOverlay

        self.app.push(HelpOverlay(self.app, replay=True))

    def open_analysis(self) -> None:
        """The analysis board of this game: the one this replay was opened from (it keeps
        its place), else a new one over the replay."""
        from faultlines.game.scenes.analysis import AnalysisScene

        scenes = self.app.scenes
        below = scenes[-2] if len(scenes) > 1 and scenes[-1] is self else None
        if isinstance(below, AnalysisScene) and below.logged is self.logged:
            self.app.pop(self)
            below.select(self.k)
            return
        if self.board is None or (self.board.analysis is None and self.board.job is None):
            # kept while it has an analysis, or a job making one
            self.board = AnalysisScene(self.app, self.logged, practice=self.practice)
        self.board.chart.selected = self.k
        self.app.push(self.board)

    def close(self) -> None:
        if self.board is not None:
            self.board.cancel()  # an analysis being made for this replay stops with it
        if len(self.app.scenes) > 1 and self.app.top is self:
            self.app.pop(self)  # back to the debrief it was opened from
        else:
            self.app.show_title()

    def select(self, sid: str | None) -> None:
        self.selected = sid
        self.map.selected = sid
        self.map.invalidate()
        self.update_card()
        self.app.mark_dirty()

    def cycle(self, step: int) -> None:
        order = [p.id for p in sorted(self.view().people, key=lambda p: -p.influence)]
        i = order.index(self.selected) if self.selected in order else -1
        self.select(order[(i + step) % len(order)])
        self.show_tab("card")

    # -- input -----------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEBUTTONUP:
            self._dragging = False
        super().handle(event)

    def handle_key(self, event: pygame.event.Event) -> bool:
        k = event.key
        if event.mod & pygame.KMOD_CTRL:
            return False
        steps = {pygame.K_LEFT: -1, pygame.K_UP: -1, pygame.K_RIGHT: 1, pygame.K_DOWN: 1}
        if k in steps:
            self.go(self.k + steps[k])
        elif k == pygame.K_HOME:
            self.go(0)
        elif k == pygame.K_END:
            self.go(self.logged.n)
        elif k == pygame.K_b:
            self.branch()
        elif k == pygame.K_r:
            self.toggle_reveal()
        elif k == pygame.K_l:
            self.open_history()
        elif k == pygame.K_a:
            self.open_analysis()
        elif k == pygame.K_ESCAPE:
            self.close()
        elif k == pygame.K_TAB:
            self.cycle(-1 if event.mod & pygame.KMOD_SHIFT else 1)
        elif k in (pygame.K_1, pygame.K_2, pygame.K_3):
            self.show_tab({pygame.K_1: "moves", pygame.K_2: "card", pygame.K_3: "log"}[k])
        elif k == pygame.K_F1:
            self.open_help()
        else:
            return False
        return True

    def handle_mouse(self, event: pygame.event.Event) -> None:
        pos = event.pos
        if event.type == pygame.MOUSEMOTION:
            if self._dragging and event.buttons[0]:
                step = self.timeline.step_at((pos[0], self.timeline.rect.centery))
                if step is not None:
                    self.go(step)
                return
            hovered = self.map.hit(pos) if self.map.rect.collidepoint(pos) else None
            if hovered != self.map.hovered:
                self.map.hovered = hovered
                self.map.invalidate()
                self.app.mark_dirty()
            return
        if event.button != 1:
            return
        step = self.timeline.step_at(pos)
        if step is not None:
            self._dragging = True
            self.go(step)
            return
        if self.map.rect.collidepoint(pos):
            sid = self.map.hit(pos)
            if sid is not None:
                self.select(sid)
                self.show_tab("card")

    # -- drawing -----------------------------------------------------------------------------------
    def animating(self) -> bool:
        return self.map.animating() or self._text_due is not None

    def partial_rect(self) -> pygame.Rect | None:
        if not self.map.animating() or self._text_due is not None or self.ui is None:
            return None
        if any(isinstance(sp, pygame_gui.elements.UITooltip)
               for sp in self.ui.get_sprite_group().sprites()):
            return None
        return self.map.rect

    def draw_partial(self, surface: pygame.Surface) -> None:
        self.map.draw(surface)

    def draw_under(self, surface: pygame.Surface) -> None:
        self.topbar.draw(surface, self.top_rect, self.buttons_x)
        self.map.draw(surface)
        self.timeline.draw(surface)
        r = self.where_rect
        pygame.draw.rect(surface, PANEL, r, border_radius=6)
        pygame.draw.rect(surface, BORDER, r, 1, border_radius=6)
        f, px = self.app.fonts, self.px
        head, line = self.where_text()
        size = self.app.fs(14)
        lh = f.line_height("regular", size)
        y = r.centery - lh
        width = r.w - px(16)
        surface.blit(f.render(f.ellipsize(head, "bold", size, width), "bold", size,
                              FOCUS if self.reveal else TEXT), (r.x + px(8), y))
        colour = self.app.palette.oppose if self.message else MUTED
        surface.blit(f.render(f.ellipsize(line, "regular", size, width), "regular", size,
                              colour), (r.x + px(8), y + lh))


__all__ = ["ReplayScene"]
