"""A consultation with consequences (Waring, Bishop & Roe, Negotiating Transformation
Priorities, and the typology's false and non-negotiation, Discussion).

A genuine consultation produces asks - changes to components that those consulted stand to
lose from - and the director must answer each: accept (the terms change, ambition falls and
those who wanted the full version lose a little), negotiate (half of that, for some of the
team's time) or refuse (the askers took part and nothing changed). A component whose terms
changed is no longer "settled elsewhere": consulting on it was not false. Unanswered asks
count as refused when the consultation stage decides, and a consultation stage that decides
without consulting anyone is a non-negotiation with a cost.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
from faultlines.engine.disputes import Ask
from faultlines.engine.events import join_names
from faultlines.engine.tuning import TUNING

if TYPE_CHECKING:
    from faultlines.engine.case import Case
    from faultlines.engine.context import MoveContext
    from faultlines.engine.state import GameState

ANSWERS = ("accept", "negotiate", "refuse")


def consultees(ctx: MoveContext) -> np.ndarray:
    """Who a consultation reaches: the groups it is for, and anyone the plan affects."""
    return consultees_of(ctx.case, ctx.state)


def consultees_of(case: Case, st: GameState) -> np.ndarray:
    """`consultees` from the case and state alone."""
    return consultees_by(case, st.stake_mod)


def consultees_by(case: Case, stake_mod: np.ndarray, stakes: np.ndarray | None = None
                  ) -> np.ndarray:
    """`consultees` from the case and the stakes' changes, (N, C) or, for many games at
    once (the batch engine), (K, N, C); `stakes`, the authored stakes when they are not
    the case's own (games in worlds of their own: engine.batch.worlds)."""
    reached = np.array([s.sector in TUNING.consult.affected_sectors
                        for s in case.scenario.stakeholders])
    authored = case.stakes if stakes is None else stakes
    stakes = np.abs(authored + stake_mod).max(axis=-1)
    return reached | (stakes >= TUNING.negotiation.affected_stake)


def raise_asks(ctx: MoveContext) -> list[Ask]:
    """The asks a genuine consultation produces: per component, the consultees who lose
    most from it (a settled component draws asks from everyone it affects)."""
    case, st = ctx.case, ctx.state
    reached = consultees(ctx)
    stakes = case.stakes + st.stake_mod
    found: list[tuple[float, Ask]] = []
    for j, cid in enumerate(case.components):
        if cid in st.kept_off:
            continue
        settled = cid in st.settled
        # a matter settled elsewhere draws asks from everyone consulted who loses from it
        # at all: they were never asked (Waring, Bishop & Roe, Negotiating Transformation
        # Priorities - the merger's critics); otherwise only from those who lose a lot
        floor = 0.0 if settled else TUNING.asks.ask_stake
        losing = reached & (stakes[:, j] < -floor) & (stakes[:, j] < 0.0)
        if not losing.any():
            continue
        who = tuple(case.ids[i] for i in np.flatnonzero(losing))
        comp = case.scenario.plan.components[j]
        weight = float(-(stakes[losing, j] * case.influence[losing]).sum()) + float(settled)
        why = (" It was settled before anyone asked them." if settled else "")
        one = len(who) == 1
        text = (f"{join_names([case.name(x) for x in who])} {'asks' if one else 'ask'} for "
                f"changes to {comp.name}: as it stands, they lose from it.{why}")
        found.append((weight, Ask(component=cid, by=who, text=text)))
    found.sort(key=lambda t: -t[0])
    st.asks = [a for _, a in found[:TUNING.asks.max_asks]]
    return st.asks


def pending(ctx: MoveContext) -> list[Ask]:
    return [a for a in ctx.state.asks if a.answer is None]


def answer(ctx: MoveContext, component: str, how: str) -> str:
    """Answer the ask on `component`; returns the narrative line."""
    case, st = ctx.case, ctx.state
    t = TUNING.asks
    k = next(i for i, a in enumerate(st.asks) if a.component == component and a.answer is None)
    ask = st.asks[k]
    st.asks[k] = ask.answered(how)
    idx = np.array([case.index[x] for x in ask.by], int)
    j = case.comp_index[component]
    name = case.scenario.plan.components[j].name
    who = join_names([case.name(x) for x in ask.by])
    if how in ("accept", "negotiate"):
        cut = t.accept_ambition if how == "accept" else t.negotiate_ambition
        st.ambition[j] = max(0.0, st.ambition[j] - cut)
        ease = t.accept_grievance if how == "accept" else t.negotiate_grievance
        st.grievance[idx] = np.maximum(0.0, st.grievance[idx] - ease)
        if how == "accept":
            st.trust[idx] = np.minimum(1.0, st.trust[idx] + t.accept_trust)
        if st.settled.pop(component, None) is not None:  # its terms changed in the open
            st.reopened.append(component)
        ctx.changed()
        return (f"You {'accept' if how == 'accept' else 'negotiate'} the change {who} asked "
                f"for in {name}: the plan changes, and those who wanted it whole lose a "
                "little.")
    _refuse(ctx, idx)
    return (f"You refuse the change {who} asked for in {name}. They took part; nothing "
            f"moved. They refer the decision to scrutiny: from here it needs "
            f"{t.refuse_scrutiny:.0%} more support.")


def _refuse(ctx: MoveContext, idx: np.ndarray) -> None:
    st, t = ctx.state, TUNING.asks
    st.grievance[idx] += t.refuse_grievance
    st.trust[idx] = np.maximum(0.0, st.trust[idx] - t.refuse_trust)
    st.credibility = max(0.0, st.credibility - t.refuse_credibility)
    refer(ctx, t.refuse_scrutiny)
    ctx.changed()


def refer(ctx: MoveContext, amount: float) -> list[str]:
    """Those denied a say refer the decision to scrutiny: this stage and every later one
    needs `amount` more support. Returns the stages affected."""
    case, st = ctx.case, ctx.state
    ahead = case.stage_ids[case.stage_ids.index(ctx.stage.id):]
    for sid in ahead:
        st.scrutiny[sid] = st.scrutiny.get(sid, 0.0) + amount
    return ahead


def before_decision(ctx: MoveContext) -> None:
    """At the consultation stage's decision: unanswered asks count as refused, and a
    consultation never run is a non-negotiation that costs the director."""
    case, st = ctx.case, ctx.state
    if ctx.stage.kind != "consultation":
        return
    for k, ask in enumerate(st.asks):
        if ask.answer is None:
            st.asks[k] = replace(ask, answer="refuse")
            _refuse(ctx, np.array([case.index[x] for x in ask.by], int))
            ctx.events.append(ctx.event(
                "move", f"Nobody answered what {join_names([case.name(x) for x in ask.by])} "
                "asked; they take the silence as a refusal.", component=ask.component))
    if st.consultation is None:
        hit = consultees(ctx)
        st.grievance[hit] += TUNING.asks.withheld_grievance
        st.credibility = max(0.0, st.credibility - TUNING.asks.withheld_credibility)
        ahead = refer(ctx, TUNING.asks.withheld_scrutiny)  # a procedural challenge
        ctx.changed()
        ctx.events.append(ctx.event(
            "move", "The consultation stage reaches its decision without anyone having been "
            "consulted. Those who expected a say were not asked: they say so, and refer "
            f"the decision to scrutiny (every decision from here needs "
            f"{TUNING.asks.withheld_scrutiny:.0%} more support).",
            who=[case.ids[i] for i in np.flatnonzero(hit)], scrutiny=ahead))


def consultation_is_false(ctx: MoveContext) -> bool:
    """An announced consultation, or a genuine one on matters settled elsewhere whose terms
    have not changed: either can be exposed as a rubber stamp."""
    st = ctx.state
    if st.consultation == "false":
        return True
    return st.consultation == "genuine" and any(
        c in st.settled for c in ctx.case.components if c not in st.kept_off)
