"""One game being played in the window: the engine's Game plus what the window adds
around it (practice-mode undo, the autosave after every move, a cached PlayerView).

This is the only place the window calls `Game.play`; it builds no rules of its own.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from engine.case import Case, load_case
from engine.errors import IllegalMove, SaveError
from engine.events import Event
from engine.game import Game, replay
from engine.moves import Move
from engine.view import PlayerView, build_view
from game.saves import AUTOSAVE, SaveStore


@lru_cache(maxsize=16)
def cached_case(ref: str) -> Case:
    """Scenario files are parsed and validated once per run (a Case is read-only)."""
    return load_case(ref)


class Session:
    def __init__(self, game: Game, *, scenario_ref: str, practice: bool = False,
                 store: SaveStore | None = None):
        self.game = game
        self.scenario_ref = scenario_ref
        self.practice = practice
        self.store = store
        self._view: PlayerView | None = None

    # -- construction ------------------------------------------------------------------
    @classmethod
    def new(cls, scenario_ref: str, *, seed: int, difficulty: str, practice: bool = False,
            store: SaveStore | None = None) -> Session:
        game = Game(cached_case(scenario_ref), seed=seed, difficulty=difficulty)
        s = cls(game, scenario_ref=scenario_ref, practice=practice, store=store)
        s.autosave()
        return s

    @classmethod
    def load(cls, store: SaveStore, slot: str | int) -> Session:
        """Rebuild a saved game; raises SaveError with a message for the player."""
        data = store.read(slot)
        meta: dict[str, Any] = data.get("meta") or {}
        ref = str(meta.get("scenario_ref") or data.get("scenario") or "")
        try:
            case = cached_case(ref)
        except Exception as exc:  # a scenario file that has gone or broken since
            raise SaveError(f"the scenario {ref!r} cannot be loaded: {exc}") from None
        game = Game.from_save(case, data)
        return cls(game, scenario_ref=ref, practice=bool(meta.get("practice")), store=store)

    # -- reading -----------------------------------------------------------------------
    @property
    def case(self) -> Case:
        return self.game.case

    @property
    def view(self) -> PlayerView:
        if self._view is None:
            self._view = build_view(self.game)
        return self._view

    @property
    def over(self) -> bool:
        return self.game.over

    def check(self, move: Move) -> str | None:
        return self.game.check(move)

    # -- acting ------------------------------------------------------------------------
    def play(self, move: Move) -> list[Event]:
        """Play one move (raises IllegalMove with the reason) and autosave."""
        events = self.game.play(move)
        self._view = None
        self.autosave()
        return events

    def can_undo(self) -> str | None:
        """None if undo is possible, else why not (in the player's words)."""
        if not self.practice:
            return "Undo is only available in practice mode (choose it when starting a game)."
        if not self.game.moves:
            return "There is no move to undo yet."
        return None

    def undo(self) -> None:
        if self.can_undo() is not None:
            raise IllegalMove(self.can_undo() or "")
        log = self.game.log()
        self.game = replay(self.case, log, upto=len(log["moves"]) - 1)
        self._view = None
        self.autosave()

    def autosave(self) -> None:
        if self.store is not None:
            try:
                self.store.write(AUTOSAVE, self.game, scenario_ref=self.scenario_ref,
                                 practice=self.practice)
            except OSError:
                pass  # a full disk must not end the game; manual saves report errors

    def save(self, slot: int) -> None:
        if self.store is None:
            raise SaveError("no save folder")
        self.store.write(slot, self.game, scenario_ref=self.scenario_ref,
                         practice=self.practice)
