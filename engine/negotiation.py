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
where, so a later forum or consultation on it can be recognised as false; engine.episodes
records the episodes at the moments they happen.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    pass

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
