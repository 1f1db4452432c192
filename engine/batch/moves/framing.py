"""Framing moves for G games (engine.moves.framing): the big-picture vision, tailored frames
(one draw each: a guess can misfire) and the evidence case."""

from __future__ import annotations

import numpy as np
from faultlines.engine.batch import worlds
from faultlines.engine.batch.compiled import BatchCase
from faultlines.engine.batch.moves import Chosen, register
from faultlines.engine.batch.moves.forms import Form, at_least_zero, at_most_one, each, powers
from faultlines.engine.batch.state import BatchState
from faultlines.engine.batch.turn import Turn
from faultlines.engine.draws import uniform_array
from faultlines.engine.moves.framing import FULL_EVIDENCE
from faultlines.engine.tuning import TUNING


class BigPicture(Form):
    kind = "big_picture"

    def apply(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen,
              turn: Turn) -> None:
        t = TUNING.big_picture
        uses = bs.vision_uses[idx]
        lift = t.lift * powers(t.repeat_factor, uses)  # vision_uses is a Python int there
        bs.vision[idx] += lift[:, None]
        bs.vision_uses[idx] = uses + 1


class TailoredFrame(Form):
    kind = "tailored_frame"

    def apply(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen,
              turn: Turn) -> None:
        t, case, i = TUNING.tailored_frame, bc.case, ch.target
        counters = turn.counters
        if counters is None:
            raise ValueError("a tailored frame draws: the turn needs the games' counters")
        known = bs.revealed[idx, i]
        gap = worlds.values_of(bc, bs, idx, i) - (case.plan_values + bs.frame[idx, i])  # (K, 3)
        fade = powers(t.repeat_factor, bs.frame_uses[idx, i], np.int64)
        bs.frame_uses[idx, i] += 1
        u = uniform_array(counters.key[idx], np.asarray(turn.move_index)[idx],
                          counters.slot[idx])
        counters.slot[idx] += 1
        chance = each(known, lambda k: t.misfire_chance * (1.0 - k) ** t.misfire_power)
        miss = u < chance
        m, h = np.flatnonzero(miss), np.flatnonzero(~miss)
        gm, im = idx[m], i[m]
        bs.frame[gm, im] -= t.misfire_shift * gap[m] * fade[m, None]
        bs.trust[gm, im] = at_least_zero(bs.trust[gm, im] - t.misfire_trust)
        k = (t.strength + t.strength_known * known[h]) * fade[h]
        bs.frame[idx[h], i[h]] += k[:, None] * gap[h]


class EvidenceCase(Form):
    kind = "evidence_case"

    def own(self, bc, bs, idx, ch):
        return ~(bs.evidence[idx, ch.component] >= FULL_EVIDENCE)

    def apply(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen,
              turn: Turn) -> None:
        c = ch.component
        bs.evidence[idx, c] = at_most_one(bs.evidence[idx, c] + TUNING.evidence_case.evidence)


register(BigPicture(), TailoredFrame(), EvidenceCase())
