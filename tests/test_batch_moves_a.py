"""The batch forms of the listening, framing, alliance and challenge moves answer and act as
the reference moves do: on real mid-game states of five policies in every case (shipped and
a trainer's own stage flow), and the same states stirred to reach rare branches, every kind
with every value of its parameters (every person, every ordered pair, every component, and
a malformed choice) is legal exactly when `move.check` says so, and where legal leaves the
game in the reference's state (by the `Game.digest` rule) having drawn the same dice. Then
many games each play a different move in one batch step."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from faultlines.engine.batch.compiled import batch_case
from faultlines.engine.batch.moves import Chosen, by_kind, form
from faultlines.engine.batch.moves.forms import Form
from faultlines.engine.batch.state import pack, take
from faultlines.engine.batch.turn import Counters, Turn
from faultlines.engine.catalogue import shipped_ids
from faultlines.engine.context import MoveContext, StanceCache
from faultlines.engine.domain import OUTCOMES
from faultlines.engine.draws import CounterDice
from faultlines.engine.moves import MOVE_TYPES
from faultlines.engine.state import GameState
from faultlines.engine.tuning import TUNING

from tests.batch_kit import assert_derived, case_named, midgame_states

CASES = [*shipped_ids(), "custom_flow"]
POLICIES = ("skilled", "random", "pragmatic", "hurried", "challenge-only")
KINDS = ("one_to_one", "town_hall", "dialogue", "big_picture", "tailored_frame",
         "evidence_case", "recruit_champion", "build_coalition", "backstage", "air_cover",
         "challenge")
GAMES = 2  # per policy and case


def _stirred(case, states: list[GameState], seed: int) -> list[GameState]:
    """Real states with what these moves read redrawn: capacity short of a dear move, a
    hiatus, a game over, once-per-stage moves used, champions up to the limit, evidence at
    and just below full, rivalries at and just above the dialogue's floor, standing and
    coalitions strong and weak, air cover and the Board passed or not, trust, reveal and
    grievance at their bounds (so every clip is reached), frames and the vision re-used, and
    some rooms turned against the plan (so a coalition fails to form)."""
    rng = np.random.default_rng(seed)
    n, c = case.n, len(case.components)
    boards = [s.id for s in case.scenario.stages if s.kind == "board"]
    out = []
    for base in states:
        st = base.copy()
        st.outcome = None if rng.random() < 0.9 else str(rng.choice(OUTCOMES))
        if st.outcome is None and st.stage == "outcome":
            st.stage = st.last_stage or case.stage_ids[0]
        if st.outcome is None and st.stage != "hiatus" and rng.random() < 0.08:
            st.last_stage, st.stage = st.stage, "hiatus"
        st.capacity = int(rng.integers(0, max(st.capacity_max, 2) + 1))
        for kind in ("town_hall", "build_coalition", "challenge"):
            uses = int(rng.choice([0, 0, 1, 2]))
            st.stage_uses.pop(kind, None)
            if uses:
                st.stage_uses[kind] = uses
        st.champion = rng.random(n) < rng.choice([0.0, 0.15, 0.3])
        st.coalition = rng.random(n) < rng.choice([0.0, 0.3, 0.7])
        st.evidence = rng.choice([0.0, 0.49, 0.5, 0.9899999, 0.99, 1.0, rng.uniform()], c)
        conflict = st.conflict.copy()
        pick = rng.random((n, n)) < 0.15
        conflict[pick] = rng.choice([0.05, 0.0500001, 0.3, 0.0], int(pick.sum()))
        st.conflict = conflict
        st.credibility = float(rng.choice([0.0, 0.01, 0.05, 0.995, 1.0, rng.uniform()]))
        st.air_cover = bool(rng.random() < 0.4)
        if rng.random() < 0.5:
            st.passed = [p for p in st.passed if p not in boards]
        elif boards and boards[0] not in st.passed:
            st.passed = [*st.passed, boards[0]]
        st.trust = rng.choice([0.0, 0.01, 0.999, 1.0, *rng.uniform(0, 1, 4)], n)
        st.revealed = rng.choice([0.0, 0.5, 0.95, 0.999, 1.0, *rng.uniform(0, 1, 4)], n)
        st.grievance = rng.choice([0.0, 0.05, 0.1, *rng.uniform(0, 1, 3)], n)
        st.frame_uses = rng.integers(0, 4, n)
        st.vision_uses = int(rng.integers(0, 5))
        st.frame = st.frame + rng.normal(0.0, 0.3, st.frame.shape)
        if rng.random() < 0.4:  # a room turned against the plan: few would join anything
            st.trust[:] = 0.0
            st.grievance = st.grievance + 1.0
        out.append(st)
    return out


@cache
def _inputs(case_id: str) -> tuple[GameState, ...]:
    """Real states of five policies (every third move, final states included): half of
    them as played, the other half stirred (the test must stay within a minute)."""
    case = case_named(case_id)
    real = [st for p in POLICIES for st in midgame_states(case_id, p, GAMES)]
    return tuple(real[::2] + _stirred(case, real[1::2], 41 + len(case_id)))


def _choices(bc, kind: str) -> list[dict[str, int]]:
    """Every value of the kind's parameters as codes, and one malformed choice (a person
    missing, or one given to a move that takes none)."""
    params = MOVE_TYPES[kind].params
    if params == ("target", "other"):
        out = [{"target": t, "other": o} for t in range(bc.n) for o in range(bc.n)]
    elif params == ("target",):
        out = [{"target": t} for t in range(bc.n)]
    elif params == ("component",):
        out = [{"component": k} for k in range(bc.c)]
    else:
        out = [{}]
    return out + [{"other": 0} if params else {"target": 0}]


def _dice(count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each game's dice key, move and next slot (some have drawn already this move)."""
    g = np.arange(count)
    return g * 104729 + 2**31 + 11, g % 37 + 1, (g % 3) * 2


def _turn(moves: np.ndarray, keys: np.ndarray, slots: np.ndarray) -> Turn:
    def no_events(bs, idx, rest_of_stage=False):  # these moves enter no stage
        raise AssertionError("no move of these kinds fires scenario events")
    return Turn(move_index=moves, scripts=no_events,
                counters=Counters(key=keys.copy(), slot=slots.copy()))


@dataclass
class Played:
    """What the reference did with one move on one state."""

    reason: str | None
    digest: str = ""
    slot: int = 0
    events: tuple[dict, ...] = ()


def _reference(case, st: GameState, move, key: int, move_index: int, slot: int) -> Played:
    """move.check, and move.apply on a copy with the dice engine.game gives it."""
    dice = CounterDice(key, move_index)
    dice.slot = slot
    ctx = MoveContext(case=case, state=st, dice=dice, moves=[],
                      stance_cache=StanceCache(case), move_index=move_index)
    reason = move.check(ctx)
    if reason is not None:
        return Played(reason)
    after = st.copy()
    ctx = MoveContext(case=case, state=after, dice=dice, moves=[],
                      stance_cache=StanceCache(case), move_index=move_index)
    events = move.apply(ctx)
    return Played(None, after.digest(), dice.slot, tuple(e.data for e in events))


_REASONS = {"over": "game is over", "hiatus": "paused in a hiatus",
            "once per stage": "already used", "capacity": "team capacity",
            "malformed": "takes no", "missing": "Choose a person", "same person": "two different",
            "no conflict": "no conflict", "evidence full": "already as strong",
            "already champion": "already a champion", "champions full": "at most",
            "not influential": "not influential", "board not passed": "not yet endorsed",
            "already air cover": "already have"}


def _reason(text: str) -> str:
    for name, words in _REASONS.items():
        if words in text:
            return name
    raise AssertionError(f"a refusal the test does not know: {text}")


def _outcome(data: dict) -> str | None:
    """The branch an applied move took, from the reference's event."""
    if data.get("misfire"):
        return "misfire"
    if "success" not in data:
        return None
    if data["success"]:
        return "success"
    return "backfire" if "allies" in data else "failure"  # a challenge on a friend: failure


@cache
def _every_choice(case_id: str) -> tuple[Counter, Counter]:
    """Every kind with every parameter value on every state, in both engines; returns the
    refusals by reason and the applied moves by kind and branch."""
    case = case_named(case_id)
    bc = batch_case(case)
    states = list(_inputs(case_id))
    bs0 = pack(bc, states)
    keys, moves, slots = _dice(len(states))
    everyone = np.arange(len(states))
    refused, applied = Counter(), Counter()
    for kind in KINDS:
        f = form(kind)
        assert isinstance(f, Form), kind  # a batch form, not the per-game fallback
        for params in _choices(bc, kind):
            ch = Chosen.same(bc, kind, len(states), **params)
            move = ch.move(bc, 0)
            want = [_reference(case, st, move, int(keys[g]), int(moves[g]), int(slots[g]))
                    for g, st in enumerate(states)]
            got = f.legal(bc, bs0, everyone, ch, _turn(moves, keys, slots))
            assert got.tolist() == [w.reason is None for w in want], (case_id, kind, params)
            assert (f.cost(bc, bs0, everyone, ch) == MOVE_TYPES[kind].base_cost).all()
            refused.update(_reason(w.reason) for w in want if w.reason is not None)
            rows = np.flatnonzero(got)
            if not len(rows):
                continue
            bs = take(bs0, rows)
            turn = _turn(moves[rows], keys[rows], slots[rows])
            f.apply(bc, bs, np.arange(len(rows)), ch.take(rows), turn)
            for r, g in enumerate(rows.tolist()):
                assert bs.unpack(r).digest() == want[g].digest, (case_id, kind, params, g)
                assert_derived(bs, r, (case_id, kind, g))  # what the state keeps beside
                assert int(turn.counters.slot[r]) == want[g].slot, (case_id, kind, g, "dice")
                applied[kind] += 1
                for data in want[g].events:
                    branch = _outcome(data)
                    if branch:
                        applied[f"{kind} {branch}"] += 1
    return refused, applied


@pytest.mark.parametrize("case_id", CASES)
def test_every_move_with_every_choice_is_legal_and_acts_as_the_reference(case_id):
    _every_choice(case_id)
    assert len(_inputs(case_id)) >= 40


def test_the_states_reach_every_refusal_and_every_branch():
    """Without these the parity above would prove less: every reason a move of these kinds
    is refused, each kind applied often, and every branch of the moves that can go two or
    three ways (a frame that misfires or not, a champion who agrees or declines, a coalition
    that forms or not, a challenge on a friend, with standing and without)."""
    refused, applied = Counter(), Counter()
    for case_id in CASES:
        r, a = _every_choice(case_id)
        refused.update(r)
        applied.update(a)
    assert all(refused[k] >= 5 for k in _REASONS), refused
    assert all(applied[k] >= 50 for k in KINDS), applied
    branches = ("tailored_frame misfire", "recruit_champion success",
                "recruit_champion failure", "build_coalition success",
                "build_coalition failure", "challenge success", "challenge failure",
                "challenge backfire")
    assert all(applied[k] >= 10 for k in branches), applied
    assert applied["tailored_frame"] - applied["tailored_frame misfire"] >= 10, applied


def _clip_hits(case_id: str) -> Counter:
    """How often the stirred states put a clipped value exactly at its bound."""
    seen = Counter()
    for st in _inputs(case_id):
        seen["trust at 1"] += int((st.trust == 1.0).sum())
        seen["credibility near 1"] += st.credibility >= 0.97
        seen["credibility near 0"] += st.credibility <= TUNING.challenge.backfire_credibility
        seen["grievance below the eased"] += int(
            (st.grievance < TUNING.dialogue.grievance_eased).sum())
    return seen


def test_the_stirred_states_reach_the_bounds():
    seen = Counter()
    for case_id in CASES:
        seen.update(_clip_hits(case_id))
    assert all(v >= 20 for v in seen.values()) and len(seen) == 4, seen


@pytest.mark.parametrize("case_id", CASES)
def test_many_games_play_mixed_moves_in_one_step(case_id):
    """Every game not over plays one legal move picked at random among all these kinds and
    choices; one batch step per kind applies them all, and each game ends as the reference
    leaves it, with its dice where the reference's are. Games that play nothing are
    untouched."""
    case = case_named(case_id)
    bc = batch_case(case)
    states = list(_inputs(case_id))
    keys, moves, slots = _dice(len(states))
    rng = np.random.default_rng(len(case_id))
    legal: dict[tuple[int, str], list[dict]] = {}  # each game's legal choices, by kind
    for kind in KINDS:
        for params in _choices(bc, kind)[:-1]:
            move = Chosen.same(bc, kind, 1, **params).move(bc, 0)
            for g, st in enumerate(states):
                ctx = MoveContext(case=case, state=st, dice=CounterDice(0, 0), moves=[],
                                  stance_cache=StanceCache(case))
                if move.check(ctx) is None:
                    legal.setdefault((g, kind), []).append(params)
    picked: list[tuple[int, str, dict]] = []
    free = set(range(len(states)))
    while True:  # kinds take turns, each to a random game where it is legal
        before = len(picked)
        for kind in KINDS:
            can = sorted(g for g in free if (g, kind) in legal)
            if can:
                g = can[int(rng.integers(len(can)))]
                options = legal[g, kind]
                picked.append((g, kind, options[int(rng.integers(len(options)))]))
                free.discard(g)
        if len(picked) == before:
            break
    picked.sort()
    games = np.array([g for g, _, _ in picked])
    assert len(games) >= 0.5 * len(states)  # the rest are over, paused or out of capacity
    assert {k for _, k, _ in picked} == set(KINDS), Counter(k for _, k, _ in picked)
    moved = {g: Chosen.same(bc, k, 1, **p) for g, k, p in picked}
    ch = Chosen(*(np.concatenate([getattr(moved[g], f) for g in games.tolist()])
                  for f in ("kind", "target", "other", "component", "mode")))
    bs = pack(bc, states)
    turn = _turn(moves, keys, slots)
    assert form("one_to_one").legal(bc, bs, np.array([], int), ch.take(np.array([], int)),
                                    turn).shape == (0,)
    for code, rows in by_kind(ch):
        f = form(bc.move_kinds[code])
        assert f.legal(bc, bs, games[rows], ch.take(rows), turn).all()
        f.apply(bc, bs, games[rows], ch.take(rows), turn)
    for g, st in enumerate(states):
        if g in moved:
            want = _reference(case, st, moved[g].move(bc, 0), int(keys[g]), int(moves[g]),
                              int(slots[g]))
            assert bs.unpack(g).digest() == want.digest, (case_id, g)
            assert int(turn.counters.slot[g]) == want.slot, (case_id, g)
        else:
            assert bs.unpack(g).digest() == st.digest(), (case_id, g)
            assert int(turn.counters.slot[g]) == int(slots[g])


def test_importing_one_form_module_first_hides_no_other_form():
    """`form` imports every form module on first use, even when a caller imported one of
    them itself first (then BATCH_MOVES is not empty, yet the other kinds' forms are due)."""
    code = ("import faultlines.engine.batch.moves.challenge\n"
            "from faultlines.engine.batch.moves import ReferenceMove, form\n"
            "from faultlines.engine.moves import MOVE_TYPES\n"
            "assert not any(isinstance(form(k), ReferenceMove) for k in MOVE_TYPES)\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parent.parent)
