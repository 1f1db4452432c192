"""Listening: one-to-ones, town halls and facilitated dialogue (Waring et al. 2023,
"Meaning and values associated with 'integration'"): they reveal what drives people,
build trust, and show a willingness to include."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from faultlines.engine.moves.base import Move

PUBLIC_FACING = ("patients", "voluntary", "primary_care", "community", "social_care")


@dataclass(frozen=True, kw_only=True)
class OneToOne(Move):
    kind = "one_to_one"
    family = "listening"
    label = "One-to-one meeting"
    help = ("Meet one stakeholder privately to learn their values, interests and stakes. "
            "Builds a little trust. Online meetings reveal less.")
    source = "Waring et al. 2023, Findings: meaning and values (listening methods)"
    params = ("target",)

    def apply(self, game):
        st, i = game.state, self._idx(game)
        s = game.case.stakeholder(self.target)
        depth = game.case.scenario.player.listening_depth
        before = st.revealed[i]
        st.revealed[i] = min(1.0, before + 0.6 * depth + 0.1)
        st.trust[i] = min(1.0, st.trust[i] + 0.08 * (1.0 - st.trust[i]) + 0.02)
        if st.revealed[i] >= 0.5:
            text = f"You meet {s.name} ({s.role}) one to one. You learn: {s.drivers}"
        else:
            text = (f"You meet {s.name} ({s.role}), but the call gives you only part of the "
                    "picture; another conversation would reveal what drives them.")
        return [game.event("move", text, target=self.target, revealed=float(st.revealed[i]),
                           was=float(before))]


@dataclass(frozen=True, kw_only=True)
class TownHall(Move):
    kind = "town_hall"
    family = "listening"
    label = "Town hall meeting"
    help = ("Open a public meeting. Reveals a little about everyone, more about public-facing "
            "groups, and shows you are inclusive (credibility).")
    source = "Waring et al. 2023, Findings: meaning and values ('town hall' meetings)"
    base_cost = 2
    once_per_stage = True

    def apply(self, game):
        st, case = game.state, game.case
        depth = case.scenario.player.listening_depth
        public = np.array([s.sector in PUBLIC_FACING for s in case.scenario.stakeholders])
        st.revealed[:] = np.minimum(1.0, st.revealed + np.where(public, 0.35, 0.15) * depth)
        st.trust[public] = np.minimum(1.0, st.trust[public] + 0.04)
        st.credibility = min(1.0, st.credibility + 0.03)
        return [game.event("move", "You hold a town hall meeting. People speak openly about "
                           "what the plan means for their communities; you are seen to listen.",
                           inclusive=True)]


@dataclass(frozen=True, kw_only=True)
class FacilitatedDialogue(Move):
    kind = "dialogue"
    family = "listening"
    label = "Facilitated dialogue"
    help = ("Bring two people with a history of conflict together to hear each other. "
            "Eases the rivalry and their grievances; reveals both a little.")
    source = "Waring et al. 2023, Findings: meaning and values (dialogue between opposing groups)"
    base_cost = 2
    params = ("target", "other")

    def _check(self, game):
        i, j = self._idx(game), self._idx(game, self.other)
        if game.state.conflict[i, j] <= 0.05:
            return (f"{game.case.name(self.target)} and {game.case.name(self.other)} have no "
                    "conflict to work through.")
        return None

    def apply(self, game):
        st = game.state
        i, j = self._idx(game), self._idx(game, self.other)
        st.conflict[i, j] = st.conflict[j, i] = st.conflict[i, j] * 0.4
        for k in (i, j):
            st.grievance[k] = max(0.0, st.grievance[k] - 0.1)
            st.revealed[k] = min(1.0, st.revealed[k] + 0.2)
            st.trust[k] = min(1.0, st.trust[k] + 0.03)
        a, b = game.case.name(self.target), game.case.name(self.other)
        return [game.event("move", f"You facilitate a dialogue between {a} and {b}. Old "
                           "grievances are aired and each hears what the other fears.",
                           target=self.target, other=self.other)]
