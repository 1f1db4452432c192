"""What stands between the plan and a decision besides stances: a partner's demand (a
condition for their support, e.g. Elm's social care wanting its preferred provider to lead
rehabilitation) and a stand-off (nobody will invest or disinvest first: the mental-health
theme's "Catch-22", Waring, Bishop & Roe, Negotiating Transformation Priorities).

Both are typed and immutable: meeting a demand or breaking a stand-off replaces the record.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

#: The move (kind, and mode if it needs one) that meets each kind of demand: what the shells
#: name beside a demand, so none of them works it out for itself.
MEETS: dict[str, tuple[str, str | None]] = {
    "offer_role": ("offer_role", None), "offer_funds": ("offer_funds", None),
    "co_write_case": ("co_write_case", None), "consult_genuine": ("consult", "genuine")}
#: The move that breaks a stand-off (engine.moves.process.CoWriteCase).
BREAKS_STANDOFF = "co_write_case"


@dataclass(frozen=True, kw_only=True)
class Demand:
    event: str  # the scenario event that raised it
    by: tuple[str, ...]  # who withholds support until it is met
    requires: str  # the move kind that meets it (offer_role, co_write_case, ...)
    beneficiary: str | None  # for whom it must be done (None: for nobody in particular)
    amount: float  # the support withheld while it is unmet
    met: bool = False
    note: str = ""

    def meets(self, requires: str, beneficiary: str | None) -> bool:
        """Would a move of this kind, for this person, meet the demand?"""
        return not self.met and self.requires == requires and \
            self.beneficiary in (None, beneficiary)

    @property
    def move(self) -> tuple[str, str | None]:
        """The move kind (and mode) that meets it, for the player's screen."""
        return MEETS.get(self.requires, (self.requires, None))

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "by": list(self.by)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Demand:
        return cls(**{**d, "by": tuple(d["by"]), "note": d.get("note") or ""})


@dataclass(frozen=True, kw_only=True)
class Ask:
    """What those consulted ask to change in one component of the plan, and the director's
    answer (a genuine consultation produces asks that must be answered: Waring, Bishop &
    Roe, Negotiating Transformation Priorities - engagement that changes nothing is false)."""

    component: str
    by: tuple[str, ...]  # who asks
    text: str
    answer: str | None = None  # accept | negotiate | refuse (None: not answered yet)

    def answered(self, answer: str) -> Ask:
        return replace(self, answer=answer)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "by": list(self.by)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Ask:
        return cls(**{**d, "by": tuple(d["by"])})


@dataclass(frozen=True, kw_only=True)
class Standoff:
    event: str
    members: tuple[str, ...]  # the partners each waiting for the others
    component: str  # the part of the plan nobody will move first on
    stage: str  # the stage whose decision it blocks
    resolved: bool = False
    note: str = ""

    def blocks(self, stage_id: str) -> bool:
        return not self.resolved and self.stage == stage_id

    @property
    def broken_by(self) -> str:
        """The move kind that breaks it, for the player's screen."""
        return BREAKS_STANDOFF

    def broken(self) -> Standoff:
        return replace(self, resolved=True)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "members": list(self.members)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Standoff:
        return cls(**{**d, "members": tuple(d["members"]), "note": d.get("note") or ""})
