"""The player's view: the "political radar" (Waring et al. 2023, Findings: power and
influence). It shows what a player could know: public facts, estimated stances with
uncertainty, and drivers only once listening has revealed them. Bots read only this."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from engine.domain import CONTRIBUTIONS, PUBLIC_CONTRIBUTIONS, RS, VALUE_AXES
from engine.moves import MOVE_TYPES
from engine.state import DIFFICULTIES

if TYPE_CHECKING:
    from engine.game import Game

KNOWN_AT = 0.5  # revealed share from which drivers are shown


@dataclass(frozen=True, kw_only=True)
class PersonView:
    id: str
    name: str
    role: str
    organisation: str
    sector: str
    position: str
    influence: float
    public_stance: str
    estimate: float  # estimated stance, -1..1
    uncertainty: float  # half-width of the band around the estimate
    revealed: float
    in_forum: bool
    can_block: bool
    champion: bool
    coalition: bool
    controls: list[str]
    trust: float | None
    drivers: str | None
    history: str | None
    values: dict[str, float] | None
    interests: dict[str, float] | None
    stakes: dict[str, float] | None
    why: list[tuple[str, float | None]]  # contribution name, value (None = not known yet)


@dataclass(frozen=True, kw_only=True)
class MoveInfo:
    kind: str
    family: str
    label: str
    help: str
    cost: int
    params: tuple[str, ...]
    reason: str | None  # why it is unavailable now (None: available)


@dataclass(frozen=True, kw_only=True)
class PlayerView:
    scenario: str
    title: str
    stage: str
    stage_name: str
    stage_kind: str
    round: int
    rounds: int
    calendar: int
    capacity: int
    capacity_max: int
    credibility: float
    roles: int
    funds: int
    external: int
    people: list[PersonView]
    moves: list[MoveInfo]
    components: list[dict[str, Any]]
    demands: list[dict]
    standoff: dict | None
    consultation: str | None
    air_cover: bool
    passed: list[str]
    outcome: str | None
    hint: str | None = None
    stages: list[dict[str, str]] = field(default_factory=list)

    def person(self, sid: str) -> PersonView:
        return next(p for p in self.people if p.id == sid)


def build_view(game: Game) -> PlayerView:
    case, st = game.case, game.state
    sc = case.scenario
    stances = game.stances()
    forum = game.forum()
    veto = case.vetoes[game.stage.id]
    noise = st.noise
    people = []
    for i, s in enumerate(sc.stakeholders):
        rev = float(st.revealed[i])
        known = rev >= KNOWN_AT
        est = float(np.clip(stances.total[i] + (1.0 - rev) * noise[i], -1, 1))
        unc = float((1.0 - rev) * DIFFICULTIES[st.difficulty]["noise"] * 2.0)
        why = []
        for name in CONTRIBUTIONS:
            visible = name in PUBLIC_CONTRIBUTIONS or known or (name == "trust" and rev >= 0.25)
            why.append((name, float(stances.parts[name][i]) if visible else None))
        people.append(PersonView(
            id=s.id, name=s.name, role=s.role, organisation=s.organisation, sector=s.sector,
            position=s.position, influence=s.influence, public_stance=s.public_stance,
            estimate=est, uncertainty=unc, revealed=rev, in_forum=bool(forum[i]),
            can_block=bool(veto[i]), champion=bool(st.champion[i]),
            coalition=bool(st.coalition[i]), controls=list(s.controls),
            trust=float(st.trust[i]) if rev >= 0.25 else None,
            drivers=s.drivers if known else None, history=s.history if known else None,
            values={a: float(case.values[i, k]) for k, a in enumerate(VALUE_AXES)} if known else None,
            interests={r: float(case.interests[i, k]) for k, r in enumerate(RS)} if known else None,
            stakes={c: float(case.stakes[i, j] + st.stake_mod[i, j])
                    for j, c in enumerate(case.components)} if known else None,
            why=why,
        ))
    moves = []
    for kind, cls in MOVE_TYPES.items():
        probe = cls()
        reason = probe.check(game)
        if reason and reason.startswith("Choose"):
            reason = None  # only the parameters are missing: available
        moves.append(MoveInfo(kind=kind, family=cls.family, label=cls.label, help=cls.help,
                              cost=cls.base_cost if kind != "consult" else 2,
                              params=cls.params, reason=reason))
    comps = [{"id": c.id, "name": c.name, "summary": c.summary, "issue": c.issue,
              "ambition": float(st.ambition[j]), "evidence": float(st.evidence[j])}
             for j, c in enumerate(sc.plan.components)]
    stage = game.stage
    hint = None
    if DIFFICULTIES[st.difficulty]["hints"] or sc.id == "tutorial":
        hint = sc.hints.get(stage.id) or sc.hints.get("start")
    return PlayerView(
        scenario=sc.id, title=sc.title, stage=stage.id, stage_name=stage.name,
        stage_kind=stage.kind, round=st.round, rounds=stage.rounds + st.extra_rounds,
        calendar=st.calendar, capacity=st.capacity, capacity_max=st.capacity_max,
        credibility=st.credibility, roles=st.roles, funds=st.funds, external=st.external,
        people=people, moves=moves, components=comps,
        demands=[dict(d) for d in st.demands], standoff=dict(st.standoff) if st.standoff else None,
        consultation=st.consultation, air_cover=st.air_cover, passed=list(st.passed),
        outcome=st.outcome, hint=hint,
        stages=[{"id": s.id, "name": s.name, "kind": s.kind} for s in sc.stages],
    )
