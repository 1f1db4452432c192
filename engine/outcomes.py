"""The five outcomes, each decided from state and explained (plural, not win/lose)."""

from __future__ import annotations

import numpy as np
from faultlines.engine import episodes
from faultlines.engine.case import Case
from faultlines.engine.decision import Decision
from faultlines.engine.schema import Rules
from faultlines.engine.state import GameState
from faultlines.engine.tuning import TUNING


def affected_support(case: Case, st: GameState, stances: np.ndarray) -> float | None:
    """Share of the influence of everyone the plan affects (in the forum or not) whose
    stance counts as support; None when the plan affects nobody."""
    stakes = np.abs(case.stakes + st.stake_mod).max(axis=1)
    hit = stakes >= TUNING.negotiation.affected_stake
    if not hit.any():
        return None
    w = case.influence * hit
    return float(w[stances >= case.scenario.rules.support_at].sum() / w.sum())


def classify_pass(case: Case, st: GameState, d: Decision,
                  stances: np.ndarray | None = None,
                  tainted: list[str] | None = None) -> tuple[str, list[str]]:
    """A sign-off passed: was it consensus, hollow, or pushed through? Read from the state
    and the negotiation episodes recorded on the way, so the outcome never contradicts the
    debrief: a plan that went through a false negotiation or a non-negotiation, or that the
    people it affects do not back, is not a genuine consensus (Waring, Bishop & Roe,
    Discussion). `tainted`: the titles of `episodes.tainted(st)`, when the caller has them
    already (the batch engine, from its episode record)."""
    if tainted is None:
        tainted = [e.title for e in episodes.tainted(st)]
    share = None if stances is None else affected_support(case, st, stances)
    return pass_verdict(case, st, d, share, tainted)


def pass_verdict(case: Case, st: GameState, d: Decision, share: float | None,
                 tainted: list[str]) -> tuple[str, list[str]]:
    """classify_pass given what it reads of the stances (`affected_support`, None when
    the plan affects nobody or no stances are read) and of the episodes (the tainted
    titles): so the batch engine can work those out for many games at once."""
    return verdict(case.scenario.rules, tainted, share, st.credibility, st.exposed,
                   st.consultation, d.share, len(d.abstain) + len(d.oppose), d.opposition,
                   float(np.mean(st.ambition)))


def verdict(r: Rules, tainted: list[str], share: float | None, credibility: float,
            exposed: bool, consultation: str | None, passed_share: float, dissent: int,
            opposition: float, ambition: float) -> tuple[str, list[str]]:
    """pass_verdict on the plain values it reads (the decision's share, how many members
    did not back it, its opposition; the mean ambition left): so the batch engine can
    give them straight from its arrays, without a state or a Decision per game."""
    reasons: list[str] = []
    damaged = []
    if tainted:
        titles = "; ".join(dict.fromkeys(f"{title.lower()}" for title in tainted))
        damaged.append(f"on the way, {len(tainted)} negotiation"
                       f"{'s were' if len(tainted) != 1 else ' was'} false or kept matters "
                       f"off the table ({titles})")
    if share is not None and share < r.consensus_share:
        damaged.append(f"only {share:.0%} of the weight of those the plan affects backs it "
                       f"(a consensus needs about {r.consensus_share:.0%})")
    if credibility < r.legitimacy_floor:
        damaged.append(f"your credibility ended at {credibility:.2f}, below "
                       f"{r.legitimacy_floor:.2f}")
    if exposed:
        damaged.append("the consultation was exposed as a foregone conclusion")
    elif consultation == "false":
        damaged.append("the consultation only announced a decision already made: its "
                       "legitimacy rests on nobody noticing")
    if passed_share < r.consensus_share:
        damaged.append(f"only {passed_share:.0%} of the forum's weight backed it (a consensus "
                       f"needs about {r.consensus_share:.0%})"
                       + (f"; {dissent} members did not" if dissent else ""))
    if opposition >= r.opposition_ceiling:
        damaged.append(f"{opposition:.0%} of the forum's weight still opposed it")
    if damaged:
        reasons.append("The plan passed, but " + "; ".join(damaged) + ".")
        return "pushed_through", reasons
    if ambition < r.hollow_below:
        reasons.append(f"The plan passed with broad support, but only {ambition:.0%} of its "
                       "original ambition survived the trades made to get it there.")
        return "hollow", reasons
    reasons.append(f"The plan passed with {passed_share:.0%} support, {ambition:.0%} of its "
                   f"ambition intact and credibility at {credibility:.2f}.")
    return "consensus", reasons
