"""The research-style bots (engine.bots) for G games at once: each game gets exactly the move
the reference policy returns (tests/test_batch_bots.py).

The reference `skilled` walks its candidates best first and takes the first legal one
(`_first_legal`; none legal: the end of the round). Here the walk is a sequence of masks:
candidate by candidate, for the games not decided yet, the candidate is built as codes and
its legality asked of the kind's batch form (`engine.batch.moves.form(kind).legal`); the
games where it is legal take it. A game's candidates come in the reference's order, and a
game without a given candidate (no second ask, no stand-off...) simply skips it, so each
game's first legal candidate is the reference's. Every threshold is the reference's own
(`engine.bots.SKILLED`); every number is made by the reference's operations.

Two orders need care. The people worked on first are `np.argsort(-need)` in the reference,
numpy's default sort, which is not stable on every machine (x86-simd-sort breaks ties its
own way): the batch sorts each game's row with the same default sort along the last axis,
which runs the same kernel on each row as the reference does on its array (checked by the
tests). The pragmatic player's losers are sorted likewise on the subset the reference sorts
(grouped by subset, since the influence sorted is the case's).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from faultlines.engine.batch.compiled import BatchCase
from faultlines.engine.batch.moves import Chosen, form
from faultlines.engine.batch.moves.common import Facts
from faultlines.engine.batch.moves.forms import Form
from faultlines.engine.batch.radar import BatchRadar, radar
from faultlines.engine.batch.stance import pairwise_sum, row_any, row_count
from faultlines.engine.batch.state import BatchState
from faultlines.engine.batch.turn import Turn
from faultlines.engine.bots import SKILLED
from faultlines.engine.domain import STAGE_KINDS
from faultlines.engine.fault_lines import RELATIONSHIPS, RESOURCES, RESPONSIBILITIES, ROLES
from faultlines.engine.moves import MOVE_TYPES

#: which of the skilled player's candidates a game took (for tests: every one is reached)
BRANCHES = ("call_decision", "demand", "co_write_case", "consult", "answer",
            "answer_accept", "coalition_opponent", "air_cover", "one_to_one",
            "external_funding", "evidence_case", "offer_funds", "offer_role", "dialogue",
            "backstage", "tailored_frame", "recruit_champion", "coalition", "none",
            # the other policies' own moves
            "announce", "skip_to_decision", "refuse_ask", "amend_plan",
            # the simple players' (engine.batch.probes)
            "probe")
_CONSULTATION = STAGE_KINDS.index("consultation")


class Walk:
    """The candidates of G games, walked best first: `offer` a candidate to the games
    still walking that have it; those where it is legal take it. A game walks until it
    has `want` legal candidates (the skilled player stops at its first; `varied` looks at
    three); games that find none end the round."""

    def __init__(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, turn: Turn,
                 skip: tuple[str, ...] = (), want: int = 1):
        self.bc, self.bs, self.idx, self.turn = bc, bs, idx, turn
        k = len(idx)
        self.want, self.skip = want, skip
        self.open = np.ones(k, bool)
        self.found = np.zeros(k, np.int64)
        self.kind = np.full((k, want), bc.move_kinds.index("end_round"), np.int64)
        self.params = {p: np.full((k, want), -1, np.int64)
                       for p in ("target", "other", "component", "mode")}
        self.branches = np.full((k, want), BRANCHES.index("none"), np.int64)
        self.proven = np.zeros((k, want), bool)  # the candidate was found legal (`offer`)
        self.seen: np.ndarray | None = None  # (K, N) the stance totals its radar read
        self._facts: Facts | None = None  # what the shared check reads (read when first asked)

    @property
    def branch(self) -> np.ndarray:
        """(K,) which candidate each game's move is (BRANCHES)."""
        return self.branches[:, 0]

    def offer(self, branch: str, kind: str, valid: np.ndarray, *, mode: str | None = None,
              own_known: bool = False, at: np.ndarray | None = None,
              **params: np.ndarray | int) -> None:
        """Offer the candidate to the games still walking where `valid`. `at`: the games
        (rows) that `valid` and the parameters' arrays are of (every game when None);
        `own_known`: the kind's own check is known to pass there (read from the radar on
        this state)."""
        if kind in self.skip:
            return
        open_ = self.open if at is None else self.open[at]
        pos = np.flatnonzero(valid & open_)
        if not len(pos):
            return
        rows = pos if at is None else at[pos]
        if mode is not None:
            params["mode"] = MOVE_TYPES[kind].modes.index(mode)
        # a parameter is one code for every game or an array of one per game
        full = {p: _one_or_each(v, open_.shape) for p, v in params.items()}
        at_rows = {p: v if isinstance(v, int) else v[pos] for p, v in full.items()}
        f = form(kind)
        if isinstance(f, Form):  # the shared check read once per walk (`Facts`)
            if self._facts is None:
                self._facts = Facts(self.bc, self.bs, self.idx)
            ok = f.legal_at(self.bc, self.bs, self.idx, rows, self._facts, at_rows,
                            own_known=own_known)
        else:
            ok = f.legal(self.bc, self.bs, self.idx[rows],
                         Chosen.same(self.bc, kind, len(rows), **at_rows), self.turn)
        won = rows[ok]
        if not len(won):
            return
        won_at = pos[ok]
        found = self.found[won]
        self._put(won, found, branch, self.bc.move_kinds.index(kind),
                  {p: v if isinstance(v, int) else v[won_at] for p, v in full.items()})
        self.proven[won, found] = True
        self.found[won] += 1
        self.open[won] = self.found[won] < self.want

    def decide(self, rows: np.ndarray, branch: str, kind: str,
               params: dict[str, np.ndarray | int] | None = None) -> None:
        """These games' move is this one, whatever the walk found (a policy's own rule:
        no legality asked, the caller knows)."""
        self._put(rows, np.zeros(len(rows), np.int64), branch, self.bc.move_kinds.index(kind),
                  params or {})
        self.proven[rows, 0] = False  # not asked: the driver checks it
        self.found[rows] = np.maximum(self.found[rows], 1)
        self.open[rows] = False

    def _put(self, rows: np.ndarray, at: np.ndarray, branch: str, kind: int,
             params: dict[str, np.ndarray | int]) -> None:
        self.kind[rows, at] = kind
        for p, v in self.params.items():
            v[rows, at] = params.get(p, -1)
        self.branches[rows, at] = BRANCHES.index(branch)

    def chosen(self, pick: np.ndarray | int = 0) -> Chosen:
        """Each game's move: its `pick`-th legal candidate (the first by default)."""
        rows = np.arange(len(self.idx))
        p = self.params
        return Chosen(self.kind[rows, pick], p["target"][rows, pick], p["other"][rows, pick],
                      p["component"][rows, pick], p["mode"][rows, pick],
                      proven=self.proven[rows, pick], seen=self.seen)


def _one_or_each(v: np.ndarray | int, shape: tuple[int]) -> np.ndarray | int:
    """A parameter as one code for every game (an int) or one per game ((K,) int64)."""
    if isinstance(v, (int, np.integer)):
        return int(v)
    a = np.asarray(v, np.int64)
    if a.ndim == 0:
        return int(a)
    return a if a.shape == shape else np.broadcast_to(a, shape)


# -- the skilled player ----------------------------------------------------------------------
def skilled(bc: BatchCase, bs: BatchState, idx: np.ndarray,
            moves: Sequence[list[dict[str, Any]]], turn: Turn) -> Chosen:
    """engine.bots.skilled for games idx (`moves` and `turn` by slot, as `Turn.moves`)."""
    return walk_skilled(bc, bs, idx, moves, turn).chosen()


def walk_skilled(bc: BatchCase, bs: BatchState, idx: np.ndarray,
                 moves: Sequence[list[dict[str, Any]]], turn: Turn,
                 skip: tuple[str, ...] = (), br: BatchRadar | None = None,
                 w: Walk | None = None) -> Walk:
    """The skilled player's walk (engine.bots._skilled_moves then _first_legal), leaving
    out the kinds in `skip`; continues `w` when given (a policy that tried its own first)."""
    idx = np.asarray(idx, np.int64)
    br = radar(bc, bs, idx, moves) if br is None else br
    w = Walk(bc, bs, idx, turn, skip) if w is None else w
    w.seen = br.true_totals  # on this very state: a decision, a champion may read them
    deadlocked = br.deadlocked
    w.offer("call_decision", "call_decision", _room_is_there(br, deadlocked))
    for slot in range(_slots_held(br)):  # unlock what only a specific move unlocks
        unmet = br.demand_held[:, slot] & ~br.demand_met[:, slot]
        requires, beneficiary = br.demand_slot(slot)
        for kind in SKILLED.unlocks:
            w.offer("demand", kind, unmet & (requires == bc.move_kinds.index(kind)),
                    target=beneficiary)
    if deadlocked.any():
        target, other = _standoff_pair(bc, br, deadlocked)
        w.offer("co_write_case", "co_write_case", deadlocked, target=target, other=other)
    w.offer("consult", "consult", (br.stage_kind == _CONSULTATION) & (br.consultation < 0),
            mode="genuine")
    _answers(w, br)
    if not w.open.any():  # every game has its move: what follows would offer to nobody
        return w
    powerful = row_any(br.can_block & br.known & (br.estimate <= SKILLED.opponent_at))
    coalition = _coalition(br)
    w.offer("coalition_opponent", "build_coalition",
            powerful & ~row_any(br.coalition) & coalition)
    threatened = row_any(br.can_block & ~br.vetoes_here &
                         (br.estimate <= SKILLED.threat_at))
    w.offer("air_cover", "air_cover", threatened & ~br.air_cover)
    _win_over(bc, w, br)
    if not w.open.any():
        return w
    supporters = (br.estimate > SKILLED.champion_at) & ~br.champion & \
        (bc.affinity.sum(axis=1) > SKILLED.allies_min)
    w.offer("recruit_champion", "recruit_champion", row_any(supporters),
            target=supporters.argmax(axis=1))
    w.offer("coalition", "build_coalition", coalition)
    return w


def _slots_held(br: BatchRadar) -> int:
    """How many demand slots any game holds (they fill from the first): a later slot
    holds nothing to offer anywhere."""
    raised = br.demand_held.any(axis=0)
    return int(np.flatnonzero(raised)[-1]) + 1 if raised.any() else 0


def _room_is_there(br: BatchRadar, deadlocked: np.ndarray) -> np.ndarray:
    """engine.bots._room_is_there: enough of the forum's weight seems to support (counted
    with the whole band where the forum has said no here), nobody who can block seems
    against, every demand is met and every ask answered."""
    k = SKILLED
    n = br.estimate.shape[1]
    w = br.influence * br.in_forum
    band = np.where(br.refusals > 0, k.room_band_refused, k.room_band)[:, None]
    sure = w * (br.estimate - br.uncertainty * band >= k.room_support)
    total = pairwise_sum([w[:, i] for i in range(n)])
    share = pairwise_sum([sure[:, i] for i in range(n)]) / \
        np.where(k.room_floor > total, k.room_floor, total)  # max(w.sum(), floor)
    blockers = row_any(br.can_block & (br.estimate - br.uncertainty <= k.room_blocker))
    unmet = row_any(br.demand_held & ~br.demand_met) | row_any(br.ask_open)
    room = (share >= br.threshold + k.room_margin) & ~blockers & ~unmet
    room &= (br.stage_kind != _CONSULTATION) | (br.consultation >= 0)
    return room & (br.stage_kind != STAGE_KINDS.index("briefing")) & ~deadlocked


def _standoff_pair(bc: BatchCase, br: BatchRadar, deadlocked: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray]:
    """The stand-off's two members who seem most for the plan, in the order Python's
    stable `sorted` by -estimate gives them (engine.bots._skilled_moves)."""
    target = np.full(len(deadlocked), -1, np.int64)
    other = target.copy()
    for t, so in enumerate(bc.standoffs):
        rows = np.flatnonzero(deadlocked & (br.standoff == t))
        if not len(rows):
            continue
        members = np.array([bc.case.index[s] for s in so.members], np.int64)
        order = np.argsort(-br.estimate[rows][:, members], axis=1, kind="stable")
        target[rows] = members[order[:, 0]]
        other[rows] = members[order[:, 1]]
    return target, other


def _answers(w: Walk, br: BatchRadar) -> None:
    """engine.bots._answers (accept_all=False): each open ask in order, accepted where the
    component keeps enough ambition, else negotiated and then accepted. The ask is open on
    this state (the radar's asks are `consultation.pending`'s), so answer_ask's own check
    passes and is not asked again."""
    rows = np.arange(len(w.idx))
    for m in range(br.ask_component.shape[1]):
        open_ = br.ask_open[:, m]
        if not (open_ & w.open).any():  # offered to nobody
            continue
        comp = br.ask_component[:, m]
        accept = br.ambition[rows, np.maximum(comp, 0)] >= SKILLED.accept_ambition
        w.offer("answer", "answer_ask", open_ & accept, component=comp, mode="accept",
                own_known=True)
        w.offer("answer", "answer_ask", open_ & ~accept, component=comp, mode="negotiate",
                own_known=True)
        w.offer("answer_accept", "answer_ask", open_ & ~accept, component=comp,
                mode="accept", own_known=True)


def _coalition(br: BatchRadar) -> np.ndarray:
    """engine.bots._coalition's condition: enough marginal supporters outside one."""
    backers = (br.estimate > SKILLED.coalition_support) & br.marginal & ~br.coalition
    return row_count(backers) >= SKILLED.coalition_size


def _win_over(bc: BatchCase, w: Walk, br: BatchRadar) -> None:
    """engine.bots._win_over: the people who matter most now, by need, up to `targets`
    (stopping once no game is walking: an offer to nobody changes nothing). Worked out
    for the games still walking only (`o`): each game's row is its own."""
    k = SKILLED
    o = np.flatnonzero(w.open)
    estimate = br.estimate.take(o, axis=0)
    weight = bc.influence * (br.in_forum.take(o, axis=0) +
                             k.future_weight * br.future_vetoes.take(o, axis=0) +
                             k.base_weight)
    need = weight * (k.need_ceiling - np.clip(estimate, -1, k.need_ceiling))
    order = np.argsort(-need, axis=1)  # numpy's default sort, row by row, as the reference
    # need sorted from the largest (NaN last): those above the minimum are the first of
    # each row, so the p-th wanted is the p-th in order, if the row has more than p
    above = row_count(need > k.need_min)
    known_o, ahead = br.known[o], np.arange(len(o))
    for p in range(min(k.targets, order.shape[1])):
        if not w.open.any():  # the rest would be offered to nobody
            return
        has = above > p
        i = np.where(has, order[:, p], order[:, 0])  # none wanted: never offered
        known = has & known_o[ahead, i]
        w.offer("one_to_one", "one_to_one", has & ~known, target=i, at=o)
        # what follows goes only to games with a known person still walking: each game's
        # row is its own, so the rest are not worked out
        here = np.flatnonzero(known & w.open[o])
        if not len(here):
            continue
        sel, t = o[here], i[here]
        stakes = br.stakes_of(sel, t)  # (S, C): br.stakes[sel, t]
        at = np.arange(len(sel))
        worst = np.argmin(stakes, axis=1)
        w.offer("external_funding", "external_funding",
                (stakes[at, worst] < k.loss_at) & (br.external[sel] > 0), component=worst,
                at=sel)
        doubted = np.argmax(np.abs(stakes) * (1.0 - br.evidence[sel]), axis=1)
        w.offer("evidence_case", "evidence_case",
                (br.evidence_need_of(sel, t) > k.doubt_need) &
                (br.evidence[sel, doubted] < k.evidence_enough), component=doubted, at=sel)
        _compensate(bc, w, br, o, i, known & (estimate[ahead, i] < k.comfortable))
        w.offer("tailored_frame", "tailored_frame",
                known & (br.frame_uses[o, i] < k.frames_max), target=i, at=o)


def _compensate(bc: BatchCase, w: Walk, br: BatchRadar, rows: np.ndarray, i: np.ndarray,
                valid: np.ndarray) -> None:
    """engine.bots._compensate for person i[s] of game rows[s]: answer the loss in the R
    it lies in, if it is what stands between them and support. Worked out only for the
    games it can be offered to (valid and still walking): each game's row is its own."""
    here = np.flatnonzero(valid & w.open[rows])
    if not len(here):  # every offer below would go to nobody
        return
    k = SKILLED
    r, t = rows[here], i[here]
    left = br.at_stake_of(r, t)  # (S, 4): br.at_stake[r, t]
    short = k.comfortable - br.estimate[r, t]
    total = pairwise_sum([left[:, c] for c in range(4)])
    floor = k.loss_share * short
    floor = np.where(floor > k.loss_min, floor, k.loss_min)  # max(loss_min, floor)
    go = np.isfinite(left).all(axis=1) & ~(total < floor)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = left / total[:, None]
    role = share[:, ROLES] + share[:, RESPONSIBILITIES]
    ties, money = share[:, RELATIONSHIPS], share[:, RESOURCES]
    # max(((funds, money), (role, role), (relationship, ties)), key=...): the first largest
    best = np.zeros(len(here), np.int64)
    top = money
    best = np.where(role > top, 1, best)
    top = np.where(role > top, role, top)
    best = np.where(ties > top, 2, best)
    reserve = _reserve_role_at(bc)[br.stage_kind[r]]
    spare_role = br.roles[r] > np.where(reserve, 1, 0)
    rival = br.conflict[r, t] > k.rivalry_at
    w.offer("offer_funds", "offer_funds", go & (best == 0) & (br.funds[r] > 0), target=t,
            at=r)
    w.offer("offer_role", "offer_role", go & (best == 1) & spare_role, target=t, at=r)
    ties_go = go & (best == 2)
    w.offer("dialogue", "dialogue", ties_go & row_any(rival), target=t,
            other=rival.argmax(axis=1), at=r)
    w.offer("backstage", "backstage", ties_go, target=t, at=r)


def _reserve_role_at(bc: BatchCase) -> np.ndarray:
    """(stage kinds,) where the skilled player keeps a role in reserve (SKILLED)."""
    found = bc.scratch.get("reserve_role_at")
    if found is None:
        found = np.isin(np.arange(len(STAGE_KINDS)),
                        [STAGE_KINDS.index(s) for s in SKILLED.reserve_role_at])
        found.setflags(write=False)
        bc.scratch["reserve_role_at"] = found
    return found


# -- the skilled player's variants (engine.bots) ------------------------------------------
def walk_hurried(bc: BatchCase, bs: BatchState, idx: np.ndarray,
            moves: Sequence[list[dict[str, Any]]], turn: Turn) -> Walk:
    """engine.bots.hurried: announce the consultation instead of opening it."""
    idx = np.asarray(idx, np.int64)
    br = radar(bc, bs, idx, moves)
    w = Walk(bc, bs, idx, turn)
    w.offer("announce", "consult", (br.stage_kind == _CONSULTATION) & (br.consultation < 0),
            mode="announce")
    w = walk_skilled(bc, bs, idx, moves, turn, br=br, w=w)
    consult = np.flatnonzero(w.kind[:, 0] == bc.move_kinds.index("consult"))
    consult = consult[w.branch[consult] != BRANCHES.index("announce")]
    w.decide(consult, "none", "end_round")
    return w


def walk_no_coalition(bc: BatchCase, bs: BatchState, idx: np.ndarray,
                 moves: Sequence[list[dict[str, Any]]], turn: Turn) -> Walk:
    """engine.bots.no_coalition: the skilled player's first legal candidate that is not a
    coalition (where skilled would not build one, its own move is that candidate)."""
    return walk_skilled(bc, bs, idx, moves, turn, skip=("build_coalition",))


def walk_skip_consultation(bc: BatchCase, bs: BatchState, idx: np.ndarray,
                      moves: Sequence[list[dict[str, Any]]], turn: Turn) -> Walk:
    """engine.bots.skip_consultation: where skilled would consult, call the decision if
    that is legal, else end the round."""
    idx = np.asarray(idx, np.int64)
    w = walk_skilled(bc, bs, idx, moves, turn)
    rows = np.flatnonzero(w.kind[:, 0] == bc.move_kinds.index("consult"))
    call = Chosen.same(bc, "call_decision", len(rows))
    ok = form("call_decision").legal(bc, bs, idx[rows], call, turn)
    w.decide(rows[ok], "skip_to_decision", "call_decision")
    w.decide(rows[~ok], "none", "end_round")
    return w


def walk_stonewall(bc: BatchCase, bs: BatchState, idx: np.ndarray,
              moves: Sequence[list[dict[str, Any]]], turn: Turn) -> Walk:
    """engine.bots.stonewall: refuse the first open ask (legal or not, as the reference
    returns it unchecked), else play skilled."""
    idx = np.asarray(idx, np.int64)
    br = radar(bc, bs, idx, moves)
    w = Walk(bc, bs, idx, turn)
    open_ = br.ask_open
    rows = np.flatnonzero(row_any(open_))
    comp = br.ask_component[rows, open_[rows].argmax(axis=1)] if len(rows) else rows
    w.decide(rows, "refuse_ask", "answer_ask",
             {"component": comp, "mode": MOVE_TYPES["answer_ask"].modes.index("refuse")})
    return walk_skilled(bc, bs, idx, moves, turn, br=br, w=w)


def walk_pragmatic(bc: BatchCase, bs: BatchState, idx: np.ndarray,
              moves: Sequence[list[dict[str, Any]]], turn: Turn) -> Walk:
    """engine.bots.pragmatic: scale back what the most influential forum losers lose most
    from, if legal; else play skilled."""
    k = SKILLED
    idx = np.asarray(idx, np.int64)
    br = radar(bc, bs, idx, moves)
    w = Walk(bc, bs, idx, turn)
    rows = np.arange(len(idx))
    losers = br.in_forum & (br.estimate < k.pragmatic_loser_at) & \
        (br.influence >= k.pragmatic_influence) & br.known
    # the reference's order: np.argsort(-influence[losers]) on each game's own subset
    found, which = np.unique(losers, axis=0, return_inverse=True)
    orders = []
    for mask in found:
        sub = np.flatnonzero(mask)
        orders.append(sub[np.argsort(-bc.influence[sub])])
    width = max((len(o) for o in orders), default=0)
    table = np.full((len(orders), width), -1, np.int64)
    for r, o in enumerate(orders):
        table[r, :len(o)] = o
    ranked = table[which.reshape(-1)]
    for p in range(width):
        i = ranked[:, p]
        has = i >= 0
        ii = np.maximum(i, 0)
        stakes = br.stakes_of(rows, ii)
        j = np.argmin(stakes, axis=1)
        w.offer("amend_plan", "amend_plan",
                has & (stakes[rows, j] < 0) & (br.ambition[rows, j] > k.pragmatic_ambition),
                component=j)
    return walk_skilled(bc, bs, idx, moves, turn, br=br, w=w)


def varied(bc: BatchCase, bs: BatchState, idx: np.ndarray,
           moves: Sequence[list[dict[str, Any]]], turn: Turn, variety: float,
           rngs: Sequence[np.random.Generator]) -> Chosen:
    """engine.bots.varied(variety): the skilled player's first three legal candidates, of
    which each game passes over the best with chance `variety`, and over the next likewise,
    drawing from its own generator (`rngs[g]`, by slot) exactly as the reference does."""
    idx = np.asarray(idx, np.int64)
    w = Walk(bc, bs, idx, turn, want=3)
    walk_skilled(bc, bs, idx, moves, turn, w=w)
    pick = np.zeros(len(idx), np.int64)
    choice = np.flatnonzero(w.found > 1)  # with one candidate or none nothing is drawn
    for r, g, found in zip(choice.tolist(), idx[choice].tolist(), w.found[choice].tolist(),
                           strict=True):
        k = 0
        while k + 1 < found and rngs[g].random() < variety:  # per game: its own generator
            k += 1
        pick[r] = k
    return w.chosen(pick)


#: the reference policy's name -> its batch walk (`Walk.chosen()` is each game's move)
WALKS = {"skilled": walk_skilled, "hurried": walk_hurried, "no-coalition": walk_no_coalition,
         "skip-consultation": walk_skip_consultation, "stonewall": walk_stonewall,
         "pragmatic": walk_pragmatic}


def play(policy: str, bc: BatchCase, bs: BatchState, idx: np.ndarray,
         moves: Sequence[list[dict[str, Any]]], turn: Turn) -> Chosen:
    """The named reference policy's move for games idx."""
    return WALKS[policy](bc, bs, np.asarray(idx, np.int64), moves, turn).chosen()
