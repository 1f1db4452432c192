"""A logged game that the replay window can show after any of its moves.

Same scenario + seed + moves gives the same game, so the game after move k is
`Table.replayed(case, log, upto=k)`. Each step is replayed once and kept (a replay takes a
few milliseconds, so stepping forward and back is instant); nothing here decides a rule.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from faultlines.engine.case import Case
from faultlines.engine.debrief import load_log, prepare_log
from faultlines.engine.errors import IllegalMove, SaveError
from faultlines.engine.events import Event
from faultlines.engine.table import Table
from faultlines.engine.view import PlayerView


@dataclass(frozen=True)
class MoveLine:
    """One move of the log as the move list shows it."""

    index: int  # 0-based; the state after it is step index + 1
    kind: str
    params: dict[str, Any]  # the move as logged: kind, target, other, component, mode
    text: str
    family: str
    stage: str  # id of the stage it was made in
    round: int
    target: str | None


class LoggedGame:
    def __init__(self, log: dict[str, Any], case: Case, *, scenario_ref: str | None = None,
                 where: str = "<log>"):
        self.log = log
        self.case = case
        self.scenario_ref = scenario_ref or log["scenario"]
        self.where = where
        self.n = len(log["moves"])
        self._tables: dict[int, Table] = {}
        final = self.game(self.n)  # a log whose moves no longer replay fails here, once
        #: False when the scenario changed since the game was played: the replay differs
        #: (compared as JSON, since a log read from a file has lists where tuples were)
        self.matches = "events" not in log or _same_events(final.events, log["events"])
        acts = {e.move: e for e in final.events if e.kind == "act"}
        self.moves = [MoveLine(index=i, kind=m["kind"], params=dict(m), text=acts[i].text if i in acts else m["kind"],
                               family=acts[i].data.get("family", "") if i in acts else "",
                               stage=acts[i].stage if i in acts else "",
                               round=acts[i].round if i in acts else 0,
                               target=m.get("target"))
                      for i, m in enumerate(log["moves"])]
        #: (stage id, first step, last step) of each stretch of the game in one stage
        self.spans: list[tuple[str, int, int]] = []
        for e in final.events:
            if e.kind == "stage" and "entered" in e.data:
                self.spans.append((e.data["entered"], e.move + 1, self.n))
        self.spans = [(sid, a, self.spans[i + 1][1] if i + 1 < len(self.spans) else self.n)
                      for i, (sid, a, _) in enumerate(self.spans)]
        #: (step after which a forum decided, result) for the timeline
        self.decisions = [(e.move + 1, str(e.data.get("result", "")))
                          for e in final.events if e.kind == "decision"]

    # -- construction ----------------------------------------------------------------------
    @classmethod
    def from_file(cls, path: str | Path) -> LoggedGame:
        """Read a game log; raises SaveError (one line naming the file) if it cannot."""
        where = str(path)
        from faultlines.game.paths import catalogue

        notes: list[str] = []
        log, case = prepare_log(load_log(path), where=where, catalogue=catalogue(), notes=notes)
        for note in notes:
            print(note, file=sys.stderr)
        return cls(log, case, where=where)

    @classmethod
    def from_table(cls, table: Table, *, scenario_ref: str | None = None) -> LoggedGame:
        """The game just played in the window (its case is already loaded)."""
        return cls(table.log(), table.case, scenario_ref=scenario_ref, where="this game")

    # -- reading ---------------------------------------------------------------------------
    def game(self, k: int) -> Table:
        """The game after its first k moves (cached: read it, never play on it)."""
        k = self.clamp(k)
        t = self._tables.get(k)
        if t is None:
            t = self._tables[k] = self._replayed(k)
        return t

    def view(self, k: int) -> PlayerView:
        return self.game(k).view

    def clamp(self, k: int) -> int:
        return min(max(0, int(k)), self.n)

    def new_events(self, k: int) -> tuple[Event, ...]:
        """The events the k-th move caused (with the calendar's, if it turned a round)."""
        if k <= 0:
            return self.game(0).events
        return self.game(k).events[len(self.game(k - 1).events):]

    def stage_at(self, k: int) -> str:
        return self.view(k).stage

    @property
    def title(self) -> str:
        return self.case.scenario.title

    # -- branching -------------------------------------------------------------------------
    def branch(self, k: int, *, practice: bool = False) -> Table:
        """A new game from step k: the same seed and first k moves, ready to play on."""
        return self._replayed(self.clamp(k), practice=practice)

    def _replayed(self, k: int, *, practice: bool = False) -> Table:
        try:
            return Table.replayed(self.case, self.log, k, practice=practice)
        except (IllegalMove, ValueError, KeyError, TypeError) as exc:
            raise SaveError(f"{self.where}: the moves do not replay on this scenario "
                            f"({exc})") from None


def _as_json(data: Any) -> Any:
    return json.loads(json.dumps(data))


#: Events that only explain a game (added in later versions): a log written before they
#: existed lacks them, and its game is still the same game.
EXPLANATIONS = ("credibility",)


def _same_events(replayed: tuple[Event, ...], logged: list[dict[str, Any]]) -> bool:
    kinds = {e.get("kind") for e in logged if isinstance(e, dict)}
    skip = {k for k in EXPLANATIONS if k not in kinds}
    return _as_json([e.to_dict() for e in replayed if e.kind not in skip]) == _as_json(logged)


__all__ = ["LoggedGame", "MoveLine"]
