"""How a forum decides: influence-weighted support; holders of needed resources can block.

Decisions are weighted by influence because the research found power unevenly spread
(Waring et al. 2023, Findings: power and influence); a coalition of marginal groups counts
for more together; a stand-off means nobody will move first (Waring, Bishop & Roe).
Stakeholders' own actions (engine.agency) reach the vote too: whoever has threatened to
withdraw a resource at this stage can block it like a veto holder (less easily under the
Board's air cover), and referrals to scrutiny ask for a larger majority. A coalition of
marginal groups behind the plan means only firmer opposition still blocks: a would-be
blocker short of that counts as one opposing voice instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from faultlines.engine.case import Case
from faultlines.engine.stance import Stances
from faultlines.engine.state import GameState
from faultlines.engine.tuning import TUNING


@dataclass(frozen=True, kw_only=True)
class Decision:
    stage: str
    result: str  # passed | failed | blocked | standoff
    share: float  # weighted share of the forum that supports
    opposition: float  # weighted share that opposes
    needed: float
    support: list[str] = field(default_factory=list)
    abstain: list[str] = field(default_factory=list)
    oppose: list[str] = field(default_factory=list)
    blockers: list[str] = field(default_factory=list)
    #: would-be blockers whose block did not hold against a coalition of marginal groups
    outweighed: list[str] = field(default_factory=list)
    inclusive: bool = False

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def needed(case: Case, st: GameState, stage) -> float:
    """The share of support the stage's decision needs: its threshold, raised by any
    referrals to scrutiny made at it."""
    return min(1.0, stage.threshold + st.scrutiny.get(stage.id, 0.0))


def threatening(case: Case, st: GameState, stage_id: str) -> np.ndarray:
    """Who has threatened to withdraw a resource at this stage (a mask)."""
    if not st.threats:
        return np.zeros(case.n, bool)
    return np.isin(case.ids, [sid for sid, at in st.threats.items() if at == stage_id])


def counterweight(case: Case, st: GameState) -> float:
    """How much firmer a partner's opposition must be to block while a coalition of
    marginal groups stands behind the plan: together they counteract the more powerful
    (Waring et al. 2023, Findings: power and influence - alliances of less influential
    groups collectively counteracting more powerful ones who oppose change)."""
    if not st.coalition.any():
        return 0.0
    t = TUNING.decision
    weight = float(case.influence[st.coalition].sum()) * (1.0 + t.coalition_bonus)
    return min(t.coalition_counterweight_max, t.coalition_counterweight * weight)


def tally(case: Case, st: GameState, stances: Stances, forum: np.ndarray) -> Decision:
    r = case.scenario.rules
    stage = case.stage(st.stage_at)
    s = stances.total
    bonus = TUNING.decision.coalition_bonus  # a coalition's members count for more together
    weight = case.influence * np.where(st.coalition, 1.0 + bonus, 1.0) * forum
    total = weight.sum() or 1.0
    sup = (s >= r.support_at) & forum
    opp = (s <= -r.support_at) & forum
    abst = forum & ~sup & ~opp
    share = float(weight[sup].sum() / total)
    opposition = float(weight[opp].sum() / total)
    margin = TUNING.agency.threat.air_cover_margin if st.air_cover else 0.0
    would = (case.vetoes[stage.id] & (s <= r.block_at)) | \
        (threatening(case, st, stage.id) & (s <= r.block_at - margin))
    firmer = counterweight(case, st)  # a coalition: only firmer opposition still blocks
    blockers = would & (s <= r.block_at - firmer - np.where(
        threatening(case, st, stage.id), margin, 0.0))
    outweighed = would & ~blockers
    need = needed(case, st, stage)
    ids = np.array(case.ids)
    so = st.standoff
    if so and so.blocks(stage.id):
        result = "standoff"
    elif blockers.any():
        result = "blocked"
    elif share >= need:
        result = "passed"
    else:
        result = "failed"
    return Decision(
        stage=stage.id, result=result, share=share, opposition=opposition,
        needed=need, support=ids[sup].tolist(), abstain=ids[abst].tolist(),
        oppose=ids[opp].tolist(), blockers=ids[blockers].tolist(),
        outweighed=ids[outweighed].tolist(),
        inclusive=bool((forum & case.marginal).any()),
    )
