"""The debrief summary: the outcome and why, the turning points, what moved people that was
not the player's move, how it came about, moves by family, each stakeholder's stance over
the game, and the scenario's reflection notes (drawn from the research). Tab or a click on a
line's label highlights one person.

Everything it says comes from the engine's one analysis of the game's log
(`engine.debrief.analyse` and its `summarise`), the same the terminal edition prints and the
HTML report shows, so the three never name different turning points.
"""

from __future__ import annotations

from typing import Any

import pygame
from faultlines.engine.debrief import analyse, summarise
from faultlines.engine.debrief.summary import CAUSE_WORDS, Summary
from faultlines.engine.domain import FAMILY_NAMES
from faultlines.engine.events import Event
from faultlines.game.moves_ui import FAMILY_ORDER
from faultlines.game.palette import MUTED, hexs
from faultlines.game.scenes.base import Scene
from faultlines.game.scenes.outcome import log_note
from faultlines.game.text import esc
from faultlines.game.widgets.chart import family_bars, stage_entries, stance_chart
from faultlines.game.widgets.transcript import Transcript


def game_log(session) -> dict[str, Any]:
    """The session's full game log (abandoned if the game is not over)."""
    return session.table.log()


def summary_parts(summary: Summary) -> dict[str, str]:
    """The summary's sections as the window's rich text, by name (turning, swings, causes,
    episodes, game, mix); engine strings are shown as they are, so every shell words them alike."""
    turning = [f"{n}. {esc(t.title)} ({esc(t.move.when)}), swing {t.swing:.2f}<br>"
               f"&nbsp;&nbsp;&nbsp;{esc('; '.join(t.effects[:2]))}"
               for n, t in enumerate(summary.turning_points, 1)]
    parts = {"turning": "<b>Turning points</b> (what your moves themselves changed most)<br>"
             + ("<br>".join(turning) or "None: no move of yours moved anyone enough to "
                "record.")}
    if summary.event_swings:
        parts["swings"] = ("<b>What moved people that was not your move</b><br>" + "<br>".join(
            f"\u2022 {esc(s.title)}: {esc('; '.join(s.effects[:2]))}"
            for s in summary.event_swings))
    if summary.causes:
        parts["causes"] = "<b>How it came about</b><br>" + "<br>".join(
            f"\u2022 {esc(CAUSE_WORDS.get(c.kind, c.kind))} ({esc(c.when)}): {esc(c.text)}"
            for c in summary.causes)
    parts["episodes"] = ("<b>Negotiation episodes</b>"
                         + ("" if summary.episodes_recorded else
                            " (reconstructed from an older log)")
                         + f": {esc(summary.episodes_text)}." + "".join(
                             f"<br>\u2022 {esc(line)}" for line in summary.doubtful_lines()))
    parts["game"] = f"<b>Your game</b>: {esc(summary.facts)}"
    parts["mix"] = f"<b>Moves by family</b>: {esc(summary.mix_text)}."
    return parts


#: the buttons' labels when the full ones do not fit in a row (large text, small window)
SHORT_LABELS = {"transcript": "Transcript (L)", "rewind": "Rewind (R)",
                "analysis": "Analysis (A)", "title": "Title", "quit": "Quit"}


class DebriefScene(Scene):
    def __init__(self, app):
        super().__init__(app)
        s = app.session
        assert s is not None
        self.session = s
        self.log = game_log(s)
        self.debrief = analyse(self.log, s.case, where="this game")
        self.summary = summarise(self.debrief)
        self.people = s.view.people
        self.highlight: str | None = None

    def build(self) -> None:
        s, summary = self.session, self.summary
        sc = s.case.scenario
        w, h = self.app.size
        px = self.px
        pad = px(14)
        head_h = self.app.fonts.line_height("bold", self.app.fs(22)) + px(8)
        self.label(pygame.Rect(pad, pad, w - 2 * pad, head_h),
                   f"Debrief \u2014 {summary.outcome_name}", "#heading")
        top = pad + head_h + px(4)
        bh = px(46)
        bottom = h - pad - bh - px(10)
        left_w = int((w - 3 * pad) * 0.42)
        muted = hexs(MUTED)
        sections = summary_parts(summary)
        parts = [f"<b>{esc(summary.outcome_title)}.</b> {esc(summary.outcome_text)}"]
        if summary.reasons:
            parts.append("<b>Why:</b> " + " ".join(esc(r) for r in summary.reasons))
        parts.append(sections["turning"])
        parts += [sections[k] for k in ("swings", "causes", "episodes") if k in sections]
        self.family_counts = [(FAMILY_NAMES[f], summary.move_mix.get(f, 0))
                              for f in FAMILY_ORDER]
        fam_index = len(parts)
        parts.append(sections["game"])
        log = log_note(s)
        if log:
            parts.insert(fam_index + 1, log)
        for note in sc.debrief:
            parts.append(f"<b>{esc(note.title)}</b><br>{esc(note.text)}<br>"
                         f"<font color='{muted}'><i>{esc(note.source)}</i></font>")
        parts.append(f"<font color='{muted}'>Reflect: which moves changed who, and why? "
                     "Where did you trade ambition for agreement?</font>")
        rx = pad * 2 + left_w
        rw = w - rx - pad
        bars_h = len(self.family_counts) * (self.app.fonts.line_height(
            "regular", self.app.fs(14)) + px(4)) + self.app.fonts.line_height(
            "semibold", self.app.fs(15)) + px(20)
        if (bottom - top) - bars_h < px(300):
            # large text: the chart takes the whole column, the bars go into the text
            self.bars_rect = None
            self.chart_rect = pygame.Rect(rx, top, rw, bottom - top)
        else:
            self.chart_rect = pygame.Rect(rx, top, rw, bottom - top - bars_h - pad)
            self.bars_rect = pygame.Rect(rx, self.chart_rect.bottom + pad, rw, bars_h)
        if self.bars_rect is None:
            parts.insert(fam_index, sections["mix"])
        self.main_box = self.text_box(pygame.Rect(pad, top, left_w, bottom - top),
                                      "<br><br>".join(parts), "#card")
        specs = [("transcript", "Full transcript (L)", self._history, None),
                 ("rewind", "Rewind and compare (R)", self._rewind,
                  "Step through this game move by move, and branch from any point to see "
                  "what else could have happened."),
                 ("analysis", "Analysis board (A)", self._analysis,
                  "Every position's chance to pass, each move judged, the better move, and "
                  "a drill of your mistakes (hindsight: it reads the hidden drivers)."),
                 ("title", "Back to title", self.app.show_title, None),
                 ("quit", "Quit Fault Lines", self.app.quit, None)]
        size = self.app.fs(17)  # the buttons' font: the bold #primary one is the widest
        gap = px(10)
        widths = [self.app.fonts.size(t, "bold", size)[0] + px(28) for _, t, _, _ in specs]
        if sum(widths) + gap * (len(specs) - 1) > w - 2 * pad:  # large text: short labels
            specs = [(k, SHORT_LABELS.get(k, t), a, tip) for k, t, a, tip in specs]
            widths = [self.app.fonts.size(t, "bold", size)[0] + px(24) for _, t, _, _ in specs]
        if max(widths) * len(specs) + gap * (len(specs) - 1) <= w - 2 * pad:
            widths = [max(widths)] * len(specs)  # equal buttons when they fit
        x = pad
        for (key, text, action, tip), bw in zip(specs, widths, strict=True):
            if key == "quit":
                x = w - pad - bw  # apart from the others, at the right edge
            self.add_button(key, pygame.Rect(x, h - pad - bh, bw, bh), text, action,
                            tooltip=tip, object_id="#primary" if key == "title" else None)
            x += bw + gap
        self.focus.focus("title")

    def _rewind(self) -> None:
        self.app.open_replay(self._logged(), at=len(self.log["moves"]), over=True,
                             practice=self.session.practice)

    def _logged(self):
        from faultlines.game.logged_game import LoggedGame

        if getattr(self, "_logged_game", None) is None:
            s = self.session
            self._logged_game = LoggedGame(self.log, s.case, scenario_ref=s.scenario_ref,
                                           where="this game")
        return self._logged_game

    def _analysis(self) -> None:
        from faultlines.game.scenes.analysis import AnalysisScene

        self.app.push(AnalysisScene(self.app, self._logged(), practice=self.session.practice))

    def _history(self) -> None:
        from faultlines.game.scenes.overlays import HistoryOverlay

        events = [Event.from_dict(e) for e in self.log["events"]]
        t = Transcript.from_events(events, self.session.view, self.app.palette)
        self.app.push(HistoryOverlay(self.app, t))

    def handle_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_l:
            self._history()
            return True
        if event.key == pygame.K_r:
            self._rewind()
            return True
        if event.key == pygame.K_a:
            self._analysis()
            return True
        if event.key in (pygame.K_LEFTBRACKET, pygame.K_RIGHTBRACKET) or (
                event.key == pygame.K_h):
            ids = [p.id for p in self.people]
            i = ids.index(self.highlight) if self.highlight in ids else -1
            step = -1 if event.key == pygame.K_LEFTBRACKET else 1
            self.highlight = ids[(i + step) % len(ids)]
            self.app.mark_dirty()
            return True
        return False

    def handle_mouse(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEBUTTONDOWN and self.chart_rect.collidepoint(event.pos):
            ids = [p.id for p in self.people]
            i = ids.index(self.highlight) if self.highlight in ids else -1
            self.highlight = ids[(i + 1) % len(ids)]
            self.app.mark_dirty()

    def draw_under(self, surface: pygame.Surface) -> None:
        s = self.session
        names = {x.id: x.name for x in s.case.scenario.stages}
        self.stage_labels = stance_chart(self.app, surface, self.chart_rect,
                                         self.log["history"], self.people, names,
                                         self.highlight, entries=stage_entries(self.log))
        if self.bars_rect is not None:
            family_bars(self.app, surface, self.bars_rect, self.family_counts)
