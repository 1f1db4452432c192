"""What the batch engine's parity tests share: a trainer-style scenario whose stage flow is
unlike the shipped ones, and real mid-game states from games bots played."""

from __future__ import annotations

import copy
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from faultlines.engine import flow, scripted
from faultlines.engine.batch.compiled import BatchCase, batch_case
from faultlines.engine.batch.state import BatchState
from faultlines.engine.batch.turn import Counters
from faultlines.engine.batch.view import stage_at
from faultlines.engine.bots import drive, policy_named
from faultlines.engine.case import Case, compile_case, load_case
from faultlines.engine.catalogue import shipped_ids
from faultlines.engine.context import MoveContext, StanceCache
from faultlines.engine.disputes import Ask
from faultlines.engine.domain import ACTION_KINDS, RS
from faultlines.engine.draws import COUNTER, CounterDice, Dice
from faultlines.engine.game import Game
from faultlines.engine.loader import parse_scenario
from faultlines.engine.moves import process
from faultlines.engine.simulate import game_seed
from faultlines.engine.stance import compute
from faultlines.engine.state import GameState
from faultlines.engine.table import Table

REPO_SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
POLICIES = ("skilled", "random", "pragmatic", "hurried", "challenge-only", "skip-consultation")


def _stage(sid: str, kind: str, rounds: int, **more) -> dict:
    return {"id": sid, "name": sid.title(), "kind": kind, "summary": f"The {sid}.",
            "rounds": rounds, "source": "Invented for a test: a trainer's own stage flow",
            **more}


@cache
def custom_case() -> Case:
    """Elm's people and events with a trainer's own stage flow: a Board whose failure means
    a hiatus, a second briefing mid-way, a committee that re-opens the Board, a
    consultation that re-opens the mid-way briefing, and a sign-off that re-opens the
    committee."""
    data = yaml.safe_load((REPO_SCENARIOS / "elm.yaml").read_text(encoding="utf-8"))
    old = {s["id"]: s for s in data["stages"]}
    data["id"] = "custom_flow"
    data["stages"] = [
        old["briefing"],
        {**old["board"], "on_fail": "hiatus"},
        _stage("recess", "briefing", 1),
        {**old["committee"], "on_fail": "reopen", "reopen_to": "board"},
        {**old["consultation"], "on_fail": "reopen", "reopen_to": "recess"},
        {**old["signoff"], "on_fail": "reopen", "reopen_to": "committee"},
    ]
    data["rules"] = {**data.get("rules", {}), "max_hiatus": 2, "hiatus_rounds": 1}
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return compile_case(parse_scenario(text, "<custom_flow>"))


@cache
def instant_case() -> Case:
    """Elm with stages that decide as soon as they are entered (a committee and a sign-off
    with no preparation rounds) and a hiatus of no months (the work resumes at once)."""
    data = yaml.safe_load((REPO_SCENARIOS / "elm.yaml").read_text(encoding="utf-8"))
    data["id"] = "instant_flow"
    for s in data["stages"]:
        if s["id"] in ("committee", "signoff"):
            s["rounds"] = 0
            # a low bar, so some games pass two stages in one decision (Elm's own bars are
            # tuned for play, and with them a committee entered cold rarely agrees)
            s["threshold"] = 0.45
    data["rules"] = {**data.get("rules", {}), "hiatus_rounds": 0}
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return compile_case(parse_scenario(text, "<instant_flow>"))


@cache
def repertoire_case() -> Case:
    """Elm with every stakeholder's repertoire authored: all nine actions, at weights from
    0.5 to 3 that differ from person to person, except one who never acts. So marginal
    groups strike side deals and threaten, central actors campaign and refer, and the
    weights are not all 1."""
    data = yaml.safe_load((REPO_SCENARIOS / "elm.yaml").read_text(encoding="utf-8"))
    data["id"] = "custom_repertoire"
    weights = (0.5, 1, 2, 3)
    for k, person in enumerate(data["stakeholders"]):
        person["repertoire"] = [] if k == 2 else [
            {kind: weights[(k + a) % len(weights)]} for a, kind in enumerate(ACTION_KINDS)]
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return compile_case(parse_scenario(text, "<custom_repertoire>"))


#: the trainer-style cases, by id
CUSTOM = {"custom_flow": custom_case, "instant_flow": instant_case,
          "custom_repertoire": repertoire_case}


def case_named(case_id: str) -> Case:
    """A shipped case, or one of the trainer-style ones above."""
    return CUSTOM[case_id]() if case_id in CUSTOM else load_case(case_id)


def cases() -> list[Case]:
    """Every shipped case, then the trainer-style one."""
    return [load_case(s) for s in shipped_ids()] + [custom_case()]


def midgame_states(case_id: str, policy: str, games: int, every: int = 3,
                   difficulty: str = "standard") -> list[GameState]:
    """The state after every `every`-th move of `games` games of a policy, the end of each
    game included (so outcomes, hiatuses and re-openings are among them). Fresh copies on
    every call: a test may change them without touching another test's."""
    return [st.copy() for st in _played(case_id, policy, games, every, difficulty)]


@cache
def _played(case_id: str, policy: str, games: int, every: int, difficulty: str
            ) -> tuple[GameState, ...]:
    case = case_named(case_id)
    bot = policy_named(policy)
    out: list[GameState] = []
    for k in range(games):
        seed = game_seed(17, k)
        table = Table.open(case, seed=seed, difficulty=difficulty, explain=False)
        rng = np.random.default_rng([seed, 7])
        played = 0
        while not table.over and played < 400:
            drive(table, bot, rng, max_moves=1, name=policy)
            played += 1
            if played % every == 0 or table.over:
                out.append(table._game.state.copy())
    return tuple(out)


# -- the moments a forum decides ----------------------------------------------------------
#: policies whose games reach every kind of decision: passes and conclusions (skilled), rushed
#: votes (hurried), a consultation never run (skip-consultation), blocks, hiatuses and stalls
#: (stonewall), decisions without a coalition's counterweight (no-coalition)
DECISION_POLICIES = ("skilled", "hurried", "skip-consultation", "stonewall", "no-coalition",
                     "random", "pragmatic")


@dataclass(frozen=True)
class DecisionPoint:
    """A game just before its forum counts, as engine.flow.decide sees it once the stage's
    remaining scenario events have fired: the state, the moves so far, and where the
    move's counter-based dice stand."""

    state: GameState
    moves: tuple[dict[str, Any], ...]
    move_index: int
    dice_key: int
    slot: int

    def dice(self) -> CounterDice:
        """The move's dice, where its earlier draws left them."""
        d = CounterDice(self.dice_key, self.move_index)
        d.slot = self.slot
        return d

    def context(self, case: Case, st: GameState) -> MoveContext:
        """A MoveContext as engine.game builds one, for `st` (this moment's state or a copy)."""
        return MoveContext(case=case, state=st, dice=self.dice(), moves=list(self.moves),
                           stance_cache=StanceCache(case), move_index=self.move_index)

    def decided_by_reference(self, case: Case) -> GameState:
        """engine.flow.decide on a copy of this moment: the state the reference leaves."""
        st = self.state.copy()
        machine = flow.flow_for(case)
        machine.bind(st)
        try:
            flow.decide(self.context(case, st))
        finally:
            machine.release(st)
        return st

    def fresh(self) -> DecisionPoint:
        """A copy whose state and moves a test may change."""
        return DecisionPoint(self.state.copy(), copy.deepcopy(self.moves), self.move_index,
                             self.dice_key, self.slot)


def decision_points(case_id: str, policy: str, games: int) -> list[DecisionPoint]:
    """Every decision of `games` games of a policy (called by a move or by a month that
    used up the stage's rounds), caught just before the count. Fresh copies per call."""
    return [p.fresh() for p in _decisions(case_id, policy, games)]


@contextmanager
def _watching(rule: str, found: list[DecisionPoint], before=None) -> Iterator[None]:
    """Run engine.flow's `rule` (decide or end_round) as usual, noting the state just
    before each call; `before(ctx)` runs first (for a decision: the scenario events it
    fires before the count, fired here so the count is caught after them; firing them
    again does nothing, so the game plays exactly as it would unwatched)."""
    original = getattr(flow, rule)

    def watched(ctx: MoveContext) -> None:
        if before is not None:
            ctx.events.extend(before(ctx))
        found.append(DecisionPoint(ctx.state.copy(), tuple(copy.deepcopy(ctx.moves)),
                                   ctx.move_index, ctx.dice.key, ctx.dice.slot))
        original(ctx)

    setattr(flow, rule, watched)
    setattr(process, rule, watched)
    try:
        yield
    finally:
        setattr(flow, rule, original)
        setattr(process, rule, original)


def _watching_decisions(found: list[DecisionPoint]):
    return _watching("decide", found, lambda ctx: scripted.fire(ctx, rest_of_stage=True))


def _watching_months(found: list[DecisionPoint]):
    return _watching("end_round", found)


@cache
def _decisions(case_id: str, policy: str, games: int) -> tuple[DecisionPoint, ...]:
    return _caught(case_id, policy, games, _watching_decisions, seeds=(29, 11))


def _caught(case_id: str, policy: str, games: int, watching, *, seeds: tuple[int, int]
            ) -> tuple[DecisionPoint, ...]:
    """Play `games` games of a policy while `watching` notes the moments it catches."""
    case = case_named(case_id)
    bot = policy_named(policy)
    found: list[DecisionPoint] = []
    with watching(found):
        for k in range(games):
            seed = game_seed(seeds[0], k)
            table = Table.open(case, seed=seed, difficulty="standard", explain=False)
            rng = np.random.default_rng([seed, seeds[1]])
            played = 0
            while not table.over and played < 400:
                drive(table, bot, rng, max_moves=1, name=policy)
                played += 1
    return tuple(found)


# -- the moments a month ends ---------------------------------------------------------------
#: policies whose games reach every kind of month's end: briefings advancing and forums
#: deciding when their rounds run out (skilled, pragmatic), false consultations and their
#: exposure (hurried, random), a consultation never run (skip-consultation), hiatus months,
#: resumptions and the calendar running out (stonewall)
MONTH_POLICIES = ("skilled", "hurried", "stonewall", "random", "pragmatic",
                  "skip-consultation")


def month_points(case_id: str, policy: str, games: int) -> list[DecisionPoint]:
    """Every month's end (`engine.flow.end_round`: an end_round move, or a move that spent
    the last capacity) of `games` games of a policy, caught just before it, with the move's
    dice where its earlier draws left them. Fresh copies per call."""
    return [p.fresh() for p in _months(case_id, policy, games)]


@cache
def _months(case_id: str, policy: str, games: int) -> tuple[DecisionPoint, ...]:
    return _caught(case_id, policy, games, _watching_months, seeds=(31, 13))


# -- the moments a player chooses a move ------------------------------------------------------
@dataclass(frozen=True)
class MovePoint:
    """A game just before its player chose a move: the state, the moves so far (the list
    `Game.moves` is, which intelligence reads) and the index of the move about to be made."""

    state: GameState
    moves: tuple[dict[str, Any], ...]
    move_index: int

    def fresh(self) -> MovePoint:
        return MovePoint(self.state.copy(), copy.deepcopy(self.moves), self.move_index)


def move_points(case_id: str, policy: str, games: int) -> list[MovePoint]:
    """The moment before every move of `games` games of a policy (fresh copies per call)."""
    return [p.fresh() for p in _move_points(case_id, policy, games)]


@cache
def _move_points(case_id: str, policy: str, games: int) -> tuple[MovePoint, ...]:
    case = case_named(case_id)
    bot = policy_named(policy)
    out: list[MovePoint] = []
    for k in range(games):
        seed = game_seed(37, k)
        table = Table.open(case, seed=seed, difficulty="standard", explain=False)
        rng = np.random.default_rng([seed, 19])
        game = table._game
        while not table.over and len(game.moves) < 400:
            out.append(MovePoint(game.state.copy(), tuple(copy.deepcopy(game.moves)),
                                 len(game.moves)))
            drive(table, bot, rng, max_moves=1, name=policy)
    return tuple(out)


def reference_table(case: Case, st: GameState, moves: list[dict[str, Any]]) -> Table:
    """A table holding this state and these moves (no setup, no events): what a bot's
    `Seat` is built on, for a state a test made or changed."""
    game = Game.__new__(Game)
    game.case, game.seed, game.explain, game.difficulty = case, 0, False, st.difficulty
    game.dice_kind, game.dice_key, game.drawn, game.rng = COUNTER, 0, 0, None
    game.moves, game.events = list(moves), []
    game._cache, game.watch = StanceCache(case), None
    game._adopt(st.copy())
    return Table(game)


def stirred_points(case: Case, points: list[MovePoint], seed: int) -> list[MovePoint]:
    """Real moments with what the radar and the skilled player read redrawn: asks pending
    and answered, demands raised (met or not, private prices among them), a stand-off
    standing or broken, threats at this stage and another, people cultivated backstage,
    some moved to the consultation stage with or without a consultation run, people half
    known, offers in each R, champions, a coalition, air cover, frames used, the
    director's resources, and the moves of this stage used up."""

    bc = batch_case(case)
    rng = np.random.default_rng(seed)
    n, c = case.n, len(case.components)
    consult = [s.id for s in case.scenario.stages if s.kind == "consultation"]
    out = []
    for p in points:
        st, moves = p.state.copy(), [dict(m) for m in p.moves]
        if st.outcome is None and st.stage != "hiatus":
            if consult and rng.random() < 0.3:
                st.stage = consult[0]
            st.consultation = rng.choice([None, "genuine", "false"])
        st.asks = [Ask(component=str(rng.choice(case.components)), by=(case.ids[0],),
                       text="An ask.", answer=rng.choice([None, None, "accept", "refuse"]))
                   for _ in range(int(rng.integers(0, 4)))]
        held = rng.permutation(len(bc.demands))[:int(rng.integers(0, 4))]
        st.demands = [replace(bc.demands[k], met=bool(rng.random() < 0.3)) for k in held]
        if bc.standoffs and rng.random() < 0.4:
            t = bc.standoffs[int(rng.integers(len(bc.standoffs)))]
            st.standoff = replace(t, resolved=bool(rng.random() < 0.3))
        stages = [st.stage_at, str(rng.choice(case.stage_ids))]
        st.threats = {sid: stages[int(rng.random() < 0.3)] for sid in case.ids
                      if rng.random() < 0.2}
        moves += [{"kind": "backstage", "target": sid} for sid in case.ids
                  if rng.random() < 0.1]
        st.revealed = np.where(rng.random(n) < 0.5, rng.uniform(0.0, 1.0, n), st.revealed)
        st.offset = np.where(rng.random((n, 4)) < 0.2, rng.uniform(0.0, 0.3, (n, 4)),
                             st.offset)
        if rng.random() < 0.3:  # offers cover every R of some people's losses but their ties
            who = rng.random(n) < 0.5
            st.offset[who] = np.where(np.arange(4) == RS.index("relationships"), 0.0, 1.0)
        st.compensation = np.where(rng.random(n) < 0.2, rng.uniform(0.0, 0.3, n),
                                   st.compensation)
        st.champion = rng.random(n) < 0.1
        st.coalition = (rng.random(n) < 0.3) & case.marginal if rng.random() < 0.3 else \
            np.zeros(n, bool)
        st.forum_extra = rng.random(n) < 0.1
        st.air_cover = bool(rng.random() < 0.3)
        st.frame_uses = rng.integers(0, 3, n)
        st.roles, st.funds, st.external = (int(x) for x in rng.integers(0, 3, 3))
        st.evidence = np.where(rng.random(c) < 0.3, rng.uniform(0.5, 1.0, c), st.evidence)
        st.ambition = np.where(rng.random(c) < 0.3, rng.uniform(0.6, 1.0, c), st.ambition)
        st.capacity = int(rng.integers(0, st.capacity_max + 1))
        if rng.random() < 0.2:
            st.stage_uses = {k: 1 for k in ("consult", "air_cover", "build_coalition",
                                            "call_decision") if rng.random() < 0.5}
        if rng.random() < 0.2:  # some firmly against, known: their needs tie where their
            # weights do, and the order numpy's sort gives ties decides whom the player sees
            firm = rng.random(n) < 0.5
            st.pressure = np.where(firm, -3.0, st.pressure)
            st.revealed = np.where(firm, 1.0, st.revealed)
        if rng.random() < 0.15:  # someone known who loses most in their ties
            prof = bc.profile[:, :, RS.index("relationships")]
            ties = (prof.max(axis=1) > 0.05) * case.influence * rng.uniform(0.7, 1.0, n)
            i = int(np.argmax(ties))
            j = int(np.argmax(prof[i]))
            # nobody else needs winning over, and an ask left open keeps the vote uncalled
            st.demands, st.standoff = [], None
            st.asks = [Ask(component=case.components[0], by=(case.ids[0],), text="An ask.")]
            st.pressure = np.where(np.arange(n) == i, st.pressure, 1.0)
            if rng.random() < 0.5:  # a rival to talk to
                k = (i + 1) % n
                st.conflict[i, k] = st.conflict[k, i] = 0.3
            st.stake_mod[i] = -case.stakes[i]
            st.stake_mod[i, j] = -8.0 - case.stakes[i, j]
            st.offset[i] = np.where(np.arange(4) == RS.index("relationships"), 0.0, 2.0)
            st.revealed[i], st.external, st.evidence = 1.0, 0, np.ones(c)
            st.frame_uses[i] = 2
            for _ in range(4):  # pressure that brings them just short of comfortable
                st.pressure[i] += 0.1 - compute(case, st).total[i]
        out.append(MovePoint(st, tuple(moves), len(moves)))
    return out


# -- the reference's scenario events behind the batch seam -------------------------------
class ReferenceScripts:
    """The scenario-events seam, run per game through the reference engine (see the module
    docstring). `dice[g]` is game g's dice for this move (its counter goes on from where
    the move's earlier draws left it) and `moves[g]` its moves so far (an authored demand
    for something already done starts met)."""

    def __init__(self, bc: BatchCase, dice: Sequence[Dice],
                 moves: Sequence[list[dict[str, Any]]], move_index: np.ndarray):
        self.bc = bc
        self.counters = dice if isinstance(dice, Counters) else None
        self.dice = [] if isinstance(dice, Counters) else list(dice)
        self.moves = list(moves)
        self.move_index = np.asarray(move_index)
        sc = bc.case.scenario
        self._event_stage = np.array([bc.stage_code(e.trigger.stage) for e in sc.events], int)
        self._event_round = np.array([e.trigger.round for e in sc.events], int)

    def due(self, bs: BatchState, idx: np.ndarray, rest_of_stage: bool) -> np.ndarray:
        """(K,) bool: has the game any event scripted.fire would take now (not fired yet,
        at the stage play is at, due this round, or later in it with `rest_of_stage`)?"""
        at, rnd = stage_at(bs, idx)[:, None], bs.round[idx][:, None]
        when = (self._event_round == rnd) | (rest_of_stage & (self._event_round > rnd))
        return ((bs.fired_events[idx] < 0) & (self._event_stage == at) & when).any(axis=1)

    def __call__(self, bs: BatchState, idx: np.ndarray, rest_of_stage: bool = False) -> None:
        if not len(idx) or not len(self._event_stage):
            return
        for i in idx[self.due(bs, idx, rest_of_stage)].tolist():
            st = bs.lend(i)
            dice = self._dice(i)
            ctx = MoveContext(case=self.bc.case, state=st, dice=dice,
                              moves=self.moves[i], stance_cache=StanceCache(self.bc.case),
                              move_index=int(self.move_index[i]))
            scripted.fire(ctx, rest_of_stage=rest_of_stage)
            bs.take_back(i, st)
            if self.counters is not None:
                self.counters.slot[i] = dice.slot

    def _dice(self, i: int) -> Dice:
        if self.counters is None:
            return self.dice[i]
        dice = CounterDice(int(self.counters.key[i]), int(self.move_index[i]))
        dice.slot = int(self.counters.slot[i])
        return dice


def assert_derived(bs, r: int, where=None) -> None:
    """What the batch state keeps beside its fields (engine.batch.state: `rivalry`, the
    asks' codes) agrees with the fields in slot r, bit for bit."""
    from faultlines.engine.batch.state import ask_codes
    from faultlines.engine.stance import rivalry

    assert bs.rivalry[r].tobytes() == rivalry(bs.conflict[r]).tobytes(), where
    comp, answer = ask_codes(bs.bc, [bs.extras[r].get("asks", ())])
    assert (bs.ask_component[r] == comp[0]).all(), where
    assert (bs.ask_answer[r] == answer[0]).all(), where
