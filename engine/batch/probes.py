"""The simple players (engine.bots: random, frame-only, challenge-only, listen-only and
`repeat:KIND`) for G games at once, each game getting exactly the reference's move.

They are the strategies a student who wants to game the system would try, so the balance
tests and `faultlines lint` play thousands of their games. Each walks its candidates as the
research-style player does (`engine.batch.bots.Walk`: the first legal candidate, asked of
each kind's batch form). What a player draws from its own generator (random's every pick,
frame-only's "big picture first?", listen-only's "town hall first?") is drawn per game from
`rngs[g]`, in the reference's order, before the walk reads it: the draws do not depend on
legality except in random, which is walked one try at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import combinations
from typing import Any

import numpy as np
from faultlines.engine.batch.bots import Walk
from faultlines.engine.batch.compiled import BatchCase
from faultlines.engine.batch.moves import Chosen, by_kind, form
from faultlines.engine.batch.radar import radar
from faultlines.engine.batch.state import BatchState
from faultlines.engine.batch.turn import Turn
from faultlines.engine.bots import PROBE_HABITS
from faultlines.engine.moves import MOVE_TYPES

Moves = Sequence[list[dict[str, Any]]]
Rngs = Sequence[np.random.Generator]


def _draws(idx: np.ndarray, rngs: Rngs) -> np.ndarray:
    """One uniform per game from its own generator (the reference's `rng.random()`)."""
    return np.array([rngs[g].random() for g in idx.tolist()])


def _by_opposition(bc: BatchCase, bs: BatchState, idx: np.ndarray, moves: Moves
                   ) -> np.ndarray:
    """(K, N) `bots._targets_by_opposition`: the most opposed first, forum members first
    (numpy's default sort on each row, as the reference sorts its one row)."""
    r = radar(bc, bs, idx, moves)
    return np.argsort(r.estimate + np.where(r.in_forum, 0.0, 1.0), axis=1)


def _to_most_opposed(w: Walk, kind: str, order: np.ndarray, many: int) -> None:
    """Offer `kind` to each game's `many` most opposed, in `_by_opposition` order."""
    everyone = np.ones(len(order), bool)
    for k in range(min(many, order.shape[1])):
        w.offer("probe", kind, everyone, target=order[:, k])


def frame_only(bc: BatchCase, bs: BatchState, idx: np.ndarray, moves: Moves, turn: Turn,
               rngs: Rngs) -> Chosen:
    big_first = _draws(idx, rngs) < PROBE_HABITS.big_picture_first
    w = Walk(bc, bs, idx, turn)
    w.offer("probe", "big_picture", big_first)
    _to_most_opposed(w, "tailored_frame", _by_opposition(bc, bs, idx, moves), PROBE_HABITS.frames)
    w.offer("probe", "big_picture", np.ones(len(idx), bool))
    return w.chosen()


def challenge_only(bc: BatchCase, bs: BatchState, idx: np.ndarray, moves: Moves,
                   turn: Turn, rngs: Rngs) -> Chosen:
    w = Walk(bc, bs, idx, turn)
    _to_most_opposed(w, "challenge", _by_opposition(bc, bs, idx, moves), PROBE_HABITS.challenges)
    return w.chosen()


def listen_only(bc: BatchCase, bs: BatchState, idx: np.ndarray, moves: Moves, turn: Turn,
                rngs: Rngs) -> Chosen:
    town_hall = _draws(idx, rngs) < PROBE_HABITS.town_hall_first
    w = Walk(bc, bs, idx, turn)
    w.offer("probe", "town_hall", town_hall)
    r = radar(bc, bs, idx, moves)
    order = np.argsort(r.revealed - r.influence * PROBE_HABITS.influence_first, axis=1)
    everyone = np.ones(len(idx), bool)
    for k in range(bc.n):
        w.offer("probe", "one_to_one", everyone, target=order[:, k])
    upper = np.triu(np.ones((bc.n, bc.n), bool), k=0)
    for i, j in zip(*np.nonzero(upper), strict=True):  # np.nonzero's row-major order
        if w.open.any():
            w.offer("probe", "dialogue", r.conflict[:, i, j] > PROBE_HABITS.rivalry_at, target=int(i),
                    other=int(j))
    return w.chosen()


def repeat(kind: str) -> Callable[..., Chosen]:
    """`bots.repeat(kind)`: its first legal way of playing the kind, else the round's end
    (a palette refusal refuses every way, so it needs no test of its own)."""
    typ = MOVE_TYPES[kind]

    def choose(bc: BatchCase, bs: BatchState, idx: np.ndarray, moves: Moves, turn: Turn,
               rngs: Rngs) -> Chosen:
        w = Walk(bc, bs, idx, turn)
        everyone = np.ones(len(idx), bool)
        if "target" in typ.params and "other" in typ.params:
            for a, b in combinations(range(bc.n), 2):
                if w.open.any():
                    w.offer("probe", kind, everyone, target=a, other=b)
        elif "target" in typ.params:
            order = _by_opposition(bc, bs, idx, moves)
            for k in range(bc.n):
                w.offer("probe", kind, everyone, target=order[:, k])
        elif "component" in typ.params:
            for c in range(bc.c):
                w.offer("probe", kind, everyone, component=c)
        elif "mode" in typ.params:
            for m in typ.modes:
                w.offer("probe", kind, everyone, mode=m)
        else:
            w.offer("probe", kind, everyone)
        return w.chosen()

    return choose


def random(bc: BatchCase, bs: BatchState, idx: np.ndarray, moves: Moves, turn: Turn,
           rngs: Rngs) -> Chosen:
    """`bots.random_policy`: end the round a quarter of the time, else up to twelve tries
    of a kind from the palette (every kind but the round's end, in the palette's order)
    with every parameter drawn at random, the first legal one played."""
    k = len(idx)
    out = Chosen.same(bc, "end_round", k)
    palette = [kd for kd in bc.move_kinds if kd != "end_round"]
    codes = [bc.move_kinds.index(kd) for kd in palette]
    trying = np.flatnonzero(~(_draws(idx, rngs) < PROBE_HABITS.random_ends_round))
    for _ in range(PROBE_HABITS.random_tries):
        if not len(trying):
            break
        ch = _random_tries(bc, idx[trying], rngs, palette, codes)
        ok = np.zeros(len(trying), bool)
        for kc, rows in by_kind(ch):
            ok[rows] = form(bc.move_kinds[kc]).legal(bc, bs, idx[trying][rows], ch.take(rows),
                                                      turn)
        out.put(trying[ok], ch.take(ok))
        trying = trying[~ok]
    return out


def _random_tries(bc: BatchCase, games: np.ndarray, rngs: Rngs, palette: list[str],
                  codes: list[int]) -> Chosen:
    """One try per game, drawn as the reference draws it: the kind, then each parameter
    in the kind's order."""
    k = len(games)
    out = Chosen.unset(k)
    for r, g in enumerate(games.tolist()):
        rng = rngs[g]
        j = int(rng.integers(len(palette)))
        typ = MOVE_TYPES[palette[j]]
        out.kind[r] = codes[j]
        for p in typ.params:
            if p in ("target", "other"):
                getattr(out, p)[r] = rng.integers(bc.n)
            elif p == "component":
                out.component[r] = rng.integers(bc.c)
            else:
                out.mode[r] = rng.integers(len(typ.modes))
    return out


#: the simple players by the reference's name (`repeat:KIND` is made by `probe_named`)
PROBES: dict[str, Callable[..., Chosen]] = {
    "random": random, "frame-only": frame_only, "challenge-only": challenge_only,
    "listen-only": listen_only}


def probe_named(name: str) -> Callable[..., Chosen] | None:
    if name in PROBES:
        return PROBES[name]
    if name.startswith("repeat:") and name[len("repeat:"):] in MOVE_TYPES:
        return repeat(name[len("repeat:"):])
    return None
