"""The measures of episodes, computed for many games at once, equal the reference's
engine.episodes.measure: for every pair of components and participants a decision's
episodes can have, on every decision of real games, and for any components and
participants (what the other episodes are measured by)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from faultlines.engine import consultation, episodes
from faultlines.engine.batch.compiled import batch_case
from faultlines.engine.batch.episodes import Affected, DecisionMeasures
from faultlines.engine.batch.state import pack
from faultlines.engine.batch.tally import forum
from faultlines.engine.catalogue import shipped_ids
from faultlines.engine.context import forum_of

from tests.batch_kit import DECISION_POLICIES, case_named, decision_points


def _same(got, want) -> bool:
    return got[0] == want[0] and got[1] == want[1] and np.array_equal(got[2], want[2])


@pytest.mark.parametrize("case_id", [*shipped_ids(), "custom_flow"])
def test_every_pair_is_measured_as_the_reference_measures_it(case_id):
    case = case_named(case_id)
    points = [p for policy in DECISION_POLICIES for p in decision_points(case_id, policy, 6)]
    bc = batch_case(case)
    bs = pack(bc, [p.state for p in points])
    idx = np.arange(len(points))
    members = forum(bc, bs, idx)
    measured = DecisionMeasures(bc, bs, idx, members, np.ones(len(points), bool))
    for k, p in enumerate(points):
        st = p.state
        on = tuple(c for c in case.components if c not in st.kept_off)
        sets = {"table": on, "decided": tuple(c for c in on if c not in st.settled),
                "ratified": tuple(c for c in on if c in st.settled)}
        who = {"forum": forum_of(case, st), "consulted": consultation.consultees_of(case, st),
               "nobody": np.zeros(case.n, bool)}
        for name, comps in sets.items():
            assert [bc.components[j] for j in np.flatnonzero(measured.sets[name][k])] == \
                list(comps)
            for label, present in who.items():
                assert np.array_equal(measured.who[label][k], present)
                inclusive, missing, hit = measured.found(name, label)
                got = (bool(inclusive[k]), tuple(case.ids[j] for j in np.flatnonzero(
                    missing[k])), hit[k])
                assert _same(got, episodes.measure(case, st, comps, present)), (k, comps)


@pytest.mark.parametrize("case_id", [*shipped_ids(), "custom_flow"])
def test_any_components_and_participants_are_measured_as_the_reference_measures_them(
        case_id):
    """`Affected`, which a kept-off item, an offer, a side deal and a decision taken in
    advance are measured by: random sets of components (one, several, none) and of
    participants (one, two, many, nobody), on real moments with their stakes stirred."""
    case = case_named(case_id)
    rng = np.random.default_rng(len(case_id))
    states = [p.state for p in decision_points(case_id, "random", 6)]
    for st in states[::2]:
        st.stake_mod = st.stake_mod + rng.normal(0.0, 0.3, st.stake_mod.shape)
    bc = batch_case(case)
    bs = pack(bc, states)
    k = len(states)
    inclusive_seen = Counter()
    for _ in range(8):
        comps = rng.random((k, bc.c)) < rng.choice([0.0, 0.2, 0.6, 1.0])
        present = rng.random((k, bc.n)) < rng.choice([0.0, 0.1, 0.5, 0.9])
        aff = Affected(bc, bs.stake_mod, comps)
        inclusive = aff.inclusive(present)
        for g, st in enumerate(states):
            cs = tuple(bc.components[j] for j in np.flatnonzero(comps[g]))
            want = episodes.measure(case, st, cs, present[g])
            got = (bool(inclusive[g]), tuple(case.ids[j] for j in np.flatnonzero(
                aff.hit[g] & ~present[g])), aff.hit[g])
            assert _same(got, want), (case_id, g, cs)
            inclusive_seen[bool(inclusive[g]), bool(aff.hit[g].any())] += 1
    assert len(inclusive_seen) == 3, inclusive_seen  # inclusive or not, and nobody affected


def test_some_rows_are_measured_as_all_rows_are():
    """`found(..., rows)`, what a decision's episodes ask for the games they apply to."""
    case = case_named("oak")
    points = [p for policy in DECISION_POLICIES for p in decision_points("oak", policy, 3)]
    bc = batch_case(case)
    bs = pack(bc, [p.state for p in points])
    idx = np.arange(len(points))
    measured = DecisionMeasures(bc, bs, idx, forum(bc, bs, idx), np.ones(len(points), bool))
    rows = np.flatnonzero(np.random.default_rng(1).random(len(points)) < 0.4)
    for name in ("table", "decided", "ratified"):
        for label in ("forum", "consulted", "nobody"):
            some, every = measured.found(name, label, rows), measured.found(name, label)
            for a, b in zip(some, every, strict=True):
                assert np.array_equal(a, b[rows])


@pytest.mark.parametrize("clear", [None, np.inf])
def test_shares_at_the_threshold_compare_as_the_references(monkeypatch, clear):
    """`Affected.inclusive` compares shares summed in any order and sums in the reference's
    order only the rows near the share needed: shares exactly at it (equal weights, three
    in five present) and a hair either side, and random sets with every row summed in the
    reference's order (`clear` inf), answer as the reference does; the rows summed in its
    order are reached."""
    from faultlines.engine.batch import episodes as batch_episodes
    from faultlines.engine.tuning import TUNING

    if clear is not None:
        monkeypatch.setattr(batch_episodes, "_CLEAR", clear)
    exact = Counter()
    original = Affected._exactly

    def counted(self, r, present, need):
        exact["rows"] += len(r)
        return original(self, r, present, need)

    monkeypatch.setattr(Affected, "_exactly", counted)
    case = case_named("elm")
    bc = batch_case(case)
    rng = np.random.default_rng(12)
    base = [p.state for p in decision_points("elm", "skilled", 4)]
    need = TUNING.negotiation.inclusive_share
    states, comps, present = [], [], []
    for k in range(240):
        st = base[k % len(base)].copy()
        j = int(rng.integers(bc.c))
        m = 5 * int(rng.integers(1, 3))  # five or ten affected, three in five present
        who = rng.permutation(bc.n)[:m]
        target = np.zeros(bc.n)
        target[who] = rng.uniform(0.2, 1.0) * rng.choice([-1.0, 1.0], m)
        if k % 3 == 1:  # a hair off equal
            target[who[0]] *= 1.0 + rng.choice([-1.0, 1.0]) * 1e-15
        mod = st.stake_mod.copy()
        mod[:, j] = target - case.stakes[:, j]
        st.stake_mod = mod
        states.append(st)
        comps.append(np.arange(bc.c) == j)
        here = np.zeros(bc.n, bool)
        here[who[:int(round(m * need))]] = True
        present.append(here)
    bs = pack(bc, states)
    comps, present = np.array(comps), np.array(present)
    got = Affected(bc, bs.stake_mod, comps).inclusive(present)
    seen = Counter()
    for g, st in enumerate(states):
        cs = (bc.components[int(np.flatnonzero(comps[g])[0])],)
        want = episodes.measure(case, st, cs, present[g])[0]
        assert bool(got[g]) == want, g
        seen[want] += 1
    assert len(seen) == 2, seen  # at the threshold, some are inclusive and some not
    assert exact["rows"] >= 80, exact
