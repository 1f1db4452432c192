"""Whole games on the batch engine are the reference engine's games, as chess engines prove
move generators with perft: for the same seeds, every game's outcome, moves, refused
choices, final-state digest and number of dice draws are equal, for every shipped scenario
and the trainer-style cases, for every built-in policy (the research-style bot and the
probes students would try), with finished slots refilled mid-run."""

from __future__ import annotations

from collections import Counter
from functools import cache

import pytest
from faultlines.engine.batch.play import Played, batch_policy, play
from faultlines.engine.bots import make, policy_named, skilled
from faultlines.engine.catalogue import shipped_ids
from faultlines.engine.domain import OUTCOMES
from faultlines.engine.simulate import _play, game_seed
from faultlines.engine.tuning import DIFFICULTIES

from tests.batch_kit import case_named

CASES = [*shipped_ids(), "custom_flow", "instant_flow", "custom_repertoire"]
#: the policies each case is played with, and how many games: the research-style bot and
#: the shortcuts and probes a student would try (docs/bots.md)
POLICIES = ("skilled", "random", "hurried", "stonewall", "pragmatic", "skip-consultation",
            "no-coalition", "frame-only", "challenge-only", "listen-only", "repeat:dialogue",
            "repeat:tailored_frame", "repeat:keep_off", "repeat:consult",
            "tests.test_batch_play:careless")
GAMES = {"skilled": 40, "random": 16}
OTHER_GAMES = 12


def careless(seat, choices, rng):
    """A plug-in policy that now and then asks for what the rules refuse (a decision in the
    briefing, a second town hall, a dialogue with no conflict), else plays research-style:
    `drive` plays each refusal as the month's end and counts it."""
    if rng.random() < 0.3:
        wild = rng.integers(3)
        if wild == 0:
            return make("call_decision")
        if wild == 1:
            return make("town_hall")
        return make("dialogue", target=seat.ids[0], other=seat.ids[1])
    return skilled(seat, choices, rng)


@cache
def _reference(case_id: str, policy: str, n: int, difficulty: str = "standard"
               ) -> tuple[Played, ...]:
    case = case_named(case_id)
    out = []
    for k in range(n):
        seed = game_seed(3, k)
        table, illegal = _play(case, policy_named(policy), policy, seed, difficulty, False)
        game = table._game
        out.append(Played(seed=seed, outcome=table.outcome or "unfinished",
                          made=tuple(game.moves), illegal=illegal, drawn=game.drawn,
                          digest=game.digest()))
    return tuple(out)


def _games(policy: str) -> int:
    return GAMES.get(policy, OTHER_GAMES)


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("case_id", CASES)
def test_whole_games_equal_the_reference(case_id, policy):
    n = _games(policy)
    ref = _reference(case_id, policy, n)
    # a few slots, so most games start in a slot another game has just finished in
    got = play(case_named(case_id), policy, [p.seed for p in ref], slots=7, digests=True)
    assert [p.seed for p in got] == [p.seed for p in ref]
    for want, have in zip(ref, got, strict=True):
        assert have == want, f"seed {want.seed}: the batch game differs from the reference"


@pytest.mark.parametrize("case_id", shipped_ids())
def test_the_policy_asked_per_game_gives_the_same_games(case_id):
    """The batch form of the research-style bot (when there is one) and the reference bot
    asked per game choose alike, so either way the games are the reference's."""
    if batch_policy("skilled") is None:
        pytest.skip("the research-style bot has no batch form yet")
    seeds = [p.seed for p in _reference(case_id, "skilled", 12)]
    case = case_named(case_id)
    assert play(case, "skilled", seeds, digests=True) == \
        play(case, "skilled", seeds, digests=True, reference_bot=True)


def test_the_games_reach_every_outcome_and_refused_choices():
    """The comparison above covers what matters: every outcome and refused choices played
    as the month's end."""
    outcomes = Counter(p.outcome for c in CASES for pol in POLICIES
                       for p in _reference(c, pol, _games(pol)))
    for o in OUTCOMES:
        assert outcomes[o] >= 3, (o, outcomes)
    careless = "tests.test_batch_play:careless"
    assert sum(p.illegal for c in CASES for p in _reference(c, careless, _games(careless))) > 50


def test_a_run_smaller_than_its_slots_and_an_empty_run():
    case = case_named("tutorial")
    ref = _reference("tutorial", "skilled", 3)
    assert play(case, "skilled", [p.seed for p in ref], slots=64, digests=True) == list(ref)
    assert play(case, "skilled", []) == []


@pytest.mark.parametrize("difficulty", [d for d in DIFFICULTIES if d != "standard"])
def test_every_difficulty_starts_and_plays_alike(difficulty):
    """Difficulty changes the new game (capacity, what is revealed, the radar's noise)."""
    for case_id in ("elm", "oak"):
        ref = _reference(case_id, "skilled", 10, difficulty)
        got = play(case_named(case_id), "skilled", [p.seed for p in ref], slots=4,
                   digests=True, difficulty=difficulty)
        assert got == list(ref)
