"""Whole games on the batch engine: G slots of one case played in lockstep, one move per game
per step, each finished game's slot refilled at once with the next seed, so fast games
never wait for slow ones.

One step does for every game what `bots.drive` and `Game.play` do for one:

1. the policy chooses (its batch form over all games, engine.batch.bots; or, for a policy
   without one, the reference policy per game at a table around the lent state);
2. a choice the rules refuse is counted and played as the end of the round, as `drive` does;
3. the move's cost is taken before it acts and the move is counted; the time moves
   (`end_round`, `call_decision`) count as used before they act, the others after;
4. each kind acts on the games that chose it (engine.batch.moves: its batch form, or the
   reference move per game), `end_round` is the batch month's end and `call_decision` the
   stage's remaining scenario events then the batch decision;
5. a move that spent the last of the team's capacity ends the month (engine.batch.month).

Every game's draws are its counter-based dice (engine.draws), named by its seed, move and
slot, so a game played here is the game the reference engine plays from the same seed:
tests/test_batch_play.py checks outcome, moves, state digest and draws game by game.
No events are made; a log is the seed and moves, replayed through the reference engine.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from faultlines.engine.batch import memory, worlds
from faultlines.engine.batch.compiled import BatchCase, batch_case
from faultlines.engine.batch.decision import decide
from faultlines.engine.batch.endings import KnownStances, fire_before_deciding
from faultlines.engine.batch.month import end_round
from faultlines.engine.batch.moves import Chosen, by_kind, form
from faultlines.engine.batch.scripts import BatchScripts
from faultlines.engine.batch.setup import start
from faultlines.engine.batch.state import BatchState, empty
from faultlines.engine.batch.turn import Counters, Turn
from faultlines.engine.bots import MAX_MOVES, Policy, policy_named
from faultlines.engine.bots import decide as bot_decide
from faultlines.engine.case import Case
from faultlines.engine.errors import IllegalMove
from faultlines.engine.game import TIME_MOVES, Game
from faultlines.engine.moves import MOVE_TYPES, Move
from faultlines.engine.state import GameState
from faultlines.engine.table import Table

#: how many games play side by side. Each step makes a fixed number of numpy calls
#: whatever the batch size, so more slots cost less per game, until the arrays outgrow the
#: caches: Elm research-style, 16,384 games, one process (2026-12-01, shared machine):
#: 2,048 slots 2,141 games/s (175 MB), 4,096 2,514 (220 MB), 8,192 2,936 (291 MB); and as
#: `simulate` plays it (parts of engine.simulate.BATCH_PART = 4,096 games, each drained to
#: its end), 2,048 slots about 2,390, 4,096 (a whole part at once) about 2,870
DEFAULT_SLOTS = 4096

#: a policy's batch form: for games idx of the batch, one move each
BatchPolicy = Callable[[BatchCase, BatchState, np.ndarray, Turn, "Slots"], Chosen]


@dataclass(frozen=True)
class Played:
    """One finished game: its seed, outcome ("unfinished" after `MAX_MOVES`), its moves as
    `Game.moves` holds them, how many of the policy's choices were refused, the dice draws
    made (as `Game.drawn`) and, when asked for, the state's digest (`Game.digest`).

    `made` holds the move records the batch shares between its games (one dict per distinct
    move, never changed); `moves` gives this game its own copies when asked for, so a run
    whose caller reads only outcomes never copies them."""

    seed: int
    outcome: str
    made: tuple[dict[str, Any], ...]
    illegal: int
    drawn: int
    digest: str | None = None

    @property
    def moves(self) -> tuple[dict[str, Any], ...]:
        """The moves as `Game.moves` holds them, each a dict of this game's own."""
        return tuple(dict(m) for m in self.made)


@dataclass(frozen=True, eq=False)
class Start:
    """Where a game starts: a new game from `seed`, or (with `state`) a position of a game
    already under way, as a rollout starts: its state, its moves so far, its dice key and
    draws so far, and optionally a first move to play before the policy takes over. The
    policy's own generator is `default_rng([seed, 7])` either way. `world`: the case the
    game plays in when it is not the batch's own (a fair hint's redrawn world,
    engine.batch.worlds): the same scenario, other hidden drivers."""

    seed: int
    state: GameState | None = None
    moves: tuple[dict[str, Any], ...] = ()
    key: int | None = None
    drawn: int = 0
    first: Move | None = None
    world: Case | None = None


class Slots:
    """What each slot holds besides its state: the game's seed, its moves so far, its bot's
    own generator (as `simulate` gives a bot: `default_rng([seed, 7])`), refused choices
    and draws so far. A slot with seed -1 is empty."""

    def __init__(self, g: int):
        self.seed = np.full(g, -1, np.int64)
        self.key = np.zeros(g, np.int64)  # the dice key: the seed, unless a rollout's
        self.first: dict[int, Move] = {}  # slot -> a move to play before the policy
        self.order = np.full(g, -1, np.int64)  # the game's place in the run's seed list
        self.moves: list[list[dict[str, Any]]] = [[] for _ in range(g)]
        self.rngs = _Rngs(self.seed)
        self.illegal = np.zeros(g, np.int64)
        self.drawn = np.zeros(g, np.int64)
        self.made = np.zeros(g, np.int64)  # moves made so far (len(moves[g]))


class _Rngs:
    """Each slot's bot generator, `default_rng([seed, 7])`, made when first asked for (most
    batch policies never draw, and making one costs more than a game's step): a slot set to
    None gets a fresh one from its seed at its next use, so it draws the same numbers."""

    def __init__(self, seed: np.ndarray):
        self._seed = seed
        self._made: list[np.random.Generator | None] = [None] * len(seed)

    def __len__(self) -> int:
        return len(self._made)

    def __getitem__(self, i: int) -> np.random.Generator:
        found = self._made[i]
        if found is None:
            found = self._made[i] = np.random.default_rng([int(self._seed[i]), 7])
        return found

    def __setitem__(self, i: int, rng: np.random.Generator | None) -> None:
        self._made[i] = rng


def reference_policy(policy: Policy, name: str) -> BatchPolicy:
    """A policy without a batch form, asked per game at a table around the lent state (the
    same `Seat` and palette it gets from `drive`): exact, and as slow as the reference."""

    def choose(bc: BatchCase, bs: BatchState, idx: np.ndarray, turn: Turn,
               slots: Slots) -> Chosen:
        moves = []
        for i in idx.tolist():
            game = Game.around(worlds.case_of(bs, i), bs.lend(i), seed=int(slots.seed[i]),
                               moves=slots.moves[i], dice_key=int(slots.key[i]))
            moves.append(bot_decide(Table(game), policy, slots.rngs[i], name))
        return Chosen.of(bc, moves)

    return choose


def batch_policy(name: str, fn: Policy | None = None) -> BatchPolicy | None:
    """The batch form of a built-in policy, or None if it has none: the skilled player and
    its variants (engine.batch.bots) and the simple players (engine.batch.probes) by name,
    and `bots.varied` players by their variety."""
    from faultlines.engine.batch import bots, probes

    if name in bots.WALKS and fn is None:
        return lambda bc, bs, idx, turn, slots: bots.play(name, bc, bs, idx, turn.moves, turn)
    probe = probes.probe_named(name) if fn is None else None
    if probe is not None:
        return lambda bc, bs, idx, turn, slots: probe(bc, bs, idx, turn.moves, turn,
                                                      slots.rngs)
    variety = getattr(fn, "variety", None)
    if variety is not None:
        return lambda bc, bs, idx, turn, slots: bots.varied(bc, bs, idx, turn.moves, turn,
                                                            variety, slots.rngs)
    return None


def play(case: Case, policy: str, seeds: Sequence[int], *, difficulty: str = "standard",
         slots: int = DEFAULT_SLOTS, digests: bool = False, reference_bot: bool = False,
         max_moves: int = MAX_MOVES, done: Callable[[Played], None] | None = None
         ) -> list[Played]:
    """Play one game of `policy` from each seed; results in the seeds' order. A policy
    without a batch form (or with `reference_bot`) is asked per game."""
    return play_from(case, policy, [Start(int(s)) for s in seeds], difficulty=difficulty,
                     slots=slots, digests=digests, reference_bot=reference_bot,
                     max_moves=max_moves, done=done)


def play_from(case: Case, policy: str | tuple[str, Policy], starts: Sequence[Start], *,
              difficulty: str = "standard", slots: int = DEFAULT_SLOTS,
              digests: bool = False, reference_bot: bool = False,
              max_moves: int = MAX_MOVES, done: Callable[[Played], None] | None = None
              ) -> list[Played]:
    """Play each start to the end with `policy` (a built-in name, or (name, function) for
    a policy not looked up by name); results in the starts' order. A first move the rules
    refuse raises IllegalMove, as `Table.choose` does."""
    memory.keep_freed_memory()  # each step's arrays reused, not mapped afresh (memory.py)
    name, fn = policy if isinstance(policy, tuple) else (policy, None)
    chooser = None if reference_bot else batch_policy(name, fn)
    if chooser is None:
        chooser = reference_policy(fn or policy_named(name), name)
    runner = _Runner(batch_case(case), chooser, difficulty, min(slots, max(1, len(starts))),
                     digests, max_moves, any(s.world is not None for s in starts))
    out: list[Played | None] = [None] * len(starts)
    for k, played in runner.run(enumerate(starts)):
        out[k] = played
        if done is not None:
            done(played)
    return [p for p in out if p is not None]


class _Runner:
    def __init__(self, bc: BatchCase, chooser: BatchPolicy, difficulty: str, g: int,
                 digests: bool, max_moves: int, in_worlds: bool = False):
        self.bc, self.chooser, self.difficulty = bc, chooser, difficulty
        self.bs = worlds.empty(bc, g) if in_worlds else empty(bc, g)
        self.slots = Slots(g)
        self.digests, self.max_moves = digests, max_moves
        self._end_round = bc.move_kinds.index("end_round")

    def run(self, queue: Iterable[tuple[int, int]]) -> Iterable[tuple[int, Played]]:
        queue = iter(queue)
        self._fill(np.arange(self.bs.g), queue)
        while True:
            live = np.flatnonzero(self.slots.seed >= 0)
            if not len(live):
                return
            self._step(live)
            over = live[(self.bs.outcome[live] >= 0) | (self.slots.made[live] >= self.max_moves)]
            yield from self._results(over)
            self._fill(over, queue)

    def _fill(self, free: np.ndarray, queue) -> None:
        """The next starts into the free slots (a slot left empty when they run out)."""
        s, bs = self.slots, self.bs
        fresh, seeds = [], []
        placed: dict[int, tuple[GameState, list[int]]] = {}  # one state, many rollouts
        lands: list[tuple[int, Case]] = []  # slot, its world (a batch that has them)
        for i in free.tolist():
            nxt = next(queue, None)
            if nxt is None:
                s.seed[i] = -1
                continue
            s.order[i], start_at = nxt
            s.seed[i], s.illegal[i] = start_at.seed, 0
            s.key[i] = start_at.seed if start_at.key is None else start_at.key
            s.rngs[i] = None  # made from the seed when first asked for
            s.first.pop(i, None)
            if bs.cases is not None:
                lands.append((i, start_at.world or self.bc.case))
            if start_at.state is None:
                s.moves[i], s.made[i] = [], 0
                fresh.append(i)
                seeds.append(start_at.seed)
                continue
            placed.setdefault(id(start_at.state), (start_at.state, []))[1].append(i)
            s.moves[i], s.drawn[i] = list(start_at.moves), start_at.drawn
            s.made[i] = len(start_at.moves)
            if start_at.first is not None:
                s.first[i] = start_at.first
        for st, slots in placed.values():
            bs.put_many(np.array(slots, np.int64), st)
        for i, world in lands:  # before a new game starts: its scenario events read it
            worlds.put(bs, np.array([i]), world)
        games = np.array(fresh, np.int64)
        s.drawn[games] = start(self.bc, self.bs, games, s.key[games],
                               self.difficulty, self._scripts)

    def _scripts(self, counters: Counters, move_index: np.ndarray) -> BatchScripts:
        return BatchScripts(self.bc, counters, self.slots.moves, move_index)

    def _results(self, over: np.ndarray) -> Iterable[tuple[int, Played]]:
        """The finished games in slots `over`, each with its place in the run."""
        bs, s = self.bs, self.slots
        names = [*self.bc.outcomes, "unfinished"]  # code -1: still going at MAX_MOVES
        rows = over.tolist()
        for i, order, seed, code, illegal, drawn in zip(
                rows, s.order[over].tolist(), s.seed[over].tolist(),
                bs.outcome[over].tolist(), s.illegal[over].tolist(), s.drawn[over].tolist(),
                strict=True):
            digest = bs.unpack(i).digest() if self.digests else None
            yield order, Played(seed=seed, outcome=names[code], made=tuple(s.moves[i]),
                                illegal=illegal, drawn=drawn, digest=digest)

    def _step(self, idx: np.ndarray) -> None:
        bc, bs, s = self.bc, self.bs, self.slots
        g = bs.g
        move_index = np.zeros(g, np.int64)
        move_index[idx] = s.made[idx]
        counters = Counters(key=s.key.copy(), slot=np.zeros(g, np.int64))
        turn = Turn(move_index=move_index, counters=counters, moves=s.moves,
                    scripts=BatchScripts(bc, counters, s.moves, move_index))
        ch = self._choose(idx, turn)
        cost = np.zeros(len(idx), np.int64)
        groups = by_kind(ch)
        for k, rows in groups:
            cost[rows] = form(bc.move_kinds[k]).cost(bc, bs, idx[rows], ch.take(rows))
        _record(bc, ch, idx, s.moves)
        s.made[idx] += 1
        bs.capacity[idx] -= cost
        bs.moves_made[idx] += 1
        month_end = np.zeros(g, bool)
        for k, rows in groups:
            kind, games = bc.move_kinds[k], idx[rows]
            if kind in TIME_MOVES:
                bs.stage_uses[games, k] += 1
                mask = np.zeros(g, bool)
                mask[games] = True
                if kind == "end_round":
                    end_round(bc, bs, mask, turn)
                else:  # the stage's last events, then the decision: it reads the stances
                    # the policy's radar worked out on this state where no event changed it
                    known = None if ch.seen is None else KnownStances(games, ch.seen[rows])
                    fire_before_deciding(turn, bs, games, known)
                    decide(bc, bs, mask, turn, known=known)
                continue
            form(kind).apply(bc, bs, games, ch.take(rows), turn)
            bs.stage_uses[games, k] += 1
            month_end[games] = ((bs.outcome[games] < 0) & (bs.capacity[games] <= 0)
                                & (bs.stage[games] != bc.hiatus))
        if month_end.any():
            end_round(bc, bs, month_end, turn)
        s.drawn[idx] += counters.slot[idx]

    def _choose(self, idx: np.ndarray, turn: Turn) -> Chosen:
        """The policy's moves (a refused one played as the month's end), and the first
        moves of rollouts where they are still to play (never refused: they raise)."""
        s = self.slots
        forced = [i for i in idx.tolist() if i in s.first]
        if not forced:
            return self._refuse_illegal(idx, self.chooser(self.bc, self.bs, idx, turn, s), turn)
        rows = np.isin(idx, forced)
        firsts = Chosen.of(self.bc, [s.first.pop(i) for i in idx[rows].tolist()])
        for k, r in by_kind(firsts):
            ok = form(self.bc.move_kinds[k]).legal(self.bc, self.bs, idx[rows][r],
                                                     firsts.take(r), turn)
            if not ok.all():
                move = firsts.move(self.bc, int(r[np.flatnonzero(~ok)[0]]))
                raise IllegalMove(f"the first move {move.to_dict()} cannot be made there")
        parts = [(np.flatnonzero(rows), firsts)]
        if not rows.all():
            rest = idx[~rows]
            parts.append((np.flatnonzero(~rows), self._refuse_illegal(
                rest, self.chooser(self.bc, self.bs, rest, turn, s), turn)))
        return _merge(len(idx), parts)

    def _refuse_illegal(self, idx: np.ndarray, ch: Chosen, turn: Turn) -> Chosen:
        """A choice the rules refuse is played as the end of the round (bots.drive)."""
        bc, bs = self.bc, self.bs
        ok = np.ones(len(idx), bool)
        # rows the policy's walk found legal on this very state are not asked again
        ask = ch if ch.proven is None else ch.take(np.flatnonzero(~ch.proven))
        at = np.arange(len(idx)) if ch.proven is None else np.flatnonzero(~ch.proven)
        for k, rows in by_kind(ask) if len(at) else ():
            ok[at[rows]] = form(bc.move_kinds[k]).legal(bc, bs, idx[at[rows]],
                                                         ask.take(rows), turn)
        if ok.all():
            return ch
        bad = np.flatnonzero(~ok)
        self.slots.illegal[idx[bad]] += 1
        kind, none = ch.kind.copy(), np.full(len(idx), -1, np.int64)
        kind[bad] = self._end_round
        keep = lambda a: np.where(ok, a, none)  # noqa: E731
        return Chosen(kind, keep(ch.target), keep(ch.other), keep(ch.component), keep(ch.mode),
                      seen=ch.seen)


def _record(bc: BatchCase, ch: Chosen, idx: np.ndarray,
            moves: list[list[dict[str, Any]]]) -> None:
    """Game idx[r]'s move, row r of `ch`, appended to its moves as `Move.to_dict` writes
    it (kind, then the parameters given), made from the codes directly: every game's move
    is recorded every step. Each distinct move's dict is made once and shared by every
    game that plays it: the rules only read a game's moves, and `Played.moves` copies
    them for whoever takes a finished game away."""
    found = bc.scratch.get("move_dicts")
    if found is None:
        found = bc.scratch["move_dicts"] = (_MoveCodes(bc), {})
    codes, made = found
    played = codes.of(ch).tolist()
    for code in set(played).difference(made):
        made[code] = codes.as_dict(code)
    # each game's list gets its record: the loop runs in C (deque drops what append returns)
    deque(map(list.append, map(moves.__getitem__, idx.tolist()),
              map(made.__getitem__, played)), maxlen=0)


class _MoveCodes:
    """A move's five codes as one int (each code + 1 a digit of its own base), and that
    int as the dict `Move.to_dict` writes."""

    def __init__(self, bc: BatchCase):
        self.kinds, self.people, self.comps = bc.move_kinds, bc.people, bc.components
        self.modes = [MOVE_TYPES[k].modes for k in bc.move_kinds]
        n = len(self.people) + 1
        self.bases = (n, n, len(self.comps) + 1, max(map(len, self.modes), default=0) + 1)

    def of(self, ch: Chosen) -> np.ndarray:
        code = np.asarray(ch.kind, np.int64)
        for part, base in zip((ch.target, ch.other, ch.component, ch.mode), self.bases,
                              strict=True):
            code = code * base + (np.asarray(part, np.int64) + 1)
        return code

    def as_dict(self, code: int) -> dict[str, Any]:
        digits = []
        for base in reversed(self.bases):
            code, digit = divmod(code, base)
            digits.append(digit - 1)
        m, c, o, t = digits
        d: dict[str, Any] = {"kind": self.kinds[code]}
        if t >= 0:
            d["target"] = self.people[t]
        if o >= 0:
            d["other"] = self.people[o]
        if c >= 0:
            d["component"] = self.comps[c]
        if m >= 0:
            d["mode"] = self.modes[code][m]
        return d


def _merge(k: int, parts: list[tuple[np.ndarray, Chosen]]) -> Chosen:
    """Rows of several `Chosen` put together in the order `parts` says."""
    out = Chosen.unset(k)
    for rows, ch in parts:
        out.put(rows, ch)
    return out


__all__ = ["DEFAULT_SLOTS", "Played", "Slots", "Start", "batch_policy", "play", "play_from",
           "reference_policy"]
