"""The player's view with nothing hidden, for discussing a replayed game: each person's
true stance and every named contribution to it, their drivers, values, interests, stakes
and trust. In play these stay hidden until listening reveals them (the "political
radar"); in a debrief what the player could not see is often the lesson.

It fills the same PlayerView fields `engine.view.build_view` fills for revealed people,
from the engine's own numbers; it decides nothing.
"""

from __future__ import annotations

from dataclasses import replace

from engine.domain import CONTRIBUTIONS, RS, VALUE_AXES
from engine.game import Game
from engine.view import PlayerView


def revealed_view(view: PlayerView, game: Game) -> PlayerView:
    case, st = game.case, game.state
    stances = game.stances()
    parts = {name: stances.part(name) for name in CONTRIBUTIONS}
    stakes = case.stakes + st.stake_mod
    people = []
    for i, p in enumerate(view.people):
        s = case.scenario.stakeholders[i]
        people.append(replace(
            p, estimate=float(stances.total[i]), uncertainty=0.0, revealed=1.0,
            trust=float(st.trust[i]), drivers=s.drivers, history=s.history,
            values={a: float(case.values[i, k]) for k, a in enumerate(VALUE_AXES)},
            interests={r: float(case.interests[i, k]) for k, r in enumerate(RS)},
            stakes={c: float(stakes[i, j]) for j, c in enumerate(case.components)},
            why=[(name, float(parts[name][i])) for name in CONTRIBUTIONS]))
    return replace(view, people=people)
