"""Process: stage-managing agendas, reconstituting committees, co-written business cases,
consultation, and calling the decision (Waring, Bishop & Roe, Negotiating Governance
Arrangements and Negotiating Transformation Priorities)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from faultlines.engine import consultation, episodes
from faultlines.engine.flow import decide, end_round
from faultlines.engine.moves.base import Move
from faultlines.engine.tuning import TUNING

FORUM_STAGES = ("board", "committee", "consultation", "signoff")


@dataclass(frozen=True, kw_only=True)
class SetAgenda(Move):
    kind = "set_agenda"
    family = "process"
    label = "Set the agenda around shared concerns"
    help = ("Build this forum's agenda around what its members share. They warm a little, and "
            "the meeting stays within bounds you set: a stage-managed negotiation, whose "
            "decision settles less than an open one.")
    source = ("Waring et al. 2023, Findings: meaning and values (stage-managed interactions); "
              "Waring, Bishop & Roe, Discussion (stage-managed negotiation)")
    base_cost = TUNING.set_agenda.cost
    once_per_stage = True
    stages = FORUM_STAGES

    def apply(self, game):
        st = game.state
        st.agenda[game.forum()] += TUNING.set_agenda.agenda
        st.agenda_set = True
        return [game.event("move", "You build the agenda around what members share; the "
                           "meeting will stay within the bounds you set.", planned=True)]


@dataclass(frozen=True, kw_only=True)
class KeepOff(Move):
    kind = "keep_off"
    family = "process"
    label = "Keep an item off the table"
    help = ("Keep one component off this forum's agenda. Those who lose from it cannot fight "
            "it here, but those it affects resent not being heard, and it comes back at the "
            "next stage unless it is settled: a non-negotiation the debrief will name.")
    source = "Waring, Bishop & Roe, Discussion (non-negotiation)"
    base_cost = TUNING.keep_off.cost
    params = ("component",)
    once_per_stage = True
    stages = ("board", "committee", "consultation")

    def _check(self, game):
        if self.component in game.state.kept_off:
            return "That item is already off this agenda."
        return None

    def apply(self, game):
        st, case = game.state, game.case
        hit = episodes.affected(case, st, (self.component,))
        st.grievance[hit] += TUNING.keep_off.grievance
        episodes.kept_off(game, self.component)
        comp = case.scenario.plan.components[case.comp_index[self.component]]
        return [game.event("move", f"You keep {comp.name} off the agenda for now. It will "
                           "not be argued over here; those it affects notice.",
                           component=self.component, kept_off=self.component)]


@dataclass(frozen=True, kw_only=True)
class Reconstitute(Move):
    kind = "reconstitute"
    family = "process"
    label = "Reconstitute the committee"
    help = ("Widen the committee to marginal groups left out of it. More inclusive, and they "
            "vote; the dominant members resent the change.")
    source = "Waring, Bishop & Roe, Negotiating Governance Arrangements (urgent care committee)"
    base_cost = TUNING.reconstitute.cost
    once_per_stage = True
    stages = ("committee",)

    def _check(self, game):
        case = game.case
        outside = case.marginal & ~game.forum()
        if not outside.any():
            return "Every marginal group already sits on the committee."
        return None

    def apply(self, game):
        st, case = game.state, game.case
        added = case.marginal & ~game.forum()
        st.forum_extra |= added
        members = game.forum()
        st.grievance[case.central & members] += TUNING.reconstitute.central_grievance
        st.credibility = max(0.0, st.credibility - TUNING.reconstitute.credibility)
        names = [case.ids[i] for i in np.flatnonzero(added)]
        return [game.event("move", "After heated argument you widen the committee: "
                           + ", ".join(case.name(x) for x in names) + " join it.",
                           added=names, inclusive=True)]


@dataclass(frozen=True, kw_only=True)
class CoWriteCase(Move):
    kind = "co_write_case"
    family = "process"
    label = "Ask partners to co-write a business case"
    help = ("Ask two partners with similar agendas to write the case for change together and "
            "put it to the group. Breaks a stand-off where nobody will move first.")
    source = "Waring, Bishop & Roe, Negotiating Transformation Priorities (the 'Catch-22')"
    base_cost = TUNING.co_write_case.cost
    params = ("target", "other")

    def _ready(self, game):
        so = game.state.standoff
        if not so or so.resolved:
            return "There is no stand-off to break."
        return None

    def _check(self, game):
        so = game.state.standoff
        if self.target not in so.members or self.other not in so.members:
            return "Both partners must be parties to the stand-off."
        return None

    def apply(self, game):
        st, case = game.state, game.case
        so = st.standoff
        st.standoff = so.broken()
        c = case.comp_index[so.component]
        st.evidence[c] = min(1.0, st.evidence[c] + TUNING.co_write_case.evidence)
        for sid in (self.target, self.other):
            i = case.index[sid]
            st.trust[i] = min(1.0, st.trust[i] + TUNING.co_write_case.trust)
        game.meet_demands("co_write_case", None)
        return [game.event("move", f"{case.name(self.target)} and {case.name(self.other)} write "
                           "a joint business case; the group debates the case instead of each "
                           "other's demands, and the stand-off eases.", planned=True)]


@dataclass(frozen=True, kw_only=True)
class Consult(Move):
    kind = "consult"
    family = "process"
    label = "Run the consultation"
    help = ("genuine: co-design with those affected before deciding; costs time and capacity, "
            "builds legitimacy. announce: publish the decided plan with a survey; cheap, but a "
            "false negotiation that damages legitimacy if exposed.")
    source = "Waring, Bishop & Roe, Negotiating Transformation Priorities (commissioning merger)"
    params = ("mode",)
    modes = ("genuine", "announce")
    once_per_stage = True
    stages = ("consultation",)

    def cost(self, game):
        t = TUNING.consult
        return t.genuine_cost if self.mode == "genuine" else t.announce_cost

    def _check(self, game):
        if game.state.consultation is not None:
            return "The consultation has already been run."
        return None

    def apply(self, game):
        t, st, case = TUNING.consult, game.state, game.case
        affected = np.array([s.sector in t.affected_sectors for s in case.scenario.stakeholders])
        if self.mode == "genuine":
            st.consultation = "genuine"
            st.calendar = max(0, st.calendar - t.genuine_months)
            st.revealed[:] = np.minimum(1.0, st.revealed + t.genuine_reveal)
            st.trust[affected] = np.minimum(1.0, st.trust[affected] + t.genuine_trust)
            st.grievance[affected] = np.maximum(0.0, st.grievance[affected] - t.genuine_grievance)
            st.credibility = min(1.0, st.credibility + t.genuine_credibility)
            game.meet_demands("consult_genuine", None)
            asks = consultation.raise_asks(game)
            out = [game.event("move", "You open the plan to co-design with the people it "
                              "affects: daytime workshops, listening events, real options on "
                              "the table. It takes an extra month.", inclusive=True,
                              planned=True, significant=True)]
            out += [game.event("ask", a.text + " Answer before the decision.",
                               component=a.component, by=list(a.by)) for a in asks]
            return out
        st.consultation = "false"
        st.trust[affected] = np.minimum(1.0, st.trust[affected] + t.announce_trust)  # feel heard
        return [game.event("move", "You publish the plan with a website and an online survey. "
                           "The decision is, in truth, already made.", inclusive=True,
                           planned=True, significant=False)]


@dataclass(frozen=True, kw_only=True)
class AnswerAsk(Move):
    kind = "answer_ask"
    family = "process"
    label = "Answer the consultation"
    help = ("Answer what those consulted asked to change in a component: accept (the plan "
            "changes; some who wanted it whole lose a little), negotiate a middle way (costs "
            "team time) or refuse (they took part and nothing changed). Unanswered asks count "
            "as refused when the consultation decides. While a matter settled elsewhere has "
            "not been re-opened this way, each month's end risks the consultation being "
            "called a rubber stamp.")
    source = ("Waring, Bishop & Roe, Negotiating Transformation Priorities and Discussion (a "
              "consultation that changes nothing is a false negotiation)")
    base_cost = TUNING.answer_ask.cost
    params = ("component", "mode")
    modes = consultation.ANSWERS
    stages = ("consultation",)

    def cost(self, game):
        return TUNING.asks.negotiate_cost if self.mode == "negotiate" else self.base_cost

    def _ready(self, game):
        if not consultation.pending(game):
            return "There is no consultation ask waiting for an answer."
        return None

    def _check(self, game):
        if not any(a.component == self.component for a in consultation.pending(game)):
            return "Nobody consulted asked for a change to that component."
        return None

    def apply(self, game):
        line = consultation.answer(game, self.component, self.mode)
        return [game.event("move", line, component=self.component, answer=self.mode)]


@dataclass(frozen=True, kw_only=True)
class CallDecision(Move):
    kind = "call_decision"
    family = "process"
    label = "Call the decision now"
    help = "Put the plan to the forum now instead of waiting for the remaining rounds."
    source = "Invented for play: lets the player choose timing (Waring et al. 2023, Discussion)"
    base_cost = TUNING.call_decision.cost
    stages = FORUM_STAGES

    def apply(self, game):
        decide(game)  # the flow's events go straight into the context
        return []


@dataclass(frozen=True, kw_only=True)
class EndRound(Move):
    kind = "end_round"
    family = "time"
    label = "End the round"
    help = "Let the month pass: capacity renews and the calendar moves on."
    source = "Invented for play: rounds stand for the meeting cycle"
    base_cost = TUNING.end_round.cost

    def apply(self, game):
        end_round(game)
        return []
