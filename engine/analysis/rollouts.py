"""Monte Carlo rollouts: how often research-style play carries the plan from a position.

This is the one seam between the analysis board and whatever plays games fast. Everything
above it (judging moves, searching for a better one, hints, the drill) asks only for an
`Estimate` of a `Position`. The batch engine plays the rollouts (engine.batch.play: each
worker's share of a request side by side, a fair hint's each in its own redrawn world,
engine.batch.worlds); the reference engine plays them only for a game whose dice are an
older engine's stream. Both give the same outcome for the same rollout.

Rollout k from a position uses the game's dice reseeded from (game seed, move index, k),
so an analysis is the same for the same seed whatever the number of jobs, and every
candidate move at a position is tried against the same dice (common random numbers: the
comparison between two moves is not blurred by luck that differs between them).
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
from faultlines.engine.analysis.defaults import ROLLOUT_VARIETY
from faultlines.engine.bots import drive, varied
from faultlines.engine.case import Case, case_from_source
from faultlines.engine.catalogue import ScenarioSource
from faultlines.engine.domain import PASSING_OUTCOMES
from faultlines.engine.draws import LEGACY
from faultlines.engine.game import Game
from faultlines.engine.moves import move_from_dict
from faultlines.engine.state import GameState
from faultlines.engine.table import Table
from faultlines.engine.view import Radar, build_radar

Move = dict[str, Any]  # a move as the log records it: {"kind": ..., "target": ...}


@dataclass(frozen=True, eq=False)
class Position:
    """A point in a game: its case, its saved state, and where it is in the game (the
    game's seed and the number of moves made), which names its rollouts' dice.

    `determinised` positions are played in worlds redrawn from what the player can see
    (engine.analysis.determinise), never in the true one: the fair hint's positions."""

    case: Case
    save: dict[str, Any]
    game_seed: int
    move_index: int
    determinised: bool = False


@dataclass(frozen=True)
class Estimate:
    """Rollout counts from one position (after one first move): the chance the plan passes,
    and passes with genuine consensus, with the pass chance's standard error."""

    n: int
    passed: int
    consensus: int
    start: int = 0  # the index of the first rollout counted (more can be added after)
    exact: bool = False  # a finished game: the outcome is known, not estimated

    @property
    def pass_chance(self) -> float:
        return self.passed / self.n if self.n else 0.0

    @property
    def consensus_chance(self) -> float:
        return self.consensus / self.n if self.n else 0.0

    @property
    def stderr(self) -> float:
        """The binomial standard error, never quite zero: 0 passes in 20 rollouts is not
        certainty (the chance is held half a game away from 0 and 1)."""
        return self.chance_stderr("pass")

    def chance(self, measure: str) -> float:
        """The chance a judgement reads: "pass" or "consensus" (MEASURES)."""
        return self.pass_chance if measure == "pass" else self.consensus_chance

    def chance_stderr(self, measure: str) -> float:
        """The standard error of either chance, as `stderr` says."""
        if self.exact:
            return 0.0
        if not self.n:
            return 0.5
        p = min(max(self.chance(measure), 0.5 / self.n), 1.0 - 0.5 / self.n)
        return math.sqrt(p * (1.0 - p) / self.n)

    def plus(self, other: Estimate) -> Estimate:
        """Two batches of rollouts of the same move, counted together."""
        return Estimate(self.n + other.n, self.passed + other.passed,
                        self.consensus + other.consensus, min(self.start, other.start))


def certain(outcome: str | None) -> Estimate:
    """A finished game: its outcome is known, so its 'estimate' has no error."""
    return Estimate(1, int(outcome in PASSING_OUTCOMES), int(outcome == "consensus"),
                    exact=True)


def rollout_seed(game_seed: int, move_index: int, k: int) -> int:
    """The dice of rollout k from the position after `move_index` moves of a game."""
    return int(np.random.SeedSequence([int(game_seed), move_index, k]).generate_state(1)[0])


def reseeded(save: dict[str, Any], seed: int) -> dict[str, Any]:
    """The dice fields of `save` for rollout dice `seed`: counter draws keyed by it (the
    draws of each later move are then named by (seed, move, slot)), or for a game from an
    older engine, its generator started afresh from it."""
    if save["dice"]["kind"] == LEGACY:
        return {"rng": np.random.default_rng(seed).bit_generator.state}
    return {"dice": {**save["dice"], "key": int(seed)}}


def drew(before: dict[str, Any], after: dict[str, Any]) -> bool:
    """Whether the game drew dice between two of its saves (a move that drew none led
    exactly where it did, whatever the luck)."""
    return (before.get("rng"), before["dice"]) != (after.get("rng"), after["dice"])


def position_of(table: Table) -> Position:
    """The table's current position (its true state: for hindsight analysis)."""
    return Position(table.case, table.save(), table.seed, len(table.moves))


@dataclass(frozen=True)
class Request:
    """Rollouts start..start+n-1 from `position` after each of `firsts` (None: no first
    move), all on the same dice."""

    position: Position
    firsts: tuple[Move | None, ...]
    n: int
    start: int = 0


@dataclass(frozen=True)
class _Task:
    source: ScenarioSource | None
    case: Case | None  # in-process only
    saves: tuple[dict[str, Any], ...]
    determinised: tuple[bool, ...]  # per save
    games: tuple[tuple[int, Move | None, int], ...]  # (save, first move, dice seed) each


class Rollouts:
    """Plays rollouts: `jobs` worker processes (1: in this process), each playing its
    share of a request's games on the batch engine where it can (engine.batch.play), else
    on the reference. Use as a context manager so the pool is started once and closed
    after."""

    def __init__(self, jobs: int = 2, *, context: Any = None):
        self.jobs = max(1, int(jobs))
        self.context = context  # how worker processes start (None: the platform's default)
        self._pool: ProcessPoolExecutor | None = None
        self.played = 0  # rollouts played so far (for the benchmark's figures)

    def __enter__(self) -> Rollouts:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def estimate(self, position: Position, n: int, *, first: Move | None = None,
                 start: int = 0) -> Estimate:
        """Rollouts start..start+n-1 from `position`: `first` (if given) is played, then
        research-style players (`varied`: the skilled bot, now and then taking its second
        or third choice) play to the end."""
        return self.estimate_many(position, [first], n, start=start)[0]

    def estimate_many(self, position: Position, firsts: Sequence[Move | None], n: int, *,
                      start: int = 0) -> list[Estimate]:
        """The same rollouts (same dice) after each of several first moves, in one batch
        so the workers share them out."""
        return self.estimate_all([Request(position, tuple(firsts), n, start)])[0]

    def estimate_all(self, requests: Sequence[Request]) -> list[list[Estimate]]:
        """Several requests (of one case) played as one batch: the batch engine is fastest
        with many games side by side, and every game is the one it would be alone (its
        dice are named by its position, rollout number and first move), so the estimates
        do not depend on what else was asked at the same time."""
        games: list[tuple[int, int, Move | None, int]] = []  # (request, first, move, seed)
        for r, q in enumerate(requests):
            if q.n <= 0:
                continue
            seeds = [rollout_seed(q.position.game_seed, q.position.move_index, k)
                     for k in range(q.start, q.start + q.n)]
            # dice-major: a worker's share then holds each of its dice for every first
            # move, so a fair hint's world (drawn per dice) is drawn by one worker only
            games += [(r, j, f, seed) for seed in seeds for j, f in enumerate(q.firsts)]
        outcomes = self._play(requests, games)
        counts = [[[0, 0] for _ in q.firsts] for q in requests]
        for (r, j, _, _), o in zip(games, outcomes, strict=True):
            counts[r][j][0] += o in PASSING_OUTCOMES
            counts[r][j][1] += o == "consensus"
        self.played += len(games)
        return [[Estimate(q.n if q.n > 0 else 0, p, c, q.start) for p, c in counts[r]]
                for r, q in enumerate(requests)]

    def _play(self, requests: Sequence[Request],
              games: list[tuple[int, int, Move | None, int]]) -> list[str]:
        if not games:
            return []
        batched = all(_batchable(q.position) for q in requests)
        # the batch engine wants each worker's games in one call; the reference, a few
        # tasks per worker so they share the work out evenly
        per = max(1, math.ceil(len(games) / (self.jobs * (1 if batched else 3))))
        tasks = [self._task(requests, games[lo:lo + per]) for lo in range(0, len(games), per)]
        return [o for part in self._run(tasks) for o in part]

    def _task(self, requests: Sequence[Request],
              games: list[tuple[int, int, Move | None, int]]) -> _Task:
        local = self.jobs == 1
        used = sorted({r for r, _, _, _ in games})
        where = {r: k for k, r in enumerate(used)}
        case = requests[used[0]].position.case
        return _Task(None if local else case.source, case if local else None,
                     tuple(requests[r].position.save for r in used),
                     tuple(requests[r].position.determinised for r in used),
                     tuple((where[r], f, seed) for r, _, f, seed in games))

    def _run(self, tasks: list[_Task]) -> list[list[str]]:
        if self.jobs == 1:
            return [play_task(t) for t in tasks]
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=self.context)
        return list(self._pool.map(play_task, tasks))


def _batchable(position: Position) -> bool:
    """The batch engine plays counter-based dice, in the true world or in worlds redrawn
    per rollout (a fair hint's: engine.batch.worlds); an older engine's dice stream only
    the reference can play."""
    return position.save["dice"]["kind"] != LEGACY


#: the research-style players the rollouts play (engine.bots.varied)
_YARDSTICK = varied(ROLLOUT_VARIETY)


@functools.lru_cache(maxsize=4)
def _worker_case(source: ScenarioSource) -> Case:
    """A worker compiles each scenario once, from the text the parent sent."""
    return case_from_source(source)


def play_task(task: _Task) -> list[str]:
    """Play one batch of rollouts (from one or more saved positions); returns their
    outcomes in order. On the batch engine (every game of the task side by side) unless
    the game's dice are an older engine's stream, which only the reference can play."""
    case = task.case if task.case is not None else _worker_case(task.source)
    if all(s["dice"]["kind"] != LEGACY for s in task.saves):
        return play_batch(case, task.saves, task.games, task.determinised)
    return [play_rollout(case, task.saves[k], seed, first=first,
                         determinised=task.determinised[k])
            for k, first, seed in task.games]


def play_batch(case: Case, saves: Sequence[dict[str, Any]],
               games: Sequence[tuple[int, Move | None, int]],
               determinised: Sequence[bool] = ()) -> list[str]:
    """Rollouts (save, first move, dice seed) from saved positions on the batch engine:
    the same games `play_rollout` plays, all at once (tests/test_analysis_rollouts.py).
    A determinised save's rollouts each play in the world their dice redraw (the same
    world for every first move tried on those dice, so it is drawn once)."""
    from faultlines.engine.batch.play import Start, play_from

    out: list[str | None] = [None] * len(games)
    starts, where = [], []
    restored = [Game.from_save(case, save) for save in saves]
    drawn: dict[tuple[int, int], tuple[Case | None, GameState]] = {}
    radars: dict[int, Radar] = {}
    for k, (s, first, seed) in enumerate(games):
        game = restored[s]
        if game.over:
            out[k] = game.state.outcome or "unfinished"
            continue
        world, state = None, game.state
        if s < len(determinised) and determinised[s]:
            if (s, seed) not in drawn:
                if s not in radars:
                    radars[s] = build_radar(game)
                drawn[s, seed] = _world(case, game.state, radars[s], seed)
            world, state = drawn[s, seed]
        starts.append(Start(seed, state=state, moves=tuple(game.moves), key=seed,
                            drawn=game.drawn, first=move_from_dict(first) if first else None,
                            world=world))
        where.append(k)
    for k, p in zip(where, play_from(case, (_YARDSTICK.__name__, _YARDSTICK), starts),
                    strict=True):
        out[k] = p.outcome
    return [o or "unfinished" for o in out]


def _world(case: Case, state: GameState, radar: Radar, seed: int
           ) -> tuple[Case | None, GameState]:
    """The world rollout `seed` plays in from `state` (None: the true one) and the state
    with the radar noise that world gives (engine.analysis.determinise.redraw): what
    `play_rollout(determinised=True)` restores, without a save's round trip."""
    from faultlines.engine.analysis.determinise import redraw

    found = redraw(case, state, radar, seed)
    if found is None:
        return None, state
    return found[0], dataclasses.replace(state, noise=found[1])


def play_rollout(case: Case, save: dict[str, Any], seed: int, *, first: Move | None = None,
                 determinised: bool = False) -> str:
    """One rollout: the saved game with its dice reseeded (and, for a fair hint, its
    hidden drivers redrawn), `first` played, then research-style play to the end."""
    data = dict(save)  # the restored game copies the state's containers (GameState)
    if determinised:
        from faultlines.engine.analysis.determinise import world

        case, data = world(case, data, seed)
    data.update(reseeded(data, seed))
    game = Game.from_save(case, data)
    game.explain = False  # nobody reads who-moved-and-why inside a rollout
    table = Table(game)
    if first is not None and not table.over:
        table.choose(move_from_dict(first))
    drive(table, _YARDSTICK, np.random.default_rng([seed, 7]))
    return table.outcome or "unfinished"
