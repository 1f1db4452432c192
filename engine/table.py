"""The doorway into the engine: the one small class every host uses - the window, the
terminal edition, the bots, replay and branching, and outside code.

Like ink's runtime, a host sees a tiny API: what the player can see (`view`), what they can
do (`choices`, `options` for the targeting step), and one call that advances the game
(`choose`), plus `undo`, `save`/`restore` and `log`. Hosts never enumerate moves, compute
costs, check legality or reach into the state: the rules live behind this door.
"""

from __future__ import annotations

from typing import Any

from faultlines.engine.case import Case
from faultlines.engine.choices import Choice, choices, options
from faultlines.engine.errors import IllegalMove, SaveError
from faultlines.engine.events import Event
from faultlines.engine.game import Game, replay
from faultlines.engine.moves import MOVE_TYPES, Move, malformed, move_from_dict
from faultlines.engine.records import validate_save
from faultlines.engine.savecheck import check_restorable
from faultlines.engine.view import (
    Glance,
    PlayerView,
    Radar,
    build_glance,
    build_radar,
    build_view,
)


class Table:
    """One game seen from the director's chair."""

    def __init__(self, game: Game, *, practice: bool = False):
        self._game = game
        self.practice = practice
        self._view: PlayerView | None = None

    # -- opening -------------------------------------------------------------------
    @classmethod
    def open(cls, case: Case, *, seed: int, difficulty: str = "standard",
             practice: bool = False, explain: bool = True) -> Table:
        """A new game. `explain=False` leaves out who-moved-and-why events (bulk play)."""
        return cls(Game(case, seed=seed, difficulty=difficulty, explain=explain),
                   practice=practice)

    @classmethod
    def restore(cls, case: Case, save: dict[str, Any], *, practice: bool = False) -> Table:
        """A saved game (raises SaveError with a reason for the player). A save comes from
        outside - a file, another machine - so its state is checked against the case first
        (engine.savecheck) and its moves as any logged move is."""
        if not isinstance(save, dict):
            raise SaveError("the save is not a JSON object")
        save = validate_save(save, "the save")
        if save.get("scenario") == case.scenario.id:
            check_restorable(case, save)
            for i, d in enumerate(save["moves"]):
                problem = malformed(d, case)
                if problem:
                    raise SaveError(f"the save is damaged (move {i + 1}: {problem})")
        return cls(Game.from_save(case, save), practice=practice)

    @classmethod
    def replayed(cls, case: Case, log: dict[str, Any], upto: int | None = None, *,
                 practice: bool = False) -> Table:
        """A logged game rebuilt from its seed and moves (optionally its first `upto`)."""
        return cls(replay(case, log, upto), practice=practice)

    # -- reading -------------------------------------------------------------------
    @property
    def case(self) -> Case:
        return self._game.case

    @property
    def view(self) -> PlayerView:
        """What the player can see now (recomputed only after a change)."""
        if self._view is None:
            self._view = build_view(self._game)
        return self._view

    def revealed(self) -> PlayerView:
        """Everything, hidden drivers included: for replays and debriefs, never for play."""
        return build_view(self._game, reveal=True)

    def radar(self) -> Radar:
        """The view as arrays, for bots that read every move quickly."""
        return build_radar(self._game)

    @property
    def over(self) -> bool:
        return self._game.over

    @property
    def outcome(self) -> str | None:
        return self._game.state.outcome

    @property
    def events(self) -> tuple[Event, ...]:
        return tuple(self._game.events)

    @property
    def moves(self) -> tuple[dict[str, Any], ...]:
        return tuple(self._game.moves)

    @property
    def seed(self) -> int:
        return self._game.seed

    @property
    def difficulty(self) -> str:
        return self._game.difficulty

    @property
    def history(self) -> list[dict[str, Any]]:
        return self._game.history

    def choices(self) -> list[Choice]:
        """Every move: family, cost or cost range, and why it is unavailable, if it is."""
        return choices(self._game._context(len(self._game.moves)))

    def options(self, kind: str, **chosen: str) -> dict[str, str | None]:
        """The legal values of the next parameter to choose for `kind` (value -> None, or
        the reason that value is not possible)."""
        if not isinstance(kind, str) or kind not in MOVE_TYPES:
            raise IllegalMove(f"There is no move called {kind!r:.60}.")
        params = MOVE_TYPES[kind].params
        for name, value in chosen.items():
            if name not in params or not isinstance(value, str):
                raise IllegalMove(_unknown(kind, ValueError(f"no {name} {value!r:.60} to choose")))
        return options(self._game._context(len(self._game.moves)), kind, **chosen)

    def check(self, choice: Choice | Move | str, **params: str) -> str | None:
        """None if this move can be made now, else the reason in the player's words."""
        try:
            move = self._move(choice, params)
        except IllegalMove as exc:
            return exc.reason
        return self._game.check(move)

    # -- for bots (an addition for engine.bots: the cheap public facts) ---------------
    def glance(self) -> Glance:
        """The public facts without the cards (stage, round, resources, demands...): what a
        bot reads before every move, far cheaper than `view`."""
        return build_glance(self._game)

    # -- acting --------------------------------------------------------------------
    def choose(self, choice: Choice | Move | str, **params: str) -> list[Event]:
        """Make a move and advance the game; raises IllegalMove with the player's reason."""
        move = self._move(choice, params)
        events = self._game.play(move)
        self._view = None
        return events

    def can_undo(self) -> str | None:
        """None if the last move can be taken back, else why not."""
        if not self.practice:
            return "Undo is only available in practice mode (choose it when starting a game)."
        if not self._game.moves:
            return "There is no move to undo yet."
        return None

    def undo(self) -> None:
        """Take back the last move (the game is replayed from its seed without it)."""
        why = self.can_undo()
        if why is not None:
            raise IllegalMove(why)
        log = self._game.log()
        self._game = replay(self.case, log, upto=len(log["moves"]) - 1)
        self._view = None

    # -- records -------------------------------------------------------------------
    def save(self) -> dict[str, Any]:
        return self._game.to_save()

    def trial(self) -> Table:
        """A throw-away copy of this table to try a move on (a bot looking one move ahead):
        the move plays out there exactly as it would here, and nothing here changes."""
        return Table(self._game.trial(), practice=self.practice)

    def log(self, *, abandoned: bool | None = None) -> dict[str, Any]:
        """The full game log a debrief reads (abandoned: the game is not over)."""
        return self._game.full_log(abandoned=not self.over if abandoned is None else abandoned)

    def digest(self) -> str:
        """A fingerprint of the state: same scenario + seed + moves gives the same one."""
        return self._game.digest()

    # -- internals -----------------------------------------------------------------
    @staticmethod
    def _move(choice: Choice | Move | str, params: dict[str, str]) -> Move:
        if isinstance(choice, Move):
            if params:
                raise IllegalMove("Give the move's parameters once, not twice.")
            if MOVE_TYPES.get(choice.kind) is not type(choice):
                raise IllegalMove(f"{type(choice).__name__!r:.60} is not one of this game's moves.")
            return choice
        kind = choice.kind if isinstance(choice, Choice) else choice
        if not isinstance(kind, str):
            raise IllegalMove(f"There is no move called {kind!r:.60}.")
        try:
            return move_from_dict({"kind": kind, **params})
        except (ValueError, TypeError) as exc:
            raise IllegalMove(_unknown(kind, exc)) from None


def _unknown(kind: str, exc: Exception) -> str:
    if kind not in MOVE_TYPES:
        return f"There is no move called {kind!r:.60}."
    return f"{MOVE_TYPES[kind].label}: {exc}."


__all__ = ["Choice", "Table"]
