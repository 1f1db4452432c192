"""What the parity tests of the moves' batch forms share (tests/test_batch_moves_*.py): real
moments a move is played (the state, the game's moves so far, the move's index and dice),
the same states stirred to reach rare branches, every move of some kinds with every value
of its parameters, the reference's answer to each, and the batch's answer to all of them in
one call per kind."""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from functools import cache
from typing import Any

import numpy as np
import yaml
from faultlines.engine import agency, consultation, episodes
from faultlines.engine.batch.compiled import PRIVATE_PRICES, BatchCase, batch_case
from faultlines.engine.batch.moves import Chosen, by_kind, form
from faultlines.engine.batch.state import EXTRAS, BatchState, pack
from faultlines.engine.batch.turn import Counters, Turn
from faultlines.engine.bots import drive, policy_named
from faultlines.engine.case import Case, compile_case
from faultlines.engine.context import MoveContext, StanceCache
from faultlines.engine.disputes import Ask
from faultlines.engine.domain import OUTCOMES
from faultlines.engine.draws import CounterDice
from faultlines.engine.loader import parse_scenario
from faultlines.engine.moves import MOVE_TYPES, Move
from faultlines.engine.negotiation import Episode
from faultlines.engine.simulate import game_seed
from faultlines.engine.state import GameState
from faultlines.engine.table import Table

from tests.batch_kit import REPO_SCENARIOS, assert_derived, case_named, midgame_states

#: every shipped case, then the trainer-style one
CASES = ("elm", "willow", "oak", "tutorial", "custom_flow")
#: a case whose authored demands ask for every move that can meet one (below)
DEMANDS = "elm_demands"
#: the policies whose mid-game states are tried (every third move, ends included)
STATE_POLICIES = ("skilled", "random", "pragmatic", "hurried")
#: the policies whose move moments are caught (the state just before a move, with the
#: game's moves so far and the move's dice)
MOMENT_POLICIES = ("skilled", "skip-consultation")


@contextmanager
def remembered_records() -> Iterator[None]:
    """While it lasts, each episode's and ask's `to_dict` is worked out once per object:
    they are frozen, so the answer cannot change, and most of a digest's time is theirs
    (the states compared share most of their records)."""
    saved = {cls: cls.to_dict for cls in (Episode, Ask)}
    memo: dict[int, tuple[Any, dict]] = {}

    def once(original):
        def to_dict(self):
            found = memo.get(id(self))
            if found is None or found[0] is not self:
                found = memo[id(self)] = (self, original(self))
            return found[1]
        return to_dict

    try:
        for cls, original in saved.items():
            cls.to_dict = once(original)
        yield
    finally:
        for cls, original in saved.items():
            cls.to_dict = original


def fast_copy(st: GameState) -> GameState:
    """A copy of the state that a rule may change without touching `st`: every array and
    container copied, the (frozen) records in them shared. GameState.copy's round trip
    through a dict, without its cost."""
    out = copy.copy(st)
    for f in fields(st):
        v = getattr(st, f.name)
        if isinstance(v, np.ndarray | list | dict):
            setattr(out, f.name, v.copy())
    return out


@dataclass(frozen=True)
class Moment:
    """A game just before a move: its state, the moves so far, the move's index and the
    move's counter-based dice (key, and the next slot: 0, nothing drawn yet)."""

    state: GameState
    moves: tuple[dict[str, Any], ...]
    move_index: int
    dice_key: int
    slot: int = 0
    tags: frozenset[str] = field(default_factory=frozenset)

    def context(self, case, st: GameState, move: Move | None = None, *,
                copied: bool = True) -> MoveContext:
        """A MoveContext as engine.game builds one (with `move`, the moves include it, as
        Game.play appends it before applying; not `copied`, only for a rule that changes
        nothing)."""
        dice = CounterDice(self.dice_key, self.move_index)
        dice.slot = self.slot
        moves = [*(copy.deepcopy(self.moves) if copied else self.moves),
                 *([move.to_dict()] if move else [])]
        return MoveContext(case=case, state=st, dice=dice, moves=moves,
                           stance_cache=StanceCache(case), move_index=self.move_index)


@cache
def demands_case() -> Case:
    """Elm whose authored demands ask for every move that can meet one: co-writing the case
    and a genuine consultation (for nobody in particular) beside Elm's own role for a
    provider, and funds for a named partner."""
    data = yaml.safe_load((REPO_SCENARIOS / "elm.yaml").read_text(encoding="utf-8"))
    data["id"] = DEMANDS
    more = {"catch22": {"kind": "demand", "targets": ["mhcp"], "requires": "co_write_case",
                        "amount": 0.2, "note": "A joint case first."},
            "rehab_deadlock": {"kind": "demand", "targets": ["vcs"],
                               "requires": "consult_genuine", "amount": 0.2,
                               "note": "Ask the community."}}
    for ev in data["events"]:
        if ev["id"] in more:
            ev["effects"].append(more[ev["id"]])
            if ev["id"] == "rehab_deadlock":
                ev["effects"].append({"kind": "demand", "targets": ["police"],
                                      "requires": "offer_funds", "beneficiary": "ambulance",
                                      "amount": 0.2, "note": "Money for the ambulances."})
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return compile_case(parse_scenario(text, f"<{DEMANDS}>"))


def case_of(case_id: str) -> Case:
    """A case of batch_kit, or the one above."""
    return demands_case() if case_id == DEMANDS else case_named(case_id)


@cache
def _caught(case_id: str, policy: str, games: int) -> tuple[Moment, ...]:
    case = case_of(case_id)
    bot = policy_named(policy)
    out: list[Moment] = []
    for k in range(games):
        seed = game_seed(41, k)
        table = Table.open(case, seed=seed, difficulty="standard", explain=False)
        rng = np.random.default_rng([seed, 3])
        played = 0
        while not table.over and played < 400:
            game = table._game
            if played % 2 == 0:
                out.append(Moment(game.state.copy(), tuple(copy.deepcopy(game.moves)),
                                  len(game.moves), game.dice_key, 0, frozenset({"moment"})))
            drive(table, bot, rng, max_moves=1, name=policy)
            played += 1
        out.append(Moment(table._game.state.copy(), tuple(copy.deepcopy(table._game.moves)),
                          len(table._game.moves), table._game.dice_key, 0,
                          frozenset({"moment", "over"})))
    return tuple(out)


def real(case_id: str, states_per_policy: int = 2, moment_games: int = 2) -> list[Moment]:
    """Real states (mid-game states of four policies, with a made-up move index and key)
    and real move moments, fresh copies."""
    out = []
    for p in STATE_POLICIES:
        if case_id == DEMANDS:  # not a batch_kit case: its moments stand in
            out += [Moment(m.state.copy(), m.moves, m.move_index, m.dice_key, m.slot,
                           m.tags) for m in _caught(case_id, p, 1)]
            continue
        for k, st in enumerate(midgame_states(case_id, p, states_per_policy)):
            out.append(Moment(st, (), st.moves_made + 1, 2**31 + 97 * k + 5, k % 3,
                              frozenset({"state"})))
    for p in MOMENT_POLICIES:
        out += [Moment(m.state.copy(), m.moves, m.move_index, m.dice_key, m.slot, m.tags)
                for m in _caught(case_id, p, moment_games)]
    return out


def stirred(case, moments: list[Moment], seed: int) -> list[Moment]:
    """The same moments with what the moves read redrawn: another stage (a forum, a
    briefing, a hiatus), the game over, capacity short, no roles, funds or outside money
    left, moves used at this stage, ambition at the edge of what can be cut, rivalries
    near their cap, private demands raised (some met), a stand-off (some broken), a
    consultation run or not, asks waiting (on matters settled elsewhere, some answered),
    items kept off, people added to a committee, credibility, trust and evidence near their
    bounds, scrutiny set, and signed zeros."""
    rng = np.random.default_rng(seed)
    bc = batch_case(case)
    mine = ("offer_role", "offer_funds", "everyone_gives", "set_agenda", "keep_off",
            "reconstitute", "consult", "external_funding")
    out = []
    for m in moments:
        st = m.state.copy()
        n, c = case.n, len(case.components)
        roll = rng.random()
        if roll < 0.45:  # another stage: any, or a consultation or committee one
            kinds = (None, "consultation", "committee")[int(rng.integers(3))]
            st.stage = str(rng.choice([s.id for s in case.scenario.stages
                                       if kinds in (None, s.kind)]))
            st.outcome = None
        elif roll < 0.51:
            st.last_stage = st.stage_at
            st.stage, st.hiatus_left, st.outcome = "hiatus", 1, None
        elif roll < 0.55:
            st.outcome = str(rng.choice(OUTCOMES))
        st.capacity = int(rng.integers(0, st.capacity_max + 1))
        st.roles, st.funds, st.external = (int(x) for x in rng.integers(0, 3, 3))
        st.stage_uses = {k: 1 for k in mine if rng.random() < 0.15}
        st.ambition = rng.choice([0.25, 0.3, 0.3000001, 0.55, 1.0], c)
        st.conflict = st.conflict.copy()
        for _ in range(3):
            i, j = rng.integers(0, n, 2)
            if i != j:
                st.conflict[i, j] = st.conflict[j, i] = rng.choice([0.97, 0.5, 0.0])
        held = {bc.demand_code(d) for d in st.demands}
        private = [agency.private_demand(sid, wanted) for sid in case.ids
                   for wanted in PRIVATE_PRICES]
        for d in [*private, *(d for d in bc.demands if d not in private)]:
            if rng.random() < 0.12 and bc.demand_code(d) not in held:
                st.demands.append(d if rng.random() < 0.7 else replace(d, met=True))
                held.add(bc.demand_code(d))
        if bc.standoffs and rng.random() < 0.7:
            st.standoff = bc.standoffs[int(rng.integers(len(bc.standoffs)))]
            if rng.random() < 0.2:
                st.standoff = st.standoff.broken()
        st.kept_off = [x for x in case.components if rng.random() < 0.15]
        st.forum_extra = rng.random(n) < 0.2
        if rng.random() < 0.15:  # every marginal group already on the committee
            st.forum_extra |= case.marginal
        st.credibility = float(rng.choice([0.01, 0.02, 0.5, 0.97, 1.0, st.credibility]))
        st.trust = np.where(rng.random(n) < 0.2, 0.98, st.trust)
        st.trust[rng.random(n) < 0.1] = 0.02
        st.grievance = np.where(rng.random(n) < 0.2, 0.05, st.grievance)
        st.grievance[rng.random(n) < 0.1] = -0.0
        st.agenda[rng.random(n) < 0.2] = -0.0
        st.compensation[rng.random(n) < 0.2] = -0.0
        st.evidence = np.where(rng.random(c) < 0.3, 0.9, st.evidence)
        st.calendar = int(rng.choice([0, 1, st.calendar]))
        st.scrutiny = {s: 0.05 for s in case.stage_ids if rng.random() < 0.2}
        for k in range(c):
            if rng.random() < 0.25:
                st.settled.setdefault(case.components[k], episodes.side_deal_ledger(
                    episodes.deal_names(case, case.ids[:2])))  # words a ledger can hold
        st.consultation = rng.choice([None, "genuine", "false", None, "genuine"])
        if st.consultation == "genuine" and rng.random() < 0.8:
            ctx = MoveContext(case=case, state=st, dice=CounterDice(0, 0), moves=[],
                              stance_cache=StanceCache(case))
            consultation.raise_asks(ctx)
            st.reopened = []  # only answering these asks re-opens a matter, once each
            st.asks = [a.answered(str(rng.choice(consultation.ANSWERS)))
                       if rng.random() < 0.25 else a for a in st.asks]
        out.append(Moment(st, m.moves, m.move_index, m.dice_key, m.slot,
                          m.tags | {"stirred"}))
    return out


def candidates(bc: BatchCase, kind: str) -> list[Move]:
    """Every move of the kind: each value of each parameter it takes (every person, pair,
    component and mode), one with its parameters missing, one with one it does not take."""
    typ = MOVE_TYPES[kind]
    values: dict[str, list] = {"target": list(bc.people), "other": list(bc.people),
                               "component": list(bc.components), "mode": list(typ.modes)}
    combos: list[dict[str, str]] = [{}]
    for p in typ.params:
        combos = [{**d, p: v} for d in combos for v in values[p]]
    out = [typ(**d) for d in combos]
    if typ.params:
        out.append(typ())  # nothing chosen
    spare = "component" if "component" not in typ.params else "target"
    out.append(typ(**{**combos[0], spare: values[spare][0]}))  # one it does not take
    return out


#: a refusal's reason as a category, by the start of the reference's words
REASONS = (("over", r"The game is over"), ("hiatus", r"The work is paused"),
           ("stage", r".* is only possible at"), ("used", r"You have already used"),
           ("capacity", r"Needs \d+ team capacity"), ("choose", r"Choose (a|two)"),
           ("takes no", r".* takes no"))


def reason_of(text: str) -> str:
    for name, pattern in REASONS:
        if re.match(pattern, text):
            return name
    return text  # the kind's own reason, in full


@dataclass
class Reference:
    """The reference's answers for rows (moment, move)."""

    legal: list[bool] = field(default_factory=list)
    cost: list[int] = field(default_factory=list)
    digest: list[str | None] = field(default_factory=list)
    slot: list[int] = field(default_factory=list)
    reasons: Counter = field(default_factory=Counter)
    applied: Counter = field(default_factory=Counter)
    branches: Counter = field(default_factory=Counter)


def reference(case, rows: list[tuple[Moment, Move]]) -> Reference:
    out = Reference()
    for m, move in rows:
        ctx = m.context(case, m.state, copied=False)  # checking changes nothing
        reason = move.check(ctx)
        out.legal.append(reason is None)
        out.cost.append(move.cost(ctx))
        if reason is not None:
            out.reasons[(move.kind, reason_of(reason))] += 1
            out.digest.append(None)
            out.slot.append(m.slot)
            continue
        out.applied[move.kind] += 1
        if move.kind in ("call_decision", "end_round"):
            out.digest.append(None)
            out.slot.append(m.slot)
            continue
        st = fast_copy(m.state)
        ctx = m.context(case, st, move)
        move.apply(ctx)
        out.digest.append(st.digest())
        out.slot.append(ctx.dice.slot)
        out.branches.update((move.kind, b) for b in branches(case, move, m.state, st))
    return out


def branches(case, move: Move, before: GameState, after: GameState) -> list[str]:
    """Which of the rare ways a move can go this application took (for coverage)."""
    out = [f"mode {move.mode}"] if move.mode else []
    if sum(d.met for d in after.demands) > sum(d.met for d in before.demands):
        out.append("met a demand")
    if len(after.reopened) > len(before.reopened):
        out.append("re-opened a settled matter")
    if after.credibility == 0.0 < before.credibility:
        out.append("credibility floored")
    if after.credibility == 1.0 > before.credibility:
        out.append("credibility capped")
    if (after.conflict > before.conflict).any():
        out.append("rivalry deepened")
        if ((after.conflict == 1.0) & (before.conflict < 1.0)).any():
            out.append("rivalry capped")
    if (after.grievance > before.grievance).any():
        out.append("grievance up")
    if ((after.trust == 1.0) & (before.trust < 1.0)).any():
        out.append("trust capped")
    if ((after.trust == 0.0) & (before.trust > 0.0)).any():
        out.append("trust floored")
    if ((after.grievance == 0.0) & (before.grievance > 0.0)).any():
        out.append("grievance floored")
    if ((after.evidence == 1.0) & (before.evidence < 1.0)).any():
        out.append("evidence capped")
    if (after.ambition < before.ambition).any():
        out.append("ambition cut")
        floor = min(0.25, float(after.ambition.min()))
        if ((after.ambition == floor) & (before.ambition - 0.25 < floor)).any():
            out.append("ambition floored")
    if (after.compensation > before.compensation).any():
        out.append("losers softened")
    if (after.compensation < before.compensation).any():
        out.append("winners gave")
    if len(after.episodes) > len(before.episodes):
        ep = after.episodes[-1]
        out.append(f"episode {ep.type}" + (" significant" if ep.significant else ""))
    if len(after.asks) and after.asks != before.asks:
        out.append("asks raised" if not before.asks or after.consultation !=
                   before.consultation else "ask answered")
    if set(after.scrutiny) > set(before.scrutiny):
        out.append("scrutiny set anew")
    if any(after.scrutiny[k] > v for k, v in before.scrutiny.items()):
        out.append("scrutiny raised")
    if after.calendar == before.calendar == 0 and move.mode == "genuine":
        out.append("calendar already out")
    return out


def replicate(bs: BatchState, rows: np.ndarray) -> BatchState:
    """Slot r holds a copy of game rows[r] (the side record's containers copied; what they
    hold is immutable)."""
    extras = []
    for i in rows.tolist():
        e = bs.extras[i]
        extras.append({k: (list(e[k]) if isinstance(e[k], list) else dict(e[k]))
                       for k in EXTRAS})
    return BatchState(bc=bs.bc, arrays={k: v[rows] for k, v in bs.arrays.items()},
                      extras=extras, record=bs.record.copy_rows(rows))


@dataclass
class Batch:
    """The batch's answers for the same rows."""

    legal: np.ndarray
    cost: np.ndarray
    bs: BatchState
    turn: Turn


def batch(case, moments: list[Moment], rows: list[tuple[int, Move]]) -> Batch:
    """Legality and cost of every row, in one call per kind, then every legal move (but
    those the driver plays) applied, in one call per kind, each to its own copy of its
    moment: many games, many moves at once."""
    bc = batch_case(case)
    base = pack(bc, [m.state for m in moments])
    which = np.array([k for k, _ in rows], np.int64)
    bs = replicate(base, which)
    ch = Chosen.of(bc, [mv for _, mv in rows])
    key = np.array([moments[k].dice_key for k in which.tolist()], np.int64)
    slot = np.array([moments[k].slot for k in which.tolist()], np.int64)
    mi = np.array([moments[k].move_index for k in which.tolist()], np.int64)
    turn = Turn(move_index=mi, scripts=lambda *a: None, counters=Counters(key, slot),
                moves=[[*moments[k].moves, mv.to_dict()] for k, mv in rows])
    legal = np.zeros(len(rows), bool)
    cost = np.zeros(len(rows), np.int64)
    everyone = np.arange(len(rows))
    for k, r in by_kind(ch):
        f = form(bc.move_kinds[k])
        legal[r] = f.legal(bc, bs, everyone[r], ch.take(r), turn)
        cost[r] = f.cost(bc, bs, everyone[r], ch.take(r))
    played = legal & ~np.isin(ch.kind, [bc.move_kinds.index(k)
                                         for k in ("call_decision", "end_round")])
    chosen = ch.take(np.flatnonzero(played))
    idx = np.flatnonzero(played)
    for k, r in by_kind(chosen):
        form(bc.move_kinds[k]).apply(bc, bs, idx[r], chosen.take(r), turn)
    return Batch(legal, cost, bs, turn)


def compare(case, moments: list[Moment], kinds: tuple[str, ...], *, shuffle: int = 0,
            untouched_every: int = 11) -> Reference:
    """Every move of `kinds` on every moment, in both engines: legality, cost, and for the
    legal ones the state after (digest) and the dice slot must be equal; a game whose move
    is refused (or played by the driver) is left as it was (checked on every
    `untouched_every`-th such row). With `shuffle` (a seed), the rows are in random order,
    so each call's games and moves are mixed. Returns the reference's answers (for the
    coverage assertions)."""
    bc = batch_case(case)
    rows = [(k, mv) for kind in kinds for mv in candidates(bc, kind)
            for k in range(len(moments))]
    if shuffle:
        order = np.random.default_rng(shuffle).permutation(len(rows))
        rows = [rows[r] for r in order.tolist()]
    with remembered_records():
        ref = reference(case, [(moments[k], mv) for k, mv in rows])
        got = batch(case, moments, rows)
        left = 0
        for r, (k, mv) in enumerate(rows):
            where = (case.scenario.id, k, sorted(moments[k].tags), mv.to_dict())
            assert bool(got.legal[r]) == ref.legal[r], where
            assert int(got.cost[r]) == ref.cost[r], where
            if ref.digest[r] is not None:
                assert got.bs.lend(r).digest() == ref.digest[r], where
                assert_derived(got.bs, r, where)  # what the state keeps beside its fields
            else:
                left += 1
                if left % untouched_every == 0:
                    assert got.bs.lend(r).digest() == moments[k].state.digest(), where
            assert int(got.turn.counters.slot[r]) == ref.slot[r], where
    return ref


@cache
def moments_of(case_id: str) -> list[Moment]:
    """A case's real moments and the same moments stirred (made once per test session)."""
    moments = real(case_id)
    return moments + stirred(case_of(case_id), moments, 5 + len(case_id))


@cache
def compared(case_id: str, kinds: tuple[str, ...]) -> Reference:
    """Every kind of `kinds` tried on the case's moments, once per test session (the
    compensation and process tests each read one case's comparison several times)."""
    return compare(case_of(case_id), moments_of(case_id), kinds)
