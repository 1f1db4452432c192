"""Replaying a log to see what the log does not store: each person's stance contributions
at the moment every forum decided (so the debrief can say why someone blocked).

Same scenario + seed + moves gives the same game, so a replay whose per-round history
matches the log's is the game that was played; if it does not match (the scenario file has
changed since), the debrief says so and leaves these explanations out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from faultlines.engine.case import Case
from faultlines.engine.errors import IllegalMove
from faultlines.engine.events import Event
from faultlines.engine.game import Game
from faultlines.engine.moves import move_from_dict
from faultlines.engine.stance import Stances


class _TracingGame(Game):
    """A Game that notes the stances each time a forum decides (it changes no rule)."""

    def __init__(self, case: Case, **kwargs: Any):
        self.decision_stances: list[Stances] = []
        super().__init__(case, **kwargs)

    def decide(self) -> list[Event]:
        self.decision_stances.append(self.stances())
        return super().decide()


@dataclass(frozen=True, kw_only=True)
class Trace:
    ok: bool
    reason: str
    decisions: list[Stances]


def trace(case: Case, log: dict[str, Any]) -> Trace:
    try:
        game = _TracingGame(case, seed=log["seed"], difficulty=log.get("difficulty", "standard"))
        for d in log["moves"]:
            game.play(move_from_dict(d))
    except (IllegalMove, ValueError, TypeError, KeyError) as exc:
        return Trace(ok=False, reason=f"the moves no longer replay ({exc})", decisions=[])
    if game.state.history != log.get("history"):
        return Trace(ok=False, reason="replaying the moves on the installed scenario gives a "
                     "different game (the scenario has changed since)", decisions=[])
    return Trace(ok=True, reason="", decisions=game.decision_stances)
