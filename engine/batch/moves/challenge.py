"""Challenge in public for G games (engine.moves.challenge): on a supporter it baffles the
room; with standing above the target's influence it presses them (less with each challenge
at the stage); without it, it backfires on the director and aggrieves the target's allies."""

from __future__ import annotations

import numpy as np
from faultlines.engine.batch.compiled import BatchCase
from faultlines.engine.batch.moves import Chosen, register
from faultlines.engine.batch.moves.alliance import stance_total
from faultlines.engine.batch.moves.forms import Form, at_least_zero, at_most_one, powers
from faultlines.engine.batch.state import BatchState
from faultlines.engine.batch.turn import Turn
from faultlines.engine.tuning import TUNING


def standing(bs: BatchState, idx: np.ndarray) -> np.ndarray:
    """(K,) engine.moves.challenge.standing: credibility and a coalition behind you."""
    members = bs.coalition.take(idx, axis=0).sum(axis=1)
    return bs.credibility[idx] + TUNING.challenge.coalition_standing * members


class Challenge(Form):
    kind = "challenge"

    def apply(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen,
              turn: Turn) -> None:
        t, i = TUNING.challenge, ch.target
        rows = np.arange(len(idx))
        friendly = stance_total(bc, bs, idx, ch)[rows, i] > t.friendly_above
        works = ~friendly & (standing(bs, idx) >= bc.influence[i] + t.margin)
        fails = ~friendly & ~works
        cred = bs.credibility[idx]
        grievance = bs.grievance.take(idx, axis=0)  # (K, N), a copy
        # on a supporter
        cred = np.where(friendly, at_least_zero(cred - t.friendly_credibility), cred)
        grievance[rows[friendly], i[friendly]] += t.friendly_grievance
        # with the standing to press them (each earlier challenge at this stage, less)
        w, iw = idx[works], i[works]
        uses = bs.stage_uses[w, bc.move_kinds.index(self.kind)]
        bs.pressure[w, iw] += t.pressure * powers(t.repeat_factor, uses)
        grievance[rows[works], iw] += t.success_grievance
        cred = np.where(works, at_most_one(cred + t.success_credibility), cred)
        # without it: the room closes ranks behind them
        cred = np.where(fails, at_least_zero(cred - t.backfire_credibility), cred)
        f = rows[fails]
        grievance[f, i[fails]] += t.backfire_grievance
        allies = bc.affinity[i[fails]] > 0  # (F, N), after the target's own grievance
        grievance[f] = np.where(allies, grievance[f] + t.backfire_ally_grievance, grievance[f])
        bs.credibility[idx] = cred
        bs.grievance[idx] = grievance


register(Challenge())
