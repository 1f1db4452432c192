"""Bot policies for balancing and demonstration.

Bots sit where a human sits: they read the `Seat` (the radar, the public state and the
reasons the move palette gives) and never the hidden drivers. Each has its own generator,
separate from the game's, so a bot's choices never disturb the game's dice.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations
from typing import Any

import numpy as np
from faultlines.engine.game import Game
from faultlines.engine.moves import MOVE_TYPES, Move
from faultlines.engine.view import Radar, build_radar

RESOURCES, ROLES = 3, 0


def make(kind: str, **params: Any) -> Move:
    return MOVE_TYPES[kind](**params)


class Seat:
    """The player's chair: public facts, the radar, and the legality of a proposed move."""

    def __init__(self, game: Game):
        self._game = game
        st, case = game.state, game.case
        self.ids = case.ids
        self.components = case.components
        self.stage_kind = game.stage.kind
        self.stage_id = game.stage.id
        self.threshold = game.stage.threshold
        self.round = st.round
        self.rounds = game.stage.rounds + st.extra_rounds
        self.calendar = st.calendar
        self.capacity = st.capacity
        self.credibility = st.credibility
        self.roles, self.funds, self.external = st.roles, st.funds, st.external
        self.standoff = st.standoff
        self.demands = st.demands
        self.consultation = st.consultation
        self.decided_in_advance = st.decided_in_advance
        self.air_cover = st.air_cover
        self.ambition = st.ambition.copy()
        self.evidence = st.evidence.copy()
        self.stage_uses = dict(st.stage_uses)
        self.vision_uses = st.vision_uses
        self.frame_uses = st.frame_uses.copy()
        self.future_vetoes = np.zeros(case.n, bool)
        for sid in case.stage_ids[case.stage_ids.index(game.stage.id):]:
            self.future_vetoes |= case.vetoes[sid]
        self.radar: Radar = build_radar(game)

    def legal(self, move: Move) -> bool:
        return self._game.check(move) is None


Policy = Callable[[Seat, np.random.Generator], Move]


def _first_legal(seat: Seat, candidates: list[Move]) -> Move:
    for m in candidates:
        if seat.legal(m):
            return m
    return make("end_round")


# -- one-note and random players -------------------------------------------------------
def random_policy(seat: Seat, rng: np.random.Generator) -> Move:
    kinds = [k for k in MOVE_TYPES if k != "end_round"]
    if rng.random() < 0.25:
        return make("end_round")
    for _ in range(12):
        cls = MOVE_TYPES[kinds[rng.integers(len(kinds))]]
        params: dict[str, Any] = {}
        for p in cls.params:
            if p in ("target", "other"):
                params[p] = seat.ids[rng.integers(len(seat.ids))]
            elif p == "component":
                params[p] = seat.components[rng.integers(len(seat.components))]
            elif p == "mode":
                params[p] = cls.modes[rng.integers(len(cls.modes))]
        m = cls(**params)
        if seat.legal(m):
            return m
    return make("end_round")


def _targets_by_opposition(seat: Seat) -> list[str]:
    r = seat.radar
    order = np.argsort(r.estimate + np.where(r.in_forum, 0.0, 1.0))
    return [seat.ids[i] for i in order]


def frame_only(seat: Seat, rng: np.random.Generator) -> Move:
    cands: list[Move] = []
    if rng.random() < 0.4:
        cands.append(make("big_picture"))
    cands += [make("tailored_frame", target=t) for t in _targets_by_opposition(seat)[:4]]
    cands.append(make("big_picture"))
    return _first_legal(seat, cands)


def challenge_only(seat: Seat, rng: np.random.Generator) -> Move:
    return _first_legal(seat, [make("challenge", target=t) for t in _targets_by_opposition(seat)[:3]])


def listen_only(seat: Seat, rng: np.random.Generator) -> Move:
    r = seat.radar
    cands: list[Move] = [make("town_hall")] if rng.random() < 0.3 else []
    for i in np.argsort(r.revealed - r.influence * 0.3):
        cands.append(make("one_to_one", target=seat.ids[i]))
    for i, j in zip(*np.nonzero(np.triu(r.conflict) > 0.05), strict=False):
        cands.append(make("dialogue", target=seat.ids[i], other=seat.ids[j]))
    return _first_legal(seat, cands)


def repeat(kind: str) -> Policy:
    """Play one kind of move whenever it is allowed (balance check: no single move wins)."""
    cls = MOVE_TYPES[kind]

    def policy(seat: Seat, rng: np.random.Generator) -> Move:
        params: list[dict[str, Any]] = [{}]
        if "target" in cls.params and "other" in cls.params:
            params = [{"target": a, "other": b} for a, b in combinations(seat.ids, 2)]
        elif "target" in cls.params:
            params = [{"target": t} for t in _targets_by_opposition(seat)]
        elif "component" in cls.params:
            params = [{"component": c} for c in seat.components]
        elif "mode" in cls.params:
            params = [{"mode": m} for m in cls.modes]
        return _first_legal(seat, [cls(**p) for p in params])

    policy.__name__ = f"repeat_{kind}"
    return policy


# -- the skilled player ------------------------------------------------------------------
def skilled(seat: Seat, rng: np.random.Generator) -> Move:
    """Listen, tailor, compensate the biggest losers, recruit champions and a coalition of
    marginal groups, consult genuinely, and call the decision when the room is there
    (the strategies of Waring et al. 2023, Findings)."""
    r, ids = seat.radar, seat.ids
    m = make
    cands: list[Move] = []
    # Unlock what the research says only a specific move unlocks.
    for d in seat.demands:
        if not d.met and d.requires in ("offer_role", "offer_funds"):
            cands.append(m(d.requires, target=d.beneficiary))
    so = seat.standoff
    if so and not so.resolved:
        members = sorted(so.members, key=lambda s: -r.estimate[ids.index(s)])
        cands.append(m("co_write_case", target=members[0], other=members[1]))
    if seat.stage_kind == "consultation" and seat.consultation is None:
        cands.append(m("consult", mode="genuine"))

    # Who matters now: forum members and anyone who could block later, by influence.
    weight = r.influence * (r.in_forum + 0.5 * seat.future_vetoes + 0.2)
    need = weight * (0.6 - np.clip(r.estimate, -1, 0.6))
    order = [i for i in np.argsort(-need) if need[i] > 0.02]
    for i in order[:4]:
        sid = ids[i]
        if not r.known[i]:
            cands.append(m("one_to_one", target=sid))
            continue
        stakes = r.stakes[i]
        worst = int(np.argmin(stakes))
        if stakes[worst] < -0.15 and seat.external > 0:
            cands.append(m("external_funding", component=seat.components[worst]))
        doubted = int(np.argmax(np.abs(stakes) * (1.0 - seat.evidence)))
        if r.evidence_need[i] > 0.4 and seat.evidence[doubted] < 0.9:
            cands.append(m("evidence_case", component=seat.components[doubted]))
        loss = -min(0.0, float(stakes.sum()) / len(stakes)) * 0.6
        if r.estimate[i] < 0.15 and r.offered[i] < loss:
            if r.interests[i, RESOURCES] >= r.interests[i, ROLES] and seat.funds > 0:
                cands.append(m("offer_funds", target=sid))
            elif seat.roles > (1 if seat.stage_kind in ("briefing", "board") else 0):
                cands.append(m("offer_role", target=sid))
        if seat.frame_uses[i] < 2:
            cands.append(m("tailored_frame", target=sid))
    # Alliances: champions with allies, then a coalition of the margins.
    supporters = np.flatnonzero((r.estimate > 0.45) & ~r.champion & (r.affinity.sum(axis=1) > 0.5))
    for i in supporters[:1]:
        cands.append(m("recruit_champion", target=ids[i]))
    if ((r.estimate > 0.2) & r.marginal & ~r.coalition).sum() >= 2:
        cands.append(m("build_coalition"))
    # Call the decision when the room is comfortably there.
    if seat.stage_kind not in ("briefing",) and not (so and not so.resolved):
        w = r.influence * r.in_forum
        share = (w * (r.estimate - r.uncertainty * 0.5 >= 0.1)).sum() / max(w.sum(), 1e-9)
        blockers = (r.can_block & (r.estimate - r.uncertainty <= -0.25)).any()
        unmet = any(not d.met for d in seat.demands)
        if share >= seat.threshold + 0.08 and not blockers and not unmet:
            if seat.stage_kind != "consultation" or seat.consultation:
                cands.insert(0, m("call_decision"))
    return _first_legal(seat, cands)


def pragmatic(seat: Seat, rng: np.random.Generator) -> Move:
    """Skilled, but buys agreement by scaling the plan back rather than compensating:
    the road to a plan that passes hollow (Waring, Bishop & Roe, Negotiating the Purpose)."""
    r = seat.radar
    losers = np.flatnonzero(r.in_forum & (r.estimate < 0.1) & (r.influence >= 0.4))
    if len(losers) and seat.capacity >= 1:
        for c in seat.components:
            m = make("amend_plan", component=c)
            if seat.ambition[seat.components.index(c)] > 0.5 and seat.legal(m):
                return m
    return skilled(seat, rng)


def hurried(seat: Seat, rng: np.random.Generator) -> Move:
    """Skilled, but announces the consultation instead of opening it: a false negotiation
    (Waring, Bishop & Roe, Negotiating Transformation Priorities)."""
    if seat.stage_kind == "consultation" and seat.consultation is None:
        m = make("consult", mode="announce")
        if seat.legal(m):
            return m
    move = skilled(seat, rng)
    if move.kind == "consult":
        return make("end_round")
    return move


#: Archetypes beyond the balance set, used to show every outcome can be reached.
ARCHETYPES: dict[str, Policy] = {"pragmatic": pragmatic, "hurried": hurried}

POLICIES: dict[str, Policy] = {
    "random": random_policy,
    "frame-only": frame_only,
    "challenge-only": challenge_only,
    "listen-only": listen_only,
    "skilled": skilled,
}


def policy_named(name: str) -> Policy:
    """A policy by name; `repeat:KIND` repeats one move kind."""
    if name.startswith("repeat:"):
        kind = name.split(":", 1)[1]
        if kind not in MOVE_TYPES:
            raise ValueError(f"unknown move kind {kind!r}")
        return repeat(kind)
    if name in ARCHETYPES:
        return ARCHETYPES[name]
    if name not in POLICIES:
        raise ValueError(f"unknown policy {name!r}; choose {', '.join(POLICIES)}, "
                         f"{', '.join(ARCHETYPES)} or repeat:KIND")
    return POLICIES[name]


def play_out(game: Game, policy: Policy, rng: np.random.Generator, max_moves: int = 400) -> Game:
    """Let a policy play until the game ends (or a safety limit of moves)."""
    for _ in range(max_moves):
        if game.over:
            break
        game.play(policy(Seat(game), rng))
    return game
