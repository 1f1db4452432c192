"""The callbacks of the stage flow's rows, as array operations on the games that take each
row: engine.flow's `_remember_stage`, `_note_pass`, `_enter_stage` (`enter`), `_conclude`
(with engine.outcomes.classify_pass), `_announce_hiatus`, `_start_hiatus` (and an immediate
resumption when a hiatus has no months), `_reopen`, `_another_round`, `_stall`, `_collapse`
and `_finish` (the `decide` rows), and `_decide_now`, `_next_round` and `_hiatus_month` (the
`month` rows, engine.batch.month).

`follow` (a decision) and `take_rows` (any trigger) run, for each game, the row the stage
table chose: its `before` callbacks, the change of stage (none for an internal row), then
its `after` callbacks, as the `transitions` machine does. Callbacks are found by the
reference function the table names, so a callback added to engine.flow without a batch form
here is refused, not skipped.

Not done here: the events the reference writes (logs are made by replaying through it), and
scenario events on entering a stage, which go through the `Turn.scripts` seam
(engine.batch.turn). The text of an ending (classify_pass's reasons, a stall's) comes from
the reference's own functions, per game.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from faultlines.engine import flow
from faultlines.engine.batch import worlds
from faultlines.engine.batch.compiled import CONSULTATIONS, BatchCase
from faultlines.engine.batch.episodes import tainted_of
from faultlines.engine.batch.stance import alignment, pairwise_sum, row_max, stakes_of
from faultlines.engine.batch.state import BatchState, rows_of
from faultlines.engine.batch.table import stage_table
from faultlines.engine.batch.tally import BatchDecision, selected_sum
from faultlines.engine.batch.turn import Turn
from faultlines.engine.domain import STAGE_KINDS
from faultlines.engine.outcomes import verdict
from faultlines.engine.tuning import TUNING

_BRIEFING = STAGE_KINDS.index("briefing")


@dataclass(eq=False)
class Step:
    """One decision or month's end of a batch in progress: what the callbacks read
    (`ed.kwargs` in the reference: the context, the decision, and the reason a hiatus
    gives). A month's end has no decision: only the `decide` rows read one."""

    bc: BatchCase
    bs: BatchState
    turn: Turn
    decision: BatchDecision | None
    stances: np.ndarray | None  # (K, N) the deciders' stance totals; rows follow decision.games
    #: the batch decision itself, for a stage that decides as soon as it is entered
    decide: Callable[..., Any]
    #: slot -> why the work paused (`_announce_hiatus` sets it; a stall's reason reads it)
    why: dict[int, str] = field(default_factory=dict)
    #: stances a month's end read that still hold (`KnownStances`): its own decisions
    #: (`_decide_now`) read them rather than work them out again
    known: KnownStances | None = None

    def row_of(self, games: np.ndarray) -> np.ndarray:
        """The decision's row for each of these slots."""
        return np.searchsorted(self.decision.games, games)


@dataclass(eq=False)
class KnownStances:
    """Stance totals worked out earlier (the stakeholders' reading in a month's end; the
    player's radar, for a game that calls a decision) for games whose state nothing has
    changed since in anything a stance reads. Whatever may change a game drops it (`drop`);
    a decision reads the rest (`of`) rather than computing them."""

    games: np.ndarray  # (K,) slots, ascending
    total: np.ndarray  # (K, N)
    valid: np.ndarray = None  # type: ignore[assignment]  # (K,) bool: not dropped yet

    def __post_init__(self) -> None:
        if self.valid is None:
            self.valid = np.ones(len(self.games), bool)

    def _at(self, games: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        pos = np.searchsorted(self.games, games)
        pos = np.minimum(pos, len(self.games) - 1)
        return pos, (self.games[pos] == games) & self.valid[pos]

    def drop(self, games: np.ndarray) -> None:
        """These games may have changed: their stances are no longer known."""
        if len(games) and len(self.games):
            pos, held = self._at(games)
            self.valid[pos[held]] = False

    def of(self, games: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(held (len(games),) bool, the totals of the games held, in their order)."""
        if not len(self.games):
            return np.zeros(len(games), bool), self.total[:0]
        pos, held = self._at(games)
        return held, self.total[pos[held]]


def fire_before_deciding(turn: Turn, bs: BatchState, games: np.ndarray,
                         known: KnownStances | None) -> None:
    """The stage's remaining scenario events for these games (what the reference's decide
    fires first: `turn.scripts(bs, games, True)`), and the games where one fired dropped
    from `known`: an event changes a game only where it fires, and firing marks it fired.
    (A caller with stances worked out before, as the player's radar, fires through this
    and then calls `decide(..., known=known)`.)"""
    if known is None:
        turn.scripts(bs, games, True)
        return
    fired = (bs.fired_events.take(games, axis=0) >= 0).sum(axis=1)
    turn.scripts(bs, games, True)
    known.drop(games[(bs.fired_events.take(games, axis=0) >= 0).sum(axis=1) != fired])


def follow(step: Step, source: np.ndarray, row: np.ndarray) -> None:
    """Take the chosen `decide` row of every deciding game (rows follow decision.games)."""
    take_rows(step, "decide", step.decision.games, source, row)


def take_rows(step: Step, trigger: str, games: np.ndarray, source: np.ndarray,
              row: np.ndarray) -> None:
    """Take the chosen row of `trigger` for each of these games (rows follow `games`)."""
    table = stage_table(step.bc.case)
    t = table.triggers[trigger]
    taken = row >= 0
    width = int(row.max(initial=-1)) + 1  # each (source, row) pair once, in their order
    for pair in np.unique(source[taken].astype(np.int64) * width + row[taken]).tolist():
        s, r = divmod(pair, width)
        these = games[(source == s) & (row == r)]
        for code in t.before[s, r]:
            if code >= 0:
                _run(step, table.callbacks[code], these, s)
        if not t.internal[s, r]:
            step.bs.stage[these] = t.dest[s, r]
        for code in t.after[s, r]:
            if code >= 0:
                _run(step, table.callbacks[code], these, s)


def _run(step: Step, key, games: np.ndarray, source: int) -> None:
    fn, kw = key
    found = _CALLBACKS.get(fn)
    if found is None:
        raise ValueError(f"the stage flow runs {fn.__name__}, which the batch engine does "
                         "not have")
    if step.known is not None and fn not in _KNOWN_STANCES_HOLD:
        step.known.drop(games)
    found(step, games, source, **dict(kw))


# -- the callbacks -----------------------------------------------------------------------
def _remember_stage(step: Step, games: np.ndarray, source: int) -> None:
    bs = step.bs
    stage = bs.stage[games]
    bs.last_stage[games] = np.where(stage < step.bc.hiatus, stage, bs.last_stage[games])


def _note_pass(step: Step, games: np.ndarray, source: int) -> None:
    bs = step.bs
    bs.credibility[games] = _cap1(bs.credibility[games] + TUNING.decision_passed_credibility)
    ranks = bs.passed.take(games, axis=0)
    ranks[:, source] = ranks.max(axis=1) + 1  # appended: after everything passed so far
    bs.passed[games] = ranks


def _conclude(step: Step, games: np.ndarray, source: int) -> None:
    """flow._conclude: engine.outcomes.classify_pass for each of these games, its values
    read from the arrays for all of them at once and only its words made game by game
    (`outcomes.verdict`, the reference's own)."""
    _note_pass(step, games, source)
    bc, bs, d = step.bc, step.bs, step.decision
    rows = step.row_of(games)
    share = affected_support(bc, bs, games, step.stances[rows])
    amb = bs.ambition.take(games, axis=0)
    ambition = pairwise_sum([amb[:, j] for j in range(amb.shape[1])]) / amb.shape[1]
    consultation = bs.consultation[games].tolist()
    dissent = d.abstain[rows].sum(axis=1) + d.oppose[rows].sum(axis=1)
    rules = bc.case.scenario.rules
    codes = []
    for i, t, x, cred, exp, run, ds, n, opp, am in zip(
            games.tolist(), tainted_of(bs, games), share.tolist(),
            bs.credibility[games].tolist(), bs.exposed[games].tolist(), consultation,
            d.share[rows].tolist(), dissent.tolist(), d.opposition[rows].tolist(),
            ambition.tolist(), strict=True):
        outcome, reasons = verdict(rules, t, None if x != x else x, cred, exp,
                                   None if run < 0 else CONSULTATIONS[run], ds, n, opp, am)
        codes.append(bc.outcomes.index(outcome))
        bs.extras[i]["outcome_reasons"] = [" ".join(reasons)]  # flow._finish's one reason
    bs.outcome[games] = codes


def affected_support(bc: BatchCase, bs: BatchState, games: np.ndarray,
                     stances: np.ndarray) -> np.ndarray:
    """(K,): engine.outcomes.affected_support for each of these games (their `stances`
    (K, N)), NaN where the plan affects nobody (the reference's None): its operations in
    its order, its sums as numpy adds them (`selected_sum`, `pairwise_sum`)."""
    stakes = row_max(np.abs(stakes_of(bc, bs, games)))
    hit = stakes >= TUNING.negotiation.affected_stake
    w = bc.case.influence * hit
    backing = selected_sum(w, stances >= bc.case.scenario.rules.support_at)
    whole = pairwise_sum([w[:, j] for j in range(bc.n)])
    anyone = hit.any(axis=1)
    return np.where(anyone, backing / np.where(anyone, whole, 1.0), np.nan)


def _announce_hiatus(step: Step, games: np.ndarray, source: int) -> None:
    step.bs.hiatus_count[games] += 1
    for i, k in zip(games.tolist(), step.row_of(games).tolist(), strict=True):
        step.why[i] = flow.hiatus_why(step.decision.result_name(k))


def _start_hiatus(step: Step, games: np.ndarray, source: int) -> None:
    bs = step.bs
    bs.hiatus_left[games] = step.bc.case.scenario.rules.hiatus_rounds
    bs.capacity[games] = 0
    if step.bc.case.scenario.rules.hiatus_rounds <= 0:
        _resume(step, games)


def _resume(step: Step, games: np.ndarray) -> None:
    """The `resume` trigger: back to the stage where play paused (flow._paused_at)."""
    table = stage_table(step.bc.case)
    bits = np.zeros(len(games), np.int64)
    last = step.bs.last_stage[games]
    for k, (fn, kw) in enumerate(table.conditions):
        if fn is flow._paused_at:
            bits |= np.where(last == step.bc.stages.index(dict(kw)["stage"]),
                             np.int64(1) << k, 0)
    source = step.bs.stage[games].copy()
    take_rows(step, "resume", games, source, table.choose("resume", source, bits))


def _reopen(step: Step, games: np.ndarray, source: int) -> None:
    bs = step.bs
    bs.reopenings[games] += 1
    keep = bs.stage[games]  # the stage the dispute returns to (the change is made)
    ranks = bs.passed.take(games, axis=0)
    bs.passed[games] = np.where(np.arange(step.bc.s)[None, :] < keep[:, None], ranks, -1)
    enter(step, games, rounds=1)


def _another_round(step: Step, games: np.ndarray, source: int) -> None:
    bs = step.bs
    bs.extra_rounds[games] += 1
    bs.round[games] += 1
    bs.capacity[games] = bs.capacity_max[games]


def _stall(step: Step, games: np.ndarray, source: int) -> None:
    for i in games.tolist():
        _finish(step, np.array([i]), "stalled",
                flow.stall_reason(step.why[i], int(step.bs.hiatus_count[i])))


def _collapse(step: Step, games: np.ndarray, source: int, why: str) -> None:
    if source == step.bc.hiatus:
        why = "The hiatus used up the calendar."
    _finish(step, games, "collapsed", why)


def _finish(step: Step, games: np.ndarray, outcome: str, why: str) -> None:
    """flow._finish without its events: the outcome and its one reason."""
    step.bs.outcome[games] = step.bc.outcomes.index(outcome)
    for i in games.tolist():
        step.bs.extras[i]["outcome_reasons"] = [why]


def _enter_stage(step: Step, games: np.ndarray, source: int,
                 rounds: int | None = None) -> None:
    enter(step, games, rounds=rounds)


# -- entering a stage -----------------------------------------------------------------------
def enter(step: Step, games: np.ndarray, *, rounds: int | None = None,
          fresh: bool = False) -> None:
    """engine.flow.enter for games already moved to their new stage (`fresh`: a new game
    at its first stage, which has no vision to fade): its first round, deferred items back with their grievance, a cleared agenda, pressure
    decaying, the vision's differences resurfacing, the stage's scenario events (the
    `Turn.scripts` seam), and a decision at once where the stage has no rounds."""
    bc, bs = step.bc, step.bs
    stage = bs.stage[games]
    bs.round[games] = 1
    bs.extra_rounds[games] = 0 if rounds is None else rounds - bc.stage_rounds[stage]
    bs.failures[games] = 0
    bs.capacity[games] = bs.capacity_max[games]
    bs.stage_uses[games] = 0
    _deferred_items_return(step, games)
    bs.kept_off[games] = -1
    bs.agenda_set[games] = False
    bs.agenda[games] = 0.0
    bs.pressure[games] = bs.pressure.take(games, axis=0) * TUNING.pressure_kept_between_stages
    if not fresh:
        _resurface(step, games)
    step.turn.scripts(bs, games, False)
    now = (bc.stage_rounds[stage] + bs.extra_rounds[games] <= 0) & \
        (bc.stage_kind[stage] != _BRIEFING)
    if now.any():
        at_once = games[now]
        step.turn.scripts(bs, at_once, True)  # what the reference's decide fires first
        mask = np.zeros(bs.g, bool)
        mask[at_once] = True
        step.decide(bc, bs, mask, step.turn)


def _deferred_items_return(step: Step, games: np.ndarray) -> None:
    """flow._deferred_items_return: each item kept off, in the order it was kept off,
    unless settled, brings grievance back to those it affects."""
    bc, bs = step.bc, step.bs
    ranks = bs.kept_off.take(games, axis=0)
    held = ranks >= 0
    if not held.any():
        return
    order = np.argsort(np.where(held, ranks, np.iinfo(np.int64).max), axis=1, kind="stable")
    settled = bs.settled.take(games, axis=0) >= 0
    rows = np.arange(len(games))
    g = bs.grievance.take(games, axis=0)
    for q in range(int(held.sum(axis=1).max())):
        j = order[:, q]
        back = held[rows, j] & ~settled[rows, j]
        stake = np.abs(worlds.component_stakes(bc, bs, games, j) +
                       bs.stake_mod.take(games, axis=0)[rows, :, j])
        hit = back[:, None] & (stake >= TUNING.negotiation.affected_stake)
        g = np.where(hit, g + TUNING.keep_off.resurface_grievance, g)
    bs.grievance[games] = g


def _resurface(step: Step, games: np.ndarray) -> None:
    """flow._resurface: the vision fades at each new stage and, for those it no longer fits,
    the differences it covered come back as grievance."""
    bc, bs = step.bc, step.bs
    some = games[bs.vision.take(games, axis=0).any(axis=1)]
    if not len(some):
        return
    vision = bs.vision.take(some, axis=0)
    faded = vision * TUNING.vision_fade_per_stage
    bs.vision[some] = vision - faded
    misaligned = alignment(bc, rows_of(bs, some)) < TUNING.resurface_below_alignment
    hit = misaligned & (faded > flow.RESURFACE_MIN)
    g = bs.grievance.take(some, axis=0)
    bs.grievance[some] = np.where(hit, g + faded * TUNING.resurface_grievance, g)


# -- the month's rows ------------------------------------------------------------------------
def _decide_now(step: Step, games: np.ndarray, source: int) -> None:
    """flow._decide_now: the stage's rounds are used up, so its forum decides (after the
    stage's remaining scenario events, which the reference's decide fires first)."""
    bs, known = step.bs, step.known
    fire_before_deciding(step.turn, bs, games, known)
    mask = np.zeros(bs.g, bool)
    mask[games] = True
    step.decide(step.bc, bs, mask, step.turn, known=known)
    if known is not None:  # deciding changed them
        known.drop(games)


def _next_round(step: Step, games: np.ndarray, source: int) -> None:
    """flow._next_round: another round of the stage, with fresh capacity and its events."""
    bs = step.bs
    bs.round[games] += 1
    bs.capacity[games] = bs.capacity_max[games]
    step.turn.scripts(bs, games, False)


def _hiatus_month(step: Step, games: np.ndarray, source: int) -> None:
    """flow._hiatus_month: a month of the pause passes; at its end the work resumes."""
    bs = step.bs
    bs.hiatus_left[games] -= 1
    done = games[bs.hiatus_left[games] <= 0]
    if len(done):
        _resume(step, done)


def _cap1(x: np.ndarray) -> np.ndarray:
    """Python's min(1.0, x), element-wise."""
    return np.where(x < 1.0, x, 1.0)


#: the callbacks after which a month's reading of the stances still holds: remembering
#: the stage changes nothing a stance reads, and deciding now keeps it up to date itself
_KNOWN_STANCES_HOLD = frozenset((flow._remember_stage, flow._decide_now))

_CALLBACKS: dict[Callable[..., Any], Callable[..., None]] = {
    flow._remember_stage: _remember_stage, flow._note_pass: _note_pass,
    flow._enter_stage: _enter_stage, flow._conclude: _conclude,
    flow._announce_hiatus: _announce_hiatus, flow._start_hiatus: _start_hiatus,
    flow._reopen: _reopen, flow._another_round: _another_round, flow._stall: _stall,
    flow._collapse: _collapse, flow._decide_now: _decide_now, flow._next_round: _next_round,
    flow._hiatus_month: _hiatus_month,
}
