"""The batch radar (engine.batch.radar) is the reference's `build_radar` and `build_glance`
for every game, bit for bit, NaN positions included: the moments before every move of real
games of several policies of every case, and the same moments stirred (asks, demands, a
stand-off, threats with and without intelligence, a consultation stage, offers)."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest
from faultlines.engine.batch.compiled import CONSULTATIONS, batch_case
from faultlines.engine.batch.radar import radar
from faultlines.engine.batch.state import pack
from faultlines.engine.catalogue import shipped_ids
from faultlines.engine.consultation import ANSWERS
from faultlines.engine.domain import STAGE_KINDS
from faultlines.engine.view import Radar, build_glance, build_radar

from tests.batch_kit import MovePoint, case_named, move_points, reference_table, stirred_points

CASES = [*shipped_ids(), "custom_flow"]
POLICIES = ("skilled", "random", "hurried", "pragmatic")


@cache
def _points(case_id: str) -> tuple[MovePoint, ...]:
    """Every move's moment of two games of each policy, and the same moments stirred."""
    real = [p for pol in POLICIES for p in move_points(case_id, pol, 2)]
    return tuple(real + stirred_points(case_named(case_id), real, len(case_id) + 3))


def _same(a, b) -> bool:
    a, b = np.asarray(a), np.asarray(b)
    return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()


def _glance(bc, br, r: int) -> dict:
    """Row r of the batch glance in the reference's words."""
    held = np.flatnonzero(br.demand_held[r])
    for k in held:
        d = bc.demands[br.demand[r, k]]
        assert br.demand_requires[r, k] == (
            bc.move_kinds.index(d.requires) if d.requires in bc.move_kinds else -1)
    asks = [(bc.components[c], None if a < 0 else ANSWERS[a])
            for c, a in zip(br.ask_component[r], br.ask_answer[r], strict=True) if c >= 0]
    so = int(br.standoff[r])
    return dict(
        stage=bc.stages[br.stage[r]], stage_kind=STAGE_KINDS[br.stage_kind[r]],
        threshold=float(br.threshold[r]), paused=bool(br.paused[r]), round=int(br.round[r]),
        rounds=int(br.rounds[r]), refusals=int(br.refusals[r]), calendar=int(br.calendar[r]), capacity=int(br.capacity[r]),
        capacity_max=int(br.capacity_max[r]), credibility=float(br.credibility[r]),
        roles=int(br.roles[r]), funds=int(br.funds[r]), external=int(br.external[r]),
        air_cover=bool(br.air_cover[r]),
        consultation=None if br.consultation[r] < 0 else CONSULTATIONS[br.consultation[r]],
        vision_uses=int(br.vision_uses[r]),
        stage_uses={bc.move_kinds[k]: int(v) for k, v in enumerate(br.stage_uses[r]) if v},
        outcome=None if br.outcome[r] < 0 else bc.outcomes[br.outcome[r]],
        demands=[(bc.demands[br.demand[r, k]].requires,
                  None if br.demand_beneficiary[r, k] < 0 else bc.people[
                      br.demand_beneficiary[r, k]], bool(br.demand_met[r, k])) for k in held],
        standoff=None if so < 0 else (bc.standoffs[so].event, bool(br.standoff_resolved[r])),
        asks=asks)


def _reference_glance(g) -> dict:
    return dict(
        stage=g.stage, stage_kind=g.stage_kind, threshold=g.threshold, paused=g.paused,
        round=g.round, rounds=g.rounds, refusals=g.refusals, calendar=g.calendar, capacity=g.capacity,
        capacity_max=g.capacity_max, credibility=g.credibility, roles=g.roles, funds=g.funds,
        external=g.external, air_cover=g.air_cover, consultation=g.consultation,
        vision_uses=g.vision_uses, stage_uses=dict(g.stage_uses), outcome=g.outcome,
        demands=[(d.requires, d.beneficiary, d.met) for d in g.demands],
        standoff=None if g.standoff is None else (g.standoff.event, g.standoff.resolved),
        asks=[(a.component, a.answer) for a in g.asks])


@pytest.mark.parametrize("case_id", CASES)
def test_the_batch_radar_is_the_reference_radar_bit_for_bit(case_id):
    case = case_named(case_id)
    bc = batch_case(case)
    points = _points(case_id)
    bs = pack(bc, [p.state for p in points])
    moves = [list(p.moves) for p in points]
    idx = np.arange(len(points))
    br = radar(bc, bs, idx, moves)
    for r, p in enumerate(points):
        table = reference_table(case, p.state, list(p.moves))
        ref = build_radar(table._game)
        mine = br.one(r)
        for f in Radar.__dataclass_fields__:
            assert _same(getattr(mine, f), getattr(ref, f)), (case_id, r, f)
        g = build_glance(table._game)
        assert _glance(bc, br, r) == _reference_glance(g), (case_id, r)
        for f in ("ambition", "evidence", "frame_uses", "future_vetoes", "vetoes_here"):
            assert _same(getattr(br, f)[r], getattr(g, f)), (case_id, r, f)
    # the skilled player's read of a few (game, person) rows is the field's, bit for bit
    rows, people = np.repeat(idx, bc.n), np.tile(np.arange(bc.n), len(idx))
    assert _same(br.at_stake_of(rows, people), br.at_stake[rows, people])
    assert _same(br.stakes_of(rows, people), br.stakes[rows, people])


def test_some_games_of_a_batch_read_as_they_do_alone():
    """A radar of some of the batch's games (out of order) is theirs, row for row."""
    case = case_named("elm")
    bc = batch_case(case)
    points = _points("elm")
    bs = pack(bc, [p.state for p in points])
    moves = [list(p.moves) for p in points]
    idx = np.arange(len(points))[::-7][:60]
    part, whole = radar(bc, bs, idx, moves), radar(bc, bs, np.arange(len(points)), moves)
    for f in Radar.__dataclass_fields__:
        assert _same(getattr(part, f), getattr(whole, f)[idx]), f


@pytest.mark.parametrize("case_id", ["elm", "tutorial"])
def test_the_moments_reach_what_the_radar_distinguishes(case_id):
    """So the parity test can fail: unknown people and known, distrusted, threats heard of
    and not, demands met and unmet, asks open and answered, stand-offs, consultations."""
    case = case_named(case_id)
    bc = batch_case(case)
    points = _points(case_id)
    bs = pack(bc, [p.state for p in points])
    br = radar(bc, bs, np.arange(len(points)), [list(p.moves) for p in points])
    vetoes = bc.vetoes[br.stage]
    assert br.known.any() and (~br.known).any()
    assert np.isnan(br.trust).any() and not np.isnan(br.trust).all()
    assert (br.can_block & ~vetoes).any(), "a threat heard of"
    threat = (bs.threat_at == br.stage[:, None]) & ~br.known
    assert (threat & ~br.can_block & ~vetoes).any(), "a threat not heard of"
    assert (br.demand_held & br.demand_met).any() and (br.demand_held & ~br.demand_met).any()
    assert br.ask_open.any() and ((br.ask_component >= 0) & ~br.ask_open).any()
    assert br.deadlocked.any() or not bc.standoffs
    assert (br.stage_kind == STAGE_KINDS.index("consultation")).any() or \
        "consultation" not in [s.kind for s in case.scenario.stages]
    assert (np.nan_to_num(br.at_stake) > 0).any()


def test_whom_a_game_cultivated_follows_its_moves_as_they_grow():
    """The radar keeps what a game's earlier moves say of whom it cultivated (its side
    record's memo) and reads only the moves since; a new game's moves start afresh."""
    from faultlines.engine.agency import cultivated
    from faultlines.engine.batch.radar import _cultivated

    bc = batch_case(case_named("elm"))
    people = bc.people
    games = np.array([0, 1])
    extras: list[dict] = [{}, {}]
    moves: list[list[dict]] = [[], [{"kind": "backstage", "target": people[2]}]]
    steps = [{"kind": "listen", "target": people[1]},
             {"kind": "backstage", "target": people[3]},
             {"kind": "backstage", "target": people[3]},
             {"kind": "backstage", "target": people[0]}]
    for step in steps:
        for g in (0, 1):
            moves[g].append(dict(step))
            got = _cultivated(bc, games, extras, moves)
            for r in (0, 1):
                want = {bc.case.index[s] for s in cultivated(moves[r])}
                assert set(np.flatnonzero(got[r]).tolist()) == want
    moves[0] = [{"kind": "listen", "target": people[1]}]  # the slot's next game
    assert not _cultivated(bc, games, extras, moves)[0].any()

