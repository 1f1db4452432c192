"""Learn from your mistakes (`faultlines analyse LOG --drill`): the terminal takes the
player back to the position before each mistake or blunder, asks for a better move (typed
as in the terminal edition, whose parsing it reuses), and shows the rollout estimate of
their choice beside the game's move and the best one found.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

from faultlines.engine.analysis.board import HINDSIGHT, Analysis, Judged
from faultlines.engine.analysis.drill import chance_text, drill_spots, drill_table, try_move
from faultlines.engine.analysis.rollouts import Rollouts, position_of
from faultlines.engine.case import Case
from faultlines.game.terminal import TextGame

TRIES = 3  # unreadable answers before the drill moves on to the next position


def run_drill(a: Analysis, log: dict[str, Any], case: Case, rollouts: Rollouts, *,
              out: TextIO | None = None, inp: TextIO | None = None) -> int:
    """Drill every mistake and blunder of the analysis; returns how many were tried."""
    out, inp = out or sys.stdout, inp or sys.stdin
    spots = drill_spots(a)
    if not spots:
        print("No mistakes or blunders to drill in this game.", file=out)
        return 0
    print(f"Learn from your mistakes: {len(spots)} position(s). {HINDSIGHT}", file=out)
    print("Type a move as in the terminal edition (a number or kind, then its choices), "
          "`moves` to list them, `skip` to move on, `quit` to stop.", file=out)
    tried = 0
    for q in spots:
        game = TextGame(drill_table(case, log, q), out=out, inp=inp)
        _situation(game, q)
        move = _ask(game)
        if move == "quit":
            break
        if move is None:
            continue
        tried += 1
        _compare(game, q, move, rollouts, a.rollouts)
    print(f"Drill done: {tried} position(s) tried.", file=out)
    return tried


def _situation(game: TextGame, q: Judged) -> None:
    v = game.table.view
    game.say("")
    game.say(f"== Before move {q.index + 1}: {v.stage_name}, round {v.round} of {v.rounds}; "
             f"{v.calendar} months left; credibility {v.credibility:.2f}; capacity "
             f"{v.capacity}/{v.capacity_max}.")
    game.say(f"Reading the room: about {v.support_estimate:.0%} of the forum's weight seems "
             f"to support; it needs {v.support_needed:.0%}. From here the plan passes in "
             f"about {q.estimate.pass_chance:.0%} of games.")
    game.say(f"In the game, this move was judged a {q.judgement}{q.judged_on}. "
             "Find a better one.")


def _ask(game: TextGame) -> dict[str, Any] | str | None:
    """The player's move as a move dict, 'quit', or None (skipped or unreadable)."""
    v = game.table.view
    for _ in range(TRIES):
        line = game.ask("Your move> ")
        if line is None or line.lower() in ("quit", "q", "exit"):
            return "quit"
        if line.lower() in ("skip", "s", ""):
            return None
        if line.lower() in ("moves", "m", "look", "l"):
            for n, c in enumerate(game.table.choices(), 1):
                game.say(f" {n:2d} {c.label}" + (f" (not now: {c.reason})" if c.reason else ""))
            continue
        words = line.split()
        read = game.read_move(v, words, unknown=f"No move called {words[0]!r}; type `moves` "
                              "for the list.")
        if read is None:
            continue
        choice, params = read
        why = game.table.check(choice, **params)
        if why is not None:
            game.say(f"Not possible: {why}")
            continue
        return {"kind": choice.kind, **params}
    return None


def _compare(game: TextGame, q: Judged, move: dict[str, Any], rollouts: Rollouts,
             n: int) -> None:
    tried = try_move(q, position_of(game.table), move, rollouts, n)
    for row in tried.rows:
        game.say(f"  {row.label + ':':<16} {row.text:<50} {chance_text(row.estimate)}")
    if tried.best is not None:
        game.say(f"  {tried.verdict()}")
