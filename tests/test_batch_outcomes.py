"""The batch's reading of a passed plan's support (engine.batch.endings.affected_support)
equals engine.outcomes.affected_support bit for bit, None as NaN: on real states of every
case and several policies, with their own stances and with stirred ones (some exactly at
the support line, some sets of stakes that affect nobody), so every branch is reached."""

from __future__ import annotations

import numpy as np
import pytest
from faultlines.engine import outcomes
from faultlines.engine.batch.compiled import batch_case
from faultlines.engine.batch.endings import affected_support
from faultlines.engine.batch.stance import compute
from faultlines.engine.batch.state import pack
from faultlines.engine.catalogue import shipped_ids

from tests.batch_kit import case_named, midgame_states

CASES = [*shipped_ids(), "custom_flow"]


@pytest.mark.parametrize("case_id", CASES)
def test_affected_support_equals_the_reference(case_id):
    case = case_named(case_id)
    states = [*midgame_states(case_id, "skilled", 3), *midgame_states(case_id, "random", 3)]
    rng = np.random.default_rng(7)
    for st in states[::3]:  # stirred: nobody affected
        st.stake_mod[...] = -case.stakes
    bc = batch_case(case)
    bs = pack(bc, states)
    idx = np.arange(bs.g)
    own = compute(bc, bs).total
    line = case.scenario.rules.support_at
    stirred = np.where(rng.random(own.shape) < 0.3, line, rng.uniform(-1, 1, own.shape))
    reached = set()
    for stances in (own, stirred):
        got = affected_support(bc, bs, idx, stances)
        for k, st in enumerate(states):
            want = outcomes.affected_support(case, st, stances[k])
            if want is None:
                assert np.isnan(got[k]), (case_id, k)
                reached.add("nobody")
            else:
                assert got[k].tobytes() == np.float64(want).tobytes(), (case_id, k)
                reached.add("below" if want < case.scenario.rules.consensus_share
                            else "backed")
    assert reached == {"nobody", "below", "backed"}, reached
