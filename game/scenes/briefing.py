"""The briefing: who you are, why you have no formal authority, the plan and its parts,
how to play, and who you know so far. Read before the first move."""

from __future__ import annotations

import pygame
from faultlines.engine.debrief.timeline import plural
from faultlines.game.guide import HOW_TO_PLAY
from faultlines.game.palette import hexs
from faultlines.game.scenes.base import Scene
from faultlines.game.text import esc, stance_phrase


def influence_word(x: float) -> str:
    return "high" if x >= 0.65 else "medium" if x >= 0.4 else "low"


class BriefingScene(Scene):
    def build(self) -> None:
        s = self.app.session
        assert s is not None
        sc = s.case.scenario
        v = s.view
        w, h = self.app.size
        pad = self.px(18)
        head_h = self.app.fonts.line_height("bold", self.app.fs(22)) + self.px(8)
        heading = self.app.fonts.ellipsize(f"Briefing \u2014 {sc.title}", "bold",
                                           self.app.fs(22), w - 2 * pad - self.px(12))
        self.label(pygame.Rect(pad, pad, w - 2 * pad, head_h), heading, "#heading")
        top = pad + head_h + self.px(6)
        bh = self.px(48)
        bottom = h - pad - bh - self.px(10)
        left_w = int((w - 3 * pad) * 0.58)
        p = sc.player
        comps = "".join(f"<br>\u2022 <b>{esc(c.name)}</b> \u2014 {esc(c.summary)}"
                        for c in sc.plan.components)
        how = "".join(f"<br>\u2022 <b>{esc(t)}.</b> {esc(x)}" for t, x in HOW_TO_PLAY)
        ind = p.inducements
        html = (f"{esc(sc.summary)}<br><br>"
                f"<b>You are</b> the {esc(p.role)}.<br>"
                f"<b>Your authority:</b> {esc(p.authority)}<br><br>"
                f"<b>You start with</b> a team capacity of {v.capacity_max} per round, "
                f"credibility {v.credibility:.2f} (out of 1), {plural(v.calendar, 'month')}, "
                f"and to trade: {plural(ind.roles, 'leadership role')}, "
                f"{plural(ind.funds, 'transitional fund')}, "
                f"{plural(ind.external, 'external funding bid')}.<br><br>"
                f"<b>The plan: {esc(sc.plan.title)}.</b> {esc(sc.plan.summary)}{comps}<br><br>"
                f"<b>How to play</b>{how}")
        self.main_box = self.text_box(pygame.Rect(pad, top, left_w, bottom - top), html, "#card")
        x = pad * 2 + left_w
        rw = w - x - pad
        pal = self.app.palette
        lines = ["<b>Who you know so far</b> (public positions; listen to learn more)"]
        for person in sorted(v.people, key=lambda q: -q.influence):
            known = " \u2014 <i>drivers known</i>" if person.drivers else ""
            col = hexs(pal.stance_colour(person.estimate))
            lines.append(
                f"<b>{esc(person.name)}</b>, {esc(person.role)}, {esc(person.organisation)}. "
                f"Influence {influence_word(person.influence)}. "
                f"<font color='{col}'>{esc(stance_phrase(person.estimate).capitalize())}</font>"
                f"{' (a rough guess)' if person.uncertainty > 0.2 else ''}.{known}<br>"
                f"<i>\u201c{esc(person.public_stance)}\u201d</i>")
        self.scrollables.append(self.text_box(pygame.Rect(x, top, rw, bottom - top),
                                              "<br><br>".join(lines), "#card"))
        self.add_button("begin", pygame.Rect(w - pad - self.px(360), h - pad - bh,
                                             self.px(360), bh),
                        "Go to the table  \u2192   (Enter)", self._begin, object_id="#primary")
        self.add_button("title", pygame.Rect(pad, h - pad - bh, self.px(220), bh),
                        "Back to title", self.app.show_title)
        self.focus.focus("begin")

    def _begin(self) -> None:
        from faultlines.game.scenes.table import TableScene

        self.app.switch(TableScene(self.app))

    def on_escape(self) -> None:
        from faultlines.game.scenes.menus import PauseMenu

        self.app.push(PauseMenu(self.app))
