"""Finding the best move at a position: every legal move screened with a few rollouts,
the better half kept and tried with twice as many, and so on (successive halving, Karnin,
Koren & Somekh 2013), until a few finalists get the full count.

Legal moves come from the doorway (`Table.choices` and `Table.options`), never from a
rule of our own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from faultlines.engine.analysis.rollouts import Estimate, Move, Position, Rollouts
from faultlines.engine.table import Table

FINALISTS = 2  # moves given the full number of rollouts at the end of a search
#: screening rounds use dice of their own (rollout numbers from here on), so the finalists'
#: last estimate is on fresh dice - the same dice as the position's own estimate - and not
#: flattered by the luck that picked them (the winner's curse)
SCREEN_DICE = 1_000_000


def legal_moves(table: Table) -> list[Move]:
    """Every move the player could make now, each parameter filled in every legal way."""
    out: list[Move] = []
    for choice in table.choices():
        if choice.reason is not None:
            continue
        _fill(table, choice.kind, choice.params, {}, out)
    return out


def _fill(table: Table, kind: str, params: tuple[str, ...], chosen: dict[str, str],
          out: list[Move]) -> None:
    rest = [p for p in params if p not in chosen]
    if not rest:
        if table.check(kind, **chosen) is None:  # the palette can be coarser than the move
            out.append({"kind": kind, **chosen})
        return
    for value, why in table.options(kind, **chosen).items():
        if why is None:
            _fill(table, kind, params, {**chosen, rest[0]: value}, out)


@dataclass(frozen=True)
class Found:
    """A searched move and its estimate (with the full rollout count for finalists)."""

    move: Move
    estimate: Estimate


def search(rollouts: Rollouts, position: Position, candidates: list[Move], *,
           screen: int, final: int) -> list[Found]:
    """Successive halving over `candidates` with about `screen` rollouts in all for the
    screening rounds (0: none, every candidate gets `final`); the last FINALISTS moves
    then get `final` rollouts each on the shared dice.
    Returns the finalists, best first (ties: the earlier candidate), with estimates from
    their last `final` rollouts only."""
    alive = list(range(len(candidates)))
    if not alive:
        return []
    est: dict[int, Estimate] = {}
    rounds = max(1, math.ceil(math.log2(max(len(alive) / FINALISTS, 1.0))))
    per_round = max(1, screen // rounds) if screen > 0 else 0
    while len(alive) > FINALISTS and per_round:
        each = max(1, per_round // len(alive))
        _add(rollouts, position, candidates, alive, est, each)
        alive.sort(key=lambda i: (-est[i].pass_chance, -est[i].consensus_chance, i))
        alive = alive[:max(FINALISTS, math.ceil(len(alive) / 2))]
    fresh: dict[int, Estimate] = {}
    _add(rollouts, position, candidates, alive, fresh, final, start=0)
    est = fresh
    alive.sort(key=lambda i: (-est[i].pass_chance, -est[i].consensus_chance, i))
    return [Found(candidates[i], est[i]) for i in alive]


def _add(rollouts: Rollouts, position: Position, candidates: list[Move], alive: list[int],
         est: dict[int, Estimate], n: int, start: int | None = None) -> None:
    """n more rollouts for every live candidate, continuing its own count of dice (each
    candidate sees the same dice as the others at the same count)."""
    if start is None:
        start = SCREEN_DICE + min((est[i].n for i in alive if i in est), default=0)
    firsts = [candidates[i] for i in alive]
    for i, e in zip(alive, rollouts.estimate_many(position, firsts, n, start=start),
                    strict=True):
        est[i] = est[i].plus(e) if i in est else e
