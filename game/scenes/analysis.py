"""The window's analysis board: the evaluation chart over the game, the judged moves with
the better move found, the accuracy summary, and the way into the drill.

Opened from the debrief or the replay window (button or A). The analysis is the engine's
(`analyse_game`), made in the background (`game.background`) so the window never freezes:
a quick size by default, stated on screen with its standard errors, and the full default on
request (F). A finished analysis is kept on disk (`game.analysis_cache`), so reopening it
is instant. Choosing a position (arrows, a click on the chart or the list) and pressing
Enter shows it in the replay window. The window only draws the engine's numbers.
"""

from __future__ import annotations

import pygame
from faultlines.engine.analysis.board import HINDSIGHT, SCREEN_FACTOR, Analysis, Judged
from faultlines.engine.analysis.defaults import DEFAULT_ROLLOUTS, QUICK_ROLLOUTS, ROLLOUT_JOBS
from faultlines.engine.analysis.drill import chance_text, drill_spots
from faultlines.engine.analysis.judgement import counted
from faultlines.engine.domain import OUTCOME_NAMES
from faultlines.game.analysis_cache import load_cached, store
from faultlines.game.background import Job, JobRollouts, WatchesJob
from faultlines.game.logged_game import LoggedGame
from faultlines.game.palette import BORDER, FOCUS, MUTED, PANEL, TEXT, hexs
from faultlines.game.scenes.base import Scene
from faultlines.game.text import esc
from faultlines.game.widgets.eval_chart import MARKS, EvalChart, draw_mark
from faultlines.game.widgets.textpanel import TextPanel
from pygame_gui.elements import UIScrollingContainer

WIDE_AT = 1150  # as the table: window width / text scale from which the list sits beside
#: at large text sizes the board shows one of these at a time (keys 1, 2, 3)
TABS = (("chart", "Chart (1)"), ("moves", "Judged moves (2)"), ("position", "Position (3)"))
Size = tuple[int, int]  # (rollouts per position, screening rollouts per position)
KEYS_LINE = ("\u2190/\u2192 position \u00b7 \u2191/\u2193 judged moves \u00b7 click the chart "
             "or a move \u00b7 Enter show in the replay \u00b7 D drill \u00b7 F full analysis "
             "\u00b7 Esc close")


def fitted(app, rect: pygame.Rect, html: str, size: float) -> TextPanel:
    """A text panel no taller than its text (nor than `rect`: then it scrolls, showing
    whole lines only, so no line is seen cut in half)."""
    panel = TextPanel(app, rect, size=size)
    panel.set_text(html)
    lines = min(panel.content_h, rect.h - 2 * panel.pad) // panel.line_h
    panel.rect.h = max(1, lines) * panel.line_h + 2 * panel.pad
    return panel


def size_of(n: int) -> Size:
    """An analysis size: n rollouts per position and the board's own screening budget."""
    return n, int(n * SCREEN_FACTOR)


class AnalysisScene(WatchesJob, Scene):
    def __init__(self, app, logged: LoggedGame, *, practice: bool = False,
                 quick: Size | None = None, full: Size | None = None,
                 jobs: int | None = None):
        super().__init__(app)
        self.logged = logged
        self.practice = practice
        self.sizes = {False: quick or size_of(QUICK_ROLLOUTS),
                      True: full or size_of(DEFAULT_ROLLOUTS)}
        self.jobs = jobs or ROLLOUT_JOBS
        self.analysis: Analysis | None = None
        self.full = False  # the analysis shown is the full size
        self.job: Job[Analysis] | None = None
        self.job_full = False
        self.note = ""  # one line: a kept analysis unreadable, a failure, a cancel
        self.chart = EvalChart(app)
        self.rows: dict[int, object] = {}  # position index -> its button in the list
        self.tab = "chart"
        self.wide = True
        self.list_box = None
        notes: list[str] = []
        for full_size in (True, False):  # a full analysis kept beats a quick one
            a = load_cached(logged.log, *self.sizes[full_size], notes)
            if a is not None:
                self._show(a, full_size)
                break
        if self.analysis is None:
            self.start(full=False)
        self.note = notes[0] if notes else ""

    # -- the work ------------------------------------------------------------------------------
    @property
    def busy_job(self) -> bool:
        return self.job is not None and not self.job.finished

    def start(self, *, full: bool) -> None:
        """Analyse in the background (a quick or the full size)."""
        if self.busy_job:
            return
        n, screen = self.sizes[full]
        log, case, jobs = self.logged.log, self.logged.case, self.jobs

        def work(job: Job) -> Analysis:
            from faultlines.engine.analysis.board import analyse_game

            with JobRollouts(job, jobs) as rollouts:
                a = analyse_game(log, case, rollouts, n=n, screen=screen,
                                 progress=job.progress)
            store(log, screen, a)
            return a

        self.job = Job(work, name="faultlines-analysis").start()
        self.job_full = full
        self.note = ""
        if self.ui is not None:
            self.rebuild()

    def cancel(self) -> None:
        if self.busy_job:
            self.job.cancel()
            self.app.mark_dirty()

    def _poll(self) -> None:
        """Take a finished job's result (or its one-line failure)."""
        job = self.take_finished()
        if job is None:
            return
        if job.result is not None:
            self._show(job.result, self.job_full)
            self.note = ""
        elif job.cancelled:
            self.note = "Analysis cancelled." + (" The quick one is still shown." if
                                                 self.analysis else "")
        else:
            self.note = f"The analysis could not be made: {job.error}"
        self.rebuild()
        self.app.mark_dirty()

    def _show(self, a: Analysis, full: bool) -> None:
        self.analysis, self.full = a, full
        self.chart.set_data(a)

    # -- selection -----------------------------------------------------------------------------
    @property
    def selected(self) -> int:
        return self.chart.selected

    def select(self, i: int) -> None:
        if self.analysis is None:
            return
        i = min(max(0, i), len(self.analysis.positions) - 1)
        self.chart.selected = i
        for k, b in self.rows.items():
            b.select() if k == i else b.unselect() if b.is_selected else None
        self._scroll_list(i)
        if self.ui is not None and hasattr(self, "readout"):
            self.readout.set_text(self.readout_html())
        self.app.mark_dirty()

    def _scroll_list(self, i: int) -> None:
        """Keep the chosen judged move in view in the list."""
        b, box = self.rows.get(i), self.list_box
        bar = box.vert_scroll_bar if box is not None else None
        if b is None or bar is None:
            return
        total = box.scrolling_height or 1
        top = b.relative_rect.y - box.rect.h // 2
        bar.set_scroll_from_start_percentage(min(max(0.0, top / total),
                                                 1.0 - bar.visible_percentage))
        box.update(0.0)

    def pick(self, i: int) -> None:
        """A judged move clicked in the list: chosen, and (large text) its position shown."""
        self.select(i)
        if not self.wide:
            self.show_tab("position")

    def step_judged(self, step: int) -> None:
        """The next (or previous) judged move from the position chosen."""
        if self.analysis is None:
            return
        marks = [q.index for q in self.analysis.judged]
        if not marks:
            return
        i = self.selected
        later = [k for k in marks if k > i] if step > 0 else [k for k in marks if k < i][::-1]
        self.select(later[0] if later else (marks[0] if step > 0 else marks[-1]))

    def show_in_replay(self) -> None:
        """The position chosen, in the replay window: the one beneath if the board was
        opened from it, else a replay opened over the board (Esc comes back)."""
        from faultlines.game.scenes.replay import ReplayScene

        if self.analysis is None:
            return
        k = self.analysis.positions[self.selected].index
        below = self.app.scenes[-2] if len(self.app.scenes) > 1 else None
        if isinstance(below, ReplayScene) and below.logged is self.logged:
            self.app.pop(self)
            below.board = self  # A there brings this board back as it was
            below.go(k)
            return
        self.app.open_replay(self.logged, at=k, over=True, practice=self.practice)

    def open_drill(self) -> None:
        from faultlines.game.scenes.drill import DrillRun, DrillScene

        if self.analysis is None or not drill_spots(self.analysis):
            return
        run = DrillRun(self.analysis, self.logged, jobs=self.jobs)
        self.app.push(DrillScene(self.app, run))

    def close(self) -> None:
        self.cancel()
        self.app.pop(self)

    def on_resume(self) -> None:
        self._poll()

    # -- layout ----------------------------------------------------------------------------------
    def setting_text(self) -> str:
        a = self.analysis
        if a is None:
            n = self.sizes[self.job_full][0]
            return f"Playing {n} games on from each position; the board appears when done."
        worst = max(q.estimate.stderr for q in a.positions)
        head = "Full analysis" if self.full else "Quick analysis"
        if not self.wide:  # large text: the same in fewer words
            return (f"{head}: {a.rollouts} games from each position, standard errors up to "
                    f"{worst * 100:.0f} points" + ("; moves judged against them." if not
                                                   self.full else "."))
        text = (f"{head}: {a.rollouts} games played on from each position (standard errors "
                f"up to {worst * 100:.0f} points).")
        if not self.full:
            text += (" A move is judged only when its loss is clear of that wider error. "
                     f"F: the full analysis ({self.sizes[True][0]} games, much slower).")
        return text

    def build(self) -> None:
        app, px = self.app, self.px
        f, fs = app.fonts, app.fs
        w, h = app.size
        pad = px(14)
        self.wide = w / app.scale >= WIDE_AT
        lg = self.logged
        head_h = f.line_height("bold", fs(22)) + px(6)
        title = f.ellipsize(f"Analysis board \u2014 {lg.title} (seed {lg.log['seed']})", "bold",
                            fs(22), w - 2 * pad)
        self.label(pygame.Rect(pad, pad, w - 2 * pad, head_h), title, "#heading")
        y = pad + head_h
        pieces = [(HINDSIGHT, MUTED), (self.setting_text(), TEXT)]
        if self.note:
            pieces.append((self.note, self.app.palette.oppose))
        intro = "<br>".join(f"<font color='{hexs(c)}'>{esc(t)}</font>" for t, c in pieces)
        self.intro = fitted(app, pygame.Rect(pad, y, w - 2 * pad, h // 4), intro, 14)
        self.panels.append(self.intro)
        intro_h = self.intro.rect.h
        y += intro_h + px(6)
        # the bottom: the keys line, then the buttons
        bh = f.line_height("bold", fs(16)) + px(16)
        keys_h = f.line_height("regular", fs(13)) + px(6)
        bottom = h - pad - bh - keys_h - px(6)
        self.keys_y = h - pad - bh - keys_h
        self._buttons(pygame.Rect(pad, h - pad - bh, w - 2 * pad, bh))
        body = pygame.Rect(pad, y, w - 2 * pad, bottom - y)
        if self.wide:
            left_w = int(body.w * 0.6)
            chart_h = int(body.h * 0.62)
            self.chart_rect = pygame.Rect(body.x, body.y, left_w, chart_h)
            read_rect = pygame.Rect(body.x, body.y + chart_h + px(8), left_w,
                                    body.h - chart_h - px(8))
            side = pygame.Rect(body.x + left_w + pad, body.y, body.w - left_w - pad, body.h)
        else:  # large text: one of chart, judged moves and position at a time, by tabs
            tab_h = f.line_height("regular", fs(16)) + px(10)
            top = self.add_tabs(body, list(TABS), tab_h, px(8), self.tab, self.show_tab)
            self.chart_rect = read_rect = side = pygame.Rect(body.x, top, body.w,
                                                             body.bottom - top)
        self.chart.layout(self.chart_rect, legend=self.wide)
        self.readout = TextPanel(app, read_rect, size=15)
        self.panels.append(self.readout)
        self.scrollables = [self.readout]
        self.summary = fitted(app, pygame.Rect(side.x, side.y, side.w, side.h // 2),
                              self.summary_html() if self.analysis else "", 14)
        self.panels.append(self.summary)
        acc_h = self.summary.rect.h if self.analysis else 0
        self.list_rect = pygame.Rect(side.x, side.y + acc_h + px(6), side.w,
                                     side.h - acc_h - px(6))
        self.rows = {}
        self.list_box = None
        if self.analysis is not None:
            self._list()
            self.readout.set_text(self.readout_html())
            self.select(self.selected)
        else:
            self.summary.hide()
            self.readout.set_text(self.waiting_html())
        if not self.wide:
            self._apply_tab()

    def show_tab(self, key: str) -> None:
        """Large text: which of the chart, the judged moves and the position is shown."""
        self.tab = key
        if self.wide:
            return
        self.mark_tab(key, tuple(k for k, _ in TABS))
        self._apply_tab()
        self.app.mark_dirty()

    def _apply_tab(self) -> None:
        shown = {"chart": (), "moves": (self.summary, self.list_box),
                 "position": (self.readout,)}
        for key, parts in shown.items():
            for part in parts:
                if part is not None:
                    part.show() if key == self.tab else part.hide()
        if self.analysis is None:  # while it is made, the position tab says how it goes
            self.summary.hide()

    def chart_shown(self) -> bool:
        return self.wide or self.tab == "chart"

    def _buttons(self, row: pygame.Rect) -> None:
        app, px = self.app, self.px
        a = self.analysis
        spots = drill_spots(a) if a is not None else []
        specs: list[tuple[str, str, object, str | None, bool]] = [
            ("replay", "Show in replay (Enter)", self.show_in_replay,
             "Open the replay window at the position chosen", a is not None),
            ("drill", "Drill mistakes (D)", self.open_drill,
             "Go back to each mistake and blunder and look for a better move" if spots else
             "No mistakes or blunders to drill in this game", bool(spots))]
        if self.busy_job:
            specs.append(("cancel", "Cancel analysis (C)", self.cancel,
                          "Stop the analysis being made", True))
        elif a is None:
            specs.append(("again", "Analyse again (A)", lambda: self.start(full=False),
                          "Start the quick analysis again", True))
        elif not self.full:
            specs.append(("full", "Full analysis (F)", lambda: self.start(full=True),
                          f"{self.sizes[True][0]} games from each position: standard errors "
                          "of 3 points or less, but many minutes on this engine", True))
        size = app.fs(16)
        widths = [app.fonts.size(t, "bold", size)[0] + px(28) for _, t, _, _, _ in specs]
        close_w = app.fonts.size("Close (Esc)", "bold", size)[0] + px(28)
        gap = px(10)
        if sum(widths) + gap * len(widths) + close_w > row.w:  # small window: plainer labels
            specs = [(k, t.split(" (")[0], act, tip, on) for k, t, act, tip, on in specs]
            widths = [app.fonts.size(t, "bold", size)[0] + px(24) for _, t, _, _, _ in specs]
        x = row.x
        for (key, text, action, tip, on), bw in zip(specs, widths, strict=True):
            self.add_button(key, pygame.Rect(x, row.y, bw, row.h), text, action, tooltip=tip,
                            enabled=on, object_id="#primary" if key == "drill" else None)
            x += bw + gap
        self.add_button("close", pygame.Rect(row.right - close_w, row.y, close_w, row.h),
                        "Close (Esc)", self.close)

    def _list(self) -> None:
        """The judged moves, one button each (click or arrows to choose)."""
        app, px = self.app, self.px
        a = self.analysis
        r = self.list_rect
        judged = a.judged
        if not judged:
            return
        self.list_box = UIScrollingContainer(r, self.ui, should_grow_automatically=False,
                                             allow_scroll_x=False)
        inner = r.w - px(20)
        size = app.fs(15)
        bh = app.fonts.line_height("regular", size) + px(12)
        indent = "\u2007" * 4  # room for the mark drawn over the button
        y = 0
        for q in judged:
            text = f"{indent}{MARKS[q.judgement].sign} {q.index + 1}. {q.text}"
            loss = f"  \u2212{q.drop * 100:.0f}{q.measure_tag}"
            room = inner - app.fonts.size(loss, "regular", size)[0] - px(16)
            label = app.fonts.ellipsize(text, "regular", size, room) + loss
            tip = (f"<b>Move {q.index + 1}</b>: {esc(q.text)} \u2014 a {q.judgement}, "
                   f"{q.lost} given up")
            self.rows[q.index] = self.add_button(
                f"judged:{q.index}", pygame.Rect(0, y, inner, bh), label,
                lambda k=q.index: self.pick(k), container=self.list_box, focus=False,
                tooltip=tip, object_id="#move")
            y += bh + px(3)
        self.list_box.set_scrollable_area_dimensions((inner, y))

    # -- words -------------------------------------------------------------------------------------
    def summary_html(self) -> str:
        a = self.analysis
        acc = a.accuracy
        ended = OUTCOME_NAMES.get(a.outcome or "", a.outcome or "").lower()
        head = "<b>Accuracy</b> " + (f"(the game ended: {esc(ended)})" if ended else
                                     "(the game was left unfinished)")
        if not acc.get("moves"):
            return head + "<br>No moves were made."
        return (f"{head}<br>{acc['not_judged']} of {acc['moves']} moves not judged "
                f"({acc['share_not_judged']:.0%}); a move gave up "
                f"{acc['average_loss'] * 100:.1f} points of the best chance on average.<br>"
                + ", ".join(f"{counted(acc[k], k)} ({MARKS[k].sign})" for k in MARKS) + "."
                + ("" if a.judged else "<br>No move lost a clear share of the chance."))

    def readout_html(self) -> str:
        q: Judged = self.analysis.positions[self.selected]
        muted = hexs(MUTED)
        lines = [f"<b>After {q.index} move{'s' if q.index != 1 else ''}</b> "
                 f"<font color='{muted}'>({esc(self._stage(q.stage))}, round {q.round})"
                 "</font>"]
        if q.move is None:
            out = (self.analysis.outcome or "").replace("_", " ")
            lines.append(f"The end of the game: {esc(out)}." if out else
                         f"The game was left here. Research-style play from here "
                         f"{esc(chance_text(q.estimate))}.")
            return "<br>".join(lines)
        lines.append(f"Research-style play from here {esc(chance_text(q.estimate))}.")
        sign = f" {MARKS[q.judgement].sign}" if q.judgement else ""
        verdict = f" \u2014 a <b>{q.judgement}</b>" if q.judgement else " \u2014 not judged"
        lines.append(f"<b>Move {q.index + 1}{sign}</b>: {esc(q.text)}{verdict}")
        if q.played is not None:
            lines.append(f"&nbsp;&nbsp;It {esc(chance_text(q.played))}.")
        if q.best is not None and q.best.move != q.move:
            lines.append(f"<b>Better</b>: {esc(q.best.text)}")
            lines.append(f"&nbsp;&nbsp;It {esc(chance_text(q.best.estimate))}.")
            lines.append(f"Gave up {q.lost} (\u00b1 {q.drop_stderr * 100:.0f}): the best "
                         f"chance left after this move was that much lower ({q.choices} "
                         "legal moves here)."
                         if q.judgement else "The best chance found after this move was "
                         "about as high: it lost nothing clear yet.")
        elif q.best is not None:
            lines.append("No better move was found.")
        return "<br>".join(lines)

    def _stage(self, sid: str) -> str:
        case = self.logged.case
        return case.stage(sid).name if sid in case.stages_by_id else sid

    def waiting_html(self) -> str:
        if self.busy_job:
            return ("The analysis is being made in the background: you can keep using the "
                    "window, or cancel it (C). It is kept when done, so it opens at once "
                    "next time.")
        return esc(self.note) if self.note else ""

    def spoken_focus(self) -> str:
        """Self-voicing: the position chosen, in a sentence (spoken as it changes)."""
        if self.analysis is None:
            return super().spoken_focus()
        q = self.analysis.positions[self.selected]
        text = f"After {q.index} moves: {chance_text(q.estimate)}."
        if q.move is not None:
            text += f" Move {q.index + 1}, {q.text}: " + (
                f"a {q.judgement}, {q.lost} given up; better, {q.best.text}."
                if q.judgement and q.best else "not judged.")
        return text

    # -- input -----------------------------------------------------------------------------------
    def handle_key(self, event: pygame.event.Event) -> bool:
        k = event.key
        if event.mod & pygame.KMOD_CTRL:
            return False
        n = len(self.analysis.positions) if self.analysis else 0
        steps = {pygame.K_LEFT: -1, pygame.K_RIGHT: 1}
        if k in steps:
            self.select(self.selected + steps[k])
        elif k in (pygame.K_UP, pygame.K_DOWN):
            self.step_judged(-1 if k == pygame.K_UP else 1)
        elif k == pygame.K_HOME:
            self.select(0)
        elif k == pygame.K_END:
            self.select(n - 1)
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if self.focus.current and self.focus.current != "replay":
                self.press(self.focus.current)
            else:
                self.press("replay")
        elif k in (pygame.K_1, pygame.K_2, pygame.K_3):
            self.show_tab(TABS[k - pygame.K_1][0])
        elif k == pygame.K_d:
            self.press("drill")
        elif k == pygame.K_f:
            self.press("full")
        elif k == pygame.K_c:
            self.press("cancel")
        elif k == pygame.K_a:
            self.press("again")
        elif k == pygame.K_ESCAPE:
            self.close()
        elif k == pygame.K_F1:
            from faultlines.game.scenes.menus import HelpOverlay

            self.app.push(HelpOverlay(self.app, replay=True))
        else:
            return False
        return True

    def handle_mouse(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.chart_shown():
            i = self.chart.position_at(event.pos)
            if i is not None:
                self.select(i)

    # -- frame -------------------------------------------------------------------------------------
    def animating(self) -> bool:
        """Only while a job runs and has news to draw (not every frame: the rollouts need
        the processor more than the window does)."""
        return self.app.top is self and self.job_news()

    def update(self, dt: float) -> None:
        self._poll()
        super().update(dt)

    def draw_under(self, surface: pygame.Surface) -> None:
        if self.analysis is not None:
            if self.chart_shown():
                self.chart.draw(surface)
        else:
            pygame.draw.rect(surface, PANEL, self.chart_rect, border_radius=6)
            pygame.draw.rect(surface, BORDER, self.chart_rect, 1, border_radius=6)
        if self.job is not None:
            self._progress(surface)
        f, fs = self.app.fonts, self.app.fs
        line = KEYS_LINE if self.wide else "1/2/3 chart, moves, position \u00b7 " + KEYS_LINE
        keys = f.ellipsize(line, "regular", fs(13), self.app.size[0] - 2 * self.px(14))
        surface.blit(f.render(keys, "regular", fs(13), MUTED), (self.px(14), self.keys_y))

    def _progress(self, surface: pygame.Surface) -> None:
        """A bar with what is being done, over the chart (or across its top while a quick
        analysis is shown and the full one is made)."""
        job = self.job
        self.drawn()
        f, px, fs = self.app.fonts, self.app.px, self.app.fs
        r = self.chart_rect
        lh = f.line_height("regular", fs(14))
        if self.analysis is None:
            box = pygame.Rect(r.x + px(30), r.centery - lh - px(14), r.w - px(60), 2 * lh + px(28))
        else:
            box = pygame.Rect(r.x + px(8), r.y + px(6), r.w - px(16), 2 * lh + px(28))
        pygame.draw.rect(surface, PANEL, box, border_radius=6)
        pygame.draw.rect(surface, FOCUS, box, 1, border_radius=6)
        what = "full" if self.job_full else "quick"
        if job.cancelling:
            text = "Cancelling: the games being played finish first\u2026"
        elif job.total:
            text = (f"Making the {what} analysis: step {job.done} of {job.total} "
                    f"({job.fraction:.0%}). C cancels (so does closing the board).")
        else:
            text = f"Making the {what} analysis: starting the games\u2026 C cancels."
        s = f.render(f.ellipsize(text, "regular", fs(14), box.w - px(20)), "regular", fs(14),
                     TEXT)
        surface.blit(s, (box.x + px(10), box.y + px(8)))
        bar = pygame.Rect(box.x + px(10), box.y + px(14) + lh, box.w - px(20), lh)
        pygame.draw.rect(surface, BORDER, bar, 1, border_radius=4)
        fill = bar.inflate(-4, -4)
        fill.w = round(fill.w * job.fraction)
        if fill.w > 0:
            pygame.draw.rect(surface, FOCUS, fill, border_radius=3)

    def draw_over(self, surface: pygame.Surface) -> None:
        if self.list_box is None or not self.list_box.visible:
            return
        old = surface.get_clip()
        surface.set_clip(self.list_box.rect)
        for k, b in self.rows.items():
            q = self.analysis.positions[k]
            if b.rect.colliderect(self.list_box.rect):
                draw_mark(self.app, surface, q.judgement, (b.rect.x + self.px(16),
                                                           b.rect.centery), 0.9)
        surface.set_clip(old)


__all__ = ["AnalysisScene"]
