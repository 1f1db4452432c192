"""What the player can know, for G games at once: engine.view's `Radar` and the `Glance`
fields bots read, as arrays with a leading game axis, equal to the reference's bit for bit
(tests/test_batch_radar.py).

Every number is the reference's own operation on the same numbers (`build_radar`,
`build_glance`): the stances come from engine.batch.stance, the losses by R as its
`compute` worked them out (what its `losses` gives), sums over the four Rs in numpy's order
(`pairwise_sum`). Unknown entries are NaN where the reference's are. Names become codes
(engine.batch.compiled): the stage is the one play is at (`stage_at`), demands are the
raised slots in order with what meets them, and the consultation's asks (a side record)
become component codes in the order asked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
from faultlines.engine.agency import cultivated
from faultlines.engine.batch import worlds
from faultlines.engine.batch.compiled import BatchCase
from faultlines.engine.batch.stance import (
    BatchStances,
    _tile,
    _tiled,
    compute,
    pairwise_sum,
    row_any,
)
from faultlines.engine.batch.state import BatchState, rows_of
from faultlines.engine.batch.tally import forum
from faultlines.engine.batch.view import asks_codes, stage_at
from faultlines.engine.tuning import DIFFICULTIES, TUNING
from faultlines.engine.view import KNOWN_AT, TRUST_KNOWN_AT, Radar


@dataclass(frozen=True, eq=False)
class _Later:
    """What the radar's fields that few readers need are made from, kept as the radar
    found them (the state's own arrays when it read the batch in place: read the radar
    before the state changes, as for its other fields)."""

    unknown: np.ndarray  # (K, N)
    revealed: np.ndarray  # (K, N)
    interests: np.ndarray  # (K, N, 4) or (N, 4)
    stakes: np.ndarray  # (K, N, C) or (N, C): the authored stakes
    stake_mod: np.ndarray  # (K, N, C)
    trust: np.ndarray  # (K, N)
    stances: BatchStances  # the losses by R: theirs, for the same stake
    offset: np.ndarray  # (K, N, 4)
    compensation: np.ndarray  # (K, N)
    evidence_need: np.ndarray  # (K, N) or (N,): the case's (or each world's)


@dataclass(frozen=True, kw_only=True, eq=False)
class BatchRadar:
    """Games idx's radars and glances: row r is game idx[r]. Radar fields have the
    reference's shapes with a game axis; the case's own (influence, marginal, central,
    affinity) are broadcast views. Trust, stakes, interests, what was offered and the losses
    at stake are worked out when first read (the skilled player reads a few rows of two of
    them: `stakes_of`, `at_stake_of`)."""

    bc: BatchCase
    idx: np.ndarray  # (K,) the games' slots
    # -- the radar (engine.view.Radar) ------------------------------------------------
    estimate: np.ndarray  # (K, N)
    uncertainty: np.ndarray
    revealed: np.ndarray
    known: np.ndarray
    influence: np.ndarray
    marginal: np.ndarray
    central: np.ndarray
    affinity: np.ndarray  # (K, N, N)
    conflict: np.ndarray
    in_forum: np.ndarray
    can_block: np.ndarray
    champion: np.ndarray
    coalition: np.ndarray
    # -- the glance (engine.view.Glance) -------------------------------------------------
    stage: np.ndarray  # (K,) stage code (stage_at)
    stage_kind: np.ndarray  # (K,) code in engine.domain.STAGE_KINDS
    threshold: np.ndarray
    paused: np.ndarray
    round: np.ndarray
    rounds: np.ndarray
    refusals: np.ndarray
    calendar: np.ndarray
    capacity: np.ndarray
    capacity_max: np.ndarray
    credibility: np.ndarray
    roles: np.ndarray
    funds: np.ndarray
    external: np.ndarray
    air_cover: np.ndarray
    consultation: np.ndarray  # (K,) code in CONSULTATIONS, -1 none
    ambition: np.ndarray  # (K, C)
    evidence: np.ndarray
    frame_uses: np.ndarray  # (K, N)
    vision_uses: np.ndarray
    stage_uses: np.ndarray  # (K, move kinds)
    future_vetoes: np.ndarray  # (K, N)
    vetoes_here: np.ndarray
    outcome: np.ndarray
    #: demands, slot by slot in the order raised (D slots): the template (bc.demands, -1:
    #: no demand in the slot), met, the move kind that meets it (code in bc.move_kinds; -1
    #: when what it requires is not one move, as a genuine consultation) and for whom
    #: (person code, -1 for nobody)
    demand: np.ndarray  # (K, D)
    demand_held: np.ndarray
    demand_met: np.ndarray
    standoff: np.ndarray  # (K,) template code (bc.standoffs), -1 none
    standoff_resolved: np.ndarray
    #: the asks in the order asked (M = the most any game holds): component code (-1: no
    #: ask in this slot) and answer (code in engine.consultation.ANSWERS, -1 not answered yet)
    ask_component: np.ndarray  # (K, M)
    ask_answer: np.ndarray
    #: what the fields worked out when first read are made from (`_Later`)
    later: _Later

    @cached_property
    def evidence_need(self) -> np.ndarray:
        """(K, N) how much evidence each person needs (NaN where unknown)."""
        lt = self.later
        return np.where(lt.unknown, np.nan, np.broadcast_to(lt.evidence_need, lt.unknown.shape))

    def evidence_need_of(self, r: np.ndarray, i: np.ndarray) -> np.ndarray:
        """(S,) `evidence_need[r, i]`, read for those rows only."""
        lt = self.later
        need = lt.evidence_need[i] if lt.evidence_need.ndim == 1 else lt.evidence_need[r, i]
        return np.where(lt.unknown[r, i], np.nan, need)

    @cached_property
    def demand_requires(self) -> np.ndarray:
        """(K, D) the move kind that meets each slot's demand (code in bc.move_kinds; -1
        when what it requires is not one move, or no demand in the slot)."""
        return _constants(self.bc)[1][self.demand]

    @cached_property
    def demand_beneficiary(self) -> np.ndarray:
        """(K, D) for whom each slot's demand is to be met (person code, -1 nobody)."""
        return _constants(self.bc)[2][self.demand]

    def demand_slot(self, slot: int) -> tuple[np.ndarray, np.ndarray]:
        """(K,) `demand_requires[:, slot]` and `demand_beneficiary[:, slot]`."""
        _, requires, benefit = _constants(self.bc)
        code = self.demand[:, slot]
        return requires[code], benefit[code]

    @cached_property
    def trust(self) -> np.ndarray:
        """(K, N) trust in the director (NaN where not known well enough)."""
        lt = self.later
        return np.where(lt.revealed < TRUST_KNOWN_AT, np.nan, lt.trust)

    @cached_property
    def stakes(self) -> np.ndarray:
        """(K, N, C) what each person stands to gain or lose by component (NaN where
        unknown)."""
        lt = self.later
        signed = (_tiled(self.bc, "stakes", len(self.idx)) if lt.stakes.ndim == 2 else
                  lt.stakes) + lt.stake_mod
        return np.where(_along(lt.unknown, signed.shape[2]), np.nan, signed)

    @property
    def true_totals(self) -> np.ndarray:
        """(K, N) the stances the estimates were made from. Hidden from the player (a bot
        never reads them); the driver hands them to a rule that would work them out again
        on the same state (`Chosen.seen`)."""
        return self.later.stances.total

    def stakes_of(self, r: np.ndarray, i: np.ndarray) -> np.ndarray:
        """(S, C) `stakes[r, i]`, worked out for those rows only (the same operations on
        the same numbers)."""
        lt = self.later
        authored = lt.stakes[i] if lt.stakes.ndim == 2 else lt.stakes[r, i]
        return np.where(lt.unknown[r, i][:, None], np.nan, authored + lt.stake_mod[r, i])

    @cached_property
    def interests(self) -> np.ndarray:
        """(K, N, 4) what each person cares about (NaN where unknown)."""
        lt = self.later
        return np.where(_along(lt.unknown, 4), np.nan, lt.interests)

    @cached_property
    def offered(self) -> np.ndarray:
        """(K, N) compensation offered each person, in general and in any R."""
        lt = self.later
        return lt.compensation + pairwise_sum([lt.offset[:, :, r] for r in range(4)])

    @cached_property
    def at_stake(self) -> np.ndarray:
        """(K, N, 4) the losses by R not yet answered by an offer in that R (NaN where
        unknown)."""
        lt = self.later
        return np.where(_along(lt.unknown, 4), np.nan,
                        np.maximum(np.stack(lt.stances.lost, axis=2) - lt.offset, 0.0))

    def at_stake_of(self, r: np.ndarray, i: np.ndarray) -> np.ndarray:
        """(S, 4) `at_stake[r, i]`, worked out for those rows only (the same operations on
        the same numbers)."""
        lt = self.later
        left = lt.stances.lost_at(r, i)
        return np.where(lt.unknown[r, i][:, None], np.nan,
                        np.maximum(left - lt.offset[r, i], 0.0))

    @property
    def deadlocked(self) -> np.ndarray:
        """(K,) a stand-off stands unbroken."""
        return (self.standoff >= 0) & ~self.standoff_resolved

    @property
    def ask_open(self) -> np.ndarray:
        """(K, M) an ask not answered yet."""
        return (self.ask_component >= 0) & (self.ask_answer < 0)

    def one(self, r: int) -> Radar:
        """Row r as the reference's Radar (for tests and per-game readers)."""
        return Radar(**{f: getattr(self, f)[r] for f in Radar.__dataclass_fields__})


def radar(bc: BatchCase, bs: BatchState, idx: np.ndarray,
          moves: Sequence[list[dict[str, Any]]]) -> BatchRadar:
    """engine.view.build_radar and build_glance for games idx; `moves[g]` is game g's
    moves so far (by slot, as `Turn.moves`: intelligence reads whom it cultivated).
    When idx is every game in slot order the batch is read in place, not copied: then
    some fields are the batch's own arrays, so read the radar before the state changes."""
    idx = np.asarray(idx, np.int64)
    k = len(idx)
    whole = k == bs.g and bool((idx == np.arange(k)).all())
    sub = bs if whole else rows_of(bs, idx)
    stances = compute(bc, sub)
    rev = sub.revealed
    hidden = np.maximum(0.0, 1.0 - rev / KNOWN_AT)
    known = rev >= KNOWN_AT
    unknown = ~known
    if sub.cases is None:
        interests = _tile(bc, "tiled:interests", bc.case.interests, k)
    else:  # each game's own world (engine.batch.worlds)
        interests = worlds.interests(bc, sub)
    # the losses by R are the stances' own (`BatchStances.lost`, worked out when read)
    later = _Later(unknown=unknown, revealed=rev, interests=interests,
                   stakes=worlds.stakes(bc, sub), stake_mod=sub.stake_mod, trust=sub.trust,
                   stances=stances, offset=sub.offset, compensation=sub.compensation,
                   evidence_need=bc.evidence_need if sub.cases is None else
                   worlds.field(bc, sub, "evidence_need"))
    at = stage_at(sub, np.arange(k))
    vetoes_here = bc.vetoes.take(at, axis=0)
    can_block = vetoes_here.copy()
    threat = (sub.threat_at == at[:, None]) & (sub.threat_rank >= 0)
    some = np.flatnonzero(row_any(sub.threat_rank >= 0))
    if len(some):  # a withdrawal threat you have intelligence on
        can_block[some] |= threat[some] & (
            known[some] | _cultivated(bc, idx[some], [sub.extras[r] for r in some.tolist()],
                                      moves))
    band = _constants(bc)[0]
    held = sub.demand_code >= 0
    comp, answer = asks_codes(sub)
    every = lambda a: np.broadcast_to(a, (k, *a.shape))  # noqa: E731 - a case array per game
    return BatchRadar(
        bc=bc, idx=idx,
        estimate=(stances.total + hidden * sub.noise).clip(-1.0, 1.0),
        uncertainty=hidden * band[sub.difficulty][:, None],
        revealed=rev, known=known,
        influence=every(bc.influence), marginal=every(bc.marginal),
        central=every(bc.central), affinity=every(bc.affinity), conflict=sub.conflict,
        in_forum=forum(bc, sub, np.arange(k)), can_block=can_block, champion=sub.champion,
        coalition=sub.coalition,
        stage=at, stage_kind=bc.stage_kind[at], threshold=bc.stage_threshold[at],
        paused=sub.stage == bc.hiatus, round=sub.round,
        rounds=bc.stage_rounds[at] + sub.extra_rounds, refusals=sub.failures,
        calendar=sub.calendar,
        capacity=sub.capacity, capacity_max=sub.capacity_max, credibility=sub.credibility,
        roles=sub.roles, funds=sub.funds, external=sub.external, air_cover=sub.air_cover,
        consultation=sub.consultation, ambition=sub.ambition, evidence=sub.evidence,
        frame_uses=sub.frame_uses, vision_uses=sub.vision_uses, stage_uses=sub.stage_uses,
        future_vetoes=_vetoes_ahead(bc).take(at, axis=0), vetoes_here=vetoes_here,
        outcome=sub.outcome,
        demand=sub.demand_code, demand_held=held, demand_met=sub.demand_met,
        standoff=sub.standoff_code, standoff_resolved=sub.standoff_resolved,
        ask_component=comp, ask_answer=answer, later=later)


def _along(mask: np.ndarray, width: int) -> np.ndarray:
    """(K, N, width): a (K, N) mask repeated along a last axis, as one contiguous block."""
    return np.repeat(mask.ravel(), width).reshape(*mask.shape, width)


def _constants(bc: BatchCase) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The case's fixed tables the radar reads, made once per case: the uncertainty band
    by difficulty, and each demand template's required move kind and beneficiary, with -1
    last (a slot without a demand, code -1, reads it)."""
    found = bc.scratch.get("radar_constants")
    if found is None:
        band = np.array([d.noise * TUNING.radar.band_sds for d in DIFFICULTIES.values()])
        requires = np.array([bc.move_kinds.index(d.requires) if d.requires in bc.move_kinds
                             else -1 for d in bc.demands] + [-1])
        benefit = np.array([bc.case.index[d.beneficiary] if d.beneficiary else -1
                            for d in bc.demands] + [-1])
        for a in (band, requires, benefit):
            a.setflags(write=False)
        found = bc.scratch["radar_constants"] = (band, requires, benefit)
    return found


def _cultivated(bc: BatchCase, games: np.ndarray, extras: Sequence[dict[str, Any]],
                moves: Sequence[list[dict[str, Any]]]) -> np.ndarray:
    """(K, N) whom each game's director cultivated backstage (agency.cultivated, per game:
    the moves are a per-game record). A game's moves are only ever added to, so what its
    earlier moves gave is kept in its side record (`extras[r]`, game games[r]) and only
    the moves since are read."""
    out = np.zeros((len(games), bc.n), bool)
    index = bc.case.index
    for r, g in enumerate(games.tolist()):
        made, ex = moves[g], extras[r]
        memo = ex.get(_MEMO)
        if memo is None or memo[0] is not made or memo[1] > len(made):
            memo = (made, 0, frozenset())
        if memo[1] < len(made):
            memo = ex[_MEMO] = (made, len(made), memo[2] | cultivated(made[memo[1]:]))
        for sid in memo[2]:
            out[r, index[sid]] = True
    return out


#: the side record's memo of whom a game cultivated: (its moves list, how many were read,
#: the people)
_MEMO = "_cultivated"


def _vetoes_ahead(bc: BatchCase) -> np.ndarray:
    """(S, N) who can block at each stage or a later one (engine.view._vetoes_ahead)."""
    found = bc.scratch.get("vetoes_ahead")
    if found is None:
        found = np.logical_or.accumulate(bc.vetoes[::-1], axis=0)[::-1].copy()
        found.setflags(write=False)
        bc.scratch["vetoes_ahead"] = found
    return found
