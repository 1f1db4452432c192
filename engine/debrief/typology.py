"""Waring, Bishop & Roe's typology of negotiations (Discussion), as a pure classifier.

Three dimensions - inclusive or exclusive, planned or organic, significant or limited
impact - give the paper's four types; we add `open` for an inclusive episode that really
settled something, which is what the four types depart from:

- non_negotiation: an issue deliberately kept off the table, so nobody negotiates it;
- false: inclusive and planned, presented as deciding, but the decision was already
  taken elsewhere (a consultation after the fact);
- exclusive: a few senior actors, usually backstage and organic, settling major matters;
- stage_managed: inclusive and planned, but the convenor set the agenda and bounds, so
  the impact is limited;
- open: inclusive and significant, with nobody having fixed the outcome in advance.
"""

from __future__ import annotations

from dataclasses import dataclass

TYPES = ("open", "stage_managed", "exclusive", "false", "non_negotiation")
TYPE_NAMES = {
    "open": "Open negotiation",
    "stage_managed": "Stage-managed negotiation",
    "exclusive": "Exclusive negotiation",
    "false": "False negotiation",
    "non_negotiation": "Non-negotiation",
}
TYPE_MEANINGS = {
    "open": "Inclusive, and it settled something that had not been fixed beforehand.",
    "stage_managed": "Inclusive and scheduled, but the convenor set its agenda and bounds, "
                     "so its impact was limited.",
    "exclusive": "A few senior actors, often backstage, settling something that matters.",
    "false": "Presented as open and decisive, but the decision had already been made.",
    "non_negotiation": "An issue kept off the table, so nobody could negotiate it.",
}
#: A shape for each type, so no report relies on colour alone.
TYPE_MARKS = {"open": "●", "stage_managed": "■", "exclusive": "▲", "false": "◆",
              "non_negotiation": "○"}
SOURCE = "Waring, Bishop & Roe, Discussion (typology of negotiations)"


@dataclass(frozen=True, kw_only=True)
class Dimensions:
    """The facts the classifier needs about one episode."""

    inclusive: bool
    planned: bool
    significant: bool
    decided_beforehand: bool = False  # the outcome was settled elsewhere first
    agenda_set: bool = False  # the convenor fixed the agenda and what was on it
    kept_off: bool = False  # the episode is an issue held off the table


def classify(d: Dimensions) -> str:
    """The episode's type; the order of the tests is the order of precedence."""
    if d.kept_off:
        return "non_negotiation"
    if d.inclusive and d.planned and d.decided_beforehand:
        return "false"
    if not d.inclusive:
        return "exclusive"
    if d.agenda_set or (d.planned and not d.significant):
        return "stage_managed"
    return "open"
