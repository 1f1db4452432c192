"""A forum's count for G games at once: engine.decision.tally with a game axis, equal to
it field for field (tests/test_batch_decision.py).

Influence-weighted support and opposition, the share needed (threshold + scrutiny),
blockers (veto holders, and threats carried out, less easily under air cover), those a
coalition of marginal groups outweighed, and a stand-off. Sums keep the reference's order:
a sum over a selection (`weight[sup].sum()`) is the selected values, in order, added in
numpy's pairwise order for that many values (`selected_sum`), so shares and the
coalition's weight come out to the last bit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from faultlines.engine.batch.compiled import BatchCase
from faultlines.engine.batch.stance import pairwise_sum, row_any, row_count
from faultlines.engine.batch.state import BatchState
from faultlines.engine.batch.view import stage_at
from faultlines.engine.decision import Decision
from faultlines.engine.domain import STAGE_KINDS
from faultlines.engine.tuning import TUNING

#: a decision's result (engine.decision.Decision.result), as a code
RESULTS = ("passed", "failed", "blocked", "standoff")
PASSED, FAILED, BLOCKED, STANDOFF = range(4)


@dataclass(frozen=True, eq=False)
class BatchDecision:
    """The tallies of the deciding games (rows follow `games`, their slots in the batch):
    row k is `engine.decision.Decision` of game games[k] (`one(bc, k)`)."""

    games: np.ndarray  # (K,) slot of each deciding game
    stage: np.ndarray  # (K,) stage code
    result: np.ndarray  # (K,) code in RESULTS
    share: np.ndarray  # (K,)
    opposition: np.ndarray  # (K,)
    needed: np.ndarray  # (K,)
    support: np.ndarray  # (K, N) bool
    abstain: np.ndarray
    oppose: np.ndarray
    blockers: np.ndarray
    outweighed: np.ndarray
    inclusive: np.ndarray  # (K,) bool

    def result_name(self, k: int) -> str:
        return RESULTS[self.result[k]]

    def one(self, bc: BatchCase, k: int) -> Decision:
        """Row k as the reference's Decision (for the rules that read one game's)."""
        ids = bc.scratch.get("people_ids")
        if ids is None:
            ids = bc.scratch["people_ids"] = np.array(bc.people)
            ids.setflags(write=False)
        return Decision(
            stage=bc.stages[self.stage[k]], result=RESULTS[self.result[k]],
            share=float(self.share[k]), opposition=float(self.opposition[k]),
            needed=float(self.needed[k]), support=ids[self.support[k]].tolist(),
            abstain=ids[self.abstain[k]].tolist(), oppose=ids[self.oppose[k]].tolist(),
            blockers=ids[self.blockers[k]].tolist(),
            outweighed=ids[self.outweighed[k]].tolist(), inclusive=bool(self.inclusive[k]))


# -- reading ---------------------------------------------------------------------------
def forum(bc: BatchCase, bs: BatchState, idx: np.ndarray) -> np.ndarray:
    """(K, N) engine.context.forum_of: who decides (in a briefing: at the next stage); a
    committee includes anyone added to it."""
    at = stage_at(bs, idx)
    mask = bc.forums[bc.decision_stage[at]]
    committee = bc.stage_kind[at] == _COMMITTEE
    return mask | (bs.forum_extra.take(idx, axis=0) & committee[:, None])


def selected_sum(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Per row, `values[mask].sum()` as numpy adds it: the selected values, in order, in
    numpy's pairwise order for that many values (a zero in their place would change it).

    The unselected become -0.0, which adds nothing to any number (x + -0.0 is x, bit for
    bit), so a sum may run over whole rows: fewer than eight selected are added in
    sequence, column after column (a leading +0.0 changes only a zero's sign,
    and the result's +0.0 start makes that +0.0 either way); eight to fifteen are numpy's
    own sum of the row with the selected packed first (its eight running sums take the
    first eight, the rest and the -0.0s follow in sequence); more, `pairwise_sum` by
    count."""
    count = row_count(mask)
    kept = np.where(mask, values, -0.0)  # values broadcast to the mask's shape
    column = np.ascontiguousarray(kept.T)
    out = column[0]
    for j in range(1, len(column)):  # in sequence
        out = out + column[j]
    out = 0.0 + out
    big = np.flatnonzero(count >= 8)
    if len(big):
        order = np.argsort(~mask[big], axis=1, kind="stable")  # the selected first, in order
        packed = np.take_along_axis(kept[big], order, axis=1)
        c = count[big]
        mid = c < 16
        out[big[mid]] = _add.reduce(packed[mid, :15], axis=1)
        for many in np.unique(c[~mid]).tolist():
            rows = c == many
            out[big[rows]] = pairwise_sum([packed[rows, j] for j in range(many)])
    return out


_add = np.add


# -- the vote ----------------------------------------------------------------------------
def tally(bc: BatchCase, bs: BatchState, idx: np.ndarray, total: np.ndarray,
          members: np.ndarray) -> BatchDecision:
    """engine.decision.tally for games idx, with their stances `total` (K, N) and their
    forums `members` (K, N)."""
    r = bc.case.scenario.rules
    at = stage_at(bs, idx)
    coalition = bs.coalition.take(idx, axis=0)
    bonus = TUNING.decision.coalition_bonus
    weight = bc.influence * np.where(coalition, 1.0 + bonus, 1.0) * members
    whole = pairwise_sum([weight[:, j] for j in range(bc.n)])
    whole = np.where(whole == 0.0, 1.0, whole)  # `weight.sum() or 1.0`
    sup = (total >= r.support_at) & members
    opp = (total <= -r.support_at) & members
    abst = members & ~sup & ~opp
    k = len(idx)
    both = selected_sum(np.concatenate([weight, weight]), np.concatenate([sup, opp]))
    share, opposition = both[:k] / whole, both[k:] / whole  # each row's sum is its own
    margin = np.where(bs.air_cover[idx], TUNING.agency.threat.air_cover_margin, 0.0)
    threat = bs.threat_at.take(idx, axis=0) == at[:, None]
    would = (bc.vetoes.take(at, axis=0) & (total <= r.block_at)) | \
        (threat & (total <= (r.block_at - margin)[:, None]))
    firmer = np.zeros(k)  # read only where someone would block and a coalition stands
    firm = np.flatnonzero(row_any(would) & row_any(coalition))
    if len(firm):
        firmer[firm] = _counterweight(bc, coalition[firm])
    blockers = would & (total <= (r.block_at - firmer)[:, None] -
                        np.where(threat, margin[:, None], 0.0))
    needed = bc.stage_threshold[at] + bs.scrutiny[idx, at]
    needed = np.where(needed < 1.0, needed, 1.0)  # min(1.0, ...)
    code = bs.standoff_code[idx]
    stand = (code >= 0) & ~bs.standoff_resolved[idx] & \
        (_standoff_stage(bc)[np.maximum(code, 0)] == at)
    result = np.where(stand, STANDOFF, np.where(row_any(blockers), BLOCKED,
                                                np.where(share >= needed, PASSED, FAILED)))
    return BatchDecision(
        games=idx, stage=at, result=result, share=share, opposition=opposition,
        needed=needed, support=sup, abstain=abst, oppose=opp, blockers=blockers,
        outweighed=would & ~blockers, inclusive=row_any(members & bc.marginal))


def _counterweight(bc: BatchCase, coalition: np.ndarray) -> np.ndarray:
    """engine.decision.counterweight per game."""
    t = TUNING.decision
    weight = selected_sum(bc.influence, coalition) * (1.0 + t.coalition_bonus)
    firmer = t.coalition_counterweight * weight
    firmer = np.where(t.coalition_counterweight_max < firmer, t.coalition_counterweight_max,
                      firmer)  # min(max, x) keeps max unless x is smaller
    return np.where(row_any(coalition), firmer, 0.0)


def _standoff_stage(bc: BatchCase) -> np.ndarray:
    found = bc.scratch.get("standoff_stage")
    if found is None:
        found = bc.scratch["standoff_stage"] = np.array(
            [bc.stage_code(t.stage) for t in bc.standoffs] or [-1], int)
    return found


_COMMITTEE = STAGE_KINDS.index("committee")
