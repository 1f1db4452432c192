"""Stakeholders' own actions at a month's end for G games at once: `engine.agency.act` with a
game axis, leaving every game's state exactly as the reference leaves it, and drawing the
same dice (tests/test_batch_agency.py).

`act(bs, month_end, key, move, slot)` does, for each game whose month ends now in a forum
stage with months left, what the reference does to the state: what carries over (threats
lapse, lobbying fades, those waiting for a seat grow aggrieved), the month's reading of
everyone, the propensities (held action-major, `(A, G, N)`), one uniform per person from
the counter-based dice (engine.draws: slots `slot`, `slot + 1`, ... of the game's key and
move), the choice, and every action's effect on the state. No events: a game's log is
written later by replaying it through the reference engine.

How it keeps the reference's bits: each number is made by the reference's operations in the
reference's order (`x * y * z` as `(x * y) * z`; Python's `max(0.0, x)` as `x > 0 ? x : 0`;
a person's total over the actions in numpy's pairwise order, `pairwise_sum`), and the
stances come from engine.batch.stance, which equals the reference bit for bit.

What is sequential: the reference lets people act one after another, in person order, and
a person's action can change what a later one does in the same game (a side deal shields
its partner and settles a component, a campaign raises others' grievance, a delay uses up
the stage's delays, credibility falls step by step). So the actions run person by person
(N steps), each step over all games where that person acts, vectorised by action kind.
Only one thing loops over games, where the reference keeps text: a referral's key is
appended to the game's `referrals` (in a few games a month). A side deal's episode and its
component's settlement go into the batch's episode record and ledger for all its games at
once (engine.batch.episodes.write and settle). The grounds for a referral (engine.agency.grounds)
are read once a month from the episode record for all the games at once, as (game,
episode) pairs, and from each game's referrals (its words, read game by game).
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter

import numpy as np
from faultlines.engine import agency, episodes
from faultlines.engine.batch import worlds
from faultlines.engine.batch.compiled import CONSULTATIONS, PRIVATE_PRICES, BatchCase
from faultlines.engine.batch.episodes import Affected, settle, write
from faultlines.engine.batch.record import TYPES, EpisodeRecord, ledger_code
from faultlines.engine.batch.stance import (
    compute,
    pairwise_sum,
    row_any,
    row_max,
    stakes_of,
)
from faultlines.engine.batch.state import BatchState, rows_of
from faultlines.engine.domain import ACTION_KINDS, STAGE_KINDS
from faultlines.engine.draws import uniform_array
from faultlines.engine.tuning import TUNING

T = TUNING.agency
_A = agency.A
_FALSE_RUN = CONSULTATIONS.index("false")
#: the episodes a referral may object to (engine.agency.grounds)
GROUND_EPISODES = ("non_negotiation", "false")
#: the grounds before the episodes, in the reference's order (engine.agency.grounds)
_ANNOUNCED, _WITHHELD, _FIRST_EPISODE = 0, 1, 2
#: GROUND_EPISODES as the episode record's type codes
_GROUND_TYPES = np.array([TYPES.index(t) for t in GROUND_EPISODES])
_REFERRALS = itemgetter("referrals")
#: the arrays `act` writes (a partial batch is copied out, worked on, and these written back)
WRITES = ("lobbied", "grievance", "credibility", "stake_mod", "threat_at", "threat_rank",
          "demand_code", "demand_met", "delays", "extra_rounds", "seat_asked", "scrutiny",
          "scrutiny_set", "settled")


@dataclass(frozen=True, eq=False)
class AgencyCase:
    """The case's fixed facts the actions read (engine.agency.Profile), as batch arrays."""

    weights: np.ndarray  # (N, A) repertoire weights
    weights_t: np.ndarray  # (A, 1, N) the same, action-major, to weigh (A, G, N) blocks
    may: np.ndarray  # (A, N) bool: the action is in the person's repertoire
    controls: np.ndarray  # (N,) bool
    expects_say: np.ndarray  # (N,) bool
    committee_seats: np.ndarray  # (N,) bool
    dominant: np.ndarray  # (N,) bool
    allies: np.ndarray  # (N, N) bool
    allies_t: np.ndarray  # (N, N) float: allies.T, to count allies in a forum by matmul
    marginal_allies: np.ndarray  # (N,) bool
    ally_list: tuple[np.ndarray, ...]  # per person: their allies
    campaign_list: tuple[np.ndarray, ...]  # per person: their allies among marginal groups
    committees: np.ndarray  # stage codes of the committees
    forum_stage: np.ndarray  # (S,) bool: people act at the end of its months
    seat_stage: np.ndarray  # (S,) bool: a board or committee (a seat may be asked for)
    committee_stage: np.ndarray  # (S,) bool
    consultation_stage: np.ndarray  # (S,) bool
    veto_stage: np.ndarray  # (S,) bool: someone holds a veto there
    prefer_funds: np.ndarray  # (N,) bool: would ask for funds before a role
    private_code: np.ndarray  # (N, 2): demand template of each person's price, by PRIVATE_PRICES
    private_of: np.ndarray  # (D, N) bool: template d is person i's private price


def agency_case(bc: BatchCase) -> AgencyCase:
    """The case's action facts, built on first use and kept with the batch case."""
    found = bc.scratch.get("agency")
    if found is None:
        found = bc.scratch["agency"] = _build(bc)
    return found


def _build(bc: BatchCase) -> AgencyCase:
    case = bc.case
    prof = agency.profile(case)
    kinds = [STAGE_KINDS[k] for k in bc.stage_kind]
    private = np.array([[bc.demands.index(agency.private_demand(sid, wanted))
                         for wanted in PRIVATE_PRICES] for sid in bc.people])
    private_of = np.zeros((len(bc.demands), bc.n), bool)
    for i, row in enumerate(private):
        private_of[row, i] = True
    campaign = (case.affinity > 0) & case.marginal[None, :]
    return AgencyCase(
        weights=prof.weights, weights_t=np.ascontiguousarray(prof.weights.T[:, None, :]),
        may=prof.weights.T > 0, allies_t=np.ascontiguousarray(prof.allies.T * 1.0),
        controls=prof.controls, expects_say=prof.expects_say,
        committee_seats=prof.committee_seats, dominant=prof.dominant, allies=prof.allies,
        marginal_allies=prof.marginal_allies,
        ally_list=tuple(np.flatnonzero(case.affinity[i] > 0) for i in range(bc.n)),
        campaign_list=tuple(np.flatnonzero(campaign[i]) for i in range(bc.n)),
        committees=np.array([bc.stages.index(c) for c in prof.committees], np.int64),
        forum_stage=np.array([k in agency.FORUM_KINDS for k in kinds]),
        seat_stage=np.array([k in ("board", "committee") for k in kinds]),
        committee_stage=np.array([k == "committee" for k in kinds]),
        consultation_stage=np.array([k == "consultation" for k in kinds]),
        veto_stage=bc.vetoes.any(axis=1),
        prefer_funds=case.interests[:, 3] >= case.interests[:, 0],
        private_code=private, private_of=private_of)


# -- the month ----------------------------------------------------------------------------
def acting(bs: BatchState, month_end: np.ndarray) -> np.ndarray:
    """(G,) bool: the games whose stakeholders act now: their month ends in a forum stage
    with months left (engine.agency.act does nothing otherwise, and draws nothing)."""
    fx = agency_case(bs.bc)
    scenario = bs.stage < bs.bc.hiatus
    return month_end & scenario & fx.forum_stage[np.where(scenario, bs.stage, 0)] & \
        (bs.calendar > 0)


def act(bs: BatchState, month_end: np.ndarray, key: np.ndarray, move: np.ndarray,
        slot: np.ndarray) -> np.ndarray:
    """The month ends for the games in `month_end`: their stakeholders act (see the module
    docstring). `key`, `move`, `slot` (G,) name each game's next draw (its dice key, the
    move being played, the next unused slot); `move` is also the move an episode records.
    Returns every game's next unused slot afterwards (N more where people acted)."""
    return act_reading(bs, month_end, key, move, slot)[0]


def act_reading(bs: BatchState, month_end: np.ndarray, key: np.ndarray, move: np.ndarray,
                slot: np.ndarray) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray] | None]:
    """`act`, and the stances it read that still hold: the games (slots, ascending) where
    nobody did anything a stance reads, and their stance totals as the month's reading
    found them (None where nobody acted). A decision later in the same month's end need
    not work them out again where nothing else changed them (engine.batch.month)."""
    bc = bs.bc
    out = np.array(slot, np.int64)
    rows = np.flatnonzero(acting(bs, np.asarray(month_end, bool)))
    if not len(rows):
        return out, None
    u = uniform_array(np.asarray(key)[rows, None], np.asarray(move)[rows, None],
                      out[rows, None] + np.arange(bc.n))
    out[rows] += bc.n
    whole = len(rows) == bs.g
    m = bs if whole else _subset(bs, rows)
    month = Month(m, np.asarray(move, np.int64)[rows])
    month.carry_over()
    month.read()
    month.perform(choose(month.propensities(), u))
    if not whole:
        for k in WRITES:
            if m.arrays.read(k):  # one never read was never written
                bs.arrays[k][rows] = m.arrays[k]
    same = ~month.changed
    return out, (rows[same], month.stance[same])


def _subset(bs: BatchState, rows: np.ndarray) -> BatchState:
    """Some of the games, copied out (their side records are shared, not copied; each
    array only when first read: nothing changes the whole batch while they are used)."""
    return rows_of(bs, rows)


def choose(p: np.ndarray, u: np.ndarray) -> np.ndarray:
    """(G, N): each person's action code this month, -1 for none, from propensities `p`
    held action-major, (A, G, N) (engine.agency.choose: the chance of acting at all is
    capped at `max_act`). The reference sums each person's row of A with numpy's pairwise
    order, which `pairwise_sum` repeats block by block; its running sum is in sequence."""
    total = pairwise_sum(list(p))
    scale = np.where(total > T.max_act, T.max_act / np.maximum(total, 1e-12), 1.0)
    cum = p * scale
    for a in range(1, len(cum)):  # np.cumsum's running sum, block by block (quicker than
        np.add(cum[a - 1], cum[a], out=cum[a])  # its short loop per person along axis 0)
    return np.where(u < cum[-1], np.argmax(u < cum, axis=0), -1)


class Month:
    """One month's actions for a BatchState whose games all act (see `acting`): the steps
    of engine.agency.act as methods, in its order, so a test can compare each step."""

    def __init__(self, m: BatchState, move: np.ndarray):
        self.m, self.bc, self.fx = m, m.bc, agency_case(m.bc)
        self.move = move
        self.stage = m.stage
        self.every = np.arange(m.g)
        self.support_at = self.bc.case.scenario.rules.support_at
        self.seated = self.fx.committee_seats | m.forum_extra
        self.ahead = self._committee_ahead()
        self.settled = self._settled()
        self._wanted: np.ndarray | None = None
        self.moved = np.zeros(m.g, bool)  # what grounds read has moved this month
        #: the games where an action changed what a stance reads (after the reading)
        self.changed = np.zeros(m.g, bool)

    # -- engine.agency._carry_over ----------------------------------------------------
    def carry_over(self) -> None:
        """Threats lapse once their author no longer opposes (or their stage is left),
        lobbying fades, and those waiting for a seat on a committee still to decide grow
        more aggrieved."""
        m = self.m
        at = m.threat_at
        held = at >= 0
        games = np.flatnonzero(row_any(held))
        if len(games):  # their stances, as they stand before anything carries over
            total = compute(self.bc, _subset(m, games) if len(games) < m.g else m).total
            drop = held[games] & ~((at[games] == self.stage[games, None]) &
                                   (total <= -self.support_at))
            at[games] = np.where(drop, -1, at[games])
            m.threat_rank[games] = np.where(drop, -1, m.threat_rank.take(games, axis=0))
        lobbied = m.lobbied
        fading = row_any(lobbied != 0.0)
        if fading.any():
            faded = lobbied[fading] * T.lobby.kept
            faded[np.abs(faded) < 1e-3] = 0.0
            lobbied[fading] = faded
        asked = m.seat_asked
        grows = row_any(asked) & self.ahead
        if grows.any():
            m.grievance[asked & ~self.seated & grows[:, None]] += T.seat.grievance

    # -- engine.agency.read -----------------------------------------------------------
    def read(self) -> None:
        """Everyone's drivers this month (one stance computation), as `agency.Reading`."""
        s = compute(self.bc, self.m)
        stake = s.part("stake")
        loss = np.maximum(0.0, -(stake + s.part("compensation")))
        uncovered = np.where(stake < 0, loss / np.maximum(-stake, 1e-9), 0.0)
        total = s.total
        self.stance = total
        self.opposed = np.where(total <= -self.support_at, -total, 0.0)
        self.loss = loss
        self.uncovered = np.minimum(uncovered, 1.0)
        self.distrust = np.maximum(0.0, 1.0 + T.distrust * (1.0 - 2.0 * self.m.trust))
        self._grounds_table()

    # -- engine.agency.propensities ---------------------------------------------------
    def propensities(self) -> np.ndarray:
        """(A, G, N), action-major: each person's chance this month of each action in their
        repertoire (`propensities()[a, g]` is column a of the reference's (N, A) array)."""
        m, bc, fx = self.m, self.bc, self.fx
        stage = self.stage
        forum = self.forum()
        due = m.round >= bc.stage_rounds[stage] + m.extra_rounds
        p = np.zeros((len(ACTION_KINDS), m.g, bc.n))
        hostile = self.opposed * self.distrust
        p[_A["lobby"]] = T.lobby.rate * hostile * (forum @ fx.allies_t > 0)
        seeking = fx.may[_A["side_deal"]] & (self.uncovered > 0) & \
            (self.stance < self.support_at)
        pairs = np.nonzero(seeking)
        if len(pairs[0]):
            g, i = pairs
            size = self._deal_sizes(g, i)
            p[_A["side_deal"], g, i] = T.side_deal.rate * size * 2.0 * \
                self.uncovered[g, i] * self.distrust[g, i]
        veto = fx.veto_stage[stage]
        if veto.any():
            g = np.flatnonzero(veto)
            p[_A["threaten_withdrawal"], g] = T.threat.rate * hostile[g] * fx.controls * \
                ~(m.threat_at.take(g, axis=0) >= 0) * (1.0 + T.threat.unmet_demand * self._unmet(g))
        asking = (self.loss >= T.demand.min_loss) & fx.may[_A["demand"]]
        if asking.any():
            asking &= self.wanted() >= 0
            p[_A["demand"]] = np.where(asking, T.demand.rate * self.loss, 0.0)
        delaying = due & (m.delays[self.every, stage] < T.delay.per_stage)
        if delaying.any():
            g = np.flatnonzero(delaying)
            p[_A["delay"], g] = T.delay.rate * self.opposed[g] * forum[g]
        seat = fx.seat_stage[stage] & ~m.seat_asked.all(axis=1) & self.ahead
        if seat.any():
            g = np.flatnonzero(seat)
            stake = row_max(np.abs(stakes_of(bc, m, g)))
            affected = stake >= TUNING.negotiation.affected_stake
            p[_A["ask_for_seat"], g] = T.seat.rate * \
                (stake * (affected & ~self.seated[g] & ~m.seat_asked.take(g, axis=0)))
        if self.read_grounds:
            has = self.first_ground >= 0
            p[_A["refer_to_scrutiny"]] = np.where(
                has, T.scrutiny.rate * (0.5 + m.grievance), 0.0)
        grievance = m.grievance
        p[_A["campaign"]] = T.campaign.rate * grievance * \
            (grievance >= T.campaign.min_grievance) * fx.marginal_allies
        p[_A["complain"]] = T.complain.rate * (grievance + self.opposed) * \
            ((grievance >= T.complain.min_grievance) | (self.opposed > 0))
        p *= fx.weights_t
        return p

    def forum(self) -> np.ndarray:
        """(G, N): who decides at each game's stage (a committee with those added to it)."""
        return self.bc.forums[self.stage] | \
            (self.m.forum_extra & self.fx.committee_stage[self.stage][:, None])

    # -- engine.agency.act's loop and _perform ------------------------------------------
    def perform(self, chosen: np.ndarray) -> None:
        """Apply the chosen actions, person by person as the reference does (a side deal's
        partner takes no action of their own that month)."""
        took_part = np.zeros(chosen.shape, bool)
        for i in range(self.bc.n):
            todo = (chosen[:, i] >= 0) & ~took_part[:, i]
            if not todo.any():
                continue
            for a in np.unique(chosen[todo, i]):
                games = np.flatnonzero(todo & (chosen[:, i] == a))
                if a not in _KEEP_STANCES:
                    self.changed[games] = True
                partners = _ACTIONS[ACTION_KINDS[a]](self, games, i)
                if partners is not None:
                    took_part[partners] = True

    # -- the actions: each takes the games where person i does it -------------------------
    def lobby(self, games: np.ndarray, i: int) -> None:
        allies = self.fx.ally_list[i]
        opposed = self.opposed[games, i]
        games, opposed = games[opposed > 0], opposed[opposed > 0]
        if not len(allies) or not len(games):
            return
        shield = 1.0 - np.where(self.m.air_cover[games], T.air_cover_shield, 0.0)
        pull = T.lobby.pull * opposed[:, None] * self.bc.affinity[i, allies] * shield[:, None]
        at = np.ix_(games, allies)
        self.m.lobbied[at] = np.maximum(-T.lobby.cap, self.m.lobbied[at] - pull)

    def side_deal(self, games: np.ndarray, i: int) -> tuple[np.ndarray, np.ndarray]:
        """Returns (games, partner) of the deals struck: the partners took part."""
        m, bc = self.m, self.bc
        partner, comp, size = self._best_deals(games, np.full(len(games), i))
        ok = size > 0
        games, partner, comp = games[ok], partner[ok], comp[ok]
        self.moved[games] = True
        for k in (i, partner):
            x = -(worlds.stake_in(bc, m, games, k, comp) + m.stake_mod[games, k, comp])
            m.stake_mod[games, k, comp] += T.side_deal.relief * np.where(x > 0.0, x, 0.0)
        # episodes.settle_side_deal: its episode, then its component settled
        comps = np.arange(bc.c) == comp[:, None]
        present = (np.arange(bc.n) == partner[:, None]) | (np.arange(bc.n) == i)
        aff = Affected(bc, m.stake_mod.take(games, axis=0), comps, worlds.stakes(bc, m, games))
        kinds = write(m, games, "side_deal", "backstage", comps, present,
                      aff.inclusive(present), aff.hit, significant=True,
                      stage=self.stage[games], round_=m.round[games], move=self.move[games],
                      a=i, b=partner)
        if np.isin(kinds, _GROUND_TYPES).any():  # the grounds read at the month's start hold
            raise AssertionError("a side deal's episode became grounds for a referral")
        settle(m, games, comps, _deal_codes(bc, i)[partner])
        self.settled[games, comp] = True
        return games, partner

    def threaten_withdrawal(self, games: np.ndarray, i: int) -> None:
        m = self.m
        games = games[m.threat_at[games, i] < 0]
        m.threat_rank[games, i] = m.threat_rank.take(games, axis=0).max(axis=1) + 1  # made last
        m.threat_at[games, i] = self.stage[games]

    def demand(self, games: np.ndarray, i: int) -> None:
        m = self.m
        wanted = self.wanted()[games, i]
        games, wanted = games[wanted >= 0], wanted[wanted >= 0]
        raised = (m.demand_code.take(games, axis=0) >= 0).sum(axis=1)  # the demands held come first
        m.demand_code[games, raised] = self.fx.private_code[i, wanted]
        m.demand_met[games, raised] = False

    def delay(self, games: np.ndarray, i: int) -> None:
        m = self.m
        stage = self.stage[games]
        ok = m.delays[games, stage] < T.delay.per_stage
        games, stage = games[ok], stage[ok]
        m.delays[games, stage] += 1
        m.extra_rounds[games] += 1
        self.moved[games] = True

    def ask_for_seat(self, games: np.ndarray, i: int) -> None:
        self.m.seat_asked[games, i] = True

    def refer_to_scrutiny(self, games: np.ndarray, i: int) -> None:
        m, bc = self.m, self.bc
        ground = self.grounds_now(games, i)
        games, ground = games[ground >= 0], ground[ground >= 0]
        sid = bc.people[i]
        for g, k in zip(games.tolist(), ground.tolist(), strict=True):
            m.extras[g]["referrals"].append(f"{sid}:{self._ground_key(g, k)}")
        self._credibility_cost(games, T.scrutiny.credibility)
        games = games[self.fx.consultation_stage[self.stage[games]]]
        stage = self.stage[games]
        raised = np.where(m.scrutiny_set[games, stage], m.scrutiny[games, stage], 0.0) + \
            T.scrutiny.threshold
        top = T.scrutiny.max_threshold
        m.scrutiny[games, stage] = np.where(raised < top, raised, top)  # Python's min
        m.scrutiny_set[games, stage] = True

    def campaign(self, games: np.ndarray, i: int) -> None:
        allies = self.fx.campaign_list[i]
        if not len(allies):
            return
        m = self.m
        spread = (T.campaign.spread * self.bc.affinity[i, allies]) * m.grievance[games, i, None]
        m.grievance[np.ix_(games, allies)] += spread
        self.moved[games] = True
        self._credibility_cost(games, T.campaign.credibility)

    def complain(self, games: np.ndarray, i: int) -> None:
        self._credibility_cost(games, T.complain.credibility)

    def _credibility_cost(self, games: np.ndarray, amount: float) -> None:
        """engine.agency._credibility_cost: air cover absorbs part of it."""
        m = self.m
        shield = 1.0 - np.where(m.air_cover[games], T.air_cover_shield, 0.0)
        left = m.credibility[games] - amount * shield
        m.credibility[games] = np.where(left > 0.0, left, 0.0)  # Python's max(0.0, x)

    # -- what the propensities and actions read ----------------------------------------
    def _committee_ahead(self) -> np.ndarray:
        """(G,): is a committee still to decide, now or later (agency._committee_ahead)?"""
        c = self.fx.committees
        return ((self.m.passed[:, c] < 0) & (c[None, :] >= self.stage[:, None])).any(axis=1)

    def _settled(self) -> np.ndarray:
        """(G, C): the components settled outside the forums (the ledger)."""
        return self.m.settled >= 0

    def _best_deals(self, g: np.ndarray, i: np.ndarray
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For person i[q] of game g[q]: the partner and component of their best side deal
        and its size (agency._side_deals, one row of it per pair)."""
        m, bc = self.m, self.bc
        q = np.arange(len(g))
        # (Q, N, C)
        loss = np.maximum(0.0, -(worlds.stakes(bc, m, g) + m.stake_mod.take(g, axis=0)))
        ok = self.fx.dominant[None, :] & (m.conflict[g, i, :] <= 0)
        ok[q, i] = False
        both = np.minimum(loss[q, i][:, None, :], loss) * ok[:, :, None] * \
            ~self.settled[g][:, None, :]
        both[both < T.side_deal.min_loss] = 0.0
        flat = both.reshape(len(g), -1)
        best = flat.argmax(axis=1)
        return best // bc.c, best % bc.c, flat.max(axis=1)

    def _deal_sizes(self, g: np.ndarray, i: np.ndarray) -> np.ndarray:
        """`_best_deals(g, i)[2]` alone, component by component: the largest of the same
        values (a max is the same number whatever order it is taken in; np.maximum
        propagates NaN as the max does), without a (Q, N, C) block masked along its short
        last axis."""
        m, bc = self.m, self.bc
        q = np.arange(len(g))
        # (Q, N, C)
        loss = np.maximum(0.0, -(worlds.stakes(bc, m, g) + m.stake_mod.take(g, axis=0)))
        ok = self.fx.dominant[None, :] & (m.conflict[g, i, :] <= 0)
        ok[q, i] = False
        free = ~self.settled[g]
        best = None
        for c in range(bc.c):
            both = np.minimum(loss[q, i, c][:, None], loss[:, :, c]) * ok * free[:, c, None]
            both[both < T.side_deal.min_loss] = 0.0
            best = both if best is None else np.maximum(best, both)
        return best.max(axis=1)

    def _unmet(self, g: np.ndarray) -> np.ndarray:
        """(len(g), N) 1.0 for those named in an unmet demand, else 0.0."""
        code, met = self.m.demand_code.take(g, axis=0), self.m.demand_met.take(g, axis=0)
        named = np.zeros((len(g), self.bc.n), bool)
        for slot in range(int((code >= 0).sum(axis=1).max(initial=0))):
            open_ = (code[:, slot] >= 0) & ~met[:, slot]
            named |= (self.bc.demand_by[np.where(open_, code[:, slot], 0)] > 0) & \
                open_[:, None]
        return named * 1.0

    def wanted(self) -> np.ndarray:
        """(G, N): what each would demand, as a PRIVATE_PRICES index, or -1 if they have a
        demand standing or made one already, or the director has neither
        (agency._demand_wanted). Worked out once a month: within it only private demands
        are raised, each by and for its own author, who acts once, and the director's
        roles and funds do not change."""
        if self._wanted is None:
            m, fx = self.m, self.fx
            standing = np.zeros((m.g, self.bc.n), bool)
            for slot in range(int((m.demand_code >= 0).sum(axis=1).max(initial=0))):
                code = m.demand_code[:, slot]
                held = code >= 0
                k = np.where(held, code, 0)
                standing |= (self.bc.demand_by[k] > 0) & held[:, None] & \
                    (~m.demand_met[:, slot, None] | fx.private_of[k])
            role = PRIVATE_PRICES.index("offer_role")
            funds = PRIVATE_PRICES.index("offer_funds")
            has_role, has_funds = (m.roles > 0)[:, None], (m.funds > 0)[:, None]
            prefer = fx.prefer_funds
            if m.cases is not None:  # each game's world: agency._demand_wanted reads them
                interests = worlds.interests(self.bc, m)
                prefer = interests[..., 3] >= interests[..., 0]
            first = np.where(prefer, funds, role)
            has_first = np.where(prefer, has_funds, has_role)
            has_second = np.where(prefer, has_role, has_funds)
            wanted = np.where(has_first, first, np.where(has_second, role + funds - first, -1))
            self._wanted = np.where(standing, -1, wanted)
        return self._wanted

    def _grounds_table(self) -> None:
        """Read the grounds a referral can cite from each game's records (the episodes
        a matter was kept off or settled elsewhere in, and what each person has referred
        already), once a month: within it only the actor's own referral is added, and a
        person acts once; a side deal's episode is never grounds (it is not planned).
        The citable episodes of all the games are read at once, as (game, episode) pairs
        in game order, each game's in the order recorded; only the referrals (a per-game
        record of words) are read game by game."""
        m, n = self.m, self.bc.n
        self.read_grounds = False
        if not self.fx.may[_A["refer_to_scrutiny"]].any():
            return
        citable = _citable(m.record, self.every)
        counts = citable.sum(axis=1)
        pg, pe = np.nonzero(citable)  # row-major: game by game, episodes in order
        rows = m.record.games(pg)
        a = m.record.a
        start = np.cumsum(counts) - counts  # each game's first pair
        self.pair_game = pg
        self.pair_slot = _FIRST_EPISODE + np.arange(len(pg)) - start[pg]
        self.pair_hit = a["affected"][rows, pe]
        self.pair_cols = a["comps"][rows, pe]
        self.pair_used = np.zeros((len(pg), n), bool)
        self.pair_number = pe + 1  # the episode's number (agency.grounds' words)
        self.pair_start = start
        self.read_grounds = True
        self.width = _FIRST_EPISODE + int(counts.max(initial=0))
        self.used_announced = np.zeros((m.g, n), bool)
        self.used_withheld = np.zeros((m.g, n), bool)
        index, stages = self.bc.case.index, self.bc.stages
        refs_of = list(map(_REFERRALS, m.extras))
        for g in np.flatnonzero(np.fromiter(map(len, refs_of), np.int64, len(refs_of))).tolist():
            refs = refs_of[g]
            numbers = None
            for ref in refs:
                sid, key = ref.split(":", 1)  # ids have no colon (engine.schema.Ident)
                i = index[sid]
                if key == "announced":
                    self.used_announced[g, i] = True
                elif key.startswith("withheld:"):
                    if stages.index(key.split(":", 1)[1]) == self.stage[g]:
                        self.used_withheld[g, i] = True
                else:
                    if numbers is None:
                        first = start[g]
                        numbers = {f"episode:{x}": first + q for q, x in enumerate(
                            self.pair_number[first:first + counts[g]].tolist())}
                    self.pair_used[numbers[key], i] = True
        self.first_ground = self._grounds(self.every, slice(None))

    def _ground_key(self, g: int, slot: int) -> str:
        """The words a referral on this ground is recorded under (agency.grounds' keys)."""
        if slot == _ANNOUNCED:
            return "announced"
        if slot == _WITHHELD:
            return f"withheld:{self.bc.stages[self.stage[g]]}"
        return f"episode:{self.pair_number[self.pair_start[g] + slot - _FIRST_EPISODE]}"

    def grounds_now(self, g: np.ndarray, i: int) -> np.ndarray:
        """(len(g),): person i's first unused grounds now, as a ground slot or -1: as at
        the month's start, unless an earlier action this month moved what grounds read
        in that game (a campaign's grievance, a side deal's stakes, a delay's rounds)."""
        out = self.first_ground[g, i]
        again = self.moved[g]
        if again.any():
            out = out.copy()
            out[again] = self._grounds(g[again], i)
        return out

    def _grounds(self, g: np.ndarray, who: int | slice) -> np.ndarray:
        """Each person's (`who`: one, or a slice of people) first grounds for a referral
        they have not used yet, as a ground slot, or -1: (len(g),) or (len(g), N)
        (agency.grounds, with the state as it is now)."""
        m, bc, fx = self.m, self.bc, self.fx
        stage = self.stage[g]
        say = fx.expects_say[who]
        many = np.ndim(say) > 0
        found = np.zeros((len(g), self.width, *np.shape(say)), bool)
        false_run = m.consultation[g] == _FALSE_RUN
        found[:, _ANNOUNCED] = (false_run[:, None] if many else false_run) & say & \
            ~self.used_announced[g, who]
        withheld = fx.consultation_stage[stage] & (m.consultation[g] < 0) & \
            (m.round[g] >= bc.stage_rounds[stage] + m.extra_rounds[g])
        found[:, _WITHHELD] = (withheld[:, None] if many else withheld) & say & \
            ~self.used_withheld[g, who]
        where = np.full(m.g, -1)
        where[g] = np.arange(len(g))
        pick = np.flatnonzero(where[self.pair_game] >= 0)
        if len(pick):
            pg = self.pair_game[pick]
            aggrieved = (m.grievance[pg, who] >= T.complain.min_grievance) | \
                (self.opposed[pg, who] > 0)
            cols = self.pair_cols[pick]
            stakes = worlds.stakes(bc, m, pg)[..., who, :] + m.stake_mod[pg, who]  # (P, [N,] C)
            losing = _selected_min(stakes, cols[:, None, :] if many else cols) < \
                -TUNING.negotiation.affected_stake
            found[where[pg], self.pair_slot[pick]] = self.pair_hit[pick][:, who] & \
                ~self.pair_used[pick][:, who] & (losing | aggrieved)
        first = np.where(found[:, -1], self.width - 1, -1)  # the first found, from the end
        for slot in range(self.width - 2, -1, -1):  # (quicker than any and argmax along it)
            first = np.where(found[:, slot], slot, first)
        return first


_ACTIONS = {kind: getattr(Month, kind) for kind in ACTION_KINDS}
#: the actions that change nothing a stance reads (engine.batch.stance.compute): threats,
#: delays and rounds, seats asked, scrutiny and referrals, and credibility. Every other
#: action counts as changing the stances of the games it is taken in.
_KEEP_STANCES = frozenset(ACTION_KINDS.index(k) for k in (
    "threaten_withdrawal", "delay", "ask_for_seat", "refer_to_scrutiny", "complain"))


def _deal_codes(bc: BatchCase, i: int) -> np.ndarray:
    """(N,): the ledger's code for a side deal person i strikes with each partner (the
    reference's words: episodes.side_deal_ledger of episodes.deal_names)."""
    found = bc.scratch.get(("deal_codes", i))
    if found is None:
        found = bc.scratch["deal_codes", i] = np.array([
            ledger_code(bc, episodes.side_deal_ledger(episodes.deal_names(
                bc.case, (bc.people[i], bc.people[j])))) if j != i else -1
            for j in range(bc.n)], np.int64)
    return found


def _selected_min(values: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """`np.where(cols, values, inf).min(axis=-1)` taken column by column (a reduction
    along a short last axis runs a short loop per row): np.minimum propagates NaN as the
    reduction does, and only a zero's sign may differ, which a comparison never sees."""
    out = np.where(cols[..., 0], values[..., 0], np.inf)
    for j in range(1, values.shape[-1]):
        out = np.minimum(out, np.where(cols[..., j], values[..., j], np.inf))
    return out


def _citable(record: EpisodeRecord, idx: np.ndarray) -> np.ndarray:
    """(K, E) bool: the episodes of games idx a referral can cite (agency.grounds: a
    non-negotiation or a false one that affected someone)."""
    a, rows = record.a, record.games(idx)
    held = np.arange(record.capacity) < a["count"][rows][:, None]
    kind = a["type"][rows]
    out = held & (kind == _GROUND_TYPES[0])
    for t in _GROUND_TYPES[1:]:
        out |= held & (kind == t)
    k, e = np.nonzero(out)  # few: whom they affected read only for them
    out[k, e] = a["affected"][rows[k], e].any(axis=1)
    return out


