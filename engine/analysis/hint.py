"""A fair hint for practice: the move with the best chance, judged only from what the
player can see (determinised rollouts: engine.analysis.determinise), never from the hidden
drivers. Offered at the practice level (`guided`) only; at standard and hard the player
reads the room alone, so a hint is refused in one line.
"""

from __future__ import annotations

from dataclasses import dataclass

from faultlines.engine.analysis.defaults import HINT_ROLLOUTS  # noqa: F401 (re-exported)
from faultlines.engine.analysis.rollouts import Estimate, Move, Position, Rollouts
from faultlines.engine.analysis.search import legal_moves, search
from faultlines.engine.analysis.words import move_text
from faultlines.engine.table import Table
from faultlines.engine.tuning import DIFFICULTIES

#: screening rollouts in all: half for a first round over every legal move (three or four
#: games each for a hundred-odd moves), half for the few that came out on top of it
#: (engine.analysis.search). Measured over sixteen Willow positions and seeds against 150
#: games for every move: the move the hint chose passed on average 1.3 points less often
#: than the best one, against 21 points with 120 rollouts in six halving rounds, which also
#: took longer (each round is a batch of its own; README, "Analysis board, hint and lint")
HINT_SCREEN = 800
#: the share of the legal moves the first round keeps: just the finalists (two of a
#: hundred-odd) and any move tied with them (search.search's keep_ties), so the hint
#: answers in three batches (or two: HINT_AHEAD)
HINT_KEEP = 0.02
#: when the second round holds at most this many moves, their finalists' games are played
#: in the same batch (search.search's `ahead`: the same dice, so the same hint), and the
#: hint answers in two batches: Willow's openings, where a few moves stand out, save the
#: third batch's whole game of steps for at most 8 x 60 more games in the second; Elm's
#: and Oak's, where a hundred moves tie after three games each, still take three
HINT_AHEAD = 8


class HintRefused(ValueError):
    """No hint here: the message is one line for the player."""


@dataclass(frozen=True)
class Hint:
    move: Move
    text: str
    estimate: Estimate
    runner_up: tuple[Move, str, Estimate] | None = None

    def short(self) -> str:
        """The hint in a line or two (the window's situation box)."""
        e = self.estimate
        return (f"Hint: {self.text} \u2014 the plan passes in about {e.pass_chance:.0%} "
                f"(\u00b1 {e.stderr:.0%}) of {e.n} imagined games that fit what you know.")

    def line(self) -> str:
        e = self.estimate
        out = (f"Hint: {self.text} - the plan passes in about {e.pass_chance:.0%} "
               f"(± {e.stderr:.0%}) of {e.n} games played on from here in worlds drawn from "
               "your radar (your listening so far, not the hidden truth).")
        if self.runner_up is not None:
            _, text, r = self.runner_up
            out += f" Next best: {text}, about {r.pass_chance:.0%}."
        return out


def refusal(table: Table) -> str | None:
    """Why no hint can be given at this table (None: one can)."""
    if table.over:
        return "The game is over: there is no move left to hint at."
    level = DIFFICULTIES.get(table.difficulty)
    if level is None or not level.hints:
        return (f"Hints are for practice games (difficulty guided); this game is at "
                f"{table.difficulty}, where you read the room yourself.")
    return None


@dataclass(frozen=True)
class Asked:
    """A hint asked for at one position: what the search needs, taken from the table at
    once, so the search can run elsewhere (the window's worker thread) while the table
    moves on."""

    position: Position
    candidates: tuple[Move, ...]


def ask(table: Table, seed: int) -> Asked:
    """The hint's question at this table (raises HintRefused with the reason)."""
    why = refusal(table)
    if why is not None:
        raise HintRefused(why)
    pos = Position(table.case, table.save(), int(seed), len(table.moves), determinised=True)
    return Asked(pos, tuple(legal_moves(table)))


def answer(asked: Asked, rollouts: Rollouts, *, n: int = HINT_ROLLOUTS,
           screen: int = HINT_SCREEN) -> Hint:
    """The best move found for the question, with its estimate."""
    case = asked.position.case
    found = search(rollouts, asked.position, list(asked.candidates), screen=screen, final=n,
                   keep=HINT_KEEP, keep_ties=True, ahead=HINT_AHEAD)
    best = found[0]
    runner = (found[1].move, move_text(case, found[1].move), found[1].estimate) \
        if len(found) > 1 else None
    return Hint(best.move, move_text(case, best.move), best.estimate, runner)


def hint(table: Table, rollouts: Rollouts, seed: int, *, n: int = HINT_ROLLOUTS,
         screen: int = HINT_SCREEN) -> Hint:
    """The best move found at this table, with its estimate (raises HintRefused)."""
    return answer(ask(table, seed), rollouts, n=n, screen=screen)
