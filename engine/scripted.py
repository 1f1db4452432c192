"""Scenario events: authored episodes that fire at a stage and round (a deadlock, a
stand-off, a decision taken in advance) and change the state through typed effects."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from faultlines.engine import episodes
from faultlines.engine.disputes import Demand, Standoff
from faultlines.engine.events import Event

if TYPE_CHECKING:
    from faultlines.engine.context import MoveContext as Game


def fire(game: Game, *, rest_of_stage: bool = False) -> list[Event]:
    """Fire the events due now; with `rest_of_stage`, also those of later rounds of this
    stage, so calling a decision early cannot skip an episode the stage was going to face."""
    st, case = game.state, game.case
    out: list[Event] = []
    for ev in case.scenario.events:
        if ev.id in st.fired_events or ev.trigger.stage != st.stage_at:
            continue
        if ev.trigger.round != st.round and not (rest_of_stage and ev.trigger.round > st.round):
            continue
        st.fired_events.append(ev.id)
        if ev.trigger.chance < 1.0 and game.dice.random() >= ev.trigger.chance:
            continue  # it did not happen this time (but cannot fire later either)
        for eff in ev.effects:
            _apply(game, ev, eff)
        out.append(game.event("scenario", f"{ev.title}: {ev.text}", event=ev.id,
                              effects=[e.kind for e in ev.effects]))
    return out


def _already_met(game: Game, eff) -> bool:
    """A demand for something the player has already done is met from the start."""
    if eff.requires == "consult_genuine":
        return game.state.consultation == "genuine"
    if eff.requires == "co_write_case":
        return any(m["kind"] == "co_write_case" for m in game.moves)
    return any(m["kind"] == eff.requires and m.get("target") == eff.beneficiary
               for m in game.moves)


def demand_of(ev, eff, *, met: bool = False) -> Demand:
    """The demand an authored effect raises (one place, so the batch engine's list of every
    demand a case can hold is made by the same rule)."""
    return Demand(event=ev.id, by=tuple(eff.targets), requires=eff.requires,
                  beneficiary=eff.beneficiary, amount=abs(eff.amount), met=met,
                  note=eff.note or "")


def standoff_of(ev, eff) -> Standoff:
    """The stand-off an authored effect starts, at the stage its event fires at (an event
    fires only at its trigger's stage)."""
    return Standoff(event=ev.id, members=tuple(eff.targets), component=eff.component,
                    stage=ev.trigger.stage, note=eff.note or "")


def _apply(game: Game, ev, eff) -> None:
    st, case = game.state, game.case
    idx = np.array([case.index[t] for t in eff.targets], int)
    if eff.kind == "grievance":
        st.grievance[idx] = np.maximum(0.0, st.grievance[idx] + eff.amount)
    elif eff.kind == "trust":
        st.trust[idx] = np.clip(st.trust[idx] + eff.amount, 0.0, 1.0)
    elif eff.kind == "credibility":
        st.credibility = float(np.clip(st.credibility + eff.amount, 0.0, 1.0))
    elif eff.kind == "calendar":
        st.calendar = max(0, st.calendar + eff.months)  # never fewer than no months left
    elif eff.kind == "stake":
        c = case.comp_index[eff.component]
        st.stake_mod[idx, c] += eff.amount
    elif eff.kind == "demand":
        st.demands.append(demand_of(ev, eff, met=_already_met(game, eff)))
    elif eff.kind == "standoff":
        st.standoff = standoff_of(ev, eff)
    elif eff.kind == "decided_in_advance":
        st.decided_in_advance = True
        episodes.decided_in_advance(game, ev.title, (eff.component,) if eff.component else (),
                                    tuple(eff.targets))
