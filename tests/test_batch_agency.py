"""A month of stakeholders' own actions in the batch engine leaves every game exactly as the
reference `agency.act` does, with the same dice: hundreds of real mid-game states of every
case and four policies, the same states stirred (threats standing, lobbying under way, seats
asked for, demands, air cover, a false consultation), and a case whose repertoires are
authored, each played on for several months."""

from __future__ import annotations

from collections import Counter
from functools import cache

import numpy as np
import pytest
from faultlines.engine import agency, episodes
from faultlines.engine.batch.agency import Month, act, acting
from faultlines.engine.batch.compiled import batch_case
from faultlines.engine.batch.stance import pairwise_sum
from faultlines.engine.batch.state import pack
from faultlines.engine.catalogue import shipped_ids
from faultlines.engine.context import MoveContext, StanceCache
from faultlines.engine.domain import ACTION_KINDS
from faultlines.engine.draws import CounterDice
from faultlines.engine.state import GameState
from faultlines.engine.tuning import TUNING

from tests.batch_kit import case_named, midgame_states

CASES = [*shipped_ids(), "custom_flow", "custom_repertoire"]
POLICIES = ("skilled", "hurried", "no-coalition", "random")
MONTHS = 3  # each state plays on for this many months, in both engines


def _stirred(case, states: list[GameState], seed: int) -> list[GameState]:
    """Real states with what agency reads redrawn: threats standing (at this stage and at
    another), lobbying under way (some of it about to fade to nothing), seats asked for,
    air cover, grievance, distrust, a false or missing consultation, the director out of
    roles or funds or nearly out of credibility, a stage's delays used up, its rounds run
    out, and some games moved to another forum stage."""
    rng = np.random.default_rng(seed)
    forums = [s.id for s in case.scenario.stages if s.kind in agency.FORUM_KINDS]
    n = case.n
    out = []
    for base in states:
        st = base.copy()
        if st.stage in ("hiatus", "outcome") or rng.random() < 0.3:
            st.stage = str(rng.choice(forums))
        st.calendar = max(st.calendar, 1)
        st.air_cover = bool(rng.random() < 0.5)
        st.trust = rng.uniform(0.0, 1.0, n)
        st.grievance = rng.uniform(0.0, 1.2, n) * (rng.random(n) < 0.6)
        st.lobbied = np.where(rng.random(n) < 0.4, -rng.uniform(0.0, 0.3, n), 0.0)
        st.lobbied[rng.random(n) < 0.1] = -0.0011  # fades below 1e-3: set to zero
        st.seat_asked = rng.random(n) < 0.3
        stages = [st.stage, str(rng.choice(case.stage_ids))]
        st.threats = {sid: stages[int(rng.random() < 0.25)] for sid in case.ids
                      if rng.random() < 0.3}
        st.consultation = rng.choice([None, "genuine", "false"])
        if rng.random() < 0.3:
            st.roles, st.funds = int(rng.integers(0, 2)), 0
        if rng.random() < 0.2:
            st.credibility = 0.03
        if rng.random() < 0.3:
            st.delays[st.stage] = TUNING.agency.delay.per_stage
        if rng.random() < 0.5:
            st.round = case.stage(st.stage).rounds + st.extra_rounds
        out.append(st)
    return out


@cache
def _inputs(case_id: str) -> tuple[GameState, ...]:
    """Real states of four policies (every third move) and the same states stirred."""
    case = case_named(case_id)
    real = [st for p in POLICIES for st in midgame_states(case_id, p, 3)]
    return tuple(real + _stirred(case, real, len(case_id)))


def _dice(count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each game's dice key, move and next slot (some games have drawn already this move,
    as when a false consultation was tested for exposure first)."""
    g = np.arange(count)
    return g * 104729 + 2**31 + 11, g % 37, (g % 3) * 2


@cache
def _reference(case_id: str) -> tuple[list[list[str]], list[list[int]], Counter, Counter]:
    """The reference engine's months: per month, each game's digest and next slot after it;
    and what happened (actions by kind; referral grounds, side-deal episodes and lapsed
    threats), to show the states reach every rule."""
    case = case_named(case_id)
    states = [st.copy() for st in _inputs(case_id)]
    keys, moves, slots = _dice(len(states))
    slots = slots.copy()
    digests, after, kinds, seen = [], [], Counter(), Counter()
    for month in range(MONTHS):
        row_d, row_s = [], []
        for g, st in enumerate(states):
            dice = CounterDice(int(keys[g]), int(moves[g]) + month)
            dice.slot = int(slots[g])
            ctx = MoveContext(case, st, dice, [], StanceCache(case),
                              move_index=int(moves[g]) + month)
            threats, referred = dict(st.threats), len(st.referrals)
            agency.act(ctx)
            kinds.update(e.data["action"] for e in ctx.events if e.kind == "action")
            seen.update(r.split(":")[1] for r in st.referrals[referred:])
            seen["side deal episode"] += sum(e.kind == "episode" for e in ctx.events)
            seen["threat lapsed"] += any(sid not in st.threats for sid in threats)
            slots[g] = dice.slot
            row_d.append(st.digest())
            row_s.append(int(slots[g]))
        digests.append(row_d)
        after.append(row_s)
    return digests, after, kinds, seen


@pytest.mark.parametrize("case_id", CASES)
def test_months_of_actions_leave_every_game_as_the_reference_does(case_id):
    bc = batch_case(case_named(case_id))
    states = list(_inputs(case_id))
    digests, after, _, _ = _reference(case_id)
    keys, moves, slots = _dice(len(states))
    bs = pack(bc, states)
    everyone = np.ones(bs.g, bool)
    assert acting(bs, everyone).sum() >= 100
    for month in range(MONTHS):
        slots = act(bs, everyone, keys, moves + month, slots)
        assert slots.tolist() == after[month], (case_id, month)
        for g in range(bs.g):
            assert bs.unpack(g).digest() == digests[month][g], (case_id, month, g)


def test_the_states_reach_every_action_and_every_ground():
    """Without these the parity above would prove less: every action kind taken, often;
    referrals on every kind of grounds; side deals recording their episodes; threats
    lapsing; and games where nobody may act (a briefing, a hiatus, the end)."""
    kinds, seen = Counter(), Counter()
    for case_id in CASES:
        kinds.update(_reference(case_id)[2])
        seen.update(_reference(case_id)[3])
    assert all(kinds[k] >= 30 for k in ACTION_KINDS), kinds
    assert all(seen[k] >= 3 for k in ("announced", "withheld", "episode",
                                      "side deal episode", "threat lapsed")), seen
    idle = [st for c in CASES for st in _inputs(c)
            if st.stage in ("hiatus", "outcome") or not st.calendar
            or case_named(c).stage(st.stage).kind == "briefing"]
    assert len(idle) >= 20


def test_games_outside_the_month_are_untouched_and_draw_nothing():
    """Only the games whose month ends now act; the others keep their state and slots, and
    the acting ones come out as when the whole batch acts."""
    case_id = "custom_repertoire"
    bc = batch_case(case_named(case_id))
    states = list(_inputs(case_id))
    keys, moves, slots = _dice(len(states))
    digests, after, _, _ = _reference(case_id)
    bs = pack(bc, states)
    month_end = np.arange(bs.g) % 3 != 1
    got = act(bs, month_end, keys, moves, slots)
    for g in range(bs.g):
        if month_end[g]:
            assert got[g] == after[0][g] and bs.unpack(g).digest() == digests[0][g]
        else:
            assert got[g] == slots[g] and bs.unpack(g).digest() == states[g].digest()
    assert (got[month_end] > slots[month_end]).sum() > 50


@pytest.mark.parametrize("case_id", ["elm", "custom_repertoire"])
def test_the_months_reading_and_propensities_are_the_references_bits(case_id):
    """Step by step, not just the outcome: after what carries over, everyone's reading,
    their chance of each action and its total (which caps the chance of acting) equal the
    reference's to the last bit."""
    case = case_named(case_id)
    bc = batch_case(case)
    states = [st for st in _inputs(case_id) if acting(pack(bc, [st]), np.ones(1, bool))[0]]
    bs = pack(bc, states)
    month = Month(bs, np.zeros(bs.g, np.int64))
    month.carry_over()
    month.read()
    p = month.propensities()
    total = pairwise_sum(list(p))
    for g, st in enumerate(states):
        ctx = MoveContext(case, st.copy(), CounterDice(0, 0), [], StanceCache(case))
        agency._carry_over(ctx)
        rd = agency.read(ctx)
        assert np.array_equal(month.opposed[g], rd.opposed)
        assert np.array_equal(month.uncovered[g], rd.uncovered)
        assert np.array_equal(month.distrust[g], rd.distrust)
        want = agency.propensities(ctx, rd)
        assert np.array_equal(p[:, g].T, want), (case_id, g)
        assert np.array_equal(total[g], want.sum(axis=1)), (case_id, g)  # choose's total
    assert (p > 0).any(axis=(1, 2)).all(), "every action has a chance somewhere"


def test_what_is_appended_to_the_side_record_between_months_is_read():
    """The batch keeps what it read of a game's episodes and referrals; an episode another
    rule records between months (an item kept off a forum's agenda) must still be grounds
    for a referral, and a slot refilled with another game must not keep the old game's."""
    case_id = "custom_repertoire"
    case = case_named(case_id)
    bc = batch_case(case)
    states = [st for st in _inputs(case_id) if acting(pack(bc, [st]), np.ones(1, bool))[0]]
    keys, moves, slots = _dice(len(states))
    refs = [st.copy() for st in states]
    bs = pack(bc, states)
    act(bs, np.ones(bs.g, bool), keys, moves, slots)
    losing = case.components[int(np.argmin(case.stakes.min(axis=0)))]
    for g, st in enumerate(refs):
        ctx = MoveContext(case, st, CounterDice(int(keys[g]), int(moves[g])), [],
                          StanceCache(case), move_index=int(moves[g]))
        ctx.dice.slot = int(slots[g])
        agency.act(ctx)
        ep = episodes.kept_off_episode(case, st, losing, stage=st.stage_at, round_=st.round,
                                       move=-1)
        bs.record.extend(g, [ep])
    refs[0] = states[-1].copy()  # slot 0 now holds another game
    bs.put(0, refs[0])
    got = act(bs, np.ones(bs.g, bool), keys, moves + 1, slots)
    cited = 0
    for g, st in enumerate(refs):
        dice = CounterDice(int(keys[g]), int(moves[g]) + 1)
        dice.slot = int(slots[g])
        before = len(st.referrals)
        agency.act(MoveContext(case, st, dice, [], StanceCache(case),
                               move_index=int(moves[g]) + 1))
        cited += any(r.endswith(f":episode:{st.episodes[-1].number}")
                     for r in st.referrals[before:])
        assert got[g] == dice.slot and bs.unpack(g).digest() == st.digest(), g
    assert cited >= 5
