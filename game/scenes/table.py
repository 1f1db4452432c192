"""The main table: the stakeholder map, the card of the person in focus, the move palette,
the stage tracker, the situation (demands, stand-offs, hints) and the transcript.

A move is built here from a `Choice` in the view (kind, then a person, a component or a
mode as the move needs, each offered from `Session.options`: the engine's targeting step)
and handed to `Session.play`; the events that come back feed the transcript, the map's
animation and the decision and news overlays. No rule is decided here.
"""

from __future__ import annotations

from typing import Any

import pygame
from faultlines.engine.choices import Choice
from faultlines.engine.errors import IllegalMove
from faultlines.engine.events import Event
from faultlines.engine.tuning import DIFFICULTIES
from faultlines.engine.view import action_seen
from faultlines.game import richtext
from faultlines.game.background import Job, JobRollouts, WatchesJob
from faultlines.game.moves_ui import KEY_TO_KIND, MODE_WORDS, key_name, short
from faultlines.game.palette import BORDER, FOCUS, MUTED, PANEL, TEXT, hexs
from faultlines.game.scenes.base import Scene
from faultlines.game.text import esc, surname
from faultlines.game.widgets.card import person_card
from faultlines.game.widgets.move_palette import MovePalette
from faultlines.game.widgets.stakeholder_map import Link, StakeholderMap, map_links
from faultlines.game.widgets.textpanel import TextPanel
from faultlines.game.widgets.tracker import TopBar
from faultlines.game.widgets.transcript import Transcript

DEFAULT_STATUS = ("Choose a move on the left (or press its key), or click a person to read "
                  "their card. Each move costs team capacity; End the round (N) when you are "
                  "done. F1: help.")
WIDE_AT = 1150  # window width / text scale from which everything fits side by side
TOP_SHARE = 0.22  # most of the window's height the top bar may take (then it scrolls)
SITUATION_LINES = 3  # the situation box's fixed height in lines (more scrolls)
TRANSCRIPT_LINES = 400  # lines kept in the live transcript (the rest: press L)
NOTHING_PRESSING = "Nothing pressing: no open demands, stand-offs or questions."
REQUIRES_WORDS = {"offer_role": "offer a leadership role", "offer_funds": "offer funds",
                  "co_write_case": "a co-written business case",
                  "consult_genuine": "a genuine consultation"}


#: what the situation box says while a fair hint is being worked out
HINT_THINKING = ("Hint: trying each possible move in imagined games that fit what you know "
                 "(the hidden drivers are drawn, never read)\u2026 Esc cancels.")


class TableScene(WatchesJob, Scene):
    def __init__(self, app, session=None):
        """The table of `session` (by default the game being played: the app's session)."""
        super().__init__(app)
        s = session or app.session
        assert s is not None
        self.session = s
        self.map = StakeholderMap(app)
        self.topbar = TopBar(app)
        self.transcript = Transcript.from_events(s.table.events, s.view, app.palette)
        self.selected: str | None = max(s.view.people, key=lambda p: p.influence).id
        self.pending: dict[str, Any] | None = None
        self.status = DEFAULT_STATUS
        self.status_error = False
        self.hover_move: str | None = None
        self.queue: list[Scene] = []
        self._changes = s.changes  # the session's changes this scene has shown
        self._card_for: tuple | None = None
        self.focus.arrows = False
        self.tab = "card"
        self.wide = True
        self._transcript_shown: tuple[int, int] | None = None
        self.job: Job | None = None  # a fair hint being worked out (practice games)
        self.hint_line: str | None = None
        self.hint_at = -1  # the session's change count the hint (or its job) is for

    # -- layout ------------------------------------------------------------------------
    def build(self) -> None:
        app, px = self.app, self.px
        w, h = app.size
        v = self.session.view
        pad = px(8)
        self.wide = w / app.scale >= WIDE_AT
        # top-right buttons
        bh = app.fonts.line_height("regular", app.fs(16)) + px(10)
        specs = self.top_buttons()
        widths = [app.fonts.size(t, "regular", app.fs(16))[0] + px(24) for _, t, _, _ in specs]
        x = w - pad - sum(widths) - pad * (len(specs) - 1)
        self.buttons_x = x
        for (key, text, action, tip), bw in zip(specs, widths, strict=True):
            self.add_button(key, pygame.Rect(x, px(4), bw, bh), text, action, tooltip=tip,
                            focus=False)
            x += bw + pad
        self._min_top = bh + px(8)
        # the top bar keeps one height all game; a small window at a large text size gets
        # at most TOP_SHARE of the height, and the wheel over the bar scrolls the rest
        most = self.topbar.measure_most(v, w, self.buttons_x)
        rows = max(2, int(h * TOP_SHARE) // self.topbar.row_h)
        top_h = max(min(most, rows * self.topbar.row_h + px(8)), self._min_top)
        self.top_rect = pygame.Rect(0, 0, w, top_h)
        lh = app.fonts.line_height("regular", app.fs(14))
        self.status_rect = pygame.Rect(0, h - 2 * lh - px(12), w, 2 * lh + px(12))
        body = pygame.Rect(0, top_h, w, self.status_rect.y - top_h)
        end_h = app.fonts.line_height("bold", app.fs(17)) + px(16)
        if self.wide:
            palette_w = max(px(300), MovePalette.width_for(app, 2) + pad)
            card_w = max(px(320), int(w * 0.28))
            pal_rect = pygame.Rect(pad, body.y + pad, palette_w - pad, body.h - 3 * pad - end_h)
            end_rect = pygame.Rect(pad, pal_rect.bottom + pad, palette_w - pad, end_h)
            self.card_rect = pygame.Rect(w - card_w, body.y + pad, card_w - pad,
                                         body.h - 2 * pad)
            cx = palette_w + pad
            cw = self.card_rect.x - pad - cx
            map_h = int(body.h * 0.64)
            self.map.set_rect(pygame.Rect(cx, body.y + pad, cw, map_h - pad))
            centre = pygame.Rect(cx, self.map.rect.bottom + pad, cw,
                                 body.bottom - pad - self.map.rect.bottom - pad)
            self.situation_h = self.measure_situation(centre.h)
            self.situation_rect = pygame.Rect(centre.x, centre.y, centre.w, self.situation_h)
            trans_rect = pygame.Rect(centre.x, centre.y + self.situation_h, centre.w,
                                     centre.h - self.situation_h)
            self.tab_rects: dict[str, pygame.Rect] = {}
        else:
            side_w = max(px(300), int(w * 0.44))
            side = pygame.Rect(w - side_w, body.y + pad, side_w - pad, body.h - 2 * pad)
            self.map.set_rect(pygame.Rect(pad, body.y + pad, side.x - 2 * pad, side.h))
            tab_h = bh
            tw = (side.w - 2 * pad) // 3 - px(16)
            log = "Transcript (3)" if app.fonts.size("Transcript (3)", "regular", app.fs(16))[0] \
                <= tw else "Log (3)"
            names = [("card", "Card (1)"), ("moves", "Moves (2)"), ("log", log)]
            y = self.add_tabs(side, names, tab_h, pad, self.tab, self.show_tab)
            room = side.bottom - end_h - pad - y
            self.situation_h = self.measure_situation(room)
            self.situation_rect = pygame.Rect(side.x, y, side.w, self.situation_h)
            y += self.situation_h
            end_rect = pygame.Rect(side.x, side.bottom - end_h, side.w, end_h)
            content = pygame.Rect(side.x, y, side.w, end_rect.y - pad - y)
            self.card_rect = content
            pal_rect = content
            trans_rect = content
        self.palette = MovePalette(self, pal_rect, v, self.start_move)
        self.add_button("move:end_round", end_rect,
                        f"End the round  ({key_name('end_round')})",
                        lambda: self.start_move("end_round"), object_id="#primary",
                        tooltip=self.choice("end_round").help, focus=False)
        self.card_box = TextPanel(app, self.card_rect, size=16)
        self._card_for = None
        r = self.situation_rect
        self.situation_box = TextPanel(app, pygame.Rect(r.x, r.y, r.w, r.h - self.px(6)),
                                       size=15)
        self.transcript_box = TextPanel(app, trans_rect, size=15)
        self.transcript_box.follow_end = True
        self.panels = [self.card_box, self.situation_box, self.transcript_box]
        self.scrollables = [self.card_box, self.transcript_box]
        # the cancel button for choosing a person
        cb_w = px(150)
        self.add_button("cancel", pygame.Rect(w - pad - cb_w, self.status_rect.y + px(5), cb_w,
                                              self.status_rect.h - px(10)),
                        "Cancel (Esc)", self.cancel_pending, focus=False)
        if not self.wide:
            self._apply_tab()
        self.sync(animate=False, rebuild=True)

    def top_buttons(self) -> list[tuple[str, str, Any, str]]:
        """(name, label, action, tooltip) of the buttons at the top right."""
        specs = [("plan", "Plan", self.open_plan, "The plan and its components (P)"),
                 ("history", "Transcript" if self.wide else "Log", self.open_history,
                  "The full transcript (L)"),
                 ("help", "Help", self.open_help, "How to play and all the keys (F1)"),
                 ("menu", "Menu", self.open_menu, "Pause: save, load, settings, quit (Esc)")]
        if self.session.practice:
            specs.insert(0, ("undo", "Undo", self.undo, "Undo your last move (Ctrl+Z)"))
        if self.hints_offered():
            specs.insert(0, ("hint", "Hint", self.ask_hint,
                             "A fair hint: each possible move tried in imagined games that fit "
                             "what you know (?)"))
        return specs

    def hints_offered(self) -> bool:
        """Hints belong to practice difficulty (engine.analysis.hint.refusal says why not)."""
        level = DIFFICULTIES.get(self.session.table.difficulty)
        return level is not None and level.hints

    def show_tab(self, key: str) -> None:
        """Compact layout: which of card / moves / transcript fills the side panel."""
        if self.wide or key == self.tab:
            self.tab = key
            return
        self.tab = key
        self.mark_tab(key, ("card", "moves", "log"))
        self._apply_tab()
        self.app.mark_dirty()

    def _apply_tab(self) -> None:
        show = {"card": [self.card_box], "moves": [self.palette.container],
                "log": [self.transcript_box]}
        for key, elements in show.items():
            for el in elements:
                el.show() if key == self.tab else el.hide()

    # -- syncing the view ------------------------------------------------------------------
    def links(self) -> list[Link]:
        return map_links(self.session.table)

    def sync(self, *, animate: bool, rebuild: bool = False) -> None:
        s = self.session
        v = s.view
        self.map.set_data(v.people, self.links(), s.case.scenario.rules.support_at,
                          animate=animate)
        self.map.selected = self.selected
        self.palette.refresh(v)
        end = self.buttons.get("move:end_round")
        if end is not None:
            if v.outcome is None and not end.is_enabled:
                end.enable()
            elif v.outcome is not None and end.is_enabled:
                end.disable()
        if "undo" in self.buttons:
            if s.can_undo() is None:
                self.buttons["undo"].enable()
            else:
                self.buttons["undo"].disable()
        self.topbar.view = v  # the top bar and the boxes keep their size: no relayout
        self.situation_box.set_text(self.situation_html())
        self.update_card(keep_scroll=not rebuild)
        shown = (len(self.transcript.lines), id(self.transcript))
        if rebuild or shown != self._transcript_shown:
            self._transcript_shown = shown
            self.transcript_box.set_lines(self.transcript.recent_lines(TRANSCRIPT_LINES))
            self.transcript_box.scroll_to_end()
        if "cancel" in self.buttons:
            if self.pending:
                self.buttons["cancel"].show()
            else:
                self.buttons["cancel"].hide()
        self.app.mark_dirty()

    def situation_lines(self) -> list[tuple[str, Any]]:
        v = self.session.view
        case = self.session.case
        pal = self.app.palette
        out: list[tuple[str, Any]] = []
        if self.hint_at == self.session.changes:
            if self.hint_line:
                out.append((self.hint_line, FOCUS))
            elif self.job is not None:
                out.append((HINT_THINKING, MUTED))
        if v.hint:
            out.append((f"Hint: {v.hint}", FOCUS))
        for d in v.demands:
            if d.met:
                continue
            who = ", ".join(surname(case.name(x)) for x in d.by if x in case.index)
            need = REQUIRES_WORDS.get(d.requires, "")
            ben = d.beneficiary
            if ben and ben in case.index:
                need += f" for {surname(case.name(ben))}"
            out.append((f"\u26a0 {who} demands: {d.note}"
                        + (f" (needs {need})" if need else ""), pal.oppose))
        so = v.standoff
        if so and not so.resolved:
            members = ", ".join(surname(case.name(x)) for x in so.members
                                if x in case.index)
            out.append((f"\u26a0 Stand-off ({members}): {so.note} Two of them "
                        f"can co-write a business case ({key_name('co_write_case')}) to "
                        "break it.", pal.oppose))
        for a in v.asks:
            if a.answer is None:
                out.append((f"\u26a0 {a.text} Answer the consultation "
                            f"({key_name('answer_ask')}) before it decides.", pal.oppose))
        return out

    def situation_html(self) -> str:
        lines = self.situation_lines() or [(NOTHING_PRESSING, MUTED)]
        return "<br>".join(f"<font color='{hexs(c)}'>{esc(t)}</font>" for t, c in lines)

    def measure_situation(self, room: int) -> int:
        """Height of the situation box: fixed (more than fits scrolls), so a demand or a
        stand-off appearing never moves the rest of the table. Up to SITUATION_LINES lines,
        fewer when that would leave the panel below it less than half of `room`."""
        lh = richtext.line_height(self.app.fonts, self.app.fs(15))
        extra = 2 * self.px(8) + self.px(6)
        lines = max(1, min(SITUATION_LINES, (room // 2 - extra) // lh))
        return lines * lh + extra

    def update_card(self, keep_scroll: bool = True) -> None:
        s = self.session
        v = s.view
        sid = self.selected
        key = (sid, s.changes, self.app.palette.colourblind)
        if key == self._card_for:
            return
        same_person = self._card_for is not None and self._card_for[0] == sid
        self._card_for = key
        bar = self.card_box.scroll_bar
        pos = bar.start_percentage if (bar is not None and keep_scroll and same_person) else 0.0
        if sid is None:
            self.card_box.set_text("Click a person on the map, or press Tab, to see their card.")
            return
        self.card_box.set_text(person_card(s.case, v, sid, self.app.palette))
        if pos and self.card_box.scroll_bar is not None:
            self.card_box.scroll_bar.set_scroll_from_start_percentage(pos)

    # -- selection -----------------------------------------------------------------------
    def select(self, sid: str | None) -> None:
        self.selected = sid
        self.map.selected = sid
        self.map.invalidate()
        self.update_card(keep_scroll=False)
        self.app.mark_dirty()

    def cycle(self, step: int) -> None:
        order = [p.id for p in sorted(self.session.view.people, key=lambda p: -p.influence)]
        if self.pending and self.map.targets is not None:
            legal = [x for x in order if self.map.targets.get(x) is None]
            order = legal or order
        if self.selected not in order:
            self.select(order[0])
            return
        i = order.index(self.selected)
        self.select(order[(i + step) % len(order)])

    # -- building a move ---------------------------------------------------------------------
    def choice(self, kind: str) -> Choice:
        """The move as the view offers it now (family, cost, parameters, why not)."""
        return next(m for m in self.session.view.moves if m.kind == kind)

    def start_move(self, kind: str) -> None:
        info = next((m for m in self.session.view.moves if m.kind == kind), None)
        if info is None:
            return
        self.cancel_pending(quiet=True)
        self.palette.scroll_to(kind)
        if info.reason:
            self.say(f"{info.label}: not now. {info.reason}", error=True)
            return
        self.pending = {"choice": info, "values": {}, "todo": list(info.params)}
        self.next_param()

    def next_param(self) -> None:
        from faultlines.game.scenes.overlays import ChooserOverlay

        assert self.pending is not None
        choice: Choice = self.pending["choice"]
        values = self.pending["values"]
        if not self.pending["todo"]:
            self.pending = None
            self.map.targets = None
            self.map.prompt = ""
            self.play(choice, values)
            return
        p = self.pending["todo"][0]
        legal = self.session.options(choice.kind, **values)  # value -> None, or why not
        if p in ("target", "other"):
            self.map.targets = legal
            first = "" if p == "target" else f" (with {self.session.case.name(values['target'])})"
            which = "a person" if "other" not in choice.params else \
                ("the first person" if p == "target" else "the second person")
            self.map.prompt = f"{choice.label}{first}: choose {which} \u2014 Esc cancels"
            self.say(f"{choice.label}: click {which} on the map, or use Tab / arrows and Enter. "
                     "People you cannot choose say why when you point at them.")
            if not any(r is None for r in legal.values()):
                reason = next(iter(legal.values()), None) or "Nobody can be chosen."
                self.cancel_pending(quiet=True)
                self.say(f"{choice.label}: nobody can be chosen now. {reason}", error=True)
                return
            if self.selected is None or legal.get(self.selected) is not None:
                self.cycle(1)
            self.buttons["cancel"].show()
            self.map.invalidate()
            self.app.mark_dirty()
            return
        # a component or a mode: a small chooser
        options = []
        if p == "component":
            for c in self.session.view.components:
                detail = (f"{c['summary']} Ambition {c['ambition']:.0%}, evidence "
                          f"{c['evidence']:.0%}.")
                options.append((c["id"], c["name"], detail, legal.get(c["id"], "Not possible.")))
            title = f"{choice.label}: choose a component"
        else:
            for m in choice.modes:
                name, detail = MODE_WORDS.get(m, (m.title(), ""))
                options.append((m, name, detail, legal.get(m, "Not possible.")))
            title = f"{choice.label} (cost {choice.cost_text}): choose how"

        def chosen(value: str | None, p=p) -> None:
            if value is None:
                self.cancel_pending()
                return
            self.pending["values"][p] = value
            self.pending["todo"].pop(0)
            self.next_param()
        self.app.push(ChooserOverlay(self.app, title, choice.help, options, chosen))

    def choose_person(self, sid: str) -> None:
        assert self.pending is not None and self.map.targets is not None
        reason = self.map.targets.get(sid, "Not a possible choice.")
        if reason is not None:
            self.select(sid)
            self.say(reason, error=True)
            return
        p = self.pending["todo"].pop(0)
        self.pending["values"][p] = sid
        self.select(sid)  # the card follows the person you act on
        self.map.targets = None
        self.map.prompt = ""
        self.next_param()

    def cancel_pending(self, quiet: bool = False) -> None:
        was = self.pending is not None
        self.pending = None
        self.map.targets = None
        self.map.prompt = ""
        self.map.invalidate()
        if "cancel" in self.buttons:
            self.buttons["cancel"].hide()
        if was and not quiet:
            self.say("Cancelled.")
        self.app.mark_dirty()

    def say(self, text: str, error: bool = False) -> None:
        self.status = text
        self.status_error = error
        if error:
            self.app.sounds.play("error")
        self.app.mark_dirty()

    # -- playing -----------------------------------------------------------------------------
    def play(self, choice: Choice, values: dict[str, str]) -> None:
        try:
            events = self.session.play(choice, **values)
        except IllegalMove as exc:
            self.say(f"Not possible: {exc.reason}", error=True)
            return
        self.app.sounds.play("move")
        self.transcript.add(events, self.session.view, self.app.palette)
        self._changes = self.session.changes
        act = next((e.text for e in events if e.kind == "act"), "")
        narrative = next((e.text for e in events if e.kind == "move"), "")
        self.say(f"You: {act}. {narrative}" if narrative else f"You: {act}.")
        self.sync(animate=True)
        self.queue = self.build_overlays(events)
        self.advance_queue()

    def build_overlays(self, events: list[Event]) -> list[Scene]:
        from faultlines.game.scenes.overlays import DecisionOverlay, NewsOverlay

        out: list[Scene] = []
        news: list[Event] = []
        i = 0
        while i < len(events):
            e = events[i]
            if e.kind == "decision":
                if news:
                    out.append(NewsOverlay(self.app, news))
                    news = []
                after = []
                i += 1
                while i < len(events) and events[i].kind in ("hiatus", "stage", "round",
                                                             "outcome", "resurface"):
                    after.append(events[i])
                    i += 1
                out.append(DecisionOverlay(self.app, e, after))
                continue
            if e.kind in ("scenario", "exposure", "resurface", "stage", "hiatus") or \
                    (e.kind == "action" and action_seen(e)):
                news.append(e)
            i += 1
        if news:
            out.append(NewsOverlay(self.app, news))
        return out

    def advance_queue(self) -> None:
        if self.queue:
            self.app.push(self.queue.pop(0))
            return
        if self.session.over:
            from faultlines.game.scenes.outcome import OutcomeScene

            self.app.switch(OutcomeScene(self.app))

    def on_resume(self) -> None:
        s = self.app.session
        if s is not self.session:
            return
        if s.changes != self._changes:
            # undone underneath us (the pause menu): the transcript is rebuilt from the events
            self._changes = s.changes
            self.transcript = Transcript.from_events(s.table.events, s.view, self.app.palette)
            self.queue = []
            self.cancel_pending(quiet=True)
            self.sync(animate=True)
            return
        if self.queue:
            self.advance_queue()
            return
        if s.over:
            self.advance_queue()
            return
        self.sync(animate=False)

    def undo(self) -> None:
        reason = self.session.can_undo()
        if reason:
            self.say(reason, error=True)
            return
        self.session.undo()
        self.say("Your last move was undone (practice mode).")
        self.on_resume()

    # -- a fair hint (practice) ----------------------------------------------------------------
    def ask_hint(self) -> None:
        """Work out a fair hint for this position in a worker thread whose rollouts play in
        worker processes (game.background), so the table keeps answering meanwhile."""
        from faultlines.engine.analysis.defaults import ROLLOUT_JOBS
        from faultlines.engine.analysis.hint import HintRefused, answer, ask

        if self.job is not None and not self.job.finished:
            self.say("Still working out the hint\u2026 (Esc cancels it).")
            return
        table = self.session.table
        try:
            asked = ask(table, len(table.moves))
        except HintRefused as exc:
            self.say(f"No hint: {exc}", error=True)
            return

        def work(job: Job) -> str:
            with JobRollouts(job, ROLLOUT_JOBS) as rollouts:
                return answer(asked, rollouts).short()

        self.hint_line, self.hint_at = None, self.session.changes
        self.job = Job(work, name="faultlines-hint").start()
        self.say("Working out a hint: it appears above the transcript in a moment.")
        self.situation_box.set_text(self.situation_html())

    def _poll_hint(self) -> None:
        """Show a finished hint if the game has not moved on since it was asked for; a
        hint for an earlier position is dropped (and its work cancelled)."""
        job = self.job
        if job is None:
            return
        if self.hint_at != self.session.changes and not job.finished:
            job.cancel()
        done = self.take_finished()
        if done is None:
            return
        if done.cancelled:
            if self.hint_at == self.session.changes:  # the player cancelled it
                self.say("The hint was cancelled.")
        elif self.hint_at != self.session.changes:
            pass  # a hint for a position already left: dropped
        elif done.error:
            self.say(f"No hint: {done.error}", error=True)
        else:
            self.hint_line = done.result
            self.say("Hint ready: it is in the box above the transcript.")
        self.situation_box.set_text(self.situation_html())
        self.app.mark_dirty()

    # -- overlays ------------------------------------------------------------------------------
    def open_plan(self) -> None:
        from faultlines.game.scenes.overlays import PlanOverlay

        self.app.push(PlanOverlay(self.app))

    def open_history(self) -> None:
        from faultlines.game.scenes.overlays import HistoryOverlay

        self.app.push(HistoryOverlay(self.app, self.transcript))

    def open_help(self) -> None:
        from faultlines.game.scenes.menus import HelpOverlay

        self.app.push(HelpOverlay(self.app))

    def open_menu(self) -> None:
        from faultlines.game.scenes.menus import PauseMenu

        self.app.push(PauseMenu(self.app))

    # -- input ---------------------------------------------------------------------------------
    def handle_key(self, event: pygame.event.Event) -> bool:
        k, mod = event.key, event.mod
        ctrl = mod & pygame.KMOD_CTRL
        if k == pygame.K_ESCAPE:
            if self.pending:
                self.cancel_pending()
            elif self.job is not None and not self.job.finished:
                self.job.cancel()
                self.say("Cancelling the hint.")
            else:
                self.open_menu()
            return True
        if ctrl and k == pygame.K_z:
            self.undo()
            return True
        if ctrl:
            return False
        if k == pygame.K_TAB:
            self.cycle(-1 if mod & pygame.KMOD_SHIFT else 1)
            if not self.pending:
                self.show_tab("card")
            return True
        arrows = {pygame.K_LEFT: (-1, 0), pygame.K_RIGHT: (1, 0), pygame.K_UP: (0, -1),
                  pygame.K_DOWN: (0, 1)}
        if k in arrows:
            dx, dy = arrows[k]
            self.select(self.map.neighbour(self.selected, dx, dy))
            if not self.pending:
                self.show_tab("card")
            return True
        if k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            if self.pending and self.map.targets is not None and self.selected:
                self.choose_person(self.selected)
            return True
        if k == pygame.K_F1:
            self.open_help()
            return True
        tabs = {pygame.K_1: "card", pygame.K_2: "moves", pygame.K_3: "log"}
        if k in tabs:
            self.show_tab(tabs[k])
            return True
        if k == pygame.K_p:
            self.open_plan()
            return True
        if k == pygame.K_l:
            self.open_history()
            return True
        if getattr(event, "unicode", "") == "?":
            self.ask_hint()
            return True
        kind = KEY_TO_KIND.get(k)
        if kind is not None:
            self.start_move(kind)
            return True
        return False

    def handle_mouse(self, event: pygame.event.Event) -> None:
        pos = event.pos
        if event.type == pygame.MOUSEMOTION:
            hovered = self.map.hit(pos) if self.map.rect.collidepoint(pos) else None
            if hovered != self.map.hovered:
                self.map.hovered = hovered
                self.map.invalidate()
                self.app.mark_dirty()
            kind = self.palette.kind_at(pos)
            if pos[1] >= self.buttons["move:end_round"].rect.y and \
                    self.buttons["move:end_round"].rect.collidepoint(pos):
                kind = "end_round"
            if kind != self.hover_move:
                self.hover_move = kind
                self.app.mark_dirty()
            return
        if event.type == pygame.MOUSEBUTTONDOWN:
            if event.button == 3 and self.pending:
                self.cancel_pending()
                return
            if event.button != 1 or not self.map.rect.collidepoint(pos):
                return
            sid = self.map.hit(pos)
            if sid is None:
                return
            if self.pending and self.map.targets is not None:
                self.choose_person(sid)
            else:
                self.select(sid)
                self.show_tab("card")

    # -- drawing -------------------------------------------------------------------------------
    def animating(self) -> bool:
        return self.map.animating() or (self.app.top is self and self.job_news())

    def update(self, dt: float) -> None:
        self._poll_hint()
        self.drawn()
        super().update(dt)

    def partial_rect(self) -> pygame.Rect | None:
        """While only the map's markers glide (and no tooltip floats above), only the map
        needs drawing and sending to the screen."""
        if not self.map.animating() or self.ui is None:
            return None
        from pygame_gui.elements import UITooltip

        if any(isinstance(sp, UITooltip) for sp in self.ui.get_sprite_group().sprites()):
            return None
        return self.map.rect

    def draw_partial(self, surface: pygame.Surface) -> None:
        self.map.draw(surface)

    def status_text(self) -> tuple[str, bool]:
        if self.hover_move and not self.pending:
            m = next((x for x in self.session.view.moves if x.kind == self.hover_move), None)
            if m is not None:
                cost = m.cost_text
                key = key_name(m.kind)
                text = f"{m.label} ({key + ', ' if key else ''}cost {cost}): {m.help}"
                if m.reason:
                    return f"{short(m.kind)} \u2014 not now: {m.reason}  |  {text}", True
                return text, False
        return self.status, self.status_error

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEWHEEL and self.top_rect.collidepoint(pygame.mouse.get_pos()):
            if self.topbar.wheel(event.y):
                self.app.mark_dirty()
            return
        super().handle(event)

    def draw_under(self, surface: pygame.Surface) -> None:
        self.topbar.draw(surface, self.top_rect, self.buttons_x)
        self.map.draw(surface)
        # status bar
        r = self.status_rect
        pygame.draw.rect(surface, PANEL, r)
        pygame.draw.line(surface, BORDER, r.topleft, r.topright)
        text, err = self.status_text()
        f, size = self.app.fonts, self.app.fs(14)
        width = r.w - self.px(24) - (self.px(160) if self.pending else 0)
        lines = f.wrap(text, "regular", size, width)
        if len(lines) > 2:
            lines = [lines[0], f.ellipsize(" ".join(lines[1:]), "regular", size, width)]
        y = r.y + self.px(6)
        colour = self.app.palette.oppose if err else (FOCUS if self.pending else TEXT)
        for ln in lines:
            surface.blit(f.render(ln, "regular", size, colour), (r.x + self.px(10), y))
            y += f.line_height("regular", size)

    def draw_over(self, surface: pygame.Surface) -> None:
        self.palette.draw_marks(surface)
        if self.pending and self.map.targets is not None:
            pygame.draw.rect(surface, FOCUS, self.map.rect, 2)


__all__ = ["TableScene"]
