"""What the player can do now: every move with its family, its cost (or cost range), the
reason it is unavailable in the player's words, and the legal values of its parameters.

The one place a shell, a bot or a plug-in policy asks "what may I do?": nobody else
enumerates moves, computes costs or checks legality by reading a reason's words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from faultlines.engine.moves import MOVE_TYPES, Move

if TYPE_CHECKING:
    from faultlines.engine.context import MoveContext

PARAMS = ("target", "other", "component", "mode")


@dataclass(frozen=True, kw_only=True)
class Choice:
    """One move as the player sees it before choosing its parameters."""

    kind: str
    family: str
    label: str
    help: str
    source: str
    cost: int  # the cheapest it can be now
    cost_max: int  # the dearest (a consultation run genuinely costs more)
    params: tuple[str, ...]  # what must be chosen, in order
    modes: tuple[str, ...]
    reason: str | None  # why it is unavailable whatever is chosen (None: available)

    @property
    def available(self) -> bool:
        return self.reason is None

    @property
    def cost_text(self) -> str:
        return str(self.cost) if self.cost == self.cost_max else f"{self.cost} or {self.cost_max}"

    def move(self, **params: str) -> Move:
        """The move with these parameters (checked when it is chosen)."""
        return MOVE_TYPES[self.kind](**params)


def choices(ctx: MoveContext) -> list[Choice]:
    """Every move, in the palette's order, with its availability now."""
    out = []
    for kind, cls in MOVE_TYPES.items():
        probe = cls()
        low, high = probe.costs(ctx)
        out.append(Choice(kind=kind, family=cls.family, label=cls.label, help=cls.help,
                          source=cls.source, cost=low, cost_max=high, params=cls.params,
                          modes=cls.modes, reason=probe.precheck(ctx)))
    return out


def candidates(ctx: MoveContext, kind: str, param: str) -> tuple[str, ...]:
    """Every value a parameter can take in this case (legal or not)."""
    cls = MOVE_TYPES[kind]
    if param in ("target", "other"):
        return ctx.case.ids
    if param == "component":
        return ctx.case.components
    if param == "mode":
        return cls.modes
    raise ValueError(f"{kind} has no parameter {param!r}")


def options(ctx: MoveContext, kind: str, **chosen: str) -> dict[str, str | None]:
    """The next parameter to choose, given those already chosen: each candidate value with
    None if it is legal, or the reason it is not (the targeting step of a move). For a move
    of two people, a first person is legal if some second person makes the move legal."""
    cls = MOVE_TYPES[kind]
    todo = [p for p in cls.params if p not in chosen]
    if not todo:
        return {}
    param, later = todo[0], todo[1:]
    out: dict[str, str | None] = {}
    for value in candidates(ctx, kind, param):
        trial = {**chosen, param: value}
        if later:
            if param in ("target", "other") and value in chosen.values():
                out[value] = "Choose two different people."
                continue
            deeper = options(ctx, kind, **trial)
            ok = any(r is None for r in deeper.values())
            out[value] = None if ok else next(iter(r for r in deeper.values() if r), None)
        else:
            out[value] = cls(**trial).check(ctx)
    return out
