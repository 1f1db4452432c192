"""The debrief summary: the outcome and why, turning points, moves by family, each
stakeholder's stance over the game, and the scenario's reflection notes (drawn from the
research). Tab or a click on a line's label highlights one person."""

from __future__ import annotations

from collections import Counter

import pygame
from faultlines.engine.domain import CONTRIBUTIONS, FAMILY_NAMES, OUTCOME_NAMES
from faultlines.engine.moves import MOVE_TYPES
from faultlines.engine.view import build_view
from faultlines.game.moves_ui import FAMILY_ORDER
from faultlines.game.palette import MUTED, hexs
from faultlines.game.scenes.base import Scene
from faultlines.game.scenes.outcome import log_note
from faultlines.game.text import esc, signed
from faultlines.game.widgets.chart import family_bars, stance_chart
from faultlines.game.widgets.tracker import KIND_WORDS
from faultlines.game.widgets.transcript import Transcript


class DebriefScene(Scene):
    def __init__(self, app):
        super().__init__(app)
        s = app.session
        assert s is not None
        self.session = s
        self.people = build_view(s.game).people
        self.highlight: str | None = None

    def build(self) -> None:
        s = self.session
        g, st, sc = s.game, s.game.state, s.case.scenario
        w, h = self.app.size
        px = self.px
        pad = px(14)
        head_h = self.app.fonts.line_height("bold", self.app.fs(22)) + px(8)
        self.label(pygame.Rect(pad, pad, w - 2 * pad, head_h),
                   f"Debrief \u2014 {OUTCOME_NAMES.get(st.outcome or '', 'unfinished')}",
                   "#heading")
        top = pad + head_h + px(4)
        bh = px(46)
        bottom = h - pad - bh - px(10)
        left_w = int((w - 3 * pad) * 0.42)
        muted = hexs(MUTED)
        parts = []
        text = sc.outcomes.get(st.outcome) if st.outcome else None
        if text:
            parts.append(f"<b>{esc(text.title)}.</b> {esc(text.text)}")
        parts.append("<b>Why:</b> " + " ".join(esc(r) for r in st.outcome_reasons))
        shifts = [e for e in g.events if e.kind == "shift"]
        shifts.sort(key=lambda e: -abs(e.data.get("after", 0) - e.data.get("before", 0)))
        if shifts:
            rows = []
            for e in shifts[:5]:
                who = s.case.name(e.data["target"])
                d = e.data["after"] - e.data["before"]
                parts_ = sorted(e.data.get("why", {}).items(), key=lambda kv: -abs(kv[1]))[:2]
                why = ", ".join(f"{CONTRIBUTIONS[k].lower()} {signed(x)}" for k, x in parts_)
                move = g.moves[e.move]["kind"] if 0 <= e.move < len(g.moves) else None
                after = f", after you played {MOVE_TYPES[move].label}" if move in MOVE_TYPES \
                    else ""
                rows.append(f"\u2022 {esc(who)} {'warmed' if d > 0 else 'cooled'} "
                            f"{signed(d)}{esc(after)} ({esc(why)})")
            parts.append("<b>Turning points</b> (the biggest shifts)<br>" + "<br>".join(rows))
        fams = Counter(MOVE_TYPES[m["kind"]].family for m in g.moves
                       if m["kind"] in MOVE_TYPES and m["kind"] != "end_round")
        self.family_counts = [(FAMILY_NAMES[f], fams.get(f, 0)) for f in FAMILY_ORDER]
        fam_text = ", ".join(f"{name} {n}" for name, n in self.family_counts)
        fam_index = len(parts)
        parts.append(f"<b>Your game</b>: {len(g.moves)} moves, credibility {st.credibility:.2f} "
                     f"at the end, {sc.player.calendar - st.calendar} of "
                     f"{sc.player.calendar} months used, {st.hiatus_count} hiatus(es), "
                     f"consultation: {esc(st.consultation or 'not run')}"
                     + (" (exposed as a rubber stamp)" if st.exposed else "") + ".")
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
            parts.insert(fam_index, f"<b>Moves by family</b>: {fam_text}.")
        self.main_box = self.text_box(pygame.Rect(pad, top, left_w, bottom - top),
                                      "<br><br>".join(parts), "#card")
        specs = [("transcript", "Full transcript (L)", self._history, None),
                 ("rewind", "Rewind and compare (R)", self._rewind,
                  "Step through this game move by move, and branch from any point to see "
                  "what else could have happened."),
                 ("title", "Back to title", self.app.show_title, None),
                 ("quit", "Quit Fault Lines", self.app.quit, None)]
        size = self.app.fs(17)  # the buttons' font: the bold #primary one is the widest
        widths = [self.app.fonts.size(t, "bold", size)[0] + px(28) for _, t, _, _ in specs]
        gap = px(10)
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
        from faultlines.game.logged_game import LoggedGame

        s = self.session
        self.app.open_replay(LoggedGame.from_game(s.game, scenario_ref=s.scenario_ref),
                             at=len(s.game.moves), over=True, practice=s.practice)

    def _history(self) -> None:
        from faultlines.game.scenes.overlays import HistoryOverlay

        s = self.session
        t = Transcript.from_events(s.game.events, s.view, self.app.palette)
        self.app.push(HistoryOverlay(self.app, t))

    def handle_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_l:
            self._history()
            return True
        if event.key == pygame.K_r:
            self._rewind()
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
        names = {x.id: KIND_WORDS.get(x.kind, x.name) for x in s.case.scenario.stages}
        stance_chart(self.app, surface, self.chart_rect, s.game.history, self.people,
                     names, self.highlight)
        if self.bars_rect is not None:
            family_bars(self.app, surface, self.bars_rect, self.family_counts)
