"""Alliances: champions, coalitions of marginal groups, backstage intelligence, air cover
(Waring et al. 2023, Findings: power and influence; Waring, Bishop & Roe)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from faultlines.engine.events import join_names
from faultlines.engine.fault_lines import RELATIONSHIPS
from faultlines.engine.moves.base import Move
from faultlines.engine.tuning import TUNING

MAX_CHAMPIONS = TUNING.recruit_champion.max_champions


@dataclass(frozen=True, kw_only=True)
class RecruitChampion(Move):
    kind = "recruit_champion"
    family = "alliance"
    label = "Recruit a champion"
    help = ("Ask a supporter to champion the plan to their allies: their pull on allies "
            "grows. Fails (wasting the effort) if they do not actually support it yet.")
    source = "Waring et al. 2023, Findings: winners and losers (early adopters as champions)"
    base_cost = TUNING.recruit_champion.cost
    params = ("target",)

    def _check(self, game):
        st = game.state
        if st.champion[self._idx(game)]:
            return f"{game.case.name(self.target)} is already a champion."
        if st.champion.sum() >= MAX_CHAMPIONS:
            return f"You can sustain at most {MAX_CHAMPIONS} champions."
        return None

    def apply(self, game):
        t, st, i = TUNING.recruit_champion, game.state, self._idx(game)
        name = game.case.name(self.target)
        if game.stances().total[i] < t.min_stance:
            st.trust[i] = max(0.0, st.trust[i] - t.refusal_trust)
            return [game.event("move", f"{name} declines to champion a plan they are not sold "
                               "on.", target=self.target, success=False)]
        st.champion[i] = True
        st.trust[i] = min(1.0, st.trust[i] + t.trust)
        return [game.event("move", f"{name} agrees to champion the plan with their allies.",
                           target=self.target, success=True)]


@dataclass(frozen=True, kw_only=True)
class BuildCoalition(Move):
    kind = "build_coalition"
    family = "alliance"
    label = "Build a coalition of marginal groups"
    help = ("Bring supportive marginal groups (social care, voluntary sector, patients...) "
            "together so their combined voice counts for more against powerful opponents. "
            "Needs at least two marginal supporters.")
    source = "Waring et al. 2023, Findings: power and influence (alliances of marginal groups)"
    base_cost = TUNING.build_coalition.cost
    once_per_stage = True

    def apply(self, game):
        t, st, case = TUNING.build_coalition, game.state, game.case
        members = case.marginal & (game.stances().total >= t.member_stance)
        if members.sum() < t.min_members:
            return [game.event("move", "You try to draw the marginal groups together, but too "
                               "few of them back the plan yet.", success=False)]
        st.coalition |= members
        st.credibility = min(1.0, st.credibility + t.credibility)
        names = [case.ids[i] for i in np.flatnonzero(st.coalition)]
        return [game.event("move", "A coalition forms: " + join_names([case.name(x) for x in names])
                           + " will speak together for the plan.", members=names, success=True)]


@dataclass(frozen=True, kw_only=True)
class Backstage(Move):
    kind = "backstage"
    family = "alliance"
    label = "Cultivate backstage"
    help = ("Build a private relationship with an influential leader: intelligence on them "
            "and their allies, a little trust. Exclusive: others are not in the room.")
    source = "Waring et al. 2023, Findings: power and influence (influential leaders for intelligence)"
    base_cost = TUNING.backstage.cost
    params = ("target",)

    def _check(self, game):
        if game.case.influence[self._idx(game)] < TUNING.backstage.min_influence:
            return f"{game.case.name(self.target)} is not influential enough to be worth it."
        return None

    def apply(self, game):
        t = TUNING.backstage
        st, case, i = game.state, game.case, self._idx(game)
        st.revealed[i] = min(1.0, st.revealed[i] + t.reveal)
        st.trust[i] = min(1.0, st.trust[i] + t.trust)
        st.offset[i, RELATIONSHIPS] += TUNING.fault_lines.backstage_relationship
        allies = np.flatnonzero(case.affinity[i] > 0)
        st.revealed[allies] = np.minimum(1.0, st.revealed[allies] + t.reveal_allies)
        told = join_names([case.name(case.ids[j]) for j in allies])
        return [game.event("move", f"Over several private conversations {case.name(self.target)}"
                           " tells you where the resistance lies"
                           + (f", and what {told} really think." if told else "."),
                           target=self.target,
                           exclusive=True, learned=[case.ids[j] for j in allies])]


@dataclass(frozen=True, kw_only=True)
class AirCover(Move):
    kind = "air_cover"
    family = "alliance"
    label = "Secure the Board's air cover"
    help = ("Ask the Partnership Board's executives to back you in public. Credibility, and "
            "their cover absorbs half of any public loss of standing (a failed vote, an "
            "exposed consultation). A shield, not a weapon. Only after the Board has endorsed "
            "the plan.")
    source = "Waring, Bishop & Roe, Negotiating Governance Arrangements ('air cover')"
    base_cost = TUNING.air_cover.cost

    def _check(self, game):
        st = game.state
        boards = [s.id for s in game.case.scenario.stages if s.kind == "board"]
        if not any(b in st.passed for b in boards):
            return "The Board has not yet endorsed the plan."
        if st.air_cover:
            return "You already have the Board's air cover."
        return None

    def apply(self, game):
        st = game.state
        st.air_cover = True
        st.credibility = min(1.0, st.credibility + TUNING.air_cover.credibility)
        return [game.event("move", "The Board's executives say publicly that they stand behind "
                           "your work.")]
