"""Overlays on the table: choosing a component or mode, a forum's decision, news of what
happened meanwhile (scenario events, a new stage, a hiatus), the plan, and the full
transcript."""

from __future__ import annotations

from collections.abc import Callable

import pygame
from faultlines.engine.events import Event
from faultlines.engine.view import action_news
from faultlines.game.palette import BORDER, MUTED, PANEL_HI, SECTOR_CODE, TEXT, hexs
from faultlines.game.scenes.base import Overlay, scroll_page
from faultlines.game.text import esc
from faultlines.game.widgets.transcript import Transcript
from pygame_gui.elements import UIScrollingContainer

Option = tuple[str, str, str, str | None]  # value, title, detail, reason if unavailable


class ChooserOverlay(Overlay):
    """Pick one of a few options (plan components, consultation modes); 1-9 or arrows."""

    width, height = 760, 560

    def __init__(self, app, title: str, help_text: str, options: list[Option],
                 callback: Callable[[str | None], None]):
        super().__init__(app)
        self.heading = title
        self.help_text = help_text
        self.options = options
        self.callback = callback

    def build(self) -> None:
        area = self.title(self.heading)
        px = self.px
        help_box = self.text_box(pygame.Rect(area.x, area.y, area.w, -1), esc(self.help_text),
                                 "#small_box")
        help_h = help_box.rect.h
        bh = self.px(44)
        scroll_rect = pygame.Rect(area.x, area.y + help_h + px(8), area.w,
                                  area.h - help_h - bh - px(20))
        scroll = UIScrollingContainer(scroll_rect, self.ui, should_grow_automatically=False,
                                      allow_scroll_x=False)
        inner = scroll_rect.w - px(20)
        y = 0
        for n, (value, title, detail, reason) in enumerate(self.options, 1):
            self.add_button(f"option:{value}", pygame.Rect(0, y, inner, px(40)),
                            f"{n}.  {title}", lambda v=value: self._pick(v),
                            container=scroll, enabled=reason is None, object_id="#move")
            y += px(42)
            text = esc(detail) + (f"<br><i>Not now: {esc(reason)}</i>" if reason else "")
            box = self.text_box(pygame.Rect(0, y, inner, -1), text, "#small_box",
                                container=scroll)
            y += box.rect.h + px(10)
        scroll.set_scrollable_area_dimensions((inner, y))
        self.add_button("cancel", pygame.Rect(area.right - px(200), area.bottom - bh, px(200),
                                              bh), "Cancel (Esc)", self.on_escape)
        first = next((v for v, _, _, r in self.options if r is None), None)
        if first is not None:
            self.focus.focus(f"option:{first}")

    def handle_key(self, event: pygame.event.Event) -> bool:
        if pygame.K_1 <= event.key <= pygame.K_9:
            n = event.key - pygame.K_1
            if n < len(self.options) and self.options[n][3] is None:
                self._pick(self.options[n][0])
            return True
        return False

    def _pick(self, value: str) -> None:
        self.app.pop(self)
        self.callback(value)

    def on_escape(self) -> None:
        self.app.pop(self)
        self.callback(None)


#: the result first, so a heading cut to a small window still says what happened (a
#: blocked forum is marked with a cross: the no-entry sign is not in the heading font)
RESULT_WORDS = {"passed": ("Agreed", "\u2713"), "failed": ("Not agreed", "\u2717"),
                "blocked": ("Blocked", "\u2717"), "standoff": ("Stuck in a stand-off",
                                                                "\u2717")}


class DecisionOverlay(Overlay):
    """A forum decides: who supported, abstained and opposed (weighted by influence), who
    blocked and why, and what happens next."""

    width, height = 1000, 640

    def __init__(self, app, decision: Event, after: list[Event]):
        super().__init__(app)
        self.decision = decision
        self.after = after
        self._sounded = False

    def build(self) -> None:
        if not self._sounded:
            self._sounded = True
            self.app.sounds.play("pass" if self.decision.data.get("result") == "passed"
                                 else "fail")
        s = self.app.session
        assert s is not None
        case = s.case
        d = self.decision.data
        stage = case.stage(d.get("stage", self.decision.stage))
        words, mark = RESULT_WORDS.get(d.get("result", ""), (d.get("result", ""), ""))
        area = self.title(f"{mark} {words}: {stage.name}")
        px = self.px
        self.bar_rect = pygame.Rect(area.x, area.y + px(4), area.w, px(30))
        self.bar_label_y = self.bar_rect.bottom + px(4)
        lh = self.app.fonts.line_height("regular", self.app.fs(14))
        top = self.bar_label_y + lh + px(10)
        bh = px(46)
        avail = area.bottom - top - bh - px(16)
        most = max(len(d.get(k, [])) for k in ("support", "abstain", "oppose"))
        wraps = 2 if self.app.scale > 1.2 else 1  # names may wrap at large text
        want = self.app.box_height(1 + most * wraps, 15)
        cols_h = int(min(avail * 0.7, max(avail * 0.3, want)))
        gap = px(10)
        cw = (area.w - 2 * gap) // 3
        views = {p.id: p for p in s.view.people}

        def names(ids: list[str]) -> str:
            if not ids:
                return "<i>nobody</i>"
            rows = []
            for x in ids:
                p = views.get(x)
                if p is None:
                    continue
                code = SECTOR_CODE.get(p.sector, "")
                rows.append(f"{esc(p.name)} <font color='{hexs(MUTED)}'>({code}, influence "
                            f"{p.influence:.2f})</font>")
            return "<br>".join(rows)
        pal = self.app.palette
        groups = [("Supported", d.get("support", []), pal.support),
                  ("Abstained", d.get("abstain", []), MUTED),
                  ("Opposed", d.get("oppose", []), pal.oppose)]
        for i, (title, ids, col) in enumerate(groups):
            html = (f"<b><font color='{hexs(col)}'>{title} ({len(ids)})</font></b><br>"
                    + names(ids))
            self.panel(pygame.Rect(area.x + i * (cw + gap), top, cw, cols_h), html)
        lines: list[str] = []
        if d.get("blockers"):
            for x in d["blockers"]:
                p = views.get(x)
                if p is None:
                    continue
                ctrl = ", ".join(p.controls) or "resources the plan needs"
                lines.append(f"<font face='dejavu'>\u2298</font> <b>{esc(p.name)}</b> blocked it: they control "
                             f"{esc(ctrl)}, which this stage needs, and they strongly oppose "
                             "the plan.")
        if d.get("result") == "standoff":
            lines.append("\u2717 The stand-off was not broken: nobody would commit before "
                         "the others did.")
        if d.get("result") == "passed" and not d.get("inclusive", True):
            lines.append(f"<font color='{hexs(MUTED)}'>No marginal group sat in this forum: "
                         "the decision was taken by the usual players.</font>")
        nxt = [esc(e.text) for e in self.after]
        if not nxt:  # nothing else happened: say what the result means for the plan
            nxt = ["The plan moves on." if d.get("result") == "passed" else
                   "The plan does not move on: this forum will be asked again."]
        html = ""
        if lines:
            html += "<b>Why it was blocked</b><br>" + "<br>".join(lines) + "<br><br>"
        html += "<b>What happens next</b><br>" + "<br>".join(f"\u2022 {t}" for t in nxt)
        html += (f"<br><br><font color='{hexs(MUTED)}'>How a forum decides: each member's "
                 "voice is weighted by influence (a coalition counts for more). Only support "
                 "counts towards the share needed, so an abstention is as good as a no. Anyone "
                 "who controls what the stage needs can block it if they strongly "
                 "oppose.</font>")
        self.main_box = self.panel(pygame.Rect(area.x, top + cols_h + gap, area.w,
                                               area.bottom - bh - px(10) -
                                               (top + cols_h + gap)), html)
        self.add_button("continue", pygame.Rect(area.right - px(260), area.bottom - bh,
                                                px(260), bh),
                        "Continue  (Enter)", self.close, object_id="#primary")

    def draw_over(self, surface: pygame.Surface) -> None:
        d = self.decision.data
        pal, f, px, fs = self.app.palette, self.app.fonts, self.px, self.app.fs
        r = self.bar_rect
        share = float(d.get("share", 0.0))
        opp = float(d.get("opposition", 0.0))
        need = float(d.get("needed", 0.5))
        pygame.draw.rect(surface, PANEL_HI, r, border_radius=4)
        sup_r = pygame.Rect(r.x, r.y, round(r.w * share), r.h)
        pygame.draw.rect(surface, pal.support, sup_r, border_radius=4)
        opp_r = pygame.Rect(r.right - round(r.w * opp), r.y, round(r.w * opp), r.h)
        pygame.draw.rect(surface, pal.oppose, opp_r, border_radius=4)
        pygame.draw.rect(surface, BORDER, r, 1, border_radius=4)
        x = r.x + round(r.w * need)
        pygame.draw.line(surface, TEXT, (x, r.y - px(6)), (x, r.bottom + px(6)), 3)
        size = fs(14)
        t1 = f.render(f"Support {share:.0%} of the forum's weight", "semibold", size, TEXT)
        t2 = f.render(f"needed {need:.0%}", "semibold", size, TEXT)
        t3 = f.render(f"Against {opp:.0%}", "semibold", size, TEXT)
        y = self.bar_label_y
        surface.blit(t1, (r.x, y))
        t2r = t2.get_rect(midtop=(x, y))
        t2r.x = max(t2r.x, r.x + t1.get_width() + px(12))
        t3r = t3.get_rect(topright=(r.right, y))
        if t2r.right + px(12) > t3r.x:
            t2r.right = t3r.x - px(12)
        surface.blit(t2, t2r)
        surface.blit(t3, t3r)


class NewsOverlay(Overlay):
    """What happened while you worked: scenario events, a new stage and what it needs,
    differences resurfacing, a hiatus, an exposed false consultation, and what stakeholders
    did of their own accord that you know of."""

    width, height = 860, 560

    def __init__(self, app, events: list[Event]):
        super().__init__(app)
        self.events = events
        self._sounded = False

    def build(self) -> None:
        if not self._sounded:
            self._sounded = True
            self.app.sounds.play("news")
        s = self.app.session
        assert s is not None
        case = s.case
        parts: list[str] = []
        heading = "Meanwhile\u2026"
        for e in self.events:
            if e.kind == "stage" and e.data.get("entered"):
                st = case.stage(e.data["entered"])
                heading = f"A new stage: {st.name}" if len(self.events) == 1 else heading
                idx = case.stage_ids.index(st.id) + 1
                forum = [case.name(x) for x, on in zip(case.ids, case.forums[st.id],
                                                       strict=True) if on]
                veto = [case.name(x) for x in st.veto]
                rows = [f"<b>Stage {idx} of {len(case.stage_ids)}: {esc(st.name)}.</b> "
                        f"{esc(st.summary)}"]
                if st.kind != "briefing":
                    rows.append(f"It decides after {st.rounds} round{'s' if st.rounds != 1 else ''}"
                                f" (or when you call it), and needs {st.threshold:.0%} of the "
                                "forum's influence-weighted support.")
                    rows.append("<b>Forum:</b> " + (", ".join(esc(n) for n in forum)
                                                    if len(forum) < case.n else "everyone"))
                    if veto:
                        rows.append("<b>Can block:</b> " + ", ".join(esc(n) for n in veto)
                                    + " (they control what the plan needs here).")
                parts.append("<br>".join(rows))
            elif e.kind == "stage":
                parts.append(f"<b>{esc(e.text)}</b>")
            elif e.kind == "scenario":
                title, _, rest = e.text.partition(": ")
                parts.append(f"<b>\u26a0 {esc(title)}</b><br>{esc(rest or title)}")
            elif e.kind == "action":
                parts.append(f"<b>\u25c6</b> {esc(action_news(e) or '')}")
            else:
                parts.append(f"<b>\u26a0</b> {esc(e.text)}")
        area = self.title(heading)
        bh = self.px(46)
        self.main_box = self.panel(pygame.Rect(area.x, area.y, area.w,
                                               area.h - bh - self.px(12)),
                                   "<br><br>".join(parts), 16)
        self.add_button("continue", pygame.Rect(area.right - self.px(260), area.bottom - bh,
                                                self.px(260), bh),
                        "Continue  (Enter)", self.close, object_id="#primary")


class PlanOverlay(Overlay):
    width, height = 900, 600

    def build(self) -> None:
        s = self.app.session
        assert s is not None
        sc = s.case.scenario
        v = s.view
        area = self.title(f"The plan: {sc.plan.title}")
        rows = [esc(sc.plan.summary), ""]
        for c in v.components:
            rows.append(f"<b>{esc(c['name'])}</b> <font color='{hexs(MUTED)}'>(issue: "
                        f"{esc(c['issue'])})</font><br>{esc(c['summary'])}<br>"
                        f"Ambition kept: {c['ambition']:.0%} \u2022 Evidence assembled: "
                        f"{c['evidence']:.0%}")
        rows.append(f"<font color='{hexs(MUTED)}'>Amending the plan or trading parts away "
                    "lowers its ambition; a plan that passes with little ambition left is "
                    "hollow.</font>")
        bh = self.px(46)
        self.main_box = self.text_box(pygame.Rect(area.x, area.y, area.w,
                                                  area.h - bh - self.px(12)),
                                      "<br><br>".join(r for r in rows if r is not None), "#card")
        self.add_button("close", pygame.Rect(area.right - self.px(220), area.bottom - bh,
                                             self.px(220), bh), "Close (Esc)", self.close,
                        object_id="#primary")

    def handle_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_p:
            self.close()
            return True
        return False


class HistoryOverlay(Overlay):
    """The full transcript, a page at a time (a page stays small enough to lay out fast)."""

    width, height = 1100, 660

    def __init__(self, app, transcript: Transcript):
        super().__init__(app)
        self.pages = transcript.pages()
        self.page = len(self.pages) - 1

    def build(self) -> None:
        area = self.title(f"Transcript \u2014 page {self.page + 1} of {len(self.pages)}")
        bh = self.px(44)
        self.box = self.text_box(pygame.Rect(area.x, area.y, area.w,
                                             area.h - bh - self.px(12)),
                                 self.pages[self.page], "#transcript")
        if self.page == len(self.pages) - 1 and self.box.scroll_bar is not None:
            self.box.scroll_bar.set_scroll_from_start_percentage(1.0)
        bw = self.px(200)
        y = area.bottom - bh
        self.add_button("prev", pygame.Rect(area.x, y, bw, bh), "\u2190 Earlier (PgUp)",
                        lambda: self._go(-1), enabled=self.page > 0)
        self.add_button("next", pygame.Rect(area.x + bw + self.px(10), y, bw, bh),
                        "Later (PgDn) \u2192", lambda: self._go(1),
                        enabled=self.page < len(self.pages) - 1)
        self.add_button("close", pygame.Rect(area.right - bw, y, bw, bh), "Close (Esc)",
                        self.close, object_id="#primary")
        self.focus.focus("close")

    def _go(self, step: int) -> None:
        new = min(max(0, self.page + step), len(self.pages) - 1)
        if new != self.page:
            self.page = new
            self.rebuild()
            self.app.mark_dirty()

    def handle_key(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            # scroll within the page; past its top or bottom, turn the page
            down = event.key == pygame.K_PAGEDOWN
            bar = self.box.scroll_bar
            at_edge = bar is None or (bar.start_percentage + bar.visible_percentage >= 0.999
                                      if down else bar.start_percentage <= 0.001)
            if at_edge:
                self._go(1 if down else -1)
            else:
                scroll_page(self.box, down=down)
                self.app.mark_dirty()
        elif event.key == pygame.K_HOME:
            self._go(-len(self.pages))
        elif event.key == pygame.K_END:
            self._go(len(self.pages))
        elif event.key == pygame.K_l:
            self.close()
        else:
            return False
        return True
