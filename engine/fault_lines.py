"""Moves work on the fault-line they address (Waring et al. 2023, Findings and Discussion).

The first paper organises leaders' strategies by the fault-line each answers: listening and
framing work on meaning and values, compensation on winners and losers, alliances and
process on power and influence. This module makes that a rule, not a label:

- A loss is a loss *in something*: the four Rs (roles, responsibilities, relationships,
  resources: Waring et al. 2023, Findings: winners and losers). What is at stake in a
  component depends on its issue (a governance component puts roles and responsibilities at
  stake, a resources one money: `TUNING.fault_lines`), weighted by what each person cares
  about (their `interests`).
- Compensation answers only the R it is paid in: money offsets what someone loses in
  resources, a leadership role what they lose in roles and responsibilities, a repaired or
  new relationship what they lose in relationships. So a governance dispute is not bought
  off with money.
- A broad vision closes a gap in meaning and values; it does not make up for a loss in the
  Rs (a dispute about resources is not solved by a vision speech).
"""

from __future__ import annotations

import numpy as np
from faultlines.engine.case import Case
from faultlines.engine.domain import RS
from faultlines.engine.state import GameState
from faultlines.engine.tuning import TUNING

ROLES, RESPONSIBILITIES, RELATIONSHIPS, RESOURCES = range(4)  # columns, in RS order
assert RS == ("roles", "responsibilities", "relationships", "resources")


def profile(case: Case) -> np.ndarray:
    """(N, C, 4): for person i and component j, how a loss in j falls over the four Rs -
    the component's issue profile weighted by what the person cares about, summing to 1."""
    found = case.derived.get("fault_lines")
    if found is None:
        issues = [c.issue for c in case.scenario.plan.components]
        by_issue = np.array([getattr(TUNING.fault_lines, issue) for issue in issues], float)
        raw = by_issue[None, :, :] * case.interests[:, None, :]  # (N, C, 4)
        total = raw.sum(axis=2, keepdims=True)
        found = np.where(total > 1e-9, raw / np.where(total > 1e-9, total, 1.0),
                         by_issue[None, :, :] / by_issue.sum(axis=1)[None, :, None])
        case.derived["fault_lines"] = found
    return found


def on_table(case: Case, st: GameState) -> np.ndarray:
    """The plan's ambition as this forum weighs it: an item kept off its table does not
    count here (it is deferred, not settled)."""
    if not st.kept_off:
        return st.ambition
    ambition = st.ambition.copy()
    for cid in st.kept_off:
        ambition[case.comp_index[cid]] = 0.0
    return ambition


def losses(case: Case, st: GameState, stake: np.ndarray) -> np.ndarray:
    """(N, 4): what each person stands to lose in each R, on the stance scale.

    `stake` is the stance's stake contribution (net over components); a net loss is spread
    over the Rs in the proportions of the components they lose from."""
    per_comp = np.minimum((case.stakes + st.stake_mod) * case.stake_weight * on_table(case, st),
                          0.0)
    lost = -per_comp  # (N, C) >= 0
    weight = lost.sum(axis=1)
    share = np.einsum("ij,ijr->ir", lost, profile(case))
    share = share / np.where(weight > 1e-12, weight, 1.0)[:, None]
    return np.maximum(-stake, 0.0)[:, None] * share


def compensation(case: Case, st: GameState, stake: np.ndarray) -> np.ndarray:
    """The compensation part of each stance: what was offered in each R counts up to the
    loss in that R; general goodwill (everyone giving up a little) offsets what is left;
    beyond the loss it buys only a little goodwill, and an offer in an R the person loses
    nothing in is a gesture worth a fraction of that."""
    lost = losses(case, st, stake)
    typed = np.minimum(st.offset, lost).sum(axis=1)
    over = np.maximum(st.offset - lost, 0.0)
    # paid in an R they lose nothing in: a gesture, worth a fraction of its face value
    wrong = (over * (lost <= 1e-12)).sum(axis=1)
    surplus = over.sum(axis=1) - wrong + TUNING.fault_lines.gesture_worth * wrong
    left = np.maximum(-stake, 0.0) - typed
    general = np.minimum(st.compensation, np.maximum(left, 0.0))
    surplus += st.compensation - general
    return typed + general + np.minimum(surplus, TUNING.stance.compensation_goodwill)


def vision(case: Case, st: GameState, values: np.ndarray) -> np.ndarray:
    """The vision part of each stance: the broad vision lifts those whose values sit apart
    from the plan (it speaks to meaning), and is worth only a little goodwill beyond that."""
    gap = np.maximum(-values, 0.0) + TUNING.fault_lines.vision_goodwill
    return np.minimum(st.vision, gap)


def pay(st: GameState, i: int, columns: tuple[int, ...], weights: np.ndarray,
        amount: float) -> None:
    """Credit an offer to person i in the given Rs, split by `weights` (their interests)."""
    w = np.asarray(weights, float)
    w = w / w.sum() if w.sum() > 1e-12 else np.full(len(columns), 1.0 / len(columns))
    for col, share in zip(columns, w, strict=True):
        st.offset[i, col] += amount * share


def answered(case: Case, st: GameState, stake: np.ndarray, i: int,
             columns: tuple[int, ...]) -> float:
    """The share of person i's loss that lies in these Rs (0 when they lose nothing)."""
    lost = losses(case, st, stake)[i]
    total = lost.sum()
    return float(lost[list(columns)].sum() / total) if total > 1e-12 else 1.0


def r_names(columns: tuple[int, ...]) -> str:
    """'roles and responsibilities'."""
    names = [RS[c] for c in columns]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def main_loss(case: Case, st: GameState, stake: np.ndarray, i: int) -> tuple[int, ...]:
    """The Rs that make up most of person i's loss, largest first (for explanations)."""
    return _largest(losses(case, st, stake)[i])


def _largest(lost: np.ndarray) -> tuple[int, ...]:
    """The largest Rs of a loss that together make up `main_loss_share` of it."""
    out, acc = [], 0.0
    for k in (int(k) for k in np.argsort(-lost) if lost[k] > 1e-9):
        out.append(k)
        acc += float(lost[k])
        if acc >= TUNING.fault_lines.main_loss_share * float(lost.sum()):
            break
    return tuple(out)


#: what answers a loss in each R (the moves that pay in it), for the player's card
ANSWERS = {ROLES: "a leadership role", RESPONSIBILITIES: "a leadership role",
           RELATIONSHIPS: "a dialogue or a private relationship", RESOURCES: "money"}


def advice(left: np.ndarray) -> str | None:
    """One line for a person's card: what they still stand to lose, by R, and what answers
    it (None when they lose nothing worth naming). `left` is the radar's `at_stake` row."""
    total = float(left.sum())
    if not np.isfinite(total) or total < TUNING.fault_lines.noticed_loss:
        return None
    main = _largest(left)
    answers = list(dict.fromkeys(ANSWERS[k] for k in main))
    wrong = [w for w in ("money", "a leadership role") if w not in answers]
    line = (f"Still stands to lose {total:.2f}, mostly in {r_names(main)}: "
            f"{' or '.join(answers)} would answer it")
    return line + (f"; {wrong[0]} would not." if wrong else ".")
