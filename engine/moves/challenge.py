"""Challenge: confronting someone who undermines change (Waring et al. 2023, Findings:
meaning and values; power and influence). It works only with standing."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from faultlines.engine.moves.base import Move
from faultlines.engine.tuning import TUNING


def standing(game) -> float:
    """The director's standing to confront: credibility and a coalition behind you (the
    Board's air cover shields the director; it does not lend a weapon)."""
    t, st = TUNING.challenge, game.state
    return st.credibility + t.coalition_standing * int(st.coalition.sum())


@dataclass(frozen=True, kw_only=True)
class Challenge(Move):
    kind = "challenge"
    family = "challenge"
    label = "Challenge in public"
    help = ("Single out someone who is undermining the plan for collective scrutiny. Works "
            "only if your standing exceeds their influence; otherwise it backfires on you.")
    source = "Waring et al. 2023, Findings: power and influence (directly challenging)"
    base_cost = TUNING.challenge.cost
    params = ("target",)

    def apply(self, game):
        t, st, case, i = TUNING.challenge, game.state, game.case, self._idx(game)
        name = case.name(self.target)
        if game.stances().total[i] > t.friendly_above:
            st.credibility = max(0.0, st.credibility - t.friendly_credibility)
            st.grievance[i] += t.friendly_grievance
            return [game.event("move", f"You challenge {name}, who was on your side. The room "
                               "is baffled and they are hurt.", target=self.target,
                               success=False)]
        if standing(game) >= case.influence[i] + t.margin:
            st.pressure[i] += t.pressure * t.repeat_factor ** st.stage_uses.get("challenge", 0)
            st.grievance[i] += t.success_grievance
            st.credibility = min(1.0, st.credibility + t.success_credibility)
            return [game.event("move", f"You challenge {name}'s objections in front of the "
                               "group. Under scrutiny they soften their opposition.",
                               target=self.target, success=True)]
        st.credibility = max(0.0, st.credibility - t.backfire_credibility)
        st.grievance[i] += t.backfire_grievance
        allies = np.flatnonzero(case.affinity[i] > 0)
        st.grievance[allies] += t.backfire_ally_grievance
        return [game.event("move", f"You challenge {name}, but you lack the standing: the room "
                           "closes ranks behind them and your credibility suffers.",
                           target=self.target, success=False,
                           allies=[case.ids[j] for j in allies])]
