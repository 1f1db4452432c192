"""The batch skilled player (engine.batch.bots) chooses, for every game, exactly the move the
reference `engine.bots.skilled` returns; so do its variants (hurried, no-coalition,
skip-consultation, stonewall, pragmatic). Checked on the moment before every move of real
games of several policies of every case, and the same moments stirred so every candidate
the skilled player has is the one taken somewhere."""

from __future__ import annotations

from collections import Counter
from functools import cache

import numpy as np
import pytest
from faultlines.engine import bots
from faultlines.engine.batch.bots import BRANCHES, WALKS, play, varied, walk_skilled
from faultlines.engine.batch.compiled import batch_case
from faultlines.engine.batch.moves import by_kind, form
from faultlines.engine.batch.state import pack
from faultlines.engine.batch.turn import Turn
from faultlines.engine.catalogue import shipped_ids

from tests.batch_kit import MovePoint, case_named, move_points, reference_table, stirred_points

CASES = [*shipped_ids(), "custom_flow"]
PLAYED_BY = ("skilled", "random", "hurried", "pragmatic", "stonewall", "skip-consultation")
#: every candidate branch must be taken at least once over all cases
_TAKEN: Counter = Counter()


@cache
def _points(case_id: str) -> tuple[MovePoint, ...]:
    """Every move's moment of games of six policies, and the same moments stirred."""
    real = [p for pol in PLAYED_BY for p in move_points(case_id, pol, 2 + (pol == "skilled"))]
    return tuple(real + stirred_points(case_named(case_id), real, len(case_id) + 11))


@cache
def _batch(case_id: str):
    case = case_named(case_id)
    bc = batch_case(case)
    points = _points(case_id)
    bs = pack(bc, [p.state for p in points])
    moves = [list(p.moves) for p in points]
    turn = Turn(move_index=np.array([p.move_index for p in points]),
                scripts=lambda *a: None, moves=moves)
    return case, bc, points, bs, moves, turn


def _reference(case, p: MovePoint, policy: str) -> dict:
    table = reference_table(case, p.state, list(p.moves))
    move = bots.policy_named(policy)(bots.Seat(table), bots.Choices(table),
                                     np.random.default_rng(0))
    return move.to_dict()


@pytest.mark.parametrize("case_id", CASES)
def test_the_batch_skilled_player_chooses_the_reference_move(case_id):
    case, bc, points, bs, moves, turn = _batch(case_id)
    idx = np.arange(len(points))
    w = walk_skilled(bc, bs, idx, moves, turn)
    ch = w.chosen()
    for r, p in enumerate(points):
        assert ch.move(bc, r).to_dict() == _reference(case, p, "skilled"), (case_id, r)
    _TAKEN.update(BRANCHES[b] for b in w.branch)


def test_every_candidate_is_taken_somewhere():
    """So the parity test can fail: each of the skilled player's candidates (and the end of
    the round when none is legal) was the move chosen in some game."""
    if not _TAKEN:
        pytest.skip("runs after the parity test")
    skilled_branches = BRANCHES[:BRANCHES.index("none") + 1]
    missing = [b for b in skilled_branches if not _TAKEN[b]]
    assert not missing, (missing, _TAKEN)


#: each variant's own move, which its parity test must see taken
_OWN = {"hurried": "announce", "skip-consultation": "skip_to_decision",
        "stonewall": "refuse_ask", "pragmatic": "amend_plan"}
_VARIANT_TAKEN: Counter = Counter()


@pytest.mark.parametrize("policy", [p for p in WALKS if p != "skilled"])
@pytest.mark.parametrize("case_id", CASES)
def test_the_variants_choose_the_reference_move(case_id, policy):
    case, bc, points, bs, moves, turn = _batch(case_id)
    rows = np.arange(len(points))[::2]  # half the moments (time)
    w = WALKS[policy](bc, bs, rows, moves, turn)
    ch = w.chosen()
    for r, i in enumerate(rows.tolist()):
        assert ch.move(bc, r).to_dict() == _reference(case, points[i], policy), \
            (case_id, policy, i)
    _VARIANT_TAKEN.update((policy, BRANCHES[b]) for b in w.branch)
    if policy == "no-coalition":
        assert not (ch.kind == bc.move_kinds.index("build_coalition")).any()


def test_every_variant_took_its_own_move():
    if not _VARIANT_TAKEN:
        pytest.skip("runs after the variants' parity test")
    missing = [p for p, b in _OWN.items() if not _VARIANT_TAKEN[p, b]]
    assert not missing, (missing, _VARIANT_TAKEN)
    # hurried turns skilled's consultation into the end of a round; skip-consultation
    # into the end of a round where the vote cannot be called
    assert _VARIANT_TAKEN["hurried", "none"] and _VARIANT_TAKEN["skip-consultation", "none"]


@pytest.mark.parametrize("variety", [0.35, 0.9])
@pytest.mark.parametrize("case_id", ["elm", "tutorial"])
def test_the_varied_player_chooses_and_draws_as_the_reference(case_id, variety):
    """engine.bots.varied: the same move from the same three candidates, and the same
    number of draws from each game's own generator (its next draw is the same)."""
    case, bc, points, bs, moves, turn = _batch(case_id)
    rows = np.arange(len(points))[1::2]
    rngs = [np.random.default_rng([i, 3]) for i in range(len(points))]
    ch = varied(bc, bs, rows, moves, turn, variety, rngs)
    policy = bots.varied(variety)
    picked = Counter()
    for r, i in enumerate(rows.tolist()):
        table = reference_table(case, points[i].state, list(points[i].moves))
        rng = np.random.default_rng([i, 3])
        move = policy(bots.Seat(table), bots.Choices(table), rng)
        assert ch.move(bc, r).to_dict() == move.to_dict(), (case_id, i)
        assert rngs[i].random() == rng.random(), (case_id, i)
        first = bots.skilled(bots.Seat(table), bots.Choices(table), rng)
        picked[move.to_dict() == first.to_dict()] += 1
    assert picked[True] and picked[False], "it took its first choice and passed it over"


def test_play_names_the_policies():
    case, bc, points, bs, moves, turn = _batch("tutorial")
    rows = np.arange(0, len(points), 9)
    ch = play("skilled", bc, bs, rows, moves, turn)
    assert [ch.move(bc, r).to_dict() for r in range(len(rows))] == \
        [_reference(case, points[i], "skilled") for i in rows.tolist()]


def test_a_batch_sorts_each_game_as_the_reference_sorts_one():
    """numpy's default argsort breaks ties its own way (x86-simd-sort is not stable): a
    row-by-row sort of a (K, N) array must order each row as the reference's sort of that
    row alone, ties and signed zeros included."""
    rng = np.random.default_rng(5)
    for n in (5, 13):
        a = rng.integers(0, 4, (4000, n)) * 0.1
        a[rng.random(a.shape) < 0.2] = -0.0
        rows = np.array([np.argsort(x.copy()) for x in a])
        assert (np.argsort(a, axis=1) == rows).all()


def test_some_games_of_a_batch_choose_as_they_do_alone():
    case, bc, points, bs, moves, turn = _batch("elm")
    idx = np.arange(len(points))
    part = idx[::-5][:80]
    whole = walk_skilled(bc, bs, idx, moves, turn).chosen()
    some = walk_skilled(bc, bs, part, moves, turn).chosen()
    for f in ("kind", "target", "other", "component", "mode"):
        assert (getattr(some, f) == getattr(whole, f)[part]).all(), f


def test_a_batch_of_no_games_or_one():
    """No games gives no moves; a batch of one game with no asks at all (so the asks'
    arrays have no columns) gives the reference's move for every policy."""
    case, bc, points, bs, moves, turn = _batch("tutorial")
    p = points[0]
    one = pack(bc, [p.state])
    one_turn = Turn(move_index=np.array([p.move_index]), scripts=lambda *a: None,
                    moves=[list(p.moves)])
    assert not one.extras[0]["asks"]
    for name, walk in WALKS.items():
        assert len(walk(bc, bs, np.arange(0), moves, turn).chosen().kind) == 0
        ch = walk(bc, one, np.arange(1), [list(p.moves)], one_turn).chosen()
        assert ch.move(bc, 0).to_dict() == _reference(case, p, name), name


@pytest.mark.parametrize("policy", list(WALKS))
@pytest.mark.parametrize("case_id", ["elm", "oak"])
def test_a_move_marked_proven_is_legal_and_a_decided_one_is_not_marked(case_id, policy):
    """The driver skips asking the rows a walk marks proven (engine.batch.play), so each
    must be legal on the state, and a move a policy decides without asking (stonewall's
    refusal, hurried's and skip-consultation's end of the round) must not be marked."""
    _, bc, points, bs, moves, turn = _batch(case_id)
    idx = np.arange(len(points))
    w = WALKS[policy](bc, bs, idx, moves, turn)
    ch = w.chosen()
    assert ch.proven is not None and ch.proven.any()
    legal = np.ones(len(idx), bool)
    for k, rows in by_kind(ch):
        legal[rows] = form(bc.move_kinds[k]).legal(bc, bs, idx[rows], ch.take(rows), turn)
    assert legal[ch.proven].all()
    own = {"stonewall": "refuse_ask", "hurried": "none", "skip-consultation": "none"}
    if policy in own:
        decided = w.branch == BRANCHES.index(own[policy])
        assert decided.any() and not ch.proven[decided].any()
    if policy == "stonewall":  # the reference returns its refusal unchecked: some illegal
        assert not legal.all()


def test_the_walks_legality_is_each_forms_own():
    """`Form.legal_at` (the walk's: the shared check read once, parameters as codes) gives
    `legal` on `Chosen.same` for every kind with a batch form, on real and stirred moments,
    with parameters given as one code for all games (valid, missing, not taken, a mode out
    of range) and as one code per game (people, components, modes, -1 among them). Every
    form is loaded first, and each must be found legal somewhere in the two cases, so the
    check cannot pass by finding nothing legal."""
    from faultlines.engine.batch.moves import BATCH_MOVES, load_forms
    from faultlines.engine.batch.moves.forms import Form

    load_forms()
    tried = Counter()
    for case_id in ("elm", "tutorial"):
        _legality_checked(case_id, tried)
    assert all(tried[k, True] for k, f in BATCH_MOVES.items()
               if isinstance(f, Form) and k not in ("call_decision", "end_round",
                                                     "reconstitute", "everyone_gives")), tried


def _legality_checked(case_id: str, tried: Counter) -> None:
    from faultlines.engine.batch.moves import BATCH_MOVES, Chosen
    from faultlines.engine.batch.moves.common import Facts
    from faultlines.engine.batch.moves.forms import Form
    from faultlines.engine.moves import MOVE_TYPES

    case, bc, points, bs, moves, turn = _batch(case_id)
    idx = np.arange(len(points))
    facts = Facts(bc, bs, idx)
    rng = np.random.default_rng(3)
    rows = np.flatnonzero(rng.random(len(idx)) < 0.7)
    for kind, f in sorted(BATCH_MOVES.items()):
        if not isinstance(f, Form):
            continue
        typ = MOVE_TYPES[kind]
        top = {"target": bc.n, "other": bc.n, "component": bc.c,
               "mode": max(len(typ.modes), 1) + 1}
        choices = [{}, *({p: int(rng.integers(-1, top[p]))} for p in top for _ in range(3)),
                   {p: rng.integers(-1, top[p], len(rows)) for p in top},
                   {p: rng.integers(0, top[p], len(rows)) for p in typ.params},
                   {p: int(rng.integers(0, top[p])) for p in typ.params}]
        for params in choices:
            want = f.legal(bc, bs, idx[rows], Chosen.same(bc, kind, len(rows), **params),
                           turn)
            got = f.legal_at(bc, bs, idx, rows, facts, params)
            assert (got == want).all(), (case_id, kind, params)
            tried[kind, bool(want.any())] += 1
