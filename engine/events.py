"""The one stream every view reads: the log, transcript, animations, replay and debrief."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, kw_only=True)
class Event:
    """Something that happened. `kind` says what; `text` is the narrative line to show.

    kinds: move, reveal, shift, scenario, decision, stage, hiatus, outcome, exposure,
    resurface, round, warning, and `action` - something a stakeholder did of their own
    accord (engine.agency; `data`: actor, action, public, seen, channel, effects).
    """

    kind: str
    text: str
    stage: str = ""
    round: int = 0
    move: int = -1  # index of the move that caused it (-1: the calendar or the briefing)
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        return cls(**d)


def join_names(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C' - for narrative lines."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
