"""The compensation moves (engine.moves.compensation) for G games: offer_role, offer_funds,
external_funding, amend_plan and everyone_gives, each changing the state as the reference
move does (tests/test_batch_moves_compensation.py).

The numbers are arrays, made by the reference's operations in its order. What the
reference only words - whether an offer misses the Rs a person loses in (`_misplaced`, a
sentence of the event, read from the stances) - is not made: no events are. An offer's
episode (`episodes.exchange`) goes into the batch's episode record for all the games at
once (engine.batch.episodes.write; its words are the reference's, made when a game is read).
"""

from __future__ import annotations

import numpy as np
from faultlines.engine.batch import worlds
from faultlines.engine.batch.compiled import BatchCase
from faultlines.engine.batch.episodes import Affected, write
from faultlines.engine.batch.moves import Chosen, register
from faultlines.engine.batch.moves.forms import (
    Form,
    add_where,
    at_least_zero,
    at_most_one,
    meet_demands,
)
from faultlines.engine.batch.record import OFFER_KINDS
from faultlines.engine.batch.stance import _mv, pairwise_sum
from faultlines.engine.batch.state import BatchState, conflict_changed
from faultlines.engine.batch.turn import Turn
from faultlines.engine.batch.view import stage_at
from faultlines.engine.fault_lines import RESOURCES, ROLES
from faultlines.engine.moves.compensation import FUNDS_RS, ROLE_RS
from faultlines.engine.tuning import TUNING


def _pay(bs: BatchState, idx: np.ndarray, who: np.ndarray, columns: tuple[int, ...],
         weights: np.ndarray, amount: np.ndarray) -> None:
    """engine.fault_lines.pay for each game's person `who`: `weights` (K, len(columns))
    split as the reference splits them (by their sum, or evenly when it is ~0)."""
    total = pairwise_sum([weights[:, k] for k in range(len(columns))])
    even = np.full_like(weights, 1.0 / len(columns))
    share = np.where((total > 1e-12)[:, None],
                     weights / np.where(total > 1e-12, total, 1.0)[:, None], even)
    for k, col in enumerate(columns):
        bs.offset[idx, who, col] += amount * share[:, k]


def _new_losers(bs: BatchState, idx: np.ndarray, who: np.ndarray, amount: float) -> None:
    """compensation._new_losers: the rivals of the person compensated grow aggrieved and the
    rivalry deepens (each pair once; nobody is their own rival)."""
    rival = bs.conflict[idx, who]  # (K, N), a copy
    hit = rival > 0
    add_where(bs.grievance, idx, hit, amount * rival)
    deeper = at_most_one(rival + TUNING.fault_lines.passed_over_rivalry)
    new = np.where(hit, deeper, rival)
    bs.conflict[idx, who] = new
    back = bs.conflict[idx, :, who]  # (K, N): conflict[j, i]
    bs.conflict[idx, :, who] = np.where(hit, deeper, back)
    conflict_changed(bs, idx)


def _exchanges(bc: BatchCase, bs: BatchState, idx: np.ndarray, who: np.ndarray,
               met: np.ndarray, kind: str, turn: Turn) -> None:
    """episodes.exchange (`exchange_episode`) for games idx, into the episode record: in
    the typology only when it meets a central actor's demand, then about the components
    the person offered to stands to lose."""
    stake = worlds.stakes_of(bc, bs, idx, who) + bs.stake_mod[idx, who]  # (K, C)
    significant = met & bc.case.central[who]
    comps = (stake < -TUNING.negotiation.affected_stake) & significant[:, None]
    present = np.arange(bc.n) == who[:, None]
    aff = Affected(bc, bs.stake_mod.take(idx, axis=0), comps, worlds.stakes(bc, bs, idx))
    write(bs, idx, "exchange", "exchange", comps, present, aff.inclusive(present), aff.hit,
          significant=significant, stage=stage_at(bs, idx), round_=bs.round[idx],
          move=np.asarray(turn.move_index)[idx], a=who, b=OFFER_KINDS.index(kind), met=met)


class OfferRole(Form):
    kind = "offer_role"

    def own(self, bc, bs, idx, ch):
        return bs.roles[idx] > 0

    def apply(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen,
              turn: Turn) -> None:
        idx = np.asarray(idx)
        who = ch.target
        t = TUNING.offer_role
        interests = worlds.interests_of(bc, bs, idx, who)  # (K, 4)
        bs.roles[idx] -= 1
        gain = t.gain + t.gain_per_interest * interests[:, ROLES]
        _pay(bs, idx, who, ROLE_RS, interests[:, list(ROLE_RS)], gain)
        _new_losers(bs, idx, who, t.passed_over_grievance)
        met = meet_demands(bc, bs, idx, "offer_role", who)
        _exchanges(bc, bs, idx, who, met, self.kind, turn)


class OfferFunds(Form):
    kind = "offer_funds"

    def own(self, bc, bs, idx, ch):
        return bs.funds[idx] > 0

    def apply(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen,
              turn: Turn) -> None:
        idx = np.asarray(idx)
        who = ch.target
        t = TUNING.offer_funds
        bs.funds[idx] -= 1
        gain = t.gain + t.gain_per_interest * worlds.interests_of(bc, bs, idx, who)[:, RESOURCES]
        _pay(bs, idx, who, FUNDS_RS, np.ones((len(idx), 1)), gain)
        bs.credibility[idx] = at_least_zero(bs.credibility[idx] - t.credibility)
        _new_losers(bs, idx, who, t.passed_over_grievance)
        met = meet_demands(bc, bs, idx, "offer_funds", who)
        _exchanges(bc, bs, idx, who, met, self.kind, turn)


class ExternalFunding(Form):
    kind = "external_funding"

    def own(self, bc, bs, idx, ch):
        return bs.external[idx] > 0

    def apply(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen,
              turn: Turn) -> None:
        idx = np.asarray(idx)
        c = ch.component
        bs.external[idx] -= 1
        mod = bs.stake_mod[idx, :, c]  # (K, N)
        loss = np.minimum(worlds.component_stakes(bc, bs, idx, c) + mod, 0.0)
        t = TUNING.external_funding
        offset = np.clip(worlds.interests(bc, bs, idx)[..., RESOURCES] * t.offset_per_interest,
                         t.offset_min, t.offset_max)
        bs.stake_mod[idx, :, c] = mod - loss * offset


class AmendPlan(Form):
    kind = "amend_plan"

    def own(self, bc, bs, idx, ch):
        return ~(bs.ambition[idx, ch.component] <= TUNING.amend_plan.stop_at)

    def apply(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen,
              turn: Turn) -> None:
        idx = np.asarray(idx)
        t = TUNING.amend_plan
        cut = bs.ambition[idx, ch.component] - t.step
        bs.ambition[idx, ch.component] = np.where(cut > t.floor, cut, t.floor)  # max(floor, x)


def net_stake(bc: BatchCase, bs: BatchState, idx: np.ndarray) -> np.ndarray:
    """(K, N) engine.stance.net_stake for games idx: the stance's product, with an item
    kept off the table weighed at 0 (engine.batch.stance.on_table, for these games)."""
    weighed = (worlds.stakes(bc, bs, idx) + bs.stake_mod.take(idx, axis=0)) * bc.stake_weight
    table = np.where(bs.kept_off_mask.take(idx, axis=0), 0.0, bs.ambition.take(idx, axis=0))
    return _mv(weighed, table)


class EveryoneGives(Form):
    kind = "everyone_gives"

    def apply(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen,
              turn: Turn) -> None:
        idx = np.asarray(idx)
        t = TUNING.everyone_gives
        stake = net_stake(bc, bs, idx)
        losers = stake < t.loser_below
        add_where(bs.compensation, idx, losers, t.softening * bs.trust.take(idx, axis=0))
        comp = bs.compensation.take(idx, axis=0)
        np.subtract(comp, t.winner_gives, out=comp, where=stake > t.winner_above)
        bs.compensation[idx] = comp


register(OfferRole(), OfferFunds(), ExternalFunding(), AmendPlan(), EveryoneGives())
