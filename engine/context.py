"""What a rule may read and change while it runs: the narrow context a move, a scenario
event or the stage flow receives instead of the whole game.

A rule is a function of (compiled case, state, dice) that returns events; the
context bundles exactly those, plus the player's earlier moves, a cache of the derived
stances, and a way to emit events. It never hands out the `Game`, so no rule can reach the
log, the saves or the shells, and `engine/` has no import circle.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np
from faultlines.engine.draws import Dice
from faultlines.engine.events import Event
from faultlines.engine.stance import Stances, compute
from faultlines.engine.tuning import TUNING

if TYPE_CHECKING:
    from faultlines.engine.case import Case
    from faultlines.engine.state import GameState


class StanceCache:
    """Stances are derived from the state; compute them once until something changes."""

    def __init__(self, case: Case):
        self.case = case
        self._value: Stances | None = None
        self._of: GameState | None = None

    def get(self, state: GameState) -> Stances:
        if self._value is None or self._of is not state:
            self._value, self._of = compute(self.case, state), state
        return self._value

    def invalidate(self) -> None:
        self._value = None


@dataclass
class MoveContext:
    """One step of play: read the case and state, change the state, emit events.

    `move_index` is the index of the move being played (-1 for the briefing), recorded on
    every event so the debrief can tell what a move caused from what the calendar did.
    """

    case: Case
    state: GameState
    #: the random draws of this move (engine.draws): named by the move, not by a stream
    dice: Dice
    moves: list[dict[str, Any]]
    stance_cache: StanceCache
    move_index: int = -1
    events: list[Event] = field(default_factory=list)
    #: an observer of moments the event stream does not carry in full (the stances at the
    #: instant a forum decides, for the debrief's "why did they block?"); changes nothing
    watch: Callable[[str, Any], None] | None = None

    # -- reading -------------------------------------------------------------------
    @property
    def stage(self):
        """The current stage's authored definition (while paused or after the end: the
        stage where play stopped)."""
        return self.case.stage(self.state.stage_at)

    def stances(self) -> Stances:
        return self.stance_cache.get(self.state)

    def forum(self) -> np.ndarray:
        """Who decides at this stage (during a briefing: who decides at the next one)."""
        return forum_of(self.case, self.state)

    # -- changing ------------------------------------------------------------------
    def changed(self) -> None:
        """The state moved: stances must be derived again."""
        self.stance_cache.invalidate()

    def event(self, kind: str, text: str, **data: Any) -> Event:
        return Event(kind=kind, text=text, stage=self.state.stage_at, round=self.state.round,
                     move=self.move_index, data=data)

    def lose_standing(self, amount: float) -> None:
        """A public loss of the director's credibility; the Board's air cover absorbs part
        of it (Waring, Bishop & Roe, Negotiating Governance Arrangements)."""
        st = self.state
        if st.air_cover:
            amount *= 1.0 - TUNING.air_cover.shield
        st.credibility = max(0.0, st.credibility - amount)

    def meet_demands(self, requires: str, beneficiary: str | None) -> None:
        """Mark authored demands met by this move (e.g. a role for the provider they want)."""
        st = self.state
        st.demands = [replace(d, met=True) if d.meets(requires, beneficiary) else d
                      for d in st.demands]


def forum_of(case: Case, state: GameState) -> np.ndarray:
    """Who decides at the state's stage (during a briefing: at the next stage); a committee
    includes anyone the director has added to it."""
    stage_id = state.stage_at
    stage = case.stage(stage_id)
    if stage.kind == "briefing":
        ids = case.stage_ids
        stage_id = ids[min(ids.index(stage_id) + 1, len(ids) - 1)]
    mask = case.forums[stage_id]
    if stage.kind == "committee":
        mask = mask | state.forum_extra
    return mask
