"""The typed data of each kind of event a game log or save holds.

A debrief, a class report and a replay read these fields from files that may come from
another machine or have been edited: each is checked here, when the file is read, so a
damaged event is one line naming it (`events.12.data: ...`) instead of a failure deep in
the analysis. Fields a later release adds are kept, not refused; an event kind this release
does not know is kept as it is (nothing here reads it).
"""

from __future__ import annotations

import math
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
)


def _finite(v: float) -> float:
    if not math.isfinite(v):
        raise ValueError("must be a finite number")
    return float(v)


#: a finite number written as JSON (an integer or a float, never text or true/false)
Num = Annotated[StrictInt | StrictFloat, AfterValidator(_finite)]
Share = Annotated[Num, Field(ge=0.0, le=1.0)]
Stance = Annotated[Num, Field(ge=-1.0001, le=1.0001)]
Name = Annotated[StrictStr, Field(max_length=200)]
Names = list[Name]


class _Data(BaseModel):
    model_config = ConfigDict(extra="allow")


class StageData(_Data):
    entered: Name | None = None
    reopened: Name | None = None


class SnapshotData(_Data):
    calendar: StrictInt
    credibility: Share
    moves: Annotated[StrictInt, Field(ge=0)]
    stances: list[Stance] = Field(min_length=1)


class ActData(_Data):
    move_kind: Name
    params: dict[Name, Any] = Field(default_factory=dict)
    family: Name = ""
    cost: Annotated[StrictInt, Field(ge=0)] = 0


class ShiftData(_Data):
    target: Name
    before: Stance
    after: Stance
    why: dict[Name, Num] = Field(default_factory=dict)
    cause: Name = ""


class EpisodeData(_Data):
    number: StrictInt
    stage: Name
    round: StrictInt
    move: StrictInt
    setting: Name
    title: StrictStr
    components: Names
    participants: Names
    affected: Names
    inclusive: StrictBool
    planned: StrictBool
    significant: StrictBool
    presented_significant: StrictBool
    settled_elsewhere: Names = Field(default_factory=list)
    agenda_set: StrictBool = False
    kept_off: StrictBool = False
    type: Name | None = None
    evidence: list[StrictStr] = Field(default_factory=list)


class DecisionData(_Data):
    stage: Name
    result: Name
    share: Share
    opposition: Share
    needed: Share
    blockers: Names
    support: Names = Field(default_factory=list)
    abstain: Names = Field(default_factory=list)
    oppose: Names = Field(default_factory=list)
    inclusive: StrictBool = False


class OutcomeData(_Data):
    outcome: Name


class AskData(_Data):
    component: Name
    by: Names = Field(default_factory=list)


class ActionEffects(_Data):
    """What a stakeholder's own action changed (the debrief weighs these)."""

    support: dict[Name, Num] = Field(default_factory=dict)
    credibility: Num = 0.0
    scrutiny: Num = 0.0
    threat: Name | None = None
    stage: Name | None = None
    allies: Names = Field(default_factory=list)


class ActionData(_Data):
    actor: Name
    action: Name
    public: StrictBool = False
    seen: StrictBool = False
    channel: Name = ""
    effects: ActionEffects = Field(default_factory=ActionEffects)


class MoveData(_Data):
    """What a move's own event adds: optional, but typed where present."""

    target: Name | None = None
    component: Name | None = None
    reached: Names = Field(default_factory=list)
    new_losers: Names = Field(default_factory=list)
    learned: list[Any] = Field(default_factory=list)
    allies: Names = Field(default_factory=list)
    softened: Names = Field(default_factory=list)
    members: Names = Field(default_factory=list)
    added: Names = Field(default_factory=list)
    who: Names = Field(default_factory=list)
    kept_off: Name | None = None
    answer: Name | None = None
    inclusive: StrictBool = False
    planned: StrictBool = False
    significant: StrictBool = False


class HiatusData(_Data):
    result: Name = ""


class ResurfaceData(_Data):
    who: Names = Field(default_factory=list)
    component: Name | None = None


class ExposureData(_Data):
    episode: Name = ""


class ScenarioEventData(_Data):
    event: Name
    effects: Names = Field(default_factory=list)


DATA: dict[str, type[_Data]] = {
    "stage": StageData, "snapshot": SnapshotData, "act": ActData, "shift": ShiftData,
    "episode": EpisodeData, "decision": DecisionData, "outcome": OutcomeData, "ask": AskData,
    "action": ActionData, "move": MoveData, "hiatus": HiatusData, "resurface": ResurfaceData,
    "exposure": ExposureData, "scenario": ScenarioEventData,
}


def data_problem(kind: str, data: dict[str, Any]) -> str | None:
    """Why an event's data is not what an event of this kind holds, else None."""
    model = DATA.get(kind)
    if model is None:
        return None
    try:
        model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"]) or "data"
        return f"{kind} event, {loc}: {err['msg'][0].lower()}{err['msg'][1:]}"
    return None


__all__ = ["DATA", "Num", "Share", "Stance", "data_problem"]
