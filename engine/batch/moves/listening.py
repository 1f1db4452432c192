"""Listening moves for G games (engine.moves.listening): one-to-ones, town halls and
facilitated dialogue. Each does the reference's arithmetic, in its order, on the games'
rows; none draws dice or writes the side record."""

from __future__ import annotations

import numpy as np
from faultlines.engine.batch.compiled import BatchCase
from faultlines.engine.batch.moves import Chosen, register
from faultlines.engine.batch.moves.forms import Form, at_least_zero, at_most_one
from faultlines.engine.batch.state import BatchState, conflict_changed
from faultlines.engine.batch.turn import Turn
from faultlines.engine.fault_lines import RELATIONSHIPS
from faultlines.engine.tuning import TUNING


class OneToOne(Form):
    kind = "one_to_one"

    def apply(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen,
              turn: Turn) -> None:
        t, i = TUNING.one_to_one, ch.target
        depth = bc.case.scenario.player.listening_depth
        bs.revealed[idx, i] = at_most_one(bs.revealed[idx, i] + t.reveal * depth
                                          + t.reveal_floor)
        trust = bs.trust[idx, i]
        bs.trust[idx, i] = at_most_one(trust + t.trust_share * (1.0 - trust) + t.trust)


class TownHall(Form):
    kind = "town_hall"

    def apply(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen,
              turn: Turn) -> None:
        t = TUNING.town_hall
        depth = bc.case.scenario.player.listening_depth
        public = _public(bc)
        reveal = np.where(public, t.reveal_public, t.reveal_others)
        bs.revealed[idx] = np.minimum(1.0, bs.revealed.take(idx, axis=0) + reveal * depth)
        trust = bs.trust.take(idx, axis=0)
        trust[:, public] = np.minimum(1.0, trust[:, public] + t.trust_public)
        bs.trust[idx] = trust
        bs.credibility[idx] = at_most_one(bs.credibility[idx] + t.credibility)


def _public(bc: BatchCase) -> np.ndarray:
    """(N,) bool: the public-facing people a town hall reaches best."""
    found = bc.scratch.get("town_hall_public")
    if found is None:
        sectors = TUNING.town_hall.public_sectors
        found = bc.scratch["town_hall_public"] = np.array(
            [s.sector in sectors for s in bc.case.scenario.stakeholders], bool)
    return found


class Dialogue(Form):
    kind = "dialogue"

    def own(self, bc, bs, idx, ch):
        return ~(bs.conflict[idx, ch.target, ch.other] <= TUNING.dialogue.min_conflict)

    def apply(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen,
              turn: Turn) -> None:
        t = TUNING.dialogue
        i, j = ch.target, ch.other
        eased = bs.conflict[idx, i, j] * t.conflict_kept
        bs.conflict[idx, i, j] = eased
        bs.conflict[idx, j, i] = eased
        conflict_changed(bs, idx)
        for k in (i, j):  # two different people (the check refuses one named twice)
            bs.offset[idx, k, RELATIONSHIPS] += TUNING.fault_lines.dialogue_relationship
            bs.grievance[idx, k] = at_least_zero(bs.grievance[idx, k] - t.grievance_eased)
            bs.revealed[idx, k] = at_most_one(bs.revealed[idx, k] + t.reveal)
            bs.trust[idx, k] = at_most_one(bs.trust[idx, k] + t.trust)


register(OneToOne(), TownHall(), Dialogue())
