"""The five outcomes, each decided from state and explained (plural, not win/lose)."""

from __future__ import annotations

import numpy as np
from faultlines.engine.case import Case
from faultlines.engine.decision import Decision
from faultlines.engine.state import GameState


def classify_pass(case: Case, st: GameState, d: Decision) -> tuple[str, list[str]]:
    """A sign-off passed: was it consensus, hollow, or pushed through?"""
    r = case.scenario.rules
    reasons: list[str] = []
    damaged = []
    if st.credibility < r.legitimacy_floor:
        damaged.append(f"your credibility ended at {st.credibility:.2f}, below "
                       f"{r.legitimacy_floor:.2f}")
    if st.exposed:
        damaged.append("the consultation was exposed as a foregone conclusion")
    elif st.consultation == "false":
        damaged.append("the consultation only announced a decision already made: its "
                       "legitimacy rests on nobody noticing")
    if d.share < r.consensus_share:
        damaged.append(f"only {d.share:.0%} of the forum's weight backed it (a consensus "
                       f"needs about {r.consensus_share:.0%})"
                       + (f"; {len(d.abstain) + len(d.oppose)} members did not" if
                          d.abstain or d.oppose else ""))
    if d.opposition >= r.opposition_ceiling:
        damaged.append(f"{d.opposition:.0%} of the forum's weight still opposed it")
    ambition = float(np.mean(st.ambition))
    if damaged:
        reasons.append("The plan passed, but " + "; ".join(damaged) + ".")
        return "pushed_through", reasons
    if ambition < r.hollow_below:
        reasons.append(f"The plan passed with broad support, but only {ambition:.0%} of its "
                       "original ambition survived the trades made to get it there.")
        return "hollow", reasons
    reasons.append(f"The plan passed with {d.share:.0%} support, {ambition:.0%} of its "
                   f"ambition intact and credibility at {st.credibility:.2f}.")
    return "consensus", reasons
