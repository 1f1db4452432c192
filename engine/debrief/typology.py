"""Waring, Bishop & Roe's typology of negotiations (Discussion): the one place for its words.

Three dimensions - inclusive or exclusive, planned or organic, significant or limited
impact - give the paper's four types; we add `open` (our label, not the paper's) for an
inclusive episode that really settled something, which is what the four types depart from:

- non_negotiation: an issue deliberately kept off the table, or a consultation never run,
  so nobody negotiates it;
- false: presented as deciding the matter, but it had been settled elsewhere first - a
  consultation after the decision, or a Board ratifying a backstage deal;
- exclusive: a few central actors, away from any scheduled forum, settling a major matter;
- stage_managed: a scheduled forum bounded by its convenor: the agenda was set, the
  affected were not all in the room, or it settled little;
- open: inclusive and significant, with nobody having fixed the outcome in advance.

A small private offer that settles nothing is an exchange outside the typology: its type is
None, and `type_name`, `type_mark` and `type_meaning` word it for every view.

Which type an episode has is decided by the engine as the episode happens
(`engine.negotiation.classify`), and the debrief reads it from the log. `classify` below is
the older rule, kept only to reconstruct the episodes of logs written before the engine
recorded them (engine.debrief.episodes). The two disagree on purpose in places the older
rule got wrong: it calls every episode that is not inclusive "exclusive" (so a scheduled
committee without marginal members was an elite backstage negotiation) and looks for false
negotiation only where a consultation followed a decision taken in advance.
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
    "open": "Our own label, not one of the paper's types: inclusive, and it settled "
            "something that had not been fixed beforehand.",
    "stage_managed": "Scheduled and formal, but bounded by its convenor: the agenda was set, "
                     "those affected were not all in the room, or it settled little.",
    "exclusive": "A few central actors, away from any scheduled forum, settling something "
                 "that matters.",
    "false": "Presented as deciding the matter, but it had already been settled elsewhere: "
             "a consultation after the decision, or a forum ratifying a backstage deal.",
    "non_negotiation": "An issue kept off the table, or a consultation never run: nobody "
                       "could negotiate it.",
}
#: A shape for each type, so no report relies on colour alone.
TYPE_MARKS = {"open": "●", "stage_managed": "■", "exclusive": "▲", "false": "◆",
              "non_negotiation": "○"}
SOURCE = "Waring, Bishop & Roe, Discussion (typology of negotiations)"
#: How an exchange outside the typology (type None) is named, marked and explained.
OUTSIDE = "outside"
OUTSIDE_NAME = "Exchange outside the typology"
OUTSIDE_MARK = "·"
OUTSIDE_MEANING = ("A small private offer that settled nothing: not one of the typology's "
                   "negotiations.")
OPEN_IS_OURS = ('"Open negotiation" is our name for the inclusive, significant episodes the '
                "paper's four types depart from; it is not one of the paper's types.")


def type_key(kind: str | None) -> str:
    """The type's key for a view (a CSS class, a count): `outside` for an exchange."""
    return kind or OUTSIDE


def type_name(kind: str | None) -> str:
    return TYPE_NAMES[kind] if kind else OUTSIDE_NAME


def type_mark(kind: str | None) -> str:
    return TYPE_MARKS[kind] if kind else OUTSIDE_MARK


def type_meaning(kind: str | None) -> str:
    return TYPE_MEANINGS[kind] if kind else OUTSIDE_MEANING


@dataclass(frozen=True, kw_only=True)
class Dimensions:
    """The facts the older classifier needs about one reconstructed episode."""

    inclusive: bool
    planned: bool
    significant: bool
    decided_beforehand: bool = False  # the outcome was settled elsewhere first
    agenda_set: bool = False  # the convenor fixed the agenda and what was on it
    kept_off: bool = False  # the episode is an issue held off the table


def classify(d: Dimensions) -> str:
    """The older rule, for logs without recorded episodes only (see the module's note);
    the order of the tests is the order of precedence."""
    if d.kept_off:
        return "non_negotiation"
    if d.inclusive and d.planned and d.decided_beforehand:
        return "false"
    if not d.inclusive:
        return "exclusive"
    if d.agenda_set or (d.planned and not d.significant):
        return "stage_managed"
    return "open"
