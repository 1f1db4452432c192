"""Moves are command objects: check, cost, apply -> events (the tcod actions pattern).

A move holds only the player's choice (kind and parameters). `check` says why it cannot
be made now, in words for the player; `apply` changes the game state and returns events
whose first line is the narrative.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from faultlines.engine.events import Event

if TYPE_CHECKING:
    from faultlines.engine.context import MoveContext as Game  # what a move may touch


_PARAM_WORDS = {"target": "person", "other": "second person", "component": "plan component",
                "mode": "mode"}
PARAMS = tuple(_PARAM_WORDS)

if TYPE_CHECKING:
    from faultlines.engine.case import Case


@dataclass(frozen=True, kw_only=True)
class Move:
    kind: ClassVar[str] = ""
    family: ClassVar[str] = ""
    label: ClassVar[str] = ""
    help: ClassVar[str] = ""
    source: ClassVar[str] = ""
    base_cost: ClassVar[int] = 1
    #: which of target / other / component / mode the move needs
    params: ClassVar[tuple[str, ...]] = ()
    once_per_stage: ClassVar[bool] = False
    #: stage kinds where the move is allowed (empty: any stage with a decision or briefing)
    stages: ClassVar[tuple[str, ...]] = ()
    modes: ClassVar[tuple[str, ...]] = ()

    target: str | None = None
    other: str | None = None
    component: str | None = None
    mode: str | None = None

    # -- the command protocol -------------------------------------------------------
    def cost(self, game: Game) -> int:
        return self.base_cost

    def costs(self, game: Game) -> tuple[int, int]:
        """The cheapest and dearest this move can be now (a mode may change its cost)."""
        if "mode" in self.params and self.mode is None and self.modes:
            each = [type(self)(mode=m).cost(game) for m in self.modes]
            return min(each), max(each)
        c = self.cost(game)
        return c, c

    def precheck(self, game: Game) -> str | None:
        """Why the move cannot be made now whoever or whatever is chosen (None: it can be,
        given suitable parameters). The move palette shows this before anything is chosen."""
        st = game.state
        if st.outcome is not None:
            return "The game is over."
        if st.stage == "hiatus" and self.kind != "end_round":
            return ("The work is paused in a hiatus: partners will not meet on the plan "
                    "until it ends. Let the months pass.")
        stage = game.stage
        if self.stages and stage.kind not in self.stages:
            where = " or ".join(s.replace("signoff", "sign-off") for s in self.stages)
            return f"{self.label} is only possible at the {where} stage."
        if self.once_per_stage and st.stage_uses.get(self.kind, 0) >= 1:
            return f"You have already used {self.label.lower()} at this stage."
        cheapest = self.costs(game)[0]
        if cheapest > st.capacity:
            return f"Needs {cheapest} team capacity; you have {st.capacity} left this round."
        problem = self._ready(game)
        if problem or self.params:
            return problem
        return self._check(game)  # a move with nothing to choose: the whole check

    def check(self, game: Game) -> str | None:
        """None if the move can be made now, else the reason in the player's words."""
        problem = self.malformed(game.case) or self.precheck(game)
        if problem:
            return problem
        cost = self.cost(game)
        if cost > game.state.capacity:
            return f"Needs {cost} team capacity; you have {game.state.capacity} left this round."
        problem = self._check_params(game)
        if problem:
            return problem
        return self._check(game)

    def apply(self, game: Game) -> list[Event]:
        raise NotImplementedError

    def _ready(self, game: Game) -> str | None:
        """Preconditions that do not depend on the chosen target, so the move palette can
        show them before anyone is chosen."""
        return None

    def _check(self, game: Game) -> str | None:
        return None

    def malformed(self, case: Case) -> str | None:
        """Why this move could never be made in this case whatever the state (a parameter
        it does not take, a value that is not a name, a person, component or mode the case
        does not have), else None. A move from outside - a plug-in policy, a log from
        another machine - is checked with this before anything reads its parameters."""
        for p in PARAMS:
            value = getattr(self, p)
            if value is None:
                continue
            if p not in self.params:
                return f"{self.label} takes no {_PARAM_WORDS[p]}."
            if not isinstance(value, str):
                return f"{self.label}: the {_PARAM_WORDS[p]} must be a name, not {value!r:.40}."
            if p in ("target", "other") and value not in case.index:
                return f"There is no stakeholder {value!r:.60}."
            if p == "component" and value not in case.comp_index:
                return f"There is no plan component {value!r:.60}."
            if p == "mode" and value not in self.modes:
                return f"{self.label} can be {' or '.join(self.modes)}."
        return None

    # -- helpers ----------------------------------------------------------------------
    def _check_params(self, game: Game) -> str | None:
        """What is still to choose (`check` has already refused a malformed move)."""
        for p in self.params:
            if getattr(self, p) is None:
                return f"Choose a {'person' if p in ('target', 'other') else p} for {self.label}."
        if "other" in self.params and self.other == self.target:
            return "Choose two different people."
        return None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"kind": self.kind}
        for p in ("target", "other", "component", "mode"):
            v = getattr(self, p)
            if v is not None:
                d[p] = v
        return d

    def describe(self, game: Game) -> str:
        bits = [self.label]
        if self.target:
            bits.append(game.case.name(self.target))
        if self.other:
            bits.append("and " + game.case.name(self.other))
        if self.component:
            comp = game.case.scenario.plan.components[game.case.comp_index[self.component]]
            bits.append(f"on {comp.name}")
        if self.mode:
            bits.append(f"({self.mode})")
        return " ".join(bits)

    # small shared effects
    def _idx(self, game: Game, sid: str | None = None) -> int:
        return game.case.index[sid or self.target]

    def _rivals(self, game: Game, i: int) -> list[int]:
        return [j for j in range(game.case.n) if game.state.conflict[i, j] > 0]
