"""Framing: the big-picture vision, tailored (parallel) frames, and evidence
(Waring et al. 2023, Findings and Discussion; Waring, Bishop & Roe, Negotiating the Purpose)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from faultlines.engine.moves.base import Move
from faultlines.engine.tuning import TUNING

#: evidence at or above which a component's case is as strong as it can be (no more to add)
FULL_EVIDENCE = 0.99


@dataclass(frozen=True, kw_only=True)
class BigPicture(Move):
    kind = "big_picture"
    family = "framing"
    label = "Big-picture vision"
    help = ("Appeal to better care for the people of the place. Lifts everyone a little and "
            "is hard to argue with, but hides real differences that resurface at later stages. "
            "Each repeat works less.")
    source = ("Waring, Bishop & Roe, Negotiating the Purpose (all-encompassing vision "
              "statements); Waring et al. 2023, Findings ('seeing the big picture')")
    base_cost = TUNING.big_picture.cost

    def apply(self, game):
        t, st = TUNING.big_picture, game.state
        lift = t.lift * (t.repeat_factor ** st.vision_uses)
        st.vision += lift
        st.vision_uses += 1
        return [game.event("move", "You set out the big picture: working together for healthier "
                           "communities across the place. Nobody argues against it in the room.",
                           lift=lift)]


@dataclass(frozen=True, kw_only=True)
class TailoredFrame(Move):
    kind = "tailored_frame"
    family = "framing"
    label = "Tailored frame"
    help = ("Present the plan in terms of what matters to one stakeholder. Works far better "
            "once you have listened to them; a guess can misfire.")
    source = "Waring et al. 2023, Discussion (parallel frames for different groups)"
    base_cost = TUNING.tailored_frame.cost
    params = ("target",)

    def apply(self, game):
        t = TUNING.tailored_frame
        st, case, i = game.state, game.case, self._idx(game)
        s = case.stakeholder(self.target)
        known = st.revealed[i]
        perceived = case.plan_values + st.frame[i]
        gap = case.values[i] - perceived
        fade = t.repeat_factor ** st.frame_uses[i]
        st.frame_uses[i] += 1
        misfire = game.dice.random() < t.misfire_chance * (1.0 - known) ** t.misfire_power
        if misfire:
            st.frame[i] -= t.misfire_shift * gap * fade
            st.trust[i] = max(0.0, st.trust[i] - t.misfire_trust)
            return [game.event("move", f"Your pitch to {s.name} misjudges what matters to them; "
                               "it sounds like someone else's priorities.", target=self.target,
                               misfire=True)]
        k = (t.strength + t.strength_known * known) * fade
        st.frame[i] += k * gap
        shown = known >= TUNING.radar.known_at  # you know their drivers, so you name them
        return [game.event("move", f"You frame the plan for {s.name} in their own terms"
                           + (f" ({s.drivers.split('. ')[0].rstrip('.')})." if shown
                              else "."),
                           target=self.target, strength=float(k))]


@dataclass(frozen=True, kw_only=True)
class EvidenceCase(Move):
    kind = "evidence_case"
    family = "framing"
    label = "Evidence and business case"
    help = ("Commission evidence and a business case for one component. Persuades those who "
            "doubt un-evidenced change, such as specialist providers.")
    source = "Waring et al. 2023, Findings: winners and losers (the 'un-evidenced' objection)"
    base_cost = TUNING.evidence_case.cost
    params = ("component",)

    def _check(self, game):
        if game.state.evidence[game.case.comp_index[self.component]] >= FULL_EVIDENCE:
            return "The evidence for that component is already as strong as it can be."
        return None

    def apply(self, game):
        c = game.case.comp_index[self.component]
        st = game.state
        st.evidence[c] = min(1.0, st.evidence[c] + TUNING.evidence_case.evidence)
        comp = game.case.scenario.plan.components[c]
        need = TUNING.evidence_case.doubter_need
        doubters = [game.case.ids[i] for i in np.flatnonzero(game.case.evidence_need > need)]
        return [game.event("move", f"You assemble outcomes data and a business case for "
                           f"{comp.name}.", component=self.component, reached=doubters)]
