"""The debrief of a branch: the original game and the branch side by side.

Both share the seed and the moves up to the branch point, so every difference comes from
the moves after it. Each column shows the outcome, everyone's stance over the game, the
director's credibility against the legitimacy floor, and the comparable facts; facts that
differ are in bold. The numbers come from faultlines.engine/debrief (`analyse`), as the HTML
comparison report's do (game/report/compare_page.py).
"""

from __future__ import annotations

from typing import Any

import pygame
from faultlines.engine.debrief import Debrief, analyse, prepare_log
from faultlines.engine.domain import PASSING_OUTCOMES
from faultlines.engine.errors import SaveError
from faultlines.game.palette import MUTED, TEXT, hexs
from faultlines.game.report.compare_page import summary_rows
from faultlines.game.scenes.base import Scene
from faultlines.game.scenes.outcome import log_note
from faultlines.game.text import esc
from faultlines.game.widgets.chart import (
    credibility_chart,
    snapshot_x,
    stage_entries,
    stance_chart,
)


def shared_moves(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> int:
    """How many first moves two games have in common (where the branches part)."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


class CompareScene(Scene):
    def __init__(self, app):
        super().__init__(app)
        s = app.session
        assert s is not None and s.origin is not None
        self.session = s
        case = s.case
        self.error = ""
        self.logs: list[dict[str, Any]] = []
        self.debriefs: list[Debrief] = []
        try:
            original, _ = prepare_log(s.origin.log, case, "the original game")
            self.logs = [original, s.table.log()]
            self.debriefs = [analyse(log, case, where=w)
                             for log, w in zip(self.logs, ("the original game", "the branch"),
                                               strict=True)]
        except SaveError as exc:
            self.error = str(exc)
        self.at = shared_moves(self.logs[0]["moves"], self.logs[1]["moves"]) if self.logs \
            else s.origin.at
        self.people = s.view.people
        self.highlight: str | None = None
        self.labels = ("The original game", f"Your branch from move {self.at}")

    def build(self) -> None:
        app, px = self.app, self.px
        w, h = app.size
        pad = px(14)
        f = app.fonts
        head_h = f.line_height("bold", app.fs(22)) + px(8)
        self.label(pygame.Rect(pad, pad, w - 2 * pad, head_h),
                   f"Rewind and compare \u2014 two branches from move {self.at}", "#heading")
        intro = (f"Both games have the same seed and the same first {self.at} moves: every "
                 "difference below comes from the moves after the branch point (the "
                 "dash-dot line). H or a click on a chart picks out one person.")
        self.intro_lines = f.wrap(intro, "regular", app.fs(15), w - 2 * pad)
        self.intro_y = pad + head_h
        top = self.intro_y + len(self.intro_lines) * f.line_height("regular", app.fs(15)) + px(8)
        bh = max(px(46), f.line_height("bold", app.fs(17)) + px(16))
        bottom = h - pad - bh - px(10)
        gap = pad
        cw = (w - 2 * pad - gap) // 2
        self.columns: list[dict[str, pygame.Rect]] = []
        title_h = f.line_height("semibold", app.fs(16)) + px(2)
        outcome_h = f.line_height("bold", app.fs(20)) + px(6)
        avail = bottom - top - title_h - outcome_h
        cred_h = max(px(70), int(avail * 0.18))
        facts_h = max(app.box_height(3, 15), int(avail * 0.30))
        min_chart = px(230)  # fifteen names beside the lines stay readable
        if avail - cred_h - facts_h - 2 * px(6) < min_chart:
            cred_h = 0  # large text: credibility stays in the facts (bold when it differs)
            facts_h = max(app.box_height(2, 15), min(facts_h, avail - min_chart - px(6)))
        chart_h = avail - cred_h - facts_h - (2 if cred_h else 1) * px(6)
        for i in range(2):
            x = pad + i * (cw + gap)
            y = top
            col = {"title": pygame.Rect(x, y, cw, title_h)}
            y += title_h
            col["outcome"] = pygame.Rect(x, y, cw, outcome_h)
            y += outcome_h
            col["chart"] = pygame.Rect(x, y, cw, chart_h)
            y += chart_h + px(6)
            col["cred"] = pygame.Rect(x, y, cw, cred_h)
            y += cred_h + px(6) if cred_h else 0
            col["facts"] = pygame.Rect(x, y, cw, bottom - y)
            self.columns.append(col)
        self.scrollables = []
        for i, col in enumerate(self.columns):
            box = self.text_box(col["facts"], self.facts_html(i), "#small_box")
            self.scrollables.append(box)
        specs = [("rewind", "Rewind again (R)", self._rewind,
                  f"Back to the original game's replay at move {self.at}, to try another "
                  "branch"),
                 ("debrief", "Branch debrief (D)", self._debrief,
                  "The full debrief of your branch"),
                 ("title", "Back to title", self.app.show_title, None),
                 ("quit", "Quit Fault Lines", self.app.quit, None)]
        size = app.fs(17)
        widths = [f.size(t, "bold", size)[0] + px(28) for _, t, _, _ in specs]
        if max(widths) * len(specs) + px(10) * (len(specs) - 1) <= w - 2 * pad:
            widths = [max(widths)] * len(specs)
        x = pad
        for (key, text, action, tip), bw in zip(specs, widths, strict=True):
            if key == "quit":
                x = w - pad - bw
            self.add_button(key, pygame.Rect(x, h - pad - bh, bw, bh), text, action,
                            tooltip=tip, object_id="#primary" if key == "rewind" else None,
                            enabled=key != "rewind" or not self.error)
            x += bw + px(10)
        self.focus.focus("rewind")

    # -- words ---------------------------------------------------------------------------------
    def facts_html(self, i: int) -> str:
        if self.error:
            return esc(self.error) if i == 0 else ""
        rows = [summary_rows(d) for d in self.debriefs]
        d = self.debriefs[i]
        floor = self.session.case.scenario.rules.legitimacy_floor
        out = []
        if d.outcome_reasons:
            out.append("<b>Why:</b> " + esc(" ".join(d.outcome_reasons)))
        for key, value in rows[i].items():
            if key == "Outcome":
                continue
            if key == "Final credibility":
                value += f" (floor {floor:.2f})"
            line = f"{esc(key)}: {esc(value)}"
            other = rows[1 - i].get(key)
            out.append(f"<b>{line}</b>" if other != rows[i][key] else
                       f"<font color='{hexs(MUTED)}'>{line}</font>")
        if i == 1:
            note = log_note(self.session)
            if note:
                out.append(note)
        return "<br>".join(out)

    # -- actions -------------------------------------------------------------------------------
    def _rewind(self) -> None:
        from faultlines.game.logged_game import LoggedGame

        if not self.logs:
            return
        s = self.session
        logged = LoggedGame(self.logs[0], s.case, scenario_ref=s.scenario_ref,
                            where="the original game")
        self.app.open_replay(logged, at=self.at, practice=s.practice)

    def _debrief(self) -> None:
        from faultlines.game.scenes.debrief import DebriefScene

        self.app.switch(DebriefScene(self.app))

    def handle_key(self, event: pygame.event.Event) -> bool:
        keys = {pygame.K_r: "rewind", pygame.K_d: "debrief"}
        if event.key in keys:
            self.press(keys[event.key])
            return True
        if event.key in (pygame.K_h, pygame.K_LEFTBRACKET, pygame.K_RIGHTBRACKET):
            self._cycle(-1 if event.key == pygame.K_LEFTBRACKET else 1)
            return True
        return False

    def handle_mouse(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEBUTTONDOWN and any(
                c["chart"].collidepoint(event.pos) for c in self.columns):
            self._cycle(1)

    def _cycle(self, step: int) -> None:
        ids = [p.id for p in self.people]
        i = ids.index(self.highlight) if self.highlight in ids else -1
        self.highlight = ids[(i + step) % len(ids)]
        self.app.mark_dirty()

    # -- drawing -------------------------------------------------------------------------------
    def draw_under(self, surface: pygame.Surface) -> None:
        app, f, px = self.app, self.app.fonts, self.px
        size = app.fs(15)
        y = self.intro_y
        for line in self.intro_lines:
            surface.blit(f.render(line, "regular", size, MUTED), (px(14), y))
            y += f.line_height("regular", size)
        if self.error:
            return
        names = {x.id: x.name for x in self.session.case.scenario.stages}
        floor = self.session.case.scenario.rules.legitimacy_floor
        for i, col in enumerate(self.columns):
            d, log = self.debriefs[i], self.logs[i]
            t = f.render(self.labels[i], "semibold", app.fs(16), MUTED)
            surface.blit(t, col["title"].topleft)
            passed = d.outcome in PASSING_OUTCOMES
            colour = app.palette.support if passed else app.palette.oppose if d.outcome \
                else TEXT
            mark = "\u2713 " if passed else "\u2717 " if d.outcome else ""
            extra = d.outcome and d.outcome_title.lower() != d.outcome_name.lower()
            text = mark + d.outcome_name + (f" \u2014 {d.outcome_title}" if extra else "")
            if f.size(text, "bold", app.fs(20))[0] > col["outcome"].w:
                text = f.ellipsize(mark + d.outcome_name, "bold", app.fs(20), col["outcome"].w)
            surface.blit(f.render(text, "bold", app.fs(20), colour), col["outcome"].topleft)
            x = snapshot_x(log["history"], self.at)
            stance_chart(app, surface, col["chart"], log["history"], self.people, names,
                         self.highlight, title="Stances over the game (true, revealed)",
                         mark=(x, f"move {self.at}"), entries=stage_entries(log))
            if col["cred"].h:
                credibility_chart(app, surface, col["cred"], log["history"], floor,
                                  mark=(x, ""))


__all__ = ["CompareScene", "shared_moves"]
