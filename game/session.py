"""One game being played in the window: the engine's doorway (`engine.table.Table`) plus
what the window adds around it (the autosave after every move, the game log for a
facilitator, and where a "what if" branch came from).

Scenes read `session.view` and `session.table`'s public API; every move goes through
`Session.play`, which hands it to `Table.choose`. Nothing here builds a rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from faultlines.engine.case import Case, load_case
from faultlines.engine.choices import Choice
from faultlines.engine.errors import SaveError
from faultlines.engine.events import Event
from faultlines.engine.moves import Move
from faultlines.engine.table import Table
from faultlines.engine.view import PlayerView
from faultlines.game.logplace import LogPlace
from faultlines.game.paths import catalogue
from faultlines.game.report.logfiles import save_game_log
from faultlines.game.saves import AUTOSAVE, SaveStore

BARE_KEYS = ("format", "version", "scenario", "scenario_version", "seed", "difficulty",
             "moves", "outcome", "abandoned")


@lru_cache(maxsize=16)
def cached_case(ref: str) -> Case:
    """Scenario files are parsed and validated once per run (a Case is read-only); `ref`
    is an id (shipped or in the user folder) or a path the player typed."""
    return load_case(ref, catalogue())


@dataclass(frozen=True)
class BranchOrigin:
    """A branch rewound from another game: that game's log and the move it branched at
    (same seed and the same first `at` moves, so the same game up to there)."""

    log: dict[str, Any]
    at: int

    def to_meta(self) -> dict[str, Any]:
        """The seed and moves are enough to rebuild the original (same seed, same game)."""
        return {"at": self.at, "parent": {k: self.log[k] for k in BARE_KEYS if k in self.log}}

    @classmethod
    def from_meta(cls, meta: Any) -> BranchOrigin | None:
        """The origin a save names, or None if it names none or a damaged one (the game
        itself still loads; only the side-by-side comparison is lost)."""
        if not isinstance(meta, dict) or not isinstance(meta.get("parent"), dict):
            return None
        parent, at = meta["parent"], meta.get("at")
        moves = parent.get("moves")
        if not isinstance(at, int) or isinstance(at, bool) or at < 0 or \
                not isinstance(moves, list) or not all(isinstance(m, dict) for m in moves) or \
                not isinstance(parent.get("seed"), int) or \
                not isinstance(parent.get("scenario"), str):
            return None
        return cls(log=parent, at=at)


class Session:
    def __init__(self, table: Table, *, scenario_ref: str, store: SaveStore | None = None,
                 origin: BranchOrigin | None = None, log_place: LogPlace | None = None):
        self._table = table
        self.log_place = log_place or LogPlace()
        self.scenario_ref = scenario_ref
        self.store = store
        self.origin = origin
        self.log_path: Path | None = None  # the game log written for a facilitator
        self.log_error: str | None = None
        self._logged: str | None = None  # digest of the state last logged
        #: counts every change (a move, an undo): scenes redraw what they cached when it moves
        self.changes = 0
        #: the window sets this: a move's autosave waits until its frame is on screen
        #: (`flush`), so the player never waits for the disk
        self.defer_saves = False
        self.save_due = False

    # -- construction ------------------------------------------------------------------
    @classmethod
    def new(cls, scenario_ref: str, *, seed: int, difficulty: str, practice: bool = False,
            store: SaveStore | None = None, log_place: LogPlace | None = None) -> Session:
        table = Table.open(cached_case(scenario_ref), seed=seed, difficulty=difficulty,
                           practice=practice)
        s = cls(table, scenario_ref=scenario_ref, store=store, log_place=log_place)
        s.autosave()
        return s

    @classmethod
    def load(cls, store: SaveStore, slot: str | int,
             log_place: LogPlace | None = None) -> Session:
        """Rebuild a saved game; raises SaveError with a message for the player (the same
        checks the load screen made before offering it)."""
        data, meta, table = store.restore(slot)
        ref = meta.scenario_ref or data["scenario"]
        s = cls(table, scenario_ref=ref, store=store, log_place=log_place,
                origin=BranchOrigin.from_meta(meta.branch))
        if meta.log and meta.logged:
            s.log_path, s._logged = Path(meta.log), meta.logged
        return s

    # -- reading -----------------------------------------------------------------------
    @property
    def table(self) -> Table:
        """The game, through the engine's doorway (read it; play through `Session.play`
        so the autosave and the log follow)."""
        return self._table


    @property
    def case(self) -> Case:
        return self._table.case

    @property
    def practice(self) -> bool:
        return self._table.practice

    @property
    def view(self) -> PlayerView:
        return self._table.view

    @property
    def over(self) -> bool:
        return self._table.over

    def options(self, kind: str, **chosen: str) -> dict[str, str | None]:
        """The targeting step: legal values of the move's next parameter (or why not)."""
        return self._table.options(kind, **chosen)

    def check(self, choice: Choice | Move | str, **params: str) -> str | None:
        return self._table.check(choice, **params)

    # -- acting ------------------------------------------------------------------------
    def play(self, choice: Choice | Move | str, **params: str) -> list[Event]:
        """Play one move (raises IllegalMove with the reason) and autosave."""
        events = self._table.choose(choice, **params)
        self.changes += 1
        if self._table.over:
            self.keep_log()
        self._saved_later()
        return events

    def keep_log(self) -> Path | None:
        """Write the game log (finished, or abandoned when the player leaves it unfinished).

        A state already logged is not written again, so a finished game gets one log. A
        later log of the same game replaces the abandoned one written when the player left
        it, so class reports count each game once. Returns the path, or None.
        """
        t = self._table
        if not t.moves and not t.over:
            return None
        digest = t.digest()
        if digest == self._logged:
            return self.log_path
        superseded = self.log_path if self._logged is not None else None
        extra = None
        if self.origin is not None:
            extra = {"branch": {"at": self.origin.at, "how": "played in the window",
                                "parent_moves": len(self.origin.log.get("moves", []))}}
        try:
            path = save_game_log(t.log(), self.log_place.folder, player=self.log_place.player,
                                 extra=extra)
        except OSError as exc:
            self.log_error = f"The game log could not be saved: {exc.strerror or exc}"
            return None
        self.log_path, self._logged, self.log_error = path, digest, None
        self.log_place.written.add(path)
        # Only a log this window wrote itself is replaced: a path read from a save is never
        # deleted, whatever it is called (class reports count a resumed game once instead).
        if superseded is not None and superseded != path and superseded in self.log_place.written \
                and "abandoned" in superseded.name:
            try:
                superseded.unlink(missing_ok=True)
            except OSError:
                pass
        return path

    def can_undo(self) -> str | None:
        """None if undo is possible, else why not (in the player's words)."""
        return self._table.can_undo()

    def undo(self) -> None:
        """Take back the last move (practice mode; raises IllegalMove otherwise)."""
        self._table.undo()
        self.changes += 1
        self._saved_later()

    def _saved_later(self) -> None:
        if self.defer_saves:
            self.save_due = True
        else:
            self.autosave()

    def flush(self) -> None:
        """Write the autosave a move left due (after the window has shown the move)."""
        if self.save_due:
            self.autosave()

    def autosave(self) -> None:
        self.save_due = False
        if self.store is not None:
            try:
                self.store.write(AUTOSAVE, self._table, scenario_ref=self.scenario_ref,
                                 extra=self._meta())
            except OSError:
                pass  # a full disk must not end the game; manual saves report errors

    def save(self, slot: int) -> None:
        if self.store is None:
            raise SaveError("no save folder")
        self.store.write(slot, self._table, scenario_ref=self.scenario_ref, extra=self._meta())

    def _meta(self) -> dict[str, Any]:
        """What a resumed game must remember: its log (not written twice) and its origin."""
        meta: dict[str, Any] = {}
        if self.log_path is not None and self._logged is not None:
            meta.update(log=str(self.log_path), logged=self._logged)
        if self.origin is not None:
            meta["branch"] = self.origin.to_meta()
        return meta
