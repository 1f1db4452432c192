"""Stance as a sum of named contributions, so every change can be explained.

stance = values + stake + compensation + trust + allies + grievance + vision + evidence
         + demand + pressure + agenda, clipped to [-1, 1].

Values compare a stakeholder's meanings with the plan *as framed to them* (Waring et al.
2023, meaning and values); stake weighs gains and losses over the four Rs at the plan's
current ambition (winners and losers); allies pull with their own stance, champions
harder, and rivals push the other way (power and influence).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.case import Case
from engine.state import GameState

_DIST_SCALE = 1.6 / float(np.sqrt(3.0))
CHAMPION_PULL = 2.5
RIVAL_PUSH = 0.6


@dataclass(frozen=True, kw_only=True)
class Stances:
    total: np.ndarray  # (N,)
    parts: dict[str, np.ndarray]  # contribution name -> (N,), in domain.CONTRIBUTIONS order

    def explain(self, i: int) -> list[tuple[str, float]]:
        """Contributions for stakeholder i, largest effect first."""
        items = [(k, float(v[i])) for k, v in self.parts.items()]
        return sorted(items, key=lambda kv: -abs(kv[1]))


def net_stake(case: Case, st: GameState) -> np.ndarray:
    """Gain or loss from the plan at its current ambition, weighted by issue salience."""
    return ((case.stakes + st.stake_mod) * case.stake_weight) @ st.ambition


def alignment(case: Case, st: GameState) -> np.ndarray:
    """+1 when the plan as framed to them matches their values, falling with distance."""
    diff = case.values_minus_plan - st.frame
    dist = np.sqrt(np.einsum("ij,ij->i", diff, diff)) * _DIST_SCALE
    return np.maximum(1.0 - dist, -1.0)


def compute(case: Case, st: GameState) -> Stances:
    r = case.scenario.rules
    values = r.w_values * alignment(case, st)
    stake = r.w_stake * net_stake(case, st)
    trust = (2.0 * r.w_trust) * (st.trust - 0.5)
    evidence = -r.w_evidence * case.evidence_need * (1.0 - case.doubt_weight @ st.evidence)
    demand = _demands(case, st)
    base = (values + stake + st.compensation + trust - st.grievance + st.vision + evidence
            + demand + st.pressure + st.agenda).clip(-1.0, 1.0)
    allies = r.w_allies * _pull(case, st, base)
    total = (base + allies).clip(-1.0, 1.0)
    parts = {
        "values": values, "stake": stake, "compensation": st.compensation.copy(),
        "trust": trust, "allies": allies, "grievance": -st.grievance, "vision": st.vision.copy(),
        "evidence": evidence, "demand": demand, "pressure": st.pressure.copy(),
        "agenda": st.agenda.copy(),
    }
    return Stances(total=total, parts=parts)


def _pull(case: Case, st: GameState, base: np.ndarray) -> np.ndarray:
    """Allies drift towards each other's stance (champions pull harder); rivals drift apart."""
    backing = base * np.where(st.champion, CHAMPION_PULL, 1.0)
    pull = case.affinity @ backing - RIVAL_PUSH * (st.conflict @ base)
    return pull / (1.0 + case.affinity_sum + st.conflict.sum(axis=1))


def _demands(case: Case, st: GameState) -> np.ndarray:
    out = np.zeros(case.n)
    for d in st.demands:
        if not d["met"]:
            for sid in d["by"]:
                out[case.index[sid]] -= d["amount"]
    return out
