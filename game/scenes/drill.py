"""Learn from your mistakes, in the window: from the analysis board, the player is taken to
the position before each mistake and blunder in turn, at the table as it stood then, and
chooses a move with the normal move palette (keys, buttons, the map). The move is not
played: its chance is estimated by rollouts from that position in the background and shown
beside the game's move and the best one found, with their standard errors (the engine's
`engine.analysis.drill`, which the terminal drill uses too). Then: next, another try, or quit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pygame
from faultlines.engine.analysis.board import Analysis, Judged
from faultlines.engine.analysis.drill import (
    Attempt,
    attempt,
    chance_text,
    drill_spots,
    drill_table,
    known_estimate,
    try_move,
)
from faultlines.engine.analysis.rollouts import Estimate, Move, position_of
from faultlines.engine.choices import Choice
from faultlines.game.background import Job, JobRollouts, WatchesJob
from faultlines.game.logged_game import LoggedGame
from faultlines.game.palette import ACCENT, BORDER, FOCUS, MUTED, PANEL_HI, TEXT
from faultlines.game.scenes.base import Overlay
from faultlines.game.scenes.table import TableScene
from faultlines.game.session import Session
from faultlines.game.widgets.eval_chart import MARKS, draw_mark


@dataclass
class DrillRun:
    """One drill through a game's mistakes: where it is, and what the player tried."""

    analysis: Analysis
    logged: LoggedGame
    jobs: int = 2
    at: int = 0
    tried: list[tuple[Judged, Attempt]] = field(default_factory=list)
    spots: list[Judged] = field(init=False)

    def __post_init__(self) -> None:
        self.spots = drill_spots(self.analysis)

    @property
    def current(self) -> Judged:
        return self.spots[self.at]

    @property
    def last(self) -> bool:
        return self.at >= len(self.spots) - 1


class DrillScene(TableScene):
    def __init__(self, app, run: DrillRun):
        self.run = run
        lg = run.logged
        table = drill_table(lg.case, lg.log, run.current)
        super().__init__(app, session=Session(table, scenario_ref=lg.scenario_ref))
        self.status = self.prompt()

    def prompt(self) -> str:
        r, q = self.run, self.run.current
        return (f"Drill {r.at + 1} of {len(r.spots)}: before move {q.index + 1} the game "
                f"played \u201c{q.text}\u201d, a {q.judgement}{q.judged_on} "
                f"({MARKS[q.judgement].sign}). "
                "Choose a better move as you would in play; Ctrl+\u2192 skips, Esc quits.")

    def top_buttons(self) -> list[tuple[str, str, Any, str]]:
        return [("history", "Transcript" if self.wide else "Log", self.open_history,
                 "The transcript up to this position (L)"),
                ("help", "Help", self.open_help, "How to play and all the keys (F1)"),
                ("skip", "Skip (Ctrl+\u2192)", self.skip, "On to the next mistake"),
                ("quit", "Quit drill (Esc)", self.quit, "Back to the analysis board")]

    # -- the player's choice -------------------------------------------------------------
    def play(self, choice: Choice, values: dict[str, str]) -> None:
        """Not played: estimated beside the game's move and the best one."""
        why = self.session.check(choice, **values)
        if why is not None:
            self.say(f"Not possible: {why}", error=True)
            return
        # no choice is pending now: its Cancel button must not show in the result's
        # backdrop (play at the table hides it as the move is played)
        self.cancel_pending(quiet=True)
        self.app.push(DrillResult(self.app, self, {"kind": choice.kind, **values}))

    def record(self, tried: Attempt) -> None:
        self.run.tried.append((self.run.current, tried))

    def skip(self) -> None:
        self.next()

    def next(self) -> None:
        if self.run.last:
            self.quit()
            return
        self.run.at += 1
        self.app.pop(self)
        self.app.push(DrillScene(self.app, self.run))

    def quit(self) -> None:
        from faultlines.game.scenes.analysis import AnalysisScene

        self.app.pop(self)
        board = self.app.top
        if isinstance(board, AnalysisScene):
            n = len({id(q) for q, _ in self.run.tried})
            board.note = f"Drill done: {n} of {len(self.run.spots)} positions tried."
            board.rebuild()

    def on_resume(self) -> None:
        self.status = self.prompt()
        self.status_error = False
        self.sync(animate=False)

    def handle_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_ESCAPE and not self.pending:
            self.quit()
            return True
        if event.key == pygame.K_RIGHT and event.mod & pygame.KMOD_CTRL:
            self.skip()
            return True
        return super().handle_key(event)


class DrillResult(WatchesJob, Overlay):
    """The player's move beside the game's and the best, once estimated."""

    width, height = 860, 390

    def __init__(self, app, scene: DrillScene, move: Move):
        super().__init__(app)
        self.scene = scene
        self.move = move
        run = scene.run
        q = run.current
        self.n = run.analysis.rollouts
        self.attempt: Attempt | None = None
        self.error = ""
        self.job: Job[Attempt] | None = None
        known = known_estimate(q, move)
        if known is not None:  # the game's move or the best: the board's own estimate
            self._done(attempt(q, scene.session.case, move, known))
            return
        pos, n, jobs = position_of(scene.session.table), self.n, run.jobs

        def work(job: Job) -> Attempt:
            with JobRollouts(job, jobs) as rollouts:
                return try_move(q, pos, move, rollouts, n, progress=job.progress)

        self.job = Job(work, name="faultlines-drill").start()

    def _done(self, tried: Attempt) -> None:
        self.attempt = tried
        self.scene.record(tried)

    def _poll(self) -> None:
        job = self.take_finished()
        if job is None:
            return
        if job.result is not None:
            self._done(job.result)
        elif not job.cancelled:
            self.error = f"The estimate could not be made: {job.error}"
        self.rebuild()
        self.app.mark_dirty()

    # -- layout --------------------------------------------------------------------------
    def build(self) -> None:
        px = self.px
        area = self.title("Your move, the game's, and the best found")
        self.area = area
        bh = self.app.fonts.line_height("bold", self.app.fs(16)) + px(16)
        y = area.bottom - bh
        if self.attempt is not None:
            specs = [("next", "Finish the drill (Enter)" if self.scene.run.last else
                      "Next position (Enter)", self.next),
                     ("again", "Try another move (Esc)", self.close),
                     ("quit", "Quit drill (Q)", self.quit)]
        elif self.job is not None:
            specs = [("cancel", "Cancel (Esc)", self.cancel)]
        else:
            specs = [("again", "Back to the position (Esc)", self.close)]
        size = self.app.fs(16)
        gap = px(10)
        widths = [self.app.fonts.size(t, "bold", size)[0] + px(28) for _, t, _ in specs]
        if sum(widths) + gap * (len(widths) - 1) > area.w:
            specs = [(k, t.split(" (")[0], a) for k, t, a in specs]
            widths = [self.app.fonts.size(t, "bold", size)[0] + px(24) for _, t, _ in specs]
        x = area.x
        for (key, text, action), bw in zip(specs, widths, strict=True):
            self.add_button(key, pygame.Rect(x, y, bw, bh), text, action,
                            object_id="#primary" if key == "next" else None)
            x += bw + gap
        self.body = pygame.Rect(area.x, area.y, area.w, y - px(10) - area.y)
        self.focus.focus(specs[0][0])

    # -- actions ---------------------------------------------------------------------------
    def next(self) -> None:
        self.app.pop(self)
        self.scene.next()

    def quit(self) -> None:
        self.app.pop(self)
        self.scene.quit()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
        self.close()

    def on_escape(self) -> None:
        self.cancel()

    def handle_key(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and "next" in self.buttons:
            self.next()
            return True
        if event.key == pygame.K_q and "quit" in self.buttons:
            self.quit()
            return True
        return False

    # -- frame -----------------------------------------------------------------------------
    def animating(self) -> bool:
        return self.app.top is self and self.job_news()

    def update(self, dt: float) -> None:
        self._poll()
        super().update(dt)

    def draw_under(self, surface: pygame.Surface) -> None:
        super().draw_under(surface)
        f, px, fs = self.app.fonts, self.px, self.app.fs
        r = self.body
        q = self.scene.run.current
        lh = f.line_height("regular", fs(15))
        if self.job is not None:
            self.drawn()
            text = (f"Playing {self.n} games on from this position after your move: "
                    f"{self.job.done} of {self.n}\u2026" if self.job.done else
                    f"Playing {self.n} games on from this position after your move: "
                    "starting\u2026")
            surface.blit(f.render(f.ellipsize(text, "regular", fs(15), r.w), "regular", fs(15),
                                  TEXT), (r.x, r.y + px(10)))
            bar = pygame.Rect(r.x, r.y + px(20) + lh, r.w, lh)
            pygame.draw.rect(surface, BORDER, bar, 1, border_radius=4)
            fill = bar.inflate(-4, -4)
            fill.w = round(fill.w * self.job.fraction)
            if fill.w > 0:
                pygame.draw.rect(surface, FOCUS, fill, border_radius=3)
            return
        if self.attempt is None:
            if self.error:
                surface.blit(f.render(f.ellipsize(self.error, "regular", fs(15), r.w),
                                      "regular", fs(15), self.app.palette.oppose), (r.x, r.y))
            return
        y = r.y + px(4)
        label_w = max(f.size(row.label, "bold", fs(15))[0] for row in self.attempt.rows) + px(14)
        words_w = max(f.size(chance_text(row.estimate), "regular", fs(14))[0]
                      for row in self.attempt.rows)
        for i, row in enumerate(self.attempt.rows):
            mine = i == 0
            surface.blit(f.render(row.label, "bold", fs(15), FOCUS if mine else TEXT), (r.x, y))
            game = row.label == "The game's move"
            tag = f"  {MARKS[q.judgement].sign} {q.judgement}" if game else ""
            room = r.w - label_w - (f.size(tag, "regular", fs(15))[0] + px(26) if game else 0)
            s = f.render(f.ellipsize(row.text, "regular", fs(15), room), "regular", fs(15), TEXT)
            surface.blit(s, (r.x + label_w, y))
            if game:
                x = r.x + label_w + s.get_width() + px(14)
                draw_mark(self.app, surface, q.judgement, (x, y + lh // 2), 0.8)
                surface.blit(f.render(tag, "regular", fs(15), TEXT), (x + px(6), y))
            y += lh + px(2)
            self._bar(surface, pygame.Rect(r.x + label_w, y, r.w - label_w, lh), row.estimate,
                      mine, words_w)
            y += lh + px(12)
        verdict = self.attempt.verdict() if self.attempt.best is not None else ""
        colour = self.app.palette.support if self.attempt.found else self.app.palette.oppose
        for ln in f.wrap(verdict, "semibold", fs(16), r.w):
            surface.blit(f.render(ln, "semibold", fs(16), colour), (r.x, y))
            y += f.line_height("semibold", fs(16))
        note = (f"Each figure: {self.n} games of research-style play after the move, from the "
                "game's true state (hindsight); \u00b1 one standard error.")
        for ln in f.wrap(note, "italic", fs(13), r.w):
            if y + f.line_height("italic", fs(13)) > r.bottom:
                break
            surface.blit(f.render(ln, "italic", fs(13), MUTED), (r.x, y + px(4)))
            y += f.line_height("italic", fs(13))

    def _bar(self, surface: pygame.Surface, r: pygame.Rect, e: Estimate, mine: bool,
             tw: int) -> None:
        """The pass chance as a bar with its standard error as a whisker, then in words
        (`tw`: the widest words of the rows, so the bars line up)."""
        f, px, fs = self.app.fonts, self.px, self.app.fs
        words = chance_text(e)
        track = pygame.Rect(r.x, r.y + px(3), max(px(80), r.w - tw - px(14)), r.h - px(6))
        pygame.draw.rect(surface, PANEL_HI, track, border_radius=3)
        fill = track.copy()
        fill.w = round(track.w * e.pass_chance)
        if fill.w > 0:
            pygame.draw.rect(surface, FOCUS if mine else ACCENT, fill, border_radius=3)
        lo = track.x + track.w * max(0.0, e.pass_chance - e.stderr)
        hi = track.x + track.w * min(1.0, e.pass_chance + e.stderr)
        cy = track.centery
        pygame.draw.line(surface, TEXT, (lo, cy), (hi, cy), 2)
        for x in (lo, hi):
            pygame.draw.line(surface, TEXT, (x, track.y), (x, track.bottom), 2)
        pygame.draw.rect(surface, BORDER, track, 1, border_radius=3)
        surface.blit(f.render(words, "regular", fs(14), TEXT), (track.right + px(10), r.y))


__all__ = ["DrillResult", "DrillRun", "DrillScene"]
