"""How time and decisions move a game through its stages: one `transitions` Machine per
compiled case, shared by every game played on it, with the flow rules as the machine's
conditions and callbacks.

States are the scenario's stages plus `hiatus` and `outcome`. Triggers:
- `month`: a round ends. The calendar turns; when it or the director's credibility runs out
  the plan collapses; a finished briefing advances; a stage whose rounds are used up decides;
  in a hiatus, each month brings the resumption nearer.
- `decide`: the forum decides. Passing advances (or, at the sign-off, concludes); a block, a
  stand-off or repeated failure pauses the work in a hiatus (or, after too many, stalls it);
  a stage that re-opens sends the dispute back to an earlier stage (a downstream dispute
  re-opens a settled one, Waring et al. 2023, Findings); otherwise the forum asks for one
  more round.
A model is a plain `GameState`; `Flow.bind` registers any state, including a copy or a
restored one, and `state.may_decide(ctx=...)` asks what could happen next.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import numpy as np
from faultlines.engine import agency, consultation, episodes, scripted
from faultlines.engine.decision import Decision, tally
from faultlines.engine.domain import OUTCOME_NAMES
from faultlines.engine.events import Event, join_names
from faultlines.engine.outcomes import classify_pass
from faultlines.engine.stance import alignment
from faultlines.engine.tuning import TUNING
from transitions import EventData, Machine

if TYPE_CHECKING:
    from faultlines.engine.case import Case
    from faultlines.engine.context import MoveContext
    from faultlines.engine.state import GameState

HIATUS = "hiatus"
OUTCOME = "outcome"


class Flow:
    """The stage machine of one compiled case (built once, shared by all its games)."""

    def __init__(self, case: Case):
        self.case = case
        ids = list(case.stage_ids)
        stages = case.scenario.stages
        briefings = [s.id for s in stages if s.kind == "briefing"]
        deciding = [s.id for s in stages if s.kind != "briefing"]
        # A month ends: the first transition whose conditions hold is taken.
        t: list[dict] = [
            dict(trigger="month", source=ids + [HIATUS], dest=OUTCOME,
                 conditions=[_time_is_up], before=[_remember_stage],
                 after=[partial(_collapse, why="The calendar ran out before the plan was "
                                "signed off; partners moved on.")]),
            dict(trigger="month", source=ids, dest=OUTCOME,
                 conditions=[_no_credibility_left], before=[_remember_stage],
                 after=[partial(_collapse, why="Your credibility is gone: partners no "
                                "longer come to your meetings.")]),
        ]
        for s, nxt in zip(stages, [*stages[1:], None], strict=True):
            if s.id in briefings and nxt is not None:
                t.append(dict(trigger="month", source=s.id, dest=nxt.id,
                              conditions=[_rounds_used_up], after=[_enter_stage]))
        t += [
            dict(trigger="month", source=deciding, dest=None, conditions=[_rounds_used_up],
                 after=[_decide_now]),
            dict(trigger="month", source=ids, dest=None, after=[_next_round]),
            dict(trigger="month", source=HIATUS, dest=None, after=[_hiatus_month]),
        ]
        # The forum decides (a failure is already recorded when these conditions run).
        for s, nxt in zip(stages, [*stages[1:], None], strict=True):
            if s.kind == "briefing":
                continue
            if nxt is None:
                t.append(dict(trigger="decide", source=s.id, dest=OUTCOME,
                              conditions=[_passed], before=[_remember_stage],
                              after=[_conclude]))
            else:
                t.append(dict(trigger="decide", source=s.id, dest=nxt.id,
                              conditions=[_passed], after=[_note_pass, _enter_stage]))
            t += [
                dict(trigger="decide", source=s.id, dest=OUTCOME,
                     conditions=[_needs_hiatus, _no_credibility_left],
                     before=[_announce_hiatus, _remember_stage],
                     after=[partial(_collapse, why="Your credibility is gone.")]),
                dict(trigger="decide", source=s.id, dest=OUTCOME,
                     conditions=[_needs_hiatus, _hiatus_would_stall],
                     before=[_announce_hiatus, _remember_stage], after=[_stall]),
                dict(trigger="decide", source=s.id, dest=HIATUS, conditions=[_needs_hiatus],
                     before=[_announce_hiatus, _remember_stage], after=[_start_hiatus]),
            ]
            if s.on_fail == "reopen" and s.reopen_to:
                t.append(dict(trigger="decide", source=s.id, dest=s.reopen_to,
                              conditions=[_may_reopen], unless=[_passed], after=[_reopen]))
            t.append(dict(trigger="decide", source=s.id, dest=None, unless=[_passed],
                          after=[_another_round]))
            t.append(dict(trigger="resume", source=HIATUS, dest=s.id,
                          conditions=[partial(_paused_at, stage=s.id)],
                          after=[partial(_enter_stage, rounds=1)]))
        self.machine = Machine(
            model=None, states=ids + [HIATUS, OUTCOME], transitions=t, initial=ids[0],
            auto_transitions=False, model_attribute="stage", send_event=True)

    def bind(self, state: GameState) -> GameState:
        """Register a state (new, copied or restored) with this case's machine."""
        self.machine.add_model(state, initial=state.stage)
        return state

    def release(self, state: GameState) -> None:
        """Forget a state whose game is gone (the machine keeps no dead games alive)."""
        if state in self.machine.models:
            self.machine.remove_model(state)


def flow_for(case: Case) -> Flow:
    """The case's stage machine, built on first use and kept with the case."""
    flow = case.derived.get("flow")
    if flow is None:
        flow = case.derived["flow"] = Flow(case)
    return flow


# -- entering stages and rounds ---------------------------------------------------------
def enter(ctx: MoveContext, stage_id: str, *, rounds: int | None = None,
          fresh: bool = False) -> None:
    """Start a stage: its first round, its events, and (when a forum has no rounds to
    prepare in) its decision at once."""
    st, case = ctx.state, ctx.case
    stage = case.stage(stage_id)
    st.round = 1
    st.extra_rounds = 0 if rounds is None else rounds - stage.rounds
    st.failures = 0
    st.capacity = st.capacity_max
    st.stage_uses = {}
    _deferred_items_return(ctx)
    st.kept_off = []
    st.agenda_set = False
    st.agenda[:] = 0.0
    st.pressure *= TUNING.pressure_kept_between_stages
    ctx.events.append(ctx.event("stage", f"{stage.name}: {stage.summary}", entered=stage_id))
    if not fresh:
        _resurface(ctx)
    ctx.changed()
    ctx.events.extend(scripted.fire(ctx))
    ctx.changed()
    if stage.rounds + st.extra_rounds <= 0 and stage.kind != "briefing":
        decide(ctx)


def _enter_stage(ed: EventData, rounds: int | None = None) -> None:
    ctx = ed.kwargs["ctx"]
    enter(ctx, ctx.state.stage, rounds=rounds)


def _deferred_items_return(ctx: MoveContext) -> None:
    """Items kept off the last forum's table come back unless they were settled: deferring
    a dispute does not resolve it (Waring, Bishop & Roe, Discussion: non-negotiation)."""
    case, st = ctx.case, ctx.state
    for cid in st.kept_off:
        if cid in st.settled:
            continue
        hit = episodes.affected(case, st, (cid,))
        st.grievance[hit] += TUNING.keep_off.resurface_grievance
        comp = case.scenario.plan.components[case.comp_index[cid]]
        ctx.events.append(ctx.event(
            "resurface", f"{comp.name}, kept off the last agenda, is back on the table, and "
            "those it affects have not forgotten being left unheard.", component=cid,
            who=[case.ids[i] for i in np.flatnonzero(hit)]))


#: a faded vision smaller than this stirs no grievance as it resurfaces (a rounding floor)
RESURFACE_MIN = 0.01


def _resurface(ctx: MoveContext) -> None:
    """Differences the broad vision papered over come back at each new stage (Waring et al.
    2023, Findings: meaning and values)."""
    st, case = ctx.state, ctx.case
    if not st.vision.any():
        return
    faded = st.vision * TUNING.vision_fade_per_stage
    st.vision -= faded
    misaligned = alignment(case, st) < TUNING.resurface_below_alignment
    hit = misaligned & (faded > RESURFACE_MIN)
    st.grievance[hit] += faded[hit] * TUNING.resurface_grievance
    if not hit.any():
        return
    names = [case.ids[i] for i in np.flatnonzero(hit)]
    ctx.events.append(ctx.event(
        "resurface", "The broad vision's glow fades for everyone, and the differences it "
        "covered over resurface: " + join_names([case.name(x) for x in names])
        + (" finds" if len(names) == 1 else " find")
        + " the detail is not what they signed up to.", who=names))


# -- a month passes ---------------------------------------------------------------------
def end_round(ctx: MoveContext) -> None:
    """The month ends: the calendar turns, a false consultation may be exposed, stakeholders
    take their own actions (engine.agency), the round's snapshot is taken, and the machine
    decides what follows."""
    st, rules = ctx.state, ctx.case.scenario.rules
    st.calendar = max(0, st.calendar - 1)
    if st.stage != HIATUS and consultation.consultation_is_false(ctx) and not st.exposed and \
            ctx.dice.random() < rules.exposure_chance:
        _expose(ctx)
    agency.act(ctx)
    snapshot(ctx)
    st.month(ctx=ctx)


def _time_is_up(ed: EventData) -> bool:
    return ed.model.calendar <= 0


def _no_credibility_left(ed: EventData) -> bool:
    return ed.model.credibility <= 0.0


def _rounds_used_up(ed: EventData) -> bool:
    st = ed.model
    stage = ed.kwargs["ctx"].case.stage(st.stage)
    return st.round >= stage.rounds + st.extra_rounds


def _decide_now(ed: EventData) -> None:
    decide(ed.kwargs["ctx"])


def _next_round(ed: EventData) -> None:
    ctx = ed.kwargs["ctx"]
    st = ctx.state
    stage = ctx.case.stage(st.stage)
    st.round += 1
    st.capacity = st.capacity_max
    ctx.events.append(ctx.event("round", f"Round {st.round} of the {stage.name} begins; "
                                f"{st.calendar} months left."))
    ctx.events.extend(scripted.fire(ctx))
    ctx.changed()


def _expose(ctx: MoveContext) -> None:
    st, case = ctx.state, ctx.case
    st.exposed = True
    ctx.lose_standing(TUNING.exposure_credibility)
    hit = np.array([s.sector in TUNING.exposure_sectors for s in case.scenario.stakeholders])
    st.grievance[hit] += TUNING.exposure_grievance
    st.trust[hit] = np.maximum(0.0, st.trust[hit] - TUNING.exposure_trust)
    ctx.changed()
    ctx.events.append(ctx.event(
        "exposure", "GPs and patient representatives say in public that the consultation was "
        "a rubber stamp for a decision already made.", episode="false"))


# -- the forum decides ------------------------------------------------------------------
def decide(ctx: MoveContext) -> None:
    """Fire what the stage still had to face, count the forum, and follow the right edge."""
    st = ctx.state
    ctx.events.extend(scripted.fire(ctx, rest_of_stage=True))
    consultation.before_decision(ctx)
    ctx.changed()
    if ctx.watch is not None:
        ctx.watch("decision", ctx.stances())
    d = tally(ctx.case, st, ctx.stances(), ctx.forum())
    ctx.events.append(_decision_event(ctx, d))
    episodes.at_decision(ctx, d)
    agency.decided(ctx)
    if d.result != "passed":
        ctx.lose_standing(TUNING.decision_failed_credibility)
        st.failures += 1
    st.decide(ctx=ctx, decision=d)


def _decision_event(ctx: MoveContext, d: Decision) -> Event:
    stage = ctx.stage
    words = {"passed": "agrees", "failed": "does not agree", "blocked": "is blocked",
             "standoff": "is stuck in a stand-off"}[d.result]
    text = (f"The {stage.name} {words}: {d.share:.0%} of its weight in support "
            f"(needs {d.needed:.0%}).")
    if d.blockers:
        text += " Blocked by " + ", ".join(ctx.case.name(x) for x in d.blockers) + "."
    if d.outweighed:
        text += (" " + ", ".join(ctx.case.name(x) for x in d.outweighed) + " would have "
                 "blocked it, but the coalition of marginal groups outweighed them.")
    return ctx.event("decision", text, **d.to_dict())


def _passed(ed: EventData) -> bool:
    return ed.kwargs["decision"].result == "passed"


def _needs_hiatus(ed: EventData) -> bool:
    """A block or a stand-off stops the work; so does a stage whose failure means a pause,
    or a third failure in a row (Waring, Bishop & Roe: the mental-health stand-off)."""
    d, st = ed.kwargs["decision"], ed.model
    stage = ed.kwargs["ctx"].case.stage(st.stage)
    return d.result in ("blocked", "standoff") or stage.on_fail == "hiatus" or \
        st.failures >= TUNING.failures_before_hiatus


def _hiatus_would_stall(ed: EventData) -> bool:
    return ed.model.hiatus_count + 1 > ed.kwargs["ctx"].case.scenario.rules.max_hiatus


def _paused_at(ed: EventData, stage: str) -> bool:
    return ed.model.last_stage == stage


def _note_pass(ed: EventData) -> None:
    ctx = ed.kwargs["ctx"]
    st = ctx.state
    st.credibility = min(1.0, st.credibility + TUNING.decision_passed_credibility)
    st.passed.append(ed.transition.source)


_HIATUS_WHY = {"blocked": "Partners who hold what the plan needs refused to commit",
               "standoff": "Nobody would invest or disinvest before the others did"}


def _announce_hiatus(ed: EventData) -> None:
    ctx, d = ed.kwargs["ctx"], ed.kwargs["decision"]
    st, rules = ctx.state, ctx.case.scenario.rules
    st.hiatus_count += 1
    why = hiatus_why(d.result)
    ed.kwargs["why"] = why
    ctx.events.append(ctx.event("hiatus", f"{why}. The work goes into a hiatus of "
                                f"{rules.hiatus_rounds} months.", result=d.result))


def hiatus_why(result: str) -> str:
    """Why a decision with this result pauses the work (also the start of a stall's
    reason)."""
    return _HIATUS_WHY.get(result, "Repeated failure to agree wore everyone out")


def _remember_stage(ed: EventData) -> None:
    """Leaving the stages (for a pause or the end): remember where play was."""
    st = ed.model
    if st.stage not in (HIATUS, OUTCOME):
        st.last_stage = st.stage


def _start_hiatus(ed: EventData) -> None:
    ctx = ed.kwargs["ctx"]
    ctx.state.hiatus_left = ctx.case.scenario.rules.hiatus_rounds
    ctx.state.capacity = 0
    if ctx.state.hiatus_left <= 0:
        ctx.state.resume(ctx=ctx)


def _hiatus_month(ed: EventData) -> None:
    ctx = ed.kwargs["ctx"]
    st = ctx.state
    st.hiatus_left -= 1
    if st.hiatus_left > 0:
        ctx.events.append(ctx.event("round", f"The work is paused: {st.hiatus_left} more "
                                    f"month{'s' if st.hiatus_left != 1 else ''} of hiatus; "
                                    f"{st.calendar} months left."))
        return
    st.resume(ctx=ctx)


def _may_reopen(ed: EventData) -> bool:
    """A failed stage sends its dispute back once; after that, the forum tries again in
    another round like any other (a dispute re-opened without end is not a process)."""
    return ed.model.reopenings < TUNING.max_reopenings


def _reopen(ed: EventData) -> None:
    ctx = ed.kwargs["ctx"]
    st, case = ctx.state, ctx.case
    st.reopenings += 1
    source = case.stage(ed.transition.source)
    keep = case.stage_ids.index(st.stage)
    st.passed = [s for s in st.passed if case.stage_ids.index(s) < keep]
    ctx.events.append(ctx.event("stage", f"The {source.name} failed; the dispute returns to "
                                f"the {case.stage(st.stage).name}.", reopened=st.stage))
    enter(ctx, st.stage, rounds=1)


def _another_round(ed: EventData) -> None:
    ctx = ed.kwargs["ctx"]
    st = ctx.state
    st.extra_rounds += 1
    st.round += 1
    st.capacity = st.capacity_max
    ctx.events.append(ctx.event("round", f"The {ctx.stage.name} asks for more work before it "
                                "decides: one more round."))


# -- endings ----------------------------------------------------------------------------
def _conclude(ed: EventData) -> None:
    ctx, d = ed.kwargs["ctx"], ed.kwargs["decision"]
    st = ctx.state
    st.credibility = min(1.0, st.credibility + TUNING.decision_passed_credibility)
    st.passed.append(ed.transition.source)
    outcome, reasons = classify_pass(ctx.case, st, d, ctx.stances().total)
    _finish(ctx, outcome, " ".join(reasons))


def _stall(ed: EventData) -> None:
    ctx = ed.kwargs["ctx"]
    _finish(ctx, "stalled", stall_reason(ed.kwargs["why"], ctx.state.hiatus_count))


def stall_reason(why: str, hiatuses: int) -> str:
    """The reason a stalled plan gives (one wording for both engines)."""
    return f"{why}, again: after {hiatuses} hiatuses the plan is shelved."


def _collapse(ed: EventData, why: str) -> None:
    if ed.transition.source == HIATUS:
        why = "The hiatus used up the calendar."
    _finish(ed.kwargs["ctx"], "collapsed", why)


def _finish(ctx: MoveContext, outcome: str, why: str) -> None:
    st = ctx.state
    st.outcome = outcome
    st.outcome_reasons = [why]
    snapshot(ctx)
    ctx.events.append(ctx.event("outcome", f"{OUTCOME_NAMES[outcome]}. {why}", outcome=outcome))


# -- the record of each round ------------------------------------------------------------
def snapshot(ctx: MoveContext) -> None:
    """A 'snapshot' event: the round's figures, from which the per-round history is
    collected (engine.history), so the state keeps no second record."""
    st = ctx.state
    ctx.events.append(ctx.event(
        "snapshot", "", calendar=st.calendar, credibility=round(st.credibility, 4),
        moves=ctx.move_index + 1,
        stances=np.round(ctx.stances().total, 4).tolist()))
