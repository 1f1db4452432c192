"""The mutable state of one game, and its versioned JSON form.

Stances are not stored here: they are derived from these fields by `engine.stance`, so
any change of stance can be explained by which field moved.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np
from faultlines.engine.case import Case
from faultlines.engine.disputes import Ask, Demand, Standoff
from faultlines.engine.draws import Dice
from faultlines.engine.negotiation import Episode
from faultlines.engine.tuning import DIFFICULTIES  # the levels by name (importable here too)

_ARRAYS = (
    "frame", "frame_uses", "compensation", "trust", "grievance", "vision", "pressure",
    "agenda", "revealed", "champion", "coalition", "noise", "ambition", "evidence",
    "stake_mod", "conflict", "forum_extra", "lobbied", "seat_asked", "offset",
)


@dataclass(kw_only=True, eq=False)
class GameState:
    """The game's facts. `stage` is the one record of where play is: a scenario stage, or
    the stage machine's `hiatus` or `outcome` (engine.flow owns the transitions; this is
    its model). `last_stage` is where play was when it left the stages for either."""

    stage: str
    last_stage: str | None = None
    hiatus_left: int = 0
    round: int = 1
    extra_rounds: int = 0
    calendar: int
    capacity: int
    capacity_max: int = 0
    credibility: float
    roles: int
    funds: int
    external: int
    difficulty: str = "standard"
    frame: np.ndarray
    frame_uses: np.ndarray
    compensation: np.ndarray
    trust: np.ndarray
    grievance: np.ndarray
    vision: np.ndarray
    pressure: np.ndarray
    agenda: np.ndarray
    revealed: np.ndarray
    champion: np.ndarray
    coalition: np.ndarray
    noise: np.ndarray
    ambition: np.ndarray
    evidence: np.ndarray
    stake_mod: np.ndarray
    conflict: np.ndarray
    forum_extra: np.ndarray
    vision_uses: int = 0
    demands: list[Demand] = field(default_factory=list)
    standoff: Standoff | None = None
    #: the negotiation episodes so far, recorded as they happened (engine.negotiation)
    episodes: list[Episode] = field(default_factory=list)
    #: components settled outside the forums (a backstage deal, a decision in advance):
    #: component id -> where; a later forum or consultation on them ratifies, not decides
    settled: dict[str, str] = field(default_factory=dict)
    #: components settled elsewhere whose terms were later changed in the open (a genuine
    #: consultation's asks accepted or negotiated): what ratified them no longer decided them
    reopened: list[str] = field(default_factory=list)
    #: this visit to the stage: components kept off its agenda, and whether it was set
    kept_off: list[str] = field(default_factory=list)
    agenda_set: bool = False
    #: what a genuine consultation asked to change, and the director's answers
    asks: list[Ask] = field(default_factory=list)
    decided_in_advance: bool = False
    consultation: str | None = None
    exposed: bool = False
    hiatus_count: int = 0
    #: how often a failed stage has sent its dispute back to an earlier one
    reopenings: int = 0
    failures: int = 0
    stage_uses: dict[str, int] = field(default_factory=dict)
    passed: list[str] = field(default_factory=list)
    air_cover: bool = False
    # -- what stakeholders did of their own accord (engine.agency) --------------------
    #: the stance pull of lobbying behind the scenes, per person (fades month by month)
    lobbied: np.ndarray | None = None
    #: who has asked for a seat on the committee (their grievance grows until seated)
    seat_asked: np.ndarray | None = None
    #: compensation paid in each of the four Rs, per person (N, 4): it answers only a loss
    #: in the same R (engine.fault_lines); `compensation` is general goodwill
    offset: np.ndarray | None = None
    #: who threatens to withdraw a resource, and at which stage: they can block its decision
    threats: dict[str, str] = field(default_factory=dict)
    #: stage id -> the larger majority its decision needs after referrals to scrutiny
    scrutiny: dict[str, float] = field(default_factory=dict)
    #: what has already been referred to scrutiny ("person:ground"), so nobody refers twice
    referrals: list[str] = field(default_factory=list)
    #: stage id -> rounds added at its members' request
    delays: dict[str, int] = field(default_factory=dict)
    outcome: str | None = None
    outcome_reasons: list[str] = field(default_factory=list)
    fired_events: list[str] = field(default_factory=list)
    moves_made: int = 0

    def __post_init__(self) -> None:
        """A save written before stakeholders acted has no record of it: none happened."""
        if self.lobbied is None:
            self.lobbied = np.zeros(len(self.trust))
        if self.seat_asked is None:
            self.seat_asked = np.zeros(len(self.trust), bool)
        if self.offset is None:  # a save from before compensation was paid in the Rs
            self.offset = np.zeros((len(self.trust), 4))

    @property
    def stage_at(self) -> str:
        """The scenario stage play is at (while paused or after the end: where it stopped)."""
        if self.stage in ("hiatus", "outcome"):
            return self.last_stage or self.stage
        return self.stage

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if isinstance(v, np.ndarray):
                v = {"dtype": str(v.dtype), "data": v.tolist()}
            elif f.name == "demands":
                v = [d.to_dict() for d in v]
            elif f.name == "standoff" and v is not None:
                v = v.to_dict()
            elif f.name in ("episodes", "asks"):
                v = [e.to_dict() for e in v]
            elif isinstance(v, list | dict):
                v = copy.deepcopy(v)  # a save or a copy must not share the live containers
            out[f.name] = v
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GameState:
        kwargs = {}
        names = {f.name for f in fields(cls)}
        for k, v in data.items():
            if k not in names:
                raise ValueError(f"unknown state field {k!r}")
            if k in _ARRAYS and v is not None:
                v = np.array(v["data"], dtype=v["dtype"])
            elif k == "demands":
                v = [Demand.from_dict(d) for d in v]
            elif k == "standoff" and v is not None:
                v = Standoff.from_dict(v)
            elif k == "episodes":
                v = [Episode.from_dict(e) for e in v]
            elif k == "asks":
                v = [Ask.from_dict(a) for a in v]
            elif isinstance(v, list | dict):
                v = copy.deepcopy(v)  # the game must not share the save's containers
            kwargs[k] = v
        return cls(**kwargs)

    def digest(self) -> str:
        """A fingerprint of every field (`Game.digest`; the batch engine's parity tests
        compare games by it)."""
        blob = json.dumps(self.to_dict(), sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()

    def copy(self) -> GameState:
        """An independent copy: arrays copied, containers new. Their elements (names,
        numbers, and the frozen Demand, Standoff, Ask and Episode records) never change in
        place, so they are shared, which makes a copy far cheaper than a save's round trip
        (a bot looking a move ahead copies the state once per move it tries)."""
        kwargs: dict[str, Any] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if isinstance(v, np.ndarray):
                v = v.copy()
            elif isinstance(v, list):
                v = list(v)
            elif isinstance(v, dict):
                v = dict(v)
            kwargs[f.name] = v
        return GameState(**kwargs)


def initial_state(case: Case, dice: Dice, difficulty: str) -> GameState:
    """A fresh game at the briefing; draws the radar's estimate noise from `dice`."""
    if difficulty not in DIFFICULTIES:
        raise ValueError(f"unknown difficulty {difficulty!r}; choose {', '.join(DIFFICULTIES)}")
    d = DIFFICULTIES[difficulty]
    sc = case.scenario
    n, c = case.n, len(case.components)
    ind = sc.player.inducements
    return GameState(
        stage=case.stage_ids[0],
        calendar=sc.player.calendar,
        capacity=max(1, sc.player.capacity + d.capacity),
        credibility=sc.player.credibility,
        roles=ind.roles, funds=ind.funds, external=ind.external,
        difficulty=difficulty,
        frame=np.zeros((n, 3)),
        frame_uses=np.zeros(n, int),
        compensation=np.zeros(n),
        trust=case.trust0.copy(),
        grievance=np.zeros(n),
        vision=np.zeros(n),
        pressure=np.zeros(n),
        agenda=np.zeros(n),
        revealed=np.full(n, d.revealed),
        champion=np.zeros(n, bool),
        coalition=np.zeros(n, bool),
        noise=dice.normal(0.0, d.noise, n),
        ambition=np.ones(c),
        evidence=np.zeros(c),
        stake_mod=np.zeros((n, c)),
        conflict=case.conflict.copy(),
        forum_extra=np.zeros(n, bool),
    )
