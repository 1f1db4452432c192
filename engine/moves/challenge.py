"""Challenge: confronting someone who undermines change (Waring et al. 2023, Findings:
meaning and values; power and influence). It works only with standing."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from faultlines.engine.moves.base import Move


def standing(game) -> float:
    """The director's standing to confront: credibility, Board cover, a coalition behind you."""
    st = game.state
    return st.credibility + (0.2 if st.air_cover else 0.0) + 0.05 * int(st.coalition.sum())


@dataclass(frozen=True, kw_only=True)
class Challenge(Move):
    kind = "challenge"
    family = "challenge"
    label = "Challenge in public"
    help = ("Single out someone who is undermining the plan for collective scrutiny. Works "
            "only if your standing exceeds their influence; otherwise it backfires on you.")
    source = "Waring et al. 2023, Findings: power and influence (directly challenging)"
    params = ("target",)

    def apply(self, game):
        st, case, i = game.state, game.case, self._idx(game)
        name = case.name(self.target)
        if game.stances().total[i] > 0.1:
            st.credibility = max(0.0, st.credibility - 0.06)
            st.grievance[i] += 0.15
            return [game.event("move", f"You challenge {name}, who was on your side. The room "
                               "is baffled and they are hurt.", target=self.target,
                               success=False)]
        if standing(game) >= case.influence[i] + 0.1:
            st.pressure[i] += 0.3 * 0.6 ** st.stage_uses.get("challenge", 0)
            st.grievance[i] += 0.05
            st.credibility = min(1.0, st.credibility + 0.02)
            return [game.event("move", f"You challenge {name}'s objections in front of the "
                               "group. Under scrutiny they soften their opposition.",
                               target=self.target, success=True)]
        st.credibility = max(0.0, st.credibility - 0.12)
        st.grievance[i] += 0.25
        allies = np.flatnonzero(case.affinity[i] > 0)
        st.grievance[allies] += 0.1
        return [game.event("move", f"You challenge {name}, but you lack the standing: the room "
                           "closes ranks behind them and your credibility suffers.",
                           target=self.target, success=False,
                           allies=[case.ids[j] for j in allies])]
