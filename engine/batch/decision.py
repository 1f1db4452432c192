"""A forum's decision for G games at once: engine.flow.decide with a game axis, equal to the
reference state for state (tests/test_batch_decision.py).

For the games whose forum decides now (a mask), in the reference's order:

1. `consultation.before_decision`: at a consultation stage, unanswered asks count as refused
   and a consultation never run costs the director and refers every later decision;
2. the stances (engine.batch.stance) and the count (engine.batch.tally);
3. `episodes.at_decision` into the episode record, for all the games at once (the text is
   made by the reference's wording when a game is read: engine.batch.record);
4. `agency.decided` (threats made for this decision lapse), and a failed decision's cost:
   credibility (less under air cover) and a failure counted;
5. the flow's condition bits for the `decide` trigger, the row each game takes
   (`StageTable.choose`) and that row's callbacks (engine.batch.endings).

`scripted.fire(rest_of_stage=True)`, the first thing the reference's `decide` does, is the
caller's: the batch decision assumes it has run (it is `Turn.scripts`, see engine.batch.turn).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from faultlines.engine import consultation, flow
from faultlines.engine.batch import endings, record, worlds
from faultlines.engine.batch.compiled import CONSULTATIONS, ON_FAIL, BatchCase
from faultlines.engine.batch.episodes import DecisionMeasures, write
from faultlines.engine.batch.record import KINDS
from faultlines.engine.batch.stance import compute
from faultlines.engine.batch.state import BatchState, asks_changed, rows_of
from faultlines.engine.batch.table import stage_table
from faultlines.engine.batch.tally import (
    BLOCKED,
    PASSED,
    RESULTS,
    STANDOFF,
    BatchDecision,
    forum,
    tally,
)
from faultlines.engine.batch.turn import Turn
from faultlines.engine.batch.view import stage_at
from faultlines.engine.domain import STAGE_KINDS
from faultlines.engine.negotiation import SETTINGS
from faultlines.engine.tuning import TUNING


@dataclass(frozen=True, eq=False)
class Decided:
    """What `decide` did: the tallies, the flow's condition bits for the `decide` trigger
    and the row of the stage table each game took (rows follow `decision.games`)."""

    decision: BatchDecision
    condition_bits: np.ndarray  # (K,) int64
    row: np.ndarray  # (K,)
    source: np.ndarray  # (K,) the stage each decided at


# -- before the vote -----------------------------------------------------------------------
def before_decision(bc: BatchCase, bs: BatchState, idx: np.ndarray) -> np.ndarray:
    """engine.consultation.before_decision for games idx (only consultation stages act).
    Returns the games it changed (an ask refused, or a consultation never run)."""
    at = stage_at(bs, idx)
    here = idx[bc.stage_kind[at] == _CONSULTATION]
    if not len(here):
        return here
    t = TUNING.asks
    # unanswered asks, in each game's order, count as refused (the side record says so)
    by_slot: list[list[tuple[int, list[int]]]] = []
    for i in here.tolist():
        asks = bs.extras[i]["asks"]
        k = 0
        for pos, ask in enumerate(asks):
            if ask.answer is None:
                asks[pos] = replace(ask, answer="refuse")
                if len(by_slot) <= k:
                    by_slot.append([])
                by_slot[k].append((i, [bc.people.index(x) for x in ask.by]))
                k += 1
    if by_slot:
        asks_changed(bs, here)
    for refusals in by_slot:  # the k-th refusal of every game at once, in order
        games = np.array([i for i, _ in refusals])
        who = np.zeros((len(games), bc.n), bool)
        for row, (_, people) in enumerate(refusals):
            who[row, people] = True
        _refuse(bc, bs, games, who)
    never = here[bs.consultation[here] < 0]
    if len(never):
        hit = consultation.consultees_by(bc.case, bs.stake_mod.take(never, axis=0),
                                         worlds.stakes(bc, bs, never))
        g = bs.grievance.take(never, axis=0)
        bs.grievance[never] = np.where(hit, g + t.withheld_grievance, g)
        bs.credibility[never] = _floor0(bs.credibility[never] - t.withheld_credibility)
        _refer(bc, bs, never, t.withheld_scrutiny)
    refused = [i for i, _ in by_slot[0]] if by_slot else []  # every game with a refusal
    return np.concatenate([np.array(refused, np.int64), never])


def _refuse(bc: BatchCase, bs: BatchState, games: np.ndarray, who: np.ndarray) -> None:
    """engine.consultation._refuse: one refusal in each of these games."""
    t = TUNING.asks
    g, tr = bs.grievance.take(games, axis=0), bs.trust.take(games, axis=0)
    bs.grievance[games] = np.where(who, g + t.refuse_grievance, g)
    bs.trust[games] = np.where(who, np.maximum(0.0, tr - t.refuse_trust), tr)
    bs.credibility[games] = _floor0(bs.credibility[games] - t.refuse_credibility)
    _refer(bc, bs, games, t.refuse_scrutiny)


def _refer(bc: BatchCase, bs: BatchState, games: np.ndarray, amount: float) -> None:
    """engine.consultation.refer: this stage and every later one needs `amount` more."""
    ahead = np.arange(bc.s)[None, :] >= stage_at(bs, games)[:, None]
    sc = bs.scrutiny.take(games, axis=0)
    bs.scrutiny[games] = np.where(ahead, sc + amount, sc)
    bs.scrutiny_set[games] |= ahead


def _floor0(x: np.ndarray) -> np.ndarray:
    """Python's max(0.0, x), element-wise (its zero is +0.0, as the reference's)."""
    return np.where(x > 0.0, x, 0.0)


# -- the whole decision --------------------------------------------------------------------
def decide(bc: BatchCase, bs: BatchState, mask: np.ndarray, turn: Turn, *,
           known: endings.KnownStances | None = None) -> Decided:
    """What engine.flow.decide does to the state of every game in `mask` (after its
    `scripted.fire(rest_of_stage=True)`, which is the caller's), including where the flow
    takes each game and what the endings, pauses and re-openings do on the way. `known`:
    stances worked out on these games' state as it still is (a month's reading), read
    rather than computed again."""
    idx = np.flatnonzero(mask)
    if (bs.stage[idx] >= bc.hiatus).any():
        raise ValueError("only a game at a scenario stage can decide")
    changed = before_decision(bc, bs, idx)
    stances = _stances(bc, bs, idx, known, changed)  # rows follow idx
    members = forum(bc, bs, idx)
    d = tally(bc, bs, idx, stances, members)
    _record_episodes(bc, bs, d, members, turn)
    _threats_lapse(bs, idx, d.stage)
    failed = d.result != PASSED
    lost = idx[failed]
    amount = np.where(bs.air_cover[lost],
                      TUNING.decision_failed_credibility * (1.0 - TUNING.air_cover.shield),
                      TUNING.decision_failed_credibility)
    bs.credibility[lost] = _floor0(bs.credibility[lost] - amount)
    bs.failures[lost] += 1
    table = stage_table(bc.case)
    bits = condition_bits(bc, bs, d)
    source = bs.stage[idx].copy()
    row = table.choose("decide", source, bits)
    endings.follow(endings.Step(bc=bc, bs=bs, turn=turn, decision=d, stances=stances,
                                decide=decide), source, row)
    return Decided(decision=d, condition_bits=bits, row=row, source=source)


def _stances(bc: BatchCase, bs: BatchState, idx: np.ndarray,
             known: endings.KnownStances | None, changed: np.ndarray) -> np.ndarray:
    """(K, N): the stance totals of games idx: those `known` still holds, read; the
    rest computed (engine.batch.stance: each game's row is its own)."""
    if known is not None:
        known.drop(changed)
        held, total = known.of(idx)
        if held.all():
            return total
        if held.any():
            out = np.empty((len(idx), bc.n))
            out[held] = total
            out[~held] = compute(bc, rows_of(bs, idx[~held])).total
            return out
    return compute(bc, bs if len(idx) == bs.g else rows_of(bs, idx)).total


def condition_bits(bc: BatchCase, bs: BatchState, d: BatchDecision) -> np.ndarray:
    """The flow's conditions for the `decide` trigger, as bits of each game's int64
    (StageTable.conditions): evaluated, as the machine does, after the failure is counted."""
    table = stage_table(bc.case)
    idx = d.games
    rules = bc.case.scenario.rules
    at = d.stage
    value = {
        flow._passed: d.result == PASSED,
        flow._needs_hiatus: (d.result == BLOCKED) | (d.result == STANDOFF) |
        (bc.stage_on_fail[at] == _ON_FAIL_HIATUS) |
        (bs.failures[idx] >= TUNING.failures_before_hiatus),
        flow._no_credibility_left: bs.credibility[idx] <= 0.0,
        flow._hiatus_would_stall: bs.hiatus_count[idx] + 1 > rules.max_hiatus,
        flow._may_reopen: bs.reopenings[idx] < TUNING.max_reopenings,
    }
    return table.bits("decide", value, len(idx))


def _threats_lapse(bs: BatchState, idx: np.ndarray, at: np.ndarray) -> None:
    """engine.agency.decided: threats made for this decision lapse."""
    threat_at = bs.threat_at.take(idx, axis=0)
    gone = threat_at == at[:, None]
    bs.threat_at[idx] = np.where(gone, -1, threat_at)
    bs.threat_rank[idx] = np.where(gone, -1, bs.threat_rank.take(idx, axis=0))


def _record_episodes(bc: BatchCase, bs: BatchState, d: BatchDecision, members: np.ndarray,
                     turn: Turn) -> None:
    """episodes.at_decision (`decision_episodes`) for every deciding game at once, into
    the batch's episode record, in the reference's order: at a consultation stage, the
    consultation as it was run (never: withheld; announced; genuine: co-design on what was
    open, then on what was settled), then what the forum decided, then what it only
    ratified if it passed. The words are the reference's, made when a game is read."""
    idx = d.games
    at_consultation = bc.stage_kind[d.stage] == _CONSULTATION
    m = DecisionMeasures(bc, bs, idx, members, at_consultation)
    run = bs.consultation[idx]
    decided, ratified = m.sets["decided"].any(axis=1), m.sets["ratified"].any(axis=1)
    where = {"stage": stage_at(bs, idx), "round_": bs.round[idx],
             "move": np.asarray(turn.move_index)[idx]}

    parts: list[tuple[np.ndarray, str, str, str, str, dict]] = []

    def rec(rows: np.ndarray, kind: str, setting: str, comps: str, who: str, **kw) -> None:
        r = np.flatnonzero(rows)
        if len(r):
            parts.append((r, kind, setting, comps, who, kw))

    rec(at_consultation & (run < 0), "not_consulted", "withheld", "table", "nobody",
        significant=False, kept_off=True)
    rec(at_consultation & (run == _FALSE_RUN), "announced", "consultation", "table",
        "consulted", significant=False, presented=True, decided_before=True)
    genuine = at_consultation & (run == _GENUINE_RUN)
    rec(genuine & decided, "co_design", "consultation", "decided", "consulted",
        significant=True, presented=True)
    rec(genuine & ratified, "co_design_settled", "consultation", "ratified", "consulted",
        significant=False, presented=True)
    rec(decided, "decided", "forum", "decided", "forum", significant=True, presented=True,
        agenda_set=bs.agenda_set[idx], a=d.stage, b=_VERB[d.result], share=d.share)
    rec(ratified & (d.result == PASSED), "ratified", "forum", "ratified", "forum",
        significant=False, presented=True, a=d.stage)
    if len(parts) == 1:
        r, kind, setting, comps, who, kw = parts[0]
        inclusive, _, hit = m.found(comps, who, r)
        write(bs, idx[r], kind, setting, m.sets[comps][r], m.who[who][r], inclusive, hit,
              **{k: v[r] if isinstance(v, np.ndarray) else v
                 for k, v in {**where, **kw}.items()})
    elif parts:
        _write_parts(bs, idx, m, where, parts)


def _write_parts(bs: BatchState, idx: np.ndarray, m: DecisionMeasures,
                 where: dict[str, np.ndarray], parts: list) -> None:
    """The decision's episodes of every kind in one `write`: the rows of each kind in
    turn, so a game's episodes land in the record in the order the kinds come (each
    row's measures are its own, and nothing they read changes between them)."""
    r = np.concatenate([p[0] for p in parts])
    comps = np.concatenate([m.sets[p[3]][p[0]] for p in parts])
    present = np.concatenate([m.who[p[4]][p[0]] for p in parts])
    inclusive, _, hit = m.measure(r, comps, present)

    def each(name: str, default) -> np.ndarray:
        return np.concatenate([
            v[p[0]] if isinstance(v := p[5].get(name, default), np.ndarray)
            else np.full(len(p[0]), v) for p in parts])

    write(bs, idx[r], np.concatenate([np.full(len(p[0]), KINDS.index(p[1])) for p in parts]),
          np.concatenate([np.full(len(p[0]), SETTINGS.index(p[2])) for p in parts]),
          comps, present, inclusive, hit, significant=each("significant", False),
          stage=where["stage"][r], round_=where["round_"][r], move=where["move"][r],
          presented=each("presented", False), agenda_set=each("agenda_set", False),
          kept_off=each("kept_off", False), decided_before=each("decided_before", False),
          a=each("a", -1), b=each("b", -1), share=each("share", 0.0), repeats=True)


_CONSULTATION = STAGE_KINDS.index("consultation")
_ON_FAIL_HIATUS = ON_FAIL.index("hiatus")
_FALSE_RUN, _GENUINE_RUN = CONSULTATIONS.index("false"), CONSULTATIONS.index("genuine")
#: a tally's result code -> its code in the episodes' wording (engine.batch.record.RESULTS)
_VERB = np.array([record.RESULTS.index(r) for r in RESULTS])
