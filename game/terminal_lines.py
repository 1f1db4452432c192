"""The terminal edition's lines: what it prints about people, changes, demands and moves,
written to be heard through a screen reader as much as read (full names, ids where they are
typed, a true minus sign, many alike changes said once). Presentation only: every figure,
reason and legal move comes from the engine's view, events and choices."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from faultlines.engine.choices import Choice
from faultlines.engine.domain import CONTRIBUTIONS
from faultlines.engine.events import Event
from faultlines.engine.view import PersonView, PlayerView
from faultlines.game.report.words import (
    SECTORS,
    listing,
    lower_first,
    number,
    plural,
    signed,
)
from faultlines.game.text import stance_word

#: From how many people moving alike their changes are said in one line.
GROUP_FROM = 3
#: How many of a change's known reasons are named.
REASONS_NAMED = 2
#: How many of the stakeholders' own actions `news` repeats.
NEWS_SHOWN = 8

POSITION_WORDS = {"central": "central to the system", "intermediate": "middle-ranking",
                  "marginal": "on the margins"}


def who(v: PlayerView, sid: str) -> str:
    """A person by full name with the id that is typed for them ("Prof. Alan Rooke (teaching)")."""
    try:
        return f"{v.person(sid).name} ({sid})"
    except StopIteration:
        return sid


def numbered(moves: Sequence[Choice], kind: str) -> str:
    """A move as it is typed: its number in the move list, its label and its kind."""
    for n, m in enumerate(moves, 1):
        if m.kind == kind:
            return f"move {n} ({kind}), {m.label[:1].lower()}{m.label[1:]}"
    return kind


def sentence(text: str) -> str:
    """Authored or generated text as a sentence (capital first, a full stop at the end)."""
    text = text.strip()
    if not text:
        return ""
    text = text[:1].upper() + text[1:]
    return text if text[-1] in ".!?\"'”)" else text + "."


def person_line(n: int, p: PersonView) -> str:
    """One stakeholder in a sentence: number and id to type, full name and organisation,
    their part in the decision, influence and the estimated stance in words."""
    parts = [s for s, on in (("decides", p.in_forum), ("can block", p.can_block),
                             ("drivers known", bool(p.drivers))) if on]
    band = f" \u00b1 {p.uncertainty:.2f}" if p.uncertainty > 0.01 else ""
    role = f"; {', '.join(parts)}" if parts else ""
    return (f"{n:2d} {p.id}: {p.name}, {p.organisation}{role}. Influence {p.influence:.2f}. "
            f"Stance {signed(p.estimate)}{band}, {stance_word(p.estimate)}.")


def support_line(v: PlayerView, support_at: float, *, explain: bool = True) -> str:
    """The reading of the room; `explain` says how it is counted (said once, and in `look`)."""
    if not explain:
        return (f"Support about {v.support_estimate:.0%} of the forum's weight; "
                f"it needs {v.support_needed:.0%}.")
    return (f"Reading the room: about {v.support_estimate:.0%} of the deciding forum's weight "
            f"seems to support the plan (counting those whose stance reads "
            f"{signed(support_at)} or more); it needs {v.support_needed:.0%}.")


def trade_words(v: PlayerView) -> str:
    return (f"To trade: {plural(v.roles, 'leadership role')}, "
            f"{plural(v.funds, 'transitional fund')}, "
            f"{plural(v.external, 'external funding bid')}.")


def figures_line(v: PlayerView, *, trade: bool = True) -> str:
    return (f"{v.stage_name}, round {v.round} of {v.rounds}. {plural(v.calendar, 'month')} "
            f"left. Credibility {number(v.credibility)}. Capacity {v.capacity} of "
            f"{v.capacity_max}." + (f" {trade_words(v)}" if trade else ""))


def demand_line(v: PlayerView, d: Any, moves: Sequence[Choice]) -> str:
    """A demand from the view (`v.demands`), who makes it and the move that meets it."""
    kind, mode = d.move
    how = numbered(moves, kind) + (f" with mode {mode}" if mode else "")
    if d.beneficiary:
        how += f" for {who(v, d.beneficiary)}"
    by = listing([who(v, x) for x in d.by])
    return f"Demand from {by}: {sentence(d.note)} Meet it with {how}."


def standoff_line(v: PlayerView, so: Any, moves: Sequence[Choice]) -> str:
    """The view's stand-off (`v.standoff`): who is in it and the move that breaks it."""
    members = listing([who(v, x) for x in so.members])
    return (f"Stand-off between {members}: {sentence(so.note)} Break it with "
            f"{numbered(moves, so.broken_by)}, written by two of them.")


def move_line(n: int, m: Choice) -> str:
    args = ", ".join(f"{p} ({' or '.join(m.modes)})" if p == "mode" else p for p in m.params)
    line = f"{n:2d} {m.kind}: {m.label}"
    if args:
        line += f"; choose {args}"
    return line + f"; cost {m.cost_text}."


def moves_lines(moves: Sequence[Choice]) -> list[str]:
    """The moves possible now, then the others with the reason each is not."""
    out = ["Possible now:"]
    out += [move_line(n, m) for n, m in enumerate(moves, 1) if m.reason is None]
    later = [(n, m) for n, m in enumerate(moves, 1) if m.reason is not None]
    if later:
        out.append("Not possible now:")
        out += [f"{n:2d} {m.kind}: {m.label}. {m.reason}" for n, m in later]
    return out


def card_lines(v: PlayerView, p: PersonView) -> list[str]:
    """A stakeholder's card in sentences (sector and position in words, no raw ids)."""
    names = {c["id"]: c["name"] for c in v.components}
    sector = SECTORS.get(p.sector, p.sector.replace("_", " "))
    out = [f"{p.name} ({p.id}), {p.role}, {p.organisation}: {sector}, "
           f"{POSITION_WORDS.get(p.position, p.position)}.",
           f"  Says in public: {p.public_stance}",
           f"  Influence {p.influence:.2f}. Controls "
           f"{listing([names.get(c, c) for c in p.controls]) or 'nothing the plan needs'}.",
           f"  Stance estimate {signed(p.estimate)}"
           + (f" \u00b1 {p.uncertainty:.2f}" if p.uncertainty > 0.01 else "")
           + f", {stance_word(p.estimate)}. Trust in you: "
           + ("unknown" if p.trust is None else number(p.trust)) + "."]
    if p.drivers:
        out.append(f"  Drivers: {p.drivers}")
        if p.history and p.history.strip(" -"):
            out.append(f"  History: {p.history}")
        if p.stakes:
            out.append("  Stakes: " + "; ".join(f"{names.get(k, k)} {signed(x)}"
                                                for k, x in p.stakes.items()))
        if p.at_stake:
            out.append(f"  What would answer their loss: {p.at_stake}")
    else:
        out.append("  Drivers: unknown until you listen to them.")
    out.append("  Why their stance is what it is:")
    for name, value in p.why:
        if value is not None and abs(value) >= 0.005:
            out.append(f"    {CONTRIBUTIONS[name]}: {signed(value)}")
    unknown = [lower_first(CONTRIBUTIONS[name]) for name, value in p.why if value is None]
    if unknown:  # one line, not one "unknown" each: it is read aloud
        out.append(f"    Still unknown: {listing(unknown)}.")
    return out


# -- what changed after a move -----------------------------------------------------------
def _reasons(e: Event, p: PersonView) -> tuple[tuple[str, float], ...]:
    """The parts of a stance change the player can see (their largest first)."""
    known = dict(p.why)
    parts = [(k, x) for k, x in e.data.get("why", {}).items() if known.get(k) is not None]
    parts.sort(key=lambda kv: -abs(kv[1]))
    return tuple(parts[:REASONS_NAMED])


def _unseen(cause: str) -> str:
    when = "your move" if cause == "move" else "the round's events"
    return f"after {when}; why is unknown until you listen to them"


def shift_lines(events: Sequence[Event], v: PlayerView) -> list[str]:
    """Who warmed or cooled and why, one line each; many moving alike for the same main
    reason are said in one line."""
    groups: dict[tuple[bool, str, str | None], list[tuple[PersonView, tuple]]] = {}
    for e in events:
        if e.kind != "shift":
            continue
        try:
            p = v.person(e.data.get("target"))
        except StopIteration:
            continue
        up = e.data.get("after", 0.0) > e.data.get("before", 0.0)
        why = _reasons(e, p)
        key = (up, e.data.get("cause", "move"), why[0][0] if why else None)
        groups.setdefault(key, []).append((p, why))
    out = []
    for (up, cause, main), members in groups.items():
        verb = ("warms", "warm") if up else ("cools", "cool")
        on = "to the plan" if up else "on the plan"
        if len(members) >= GROUP_FROM:
            if main is None:
                because = _unseen(cause)
            else:
                values = sorted(signed(dict(w)[main]) for _, w in members)
                span = values[0] if values[0] == values[-1] else f"{values[0]} to {values[-1]}"
                because = f"mainly {lower_first(CONTRIBUTIONS[main])}, {span}"
            names = listing([f"{p.name} ({p.id})" for p, _ in members])
            out.append(f"{len(members)} people {verb[1]} {on} ({because}): {names}.")
            continue
        for p, why in members:
            because = ", ".join(f"{lower_first(CONTRIBUTIONS[k])} {signed(x)}" for k, x in why) \
                if why else _unseen(cause)
            out.append(f"{p.name} ({p.id}) {verb[0]} {on} ({because}).")
    return out
