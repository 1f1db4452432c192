"""The negotiated order as it happens: every negotiation episode is recorded by the engine
when it takes place, with the three dimensions of Waring, Bishop & Roe's typology computed
from what really happened (Discussion):

- inclusive: the parties affected by the matter took part - judged against who stands to
  gain or lose from the components at issue, not "any marginal member voted";
- planned: a scheduled forum, consultation or agenda, versus an organic backstage or ad hoc
  exchange;
- significant: the episode changed the terms or decided the matter, versus the matter having
  been settled elsewhere beforehand.

From these the episode's type follows (engine.debrief.typology keeps the names): a matter
kept off the table is a non-negotiation; a planned episode presented as deciding a matter
already settled elsewhere is false - at any forum, a Board ratifying a backstage deal as much
as a consultation after the decision; an organic, exclusive episode that settles something is
exclusive; a planned episode whose agenda and bounds the convenor fixed, or whose impact was
limited, is stage-managed; an inclusive one that really settled something is open (our own
label, not the paper's). A small private offer that settles nothing is an exchange, not an
episode of the typology.

The ledger of settled matters (`GameState.settled`) records which component was settled
where, so a later forum or consultation on it can be recognised as false.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from faultlines.engine.tuning import TUNING

if TYPE_CHECKING:
    from faultlines.engine.case import Case
    from faultlines.engine.state import GameState

SETTINGS = ("forum", "consultation", "agenda", "backstage", "exchange", "withheld")
#: settings that are scheduled and formal (planned); the rest are organic
PLANNED = ("forum", "consultation", "agenda", "withheld")


@dataclass(frozen=True, kw_only=True)
class Episode:
    """One negotiation episode, as it happened."""

    number: int  # 1, 2, ... in the order they happened
    stage: str
    round: int
    move: int  # the move that caused it (-1: the world, the calendar or a scenario event)
    setting: str  # one of SETTINGS
    title: str  # what it was, in a few words
    components: tuple[str, ...]  # the parts of the plan at issue
    participants: tuple[str, ...]  # who took part
    affected: tuple[str, ...]  # who stands to gain or lose from the components at issue
    inclusive: bool
    planned: bool
    significant: bool
    presented_significant: bool  # offered to participants as deciding the matter
    settled_elsewhere: tuple[str, ...]  # components at issue already settled elsewhere
    agenda_set: bool = False  # the convenor fixed the agenda and bounds
    kept_off: bool = False  # the matter was held off the table
    type: str | None = None  # the typology's type, or None for a minor exchange
    evidence: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for k in ("components", "participants", "affected", "settled_elsewhere", "evidence"):
            d[k] = list(d[k])
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Episode:
        fields = {**d}
        for k in ("components", "participants", "affected", "settled_elsewhere", "evidence"):
            fields[k] = tuple(fields.get(k) or ())
        return cls(**fields)


def classify(*, inclusive: bool, planned: bool, significant: bool, settled_elsewhere: bool,
             presented_significant: bool, agenda_set: bool, kept_off: bool) -> str | None:
    """The typology's type from the dimensions; the order of the tests is precedence."""
    if kept_off:
        return "non_negotiation"
    if planned and presented_significant and settled_elsewhere and not significant:
        return "false"
    if not planned:
        return "exclusive" if (significant and not inclusive) else (
            "open" if significant else None)
    if agenda_set or not significant or not inclusive:
        return "stage_managed"
    return "open"


def affected(case: Case, st: GameState, components: tuple[str, ...]) -> np.ndarray:
    """Who stands to gain or lose from these components (a mask over stakeholders)."""
    if not components:
        return np.zeros(case.n, bool)
    cols = [case.comp_index[c] for c in components]
    stake = np.abs(case.stakes[:, cols] + st.stake_mod[:, cols]).max(axis=1)
    return stake >= TUNING.affected_stake


def inclusion(case: Case, st: GameState, components: tuple[str, ...],
              present: np.ndarray) -> tuple[bool, tuple[str, ...]]:
    """Whether the affected took part (by the weight of what they stand to gain or lose),
    and who of them was missing."""
    hit = affected(case, st, components)
    if not hit.any():
        return True, ()
    cols = [case.comp_index[c] for c in components]
    weight = np.abs(case.stakes[:, cols] + st.stake_mod[:, cols]).max(axis=1) * hit
    share = float(weight[present].sum() / weight.sum())
    missing = tuple(case.ids[i] for i in np.flatnonzero(hit & ~present))
    return share >= TUNING.inclusive_share, missing


def record(case: Case, st: GameState, *, stage: str, round_: int, move: int, setting: str,
           title: str, components: tuple[str, ...], participants: np.ndarray,
           significant: bool, presented_significant: bool = False,
           agenda_set: bool = False, kept_off: bool = False,
           evidence: tuple[str, ...] = ()) -> Episode:
    """Compute an episode's dimensions from what happened, append it to the state's record
    and return it."""
    planned = setting in PLANNED
    inclusive, missing = inclusion(case, st, components, participants)
    settled = tuple(c for c in components if c in st.settled)
    fully_settled = bool(components) and len(settled) == len(components)
    why = list(evidence)
    if missing and not kept_off:
        why.append("Affected but absent: " + ", ".join(case.name(x) for x in missing) + ".")
    if settled:
        why.append("Already settled elsewhere: " + ", ".join(
            f"{_component_name(case, c)} ({st.settled[c]})" for c in settled) + ".")
    kind = classify(inclusive=inclusive, planned=planned, significant=significant,
                    settled_elsewhere=fully_settled,
                    presented_significant=presented_significant, agenda_set=agenda_set,
                    kept_off=kept_off)
    ep = Episode(number=len(st.episodes) + 1, stage=stage, round=round_, move=move,
                 setting=setting, title=title, components=components,
                 participants=tuple(case.ids[i] for i in np.flatnonzero(participants)),
                 affected=tuple(case.ids[i] for i in np.flatnonzero(
                     affected(case, st, components))),
                 inclusive=inclusive, planned=planned, significant=significant,
                 presented_significant=presented_significant, settled_elsewhere=settled,
                 agenda_set=agenda_set, kept_off=kept_off, type=kind, evidence=tuple(why))
    st.episodes.append(ep)
    return ep


def settle(st: GameState, components: tuple[str, ...], where: str) -> None:
    """Note that these components were settled (first settlement wins: later forums on
    them ratify rather than decide)."""
    for c in components:
        st.settled.setdefault(c, where)


def reopen(st: GameState, components: tuple[str, ...]) -> None:
    """The terms of these components changed in the open: they are no longer settled
    elsewhere (a genuine consultation that amends them, a dispute re-opened)."""
    for c in components:
        st.settled.pop(c, None)


def tainted(st: GameState) -> list[Episode]:
    """Significant episodes on the way that were false or non-negotiations: a plan that
    passed through them cannot be called a genuine consensus."""
    return [e for e in st.episodes if e.type in ("false", "non_negotiation")]


def _component_name(case: Case, cid: str) -> str:
    return case.scenario.plan.components[case.comp_index[cid]].name
