"""G games' state as arrays: real mid-game states of every case go in and come back out
with the same digest, and a slot can be refilled without touching the others."""

from __future__ import annotations

import json
from dataclasses import fields

import numpy as np
import pytest
from faultlines.engine import episodes
from faultlines.engine.batch.compiled import batch_case
from faultlines.engine.batch.state import COVERED, EXTRAS, empty, pack
from faultlines.engine.case import load_case
from faultlines.engine.catalogue import shipped_ids
from faultlines.engine.state import GameState

from tests.batch_kit import custom_case, midgame_states

CASES = [*shipped_ids(), "custom_flow"]


def _case(case_id: str):
    return custom_case() if case_id == "custom_flow" else load_case(case_id)


def _states(case_id: str) -> list[GameState]:
    """Four policies at the standard level, and games at the other levels (their radar
    noise, revealed drivers and capacity differ)."""
    return [st for policy in ("skilled", "random", "pragmatic", "skip-consultation")
            for st in midgame_states(case_id, policy, 3)] + \
        [st for level in ("guided", "hard") for st in midgame_states(case_id, "skilled", 1,
                                                                       difficulty=level)]


def test_every_state_field_has_one_batch_form():
    assert sorted(COVERED) == sorted(f.name for f in fields(GameState))
    assert len(set(COVERED)) == len(COVERED)


@pytest.mark.parametrize("case_id", CASES)
def test_real_midgame_states_round_trip_with_their_digests(case_id):
    states = _states(case_id)
    bs = pack(batch_case(_case(case_id)), states)
    assert bs.g == len(states) > 20
    for i, st in enumerate(states):
        back = bs.unpack(i)
        assert back.digest() == st.digest()
        assert back.stage == st.stage and back.demands == st.demands
    # the states cover what the arrays must hold, not just fresh games
    assert any(st.outcome for st in states) and any(st.demands for st in states)
    assert any(st.passed for st in states) and any(st.threats or st.kept_off for st in states)
    assert {st.difficulty for st in states} == {"guided", "standard", "hard"}


def test_the_digest_of_the_array_fields_alone_round_trips_too():
    """Without the side record: the fields held as arrays give the same digest."""
    states = _states("elm")
    bs = pack(batch_case(load_case("elm")), states)
    for i, st in enumerate(states):
        a, b = bs.unpack(i).to_dict(), st.to_dict()
        for k in EXTRAS:
            a.pop(k), b.pop(k)
        assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def test_arrays_are_what_the_rules_read():
    states = _states("elm")
    bc = batch_case(load_case("elm"))
    bs = pack(bc, states)
    assert bs.trust.shape == (len(states), bc.n) and bs.frame.shape == (len(states), bc.n, 3)
    assert bs.conflict.shape == (len(states), bc.n, bc.n)
    assert bs.stake_mod.shape == (len(states), bc.n, bc.c)
    for i, st in enumerate(states):
        assert bc.stages[bs.stage[i]] == st.stage
        assert np.array_equal(bs.trust[i], st.trust)
        assert [bc.components[j] for j in np.flatnonzero(bs.kept_off_mask[i])] == \
            sorted(st.kept_off, key=bc.components.index)
        unmet = [bc.demands[k].amount for k, met in zip(bs.demand_code[i], bs.demand_met[i],
                                                          strict=True) if k >= 0 and not met]
        assert unmet == [d.amount for d in st.demands if not d.met]


def test_a_slot_is_refilled_without_touching_the_others():
    states = _states("tutorial")
    bc = batch_case(load_case("tutorial"))
    bs = pack(bc, states[:3])
    before = [bs.unpack(i).digest() for i in range(3)]
    bs.put(1, states[-1])
    assert bs.unpack(1).digest() == states[-1].digest()
    assert [bs.unpack(i).digest() for i in (0, 2)] == [before[0], before[2]]
    changed = bs.unpack(0)
    changed.trust[:] = 0.0
    assert bs.unpack(0).digest() == before[0]  # unpack hands out copies


def test_a_state_the_arrays_cannot_hold_is_refused():
    bc = batch_case(load_case("tutorial"))
    st = _states("tutorial")[0]
    st.passed = ["board", "board"]
    with pytest.raises(ValueError, match="twice"):
        empty(bc, 1).put(0, st)


def test_a_lent_state_comes_back_with_what_a_rule_did_to_it():
    """The seam for reference rules: a lent state shares its slot's side record (no
    copy), and taking it back changes that slot only."""
    case = load_case("tutorial")
    bc = batch_case(case)
    states = midgame_states("tutorial", "skilled", 2)[:6]
    bs = pack(bc, states)
    st = bs.lend(2)
    assert st.asks is bs.extras[2]["asks"]
    st.credibility = 0.125
    st.settled[case.components[-1]] = "in a test"  # any words a ledger holds
    ep = episodes.kept_off_episode(case, st, case.components[0], stage=st.stage_at,
                                   round_=st.round, move=7)  # an episode a rule records
    bs.take_back(2, st)
    back = bs.unpack(2)
    assert back.credibility == 0.125 and back.settled[case.components[-1]] == "in a test"
    assert back.episodes[-1] == ep and len(back.episodes) == len(states[2].episodes) + 1
    for i in (0, 1, 3, 4, 5):
        assert bs.unpack(i).digest() == states[i].digest()


def test_the_ledger_is_held_as_codes_of_its_words():
    """`settled` as a ledger code per component (any words a ledger holds); a ledger that
    settles what is no component of the case is refused."""
    case = load_case("oak")
    bc = batch_case(case)
    states = [st for st in midgame_states("oak", "skilled", 4) if st.settled]
    assert states
    bs = pack(bc, states)
    for i, st in enumerate(states):
        assert bs.unpack(i).settled == st.settled
        assert [bc.components[k] for k in np.flatnonzero(bs.settled[i] >= 0)] == \
            sorted(st.settled, key=bc.components.index)
    st = states[0].copy()
    st.settled = {"no-such-part": "in a test"}
    with pytest.raises(ValueError, match="no component"):
        pack(bc, [st])
