"""Typed models of a scenario file (schema 1).

Authored content is validated here before the runtime ever sees it, so a trainer's
typo becomes a one-line error instead of a strange game. Every model forbids unknown
keys, so a misspelt field is reported rather than silently ignored.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from faultlines.engine.domain import ISSUES, SECTORS, STAGE_KINDS
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

SCHEMA_VERSION = 1


def _number_in(lo: float, hi: float, *, integer: bool = False):
    """A number type whose error message a trainer can act on."""
    kind = "a whole number" if integer else "a number"

    def check(value: Any) -> Any:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if ok and integer and isinstance(value, float):
            ok = value.is_integer()
        if not ok or not (lo <= value <= hi):
            raise PydanticCustomError(
                "number_range",
                "expected {kind} from {lo} to {hi}, got {got}",
                {"kind": kind, "lo": lo, "hi": hi, "got": repr(value)},
            )
        return int(value) if integer else float(value)

    return Annotated[int if integer else float, BeforeValidator(check)]


Unit = _number_in(0, 1)
Signed = _number_in(-1, 1)
Text = Annotated[str, Field(min_length=1)]
Ident = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
Source = Annotated[str, Field(min_length=3)]
Issue = Literal[ISSUES]  # type: ignore[valid-type]
Sector = Literal[SECTORS]  # type: ignore[valid-type]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class ValueVector(Strict):
    """Where someone stands on the three meanings the research found contested.

    care: -1 cure and episodic treatment ... +1 prevention and wellbeing.
    integration: -1 a way to manage demand on hospitals ... +1 collaboration between agencies.
    system: -1 a set of services to coordinate ... +1 a place with its communities.
    """

    care: Signed
    integration: Signed
    system: Signed


class Interests(Strict):
    """How much each of the four Rs matters to a stakeholder (weights 0..1)."""

    roles: Unit = 0.25
    responsibilities: Unit = 0.25
    relationships: Unit = 0.25
    resources: Unit = 0.25


class CaseProfile(Strict):
    name: Text
    population: _number_in(1, 100_000_000, integer=True)
    footprint: Text
    organisations: list[Text] = Field(min_length=1)
    politics: Text
    difficulty: Literal["introductory", "moderate", "challenging"]
    study: Text = "-"
    source: Source


class Inducements(Strict):
    roles: _number_in(0, 10, integer=True) = 0
    funds: _number_in(0, 10, integer=True) = 0
    external: _number_in(0, 5, integer=True) = 0


class PlayerSpec(Strict):
    role: Text
    authority: Text
    capacity: _number_in(1, 10, integer=True)
    credibility: Unit
    calendar: _number_in(1, 60, integer=True)
    inducements: Inducements = Inducements()
    listening_depth: Unit = 1.0
    source: Source


class Component(Strict):
    id: Ident
    name: Text
    summary: Text
    issue: Issue
    source: Source


class PlanSpec(Strict):
    title: Text
    summary: Text
    values: ValueVector
    components: list[Component] = Field(min_length=1, max_length=8)
    source: Source


class Stakeholder(Strict):
    id: Ident
    name: Text
    role: Text
    organisation: Text
    sector: Sector
    position: Literal["central", "intermediate", "marginal"]
    influence: Unit
    trust: Unit
    values: ValueVector
    interests: Interests = Interests()
    issues: dict[Issue, Unit] = Field(default_factory=dict)
    stakes: dict[Ident, Signed] = Field(default_factory=dict)
    controls: list[Text] = Field(default_factory=list)
    evidence_need: Unit = 0.0
    public_stance: Text
    drivers: Text
    history: Text = "-"
    source: Source


class Relationship(Strict):
    a: Ident
    b: Ident
    kind: Literal["affinity", "conflict"]
    strength: Unit
    note: Text
    source: Source


class Stage(Strict):
    id: Ident
    name: Text
    kind: Literal[STAGE_KINDS]  # type: ignore[valid-type]
    summary: Text
    forum: list[Ident] | Literal["all"] = "all"
    rounds: _number_in(0, 8, integer=True) = 2
    threshold: Unit = 0.55
    veto: list[Ident] = Field(default_factory=list)
    on_fail: Literal["retry", "reopen", "hiatus"] = "retry"
    reopen_to: Ident | None = None
    source: Source


class Effect(Strict):
    """One consequence of a scenario event; which fields apply depends on `kind`."""

    kind: Literal[
        "grievance", "trust", "credibility", "calendar", "stake", "demand", "standoff",
        "decided_in_advance",
    ]
    targets: list[Ident] = Field(default_factory=list)
    amount: Signed = 0.0
    months: _number_in(-6, 6, integer=True) = 0
    component: Ident | None = None
    requires: Literal["offer_role", "offer_funds", "co_write_case", "consult_genuine"] | None = None
    beneficiary: Ident | None = None
    note: Text = "-"


class Trigger(Strict):
    """When an event fires: at the start of a round of a stage, with a given chance (so
    games differ, and replays agree because the chance is drawn from the game's seed)."""

    stage: Ident
    round: _number_in(1, 8, integer=True) = 1
    chance: Unit = 1.0


class Event(Strict):
    id: Ident
    title: Text
    text: Text
    trigger: Trigger
    effects: list[Effect] = Field(min_length=1)
    source: Source


class OutcomeText(Strict):
    title: Text
    text: Text
    source: Source


class DebriefNote(Strict):
    title: Text
    text: Text
    source: Source


class Rules(Strict):
    """Tunable numbers of the stance model and decisions (defaults suit most cases)."""

    w_values: _number_in(0, 2) = 0.45
    w_stake: _number_in(0, 2) = 0.6
    w_trust: _number_in(0, 2) = 0.25
    w_allies: _number_in(0, 2) = 0.35
    w_evidence: _number_in(0, 2) = 0.35
    support_at: Unit = 0.1
    block_at: Signed = -0.3
    hiatus_rounds: _number_in(0, 6, integer=True) = 2
    max_hiatus: _number_in(0, 5, integer=True) = 1
    hollow_below: Unit = 0.75
    legitimacy_floor: Unit = 0.35
    opposition_ceiling: Unit = 0.25
    consensus_share: Unit = 0.67
    exposure_chance: Unit = 0.45
    source: Source = "Invented for play: default tuning, see docs/fidelity.md"


class Scenario(Strict):
    schema_: Literal[1] = Field(alias="schema")
    id: Ident
    version: Text
    title: Text
    summary: Text
    source: Source
    case: CaseProfile
    player: PlayerSpec
    plan: PlanSpec
    stakeholders: list[Stakeholder] = Field(min_length=2, max_length=24)
    relationships: list[Relationship] = Field(default_factory=list)
    stages: list[Stage] = Field(min_length=2, max_length=10)
    events: list[Event] = Field(default_factory=list)
    outcomes: dict[
        Literal["consensus", "hollow", "pushed_through", "stalled", "collapsed"], OutcomeText
    ]
    debrief: list[DebriefNote] = Field(default_factory=list)
    hints: dict[Ident, Text] = Field(default_factory=dict)
    #: show hints at every difficulty (a teaching scenario), not only at `guided`
    hints_always: bool = False
    rules: Rules = Rules()

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

