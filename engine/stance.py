"""Stance as a sum of named contributions, so every change can be explained.

stance = values + stake + compensation + trust + allies + grievance + vision + evidence
         + demand + pressure + agenda + lobbying, clipped to [-1, 1].

Values compare a stakeholder's meanings with the plan *as framed to them* (Waring et al.
2023, meaning and values); stake weighs gains and losses over the four Rs at the plan's
current ambition (winners and losers); allies pull with their own stance, champions
harder, and rivals push the other way (power and influence); and opponents lobby their allies
behind the scenes (Waring, Bishop & Roe, Discussion: hidden channels; engine.agency).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from faultlines.engine import fault_lines
from faultlines.engine.case import Case
from faultlines.engine.domain import CONTRIBUTIONS
from faultlines.engine.state import GameState
from faultlines.engine.tuning import TUNING

_DIST_SCALE = TUNING.stance.value_distance / float(np.sqrt(3.0))  # sqrt(3): the three value axes


NAMES = tuple(CONTRIBUTIONS)
_ROW = {name: k for k, name in enumerate(NAMES)}


@dataclass(frozen=True, kw_only=True, eq=False)
class Stances:
    """Stances and their contributions; `matrix[k, i]` is contribution NAMES[k] for person i."""

    total: np.ndarray  # (N,)
    matrix: np.ndarray  # (K, N)

    @property
    def parts(self) -> dict[str, np.ndarray]:
        return {name: self.matrix[k] for k, name in enumerate(NAMES)}

    def part(self, name: str) -> np.ndarray:
        return self.matrix[_ROW[name]]

    def explain(self, i: int) -> list[tuple[str, float]]:
        """Contributions for stakeholder i, largest effect first."""
        items = [(name, float(self.matrix[k, i])) for k, name in enumerate(NAMES)]
        return sorted(items, key=lambda kv: -abs(kv[1]))


def net_stake(case: Case, st: GameState) -> np.ndarray:
    """Gain or loss from the plan at its current ambition, weighted by issue salience; an
    item kept off this forum's table does not count here (it is deferred, not settled)."""
    return ((case.stakes + st.stake_mod) * case.stake_weight) @ fault_lines.on_table(case, st)


def alignment(case: Case, st: GameState) -> np.ndarray:
    """+1 when the plan as framed to them matches their values, falling with distance."""
    diff = case.values_minus_plan - st.frame
    dist = np.sqrt(squared_distance(diff)) * _DIST_SCALE
    return np.maximum(1.0 - dist, -1.0)


def squared_distance(diff: np.ndarray) -> np.ndarray:
    """The sum of squares over the last axis (three values), added in one fixed order:
    the order numpy's einsum("ij,ij->i") took on the machine the balance was measured on,
    written out so that every engine, on every machine, adds alike."""
    sq = diff * diff
    return (sq[..., 0] + sq[..., 2]) + sq[..., 1]


def compute(case: Case, st: GameState) -> Stances:
    r = case.scenario.rules
    m = np.empty((len(NAMES), case.n))
    m[_ROW["values"]] = r.w_values * alignment(case, st)
    stake = m[_ROW["stake"]] = r.w_stake * net_stake(case, st)
    # compensation offsets a loss in the R it is paid in; it does not buy enthusiasm
    # (Waring et al. 2023, winners and losers): beyond the loss only a little goodwill
    m[_ROW["compensation"]] = fault_lines.compensation(case, st, stake)
    m[_ROW["trust"]] = (2.0 * r.w_trust) * (st.trust - 0.5)
    m[_ROW["grievance"]] = -st.grievance
    m[_ROW["vision"]] = fault_lines.vision(case, st, m[_ROW["values"]])
    m[_ROW["evidence"]] = -r.w_evidence * case.evidence_need * (1.0 - case.doubt_weight @ st.evidence)
    m[_ROW["demand"]] = _demands(case, st)
    m[_ROW["pressure"]] = st.pressure
    m[_ROW["agenda"]] = st.agenda
    m[_ROW["lobbying"]] = st.lobbied
    m[_ROW["allies"]] = 0.0
    base = _unit(_add.reduce(m, axis=0))
    m[_ROW["allies"]] = r.w_allies * _pull(case, st, base)
    return Stances(total=_unit(base + m[_ROW["allies"]]), matrix=m)


_add = np.add


def _unit(x: np.ndarray) -> np.ndarray:
    """Clip to [-1, 1] with bare ufuncs (np.clip's wrapper costs more than the work here)."""
    return np.minimum(np.maximum(x, -1.0, out=x), 1.0, out=x)


def rivalry(conflict: np.ndarray) -> np.ndarray:
    """Each person's conflicts added up (a row of `conflict`, the last axis): how much the
    rivals' drift is shared out by in `_pull`."""
    return _add.reduce(conflict, axis=-1)


def _pull(case: Case, st: GameState, base: np.ndarray) -> np.ndarray:
    """Allies drift towards each other's stance (champions pull harder); rivals drift apart."""
    backing = base * np.where(st.champion, TUNING.stance.champion_pull, 1.0)
    pull = case.affinity @ backing - TUNING.stance.rival_push * (st.conflict @ base)
    return pull / (1.0 + case.affinity_sum + rivalry(st.conflict))


def _demands(case: Case, st: GameState) -> np.ndarray | float:
    if not st.demands:
        return 0.0
    out = np.zeros(case.n)
    for d in st.demands:
        if not d.met:
            for sid in d.by:
                out[case.index[sid]] -= d.amount
    return out
