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
from faultlines.engine.game import Game
from faultlines.engine.moves import move_from_dict
from faultlines.engine.stance import Stances


@dataclass(frozen=True, kw_only=True)
class Trace:
    ok: bool
    reason: str
    decisions: list[Stances]


def trace(case: Case, log: dict[str, Any]) -> Trace:
    try:
        decisions: list[Stances] = []
        game = Game(case, seed=log["seed"], difficulty=log.get("difficulty", "standard"))
        game.watch = lambda what, stances: decisions.append(stances) \
            if what == "decision" else None
        for d in log["moves"]:
            game.play(move_from_dict(d))
    except (IllegalMove, ValueError, TypeError, KeyError) as exc:
        return Trace(ok=False, reason=f"the moves no longer replay ({exc})", decisions=[])
    if game.history != log.get("history"):
        return Trace(ok=False, reason="replaying the moves on the installed scenario gives a "
                     "different game (the scenario has changed since)", decisions=[])
    return Trace(ok=True, reason="", decisions=decisions)
