"""Alliance moves for G games (engine.moves.alliance): champions, coalitions of marginal
groups, backstage intelligence and the Board's air cover. A champion and a coalition need
the stances as they stand before the move: engine.batch.stance over those games only."""

from __future__ import annotations

import numpy as np
from faultlines.engine.batch.compiled import BatchCase
from faultlines.engine.batch.moves import Chosen, register
from faultlines.engine.batch.moves.forms import Form, at_least_zero, at_most_one
from faultlines.engine.batch.stance import compute
from faultlines.engine.batch.state import BatchState, take
from faultlines.engine.batch.turn import Turn
from faultlines.engine.domain import STAGE_KINDS
from faultlines.engine.fault_lines import RELATIONSHIPS
from faultlines.engine.tuning import TUNING


def stance_total(bc: BatchCase, bs: BatchState, idx: np.ndarray,
                 ch: Chosen | None = None) -> np.ndarray:
    """(K, N): each game's stances (engine.stance.compute(...).total), as the move finds them:
    the ones the player's radar worked out on this same state (`ch.seen`) where given."""
    if ch is not None and ch.seen is not None:
        return ch.seen
    return compute(bc, take(bs, idx)).total


class RecruitChampion(Form):
    kind = "recruit_champion"

    def own(self, bc, bs, idx, ch):
        already = bs.champion[idx, ch.target]
        full = bs.champion.take(idx, axis=0).sum(axis=1) >= TUNING.recruit_champion.max_champions
        return ~already & ~full

    def apply(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen,
              turn: Turn) -> None:
        t, i = TUNING.recruit_champion, ch.target
        rows = np.arange(len(idx))
        sold = ~(stance_total(bc, bs, idx, ch)[rows, i] < t.min_stance)
        trust = bs.trust[idx, i]
        bs.trust[idx, i] = np.where(sold, at_most_one(trust + t.trust),
                                    at_least_zero(trust - t.refusal_trust))
        bs.champion[idx[sold], i[sold]] = True


class BuildCoalition(Form):
    kind = "build_coalition"

    def apply(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen,
              turn: Turn) -> None:
        t = TUNING.build_coalition
        members = bc.marginal & (stance_total(bc, bs, idx, ch) >= t.member_stance)
        formed = ~(members.sum(axis=1) < t.min_members)
        games = idx[formed]
        bs.coalition[games] |= members[formed]
        bs.credibility[games] = at_most_one(bs.credibility[games] + t.credibility)


class Backstage(Form):
    kind = "backstage"

    def own(self, bc, bs, idx, ch):
        return ~(bc.influence[ch.target] < TUNING.backstage.min_influence)

    def apply(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen,
              turn: Turn) -> None:
        t, i = TUNING.backstage, ch.target
        bs.revealed[idx, i] = at_most_one(bs.revealed[idx, i] + t.reveal)
        bs.trust[idx, i] = at_most_one(bs.trust[idx, i] + t.trust)
        bs.offset[idx, i, RELATIONSHIPS] += TUNING.fault_lines.backstage_relationship
        allies = bc.affinity[i] > 0  # (K, N), after the leader's own reveal (as there)
        revealed = bs.revealed.take(idx, axis=0)
        bs.revealed[idx] = np.where(allies, np.minimum(1.0, revealed + t.reveal_allies),
                                    revealed)


class AirCover(Form):
    kind = "air_cover"

    def own(self, bc, bs, idx, ch):
        boards = bc.stage_kind == STAGE_KINDS.index("board")  # (S,)
        endorsed = ((bs.passed.take(idx, axis=0) >= 0) & boards).any(axis=1)
        return endorsed & ~bs.air_cover[idx]

    def apply(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen,
              turn: Turn) -> None:
        bs.air_cover[idx] = True
        bs.credibility[idx] = at_most_one(bs.credibility[idx] + TUNING.air_cover.credibility)


register(RecruitChampion(), BuildCoalition(), Backstage(), AirCover())
