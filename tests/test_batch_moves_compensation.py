"""The compensation moves' batch forms (engine/batch/moves/compensation.py) answer as the
reference moves do: for every move of each kind, with every value of its parameters (every
person, every component, none chosen, one it does not take), on real moments of every case
(mid-game states of four policies, the moments moves were played with the game's moves so
far) and the same moments stirred, `legal` is `move.check(ctx) is None`, `cost` is
`move.cost(ctx)`, and every legal move, applied to all its games in one call, leaves each
game with the reference's digest and dice slot."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.batch_move_moments import (
    CASES,
    DEMANDS,
    Reference,
    compared,
)

KINDS = ("offer_role", "offer_funds", "external_funding", "amend_plan", "everyone_gives")


def _compared(case_id: str) -> Reference:
    return compared(case_id, KINDS)


@pytest.mark.parametrize("case_id", [*CASES, DEMANDS])
def test_every_compensation_move_answers_as_the_reference(case_id):
    ref = _compared(case_id)
    assert sum(ref.applied.values()) >= 100, ref.applied


def test_the_moments_reach_every_refusal_and_every_branch():
    """Without these the parity above would prove less: each kind applied many times, each
    refusal (the game over, a hiatus, no capacity, a move used at this stage, nothing left
    to offer, a component at its limit, a parameter missing or one not taken) and each way
    an offer goes (rivals passed over, a rivalry at its cap, a demand met and a backstage
    bargain struck, credibility run out; losers softened and winners giving; ambition cut
    to its floor)."""
    applied, reasons, branches = Counter(), Counter(), Counter()
    for case_id in (*CASES, DEMANDS):
        ref = _compared(case_id)
        applied.update(ref.applied)
        reasons.update(ref.reasons)
        branches.update(ref.branches)
    assert all(applied[k] >= 300 for k in KINDS), applied
    shared = ("over", "hiatus", "capacity", "takes no")
    want = {
        "offer_role": (*shared, "choose", "You have no leadership roles left to offer."),
        "offer_funds": (*shared, "choose", "You have no transitional funds left."),
        "external_funding": (*shared, "choose", "There is no external or charitable funding "
                             "left to bring in."),
        "amend_plan": (*shared, "choose", "That component cannot be scaled back further "
                       "without dropping it."),
        "everyone_gives": (*shared, "used"),
    }
    for kind, why in want.items():
        assert all(reasons[(kind, w)] >= 20 for w in why), (kind, reasons)
    for kind in ("offer_role", "offer_funds"):
        for b in ("rivalry deepened", "rivalry capped", "met a demand",
                  "episode exclusive significant", "episode None"):
            assert branches[(kind, b)] >= 5, (kind, b, branches)
    assert branches[("offer_funds", "credibility floored")] >= 5
    assert branches[("everyone_gives", "losers softened")] >= 20
    assert branches[("everyone_gives", "winners gave")] >= 20
    assert branches[("amend_plan", "ambition floored")] >= 20
