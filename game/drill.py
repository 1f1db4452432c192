"""Learn from your mistakes (`faultlines analyse LOG --drill`): the terminal takes the
player back to the position before each mistake or blunder, asks for a better move (typed
as in the terminal edition, whose parsing it reuses), and shows the rollout estimate of
their choice beside the game's move and the best one found.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

from faultlines.engine.analysis.board import HINDSIGHT, Analysis, Judged
from faultlines.engine.analysis.judgement import DRILLED
from faultlines.engine.analysis.rollouts import Estimate, Rollouts, position_of
from faultlines.engine.analysis.words import move_text
from faultlines.engine.case import Case
from faultlines.engine.table import Table
from faultlines.game.terminal import TextGame

TRIES = 3  # unreadable answers before the drill moves on to the next position


def run_drill(a: Analysis, log: dict[str, Any], case: Case, rollouts: Rollouts, *,
              out: TextIO | None = None, inp: TextIO | None = None) -> int:
    """Drill every mistake and blunder of the analysis; returns how many were tried."""
    out, inp = out or sys.stdout, inp or sys.stdin
    spots = [q for q in a.positions if q.judgement in DRILLED]
    if not spots:
        print("No mistakes or blunders to drill in this game.", file=out)
        return 0
    print(f"Learn from your mistakes: {len(spots)} position(s). {HINDSIGHT}", file=out)
    print("Type a move as in the terminal edition (a number or kind, then its choices), "
          "`moves` to list them, `skip` to move on, `quit` to stop.", file=out)
    tried = 0
    for q in spots:
        table = Table.replayed(case, log, upto=q.index)
        game = TextGame(table, out=out, inp=inp)
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
    game.say(f"In the game, this move was judged a {q.judgement}. Find a better one.")


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
    case = game.table.case
    pos = position_of(game.table)
    known = {_key(q.move): q.played}
    if q.best is not None:
        known[_key(q.best.move)] = q.best.estimate
    mine = known.get(_key(move))
    if mine is None:
        mine = rollouts.estimate(pos, n, first=move)
    rows = [("Your choice:", move_text(case, move), mine)]
    if q.played is not None:
        rows.append(("The game's move:", q.text, q.played))
    if q.best is not None:
        rows.append(("Best found:", q.best.text, q.best.estimate))
    for label, text, est in rows:
        game.say(f"  {label:<16} {text:<50} {_chance(est)}")
    if q.best is not None:
        gap = q.best.estimate.pass_chance - mine.pass_chance
        game.say("  You found the best move, or one as good." if gap <= 2 * mine.stderr else
                 f"  {gap:.0%} short of the best move found.")


def _key(move: dict[str, Any] | None) -> tuple:
    return tuple(sorted((move or {}).items()))


def _chance(e: Estimate | None) -> str:
    if e is None:
        return ""
    return f"passes {e.pass_chance:.0%} (± {e.stderr:.0%}), consensus {e.consensus_chance:.0%}"
