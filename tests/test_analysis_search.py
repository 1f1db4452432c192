"""The best-move search (engine.analysis.search): successive halving as the analysis board
uses it, and the sharper cut that keeps ties which the fair hint uses so it answers in a
second without losing a strong move to the luck of a game or two."""

from __future__ import annotations

import math

from faultlines.engine.analysis.hint import HINT_KEEP, HINT_SCREEN, hint
from faultlines.engine.analysis.rollouts import Estimate, Rollouts
from faultlines.engine.analysis.search import (
    FINALISTS,
    SCREEN_DICE,
    _screening_rounds,
    batches,
    search,
)
from faultlines.engine.case import load_case
from faultlines.engine.simulate import game_seed
from faultlines.engine.table import Table


def test_halving_takes_as_many_rounds_as_it_always_did():
    for c in range(1, 400):
        assert _screening_rounds(c) == max(1, math.ceil(math.log2(max(c / FINALISTS, 1.0))))


def test_the_hints_cut_screens_a_hundred_moves_in_two_rounds():
    assert batches(108, HINT_SCREEN, HINT_KEEP) == 3  # two screening rounds, the finalists
    assert batches(108, HINT_SCREEN) == 7  # halving: six rounds, then the finalists


class _Scripted:
    """Rollouts with set results: the strong move passes every game, genuinely agreed in
    all but one; the others pass half their games, except that on the first round's few
    dice every one of them passes, agreed (a lucky draw, as a few games can be)."""

    def __init__(self, strong: dict):
        self.strong = strong
        self.asked: list[tuple[int, int]] = []  # (moves, games each) of every batch

    def estimate_all(self, requests):
        out = []
        for q in requests:
            self.asked.append((len(q.firsts), q.n))
            row = []
            for move in q.firsts:
                if move == self.strong:
                    row.append(Estimate(q.n, q.n, q.n - 1, q.start))
                elif q.start == SCREEN_DICE:
                    row.append(Estimate(q.n, q.n, q.n, q.start))
                else:
                    row.append(Estimate(q.n, q.n // 2, q.n // 2, q.start))
            out.append(row)
        return out


def test_a_strong_move_tied_on_passes_survives_the_screening_only_with_ties_kept():
    moves = [{"kind": "one_to_one", "target": f"p{i}"} for i in range(100)]
    strong = {"kind": "build_coalition"}
    candidates = [*moves, strong]
    rollouts = _Scripted(strong)
    kept = search(rollouts, None, candidates, screen=400, final=60, keep=HINT_KEEP,
                  keep_ties=True)
    cut = search(rollouts, None, candidates, screen=400, final=60, keep=HINT_KEEP)
    assert kept[0].move == strong and kept[0].estimate.pass_chance == 1.0
    assert strong not in [f.move for f in cut]  # lost on its consensus count in screening


class _FewLeft:
    """Rollouts in which only four moves pass anything in the first round, so the second
    round has four moves left to share its games between."""

    def __init__(self):
        self.asked: list[tuple[int, int]] = []  # (moves, games each) of every batch

    def estimate_all(self, requests):
        self.asked += [(len(q.firsts), q.n) for q in requests]
        lucky = ("p0", "p1", "p2", "p3")
        return [[Estimate(q.n, q.n if m["target"] in lucky else 0, 0, q.start)
                 for m in q.firsts] for q in requests]


def test_screening_never_gives_a_move_more_games_than_half_the_finalists():
    """Once a few moves are left, more screening games would only repeat what the
    finalists' fresh games measure, and the hint would wait for them."""
    rollouts = _FewLeft()
    candidates = [{"kind": "one_to_one", "target": f"p{i}"} for i in range(120)]
    search(rollouts, None, candidates, screen=HINT_SCREEN, final=60, keep=HINT_KEEP,
           keep_ties=True)
    first, second, finalists = rollouts.asked
    assert first == (120, HINT_SCREEN // 2 // 120) and finalists == (FINALISTS, 60)
    assert second == (4, 30)  # not the 100 games each its share of the budget would give


def test_the_fair_hint_finds_the_coalition_at_willows_opening():
    """Willow's hospitals can each block the plan; a coalition of the marginal groups is
    the way past them (Waring et al. 2023, Findings: power and influence). Over 150 games
    for every legal move at this opening, the coalition passed 99% and no other move more
    than 54%; the hint's earlier search (120 screening games over six halving rounds) chose
    a one-to-one meeting."""
    case = load_case("willow")
    table = Table.open(case, seed=game_seed(7, 3), difficulty="guided")
    with Rollouts(1) as r:
        h = hint(table, r, 0)
    assert h.move == {"kind": "build_coalition"}, h.text
    assert h.estimate.pass_chance > 0.9


def test_finalists_games_asked_for_ahead_give_the_same_answer_a_batch_sooner():
    """When the last screening round holds only a few moves, the hint asks for their
    finalists' games in the same batch: the same dice, so the same answer, without the
    third batch's whole game of steps."""

    class Counting(_FewLeft):
        batches = 0

        def estimate_all(self, requests):
            self.batches += 1
            return super().estimate_all(requests)

    candidates = [{"kind": "one_to_one", "target": f"p{i}"} for i in range(120)]
    answers = {}
    for ahead in (0, 8):
        rollouts = Counting()
        found = search(rollouts, None, candidates, screen=HINT_SCREEN, final=60,
                       keep=HINT_KEEP, keep_ties=True, ahead=ahead)
        answers[ahead] = ([f.move for f in found], [f.estimate for f in found],
                          rollouts.batches)
    assert answers[0][:2] == answers[8][:2]
    assert (answers[0][2], answers[8][2]) == (3, 2)
    # with more moves left than `ahead`, nothing is asked for early
    rollouts = Counting()
    search(rollouts, None, candidates, screen=HINT_SCREEN, final=60, keep=HINT_KEEP,
           keep_ties=True, ahead=3)
    assert rollouts.batches == 3
