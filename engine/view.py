"""The player's view: the "political radar" (Waring et al. 2023, Findings: power and
influence). It shows what a player could know: public facts, estimated stances with
uncertainty, and drivers only once listening has revealed them. Bots read only this."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np
from faultlines.engine import agency, fault_lines
from faultlines.engine.choices import Choice, choices
from faultlines.engine.decision import needed, threatening
from faultlines.engine.disputes import Ask, Demand, Standoff
from faultlines.engine.domain import CONTRIBUTIONS, PUBLIC_CONTRIBUTIONS, RS, VALUE_AXES
from faultlines.engine.events import Event
from faultlines.engine.tuning import DIFFICULTIES, TUNING

if TYPE_CHECKING:
    from faultlines.engine.case import Case
    from faultlines.engine.game import Game

KNOWN_AT = TUNING.radar.known_at  # revealed share from which drivers are shown
TRUST_KNOWN_AT = TUNING.radar.trust_known_at  # ...and from which their trust is shown


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
    #: what they still stand to lose by the four Rs and what would answer it (None when
    #: not known yet or nothing worth naming): moves work on the fault-line they address
    at_stake: str | None = None


@dataclass(frozen=True, kw_only=True)
class ActionNews:
    """Something a stakeholder did of their own accord that the player knows of: in public,
    put to them in person, or learned through intelligence on its author (engine.agency)."""

    stage: str
    round: int
    actor: str
    action: str
    text: str
    public: bool


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
    moves: list[Choice]
    components: list[dict[str, Any]]
    demands: tuple[Demand, ...]
    standoff: Standoff | None
    asks: tuple[Ask, ...] = ()  # what the consultation asked to change, and the answers
    consultation: str | None
    air_cover: bool
    passed: list[str]
    outcome: str | None
    hint: str | None = None
    stages: list[dict[str, str]] = field(default_factory=list)
    #: your reading of the room: the forum's weight that seems to support, and what it needs
    support_estimate: float = 0.0
    support_needed: float = 0.0
    #: what stakeholders have done of their own accord that you know of, oldest first
    actions: tuple[ActionNews, ...] = ()

    def person(self, sid: str) -> PersonView:
        return next(p for p in self.people if p.id == sid)


@dataclass(frozen=True, kw_only=True, eq=False)
class Radar:
    """What the player can know, as arrays (fast enough for bots to read every move).

    Unknown entries are NaN. Relationships, influence, position and forum seats are public;
    stances are noisy estimates until listening reveals the person.
    """

    estimate: np.ndarray
    uncertainty: np.ndarray
    revealed: np.ndarray
    known: np.ndarray  # bool: drivers revealed
    trust: np.ndarray  # NaN unless revealed >= TRUST_KNOWN_AT
    stakes: np.ndarray  # (N, C) NaN unless known
    interests: np.ndarray  # (N, 4) NaN unless known
    evidence_need: np.ndarray  # NaN unless known
    influence: np.ndarray
    marginal: np.ndarray
    central: np.ndarray
    affinity: np.ndarray
    conflict: np.ndarray
    in_forum: np.ndarray
    can_block: np.ndarray
    champion: np.ndarray
    coalition: np.ndarray
    offered: np.ndarray  # compensation the player has offered each person (their own acts)
    #: (N, 4) what each person stands to lose in each of the four Rs, after what was
    #: offered in that R (NaN unless known): what an offer must be paid in to answer it
    at_stake: np.ndarray


@dataclass(frozen=True, kw_only=True, eq=False)
class Glance:
    """The table's public facts at a glance: the HUD without the people's cards, cheap
    enough to read before every move (a bot's seat is built on it). Everything is a copy
    that cannot be changed, so nothing in it is shared with the game."""

    ids: tuple[str, ...]  # the stakeholders, in the radar's order
    components: tuple[str, ...]  # the plan's components, in the arrays' order
    stage: str  # the stage's id (while paused or after the end: where play stopped)
    stage_kind: str
    threshold: float  # the share of the forum's influence this stage's decision needs
    paused: bool  # a hiatus: only the end of the round is possible
    round: int
    rounds: int
    #: how many times in a row this stage's forum has turned the plan down since the stage
    #: began (each no is announced with its share of support; a hiatus begins it afresh)
    refusals: int
    calendar: int
    capacity: int
    capacity_max: int
    credibility: float
    roles: int
    funds: int
    external: int
    demands: tuple[Demand, ...]
    standoff: Standoff | None
    consultation: str | None
    asks: tuple[Ask, ...]  # what the consultation asked to change, and the answers so far
    air_cover: bool
    ambition: np.ndarray  # (C,) how much of each component is still in the plan
    evidence: np.ndarray  # (C,) how well each component's case is made
    frame_uses: np.ndarray  # (N,) tailored frames given to each person so far
    vision_uses: int
    stage_uses: Mapping[str, int]  # move kind -> times used at this stage
    future_vetoes: np.ndarray  # (N,) bool: can block at this stage or a later one
    vetoes_here: np.ndarray  # (N,) bool: the scenario lets them block at this stage
    passed: tuple[str, ...]
    outcome: str | None


def _vetoes_ahead(case: Case, stage_id: str) -> np.ndarray:
    """Who can block at this stage or a later one (worked out once per case and stage, and
    kept with the case like its stage machine)."""
    per_stage = case.derived.setdefault("vetoes_ahead", {})
    if stage_id not in per_stage:
        vetoes = np.zeros(case.n, bool)
        for sid in case.stage_ids[case.stage_ids.index(stage_id):]:
            vetoes |= case.vetoes[sid]
        vetoes.setflags(write=False)
        per_stage[stage_id] = vetoes
    return per_stage[stage_id]


def _frozen(a: np.ndarray) -> np.ndarray:
    out = a.copy()
    out.setflags(write=False)
    return out


def build_glance(game: Game) -> Glance:
    case, st, stage = game.case, game.state, game.stage
    return Glance(
        ids=case.ids, components=case.components, stage=stage.id, stage_kind=stage.kind,
        threshold=float(stage.threshold), paused=st.stage == "hiatus", round=st.round,
        rounds=stage.rounds + st.extra_rounds, refusals=st.failures,
        calendar=st.calendar, capacity=st.capacity,
        capacity_max=st.capacity_max, credibility=st.credibility, roles=st.roles,
        funds=st.funds, external=st.external, demands=tuple(st.demands),
        asks=tuple(st.asks),
        standoff=st.standoff, consultation=st.consultation, air_cover=st.air_cover,
        ambition=_frozen(st.ambition), evidence=_frozen(st.evidence),
        frame_uses=_frozen(st.frame_uses), vision_uses=st.vision_uses,
        stage_uses=MappingProxyType(dict(st.stage_uses)),
        future_vetoes=_vetoes_ahead(case, stage.id),
        vetoes_here=_frozen(case.vetoes[stage.id]),
        passed=tuple(st.passed), outcome=st.outcome,
    )


def build_radar(game: Game) -> Radar:
    case, st = game.case, game.state
    total = game.stances().total
    rev = st.revealed
    # the estimate converges on the truth as you listen, and is exact once drivers are
    # known, so a card's named contributions add up to the stance it shows
    hidden = np.maximum(0.0, 1.0 - rev / KNOWN_AT)
    known = rev >= KNOWN_AT
    unknown = ~known
    stakes = case.stakes + st.stake_mod
    stakes[unknown] = np.nan
    interests = case.interests.copy()
    interests[unknown] = np.nan
    need = case.evidence_need.copy()
    need[unknown] = np.nan
    trust = st.trust.copy()
    trust[rev < TRUST_KNOWN_AT] = np.nan
    at_stake = _uncovered(case, st, game.stances())
    at_stake[unknown] = np.nan
    can_block = case.vetoes[game.stage.id].copy()
    if st.threats:  # a withdrawal threat you have intelligence on
        can_block |= threatening(case, st, game.stage.id) & agency.intelligence(
            case, st, game.moves)
    return Radar(
        estimate=(total + hidden * st.noise).clip(-1.0, 1.0),
        uncertainty=hidden * (DIFFICULTIES[st.difficulty].noise * TUNING.radar.band_sds),
        revealed=rev.copy(), known=known, trust=trust, stakes=stakes, interests=interests,
        evidence_need=need,
        influence=case.influence, marginal=case.marginal, central=case.central,
        affinity=case.affinity, conflict=st.conflict.copy(), in_forum=game.forum(),
        can_block=can_block, champion=st.champion.copy(),
        coalition=st.coalition.copy(), offered=st.compensation + st.offset.sum(axis=1),
        at_stake=at_stake,
    )


def _uncovered(case: Case, st, stances) -> np.ndarray:
    """What each person still stands to lose in each R once offers in that R are counted."""
    return np.maximum(fault_lines.losses(case, st, stances.part("stake")) - st.offset, 0.0)


def reveal_all(game: Game, radar: Radar) -> Radar:
    """The radar with nothing hidden: true stances and every driver. Never for play; for
    discussing a replayed game, where what the player could not see is often the lesson."""
    case, st = game.case, game.state
    n = case.n
    return replace(
        radar, estimate=game.stances().total.copy(), uncertainty=np.zeros(n),
        revealed=np.ones(n), known=np.ones(n, bool), trust=st.trust.copy(),
        can_block=case.vetoes[game.stage.id] | threatening(case, st, game.stage.id),
        stakes=case.stakes + st.stake_mod, interests=case.interests.copy(),
        at_stake=_uncovered(case, st, game.stances()),
        evidence_need=case.evidence_need.copy())


def build_view(game: Game, *, reveal: bool = False) -> PlayerView:
    """The full view for people: cards, the move palette, the stage tracker.
    `reveal=True` shows everything (replays and debriefs only)."""
    case, st = game.case, game.state
    sc = case.scenario
    stances = game.stances()
    radar = build_radar(game)
    if reveal:
        radar = reveal_all(game, radar)
    people = []
    for i, s in enumerate(sc.stakeholders):
        rev = float(radar.revealed[i])
        known = bool(radar.known[i])
        why = []
        for name in CONTRIBUTIONS:
            visible = (name in PUBLIC_CONTRIBUTIONS or known
                       or (name == "trust" and rev >= TRUST_KNOWN_AT))
            why.append((name, float(stances.part(name)[i]) if visible else None))
        people.append(PersonView(
            id=s.id, name=s.name, role=s.role, organisation=s.organisation, sector=s.sector,
            position=s.position, influence=s.influence, public_stance=s.public_stance,
            estimate=float(radar.estimate[i]), uncertainty=float(radar.uncertainty[i]),
            revealed=rev, in_forum=bool(radar.in_forum[i]), can_block=bool(radar.can_block[i]),
            champion=bool(st.champion[i]), coalition=bool(st.coalition[i]),
            controls=list(s.controls),
            trust=None if np.isnan(radar.trust[i]) else float(radar.trust[i]),
            drivers=s.drivers if known else None, history=s.history if known else None,
            values={a: float(case.values[i, k]) for k, a in enumerate(VALUE_AXES)} if known else None,
            interests={r: float(case.interests[i, k]) for k, r in enumerate(RS)} if known else None,
            stakes={c: float(radar.stakes[i, j]) for j, c in enumerate(case.components)}
            if known else None,
            why=why,
            at_stake=fault_lines.advice(radar.at_stake[i]) if known else None,
        ))
    moves = choices(game._context(len(game.moves)))
    comps = [{"id": c.id, "name": c.name, "summary": c.summary, "issue": c.issue,
              "ambition": float(st.ambition[j]), "evidence": float(st.evidence[j])}
             for j, c in enumerate(sc.plan.components)]
    stage = game.stage
    hint = None
    if DIFFICULTIES[st.difficulty].hints or sc.hints_always:
        hint = sc.hints.get(stage.id) or sc.hints.get("start")
    return PlayerView(
        scenario=sc.id, title=sc.title, stage=stage.id, stage_name=stage.name,
        stage_kind=stage.kind, round=st.round, rounds=stage.rounds + st.extra_rounds,
        calendar=st.calendar, capacity=st.capacity, capacity_max=st.capacity_max,
        credibility=st.credibility, roles=st.roles, funds=st.funds, external=st.external,
        people=people, moves=moves, components=comps,
        demands=tuple(st.demands), standoff=st.standoff, asks=tuple(st.asks),
        consultation=st.consultation, air_cover=st.air_cover, passed=list(st.passed),
        outcome=st.outcome, hint=hint,
        stages=[{"id": s.id, "name": s.name, "kind": s.kind} for s in sc.stages],
        support_estimate=support_estimate(case, radar),
        support_needed=float(needed(case, st, next_decision(game))),
        actions=known_actions(game, reveal=reveal),
    )


def action_seen(e: Event) -> bool:
    """Did the player see this stakeholder's action when it happened (public, put to them,
    or its author is someone they have intelligence on)?"""
    return bool(e.data.get("public") or e.data.get("seen"))


def action_news(e: Event) -> str | None:
    """A stakeholder's action as the player learns of it when it happens: public news, a
    demand put to them, or a backstage move heard through their contacts (None: they do not
    know of it). The shells show this, never the event's own text."""
    if not action_seen(e):
        return None
    if e.data.get("public") or e.data.get("action") in agency.TO_YOU:
        return e.text
    return "Through your contacts you learn: " + e.text


def known_actions(game: Game, *, reveal: bool = False) -> tuple[ActionNews, ...]:
    """The stakeholders' actions the player knows of now (every one, for a debrief)."""
    case, st = game.case, game.state
    return tuple(
        ActionNews(stage=e.stage, round=e.round, actor=e.data["actor"], action=e.data["action"],
                   text=e.text, public=bool(e.data.get("public")))
        for e in game.events
        if e.kind == "action" and (reveal or agency.known_now(case, st, game.moves, e)))


def next_decision(game: Game):
    """The stage whose forum decides next (during the briefing, the one after it)."""
    stage = game.stage
    if stage.kind == "briefing":
        ids = game.case.stage_ids
        return game.case.stage(ids[min(ids.index(stage.id) + 1, len(ids) - 1)])
    return stage


def support_estimate(case, radar: Radar) -> float:
    """Share of the forum's influence that seems to support, from the radar's estimates
    (the same threshold the forum uses to count someone as for)."""
    w = case.influence * radar.in_forum
    total = float(w.sum()) or 1.0
    return float(w[radar.estimate >= case.scenario.rules.support_at].sum() / total)
