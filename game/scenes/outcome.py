"""The outcome: which of the five outcomes the plan reached, in the scenario's words,
and why; and where the game's log was saved, so a learner can hand it to a facilitator."""

from __future__ import annotations

import pygame
from faultlines.engine.domain import OUTCOME_NAMES, PASSING_OUTCOMES
from faultlines.game.palette import MUTED, hexs
from faultlines.game.scenes.base import Scene
from faultlines.game.session import Session
from faultlines.game.text import esc


def log_note(s: Session) -> str:
    """Where this game's log is (HTML), or why it could not be written."""
    if s.log_path is not None:
        return (f"<b>Game log</b> (hand it to your facilitator, or open it with "
                f"<i>faultlines replay</i>):<br><font color='{hexs(MUTED)}'>"
                f"{esc(s.log_path)}</font>")
    if s.log_error:
        return f"<b>Game log:</b> {esc(s.log_error)}"
    return ""


class OutcomeScene(Scene):
    def __init__(self, app):
        super().__init__(app)
        s = app.session
        if s is not None and s.over and s.log_path is None and s.keep_log() is not None:
            s.autosave()  # a game finished before logs were kept: log it once now

    def build(self) -> None:
        s = self.app.session
        assert s is not None
        v = s.view
        sc = s.case.scenario
        w, h = self.app.size
        px = self.px
        pad = px(40)
        text = sc.outcomes.get(v.outcome) if v.outcome else None
        self.heading = OUTCOME_NAMES.get(v.outcome or "", "The game is over")
        self.passed = v.outcome in PASSING_OUTCOMES
        top = int(h * 0.26)
        bh = px(50)
        body = ""
        if text is not None:
            body += f"<b>{esc(text.title)}.</b> {esc(text.text)}<br><br>"
        reasons = s.table.log()["outcome_reasons"] if v.outcome else []
        body += "<b>Why:</b> " + " ".join(esc(r) for r in reasons)
        decisions = [e for e in s.table.events if e.kind == "decision"]
        if decisions:
            rows = []
            for e in decisions:
                d = e.data
                name = s.case.stage(d.get("stage", e.stage)).name
                mark = "\u2713" if d.get("result") == "passed" else "\u2717"
                rows.append(f"{mark} {esc(name)}: {esc(d.get('result', ''))}, "
                            f"{d.get('share', 0):.0%} support (needed {d.get('needed', 0):.0%})")
            body += "<br><br><b>Decisions along the way</b><br>" + "<br>".join(rows)
        months = sc.player.calendar
        used = months - max(0, v.calendar)  # the calendar can run past its end
        body += (f"<br><br>Stages passed: {len(v.passed)} of "
                 f"{len([x for x in sc.stages if x.kind != 'briefing'])}. "
                 f"Credibility at the end: {v.credibility:.2f}. Months used: "
                 f"{used} of {months}.")
        if s.log_error:  # the path itself is shown on its own line, under the text
            body += "<br><br>" + log_note(s)
        lh = self.app.fonts.line_height("regular", self.app.fs(15))
        box_h = h - top - bh - pad - px(20) - (lh + px(6) if s.log_path else 0)
        self.main_box = self.text_box(pygame.Rect(pad, top, w - 2 * pad, box_h), body, "#card")
        self.log_y = top + box_h + px(6)
        self.log_line = f"Game log: {s.log_path}" if s.log_path else ""
        branch = s.origin is not None
        text = "Compare the branches  \u2192  (Enter)" if branch else \
            "See the debrief  \u2192  (Enter)"
        bw = max(px(320), self.app.fonts.size(text, "bold", self.app.fs(17))[0] + px(28))
        self.add_button("debrief", pygame.Rect(w - pad - bw, h - pad - bh, bw, bh), text,
                        self._debrief, object_id="#primary")
        self.add_button("title", pygame.Rect(pad, h - pad - bh, px(240), bh), "Back to title",
                        self.app.show_title)
        self.focus.focus("debrief")

    def _debrief(self) -> None:
        """A branch's debrief puts it beside the game it was rewound from."""
        from faultlines.game.scenes.compare import CompareScene
        from faultlines.game.scenes.debrief import DebriefScene

        s = self.app.session
        scene = CompareScene if s is not None and s.origin is not None else DebriefScene
        self.app.switch(scene(self.app))

    def draw_under(self, surface: pygame.Surface) -> None:
        f = self.app.fonts
        w, h = self.app.size
        if self.log_line:
            size, room = self.app.fs(15), w - 2 * self.px(40)
            line = self.log_line
            if f.size(line, "regular", size)[0] > room:  # keep the file name, trim the folder
                name = self.app.session.log_path.name if self.app.session else ""
                line = f"Game log: \u2026/{name}"
            surface.blit(f.render(f.ellipsize(line, "regular", size, room), "regular", size,
                                  MUTED), (self.px(40), self.log_y))
        small = f.render("Outcome", "semibold", self.app.fs(20), MUTED)
        surface.blit(small, small.get_rect(midbottom=(w // 2, int(h * 0.10))))
        col = self.app.palette.support if self.passed else self.app.palette.oppose
        mark = "\u2713 " if self.passed else "\u2717 "
        size = self.app.fs(42)
        while size > 16 and f.size(mark + self.heading, "bold", size)[0] > w - self.px(40):
            size -= 2
        title = f.render(mark + self.heading, "bold", size, col)
        surface.blit(title, title.get_rect(midtop=(w // 2, int(h * 0.11))))
