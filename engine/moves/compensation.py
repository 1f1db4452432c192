"""Compensation: trading a loss against a gain elsewhere (Waring et al. 2023, Findings:
winners and losers; Waring, Bishop & Roe, Negotiating Governance Arrangements)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from faultlines.engine import episodes, fault_lines
from faultlines.engine.events import join_names
from faultlines.engine.fault_lines import RESOURCES, RESPONSIBILITIES, ROLES
from faultlines.engine.moves.base import Move
from faultlines.engine.stance import net_stake
from faultlines.engine.tuning import TUNING

#: what a leadership role answers: a role comes with responsibilities
ROLE_RS = (ROLES, RESPONSIBILITIES)
FUNDS_RS = (RESOURCES,)


def _new_losers(game, i: int, amount: float) -> list[str]:
    """Rivals of the person compensated feel they lost out (compensation creates losers),
    and the rivalry deepens: a damaged relationship pushes their stances further apart."""
    st, names = game.state, []
    deepen = TUNING.fault_lines.passed_over_rivalry
    for j in np.flatnonzero(st.conflict[i] > 0):
        st.grievance[j] += amount * st.conflict[i, j]
        st.conflict[i, j] = st.conflict[j, i] = min(1.0, st.conflict[i, j] + deepen)
        names.append(game.case.ids[j])
    return names


def _misplaced(game, i: int, columns: tuple[int, ...], what: str) -> str:
    """A sentence when most of what this person loses is not in the Rs the offer pays in:
    the offer is taken, but it does not answer their loss (Waring et al. 2023, Findings:
    winners and losers; the fault-lines need different strategies)."""
    stake = game.stances().part("stake")
    t = TUNING.fault_lines
    if stake[i] >= -t.noticed_loss or \
            fault_lines.answered(game.case, game.state, stake, i, columns) >= t.misplaced_below:
        return ""
    lost = fault_lines.main_loss(game.case, game.state, stake, i)
    name = game.case.name(game.case.ids[i])
    return (f" But what {name} stands to lose is mostly in {fault_lines.r_names(lost)}, "
            f"which {what} does not answer.")


@dataclass(frozen=True, kw_only=True)
class OfferRole(Move):
    kind = "offer_role"
    family = "compensation"
    label = "Offer a leadership role"
    help = ("Give a stakeholder a leadership role in the change. Worth most to those who care "
            "about roles; their rivals may feel passed over. Uses one role.")
    source = "Waring et al. 2023, Findings: winners and losers (leadership roles as compensation)"
    base_cost = TUNING.offer_role.cost
    params = ("target",)

    def _ready(self, game):
        if game.state.roles <= 0:
            return "You have no leadership roles left to offer."
        return None

    def apply(self, game):
        st, case, i = game.state, game.case, self._idx(game)
        t = TUNING.offer_role
        note = _misplaced(game, i, ROLE_RS, "a role")
        st.roles -= 1
        gain = t.gain + t.gain_per_interest * case.interests[i, ROLES]
        fault_lines.pay(st, i, ROLE_RS, case.interests[i, list(ROLE_RS)], gain)
        losers = _new_losers(game, i, t.passed_over_grievance)
        met = _meets(game, "offer_role", self.target)
        episodes.exchange(game, self.target, episodes.OFFERS[self.kind], met_demand=met)
        s = case.stakeholder(self.target)
        text = f"You offer {s.name} a leadership role in the new arrangements."
        if losers:
            text += " " + join_names([case.name(x) for x in losers]) + \
                (" notices" if len(losers) == 1 else " notice") + " who was chosen."
        text += note
        return [game.event("move", text, target=self.target, gain=gain, new_losers=losers,
                           misplaced=bool(note))]


@dataclass(frozen=True, kw_only=True)
class OfferFunds(Move):
    kind = "offer_funds"
    family = "compensation"
    label = "Offer transitional funds"
    help = ("Offset a stakeholder's financial loss with transitional money. Worth most to those "
            "who care about resources; rivals may resent it. Uses one fund, a little credibility.")
    source = "Waring, Bishop & Roe, Negotiating Governance Arrangements (resource sharing deals)"
    base_cost = TUNING.offer_funds.cost
    params = ("target",)

    def _ready(self, game):
        if game.state.funds <= 0:
            return "You have no transitional funds left."
        return None

    def apply(self, game):
        st, case, i = game.state, game.case, self._idx(game)
        t = TUNING.offer_funds
        note = _misplaced(game, i, FUNDS_RS, "money")
        st.funds -= 1
        gain = t.gain + t.gain_per_interest * case.interests[i, RESOURCES]
        fault_lines.pay(st, i, FUNDS_RS, np.ones(1), gain)
        st.credibility = max(0.0, st.credibility - t.credibility)
        losers = _new_losers(game, i, t.passed_over_grievance)
        met = _meets(game, "offer_funds", self.target)
        episodes.exchange(game, self.target, episodes.OFFERS[self.kind], met_demand=met)
        s = case.stakeholder(self.target)
        text = f"You find transitional funding to cushion {s.name}'s losses."
        if losers:
            text += " " + join_names([case.name(x) for x in losers]) + \
                (" asks" if len(losers) == 1 else " ask") + " why not them."
        text += note
        return [game.event("move", text, target=self.target, gain=gain, new_losers=losers,
                           exclusive=True, misplaced=bool(note))]


@dataclass(frozen=True, kw_only=True)
class ExternalFunding(Move):
    kind = "external_funding"
    family = "compensation"
    label = "Seek charitable or external funding"
    help = ("Bring outside money into one component so nobody's budget pays for it: offsets "
            "resource losses for everyone who loses from it.")
    source = "Waring, Bishop & Roe, Negotiating Governance Arrangements (charitable funding)"
    base_cost = TUNING.external_funding.cost
    params = ("component",)

    def _ready(self, game):
        if game.state.external <= 0:
            return "There is no external or charitable funding left to bring in."
        return None

    def apply(self, game):
        st, case = game.state, game.case
        c = case.comp_index[self.component]
        st.external -= 1
        loss = np.minimum(case.stakes[:, c] + st.stake_mod[:, c], 0.0)
        t = TUNING.external_funding
        offset = np.clip(case.interests[:, RESOURCES] * t.offset_per_interest,
                         t.offset_min, t.offset_max)
        st.stake_mod[:, c] -= loss * offset
        comp = case.scenario.plan.components[c]
        return [game.event("move", f"You secure outside funding for {comp.name}; partners no "
                           "longer have to find it from their own budgets.",
                           component=self.component)]


@dataclass(frozen=True, kw_only=True)
class AmendPlan(Move):
    kind = "amend_plan"
    family = "compensation"
    label = "Amend the plan"
    help = ("Scale back one component. Its losers lose less, but its winners gain less and "
            "the plan's ambition falls; too much and the plan passes hollow.")
    source = ("Invented for play: neither paper describes amending a plan to win support. "
              "A scaled-back component is a compromise, one of the settlements in the "
              "negotiated-order literature (Waring, Bishop & Roe, Towards a Negotiated "
              "Dilemmas Perspective); cut too far, the plan becomes a collection of "
              "improvement projects (Negotiating the Purpose)")
    base_cost = TUNING.amend_plan.cost
    params = ("component",)

    def _check(self, game):
        if game.state.ambition[game.case.comp_index[self.component]] <= TUNING.amend_plan.stop_at:
            return "That component cannot be scaled back further without dropping it."
        return None

    def apply(self, game):
        st, case = game.state, game.case
        c = case.comp_index[self.component]
        t = TUNING.amend_plan
        st.ambition[c] = max(t.floor, st.ambition[c] - t.step)
        comp = case.scenario.plan.components[c]
        return [game.event("move", f"You scale back {comp.name} to {st.ambition[c]:.0%} of its "
                           "original ambition.", component=self.component,
                           ambition=float(st.ambition[c]))]


@dataclass(frozen=True, kw_only=True)
class EveryoneGives(Move):
    kind = "everyone_gives"
    family = "compensation"
    label = "Everyone gives up a little"
    help = ("Argue that each partner gives up a little so the system gains a lot. Softens the "
            "losers' losses in proportion to how much they trust you; winners give a little.")
    source = "Waring et al. 2023, Findings: winners and losers ('everyone gives up a little')"
    base_cost = TUNING.everyone_gives.cost
    once_per_stage = True

    def apply(self, game):
        t, st, case = TUNING.everyone_gives, game.state, game.case
        stake = net_stake(case, st)
        losers = stake < t.loser_below
        st.compensation[losers] += t.softening * st.trust[losers]
        st.compensation[stake > t.winner_above] -= t.winner_gives
        return [game.event("move", "You make the case that if every partner gives up a little, "
                           "the system as a whole gains a lot.",
                           softened=[case.ids[i] for i in np.flatnonzero(losers)])]


def _meets(game, requires: str, target: str) -> bool:
    """Meet any demand this offer answers; True if it met one (a bargain that settles
    something, not just an exchange)."""
    before = sum(d.met for d in game.state.demands)
    game.meet_demands(requires, target)
    return sum(d.met for d in game.state.demands) > before
