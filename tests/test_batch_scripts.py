"""The batch scenario events fire as the reference's `scripted.fire` fires them: real
mid-game states of every case, each moved to every authored event's stage and round (so
every event, every effect kind and every chance draw is reached), fired in both engines
with and without the rest of the stage, give the same state and the same next dice slot."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from faultlines.engine import episodes
from faultlines.engine.batch.compiled import batch_case
from faultlines.engine.batch.scripts import BatchScripts
from faultlines.engine.batch.state import pack
from faultlines.engine.batch.turn import Counters
from faultlines.engine.catalogue import shipped_ids
from faultlines.engine.state import GameState

from tests.batch_kit import ReferenceScripts, case_named, midgame_states

CASES = [*shipped_ids(), "custom_flow"]


def _moments(case_id: str) -> tuple[list[GameState], list[list[dict]]]:
    """States placed at each event's stage and round, some with it already fired, some
    with a genuine consultation run or matters already settled backstage, and moves lists
    that have (or have not) done what a demand asks."""
    case = case_named(case_id)
    states, moves = [], []
    base = [s for s in midgame_states(case_id, "skilled", 6) if s.outcome is None]
    base += [s for s in midgame_states(case_id, "random", 4) if s.outcome is None]
    for k, ev in enumerate(case.scenario.events):
        for j, st in enumerate(base[k % 3::3]):
            st = st.copy()
            st.stage, st.round = ev.trigger.stage, ev.trigger.round - j % 2
            st.round = max(1, st.round)
            # this event not fired yet (unless its demand is already held: each is raised once)
            held = {d.event for d in st.demands}
            st.fired_events = [e for e in st.fired_events if e != ev.id or e in held]
            st.consultation = ("genuine", None, "false")[j % 3]
            if j % 4 == 3:  # a matter already settled backstage: the first settlement wins
                pair = (case.ids[0], case.ids[1])
                for c in case.components[::2]:
                    st.settled.setdefault(c, episodes.side_deal_ledger(
                        episodes.deal_names(case, pair)))
            done = [{"kind": "co_write_case", "target": case.ids[0], "other": case.ids[1]},
                    *({"kind": e.requires, "target": e.beneficiary} for e in ev.effects
                      if e.kind == "demand" and e.requires)] if j % 2 else []
            states.append(st)
            moves.append(done)
    return states, moves


@pytest.mark.parametrize("rest_of_stage", [False, True])
@pytest.mark.parametrize("case_id", CASES)
def test_events_fire_as_in_the_reference(case_id, rest_of_stage):
    case = case_named(case_id)
    bc = batch_case(case)
    states, moves = _moments(case_id)
    g = len(states)
    key = np.arange(g, dtype=np.int64) * 7_919 + 2**40
    move_index = np.arange(g, dtype=np.int64) % 23
    start = np.arange(g, dtype=np.int64) % 4
    ref, batch = pack(bc, states), pack(bc, states)
    ref_dice = Counters(key=key.copy(), slot=start.copy())
    ReferenceScripts(bc, ref_dice, moves, move_index)(ref, np.arange(g), rest_of_stage)
    dice = Counters(key=key.copy(), slot=start.copy())
    BatchScripts(bc, dice, moves, move_index)(batch, np.arange(g), rest_of_stage)
    assert dice.slot.tolist() == ref_dice.slot.tolist()
    for i in range(g):
        assert batch.unpack(i).digest() == ref.unpack(i).digest(), f"state {i}"


def test_every_effect_and_chance_is_reached():
    """The moments above fire every kind of effect the shipped cases use, and chance
    events both happen and fail to."""
    effects: Counter[str] = Counter()
    draws = happened = first_wins = 0
    for case_id in shipped_ids():
        case = case_named(case_id)
        bc = batch_case(case)
        states, moves = _moments(case_id)
        bs = pack(bc, states)
        before = [s.copy() for s in states]
        dice = Counters(key=np.arange(len(states), dtype=np.int64),
                        slot=np.zeros(len(states), np.int64))
        BatchScripts(bc, dice, moves, np.zeros(len(states), np.int64))(
            bs, np.arange(len(states)), True)
        draws += int(dice.slot.sum())
        for i, st in enumerate(before):
            new = set(bs.unpack(i).fired_events) - set(st.fired_events)
            for ev in case.scenario.events:
                if ev.id in new:
                    effects.update(e.kind for e in ev.effects)
                    happened += ev.trigger.chance < 1.0
            after = bs.unpack(i)
            first_wins += after.decided_in_advance and not st.decided_in_advance and any(
                "side deal" in where for where in after.settled.values())
    assert set(effects) >= {"grievance", "trust", "credibility", "calendar", "stake",
                            "demand", "standoff", "decided_in_advance"}
    assert draws > 20 and happened > 5
    assert first_wins > 0  # a decision in advance on a matter a side deal settled first


def test_only_the_games_asked_for_fire():
    case = case_named("elm")
    bc = batch_case(case)
    states, moves = _moments("elm")
    bs = pack(bc, states)
    dice = Counters(key=np.arange(len(states), dtype=np.int64),
                    slot=np.zeros(len(states), np.int64))
    some = np.arange(0, len(states), 3)
    BatchScripts(bc, dice, moves, np.zeros(len(states), np.int64))(bs, some, True)
    for i, st in enumerate(states):
        if i % 3:
            assert bs.unpack(i).digest() == st.digest()
            assert dice.slot[i] == 0
