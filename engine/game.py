"""One game: a scenario, a seeded generator, the state, and the single function that
advances it (`play`). Same scenario + seed + moves gives the same game.

The rules live elsewhere: moves (engine.moves) and the stage flow (engine.flow) are
functions of a narrow `MoveContext`; this class only keeps the record (moves, events) and
explains who moved after each step. Hosts reach it through `engine.table.Table`.
"""

from __future__ import annotations

import weakref
from typing import Any

import numpy as np
from faultlines.engine import flow
from faultlines.engine.case import Case
from faultlines.engine.context import MoveContext, StanceCache, forum_of
from faultlines.engine.draws import COUNTER, LEGACY, SETUP_MOVE, CounterDice, Dice, LegacyDice
from faultlines.engine.errors import IllegalMove, SaveError
from faultlines.engine.events import Event
from faultlines.engine.history import collect
from faultlines.engine.moves import Move, move_from_dict
from faultlines.engine.records import (
    APP_VERSION,
    LOG_FORMAT,
    LOG_VERSION,
    SAVE_FORMAT,
    SAVE_VERSION,
    validate_save,
)
from faultlines.engine.stance import NAMES, Stances
from faultlines.engine.state import GameState, initial_state

HIATUS, OUTCOME = flow.HIATUS, flow.OUTCOME
SHIFT_AT = 0.04  # a stance change smaller than this is not worth a line in the transcript
TIME_MOVES = ("end_round", "call_decision")
#: Events of a round's end that can move the director's credibility, named as its reason
STANDING_CAUSES: dict[str, Any] = {
    "decision": {"passed": "the forum agreed", "failed": "the forum did not agree",
                 "blocked": "the decision was blocked",
                 "standoff": "the decision is stuck in a stand-off"},
    "exposure": "the consultation was exposed as a rubber stamp",
    "hiatus": "the work went into a hiatus"}


class Game:
    """The model of one playthrough (Mesa-style: state here, agents' stances derived)."""

    def __init__(self, case: Case, *, seed: int, difficulty: str = "standard",
                 explain: bool = True, dice: str = COUNTER, dice_key: int | None = None,
                 _restore: dict | None = None):
        """`explain=False` skips the per-move stance-shift events (and the stance work they
        need): for bulk simulation, where nobody reads them. The state, and so every outcome,
        is identical; `replay` of the log regenerates the explained events exactly.

        `dice` names how random draws are made (engine.draws): counter-based, named by
        (`dice_key`, move, slot) with the key the seed unless a rollout gives its own, or
        the older engines' PCG64 stream, kept so their logs and saves play as they did."""
        if dice not in (COUNTER, LEGACY):
            raise ValueError(f"unknown dice {dice!r}")
        self.case = case
        self.seed = int(seed)
        self.explain = explain
        self.difficulty = difficulty
        self.dice_kind = dice
        self.dice_key = self.seed if dice_key is None else int(dice_key)
        self.drawn = 0  # counter draws made so far (a save records it; so does a rollout)
        self.rng = np.random.default_rng(self.seed) if dice == LEGACY else None
        self.moves: list[dict[str, Any]] = []
        self.events: list[Event] = []
        self._cache = StanceCache(case)
        self.watch = None  # an observer for the debrief's trace (see MoveContext.watch)
        if _restore is not None:
            self._adopt(GameState.from_dict(_restore["state"]))
            if self.rng is not None:
                self.rng.bit_generator.state = _restore["rng"]
            else:
                self.drawn = int(_restore["dice"].get("drawn", 0))
            self.moves = list(_restore["moves"])
            self.events = [Event.from_dict(e) for e in _restore["events"]]
            return
        setup = self._dice(SETUP_MOVE)
        self._adopt(initial_state(case, setup, difficulty))
        self.state.capacity_max = self.state.capacity
        ctx = self._context(SETUP_MOVE, setup)
        flow.enter(ctx, self.state.stage, fresh=True)
        flow.snapshot(ctx)
        self._count(setup)
        self.events += ctx.events

    @classmethod
    def around(cls, case: Case, state: GameState, *, seed: int, moves: list[dict[str, Any]],
               dice_key: int | None = None) -> Game:
        """A game around a state it does not own, for reading and checking only (a batch
        engine's per-game seams hand a bot a table this way): never `play` it, as its state
        is not registered with the stage machine."""
        game = cls.__new__(cls)
        game.case, game.seed, game.explain = case, int(seed), False
        game.difficulty, game.dice_kind = state.difficulty, COUNTER
        game.dice_key = game.seed if dice_key is None else int(dice_key)
        game.drawn, game.rng, game.moves, game.events = 0, None, moves, []
        game._cache, game.watch, game.state = StanceCache(case), None, state
        return game

    def trial(self) -> Game:
        """A copy to try a move on and throw away (a bot thinking a move ahead): the same
        state, moves and dice, so the move plays out exactly as it would here; no events
        and no stance-shift explanations (nobody reads a trial's story)."""
        game = Game.around(self.case, self.state.copy(), seed=self.seed,
                           moves=list(self.moves), dice_key=self.dice_key)
        game.dice_kind, game.drawn = self.dice_kind, self.drawn
        if self.rng is not None:
            game.rng = np.random.default_rng()
            game.rng.bit_generator.state = self.rng.bit_generator.state
        game._adopt(game.state)  # unlike `around`, a trial is played
        return game

    def _adopt(self, state: GameState) -> None:
        """Make `state` this game's state, registered with the case's stage machine (and
        released from it when the game is gone)."""
        machine = flow.flow_for(self.case)
        self.state = machine.bind(state)
        weakref.finalize(self, machine.release, state)
        self._cache.invalidate()

    def _dice(self, move_index: int) -> Dice:
        """The dice of one move: counter-based draws named by that move (or, for an older
        log, the one stream the whole game draws from)."""
        if self.rng is not None:
            return LegacyDice(self.rng)
        return CounterDice(self.dice_key, move_index)

    def _count(self, dice: Dice) -> None:
        if isinstance(dice, CounterDice):
            self.drawn += dice.slot

    def _context(self, move_index: int, dice: Dice | None = None) -> MoveContext:
        return MoveContext(case=self.case, state=self.state,
                           dice=dice if dice is not None else self._dice(move_index),
                           moves=self.moves, stance_cache=self._cache,
                           move_index=move_index, watch=self.watch)

    # -- reading -------------------------------------------------------------------
    @property
    def stage(self):
        """The current (while paused or once over: the last) stage's authored definition."""
        return self.case.stage(self.state.stage_at)

    @property
    def over(self) -> bool:
        return self.state.outcome is not None

    @property
    def history(self) -> list[dict[str, Any]]:
        """The per-round record, collected from the event stream."""
        return collect(self.events)

    def stances(self) -> Stances:
        return self._cache.get(self.state)

    def forum(self) -> np.ndarray:
        """Who decides at this stage (during a briefing: who decides at the next one)."""
        return forum_of(self.case, self.state)

    def check(self, move: Move) -> str | None:
        return move.check(self._context(len(self.moves)))

    # -- advancing -----------------------------------------------------------------
    def play(self, move: Move) -> list[Event]:
        """Validate and apply one move; raise IllegalMove with the reason if it cannot."""
        ctx = self._context(len(self.moves))
        reason = move.check(ctx)
        if reason is not None:
            raise IllegalMove(reason)
        st = self.state
        before = self.stances() if self.explain else None
        self.moves.append(move.to_dict())
        cost = move.cost(ctx)
        st.capacity -= cost
        st.moves_made += 1
        ctx.events.append(ctx.event("act", move.describe(ctx), move_kind=move.kind,
                                    params=move.to_dict(), family=move.family, cost=cost))
        standing = st.credibility
        if move.kind in TIME_MOVES:
            st.stage_uses[move.kind] = st.stage_uses.get(move.kind, 0) + 1
            ctx.events.extend(move.apply(ctx))  # the calendar or a decision moves people
            ctx.changed()
            ctx.events.extend(self._shifts(ctx, before, cause="calendar"))
            ctx.events.extend(self._standing(ctx, standing, cause="calendar"))
        else:
            ctx.events.extend(move.apply(ctx))
            # counted after it acted, so a move that weakens with use sees its earlier uses
            st.stage_uses[move.kind] = st.stage_uses.get(move.kind, 0) + 1
            ctx.changed()
            ctx.events.extend(self._shifts(ctx, before, cause="move"))  # the move itself
            ctx.events.extend(self._standing(ctx, standing, cause="move", why=move.label))
            standing = st.credibility
            if st.outcome is None and st.capacity <= 0 and st.stage != HIATUS:
                settled = self.stances() if self.explain else before
                flow.end_round(ctx)
                ctx.changed()  # stage entry, events and exposure move people too
                ctx.events.extend(self._shifts(ctx, settled, cause="calendar"))
                ctx.events.extend(self._standing(ctx, standing, cause="calendar"))
        self._count(ctx.dice)
        self.events += ctx.events
        return ctx.events

    def _shifts(self, ctx: MoveContext, before: Stances | None, *, cause: str
                ) -> list[Event]:
        """Who moved, by how much and why; `cause` says whether the move itself did it or
        what followed it (a new round, a decision, a stage's events)."""
        if not self.explain or before is None:
            return []
        after = self.stances()
        delta = after.total - before.total
        out: list[Event] = []
        moved = np.flatnonzero(np.abs(delta) >= SHIFT_AT)
        if not len(moved):
            return out
        diffs = (after.matrix[:, moved] - before.matrix[:, moved]).T.tolist()
        for col, i in enumerate(moved):
            parts = {k: v for k, v in zip(NAMES, diffs[col], strict=True) if abs(v) >= 0.005}
            sid = self.case.ids[i]
            out.append(ctx.event(
                "shift", f"{self.case.name(sid)}: {before.total[i]:+.2f} -> {after.total[i]:+.2f}",
                target=sid, before=float(before.total[i]), after=float(after.total[i]),
                why=parts, cause=cause))
        return out

    def _standing(self, ctx: MoveContext, before: float, *, cause: str,
                  why: str | None = None) -> list[Event]:
        """A change of the director's credibility with its reason, so every shell can say
        why it moved: the move itself, or what the round's end brought (a decision, an
        exposure). Like `_shifts`, only when the game explains itself."""
        after = self.state.credibility
        if not self.explain or abs(after - before) < 0.005:
            return []
        if why is None:
            causes = [STANDING_CAUSES[e.kind].get(e.data.get("result"), "")
                      if e.kind == "decision" else STANDING_CAUSES[e.kind]
                      for e in ctx.events if e.kind in STANDING_CAUSES]
            causes = list(dict.fromkeys(c for c in causes if c))
            why = (" and ".join(causes) if causes else "the round's end") + "."
        else:
            why = f"your move, {why[0].lower()}{why[1:]}."
        verb = "rises" if after > before else "falls"
        return [ctx.event("credibility", f"Your credibility {verb} from {before:.2f} to "
                          f"{after:.2f}: {why}", before=float(before), after=float(after),
                          cause=cause, why=why)]

    # -- logs, replay, saves -----------------------------------------------------------
    def log(self) -> dict[str, Any]:
        sc = self.case.scenario
        return {"format": LOG_FORMAT, "version": LOG_VERSION, "app_version": APP_VERSION,
                "scenario": sc.id, "scenario_version": sc.version,
                "scenario_sha256": self.case.source.sha256, "seed": self.seed,
                "dice": self.dice_kind,
                "difficulty": self.difficulty, "moves": list(self.moves),
                "outcome": self.state.outcome}

    def full_log(self, *, abandoned: bool = False) -> dict[str, Any]:
        """The log plus everything a debrief needs: events, per-round history, outcome."""
        st = self.state
        return {**self.log(), "scenario_embedded": self.case.source.embedded,
                "abandoned": abandoned and st.outcome is None,
                "outcome_reasons": list(st.outcome_reasons),
                "events": [e.to_dict() for e in self.events], "history": self.history,
                "final": {"credibility": st.credibility, "calendar": st.calendar,
                          "ambition": st.ambition.tolist(), "passed": list(st.passed),
                          "consultation": st.consultation, "exposed": st.exposed}}

    def digest(self) -> str:
        return self.state.digest()

    def to_save(self) -> dict[str, Any]:
        return {**self.log(), "format": SAVE_FORMAT, "version": SAVE_VERSION,
                "scenario_embedded": self.case.source.embedded, "state": self.state.to_dict(),
                **self._dice_record(), "events": [e.to_dict() for e in self.events]}

    def _dice_record(self) -> dict[str, Any]:
        """Where the dice are: for counter draws, the key and how many were drawn (the
        draws themselves need only the move index); for older games, PCG64's position."""
        if self.rng is not None:
            return {"dice": {"kind": LEGACY}, "rng": self.rng.bit_generator.state}
        return {"dice": {"kind": COUNTER, "key": self.dice_key, "drawn": self.drawn}}

    @classmethod
    def from_save(cls, case: Case, data: dict[str, Any]) -> Game:
        data = validate_save(data, "the save")
        if data.get("scenario") != case.scenario.id:
            raise SaveError(f"the save is for scenario {data.get('scenario')!r}, "
                            f"not {case.scenario.id!r}")
        try:
            dice = data["dice"]
            return cls(case, seed=data["seed"], difficulty=data["difficulty"],
                       dice=dice["kind"], dice_key=dice.get("key"), _restore=data)
        except (KeyError, TypeError, ValueError) as exc:
            raise SaveError(f"the save is damaged: {exc}") from None


def replay(case: Case, log: dict[str, Any], upto: int | None = None) -> Game:
    """Rebuild a game from its log (optionally only its first `upto` moves)."""
    if log.get("scenario") != case.scenario.id:
        raise SaveError(f"the log is for scenario {log.get('scenario')!r}")
    game = Game(case, seed=log["seed"], difficulty=log.get("difficulty", "standard"),
                dice=log.get("dice", COUNTER))
    for d in log["moves"][:upto]:
        game.play(move_from_dict(d))
    return game


__all__ = ["Game", "HIATUS", "OUTCOME", "replay"]
