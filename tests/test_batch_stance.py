"""The batch stance equals the reference stance bit for bit, for hundreds of real mid-game
states of every case and several policies, whatever the batch's size."""

from __future__ import annotations

import numpy as np
import pytest
from faultlines.engine import stance
from faultlines.engine.batch.compiled import batch_case
from faultlines.engine.batch.stance import (
    compute,
    on_table,
    pairwise_sum,
    row_any,
    row_count,
    row_max,
)
from faultlines.engine.batch.state import pack
from faultlines.engine.case import load_case
from faultlines.engine.catalogue import shipped_ids

from tests.batch_kit import POLICIES, custom_case, midgame_states

CASES = [*shipped_ids(), "custom_flow"]


def _same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal to the last bit: the same values and the same signs of zero."""
    return np.array_equal(a, b) and np.array_equal(np.signbit(a), np.signbit(b))


def _case(case_id: str):
    return custom_case() if case_id == "custom_flow" else load_case(case_id)


@pytest.mark.parametrize("case_id", CASES)
def test_batch_stances_equal_the_reference_to_the_last_bit(case_id):
    case = _case(case_id)
    states = [st for p in POLICIES for st in midgame_states(case_id, p, 3)]
    bc = batch_case(case)
    got = compute(bc, pack(bc, states))
    for i, st in enumerate(states):
        want = stance.compute(case, st)
        assert _same_bits(got.total[i], want.total), (case_id, i)
        assert _same_bits(got.matrix[i], want.matrix), (case_id, i)
    assert len(states) >= 60


def test_the_states_reach_every_input_the_stance_reads():
    """Compensation paid in the Rs, items kept off a table, unmet and met demands,
    champions: without them the parity above would prove less."""
    states = [st for c in CASES for p in POLICIES for st in midgame_states(c, p, 3)]
    assert any(st.offset.any() for st in states)
    assert any(st.compensation.any() for st in states)
    assert any(st.kept_off for st in states)
    assert any(d.met for st in states for d in st.demands)
    assert any(not d.met for st in states for d in st.demands)
    assert any(st.champion.any() for st in states)
    assert any(st.stake_mod.any() for st in states)
    for field in ("vision", "agenda", "lobbied", "grievance", "evidence"):
        assert any(getattr(st, field).any() for st in states), field


@pytest.mark.parametrize("case_id", CASES)
def test_stirred_states_agree_too(case_id):
    """Real states with every field the stance reads redrawn at random (public pressure
    too, which bots seldom earn: a challenge needs more standing than they build), and
    extreme values that clip: the same bits."""
    case = _case(case_id)
    bc = batch_case(case)
    rng = np.random.default_rng(len(case_id))
    states = []
    for k, base in enumerate(midgame_states(case_id, "random", 3)):
        st = base.copy()
        n, c = case.n, len(case.components)
        scale = 3.0 if k % 5 == 0 else 0.5  # every fifth is far out, so the clip bites
        for name in ("compensation", "grievance", "vision", "pressure", "agenda", "lobbied"):
            setattr(st, name, rng.normal(0.0, scale, n))
        st.trust = rng.uniform(0.0, 1.0, n)
        st.frame = rng.normal(0.0, 0.3, (n, 3))
        st.offset = np.abs(rng.normal(0.0, 0.2, (n, 4))) * (rng.random((n, 4)) < 0.5)
        st.stake_mod = rng.normal(0.0, 0.3, (n, c))
        st.ambition = rng.uniform(0.0, 1.0, c)
        st.evidence = rng.uniform(0.0, 1.0, c)
        st.champion = rng.random(n) < 0.3
        st.conflict = np.where(rng.random((n, n)) < 0.2, rng.uniform(0, 1, (n, n)), 0.0)
        st.kept_off = [x for x in case.components if rng.random() < 0.2]
        states.append(st)
    got = compute(bc, pack(bc, states))
    for i, st in enumerate(states):
        want = stance.compute(case, st)
        assert _same_bits(got.matrix[i], want.matrix) and \
            _same_bits(got.total[i], want.total), (case_id, i)
    assert (np.abs(got.total) == 1.0).any()


def test_a_game_stance_does_not_depend_on_its_batch():
    """Alone, in a small batch or among hundreds: the same bits."""
    case = load_case("elm")
    states = [st for p in POLICIES for st in midgame_states("elm", p, 3)]
    bc = batch_case(case)
    whole = compute(bc, pack(bc, states))
    for lo in range(0, len(states), 7):
        part = compute(bc, pack(bc, states[lo:lo + 7]))
        assert np.array_equal(part.matrix, whole.matrix[lo:lo + 7])
    one = compute(bc, pack(bc, states[5:6]))
    assert np.array_equal(one.total[0], whole.total[5])


def test_an_item_kept_off_the_table_counts_for_nothing_there():
    case = load_case("elm")
    bc = batch_case(case)
    st = midgame_states("elm", "skilled", 3)[3]
    st.kept_off = [case.components[0]]
    bs = pack(bc, [st])
    assert on_table(bs)[0, 0] == 0.0 and on_table(bs)[0, 1] == st.ambition[1]
    assert np.array_equal(compute(bc, bs).total[0], stance.compute(case, st).total)


@pytest.mark.parametrize("length", [1, 2, 3, 4, 7, 8, 9, 13, 16, 17, 40, 130, 300])
def test_block_sums_add_in_numpys_own_order(length):
    """The batch adds a short last axis as (G, N) blocks; that equals numpy's own `sum`
    along the axis bit for bit (so a numpy that changed its summation would fail here,
    not in a game)."""
    rng = np.random.default_rng(length)
    a = rng.normal(size=(400, length)) * 10.0 ** rng.integers(-4, 4, size=(400, length))
    a[rng.random(a.shape) < 0.2] = 0.0
    a[:50] = np.where(rng.random((50, length)) < 0.5, -0.0, 0.0)  # rows of signed zeros
    got, want = pairwise_sum([a[:, k] for k in range(length)]), a.sum(axis=1)
    assert np.array_equal(got, want) and np.array_equal(np.signbit(got), np.signbit(want))


def test_a_row_max_takes_the_values_as_numpy_does():
    """`row_max` is `x.max(axis=-1)` to the last bit, zeros' signs and NaN included, for
    every short row length (ties between +0.0 and -0.0 go to numpy's pick)."""
    rng = np.random.default_rng(11)
    for k in range(1, 12):
        for rows in (1, 3, 200):
            x = rng.choice([0.0, -0.0, 1.5, -2.0, np.inf, -np.inf, np.nan], (rows, 4, k))
            got, want = row_max(x), x.max(axis=-1)
            assert _same_bits(np.nan_to_num(got), np.nan_to_num(want)), (k, rows)
            assert np.array_equal(np.isnan(got), np.isnan(want)), (k, rows)


def test_row_any_and_row_count_read_as_numpy_does():
    """`row_any` and `row_count` are `x.any(axis=-1)` and `np.count_nonzero(x, axis=-1)`
    (int64) for every short row length, a bool array of any leading shape."""
    rng = np.random.default_rng(12)
    for k in range(0, 40):
        for shape in ((1, k), (200, k), (3, 7, k), (0, k), (1000, k)):
            x = rng.random(shape) < rng.uniform(0.0, 0.3)
            assert np.array_equal(row_any(x), x.any(axis=-1)) and row_any(x).dtype == bool
            count = row_count(x)
            assert np.array_equal(count, np.count_nonzero(x, axis=-1)), (k, shape)
            assert count.dtype == np.int64


@pytest.mark.parametrize("case_id", ["elm", "custom_flow"])
def test_people_offered_nothing_read_as_the_reference(case_id):
    """The compensation is worked out only for the people offered something (in an R or in
    general, -0.0 counting as an offer): everyone else's is one value whatever their loss.
    Stirred states mix both within a game, with losses large, small and none; the losses
    by R (all of them, or some people's) equal the reference's values too (the batch's
    adds over the components from the first, not from +0.0 as einsum: a zero's sign may
    differ, which nothing reads)."""
    from faultlines.engine import fault_lines

    case = _case(case_id)
    bc = batch_case(case)
    rng = np.random.default_rng(7)
    states = []
    for base in midgame_states(case_id, "random", 3):
        st = base.copy()
        n, c = case.n, len(case.components)
        st.stake_mod = rng.normal(0.0, 0.4, (n, c))
        st.ambition = rng.uniform(0.0, 1.0, c)
        offered = rng.random(n) < 0.3
        st.offset = np.abs(rng.normal(0.0, 0.2, (n, 4))) * (rng.random((n, 4)) < 0.5) * \
            offered[:, None]
        st.offset[rng.random((n, 4)) < 0.05] = -0.0
        st.compensation = np.where(rng.random(n) < 0.2, rng.normal(0.0, 0.3, n), 0.0)
        states.append(st)
    got = compute(bc, pack(bc, states))
    nothing = owed = 0
    for i, st in enumerate(states):
        want = stance.compute(case, st)
        assert _same_bits(got.matrix[i], want.matrix), (case_id, i)
        lost = fault_lines.losses(case, st, want.part("stake"))
        every = np.stack([x[i] for x in got.lost], axis=1)
        assert np.array_equal(every, lost)
        assert _same_bits(got.lost_at(np.full(case.n, i), np.arange(case.n)), every)
        free = ~np.signbit(st.offset).any(axis=1) & ~st.offset.any(axis=1) & \
            (st.compensation == 0) & ~np.signbit(st.compensation)
        nothing += int(free.sum())
        owed += int((free & (lost.sum(axis=1) > 0)).sum())
    assert nothing and owed and nothing < len(states) * case.n
