"""Listening: one-to-ones, town halls and facilitated dialogue (Waring et al. 2023,
"Meaning and values associated with 'integration'"): they reveal what drives people,
build trust, and show a willingness to include."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from faultlines.engine.fault_lines import RELATIONSHIPS
from faultlines.engine.moves.base import Move
from faultlines.engine.tuning import TUNING


@dataclass(frozen=True, kw_only=True)
class OneToOne(Move):
    kind = "one_to_one"
    family = "listening"
    label = "One-to-one meeting"
    help = ("Meet one stakeholder privately to learn their values, interests and stakes. "
            "Builds a little trust. Online meetings reveal less.")
    source = "Waring et al. 2023, Findings: meaning and values (listening methods)"
    base_cost = TUNING.one_to_one.cost
    params = ("target",)

    def apply(self, game):
        t = TUNING.one_to_one
        st, i = game.state, self._idx(game)
        s = game.case.stakeholder(self.target)
        depth = game.case.scenario.player.listening_depth
        before = st.revealed[i]
        st.revealed[i] = min(1.0, before + t.reveal * depth + t.reveal_floor)
        st.trust[i] = min(1.0, st.trust[i] + t.trust_share * (1.0 - st.trust[i]) + t.trust)
        if st.revealed[i] >= TUNING.radar.known_at:  # drivers now shown
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
    base_cost = TUNING.town_hall.cost
    once_per_stage = True

    def apply(self, game):
        t = TUNING.town_hall
        st, case = game.state, game.case
        depth = case.scenario.player.listening_depth
        public = np.array([s.sector in t.public_sectors for s in case.scenario.stakeholders])
        reveal = np.where(public, t.reveal_public, t.reveal_others)
        st.revealed[:] = np.minimum(1.0, st.revealed + reveal * depth)
        st.trust[public] = np.minimum(1.0, st.trust[public] + t.trust_public)
        st.credibility = min(1.0, st.credibility + t.credibility)
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
    base_cost = TUNING.dialogue.cost
    params = ("target", "other")

    def _check(self, game):
        i, j = self._idx(game), self._idx(game, self.other)
        if game.state.conflict[i, j] <= TUNING.dialogue.min_conflict:
            return (f"{game.case.name(self.target)} and {game.case.name(self.other)} have no "
                    "conflict to work through.")
        return None

    def apply(self, game):
        t, st = TUNING.dialogue, game.state
        i, j = self._idx(game), self._idx(game, self.other)
        st.conflict[i, j] = st.conflict[j, i] = st.conflict[i, j] * t.conflict_kept
        for k in (i, j):
            st.offset[k, RELATIONSHIPS] += TUNING.fault_lines.dialogue_relationship
            st.grievance[k] = max(0.0, st.grievance[k] - t.grievance_eased)
            st.revealed[k] = min(1.0, st.revealed[k] + t.reveal)
            st.trust[k] = min(1.0, st.trust[k] + t.trust)
        a, b = game.case.name(self.target), game.case.name(self.other)
        return [game.event("move", f"You facilitate a dialogue between {a} and {b}. Old "
                           "grievances are aired and each hears what the other fears.",
                           target=self.target, other=self.other)]
