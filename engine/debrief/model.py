"""The debrief's findings as plain data (dataclasses), so any view can render them and
`to_dict()` gives JSON for other tools."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, kw_only=True)
class MoveRef:
    """One move of the log: its index, what it was, and where in the game it was made."""

    index: int
    kind: str
    family: str
    text: str
    stage: str
    stage_name: str
    round: int
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def when(self) -> str:
        return f"{self.stage_name}, round {self.round}"


@dataclass(frozen=True, kw_only=True)
class Cause:
    """A link in the chain that led to the outcome."""

    kind: str  # decision | hiatus | exposure | resurface | scenario | reopen | move | outcome
    #            | action (a stakeholder's own)
    when: str
    text: str
    because: list[str] = field(default_factory=list)
    move: int = -1
    result: str = ""  # a forum decision's result: passed | failed | blocked | standoff
    swing: float = 0.0  # the stance swing of the month it happened in (an event's links)


@dataclass(frozen=True, kw_only=True)
class Push:
    """What one move did to one person's stance, split into named contributions."""

    move: int
    move_text: str
    when: str
    before: float
    after: float
    why: dict[str, float]
    also: list[str] = field(default_factory=list)  # other things that happened in the move

    @property
    def delta(self) -> float:
        return self.after - self.before


@dataclass(frozen=True, kw_only=True)
class Arc:
    """A stakeholder's stance over the game and the moves that moved it most."""

    id: str
    name: str
    organisation: str
    position: str
    start: float
    end: float
    xs: list[int]  # moves played so far at each point
    ys: list[float]
    biggest: list[Push]


@dataclass(frozen=True, kw_only=True)
class FaultLine:
    """What the player did on one fault-line and what it changed."""

    id: str
    name: str
    moves: int
    by_family: dict[str, int]
    contributions: dict[str, float]  # net change per contribution on this line
    gained: float
    lost: float
    notes: list[str]


@dataclass(frozen=True, kw_only=True)
class Episode:
    """One negotiation episode and its type in Waring, Bishop & Roe's typology, as the
    engine recorded it when it happened (or, for a log written before it did, as the
    debrief reconstructs it: `recorded` is False)."""

    setting: str  # forum | consultation | agenda | backstage | exchange | withheld
    title: str
    stage: str
    round: int
    when: str  # "Partnership Board, round 2"
    move: int  # the move that caused it (-1: the world, the calendar or a scenario event)
    type: str | None  # open | stage_managed | exclusive | false | non_negotiation; None: an
    #                   exchange outside the typology
    inclusive: bool
    planned: bool
    significant: bool
    components: list[str]  # the parts of the plan at issue
    participants: list[str]  # who took part
    affected: list[str]  # who stands to gain or lose from the components at issue
    settled_elsewhere: list[str]  # components at issue already settled before it
    evidence: list[str]
    context: dict[str, str]  # Strauss's negotiation context: issues, negotiators, ...
    moves: list[int] = field(default_factory=list)  # every move of the player's it involved
    recorded: bool = True


@dataclass(frozen=True, kw_only=True)
class TurningPoint:
    """A move that moved stances most, by what the move itself did (never what followed it
    as the month turned: that is an `EventSwing`)."""

    move: MoveRef
    swing: float  # sum of |stance change| over everyone it moved
    net: float
    effects: list[str]  # "Name -0.59 -> -0.26 (compensation +0.32)"
    context: list[str]  # what else happened during the move (decision, round turned...)
    by_contribution: dict[str, float]

    @property
    def title(self) -> str:
        return f"Move {self.move.index + 1}: {self.move.text}"


@dataclass(frozen=True, kw_only=True)
class EventSwing:
    """Stance changes no move of the player's caused - a scenario event, a new stage, an
    exposed consultation - attributed to what did, even when it happened while a move was
    being played (the month turned when the move used the round's last capacity)."""

    move: int  # the move after which it happened
    when: str
    source: str  # "Who runs the hub? (a scenario event) and the start of the Committee"
    swing: float  # sum of |stance change| over everyone it moved
    net: float
    effects: list[str]  # "Name +0.30 -> -0.05 (unmet demands -0.30)"

    @property
    def title(self) -> str:
        return f"{self.source[:1].upper()}{self.source[1:]}, after move {self.move + 1}"


@dataclass(frozen=True, kw_only=True)
class Question:
    theme: str
    text: str
    why: str  # what in this game prompted it
    source: str
    notes: list[dict[str, str]] = field(default_factory=list)  # scenario debrief notes


@dataclass(frozen=True, kw_only=True)
class Debrief:
    scenario: str
    scenario_title: str
    scenario_version: str
    log_scenario_version: str
    seed: int
    difficulty: str
    player: str | None
    outcome: str | None
    outcome_name: str
    outcome_title: str
    outcome_text: str
    outcome_reasons: list[str]
    abandoned: bool
    moves: list[MoveRef]
    causes: list[Cause]
    arcs: list[Arc]
    fault_lines: list[FaultLine]
    family_matrix: dict[str, dict[str, float]]  # family -> fault-line -> net change caused
    move_mix: dict[str, int]
    episodes: list[Episode]
    episodes_recorded: bool  # False: an older log's episodes, reconstructed by the debrief
    turning_points: list[TurningPoint]
    event_swings: list[EventSwing]  # the largest swings no move caused, attributed to their source
    swings: list[float]  # total |stance change| caused by each move, by move index
    decisions: list[dict[str, Any]]  # move, stage, result, share, needed per forum decision
    questions: list[Question]
    notes: list[dict[str, str]]
    credibility: list[tuple[int, float]]  # (moves played, credibility) per round snapshot
    calendar: list[tuple[int, int]]  # (moves played, months left)
    stage_spans: list[tuple[str, str, int, int]]  # (stage id, name, first move, last move)
    final: dict[str, Any]
    calendar_start: int
    replay_ok: bool
    warnings: list[str]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def arc(self, sid: str) -> Arc:
        return next(a for a in self.arcs if a.id == sid)
