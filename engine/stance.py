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
from engine.domain import CONTRIBUTIONS
from engine.state import GameState

_SQRT3 = float(np.sqrt(3.0))
CHAMPION_PULL = 2.5


@dataclass(frozen=True, kw_only=True)
class Stances:
    total: np.ndarray  # (N,)
    parts: dict[str, np.ndarray]  # contribution name -> (N,)

    def explain(self, i: int) -> list[tuple[str, float]]:
        """Contributions for stakeholder i, largest effect first."""
        items = [(k, float(v[i])) for k, v in self.parts.items()]
        return sorted(items, key=lambda kv: -abs(kv[1]))


def net_stake(case: Case, st: GameState) -> np.ndarray:
    """Gain or loss from the plan at its current ambition, weighted by issue salience."""
    weight = 0.5 + case.salience
    raw = (case.stakes + st.stake_mod) * st.ambition * weight
    return raw.sum(axis=1) / weight.sum(axis=1)


def alignment(case: Case, st: GameState) -> np.ndarray:
    """+1 when the plan as framed to them matches their values, -1 when opposite."""
    perceived = case.plan_values + st.frame
    dist = np.sqrt(((case.values - perceived) ** 2).sum(axis=1)) / _SQRT3
    return np.clip(1.0 - 1.6 * dist, -1.0, 1.0)


def compute(case: Case, st: GameState) -> Stances:
    r = case.scenario.rules
    parts = {
        "values": r.w_values * alignment(case, st),
        "stake": r.w_stake * net_stake(case, st),
        "compensation": st.compensation.copy(),
        "trust": r.w_trust * (st.trust - 0.5) * 2.0,
        "grievance": -st.grievance,
        "vision": st.vision.copy(),
        "evidence": -r.w_evidence * case.evidence_need * _doubt(case, st),
        "demand": _demands(case, st),
        "pressure": st.pressure.copy(),
        "agenda": st.agenda.copy(),
    }
    base = np.clip(sum(parts.values()), -1.0, 1.0)
    parts["allies"] = r.w_allies * _pull(case, st, base)
    total = np.clip(base + parts["allies"], -1.0, 1.0)
    ordered = {k: parts[k] for k in CONTRIBUTIONS}
    return Stances(total=total, parts=ordered)


def _pull(case: Case, st: GameState, base: np.ndarray) -> np.ndarray:
    """Allies drift towards each other's stance; rivals drift apart."""
    weight = np.where(st.champion, CHAMPION_PULL, 1.0)
    aff = case.affinity * weight  # column j scaled by j's pull
    pull = aff @ base - st.conflict @ base * 0.6
    norm = 1.0 + case.affinity.sum(axis=1) + st.conflict.sum(axis=1)
    return pull / norm


def _doubt(case: Case, st: GameState) -> np.ndarray:
    """Doubt about the evidence, weighted towards the components that touch them most."""
    w = np.abs(case.stakes) + 0.05
    return (w * (1.0 - st.evidence)).sum(axis=1) / w.sum(axis=1)


def _demands(case: Case, st: GameState) -> np.ndarray:
    out = np.zeros(case.n)
    for d in st.demands:
        if not d["met"]:
            for sid in d["by"]:
                out[case.index[sid]] -= d["amount"]
    return out
