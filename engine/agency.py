"""Stakeholders act of their own accord: at the end of each month of a stage, anyone may take
one action from their repertoire, chosen from their drivers and the state with the game's
generator (so a seed gives the same actions).

Waring, Bishop & Roe (Discussion) observed that dominant actors negotiate through discursive
representation and hidden channels, while marginal actors rely on formal or procedural means
and have to show "due process". So by default:

- central actors use hidden channels: lobby their allies, strike a side deal with another
  dominant partner, threaten to withdraw a resource they control, demand a concession, or
  ask a forum for more time;
- marginal groups use formal routes: ask for a seat on the committee, refer the process to
  scrutiny, campaign in public, complain;
- intermediate organisations have a foot in each (our invention).

A scenario can author anyone's repertoire (`repertoire:` in the YAML). Each action is one
`action` event carrying who did what, whether it was public, whether the player saw it, and
what it changed. Public actions are news; a backstage one is seen only by a player with
intelligence on its author (cultivated backstage, or revealed by listening) - or when a demand
is put to the director in person; otherwise only its effect shows. The Board's air cover
blunts lobbying and threats and absorbs part of what formal challenges cost the director.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from faultlines.engine import episodes
from faultlines.engine.disputes import Demand
from faultlines.engine.domain import (
    ACTION_KINDS,
    DEFAULT_REPERTOIRES,
    FORMAL_ROUTES,
    HIDDEN_CHANNELS,
)
from faultlines.engine.events import Event, join_names
from faultlines.engine.tuning import TUNING

if TYPE_CHECKING:
    from faultlines.engine.case import Case
    from faultlines.engine.context import MoveContext
    from faultlines.engine.state import GameState

T = TUNING.agency
KNOWN_AT = TUNING.radar.known_at
A = {kind: k for k, kind in enumerate(ACTION_KINDS)}
#: actions everyone sees; a demand is put to the director in person; the rest are backstage
PUBLIC = ("delay", *FORMAL_ROUTES)
TO_YOU = ("demand",)
FORUM_KINDS = ("board", "committee", "consultation", "signoff")


# -- who may do what: built once per case -------------------------------------------
@dataclass(frozen=True, eq=False)
class Profile:
    """The case's fixed facts the actions read: repertoire weights and who holds what."""

    weights: np.ndarray  # (N, A) repertoire weight of each action for each person
    controls: np.ndarray  # (N,) controls a resource the plan needs
    expects_say: np.ndarray  # (N,) in a sector a consultation is meant for
    committees: tuple[str, ...]  # the case's committee stages
    committee_seats: np.ndarray  # (N,) sits on one of them as authored
    dominant: np.ndarray  # (N,) central, or controlling a resource and not marginal
    allies: np.ndarray  # (N, N) bool: an affinity between them
    marginal_allies: np.ndarray  # (N,) has an ally among the marginal groups


def repertoire_weights(case: Case) -> np.ndarray:
    """(N, A): each person's authored repertoire, else their position's default."""
    w = np.zeros((case.n, len(ACTION_KINDS)))
    for i, s in enumerate(case.scenario.stakeholders):
        if s.repertoire is None:
            w[i, [A[k] for k in DEFAULT_REPERTOIRES[s.position]]] = 1.0
            continue
        for entry in s.repertoire:
            kind, weight = (entry, 1.0) if isinstance(entry, str) else next(iter(entry.items()))
            w[i, A[kind]] = weight
    return w


def profile(case: Case) -> Profile:
    """The case's action profile, built on first use and kept with the case."""
    found = case.derived.get("agency")
    if found is None:
        people = case.scenario.stakeholders
        committees = tuple(s.id for s in case.scenario.stages if s.kind == "committee")
        controls = np.array([bool(s.controls) for s in people])
        seats = np.zeros(case.n, bool)
        for c in committees:
            seats |= case.forums[c]
        found = case.derived["agency"] = Profile(
            weights=repertoire_weights(case), controls=controls,
            expects_say=np.array([s.sector in TUNING.consult.affected_sectors for s in people]),
            committees=committees, committee_seats=seats,
            dominant=case.central | (controls & ~case.marginal), allies=case.affinity > 0,
            marginal_allies=((case.affinity > 0) & case.marginal[None, :]).any(axis=1))
    return found


# -- what the player can know ----------------------------------------------------------
def cultivated(moves: list[dict]) -> set[str]:
    """Whom the director has cultivated backstage (a source of intelligence on them)."""
    return {m["target"] for m in moves if m.get("kind") == "backstage" and m.get("target")}


def knows(case: Case, st: GameState, moves: list[dict], sid: str) -> bool:
    """Does the player have intelligence on this person: cultivated backstage, or revealed by
    listening as far as the radar shows their drivers?"""
    return bool(st.revealed[case.index[sid]] >= KNOWN_AT) or sid in cultivated(moves)


def intelligence(case: Case, st: GameState, moves: list[dict]) -> np.ndarray:
    """Whom the player has intelligence on (a mask; see `knows`)."""
    return (st.revealed >= KNOWN_AT) | np.isin(case.ids, list(cultivated(moves)))


def known_now(case: Case, st: GameState, moves: list[dict], e: Event) -> bool:
    """Does the player know of this action now: seen then, or its author (or partner) is
    someone they have since gained intelligence on."""
    if e.data.get("public") or e.data.get("seen"):
        return True
    who = [e.data["actor"], *([e.data["effects"]["partner"]]
                              if "partner" in e.data.get("effects", {}) else [])]
    return any(knows(case, st, moves, sid) for sid in who)


# -- the month's actions ----------------------------------------------------------------
def act(ctx: MoveContext) -> None:
    """The month ends in a stage: what was done last month carries over, then each
    stakeholder may take one action. Nothing happens in a briefing, a hiatus or at the end."""
    st = ctx.state
    if st.stage in ("hiatus", "outcome") or ctx.stage.kind not in FORUM_KINDS or \
            st.calendar <= 0:
        return
    _carry_over(ctx)
    rd = read(ctx)
    p = propensities(ctx, rd)
    u = ctx.dice.random(ctx.case.n)
    acted: set[int] = set()
    for i, a in choose(p, u):
        if i in acted:
            continue
        done = _perform(ctx, i, ACTION_KINDS[a], rd)
        if done is not None:
            acted.update(done)


def choose(p: np.ndarray, u: np.ndarray) -> list[tuple[int, int]]:
    """Each person's action this month (at most one), from propensities `p` (N, A) and one
    uniform draw each: the chance of acting at all is capped at `max_act`."""
    total = p.sum(axis=1)
    scale = np.where(total > T.max_act, T.max_act / np.maximum(total, 1e-12), 1.0)
    cum = np.cumsum(p * scale[:, None], axis=1)
    acting = np.flatnonzero(u < cum[:, -1])
    return [(int(i), int(np.argmax(u[i] < cum[i]))) for i in acting]


@dataclass(frozen=True, eq=False)
class Reading:
    """Everyone's drivers this month, as arrays (one stance computation)."""

    stance: np.ndarray
    opposed: np.ndarray  # how far below zero, for those who oppose; else 0
    loss: np.ndarray  # what the plan costs them on the stance scale, after compensation
    uncovered: np.ndarray  # share of that loss not compensated
    distrust: np.ndarray  # multiplier: more likely to act against a director they distrust


def read(ctx: MoveContext) -> Reading:
    st, r = ctx.state, ctx.case.scenario.rules
    s = ctx.stances()
    stake = s.part("stake")
    loss = np.maximum(0.0, -(stake + s.part("compensation")))
    uncovered = np.where(stake < 0, loss / np.maximum(-stake, 1e-9), 0.0)
    total = s.total
    return Reading(
        stance=total, opposed=np.where(total <= -r.support_at, -total, 0.0), loss=loss,
        uncovered=np.minimum(uncovered, 1.0),
        distrust=np.maximum(0.0, 1.0 + T.distrust * (1.0 - 2.0 * st.trust)))


def propensities(ctx: MoveContext, rd: Reading) -> np.ndarray:
    """(N, A): each person's chance this month of each action in their repertoire (only
    what someone's repertoire holds is worked out)."""
    case, st = ctx.case, ctx.state
    prof = profile(case)
    w = prof.weights
    stage = ctx.stage
    forum = ctx.forum()
    due = st.round >= stage.rounds + st.extra_rounds
    p = np.zeros((case.n, len(ACTION_KINDS)))
    hostile = rd.opposed * rd.distrust
    p[:, A["lobby"]] = T.lobby.rate * hostile * (prof.allies @ forum > 0)
    seeking = (w[:, A["side_deal"]] > 0) & (rd.uncovered > 0) & \
        (rd.stance < case.scenario.rules.support_at)
    if seeking.any():
        p[:, A["side_deal"]] = T.side_deal.rate * _side_deals(case, st)[2] * 2.0 * \
            rd.uncovered * rd.distrust * seeking
    if case.vetoes[stage.id].any():  # a stage where partners commit what they hold
        unmet = np.zeros(case.n)
        for d in st.demands:
            if not d.met:
                unmet[[case.index[x] for x in d.by]] = 1.0
        p[:, A["threaten_withdrawal"]] = T.threat.rate * hostile * prof.controls * \
            ~threatening_now(case, st) * (1.0 + T.threat.unmet_demand * unmet)
    for i in np.flatnonzero((rd.loss >= T.demand.min_loss) & (w[:, A["demand"]] > 0)):
        if _demand_wanted(case, st, i) is not None:
            p[i, A["demand"]] = T.demand.rate * rd.loss[i]
    if due and st.delays.get(stage.id, 0) < T.delay.per_stage:
        p[:, A["delay"]] = T.delay.rate * rd.opposed * forum
    p[:, A["ask_for_seat"]] = T.seat.rate * _wants_seat(ctx, prof)
    for i in grounds(ctx, prof, rd):
        p[i, A["refer_to_scrutiny"]] = T.scrutiny.rate * (0.5 + st.grievance[i])
    p[:, A["campaign"]] = T.campaign.rate * st.grievance * \
        (st.grievance >= T.campaign.min_grievance) * prof.marginal_allies
    p[:, A["complain"]] = T.complain.rate * (st.grievance + rd.opposed) * \
        ((st.grievance >= T.complain.min_grievance) | (rd.opposed > 0))
    return p * w


def threatening_now(case: Case, st: GameState) -> np.ndarray:
    """Who has a withdrawal threat standing (at any stage)."""
    return np.isin(case.ids, list(st.threats)) if st.threats else np.zeros(case.n, bool)


def decided(ctx: MoveContext) -> None:
    """The forum has decided: withdrawal threats made for this decision have been carried
    out or not, and lapse (a threat counts at the next decision only)."""
    st = ctx.state
    if st.threats:
        st.threats = {sid: at for sid, at in st.threats.items() if at != st.stage_at}


# -- what carries over from month to month ----------------------------------------------
def _carry_over(ctx: MoveContext) -> None:
    """Lobbying fades unless renewed; those waiting for a seat grow more aggrieved; a
    threat lapses once its author no longer opposes (or its stage is left before deciding,
    in a re-opened dispute)."""
    case, st = ctx.case, ctx.state
    if st.threats:
        s = ctx.stances().total
        support_at = case.scenario.rules.support_at
        st.threats = {sid: at for sid, at in st.threats.items()
                      if at == st.stage_at and s[case.index[sid]] <= -support_at}
    changed = False
    if st.lobbied.any():
        st.lobbied *= T.lobby.kept
        st.lobbied[np.abs(st.lobbied) < 1e-3] = 0.0
        changed = True
    if st.seat_asked.any() and _committee_ahead(ctx, profile(case)):
        waiting = st.seat_asked & ~_seated(ctx, profile(case))
        st.grievance[waiting] += T.seat.grievance
        changed = changed or bool(waiting.any())
    if changed:
        ctx.changed()


def _committee_ahead(ctx: MoveContext, prof: Profile) -> bool:
    """Is a committee still to decide (now or later)? Only then does a seat matter."""
    ids = ctx.case.stage_ids
    here = ids.index(ctx.state.stage_at)
    return any(c not in ctx.state.passed and ids.index(c) >= here for c in prof.committees)


def _seated(ctx: MoveContext, prof: Profile) -> np.ndarray:
    return prof.committee_seats | ctx.state.forum_extra


def _wants_seat(ctx: MoveContext, prof: Profile) -> np.ndarray:
    """Groups affected by the plan, left off a committee that is still to decide, who have
    not asked yet (before or during the committee stage)."""
    case, st = ctx.case, ctx.state
    if ctx.stage.kind not in ("board", "committee") or st.seat_asked.all() or \
            not _committee_ahead(ctx, prof):
        return np.zeros(case.n)
    stake = np.abs(case.stakes + st.stake_mod).max(axis=1)
    affected = stake >= TUNING.negotiation.affected_stake
    return stake * (affected & ~_seated(ctx, prof) & ~st.seat_asked)


def _side_deals(case: Case, st: GameState) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each person: the partner and component of their best side deal, and its size
    (the smaller of the two losses on a component neither has settled yet; 0: none).
    Partners are dominant - central, or controlling a resource and not marginal - and not
    rivals."""
    loss = np.maximum(0.0, -(case.stakes + st.stake_mod))  # (N, C)
    open_ = np.array([c not in st.settled for c in case.components])
    ok = profile(case).dominant[None, :] & (st.conflict <= 0)
    np.fill_diagonal(ok, False)
    both = np.minimum(loss[:, None, :], loss[None, :, :]) * ok[:, :, None] * open_
    both[both < T.side_deal.min_loss] = 0.0
    flat = both.reshape(case.n, -1)
    best = flat.argmax(axis=1)
    c = len(case.components)
    return best // c, best % c, flat.max(axis=1)


def _demand_wanted(case: Case, st: GameState, i: int) -> str | None:
    """What this person would demand (the inducement they value more that the director
    still has), or None if they have a demand standing or already made one."""
    sid = case.ids[i]
    if any(sid in d.by and (not d.met or d.event == f"action:{sid}") for d in st.demands):
        return None
    roles, resources = case.interests[i, 0], case.interests[i, 3]
    order = ["offer_funds", "offer_role"] if resources >= roles else ["offer_role", "offer_funds"]
    have = {"offer_role": st.roles > 0, "offer_funds": st.funds > 0}
    return next((k for k in order if have[k]), None)


def grounds(ctx: MoveContext, prof: Profile, rd: Reading) -> dict[int, tuple[str, str]]:
    """Each person's first grounds for a referral to scrutiny that they have not used yet:
    index -> (key, what they say). Those a consultation is meant for object to one that only
    announced the decision, or to one about to be skipped; anyone affected who loses by it
    (or is aggrieved) objects to a matter kept off the table or settled elsewhere first."""
    case, st = ctx.case, ctx.state
    stage = ctx.stage
    found: list[tuple[np.ndarray, str, str]] = []
    if st.consultation == "false":
        found.append((prof.expects_say, "announced",
                      "the consultation only announced a decision already made"))
    if stage.kind == "consultation" and st.consultation is None and \
            st.round >= stage.rounds + st.extra_rounds:
        found.append((prof.expects_say, f"withheld:{stage.id}", "the plan is about to be "
                      "decided without the consultation the rules require"))
    aggrieved = (st.grievance >= T.complain.min_grievance) | (rd.opposed > 0)
    for ep in st.episodes:
        if ep.type not in ("non_negotiation", "false") or not ep.affected:
            continue
        hit = np.zeros(case.n, bool)
        hit[[case.index[x] for x in ep.affected]] = True
        cols = [case.comp_index[c] for c in ep.components]
        losing = (case.stakes[:, cols] + st.stake_mod[:, cols]).min(axis=1) < \
            -TUNING.negotiation.affected_stake
        what = ("a matter that affects them was kept off the table"
                if ep.type == "non_negotiation" else
                "a forum was asked to approve what had been settled elsewhere")
        found.append((hit & (losing | aggrieved), f"episode:{ep.number}", what))
    out: dict[int, tuple[str, str]] = {}
    used = set(st.referrals)
    for mask, key, what in found:
        for i in np.flatnonzero(mask):
            if int(i) not in out and f"{case.ids[i]}:{key}" not in used:
                out[int(i)] = (key, what)
    return out


# -- performing an action ----------------------------------------------------------------
def perform(ctx: MoveContext, sid: str, kind: str) -> Event | None:
    """Have one person take one action now, if it applies (what `act` does for each person
    it draws; for tests and demonstrations). Returns its event."""
    if _perform(ctx, ctx.case.index[sid], kind, read(ctx)) is None:
        return None
    return ctx.events[-1]


#: actions that change what stances are made of (the others act on the process)
MOVES_STANCES = ("lobby", "side_deal", "demand", "campaign")


def _perform(ctx: MoveContext, i: int, kind: str, rd: Reading) -> set[int] | None:
    """Apply one action and record it as an event, with whose stance it moved; returns who
    took part (None: it no longer applied when its turn came this month). `rd` is the
    month's reading of everyone, from before anyone acted."""
    case, st = ctx.case, ctx.state
    before = ctx.stances().total.copy() if kind in MOVES_STANCES else None
    credibility = st.credibility
    done = _ACTIONS[kind](ctx, i, rd)
    if done is None:
        return None
    text, effects, who = done
    if before is not None:
        ctx.changed()
        delta = ctx.stances().total - before
        moved = {case.ids[j]: round(float(delta[j]), 4)
                 for j in np.flatnonzero(np.abs(delta) >= 0.005)}
        if moved:
            effects["support"] = moved
    if st.credibility != credibility:
        effects["credibility"] = round(st.credibility - credibility, 4)
    sid = case.ids[i]
    public = kind in PUBLIC
    seen = public or kind in TO_YOU or any(knows(case, st, ctx.moves, case.ids[j]) for j in who)
    ctx.events.append(ctx.event(
        "action", text, actor=sid, action=kind, public=public, seen=seen,
        channel="hidden" if kind in HIDDEN_CHANNELS else "formal", effects=effects))
    return who


Outcome = tuple[str, dict, set[int]] | None  # narrative, effects, who took part


def _lobby(ctx: MoveContext, i: int, rd: Reading) -> Outcome:
    case, st = ctx.case, ctx.state
    allies = np.flatnonzero(case.affinity[i] > 0)
    opposed = rd.opposed[i]
    if not len(allies) or opposed <= 0:
        return None
    shield = 1.0 - (T.air_cover_shield if st.air_cover else 0.0)
    pull = T.lobby.pull * opposed * case.affinity[i, allies] * shield
    st.lobbied[allies] = np.maximum(-T.lobby.cap, st.lobbied[allies] - pull)
    names = [case.ids[j] for j in allies]
    text = (f"{case.name(case.ids[i])} works on {join_names([case.name(x) for x in names])} "
            "behind the scenes, urging them to hold out against the plan.")
    if st.air_cover:
        text += " The Board's public backing for you takes some of the sting out of it."
    return text, {"allies": names}, {i}


def _side_deal(ctx: MoveContext, i: int, rd: Reading) -> Outcome:
    case, st = ctx.case, ctx.state
    partners, comps, size = _side_deals(case, st)
    if size[i] <= 0:
        return None
    j, c = int(partners[i]), int(comps[i])
    comp = case.components[c]
    for k in (i, j):
        loss = max(0.0, -(case.stakes[k, c] + st.stake_mod[k, c]))
        st.stake_mod[k, c] += T.side_deal.relief * loss
    episodes.side_deal(ctx, (case.ids[i], case.ids[j]), comp)
    name = case.scenario.plan.components[c].name
    text = (f"{case.name(case.ids[i])} and {case.name(case.ids[j])} reach a private "
            f"understanding on {name}: each will shield the other's share of it, whatever the "
            "forums later say. It is settled before any meeting takes it up.")
    return text, {"partner": case.ids[j], "settled": comp}, {i, j}


def _threaten(ctx: MoveContext, i: int, rd: Reading) -> Outcome:
    case, st = ctx.case, ctx.state
    sid = case.ids[i]
    if sid in st.threats:
        return None
    resource = case.stakeholder(sid).controls[0]
    st.threats[sid] = st.stage_at
    text = (f"{case.name(sid)} lets it be known, away from the meetings, that {resource} may "
            f"not be there for the plan: at the {ctx.stage.name}'s decision they can block it "
            "unless won round.")
    if st.air_cover:
        text += " With the Board behind you, they would have to be firmly opposed to carry it out."
    return text, {"threat": resource, "stage": st.stage_at}, {i}


_INDUCEMENT_WORDS = {"offer_role": "a leadership role", "offer_funds": "transitional funds"}


def private_demand(sid: str, wanted: str) -> Demand:
    """The price a person privately puts on their support (one place, so the batch engine's
    list of every demand a case can hold is made by the same rule)."""
    return Demand(event=f"action:{sid}", by=(sid,), requires=wanted, beneficiary=sid,
                  amount=T.demand.amount, note="demanded in private")


def _demand(ctx: MoveContext, i: int, rd: Reading) -> Outcome:
    case, st = ctx.case, ctx.state
    sid = case.ids[i]
    wanted = _demand_wanted(case, st, i)
    if wanted is None:
        return None
    st.demands.append(private_demand(sid, wanted))
    text = (f"{case.name(sid)} tells you privately that their support now has a price: "
            f"{_INDUCEMENT_WORDS[wanted]} for their organisation.")
    return text, {"demand": wanted}, {i}


def _delay(ctx: MoveContext, i: int, rd: Reading) -> Outcome:
    st = ctx.state
    stage = ctx.stage
    if st.delays.get(stage.id, 0) >= T.delay.per_stage:
        return None
    st.delays[stage.id] = st.delays.get(stage.id, 0) + 1
    st.extra_rounds += 1
    text = (f"{ctx.case.name(ctx.case.ids[i])} asks the {stage.name} for another month before "
            "it decides, and gets it: the decision moves back a round.")
    return text, {"extra_rounds": 1}, {i}


def _ask_for_seat(ctx: MoveContext, i: int, rd: Reading) -> Outcome:
    case, st = ctx.case, ctx.state
    st.seat_asked[i] = True
    committee = case.stage(profile(case).committees[0]).name if profile(case).committees \
        else "committee"
    text = (f"{case.name(case.ids[i])} writes formally asking for a seat on the {committee}: "
            "their organisation is affected by the plan and has no say in it. Their grievance "
            "will grow each month until the committee makes room for them.")
    return text, {"seat": True}, {i}


def _credibility_cost(st: GameState, amount: float) -> None:
    """What a formal challenge costs the director; air cover absorbs part of it."""
    shield = 1.0 - (T.air_cover_shield if st.air_cover else 0.0)
    st.credibility = max(0.0, st.credibility - amount * shield)


def _refer(ctx: MoveContext, i: int, rd: Reading) -> Outcome:
    case, st = ctx.case, ctx.state
    ground = grounds(ctx, profile(case), rd).get(i)
    if ground is None:
        return None
    key, what = ground
    sid = case.ids[i]
    st.referrals.append(f"{sid}:{key}")
    _credibility_cost(st, T.scrutiny.credibility)
    effects: dict = {"ground": key}
    text = f"{case.name(sid)} refers the process to scrutiny: {what}."
    stage = ctx.stage
    if stage.kind == "consultation":
        raised = min(T.scrutiny.max_threshold, st.scrutiny.get(stage.id, 0.0)
                     + T.scrutiny.threshold)
        st.scrutiny[stage.id] = raised
        effects["scrutiny"] = round(raised, 4)
        text += (f" The {stage.name} will now need a wider backing to pass, and if it fails "
                 "the dispute can go back to an earlier stage.")
    return text, effects, {i}


def _campaign(ctx: MoveContext, i: int, rd: Reading) -> Outcome:
    case, st = ctx.case, ctx.state
    allies = np.flatnonzero((case.affinity[i] > 0) & case.marginal)
    if not len(allies):
        return None
    st.grievance[allies] += T.campaign.spread * case.affinity[i, allies] * st.grievance[i]
    _credibility_cost(st, T.campaign.credibility)
    names = [case.ids[j] for j in allies]
    text = (f"{case.name(case.ids[i])} takes their objections to the local press and public "
            f"meetings; {join_names([case.name(x) for x in names])} "
            f"{'takes' if len(names) == 1 else 'take'} up the complaint.")
    return text, {"allies": names}, {i}


def _complain(ctx: MoveContext, i: int, rd: Reading) -> Outcome:
    st = ctx.state
    _credibility_cost(st, T.complain.credibility)
    text = (f"{ctx.case.name(ctx.case.ids[i])} lodges a formal complaint about how the "
            "partnership is handling the plan.")
    return text, {}, {i}


_ACTIONS: dict[str, Callable[[MoveContext, int, Reading], Outcome]] = {
    "lobby": _lobby, "side_deal": _side_deal, "threaten_withdrawal": _threaten,
    "demand": _demand, "delay": _delay, "ask_for_seat": _ask_for_seat,
    "refer_to_scrutiny": _refer, "campaign": _campaign, "complain": _complain,
}
assert set(_ACTIONS) == set(ACTION_KINDS)
