"""The outcome: which of the five outcomes the plan reached, in the scenario's words,
and why."""

from __future__ import annotations

import pygame

from engine.domain import OUTCOME_NAMES, PASSING_OUTCOMES
from game.palette import MUTED
from game.scenes.base import Scene
from game.text import esc


class OutcomeScene(Scene):
    def build(self) -> None:
        s = self.app.session
        assert s is not None
        st = s.game.state
        sc = s.case.scenario
        w, h = self.app.size
        px = self.px
        pad = px(40)
        text = sc.outcomes.get(st.outcome) if st.outcome else None
        self.heading = OUTCOME_NAMES.get(st.outcome or "", "The game is over")
        self.passed = st.outcome in PASSING_OUTCOMES
        top = int(h * 0.26)
        bh = px(50)
        body = ""
        if text is not None:
            body += f"<b>{esc(text.title)}.</b> {esc(text.text)}<br><br>"
        body += "<b>Why:</b> " + " ".join(esc(r) for r in st.outcome_reasons)
        decisions = [e for e in s.game.events if e.kind == "decision"]
        if decisions:
            rows = []
            for e in decisions:
                d = e.data
                name = s.case.stage(d.get("stage", e.stage)).name
                mark = "\u2713" if d.get("result") == "passed" else "\u2717"
                rows.append(f"{mark} {esc(name)}: {esc(d.get('result', ''))}, "
                            f"{d.get('share', 0):.0%} support (needed {d.get('needed', 0):.0%})")
            body += "<br><br><b>Decisions along the way</b><br>" + "<br>".join(rows)
        body += (f"<br><br>Stages passed: {len(st.passed)} of "
                 f"{len([x for x in sc.stages if x.kind != 'briefing'])}. "
                 f"Credibility at the end: {st.credibility:.2f}. Months used: "
                 f"{sc.player.calendar - st.calendar} of {sc.player.calendar}.")
        self.main_box = self.text_box(pygame.Rect(pad, top, w - 2 * pad,
                                                  h - top - bh - pad - px(20)), body, "#card")
        self.add_button("debrief", pygame.Rect(w - pad - px(320), h - pad - bh, px(320), bh),
                        "See the debrief  \u2192  (Enter)", self._debrief, object_id="#primary")
        self.add_button("title", pygame.Rect(pad, h - pad - bh, px(240), bh), "Back to title",
                        self.app.show_title)
        self.focus.focus("debrief")

    def _debrief(self) -> None:
        from game.scenes.debrief import DebriefScene

        self.app.switch(DebriefScene(self.app))

    def draw_under(self, surface: pygame.Surface) -> None:
        f = self.app.fonts
        w, h = self.app.size
        small = f.render("Outcome", "semibold", self.app.fs(20), MUTED)
        surface.blit(small, small.get_rect(midbottom=(w // 2, int(h * 0.10))))
        col = self.app.palette.support if self.passed else self.app.palette.oppose
        mark = "\u2713 " if self.passed else "\u2717 "
        size = self.app.fs(42)
        while size > 16 and f.size(mark + self.heading, "bold", size)[0] > w - self.px(40):
            size -= 2
        title = f.render(mark + self.heading, "bold", size, col)
        surface.blit(title, title.get_rect(midtop=(w // 2, int(h * 0.11))))
