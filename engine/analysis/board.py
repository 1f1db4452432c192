"""The analysis board: every position of a logged game evaluated by rollouts, every move
judged by how much it lowered the chance the plan passes, and the better move shown.

It is hindsight. The rollouts start from the game's TRUE state, hidden drivers included,
which the player could not see while playing; every output says so (`HINDSIGHT`).

The chance at a position is how often research-style play carries the plan from there:
the skilled bot with a little variety (`engine.bots.varied`, `ROLLOUT_VARIETY`), since one
fixed player values a position by its own single path and swings between 0% and 100% when
one move sends it down another. A move's own chance is measured from the position before it, with the same
dice as the alternatives: when the move used no dice (most moves), the position after it
is exactly where it led, and its rollouts are reused; when it did (a month turning, a
misfiring pitch), it is replayed from before with fresh dice, so the judgement is of the
move and not of the luck that followed it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from faultlines.engine.analysis.defaults import DEFAULT_ROLLOUTS  # noqa: F401 (re-exported)
from faultlines.engine.analysis.judgement import (
    MEASURE_WORDS,
    MEASURES,
    judge,
    severity,
)
from faultlines.engine.analysis.rollouts import (
    Estimate,
    Move,
    Position,
    Request,
    Rollouts,
    certain,
    drew,
    position_of,
)
from faultlines.engine.analysis.search import batches, legal_moves, search_all, searching
from faultlines.engine.analysis.words import move_text
from faultlines.engine.bots import decide, skilled
from faultlines.engine.case import Case
from faultlines.engine.errors import IllegalMove, SaveError
from faultlines.engine.moves import move_from_dict
from faultlines.engine.table import Table

#: screening rollouts per position for the best-move search, as a multiple of the rollouts
SCREEN_FACTOR = 1.0

JUDGING = ("A move is judged by the chance it gave up: the best move found before it against "
           "the best chance still open after it (the best left). A better move you missed that "
           "is still there later costs nothing yet; the move that lets it go is marked, on the "
           "chance it lowered more - of passing, or of passing with genuine consensus.")

HINDSIGHT = ("Hindsight: these chances come from rollouts of research-style play from the "
             "game's true state, hidden drivers included, which the player could not see.")


@dataclass(frozen=True)
class Best:
    move: Move
    text: str
    estimate: Estimate


@dataclass(frozen=True)
class Judged:
    """One position: the chances from it, and the player's move from it (none at the end)."""

    index: int  # moves made before this position
    stage: str
    round: int
    estimate: Estimate  # research-style play from here
    move: Move | None = None
    text: str = ""
    played: Estimate | None = None  # the player's move, then research-style play
    best: Best | None = None
    drop: float = 0.0  # best chance given up: the best move's, less what is left after (0..1)
    drop_stderr: float = 0.0
    judgement: str | None = None
    choices: int = 0  # how many legal moves there were
    measure: str = "pass"  # the chance the judgement (drop, best) is of (MEASURES)

    @property
    def lost(self) -> str:
        """The judged loss in words: '21 points of pass chance'."""
        return f"{self.drop * 100:.0f} points of {MEASURE_WORDS[self.measure]}"

    @property
    def measure_tag(self) -> str:
        """'' for the usual pass chance, else ' consensus': to follow a figure."""
        return "" if self.measure == "pass" else f" {self.measure}"

    def _worded(self, chance: float) -> str:
        """A chance of the kind this move was judged on: '91%', or 'consensus 66%'."""
        c = f"{chance:.0%}"
        return c if self.measure == "pass" else f"{self.measure} {c}"

    def measured(self, e: Estimate | None) -> str:
        """An estimate's chance of the kind this move was judged on (`_worded`)."""
        return "" if e is None else self._worded(e.chance(self.measure))

    @property
    def judged_on(self) -> str:
        """'' for the usual pass chance, else ' on its consensus chance' (to follow a
        judgement's name in a sentence)."""
        return "" if self.measure == "pass" else f" on its {MEASURE_WORDS[self.measure]}"

    @property
    def left_after(self) -> str:
        """The best chance still open after the move (the better move's, less the points
        given up), worded as `measured`: '76%', or 'consensus 4%'."""
        return "" if self.best is None else \
            self._worded(self.best.estimate.chance(self.measure) - self.drop)

    @property
    def better_chance(self) -> str:
        """The better move's judged chance (`measured`)."""
        return self.measured(None if self.best is None else self.best.estimate)

    def to_dict(self) -> dict[str, Any]:
        e = self.estimate
        return {"index": self.index, "stage": self.stage, "round": self.round,
                "move": self.move, "move_text": self.text,
                "pass_chance": round(e.pass_chance, 4),
                "consensus_chance": round(e.consensus_chance, 4),
                "stderr": round(e.stderr, 4), "rollouts": e.n,
                "played": None if self.played is None else {
                    "pass_chance": round(self.played.pass_chance, 4),
                    "consensus_chance": round(self.played.consensus_chance, 4),
                    "stderr": round(self.played.stderr, 4)},
                "drop": round(self.drop, 4), "drop_stderr": round(self.drop_stderr, 4),
                "judgement": self.judgement, "measure": self.measure,
                "legal_moves": self.choices,
                "best": None if self.best is None else {
                    "move": self.best.move, "move_text": self.best.text,
                    "pass_chance": round(self.best.estimate.pass_chance, 4),
                    "consensus_chance": round(self.best.estimate.consensus_chance, 4),
                    "stderr": round(self.best.estimate.stderr, 4)}}


@dataclass(frozen=True)
class Analysis:
    scenario: str
    title: str
    seed: int
    outcome: str | None
    rollouts: int
    positions: list[Judged]
    accuracy: dict[str, Any] = field(default_factory=dict)

    @property
    def judged(self) -> list[Judged]:
        return [p for p in self.positions if p.judgement]

    def to_dict(self) -> dict[str, Any]:
        return {"scenario": self.scenario, "seed": self.seed, "outcome": self.outcome,
                "rollouts": self.rollouts, "hindsight": HINDSIGHT,
                "positions": [p.to_dict() for p in self.positions],
                "accuracy": self.accuracy}


@dataclass
class _Step:
    position: Position
    move: Move
    skilled: Move
    legal: list[Move]
    dice: bool  # the move used the game's dice
    stage: str
    round: int


def analyse_game(log: dict[str, Any], case: Case, rollouts: Rollouts, *,
                 n: int = DEFAULT_ROLLOUTS, screen: int | None = None,
                 progress: Callable[[int, int], None] | None = None) -> Analysis:
    """Analyse a (checked) game log on its case; `screen` is the best-move search's
    screening budget per position (default n * SCREEN_FACTOR; 0: no search, the
    research-style move is the only alternative).

    Every position's rollouts of one kind go to the engine together (each position's
    value, then each move's own estimate, then each round of the searches), so the batch
    engine plays thousands of games side by side; every estimate is what it would be if
    asked alone. `progress(done, total)` is told after each of those batches."""
    screen = int(n * SCREEN_FACTOR) if screen is None else screen
    steps, final = _walk(log, case)
    searches = [searching(s.position, [m for m in s.legal if m != s.move], screen=screen,
                          final=n) if screen > 0 and len(s.legal) > 1 else None
                for s in steps]
    rounds = max((batches(len(s.legal) - 1, screen) for s in steps), default=0)
    total, done = 2 + rounds, 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(min(done, total), total)

    ask = [Request(s.position, (None,), n) for s in steps]
    if not final.over:
        ask.append(Request(position_of(final), (None,), n))
    got = rollouts.estimate_all(ask)
    values = [g[0] for g in got[:len(steps)]]
    values.append(certain(final.outcome) if final.over else got[-1][0])
    tick()
    # each move's own estimate where it drew dice, and the research-style move where
    # there is no search to find a better one
    own: dict[int, Request] = {}
    alt: dict[int, Request] = {}
    for i, s in enumerate(steps):
        if s.dice:
            own[i] = Request(s.position, (s.move,), n)
        if searches[i] is None and s.skilled != s.move:
            alt[i] = Request(s.position, (s.skilled,), n)
    got = rollouts.estimate_all([*own.values(), *alt.values()])
    played = {i: got[k][0] for k, i in enumerate(own)}
    skilled = {i: got[len(own) + k][0] for k, i in enumerate(alt)}
    tick()
    live = [i for i, x in enumerate(searches) if x is not None]
    found = dict(zip(live, search_all(rollouts, [searches[i] for i in live], progress=tick),
                     strict=True))
    options = []
    for i, s in enumerate(steps):
        here = [(s.move, played.get(i, values[i + 1]))]  # no dice: where it led
        here += [(f.move, f.estimate) for f in found.get(i, [])]
        if i in skilled:
            here.append((s.skilled, skilled[i]))
        options.append(here)
    out: list[Judged] = []
    opened = {m: _open_after(steps, options, values, m) for m in MEASURES}
    for i, s in enumerate(steps):
        out.append(_judge_step(case, s, values[i], options[i],
                               {m: o[i] for m, o in opened.items()}))
    if progress:
        progress(total, total)
    g = final.glance()
    out.append(Judged(index=len(steps), stage=g.stage, round=g.round, estimate=values[-1]))
    return Analysis(scenario=case.scenario.id, title=case.scenario.title, seed=int(log["seed"]),
                    outcome=final.outcome, rollouts=n, positions=out,
                    accuracy=accuracy(out))


def _walk(log: dict[str, Any], case: Case) -> tuple[list[_Step], Table]:
    """Replay the log move by move through the doorway, noting each position."""
    try:
        table = Table.replayed(case, log, upto=0)
    except (IllegalMove, ValueError, KeyError) as exc:
        raise SaveError(f"the log does not replay on this scenario ({exc})") from None
    steps: list[_Step] = []
    bot_rng = np.random.default_rng(0)  # `skilled` never reads its dice
    for n, d in enumerate(log["moves"]):
        if table.over:
            break
        pos = position_of(table)
        g = table.glance()
        step = _Step(pos, dict(d), decide(table, skilled, bot_rng).to_dict(),
                     legal_moves(table), False, g.stage, g.round)
        try:
            table.choose(move_from_dict(d))
        except (IllegalMove, ValueError, TypeError) as exc:
            raise SaveError(f"move {n + 1} ({d.get('kind')}) does not replay: {exc}") from None
        step.dice = drew(pos.save, table.save())
        steps.append(step)
    return steps, table


#: a chance (0..1) and its standard error
Chance = tuple[float, float]


def _best_of(s: _Step, options: list[tuple[Move, Estimate]], measure: str
             ) -> tuple[Move, Estimate]:
    """The best of a position's options by one chance, the other breaking ties (the move
    played is first in `options`, and wins a tie)."""
    played = options[0][1]
    other = MEASURES[1 - MEASURES.index(measure)]
    move, best = max(options, key=lambda o: (o[1].chance(measure), o[1].chance(other)))
    return (s.move, played) if best.chance(measure) <= played.chance(measure) else (move, best)


def _open_after(steps: list[_Step], options: list[list[tuple[Move, Estimate]]],
                values: list[Estimate], measure: str) -> list[Chance]:
    """For each move, the best chance still open after it: what a player could still make
    of the game from there.

    After a move that drew no dice, the game's own next moves are a path the player could
    take, so every later position reached without dice (up to and including the one before
    the next move that draws them) shows a chance still open, and the best of their best
    moves found counts. That way a strong move the search missed at one position but found
    at the next does not count as lost. After a move that drew dice, the next position is
    one roll of them; its move is judged on its own estimate with fresh dice, plus only as
    much headroom (best move found over research-style play) as there was both before it
    and after it."""
    best = [_best_of(s, o, measure)[1] for s, o in zip(steps, options, strict=True)]
    # research-style play from a position is open to the player too (the search looks for
    # the best move by the pass chance, so its finalists can fall short on consensus)
    at = [max((e.chance(measure), e.chance_stderr(measure)),
              (v.chance(measure), v.chance_stderr(measure)))
          for e, v in zip([*best, values[-1]], values, strict=True)]
    room = [max(b[0] - v.chance(measure), 0.0) for b, v in zip(at, values, strict=True)]
    out: list[Chance] = []
    for i, s in enumerate(steps):
        if s.dice:
            played = options[i][0][1]
            extra = min(room[i], room[i + 1])  # none at the end: the outcome is known
            out.append((played.chance(measure) + extra,
                        math.hypot(played.chance_stderr(measure), at[i][1]) if extra else
                        played.chance_stderr(measure)))
            continue
        k, found = i + 1, at[i + 1]
        while k < len(steps) and not steps[k].dice:
            k += 1
            found = max(found, at[k])
        out.append(found)
    return out


def _judge_step(case: Case, s: _Step, value: Estimate, options: list[tuple[Move, Estimate]],
                after: dict[str, Chance]) -> Judged:
    """The move judged by the best chance it gave up: the best move's chance from the
    position before it, against the best chance still open after it (`after`, from
    `_open_after`). A better move that the player missed but that is still there later
    costs nothing yet; the move that lets it go does. (Judging each move against the best
    alternative alone charged every move for the yardstick's blind spots: where
    research-style play never makes some strong move, every move that did not make it at
    once looked like a blunder.) Both chances are judged (`MEASURES`); the worse judgement
    stands, with its own better move."""
    played = options[0][1]
    found = []
    for m in MEASURES:
        best_move, best = _best_of(s, options, m)
        drop = best.chance(m) - after[m][0]
        se = math.hypot(best.chance_stderr(m), after[m][1]) if drop > 0 else 0.0
        found.append((severity(judge(drop, se)), drop, m, best_move, best, se))
    _, drop, measure, best_move, best, se = max(found, key=lambda f: (f[0], f[0] and f[1]))
    return Judged(index=s.position.move_index, stage=s.stage, round=s.round, estimate=value,
                  move=s.move, text=move_text(case, s.move), played=played,
                  best=Best(best_move, move_text(case, best_move), best),
                  drop=max(drop, 0.0), drop_stderr=se, judgement=judge(drop, se),
                  choices=len(s.legal), measure=measure)


def accuracy(positions: list[Judged]) -> dict[str, Any]:
    """The game in a few figures: the share of moves not judged, the average pass chance
    lost per move, and how many of each judgement."""
    moves = [p for p in positions if p.move is not None]
    counts = {k: sum(p.judgement == k for p in moves)
              for k in ("inaccuracy", "mistake", "blunder")}
    clean = sum(p.judgement is None for p in moves)
    return {"moves": len(moves), "not_judged": clean,
            "share_not_judged": round(clean / len(moves), 4) if moves else 1.0,
            "average_loss": round(sum(max(p.drop, 0.0) for p in moves) / len(moves), 4)
            if moves else 0.0, **counts}
