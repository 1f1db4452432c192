"""Learn from your mistakes: what every drill shares, in the terminal or in the window.

A drill returns the player to the position before each mistake or blunder and asks for a
better move; their choice is then estimated by rollouts from that position, on the same
dice as the best move's final estimate (rollouts 0..n-1: `search` gives its finalists the
same), and shown beside the game's move and the best one. A choice the analysis already
estimated (the game's move, or the best move found) is not played again: its estimate is
the one the analysis shows, so the three figures never disagree with the board.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from faultlines.engine.analysis.board import Analysis, Judged
from faultlines.engine.analysis.judgement import DRILLED, MEASURE_WORDS, NOISE_GUARD
from faultlines.engine.analysis.rollouts import Estimate, Move, Position, Rollouts
from faultlines.engine.analysis.words import move_text
from faultlines.engine.case import Case
from faultlines.engine.table import Table

#: a drill estimate shown with progress is played in this many parts
PROGRESS_PARTS = 6


def drill_spots(a: Analysis) -> list[Judged]:
    """The positions a drill visits, in the order they were played: each mistake and
    blunder (inaccuracies are too close to call to be worth a drill)."""
    return [q for q in a.positions if q.judgement in DRILLED]


def drill_table(case: Case, log: dict, q: Judged) -> Table:
    """The game as it stood before the judged move (a fresh replay: the player may try any
    move on it without touching the log)."""
    return Table.replayed(case, log, upto=q.index)


@dataclass(frozen=True)
class Row:
    label: str
    text: str
    estimate: Estimate


@dataclass(frozen=True)
class Attempt:
    """The player's choice at a drilled position, beside the game's move and the best."""

    move: Move
    rows: tuple[Row, ...]  # yours first, then the game's move, then the best found
    mine: Estimate
    best: Estimate | None
    replayed: bool = False  # the player chose the very move the game made
    measure: str = "pass"  # the chance the position was judged on (judgement.MEASURES)

    @property
    def gap(self) -> float:
        """The judged chance short of the best move found (0 or less: as good or better)."""
        return 0.0 if self.best is None else \
            self.best.chance(self.measure) - self.mine.chance(self.measure)

    @property
    def found(self) -> bool:
        """As good as the best found, within the rollouts' noise."""
        return self.gap <= NOISE_GUARD * self.mine.chance_stderr(self.measure)

    def verdict(self) -> str:
        again = "That is the move the game made. " if self.replayed else ""
        if self.found:
            return again + "You found the best move, or one as good as far as the rollouts " \
                           "can tell."
        if self.measure == "pass":
            return again + f"{self.gap:.0%} short of the best move found."
        return again + f"{self.gap * 100:.0f} points of {MEASURE_WORDS[self.measure]} short " \
                       "of the best move found."


def _key(move: Move | None) -> tuple:
    return tuple(sorted((move or {}).items()))


def known_estimate(q: Judged, move: Move) -> Estimate | None:
    """The analysis's own estimate of `move` at q, if it has one (the game's move or the
    best found)."""
    known = {_key(q.move): q.played}
    if q.best is not None:
        known[_key(q.best.move)] = q.best.estimate
    return known.get(_key(move))


def try_move(q: Judged, pos: Position, move: Move, rollouts: Rollouts, n: int, *,
             progress: Callable[[int, int], None] | None = None) -> Attempt:
    """Estimate the player's `move` at the drilled position `pos` (see `drill_table`; n
    rollouts unless the analysis already has it) and set it beside the game's move and the
    best one. With `progress`, the rollouts are played in parts (the same dice: rollouts
    0..n-1) and progress(done, n) is called after each."""
    mine = known_estimate(q, move)
    if mine is None:
        step = n if progress is None else max(1, -(-n // PROGRESS_PARTS))
        for lo in range(0, n, step):
            part = rollouts.estimate(pos, min(step, n - lo), first=move, start=lo)
            mine = part if mine is None else mine.plus(part)
            if progress is not None:
                progress(lo + part.n, n)
    if mine is None:  # n == 0: nothing was played
        mine = Estimate(0, 0, 0)
    return attempt(q, pos.case, move, mine)


def attempt(q: Judged, case: Case, move: Move, mine: Estimate) -> Attempt:
    rows = [Row("Your choice", move_text(case, move), mine)]
    if q.played is not None:
        rows.append(Row("The game's move", q.text, q.played))
    if q.best is not None:
        rows.append(Row("Best found", q.best.text, q.best.estimate))
    return Attempt(move, tuple(rows), mine, None if q.best is None else q.best.estimate,
                   replayed=_key(move) == _key(q.move), measure=q.measure)


def chance_text(e: Estimate) -> str:
    """'passes 42% (± 6%), consensus 30%'"""
    return f"passes {e.pass_chance:.0%} (\u00b1 {e.stderr:.0%}), consensus " \
           f"{e.consensus_chance:.0%}"


__all__ = ["Attempt", "Row", "attempt", "chance_text", "drill_spots", "drill_table",
           "known_estimate", "try_move"]
