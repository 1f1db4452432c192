"""Finding the best move at a position: every legal move screened with a few rollouts,
the better half kept and tried with twice as many, and so on (successive halving, Karnin,
Koren & Somekh 2013), until a few finalists get the full count. A search may keep a smaller
share each round (`keep`), in fewer rounds: each round is one batch of rollouts, and a
batch costs about a whole game's steps however few games it holds, so a search that must
answer at once (the hint) screens in two.

Legal moves come from the doorway (`Table.choices` and `Table.options`), never from a
rule of our own.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Generator
from dataclasses import dataclass

from faultlines.engine.analysis.rollouts import Estimate, Move, Position, Request, Rollouts
from faultlines.engine.table import Table

FINALISTS = 2  # moves given the full number of rollouts at the end of a search
#: the share of the candidates a screening round keeps, by default: successive halving
HALVING = 0.5
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
           screen: int, final: int, keep: float = HALVING,
           keep_ties: bool = False, ahead: int = 0) -> list[Found]:
    """Successive halving over `candidates` (or a sharper cut, keeping the share `keep`
    each round) with about `screen` rollouts in all for the screening rounds (0: none,
    every candidate gets `final`); the last FINALISTS moves then get `final` rollouts each
    on the shared dice. With `keep_ties`, a round also keeps every candidate tied with
    the last one kept (`_survivors`). With `ahead`, when the last screening round holds at
    most that many candidates, all of them get their finalists' rollouts in the same batch
    (the same dice: the result is the same, one batch sooner).
    Returns the finalists, best first (ties: the earlier candidate), with estimates from
    their last `final` rollouts only."""
    return search_all(rollouts, [searching(position, candidates, screen=screen,
                                           final=final, keep=keep, keep_ties=keep_ties,
                                           ahead=ahead)])[0]


#: a search in progress: it yields the rollouts it wants next (one batch's requests) and
#: is sent their estimates, request by request
Searching = Generator[tuple[Request, ...], list[list[Estimate]], list[Found]]


def searching(position: Position, candidates: list[Move], *, screen: int,
              final: int, keep: float = HALVING, keep_ties: bool = False,
              ahead: int = 0) -> Searching:
    """`search` as a generator, so that many positions' searches can share each round's
    rollouts (`search_all`)."""
    alive = list(range(len(candidates)))
    if not alive:
        return []
    est: dict[int, Estimate] = {}
    early: dict[int, Estimate] = {}  # finalists' rollouts asked for ahead of the cut
    rounds = _screening_rounds(len(alive), keep)
    per_round = max(1, screen // rounds) if screen > 0 else 0
    for r in range(rounds if per_round else 0):
        if len(alive) <= FINALISTS:
            break
        # never more games a move than half the finalists' count: once a few moves are
        # left, more screening would only repeat what the finalists' fresh games measure
        each = max(1, min(per_round // len(alive), final // 2))
        # each candidate continues its own count of dice, the same for all at one count
        start = SCREEN_DICE + min((est[i].n for i in alive if i in est), default=0)
        moves = tuple(candidates[i] for i in alive)
        asks = (Request(position, moves, each, start),)
        if r == rounds - 1 and len(alive) <= ahead:  # the finalists are among these
            asks += (Request(position, moves, final, 0),)
        got = yield asks
        for i, e in zip(alive, got[0], strict=True):
            est[i] = est[i].plus(e) if i in est else e
        if len(got) > 1:
            early = dict(zip(alive, got[1], strict=True))
        alive = _survivors(alive, est, _kept(len(alive), keep), keep_ties)
    alive = alive[:FINALISTS] if est else alive
    if all(i in early for i in alive):
        fresh = {i: early[i] for i in alive}
    else:
        got = yield (Request(position, tuple(candidates[i] for i in alive), final, 0),)
        fresh = dict(zip(alive, got[0], strict=True))
    alive.sort(key=lambda i: (-fresh[i].pass_chance, -fresh[i].consensus_chance, i))
    return [Found(candidates[i], fresh[i]) for i in alive]


def _survivors(alive: list[int], est: dict[int, Estimate], kept: int,
               keep_ties: bool) -> list[int]:
    """The candidates a screening round keeps, best first: the `kept` best (by pass chance,
    then consensus chance, then place in the list), and with `keep_ties` any other with the
    same pass chance as the last of them. With a few rollouts each, many candidates tie;
    cutting among them by the consensus chance or by their place in the list drops a strong
    move on the luck of a game or two (in Willow, the coalition that passed three games out
    of three, one of them pushed through rather than agreed). The analysis board does not
    keep ties: it screens with one game a move, where nearly everything ties, and its
    budget is shared by every position of the game."""
    alive = sorted(alive, key=lambda i: (-est[i].pass_chance, -est[i].consensus_chance, i))
    if len(alive) <= kept or not keep_ties:
        return alive[:kept]
    bar = est[alive[kept - 1]].pass_chance
    return [i for i in alive if est[i].pass_chance >= bar]


def _kept(alive: int, keep: float) -> int:
    """How many candidates a screening round keeps (never fewer than the finalists)."""
    return max(FINALISTS, math.ceil(alive * keep))


def _screening_rounds(candidates: int, keep: float = HALVING) -> int:
    """The rounds that cut `candidates` down to the finalists, counted by making the cuts
    (a logarithm's rounding could miss one at an exact power)."""
    if not 0.0 < keep < 1.0:
        raise ValueError(f"a screening round keeps a share between 0 and 1, not {keep}")
    rounds = 0
    while candidates > FINALISTS:
        candidates, rounds = _kept(candidates, keep), rounds + 1
    return max(1, rounds)


def batches(candidates: int, screen: int, keep: float = HALVING) -> int:
    """At most how many batches of rollouts a search over `candidates` moves asks for:
    its screening rounds and the finalists' (a progress bar's steps)."""
    if candidates <= 0:
        return 0
    screening = _screening_rounds(candidates, keep) if candidates > FINALISTS and screen > 0 \
        else 0
    return screening + 1


def search_all(rollouts: Rollouts, searches: list[Searching],
               progress: Callable[[], None] | None = None) -> list[list[Found]]:
    """Run searches side by side: each round's rollouts of every search go to the engine
    as one batch (each search's result is what it would be alone)."""
    out: list[list[Found]] = [[] for _ in searches]
    asked: dict[int, tuple[Request, ...]] = {}
    for k, s in enumerate(searches):
        try:
            asked[k] = next(s)
        except StopIteration as stop:
            out[k] = stop.value
    while asked:
        got = iter(rollouts.estimate_all([q for qs in asked.values() for q in qs]))
        now, asked = asked, {}
        for k, qs in now.items():
            try:
                asked[k] = searches[k].send([next(got) for _ in qs])
            except StopIteration as stop:
                out[k] = stop.value
        if progress:
            progress()
    return out
