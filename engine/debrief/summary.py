"""The debrief in brief, for a shell to show when a game ends: the outcome and why, the move
mix, the turning points, the swings no move caused, the links that most changed the
game's course, and the negotiation episodes by type (naming the false negotiations and
non-negotiations, which put the plan's consent in doubt).

Built from a `Debrief` only, so the window's debrief, the terminal edition and the HTML
report (which shows the whole `Debrief`) can never name different turning points or
blame a move for what a scenario event did.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from faultlines.engine.debrief.causes import key_causes
from faultlines.engine.debrief.model import Cause, Debrief, Episode, EventSwing, TurningPoint
from faultlines.engine.debrief.typology import TYPES, type_mark, type_name
from faultlines.engine.domain import FAMILY_NAMES

EVENT_SWINGS = 3  # the largest swings no move caused, told in brief
#: Each kind of link in the chain of causes, as every shell labels it.
CAUSE_WORDS = {"decision": "Decision", "hiatus": "Hiatus", "exposure": "Exposure",
               "resurface": "Resurfacing", "scenario": "Event", "reopen": "Re-opened",
               "move": "Your move", "outcome": "Outcome", "action": "Their move"}


@dataclass(frozen=True, kw_only=True)
class Summary:
    """What a player reads first when a game ends; `lines()` is its plain-text form."""

    outcome: str | None
    outcome_name: str
    outcome_title: str
    outcome_text: str
    reasons: list[str]
    moves: int
    move_mix: dict[str, int]  # family -> moves played (ending a round not counted)
    turning_points: list[TurningPoint]  # what the player's moves themselves changed most
    event_swings: list[EventSwing]  # what moved people that no move caused
    causes: list[Cause]  # the links that most changed the game's course, in order
    credibility: float
    months_used: int
    months: int
    hiatuses: int
    passed: list[str]  # the stages agreed, by name
    consultation: str | None
    exposed: bool
    episode_types: dict[str, int]  # type name -> episodes of that type, in the typology's order
    doubtful: list[Episode]  # the false negotiations and non-negotiations, in order
    episodes_recorded: bool  # False: an older log's episodes, reconstructed

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def mix_text(self) -> str:
        """'Listening 2, Framing 1' in the domain's family order ('none' before any move)."""
        return ", ".join(f"{FAMILY_NAMES[f]} {n}" for f, n in self.move_mix.items()) or "none"

    @property
    def facts(self) -> str:
        """The game in one sentence: moves, credibility, months, hiatuses, consultation."""
        return (f"{self.moves} moves; credibility {self.credibility:.2f} at the end; "
                f"{self.months_used} of {self.months} months used; {self.hiatuses} "
                f"{'hiatus' if self.hiatuses == 1 else 'hiatuses'}; stages agreed: "
                f"{', '.join(self.passed) or 'none'}; consultation: "
                f"{self.consultation or 'not run'}"
                + (" (exposed as a rubber stamp)." if self.exposed else "."))

    @property
    def episodes_text(self) -> str:
        """'Open negotiation 3, False negotiation 1' ('none' before any episode)."""
        return ", ".join(f"{k} {n}" for k, n in self.episode_types.items()) or "none"

    def doubtful_lines(self) -> list[str]:
        """Each false negotiation and non-negotiation as one line."""
        return [f"{type_mark(e.type)} {type_name(e.type)}: {e.title} ({e.when})"
                for e in self.doubtful]

    def lines(self) -> list[str]:
        """The summary as plain text lines (the terminal edition prints these)."""
        out = [f"=== Outcome: {self.outcome_name} ===", f"{self.outcome_title}. {self.outcome_text}"]
        out += [f"Why: {r}" for r in self.reasons]
        out.append(f"Your game: {self.facts}")
        out.append(f"Moves by family: {self.mix_text}.")
        out.append("Turning points (what your moves themselves changed most):")
        for n, t in enumerate(self.turning_points, 1):
            out.append(f"  {n}. {t.title} ({t.move.when}); swing {t.swing:.2f}: "
                       + "; ".join(t.effects[:2]))
        if not self.turning_points:
            out.append("  (none: no move of yours moved anyone enough to record)")
        if self.event_swings:
            out.append("What moved people that was not your move:")
            out += [f"  - {s.title}: " + "; ".join(s.effects[:2]) for s in self.event_swings]
        if self.causes:
            out.append("How it came about:")
            out += [f"  - {CAUSE_WORDS.get(c.kind, c.kind)} ({c.when}): {c.text}"
                    for c in self.causes]
        out.append(f"Negotiation episodes: {self.episodes_text}"
                   + ("" if self.episodes_recorded else " (reconstructed from an older log)")
                   + ".")
        out += [f"  - {line}" for line in self.doubtful_lines()]
        return out


def summarise(d: Debrief) -> Summary:
    """The compact summary of a debrief."""
    names = {sid: name for sid, name, _, _ in d.stage_spans}
    months_left = int(d.final.get("calendar", d.calendar[-1][1] if d.calendar else 0))
    return Summary(
        outcome=d.outcome, outcome_name=d.outcome_name, outcome_title=d.outcome_title,
        outcome_text=d.outcome_text, reasons=list(d.outcome_reasons), moves=len(d.moves),
        move_mix=dict(d.move_mix), turning_points=list(d.turning_points),
        event_swings=list(d.event_swings[:EVENT_SWINGS]), causes=key_causes(d.causes),
        credibility=float(d.final.get("credibility", d.credibility[-1][1])),
        months_used=d.calendar_start - months_left, months=d.calendar_start,
        hiatuses=sum(1 for c in d.causes if c.kind == "hiatus"),
        passed=[names.get(sid, sid) for sid in d.final.get("passed", [])],
        consultation=d.final.get("consultation"), exposed=bool(d.final.get("exposed")),
        episode_types=episode_types(d.episodes),
        doubtful=[e for e in d.episodes if e.type in DOUBTFUL],
        episodes_recorded=d.episodes_recorded)


#: types that mean a matter was not really negotiated where it was presented as being
DOUBTFUL = ("false", "non_negotiation")


def episode_types(episodes: list[Episode]) -> dict[str, int]:
    """How many episodes of each type, by the type's name (exchanges outside the typology
    last); types that did not occur are left out."""
    out = {}
    for t in (*TYPES, None):
        n = sum(1 for e in episodes if e.type == t)
        if n:
            out[type_name(t)] = n
    return out
