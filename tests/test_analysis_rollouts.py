"""Rollouts on the batch engine are the reference's rollouts: from real positions of real
games (the start, mid-game, the end), with no first move or with each of several legal
first moves, every rollout's outcome is the one `play_rollout` gives for the same dice."""

from __future__ import annotations

import numpy as np
import pytest
from faultlines.engine.analysis.rollouts import play_batch, play_rollout, rollout_seed
from faultlines.engine.analysis.search import legal_moves
from faultlines.engine.bots import drive, policy_named
from faultlines.engine.case import load_case
from faultlines.engine.errors import IllegalMove
from faultlines.engine.simulate import game_seed
from faultlines.engine.table import Table


def _positions(scenario: str) -> list[Table]:
    """Tables at a few points of a research-style game and a hurried one."""
    case = load_case(scenario)
    out = []
    for policy, seed in (("skilled", game_seed(8, 1)), ("hurried", game_seed(8, 2))):
        full = Table.open(case, seed=seed, explain=False)
        drive(full, policy_named(policy), np.random.default_rng([seed, 7]))
        n = len(full.moves)
        for upto in sorted({0, n // 3, 2 * n // 3, n}):
            out.append(Table.replayed(case, full.log(), upto))
    return out


@pytest.mark.parametrize("scenario", ["elm", "willow", "oak", "tutorial"])
def test_batch_rollouts_equal_the_reference(scenario):
    case = load_case(scenario)
    for t in _positions(scenario):
        save = t.save()
        firsts = [None] + list(legal_moves(t)[::7][:3]) if not t.over \
            else [None]
        games = [(f, rollout_seed(t.seed, len(t.moves), k)) for f in firsts for k in range(4)]
        want = [play_rollout(case, save, seed, first=f) for f, seed in games]
        assert play_batch(case, [save], [(0, f, seed) for f, seed in games]) == want


@pytest.mark.parametrize("scenario", ["elm", "oak"])
def test_a_fair_hints_rollouts_equal_the_reference(scenario):
    """Determinised rollouts (each in a world redrawn from the radar) on the batch engine:
    the same outcomes as the reference's, each first move tried in the same worlds."""
    case = load_case(scenario)
    for t in _positions(scenario)[:3]:
        save = t.save()
        firsts = [None] + list(legal_moves(t)[::9][:2]) if not t.over else [None]
        games = [(f, rollout_seed(t.seed, len(t.moves), k)) for f in firsts for k in range(4)]
        want = [play_rollout(case, save, seed, first=f, determinised=True)
                for f, seed in games]
        assert play_batch(case, [save], [(0, f, seed) for f, seed in games], [True]) == want

def test_a_first_move_the_rules_refuse_is_refused():
    case = load_case("elm")
    t = Table.open(case, seed=3)
    with pytest.raises(IllegalMove):
        play_rollout(case, t.save(), 1, first={"kind": "call_decision"})
    with pytest.raises(IllegalMove):
        play_batch(case, [t.save()], [(0, {"kind": "call_decision"}, 1)])
