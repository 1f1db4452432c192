"""Games in worlds of their own (a fair hint's rollouts) play on the batch engine exactly as
on the reference: each rollout redraws the hidden drivers of the people the player has not
heard (engine.analysis.determinise.world), and the batch keeps that world per slot
(engine.batch.worlds). Game by game: outcome, moves, final-state digest and dice draws."""

from __future__ import annotations

import numpy as np
import pytest
from batch_kit import CUSTOM, case_named
from faultlines.engine.analysis.determinise import world
from faultlines.engine.analysis.rollouts import _YARDSTICK, reseeded
from faultlines.engine.batch.play import Start, play_from
from faultlines.engine.bots import decide, drive, policy_named
from faultlines.engine.game import Game
from faultlines.engine.simulate import game_seed
from faultlines.engine.table import Table

YARDSTICK = (_YARDSTICK.__name__, _YARDSTICK)


def _saves(case, difficulty: str) -> list[dict]:
    """The start of a game, and the position after five research-style moves (some
    people heard by then, most not: both kinds of world are drawn)."""
    t = Table.open(case, seed=game_seed(7, 0), difficulty=difficulty, explain=False)
    saves = [t.save()]
    rng = np.random.default_rng(3)
    for _ in range(5):
        if t.over:
            break
        t.choose(decide(t, policy_named("skilled"), rng, "skilled"))
    saves.append(t.save())
    return saves


def _reference(case, save: dict, seed: int) -> tuple:
    """What `play_rollout(determinised=True)` plays, with what the test compares."""
    drawn, data = world(case, dict(save), seed)
    data.update(reseeded(data, seed))
    game = Game.from_save(drawn, data)
    game.explain = False
    table = Table(game)
    drive(table, _YARDSTICK, np.random.default_rng([seed, 7]))
    return table.outcome or "unfinished", tuple(game.moves), game.state.digest(), game.drawn


def _starts(case, save: dict, seeds: list[int], *, in_worlds: bool = True) -> list[Start]:
    out = []
    for seed in seeds:
        drawn, data = world(case, dict(save), seed)
        game = Game.from_save(drawn, data)
        out.append(Start(seed, state=game.state, moves=tuple(game.moves), key=seed,
                         drawn=game.drawn, world=drawn if in_worlds else None))
    return out


def _batch(case, starts: list[Start], slots: int) -> list[tuple]:
    return [(p.outcome, p.moves, p.digest, p.drawn)
            for p in play_from(case, YARDSTICK, starts, digests=True, slots=slots)]


@pytest.mark.parametrize("case_id", ["elm", "willow", "oak", "tutorial", *CUSTOM])
def test_rollouts_in_redrawn_worlds_equal_the_reference(case_id):
    case = case_named(case_id)
    seeds = list(range(100, 124))
    outcomes = set()
    for difficulty in ("guided", "standard"):
        for save in _saves(case, difficulty):
            want = [_reference(case, save, s) for s in seeds]
            # few slots: most games start in a slot another game (another world) just left
            assert _batch(case, _starts(case, save, seeds), slots=5) == want
            outcomes |= {w[0] for w in want}
    assert len(outcomes) >= 1


def test_the_worlds_matter():
    """The same starts played in the true case's drivers give other games: the test above
    would notice a rule that read the case's arrays instead of the game's world."""
    case = case_named("elm")
    seeds = list(range(100, 124))
    save = _saves(case, "guided")[0]
    want = [_reference(case, save, s) for s in seeds]
    blind = _batch(case, _starts(case, save, seeds, in_worlds=False), slots=8)
    assert sum(b != w for b, w in zip(blind, want, strict=True)) >= len(seeds) // 3


def test_a_batch_of_true_worlds_plays_as_a_plain_batch():
    """Worlds that are the case itself change nothing: the per-slot arrays hold what the
    case holds."""
    case = case_named("willow")
    seeds = [game_seed(3, i) for i in range(12)]
    plain = play_from(case, "skilled", [Start(s) for s in seeds], digests=True, slots=4)
    worlds = play_from(case, "skilled", [Start(s, world=case) for s in seeds], digests=True,
                       slots=4)
    assert [(p.outcome, p.digest, p.drawn) for p in plain] == \
        [(p.outcome, p.digest, p.drawn) for p in worlds]
