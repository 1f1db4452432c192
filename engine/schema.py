"""Typed models of a scenario file (schema 1).

Authored content is validated here before the runtime ever sees it, so a trainer's
typo becomes a one-line error instead of a strange game. Every model forbids unknown
keys, so a misspelt field is reported rather than silently ignored.

Each field carries a short `description`: `engine/schema_doc.py` turns the models into the
field reference of `docs/scenario-format.md`, and `faultlines schema` into a JSON Schema for
editors, so the documentation is generated from the same models that validate.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from faultlines.engine.domain import ACTION_KINDS, ISSUES, SECTORS, STAGE_KINDS
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class NumberRange:
    """The range a `_number_in` type accepts, kept as metadata so the field reference and the
    JSON Schema can show it (the check itself is the BeforeValidator beside it)."""

    lo: float
    hi: float
    integer: bool = False

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict:
        schema = handler(core_schema)
        schema.update(type="integer" if self.integer else "number",
                      minimum=self.lo, maximum=self.hi)
        return schema


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

    return Annotated[int if integer else float, BeforeValidator(check),
                     NumberRange(lo, hi, integer)]


Unit = _number_in(0, 1)
Signed = _number_in(-1, 1)
TEXT_MAX = 2000  # characters in a sentence or paragraph of scenario text
NAME_MAX = 120  # characters in a name, title, role or organisation (one line on screen)


def _shown(*, one_line: bool):
    """Text the window and the terminal show as it is: no control characters (a NUL
    cannot be drawn; a tab or line break in a name breaks its line)."""
    allowed = set() if one_line else {"\n", "\t"}

    def check(value: str) -> str:
        bad = next((c for c in value if (ord(c) < 32 or 127 <= ord(c) < 160) and
                    c not in allowed), None)
        if bad is not None:
            raise PydanticCustomError(
                "control_character", "contains a control character ({code}) at character "
                "{at}; remove it", {"code": f"U+{ord(bad):04X}", "at": value.index(bad) + 1})
        return value
    return AfterValidator(check)


Text = Annotated[str, Field(min_length=1, max_length=TEXT_MAX), _shown(one_line=False)]
Name = Annotated[str, Field(min_length=1, max_length=NAME_MAX), _shown(one_line=True)]
Ident = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
Source = Annotated[str, Field(min_length=3)]
Issue = Literal[ISSUES]  # type: ignore[valid-type]
Sector = Literal[SECTORS]  # type: ignore[valid-type]
ActionKind = Literal[ACTION_KINDS]  # type: ignore[valid-type]
REPERTOIRE_WEIGHT = (0, 3)


def _repertoire_entry(value: Any) -> Any:
    """Check one repertoire entry - an action kind, or one `kind: weight` pair - and say in
    one line what is wrong (the union it is typed as would report each branch)."""
    if isinstance(value, dict) and len(value) == 1:
        kind, weight = next(iter(value.items()))
    elif isinstance(value, str):
        kind, weight = value, 1.0
    else:
        raise PydanticCustomError(
            "repertoire_entry", "expected an action kind, or one 'kind: weight' pair, got "
            "{got}", {"got": repr(value)})
    if kind not in ACTION_KINDS:
        close = difflib.get_close_matches(str(kind), ACTION_KINDS, n=1, cutoff=0.6)
        raise PydanticCustomError(
            "repertoire_entry", "unknown action {got}; choose from {kinds}{hint}",
            {"got": repr(kind), "kinds": ", ".join(ACTION_KINDS),
             "hint": f"; did you mean {close[0]!r}?" if close else ""})
    lo, hi = REPERTOIRE_WEIGHT
    ok = isinstance(weight, int | float) and not isinstance(weight, bool)
    if not ok or not lo <= weight <= hi:
        raise PydanticCustomError(
            "repertoire_entry", "the weight of {kind} must be a number from {lo} to {hi}, got "
            "{got}", {"kind": kind, "lo": lo, "hi": hi, "got": repr(weight)})
    return value


RepertoireEntry = Annotated[
    ActionKind | dict[ActionKind, _number_in(*REPERTOIRE_WEIGHT)],
    BeforeValidator(_repertoire_entry)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class ValueVector(Strict):
    """A position on the three meanings of care, integration and "the system" that the research
    found contested; each axis runs from -1 to +1, and the sign is a direction, not a verdict."""

    care: Signed = Field(
        description="-1 cure and episodic treatment ... +1 prevention and wellbeing.")
    integration: Signed = Field(
        description="-1 a way to manage demand on hospitals ... +1 collaboration between "
                    "agencies.")
    system: Signed = Field(
        description="-1 a set of services to coordinate ... +1 a place with its communities.")


class Interests(Strict):
    """How much each of the four Rs matters to a stakeholder (weights 0..1)."""

    roles: Unit = Field(
        0.25, description="Weight on roles: how much a leadership role is worth to them.")
    responsibilities: Unit = Field(0.25, description="Weight on responsibilities.")
    relationships: Unit = Field(0.25, description="Weight on relationships.")
    resources: Unit = Field(
        0.25, description="Weight on resources: how much transitional funds are worth to "
                          "them, and how much a shared cut hurts.")


class CaseProfile(Strict):
    """The case as the scenario card describes it."""

    name: Name = Field(description="Name of the area or partnership (invented).")
    population: _number_in(1, 100_000_000, integer=True) = Field(
        description="People living in the area.")
    footprint: Text = Field(description="The area in a phrase: towns, city, rural parts.")
    organisations: list[Name] = Field(
        min_length=1, description="The organisations in the partnership, one phrase each.")
    politics: Text = Field(description="What the politics of the case are about, in a sentence "
                                       "or two.")
    difficulty: Literal["introductory", "moderate", "challenging"] = Field(
        description="How hard the case is, as shown on the card.")
    study: Text = Field("-", description="Which case of the research it follows, if any.")
    source: Source = Field(description="Citation: the paper and section, or `Invented for "
                                       "play: <reason>`.")


class Inducements(Strict):
    """What the player can offer to win people over, as a number of offers."""

    roles: _number_in(0, 10, integer=True) = Field(
        0, description="Leadership roles the player can offer.")
    funds: _number_in(0, 10, integer=True) = Field(
        0, description="Transitional funding deals the player can offer.")
    external: _number_in(0, 5, integer=True) = Field(
        0, description="External or charitable funding bids the player can make.")


class PlayerSpec(Strict):
    """The player's role and resources: a leader without formal authority."""

    role: Name = Field(description="The player's job title.")
    authority: Text = Field(description="What the player can and cannot do (they can persuade, "
                                        "not instruct).")
    capacity: _number_in(1, 10, integer=True) = Field(
        description="Team actions per round (a round is a month).")
    credibility: Unit = Field(
        description="Starting legitimacy as a leader; at 0 the plan collapses, and a pass below "
                    "`rules.legitimacy_floor` counts as pushed through.")
    calendar: _number_in(1, 60, integer=True) = Field(
        description="Months available; when they run out the plan collapses.")
    inducements: Inducements = Field(
        Inducements(), description="Roles, funds and external funding the player can offer.")
    listening_depth: Unit = Field(
        1.0, description="How much a meeting reveals (lower for online-only meetings).")
    source: Source = Field(description="Citation.")


class Component(Strict):
    """One part of the plan, about one of the six political issues."""

    id: Ident = Field(description="Id used by stakes, events and the player's moves.")
    name: Name = Field(description="Short name shown in the game.")
    summary: Text = Field(description="What this part of the plan changes.")
    issue: Issue = Field(description="The political issue it is about; a stakeholder's "
                                     "salience for it weights their stake.")
    source: Source = Field(description="Citation.")


class PlanSpec(Strict):
    """The plan the player must get agreed."""

    title: Name = Field(description="Name of the plan.")
    summary: Text = Field(description="What the plan does, in a sentence or two.")
    values: ValueVector = Field(description="Where the plan sits on the three value axes, before "
                                            "any framing.")
    components: list[Component] = Field(
        min_length=1, max_length=8, description="The parts of the plan (1 to 8).")
    source: Source = Field(description="Citation.")


class Stakeholder(Strict):
    """One person at the table, representing an organisation or group."""

    id: Ident = Field(description="Id used by relationships, forums, vetoes and events.")
    name: Name = Field(description="The person's (invented) name.")
    role: Name = Field(description="Their job title.")
    organisation: Name = Field(description="The organisation or group they speak for.")
    sector: Sector = Field(description="The kind of organisation; some moves and events act on "
                                       "sectors (a consultation reaches primary care, patients, "
                                       "voluntary and community groups).")
    position: Literal["central", "intermediate", "marginal"] = Field(
        description="Structural position: central members resent losing their seat; marginal "
                    "ones can form a coalition.")
    influence: Unit = Field(description="Weight of their vote in a forum's decision.")
    trust: Unit = Field(description="Starting trust in the player; 0.5 is neutral.")
    values: ValueVector = Field(description="Their position on the three value axes (hidden "
                                            "until the player listens).")
    interests: Interests = Field(
        Interests(), description="Weights over the four Rs: what compensation is worth to them.")
    issues: dict[Issue, Unit] = Field(
        default_factory=dict,
        description="How much each issue matters to them, 0..1 (an issue left out counts 0.3); "
                    "weights their stake in components about that issue.")
    stakes: dict[Ident, Signed] = Field(
        default_factory=dict,
        description="Gain (+) or loss (-) from each plan component at full ambition, keyed by "
                    "component id; components left out are 0.")
    controls: list[Name] = Field(default_factory=list,
                                 description="Resources they control (shown on their card).")
    evidence_need: Unit = Field(
        0.0, description="How much un-evidenced change worries them; pulls their stance down "
                         "until the player makes the case with evidence.")
    repertoire: list[RepertoireEntry] | None = Field(
        None, description="What they may do of their own accord each month: a list of action "
                          "kinds, each optionally as `kind: weight` (weight 0 to 3; 1 when "
                          "left out). Left out: the default for their position (see "
                          "\"Stakeholders' own actions\"); `[]`: they never act.")
    public_stance: Text = Field(description="What they say in public (always shown).")
    drivers: Text = Field(description="What really drives them (revealed by listening).")
    history: Text = Field("-", description="Their history with the plan or the partnership "
                                           "(revealed by listening).")
    source: Source = Field(description="Citation.")


class Relationship(Strict):
    """An affinity or an old conflict between two stakeholders."""

    a: Ident = Field(description="One stakeholder's id.")
    b: Ident = Field(description="The other stakeholder's id (not the same as `a`).")
    kind: Literal["affinity", "conflict"] = Field(
        description="Allies pull each other's stance; rivals push apart, and compensating one "
                    "makes the other feel passed over.")
    strength: Unit = Field(description="How strong the tie is.")
    note: Text = Field(description="The story behind it, in a sentence.")
    source: Source = Field(description="Citation.")


class Stage(Strict):
    """One step of the process; every stage but the briefing ends in a forum's decision."""

    id: Ident = Field(description="Id used by events, hints and `reopen_to`.")
    name: Name = Field(description="Name shown in the game.")
    kind: Literal[STAGE_KINDS] = Field(  # type: ignore[valid-type]
        description="What sort of stage: the first must be a briefing and the last a sign-off.")
    summary: Text = Field(description="What happens at this stage.")
    forum: list[Ident] | Literal["all"] = Field(
        "all", description="Who decides: a list of stakeholder ids, or `all`.")
    rounds: _number_in(0, 8, integer=True) = Field(
        2, description="Preparation rounds (months) before the forum decides.")
    threshold: Unit = Field(
        0.55, description="Share of the forum's influence that must support for it to pass.")
    veto: list[Ident] = Field(
        default_factory=list,
        description="Stakeholders who block the stage if their stance is at or below "
                    "`rules.block_at` (they hold what the plan needs).")
    on_fail: Literal["retry", "reopen", "hiatus"] = Field(
        "retry", description="After a failed vote: `retry` one more round, `reopen` an earlier "
                             "stage, or `hiatus` (lose months).")
    reopen_to: Ident | None = Field(
        None, description="The earlier stage to return to when `on_fail` is `reopen`.")
    source: Source = Field(description="Citation.")


class Effect(Strict):
    """One consequence of a scenario event; which fields apply depends on `kind`."""

    kind: Literal[
        "grievance", "trust", "credibility", "calendar", "stake", "demand", "standoff",
        "decided_in_advance",
    ] = Field(description="What the effect changes (see the effect kinds table).")
    targets: list[Ident] = Field(default_factory=list,
                                 description="The stakeholders it applies to.")
    amount: Signed = Field(
        0.0, description="Size and direction of the change (see the sign conventions).")
    months: _number_in(-6, 6, integer=True) = Field(
        0, description="For `calendar`: months added (+) or taken away (-).")
    component: Ident | None = Field(
        None, description="For `stake`, `standoff` and `decided_in_advance`: the plan "
                          "component concerned (a decision in advance without one settles the "
                          "whole plan).")
    requires: Literal["offer_role", "offer_funds", "co_write_case", "consult_genuine"] | None = (
        Field(None, description="For `demand`: the move that meets the demand."))
    beneficiary: Ident | None = Field(
        None, description="For a demand of `offer_role` or `offer_funds`: who must receive the "
                          "offer.")
    note: Text = Field("-", description="A remark for authors; kept with a demand or "
                                        "stand-off in the game state, not shown in play.")


class Trigger(Strict):
    """When an event fires: at the start of a round of a stage, with a given chance (so
    games differ, and replays agree because the chance is drawn from the game's seed)."""

    stage: Ident = Field(description="The stage id.")
    round: _number_in(1, 8, integer=True) = Field(1, description="The round of that stage.")
    chance: Unit = Field(1.0, description="Probability that it happens at all in a game.")


class Event(Strict):
    """An authored episode that fires once, at a stage and round."""

    id: Ident = Field(description="Id of the event (unique in the file).")
    title: Name = Field(description="Headline shown when it fires.")
    text: Text = Field(description="What happened, in a sentence or two.")
    trigger: Trigger = Field(description="When it fires.")
    effects: list[Effect] = Field(min_length=1, description="What it changes (at least one).")
    source: Source = Field(description="Citation.")


class OutcomeText(Strict):
    """What the game says when the case ends in this outcome."""

    title: Name = Field(description="Headline of the outcome.")
    text: Text = Field(description="What the outcome means for this case.")
    source: Source = Field(description="Citation.")


class DebriefNote(Strict):
    """A teaching note shown in the debrief."""

    title: Name = Field(description="Heading of the note.")
    text: Text = Field(description="The note.")
    source: Source = Field(description="Citation.")


class Rules(Strict):
    """Tunable numbers of the stance model and decisions (defaults suit most cases)."""

    w_values: _number_in(0, 2) = Field(
        0.45, description="Weight of values: how far the plan, as framed, is from the person.")
    w_stake: _number_in(0, 2) = Field(
        0.6, description="Weight of stake: what the person gains or loses from the plan.")
    w_trust: _number_in(0, 2) = Field(0.25, description="Weight of trust in the player.")
    w_allies: _number_in(0, 2) = Field(
        0.35, description="Weight of the pull of allies and the push of rivals.")
    w_evidence: _number_in(0, 2) = Field(
        0.35, description="Weight of doubts about un-evidenced change.")
    support_at: Unit = Field(
        0.1, description="Stance from which someone supports (and at or below minus this, "
                         "opposes).")
    block_at: Signed = Field(
        -0.3, description="Stance at or below which a veto holder blocks the stage.")
    hiatus_rounds: _number_in(0, 6, integer=True) = Field(
        2, description="Months lost in each hiatus.")
    max_hiatus: _number_in(0, 5, integer=True) = Field(
        1, description="Hiatuses tolerated; one more stalls the plan.")
    hollow_below: Unit = Field(
        0.75, description="Mean ambition below which a legitimate pass counts as hollow.")
    legitimacy_floor: Unit = Field(
        0.35, description="Credibility below which a pass counts as pushed through.")
    opposition_ceiling: Unit = Field(
        0.25, description="Opposing share of the forum's weight at or above which a pass counts "
                          "as pushed through.")
    consensus_share: Unit = Field(
        0.67, description="Supporting share of the forum's weight below which a pass counts as "
                          "pushed through.")
    exposure_chance: Unit = Field(
        0.45, description="Chance each month that an announced (false) consultation is exposed.")
    source: Source = Field("Invented for play: default tuning, see docs/fidelity.md",
                           description="Citation for the tuning.")


class Scenario(Strict):
    """A scenario file: one case, its people, its process and its texts."""

    schema_: Literal[1] = Field(alias="schema", description="Format version; always 1.")
    id: Ident = Field(description="The scenario's id; its file is named `<id>.yaml`.")
    version: Text = Field(description="Your version of the scenario, recorded in every game "
                                      "log (quote it: \"0.1\").")
    title: Name = Field(description="Title shown on the scenario card.")
    summary: Text = Field(description="A sentence or two shown on the scenario card.")
    source: Source = Field(description="Citation for the case as a whole.")
    case: CaseProfile = Field(description="The case profile shown on the scenario card.")
    player: PlayerSpec = Field(description="The player's role, authority and resources.")
    plan: PlanSpec = Field(description="The plan to be agreed.")
    stakeholders: list[Stakeholder] = Field(
        min_length=2, max_length=24, description="The people at the table (2 to 24).")
    relationships: list[Relationship] = Field(
        default_factory=list, description="Affinities and conflicts between stakeholders.")
    stages: list[Stage] = Field(
        min_length=2, max_length=10,
        description="The stages in order (2 to 10): a briefing first, a sign-off last.")
    events: list[Event] = Field(default_factory=list,
                                description="Authored episodes that fire at a stage and round.")
    outcomes: dict[
        Literal["consensus", "hollow", "pushed_through", "stalled", "collapsed"], OutcomeText
    ] = Field(description="Text for each of the five outcomes; give all five.")
    debrief: list[DebriefNote] = Field(default_factory=list,
                                       description="Teaching notes shown in the debrief.")
    hints: dict[Ident, Text] = Field(
        default_factory=dict,
        description="Hints keyed by stage id (or `start`), shown at `guided` difficulty.")
    hints_always: bool = Field(
        False, description="Show hints at every difficulty, not only at `guided` (for a "
                           "teaching scenario).")
    rules: Rules = Field(Rules(), description="Optional tuning of the stance model and decisions.")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
